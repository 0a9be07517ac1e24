import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation, useParams } from 'react-router';
import { z } from 'zod';
import { can } from '../api/actions';
import { api, call, type Schemas } from '../api/client';
import { nameOf, useApplication, useCall, useCostCategories, useFieldsOfAction, useSocialAreas } from '../api/queries';
import { hasRole, mayAct, useCurrentUser } from '../auth/auth';
import { ApplicationEditor, applicationToForm } from '../components/ApplicationEditor';
import { AttachmentsSection } from '../components/AttachmentsSection';
import { applyProblem, Checkbox, TextArea } from '../components/form';
import { LettersSection } from '../components/Letters';
import { Alert, Badge, Button, DescriptionList, Empty, Loading, Money, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../components/ui';
import { formatDate, formatDateTime, formatDecimal } from '../lib/format';
import { APPLICATION_STATUS, APPLICATION_TONE, COMMENT_KIND, FUNDING_KIND, label, tone } from '../lib/labels';
import { commentSchema, toUpdateApplicationBody } from '../lib/schemas';
import { CaseAssignmentPanel } from '../components/CaseAssignmentPanel';
import { RecordHistory } from '../components/RecordHistory';

const commentFormSchema = commentSchema.extend({ visibleToProvider: z.boolean() });

export function ApplicationPage() {
  const { id = '' } = useParams();
  const query = useApplication(id);
  return (
    <QueryView query={query} what="Der Antrag">
      {(a) => <ApplicationView application={a} />}
    </QueryView>
  );
}

function ApplicationView({ application: a }: { application: Schemas['ApplicationDto'] }) {
  const me = useCurrentUser();
  const location = useLocation();
  const queryClient = useQueryClient();
  const provider = hasRole(me, 'PROVIDER');
  const [flash, setFlash] = useState<string | null>((location.state as { flash?: string } | null)?.flash ?? null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['application', a.id] });
    void queryClient.invalidateQueries({ queryKey: ['applications'] });
    void queryClient.invalidateQueries({ queryKey: ['comments', a.id] });
    void queryClient.invalidateQueries({ queryKey: ['versions', a.id] });
  };
  const editable = can(a, 'update');
  // A saved draft offers what its call allows, as the new Antrag did (not every Handlungsfeld).
  const fundingCall = useCall(editable ? a.callId : null);
  return (
    <>
      <PageTitle subtitle={`${a.providerName} · ${a.title}`}>{`Antrag ${a.reference}`}</PageTitle>
      {flash === 'submitted' ? (
        <Alert type="success" title="Antrag eingereicht" live>
          <p className="kern-body">Ihr Antrag {a.reference} ist eingegangen. Sie werden benachrichtigt, sobald die Prüfung abgeschlossen ist.</p>
        </Alert>
      ) : null}
      {flash === 'saved' ? (
        <Alert type="success" title="Entwurf gespeichert" live>
          <p className="kern-body">Der Entwurf ist gespeichert. Reichen Sie ihn ein, wenn er vollständig ist.</p>
        </Alert>
      ) : null}
      <div className="ff-actions">
        <span>Status:</span> <Badge tone={tone(APPLICATION_TONE, a.status)}>{label(APPLICATION_STATUS, a.status)}</Badge>
        {hasRole(me, 'ADMIN', 'STAFF', 'APPROVER', 'AUDITOR') ? (
          <Link className="kern-btn kern-btn--primary" to={`/antraege/${a.id}/pruefung`}>
            <span className="kern-label">Zur Prüfung</span>
          </Link>
        ) : null}
      </div>
      {a.status === 'CHANGES_REQUESTED' && provider ? (
        <Alert type="warning" title="Nachbesserung erbeten">
          <p className="kern-body">Das Landratsamt bittet um Änderungen (siehe „Nachrichten“ unten). Bitte passen Sie den Antrag an, antworten Sie und reichen Sie ihn erneut ein.</p>
        </Alert>
      ) : null}
      {a.status === 'DRAFT' && fundingCall.data?.deadlinePassed ? (
        <Alert type="warning" title="Frist abgelaufen">
          <p className="kern-body" data-testid="call-deadline-passed">
            Die Ausschlussfrist des Projektaufrufs „{fundingCall.data.title}“ endete am {formatDate(fundingCall.data.deadline)}. Dieser Entwurf kann nicht mehr eingereicht werden.
          </p>
        </Alert>
      ) : null}
      {editable && fundingCall.isPending ? <Loading label="Projektaufruf wird geladen …" /> : null}
      {editable && !fundingCall.isPending ? (
        <ApplicationEditor
          key={a.version}
          initial={applicationToForm(a)}
          eligibleCostCategories={fundingCall.data?.eligibleCostCategories}
          eligibleFieldsOfAction={fundingCall.data?.eligibleFieldsOfAction}
          save={async (values) => {
            await call(api.PATCH('/api/v1/applications/{id}', { params: { path: { id: a.id } }, body: toUpdateApplicationBody(values, a.version) }));
            return a.id;
          }}
          submit={(id) => call(api.POST('/api/v1/applications/{id}/submit', { params: { path: { id } } }))}
          onDone={(_id, submitted) => {
            setFlash(submitted ? 'submitted' : 'saved');
            refresh();
            window.scrollTo(0, 0);
          }}
        />
      ) : null}
      {editable ? null : <ApplicationReadOnly a={a} />}
      <AttachmentsSection owner="applications" id={a.id} editable={!!editable} />
      <Comments application={a} onChange={refresh} />
      <Versions application={a} />
      {a.status !== 'DRAFT' ? <LettersSection owner="applications" id={a.id} title="Eingangsbestätigungen (PDF)" /> : null}
      {can(a, 'withdraw') ? <Withdraw application={a} onDone={refresh} /> : null}
      <CaseAssignmentPanel type="APPLICATION" id={a.id} />
      <RecordHistory type="APPLICATION" id={a.id} />
    </>
  );
}

export function ApplicationReadOnly({ a }: { a: Schemas['ApplicationDto'] }) {
  const fields = useFieldsOfAction();
  const areas = useSocialAreas();
  const cats = useCostCategories();
  return (
    <>
      <Section title="Projekt">
        <DescriptionList
          items={[
            ['Titel', a.title],
            ['Zweck', a.purpose],
            ['Zielgruppe', a.targetGroup],
            ['Handlungsfelder', a.fieldsOfAction.map((c) => nameOf(fields.data, c)).join(', ')],
            ['Sozialraum', `${nameOf(areas.data, a.socialAreaCode)}${a.municipality ? ` (${a.municipality})` : ''}`],
            ['Durchführungszeitraum', `${formatDate(a.periodStart)} – ${formatDate(a.periodEnd)}`],
            ['Geplanter Beginn', formatDate(a.plannedStart)],
            ['Ansprechperson', `${a.contactName}, ${a.contactEmail}${a.contactPhone ? `, ${a.contactPhone}` : ''}`],
            ['Maßnahme begonnen', a.projectBegun ? `ja, am ${formatDate(a.projectBegunOn)}` : 'nein'],
            ['Vorsteuerabzug', a.vatDeductible ? 'ja (Nettobeträge)' : 'nein'],
            ['Besserstellungsverbot eingehalten', a.betterPositionRespected ? 'ja' : 'nein'],
            ['Andere öffentliche Förderung', a.otherPublicFunding || 'keine'],
            ['Eingereicht', a.lastSubmittedAt ? `${formatDateTime(a.lastSubmittedAt)} (Fassung ${a.submittedVersion})` : 'noch nicht'],
          ]}
        />
      </Section>
      <Section title="Kosten- und Finanzierungsplan">
        <TableWrap label="Kosten">
          <table className="kern-table kern-table--small">
            <caption className="kern-title">Kosten</caption>
            <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Kostenart</th><th className="kern-table__header" scope="col">Beschreibung</th><th className="kern-table__header kern-table__header--numeric" scope="col">Betrag</th></tr></thead>
            <tbody className="kern-table__body">
              {a.financingPlan.costLines.map((l, i) => (
                <tr className="kern-table__row" key={i}><td className="kern-table__cell">{nameOf(cats.data, l.category)}</td><td className="kern-table__cell">{l.description}</td><td className="kern-table__cell kern-table__cell--numeric"><Money value={l.amount} /></td></tr>
              ))}
            </tbody>
            <tfoot className="kern-table__footer"><tr className="kern-table__row"><th className="kern-table__header" scope="row" colSpan={2}>Summe Kosten</th><td className="kern-table__cell kern-table__cell--numeric"><Money value={a.totals.totalCosts} /></td></tr></tfoot>
          </table>
        </TableWrap>
        <TableWrap label="Finanzierung">
          <table className="kern-table kern-table--small">
            <caption className="kern-title">Finanzierung</caption>
            <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Art</th><th className="kern-table__header" scope="col">Herkunft</th><th className="kern-table__header kern-table__header--numeric" scope="col">Betrag</th></tr></thead>
            <tbody className="kern-table__body">
              {a.financingPlan.fundingLines.map((l, i) => (
                <tr className="kern-table__row" key={i}><td className="kern-table__cell">{label(FUNDING_KIND, l.kind)}</td><td className="kern-table__cell">{l.source}</td><td className="kern-table__cell kern-table__cell--numeric"><Money value={l.amount} /></td></tr>
              ))}
            </tbody>
            <tfoot className="kern-table__footer">
              <tr className="kern-table__row"><th className="kern-table__header" scope="row" colSpan={2}>davon beantragte Zuwendung</th><td className="kern-table__cell kern-table__cell--numeric"><Money value={a.totals.requestedAmount} /></td></tr>
              <tr className="kern-table__row"><th className="kern-table__header" scope="row" colSpan={2}>Saldo (Σ Kosten − Σ Finanzierung)</th><td className="kern-table__cell kern-table__cell--numeric"><Money value={a.totals.balance} /></td></tr>
            </tfoot>
          </table>
        </TableWrap>
        {a.financingPlan.personnelPositions.length > 0 ? (
          <TableWrap label="Personalstellen">
            <table className="kern-table kern-table--small">
              <caption className="kern-title">Personalstellen</caption>
              <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Stelle</th><th className="kern-table__header" scope="col">Entgeltgruppe</th><th className="kern-table__header kern-table__header--numeric" scope="col">AG-Brutto/Monat</th><th className="kern-table__header kern-table__header--numeric" scope="col">TV-L-Vergleich</th><th className="kern-table__header kern-table__header--numeric" scope="col">VZÄ</th><th className="kern-table__header kern-table__header--numeric" scope="col">Monate</th></tr></thead>
              <tbody className="kern-table__body">
                {a.financingPlan.personnelPositions.map((p, i) => (
                  <tr className="kern-table__row" key={i}><td className="kern-table__cell">{p.label}</td><td className="kern-table__cell">{p.payGrade}</td><td className="kern-table__cell kern-table__cell--numeric"><Money value={p.monthlyEmployerGross} /></td><td className="kern-table__cell kern-table__cell--numeric"><Money value={p.comparisonAmount} /></td><td className="kern-table__cell kern-table__cell--numeric">{formatDecimal(p.fte)}</td><td className="kern-table__cell kern-table__cell--numeric">{formatDecimal(p.months)}</td></tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </Section>
    </>
  );
}

function Comments({ application: a, onChange }: { application: Schemas['ApplicationDto']; onChange: () => void }) {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const comments = useQuery({ queryKey: ['comments', a.id], queryFn: () => call(api.GET('/api/v1/applications/{id}/comments', { params: { path: { id: a.id } } })) });
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof commentFormSchema>>({
    resolver: zodResolver(commentFormSchema),
    defaultValues: { text: '', visibleToProvider: true },
  });
  const add = useMutation({
    mutationFn: (v: { text: string; visibleToProvider: boolean }) =>
      call(api.POST('/api/v1/applications/{id}/comments', { params: { path: { id: a.id } }, body: { text: v.text, visibleToProvider: provider ? true : v.visibleToProvider } })),
    onSuccess: () => {
      form.reset({ text: '', visibleToProvider: true });
      onChange();
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  const canWrite = mayAct(me, 'ADMIN', 'STAFF', 'APPROVER', 'PROVIDER');
  return (
    <Section title="Nachrichten">
      {comments.isPending ? null : (comments.data?.length ?? 0) === 0 ? (
        <Empty>Noch keine Nachrichten.</Empty>
      ) : (
        <ol className="ff-timeline" data-testid="comments">
          {comments.data!.map((c) => (
            <li key={c.id}>
              <p className="kern-body kern-body--small ff-muted">
                {formatDateTime(c.createdAt)} · {c.authorName} · {label(COMMENT_KIND, c.kind)}
                {!c.visibleToProvider && !provider ? ' · intern' : ''}
              </p>
              <p className="kern-body">{c.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite ? (
        <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => add.mutate(v))}>
          <ProblemAlert error={add.error} shown={shown} title="Die Nachricht wurde nicht gesendet" />
          <TextArea form={form} name="text" label={provider ? 'Antwort an das Landratsamt' : 'Nachricht'} rows={3} />
          {provider ? null : <Checkbox form={form} name="visibleToProvider" label="Für den Träger sichtbar" />}
          <div className="ff-actions">
            <Button type="submit" variant="secondary" busy={add.isPending}>
              Nachricht senden
            </Button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

function Versions({ application: a }: { application: Schemas['ApplicationDto'] }) {
  const versions = useQuery({ queryKey: ['versions', a.id], queryFn: () => call(api.GET('/api/v1/applications/{id}/versions', { params: { path: { id: a.id } } })) });
  if (!versions.data || versions.data.length === 0) return null;
  return (
    <Section title="Eingereichte Fassungen">
      <ul className="kern-list">
        {versions.data.map((v) => (
          <li key={v.versionNo}>
            Fassung {v.versionNo} vom {formatDateTime(v.submittedAt)}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Withdraw({ application: a, onDone }: { application: Schemas['ApplicationDto']; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () => call(api.POST('/api/v1/applications/{id}/withdraw', { params: { path: { id: a.id } }, body: { reason: reason.trim() || null } })),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
  });
  return (
    <Section title="Antrag zurückziehen">
      {!open ? (
        <Button variant="tertiary" onClick={() => setOpen(true)}>
          Antrag zurückziehen …
        </Button>
      ) : (
        <div className="ff-form">
          <ProblemAlert error={withdraw.error} />
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="withdraw-reason">
              Grund <span className="kern-label__optional">– optional</span>
            </label>
            <textarea id="withdraw-reason" className="kern-form-input__input" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="ff-actions">
            <Button onClick={() => withdraw.mutate()} busy={withdraw.isPending}>
              Endgültig zurückziehen
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Abbrechen
            </Button>
          </div>
        </div>
      )}
    </Section>
  );
}
