/**
 * Zuständigkeit und Wiedervorlage of a case (Antrag, Bescheid, Verwendungsnachweis, Rückforderung):
 * who works on it, who stands in, and the days it comes up again with a note. For the Landratsamt
 * and the Prüfung only (the Prüfung reads); a Träger sees nothing of it, the API answers it 404.
 * What the caller may change comes from the case's `allowedActions` (assign, addFollowUp) and each
 * Wiedervorlage's (complete).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { can } from '../api/actions';
import { api, call, type Schemas } from '../api/client';
import { isStaffSide, useCurrentUser } from '../auth/auth';
import { daysBetween, formatDate, formatDateTime, todayIso } from '../lib/format';
import { CASE_TYPE_LABELS, FOLLOW_UP_STATUS } from '../lib/labels';
import { applyProblem, FormProblems, SelectField, TextArea, TextField } from './form';
import { Alert, Badge, Button, DescriptionList, Empty, QueryView, Section } from './ui';

export type CaseType = Schemas['CaseDto']['type'];
type CaseView = Schemas['CaseDto'];
type FollowUp = Schemas['FollowUpDto'];

/** The query key of a case's assignment, for pages that change it in other ways. */
export const caseKey = (type: CaseType, id: string) => ['case', type, id] as const;

export function CaseAssignmentPanel({ type, id }: { type: CaseType; id: string }) {
  const me = useCurrentUser();
  if (!isStaffSide(me)) return null;
  return <Panel type={type} id={id} />;
}

function Panel({ type, id }: { type: CaseType; id: string }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: caseKey(type, id), queryFn: () => call(api.GET('/api/v1/cases/{type}/{id}', { params: { path: { type, id } } })) });
  const changed = (view: CaseView) => {
    queryClient.setQueryData(caseKey(type, id), view);
    // The lists carry the assignee and the next Wiedervorlage; the worklist and the history change too.
    for (const key of ['worklist', 'applications', 'decisions', 'proofs', 'recoveries']) void queryClient.invalidateQueries({ queryKey: [key] });
    void queryClient.invalidateQueries({ queryKey: ['history', type, id] });
  };
  return (
    <Section title="Zuständigkeit und Wiedervorlagen">
      <QueryView query={query} what={`Der Vorgang (${CASE_TYPE_LABELS[type]})`}>
        {(c) => (
          <div className="ff-stack" data-testid="case-panel">
            <DescriptionList
              items={[
                ['Zuständig', c.assignee?.displayName ?? 'niemand'],
                ['Vertretung', c.standIn?.displayName ?? 'keine'],
                ['Nächste Wiedervorlage', c.nextFollowUp ? `${formatDate(c.nextFollowUp.dueDate)}${c.nextFollowUp.note ? `: ${c.nextFollowUp.note}` : ''}` : 'keine'],
              ]}
            />
            {can(c, 'assign') ? <AssignForm view={c} onSaved={changed} /> : null}
            <FollowUps view={c} onChanged={changed} />
            {can(c, 'addFollowUp') ? <FollowUpForm view={c} onSaved={changed} /> : null}
          </div>
        )}
      </QueryView>
    </Section>
  );
}

interface AssignValues {
  assigneeId: string;
  standInId: string;
}

function AssignForm({ view, onSaved }: { view: CaseView; onSaved: (v: CaseView) => void }) {
  const people = useQuery({ queryKey: ['case-assignees'], staleTime: 60_000, queryFn: () => call(api.GET('/api/v1/cases/assignees')) });
  const form = useForm<AssignValues>({ values: { assigneeId: view.assignee?.id ?? '', standInId: view.standIn?.id ?? '' } });
  const [shown, setShown] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (v: AssignValues) =>
      call(
        api.PUT('/api/v1/cases/{type}/{id}/assignment', {
          params: { path: { type: view.type, id: view.id } },
          body: { assigneeId: v.assigneeId || null, standInId: v.standInId || null },
        }),
      ),
    onMutate: () => setSaved(false),
    onSuccess: (v) => {
      setSaved(true);
      onSaved(v);
    },
    onError: (e) => setShown(applyProblem(form, e)),
  });
  const options = (people.data ?? []).map((p) => ({ value: p.id, label: p.displayName }));
  // Someone assigned earlier who has left stays named until the case is given to someone else.
  for (const p of [view.assignee, view.standIn]) if (p && !options.some((o) => o.value === p.id)) options.push({ value: p.id, label: `${p.displayName} (nicht mehr auswählbar)` });
  return (
    <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))} aria-label="Zuständigkeit ändern">
      <SelectField form={form} name="assigneeId" label="Zuständig" options={options} placeholder="– niemand –" />
      <SelectField form={form} name="standInId" label="Vertretung" optional options={options} placeholder="– keine –" />
      <FormProblems error={save.error} shown={shown} />
      {saved && !save.isPending ? (
        <Alert type="success" title="Zuständigkeit gespeichert" live>
          <p className="kern-body">Die genannten Personen werden benachrichtigt.</p>
        </Alert>
      ) : null}
      <div className="ff-actions">
        <Button type="submit" variant="secondary" busy={save.isPending}>
          Zuständigkeit speichern
        </Button>
      </div>
    </form>
  );
}

function dueBadge(f: FollowUp, today: string) {
  if (f.status === 'DONE') return <Badge tone="success">{FOLLOW_UP_STATUS.DONE}</Badge>;
  const days = daysBetween(today, f.dueDate);
  if (days < 0) return <Badge tone="danger">überfällig</Badge>;
  if (days === 0) return <Badge tone="warning">heute fällig</Badge>;
  return <Badge>{FOLLOW_UP_STATUS.OPEN}</Badge>;
}

function FollowUpItem({ f, today, onDone, busy }: { f: FollowUp; today: string; onDone?: () => void; busy?: boolean }) {
  return (
    <li>
      <p className="kern-body">
        <strong>{formatDate(f.dueDate)}</strong> {dueBadge(f, today)}
      </p>
      {f.note ? <p className="kern-body ff-pre">{f.note}</p> : null}
      <p className="kern-body kern-body--small ff-muted">
        angelegt {formatDateTime(f.createdAt)}
        {f.createdBy ? ` von ${f.createdBy.displayName}` : ''}
        {f.doneAt ? ` · erledigt ${formatDateTime(f.doneAt)}${f.doneBy ? ` von ${f.doneBy.displayName}` : ''}` : ''}
      </p>
      {onDone ? (
        <Button variant="tertiary" onClick={onDone} busy={busy}>
          Als erledigt markieren<span className="kern-sr-only">: Wiedervorlage {formatDate(f.dueDate)}</span>
        </Button>
      ) : null}
    </li>
  );
}

function FollowUps({ view, onChanged }: { view: CaseView; onChanged: (v: CaseView) => void }) {
  const today = todayIso();
  const done = useMutation({ mutationFn: (f: FollowUp) => call(api.POST('/api/v1/follow-ups/{id}/done', { params: { path: { id: f.id } } })), onSuccess: onChanged });
  const open = view.followUps.filter((f) => f.status === 'OPEN');
  const closed = view.followUps.filter((f) => f.status === 'DONE');
  return (
    <div data-testid="follow-ups">
      <h3 className="kern-heading-small">Wiedervorlagen</h3>
      <FormProblems error={done.error} />
      {open.length === 0 ? (
        <Empty>Keine offene Wiedervorlage.</Empty>
      ) : (
        <ul className="ff-timeline">
          {open.map((f) => (
            <FollowUpItem key={f.id} f={f} today={today} onDone={can(f, 'complete') ? () => done.mutate(f) : undefined} busy={done.isPending && done.variables?.id === f.id} />
          ))}
        </ul>
      )}
      {closed.length > 0 ? (
        <details className="ff-details">
          <summary className="kern-body">Erledigte Wiedervorlagen ({closed.length})</summary>
          <ul className="ff-timeline">
            {closed.map((f) => (
              <FollowUpItem key={f.id} f={f} today={today} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

interface FollowUpValues {
  dueDate: string;
  note: string;
}

function FollowUpForm({ view, onSaved }: { view: CaseView; onSaved: (v: CaseView) => void }) {
  const form = useForm<FollowUpValues>({ defaultValues: { dueDate: todayIso(), note: '' } });
  const [shown, setShown] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: (v: FollowUpValues) =>
      call(api.POST('/api/v1/cases/{type}/{id}/follow-ups', { params: { path: { type: view.type, id: view.id } }, body: { dueDate: v.dueDate, note: v.note.trim() || null } })),
    onSuccess: (v) => {
      form.reset({ dueDate: todayIso(), note: '' });
      onSaved(v);
    },
    onError: (e) => setShown(applyProblem(form, e)),
  });
  return (
    <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => add.mutate(v))} aria-label="Wiedervorlage anlegen">
      <h3 className="kern-heading-small">Neue Wiedervorlage</h3>
      <TextField form={form} name="dueDate" label="Wiedervorlage am" type="date" hint="frühestens heute" />
      <TextArea form={form} name="note" label="Notiz" optional hint="Worum es dann geht (höchstens 2.000 Zeichen)" rows={3} />
      <FormProblems error={add.error} shown={shown} />
      <div className="ff-actions">
        <Button type="submit" variant="secondary" busy={add.isPending}>
          Wiedervorlage anlegen
        </Button>
      </div>
    </form>
  );
}
