/**
 * Zuweisungen des Landes an die Kreise (issue 20): the list per year (the Land sees every Kreis's,
 * a Kreis its own, read only), a new draft (Land Sachbearbeitung; amount, Fördersatz and periods
 * may stay empty: the API takes the Verteilungsschlüssel's share, 80 % and the usual dates), and the
 * Zuweisung itself with the steps the API offers (`allowedActions`): propose, return, issue in four
 * eyes (the API refuses the proposer with its German message), and the Kreis's budget year from an
 * issued Zuweisung.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { can } from '../../api/actions';
import { api, call } from '../../api/client';
import { hasRole, isStateLevel, useCurrentUser } from '../../auth/auth';
import { ActionDialog } from '../../components/dialog';
import { applyProblem, FormProblems, SelectField, TextArea, TextField } from '../../components/form';
import { DataTable, FilterSelect } from '../../components/table';
import { Badge, Button, DescriptionList, Money, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';
import { districtYearOptions, STATE_GRANT_STATUS, STATE_GRANT_TONE, yearFromParams } from '../../lib/districts';
import { formatDate, formatDateTime, formatMoney, todayIso } from '../../lib/format';
import { label, optionsOf, tone } from '../../lib/labels';
import { downloadFile } from '../../lib/transfer';
import {
  budgetYearFromGrantSchema,
  editStateGrantFrom,
  editStateGrantSchema,
  emptyStateGrant,
  toUpdateStateGrantBody,
  type EditStateGrantForm,
  stateGrantSchema,
  toBudgetYearFromGrantBody,
  toCreateStateGrantBody,
  type BudgetYearFromGrantForm,
  type StateGrantForm,
} from '../../lib/state-grant-form';

const fetchGrants = (year: number, status: string) =>
  call(api.GET('/api/v1/state-grants', { params: { query: { year, ...(status === 'DRAFT' || status === 'PROPOSED' || status === 'ISSUED' ? { status } : {}) } } }));
type Grant = Awaited<ReturnType<typeof fetchGrants>>[number];

const thisYear = () => Number(todayIso().slice(0, 4));

/** The Kreise the caller may see (Land: all), for choosing one. */
function useDistrictOptions() {
  return useQuery({ queryKey: ['districts', 'overview', null], queryFn: () => call(api.GET('/api/v1/districts', { params: { query: {} } })) });
}

export function StateGrantsPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const year = yearFromParams(params) ?? thisYear();
  const status = params.get('status') ?? '';
  const set = (key: string, value: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const grants = useQuery({ queryKey: ['state-grants', year, status], queryFn: () => fetchGrants(year, status) });
  const land = isStateLevel(me);
  return (
    <>
      <PageTitle subtitle={land ? 'Zuweisungsbescheide des Landes an die Landkreise' : 'Zuweisungen des Landes an Ihren Kreis (nur lesend)'}>Zuweisungen</PageTitle>
      {/* Land Sachbearbeitung and Verwaltung draft Zuweisungen (the API checks again). */}
      {land && hasRole(me, 'ADMIN', 'STAFF') ? (
        <div className="ff-actions">
          <Link className="kern-btn kern-btn--primary" to={`/land/zuweisungen/neu?jahr=${year}`}>
            <span className="kern-label">Neue Zuweisung</span>
          </Link>
        </div>
      ) : null}
      <div className="ff-filters">
        <FilterSelect label="Haushaltsjahr" all={null} value={String(year)} onChange={(v) => set('jahr', v)} options={districtYearOptions(year, thisYear()).map((y) => ({ value: String(y), label: String(y) }))} />
        <FilterSelect label="Status" value={status} onChange={(v) => set('status', v)} options={optionsOf(STATE_GRANT_STATUS)} />
      </div>
      <QueryView query={grants}>
        {(rows) => (
          <DataTable<Grant>
            caption={`Zuweisungen ${year}`}
            testId="state-grants"
            rows={rows}
            rowKey={(g) => g.id}
            empty="Keine Zuweisungen in diesem Jahr."
            columns={[
              { header: 'Aktenzeichen', rowHeader: true, cell: (g) => <Link className="kern-link" to={`/land/zuweisungen/${g.id}`}>{g.reference}</Link> },
              { header: 'Kreis', cell: (g) => g.districtName },
              { header: 'Jahr', cell: (g) => g.year },
              { header: 'Höchstbetrag', numeric: true, cell: (g) => <Money value={g.amount} /> },
              { header: 'Fördersatz', numeric: true, cell: (g) => `${g.stateRatePercent.replace('.', ',')} %` },
              { header: 'Status', cell: (g) => <Badge tone={tone(STATE_GRANT_TONE, g.status)}>{label(STATE_GRANT_STATUS, g.status)}</Badge> },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}

export function StateGrantNewPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const districts = useDistrictOptions();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<StateGrantForm>({ resolver: zodResolver(stateGrantSchema), defaultValues: emptyStateGrant(yearFromParams(params) ?? thisYear(), params.get('kreis') ?? '') });
  const create = useMutation({
    mutationFn: (v: StateGrantForm) => call(api.POST('/api/v1/state-grants', { body: toCreateStateGrantBody(v) })),
    onSuccess: (g) => {
      void queryClient.invalidateQueries({ queryKey: ['state-grants'] });
      void navigate(`/land/zuweisungen/${g.id}`);
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <>
      <p className="kern-body">
        <Link className="kern-link" to="/land/zuweisungen">
          Zurück zu den Zuweisungen
        </Link>
      </p>
      <PageTitle subtitle="Entwurf eines Zuweisungsbescheids an einen Landkreis">Neue Zuweisung</PageTitle>
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))}>
        <ProblemAlert error={create.error} shown={shown} />
        <div className="ff-grid">
          <SelectField form={form} name="districtId" label="Kreis" placeholder="Bitte wählen" options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} />
          <TextField form={form} name="year" label="Haushaltsjahr" inputMode="numeric" width={6} />
          <TextField form={form} name="reference" label="Aktenzeichen" hint="z. B. TLVwA 250-4.1-2027/003" />
          <TextField form={form} name="amount" label="Höchstbetrag (H_land) in Euro" optional inputMode="decimal" hint="leer: der Anteil des Kreises nach dem Verteilungsschlüssel" />
          <TextField form={form} name="stateRatePercent" label="Fördersatz des Landes in Prozent" optional inputMode="decimal" hint="leer: der Programmparameter (80 %)" />
          <TextField form={form} name="periodStart" label="Bewilligungszeitraum von" type="date" optional hint="leer: 1. Januar" />
          <TextField form={form} name="periodEnd" label="Bewilligungszeitraum bis" type="date" optional hint="leer: 31. Dezember" />
          <TextField form={form} name="proofDue" label="Frist des Verwendungsnachweises" type="date" optional hint="leer: 30. Juni des Folgejahres" />
        </div>
        <TextArea form={form} name="note" label="Hinweis" optional />
        <div className="ff-actions">
          <Button type="submit" busy={create.isPending}>
            Entwurf anlegen
          </Button>
        </div>
      </form>
    </>
  );
}

export function StateGrantPage() {
  const { id = '' } = useParams();
  const grant = useQuery({ queryKey: ['state-grant', id], queryFn: () => call(api.GET('/api/v1/state-grants/{id}', { params: { path: { id } } })) });
  return (
    <QueryView query={grant} what="Die Zuweisung">
      {(g) => <StateGrantView g={g} />}
    </QueryView>
  );
}

function StateGrantView({ g }: { g: Grant }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const [editing, setEditing] = useState(false);
  const done = (next: Grant) => {
    queryClient.setQueryData(['state-grant', g.id], next);
    void queryClient.invalidateQueries({ queryKey: ['state-grants'] });
    void queryClient.invalidateQueries({ queryKey: ['districts'] });
  };
  // The Zuweisungsbescheid as PDF, rendered by the API from the issued Zuweisung (Land and the addressed Kreis).
  const letter = useMutation({ mutationFn: () => downloadFile(`/api/v1/state-grants/${g.id}/letter`, `Zuweisungsbescheid-${g.reference}.pdf`) });
  const step = useMutation({
    mutationFn: (action: 'propose' | 'return' | 'issue') => {
      const path = { params: { path: { id: g.id } } };
      if (action === 'propose') return call(api.POST('/api/v1/state-grants/{id}/propose', path));
      if (action === 'return') return call(api.POST('/api/v1/state-grants/{id}/return', path));
      return call(api.POST('/api/v1/state-grants/{id}/issue', path));
    },
    onSuccess: (next) => {
      setConfirm(false);
      done(next);
    },
  });
  return (
    <>
      <p className="kern-body">
        <Link className="kern-link" to="/land/zuweisungen">
          Zurück zu den Zuweisungen
        </Link>
      </p>
      <PageTitle subtitle={`${g.districtName} · Haushaltsjahr ${g.year}`}>{`Zuweisung ${g.reference}`}</PageTitle>
      <p>
        <Badge tone={tone(STATE_GRANT_TONE, g.status)}>{label(STATE_GRANT_STATUS, g.status)}</Badge>
      </p>
      <Section title="Zuweisungsbescheid">
        <div data-testid="state-grant">
          <DescriptionList
            items={[
              ['Kreis', g.districtName],
              ['Haushaltsjahr', String(g.year)],
              ['Aktenzeichen', g.reference],
              ['Höchstbetrag (H_land)', <Money key="a" value={g.amount} />],
              ['Fördersatz des Landes', `${g.stateRatePercent.replace('.', ',')} %`],
              ['Bewilligungszeitraum', `${formatDate(g.periodStart)} – ${formatDate(g.periodEnd)}`],
              ['Verwendungsnachweis an das Land bis', formatDate(g.proofDue)],
              ...(g.note ? ([['Hinweis', <span key="n" className="ff-pre">{g.note}</span>]] as [string, React.ReactNode][]) : []),
              ...(g.proposedAt ? ([['Zum Erlass vorgeschlagen', formatDateTime(g.proposedAt)]] as [string, string][]) : []),
              ...(g.issuedOn ? ([['Erlassen am', formatDate(g.issuedOn)]] as [string, string][]) : []),
            ]}
          />
        </div>
        <ProblemAlert error={step.error} />
        <ProblemAlert error={letter.error} title="Schreiben nicht geladen" />
        <div className="ff-actions">
          {g.status === 'ISSUED' ? (
            <Button variant="secondary" busy={letter.isPending} onClick={() => letter.mutate()}>
              Zuweisungsbescheid herunterladen (PDF)
            </Button>
          ) : null}
          {can(g, 'edit') && !editing ? (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Bearbeiten
            </Button>
          ) : null}
          {can(g, 'propose') && !editing ? (
            <Button busy={step.isPending} onClick={() => step.mutate('propose')}>
              Zum Erlass vorschlagen
            </Button>
          ) : null}
          {can(g, 'issue') ? <Button onClick={() => setConfirm(true)}>Zuweisung erlassen …</Button> : null}
          {can(g, 'return') ? (
            <Button variant="secondary" busy={step.isPending} onClick={() => step.mutate('return')}>
              Zur Überarbeitung zurückgeben
            </Button>
          ) : null}
        </div>
      </Section>
      {editing && can(g, 'edit') ? (
        <EditStateGrant
          g={g}
          onCancel={() => setEditing(false)}
          onDone={(next) => {
            setEditing(false);
            done(next);
          }}
        />
      ) : null}
      <ActionDialog
        open={confirm}
        title="Zuweisung erlassen"
        onClose={() => setConfirm(false)}
        footer={
          <Button busy={step.isPending} onClick={() => step.mutate('issue')}>
            Jetzt erlassen
          </Button>
        }
      >
        <p className="kern-body">
          Sie erlassen den Zuweisungsbescheid {g.reference} an {g.districtName} über höchstens {formatMoney(g.amount)} für {g.year}. Der Kreis kann danach sein Haushaltsjahr darauf gründen.
        </p>
        <ProblemAlert error={step.error} />
      </ActionDialog>
      {/* The budget year is the Kreis's page; the Land reads it through the Kreis overview. */}
      {g.budgetYearId && !isStateLevel(me) ? (
        <p className="kern-body">
          <Link className="kern-link" to={`/haushalt/${g.budgetYearId}`}>
            Haushaltsjahr des Kreises öffnen
          </Link>
        </p>
      ) : null}
      {can(g, 'createBudgetYear') ? <BudgetYearFromGrant g={g} onDone={done} /> : null}
    </>
  );
}

/**
 * Editing the draft (PATCH, offered while `allowedActions` has "edit"): every field of the draft; Kreis and
 * year stay (a Zuweisung to another Kreis is a new draft). The API answers the new draft, which the page
 * shows at once.
 */
function EditStateGrant({ g, onCancel, onDone }: { g: Grant; onCancel: () => void; onDone: (next: Grant) => void }) {
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<EditStateGrantForm>({ resolver: zodResolver(editStateGrantSchema), defaultValues: editStateGrantFrom(g) });
  const save = useMutation({
    mutationFn: (v: EditStateGrantForm) => call(api.PATCH('/api/v1/state-grants/{id}', { params: { path: { id: g.id } }, body: toUpdateStateGrantBody(v) })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Entwurf bearbeiten">
      <form className="ff-form" noValidate data-testid="state-grant-edit" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        <div className="ff-grid">
          <TextField form={form} name="reference" label="Aktenzeichen" />
          <TextField form={form} name="amount" label="Höchstbetrag (H_land) in Euro" inputMode="decimal" hint="z. B. 250.000,00" />
          <TextField form={form} name="stateRatePercent" label="Fördersatz des Landes in Prozent" inputMode="decimal" />
          <TextField form={form} name="periodStart" label="Bewilligungszeitraum von" type="date" />
          <TextField form={form} name="periodEnd" label="Bewilligungszeitraum bis" type="date" />
          <TextField form={form} name="proofDue" label="Frist des Verwendungsnachweises" type="date" />
        </div>
        <TextArea form={form} name="note" label="Hinweis" optional />
        <FormProblems error={save.error} shown={shown} />
        <div className="ff-actions">
          <Button type="submit" busy={save.isPending}>
            Änderungen speichern
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Abbrechen
          </Button>
        </div>
      </form>
    </Section>
  );
}

/** The Kreis's Verwaltung founds its budget year on the issued Zuweisung. */
function BudgetYearFromGrant({ g, onDone }: { g: Grant; onDone: (next: Grant) => void }) {
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<BudgetYearFromGrantForm>({ resolver: zodResolver(budgetYearFromGrantSchema), defaultValues: { districtShareAmount: '', districtBudgetLine: '', applicationDeadline: '' } });
  const create = useMutation({
    mutationFn: (v: BudgetYearFromGrantForm) => call(api.POST('/api/v1/state-grants/{id}/budget-year', { params: { path: { id: g.id } }, body: toBudgetYearFromGrantBody(v) })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title={`Haushaltsjahr ${g.year} aus dieser Zuweisung anlegen`}>
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))}>
        <ProblemAlert error={create.error} shown={shown} />
        <div className="ff-grid">
          <TextField form={form} name="districtShareAmount" label="Eigenanteil des Kreises in Euro" inputMode="decimal" />
          <TextField form={form} name="districtBudgetLine" label="Haushaltsstelle des Eigenanteils" />
          <TextField form={form} name="applicationDeadline" label="Ausschlussfrist für Anträge" type="date" optional />
        </div>
        <div className="ff-actions">
          <Button type="submit" busy={create.isPending}>
            Haushaltsjahr anlegen
          </Button>
        </div>
      </form>
    </Section>
  );
}
