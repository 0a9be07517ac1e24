/**
 * Prüfung eines Antrags (staff): the automatic checks (deadline, plan, Besserstellungsverbot,
 * vorzeitiger Maßnahmebeginn), the checklist and Votum, a request for changes, early-start
 * consents, and the proposal of a decision or rejection (then approved by a second person).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useForm, useWatch, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { can, canAny } from '../api/actions';
import { api, call, type Schemas } from '../api/client';
import { useApplication } from '../api/queries';
import { AttachmentsSection, SignedFormLink } from '../components/AttachmentsSection';
import { ChecklistEditor, checklistPath, openPoints } from '../components/ChecklistEditor';
import { applyProblem, SelectField, TextArea, TextField } from '../components/form';
import { ApiError, normalisePath } from '../api/problem';
import { Alert, Badge, Button, DescriptionList, Money, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../components/ui';
import { germanDecimalToApi, germanToApi } from '../lib/decimal';
import { formatAmount, formatDate, formatMoney, plural } from '../lib/format';
import { APPLICATION_STATUS, CHECK_RESULT, CHECKLIST, codeOf, FINANCING_TYPE, INSTRUMENT, label, optionsOf, VOTUM } from '../lib/labels';
import { isoDate, proposeGrantSchema, rejectionSchema, votumSchema } from '../lib/schemas';
import { ApplicationReadOnly } from './ApplicationPage';
import { CaseAssignmentPanel } from '../components/CaseAssignmentPanel';
import { RecordHistory } from '../components/RecordHistory';

type ReviewView = Schemas['ApplicationReviewViewDto'];

export function ReviewPage() {
  const { id = '' } = useParams();
  const query = useApplication(id);
  return <QueryView query={query} what="Der Antrag">{(a) => <Review a={a} />}</QueryView>;
}

function Review({ a }: { a: Schemas['ApplicationDto'] }) {
  const queryClient = useQueryClient();
  // The checklist, Votum and early-start consents belong to the review steps the API offers.
  const reviewing = canAny(a, 'requestChanges', 'proposeDecision');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['application', a.id] });
    void queryClient.invalidateQueries({ queryKey: ['checks', a.id] });
    void queryClient.invalidateQueries({ queryKey: ['worklist'] });
    void queryClient.invalidateQueries({ queryKey: ['comments', a.id] });
  };
  const start = useMutation({ mutationFn: () => call(api.POST('/api/v1/applications/{id}/start-review', { params: { path: { id: a.id } } })), onSuccess: refresh });
  // The proposal saves unsaved checklist and Votum first; its 409 names the missing points, which
  // the checklist form then shows next to the rows they concern.
  const saveReview = useRef<(() => Promise<boolean>) | null>(null);
  const [proposalProblem, setProposalProblem] = useState<unknown>(null);
  return (
    <>
      <PageTitle subtitle={`${a.providerName} · ${a.title}`}>{`Prüfung ${a.reference}`}</PageTitle>
      <div className="ff-actions">
        <span>Status:</span> <Badge>{label(APPLICATION_STATUS, a.status)}</Badge>
        <Link className="kern-link" to={`/antraege/${a.id}`}>Antrag mit Nachrichten ansehen</Link>
        {can(a, 'startReview') ? (
          <Button onClick={() => start.mutate()} busy={start.isPending}>
            Prüfung beginnen
          </Button>
        ) : null}
      </div>
      <ProblemAlert error={start.error} />
      <DescriptionList
        items={[
          ['Beantragte Zuwendung', <Money key="r" value={a.totals.requestedAmount} />],
          ['Gesamtkosten', <Money key="c" value={a.totals.totalCosts} />],
          ['Durchführungszeitraum', `${formatDate(a.periodStart)} – ${formatDate(a.periodEnd)}`],
        ]}
      />
      <Checks a={a} />
      {a.status !== 'DRAFT' ? <AttachmentsSection owner="applications" id={a.id} editable={false} /> : null}
      {reviewing ? (
        <>
          <ChecklistForm a={a} onSaved={refresh} saveRef={saveReview} proposalProblem={proposalProblem} />
          {can(a, 'requestChanges') ? <RequestChanges a={a} onDone={refresh} /> : null}
          <EarlyStart a={a} onDone={refresh} />
          {can(a, 'proposeDecision') ? <Propose a={a} beforePropose={() => saveReview.current?.() ?? Promise.resolve(true)} onProblem={setProposalProblem} /> : null}
        </>
      ) : (
        <ReviewSummary review={a.review} applicationId={a.id} />
      )}
      <details className="ff-section">
        <summary className="kern-heading-small">Antrag im Einzelnen</summary>
        <ApplicationReadOnly a={a} />
      </details>
      <CaseAssignmentPanel type="APPLICATION" id={a.id} />
      <RecordHistory type="APPLICATION" id={a.id} />
    </>
  );
}

function Checks({ a }: { a: Schemas['ApplicationDto'] }) {
  const checks = useQuery({
    queryKey: ['checks', a.id],
    enabled: a.status !== 'DRAFT',
    queryFn: () => call(api.GET('/api/v1/applications/{id}/checks', { params: { path: { id: a.id } } })),
  });
  if (a.status === 'DRAFT') return null;
  return (
    <Section title="Automatische Prüfungen">
      <QueryView query={checks}>
        {(c) => {
          const flaggedPositions = c.personnelPositions.filter((p) => p.flagged);
          return (
            <div className="ff-stack" data-testid="checks">
              <div className="ff-grid">
                <div className="ff-card">
                  <h3 className="kern-heading-small">Frist</h3>
                  {c.deadlineMet === null ? <p className="kern-body">nicht eingereicht</p> : c.deadlineMet ? <Badge tone="success">fristgerecht</Badge> : <Badge tone="danger">nach der Ausschlussfrist</Badge>}
                </div>
                <div className="ff-card" data-testid="flag-besserstellung">
                  <h3 className="kern-heading-small">Besserstellungsverbot</h3>
                  {flaggedPositions.length === 0 ? (
                    <Badge tone="success">keine Besserstellung</Badge>
                  ) : (
                    <>
                      <Badge tone="warning">Besserstellung bei {plural(flaggedPositions.length, 'Stelle', 'Stellen')}</Badge>
                      <p className="kern-body">nicht förderfähig: {formatMoney(c.personnelDisallowed)}, förderfähig: {formatMoney(c.personnelEligible)}</p>
                    </>
                  )}
                </div>
                <div className="ff-card" data-testid="flag-early-start">
                  <h3 className="kern-heading-small">Vorzeitiger Maßnahmebeginn</h3>
                  {c.approvalBlocked ? <Badge tone="danger">Bewilligung gesperrt</Badge> : c.earlyStartFlags.length > 0 ? <Badge tone="warning">Hinweis</Badge> : <Badge tone="success">unbedenklich</Badge>}
                  <p className="kern-body">förderfähig ab {formatDate(c.eligibleFrom)}{c.earlyStartConsentDate ? ` (Zustimmung vom ${formatDate(c.earlyStartConsentDate)})` : ''}</p>
                  {c.earlyStartFlags.map((f) => <p className="kern-body" key={f.code}>{f.message}</p>)}
                </div>
              </div>
              {c.planFindings.length > 0 || c.providerHints.length > 0 || c.vatHint ? (
                <Alert type="warning" title="Hinweise zum Antrag">
                  <ul className="kern-list">
                    {c.planFindings.map((f) => <li key={f.code + f.message}>{f.message}</li>)}
                    {c.providerHints.map((h) => <li key={h}>{h}</li>)}
                    {c.vatHint ? <li>{c.vatHint}</li> : null}
                  </ul>
                </Alert>
              ) : null}
              {c.personnelPositions.length > 0 ? (
                <TableWrap label="Personalstellen nach Besserstellungsverbot">
                  <table className="kern-table kern-table--small">
                    <caption className="kern-title">Personalstellen nach Besserstellungsverbot</caption>
                    <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Stelle</th><th className="kern-table__header kern-table__header--numeric" scope="col">Kosten</th><th className="kern-table__header kern-table__header--numeric" scope="col">förderfähig</th><th className="kern-table__header kern-table__header--numeric" scope="col">nicht förderfähig</th><th className="kern-table__header" scope="col">Befund</th></tr></thead>
                    <tbody className="kern-table__body">
                      {c.personnelPositions.map((p) => (
                        <tr className="kern-table__row" key={p.label}>
                          <td className="kern-table__cell">{p.label}</td>
                          <td className="kern-table__cell kern-table__cell--numeric"><Money value={p.actualCost} /></td>
                          <td className="kern-table__cell kern-table__cell--numeric"><Money value={p.eligible} /></td>
                          <td className="kern-table__cell kern-table__cell--numeric"><Money value={p.disallowed} /></td>
                          <td className="kern-table__cell">{p.flagged ? <Badge tone="warning">über TV-L</Badge> : 'in Ordnung'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              ) : null}
            </div>
          );
        }}
      </QueryView>
    </Section>
  );
}

function ReviewSummary({ review, applicationId }: { review: ReviewView | null; applicationId: string }) {
  if (!review) return null;
  return (
    <Section title="Prüfvermerk">
      <ul className="kern-list">
        {review.checklist.map((c) => (
          <li key={c.code}>{label(CHECKLIST, c.code)}: {label(CHECK_RESULT, c.result)}{c.note ? ` – ${c.note}` : ''}{c.code === 'FORMAL_SIGNED' ? <SignedFormLink applicationId={applicationId} /> : null}</li>
        ))}
      </ul>
      {review.votum ? (
        <p className="kern-body">
          Votum: <strong>{label(VOTUM, review.votum.recommendation)}</strong>
          {review.votum.proposedAmount ? ` über ${formatMoney(review.votum.proposedAmount)}` : ''} – {review.votum.reasons}
        </p>
      ) : null}
    </Section>
  );
}

const checklistFormSchema = z.object({
  items: z.array(z.object({ code: z.custom<Schemas['ChecklistItemDto']['code']>((c) => typeof c === 'string' && codeOf(CHECKLIST, c) !== ''), result: z.enum(['OPEN', 'OK', 'NOT_OK', 'NOT_APPLICABLE']), note: z.string().max(2000, 'Höchstens 2.000 Zeichen.') })),
  votum: votumSchema,
}).superRefine((v, ctx) => {
  if (v.votum.recommendation !== '' && v.votum.reasons.trim() === '') ctx.addIssue({ code: 'custom', path: ['votum', 'reasons'], message: 'Bitte das Votum begründen.' });
  if (v.votum.recommendation === 'APPROVE_PARTIAL' && v.votum.proposedAmount.trim() === '') ctx.addIssue({ code: 'custom', path: ['votum', 'proposedAmount'], message: 'Bei einer Teilbewilligung bitte den Betrag angeben.' });
});
type ChecklistValues = z.infer<typeof checklistFormSchema>;

const CHECKLIST_CODES = optionsOf(CHECKLIST).map((o) => o.value);

/** Where a field error of the review (PUT …/review or a proposal's 409) goes in this form. */
const reviewPath = (path: string): string => (/^checklist\.\d+\./.test(path) ? path.replace(/^checklist\./, 'items.') : checklistPath(CHECKLIST_CODES)(path));

/** The paths of a proposal's 409 that the checklist form shows next to its fields. */
export const isReviewPath = (path: string): boolean => path.startsWith('checklist.') || path.startsWith('votum.');

function ChecklistForm({
  a,
  onSaved,
  saveRef,
  proposalProblem,
}: {
  a: Schemas['ApplicationDto'];
  onSaved: () => void;
  saveRef: MutableRefObject<(() => Promise<boolean>) | null>;
  proposalProblem: unknown;
}) {
  const review = a.review;
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<ChecklistValues>({
    resolver: zodResolver(checklistFormSchema),
    defaultValues: {
      items: optionsOf(CHECKLIST).map(({ value: code }) => {
        const item = review?.checklist.find((c) => c.code === code);
        return { code, result: item?.result ?? 'OPEN', note: item?.note ?? '' };
      }),
      votum: {
        recommendation: review?.votum?.recommendation ?? '',
        proposedAmount: review?.votum?.proposedAmount ? formatAmount(review.votum.proposedAmount) : '',
        reasons: review?.votum?.reasons ?? '',
      },
    },
  });
  const save = useMutation({
    mutationFn: (v: ChecklistValues) =>
      call(
        api.PUT('/api/v1/applications/{id}/review', {
          params: { path: { id: a.id } },
          body: {
            checklist: v.items.map((i) => ({ code: i.code, result: i.result, note: i.note.trim() || null })),
            votum: v.votum.recommendation
              ? { recommendation: v.votum.recommendation, proposedAmount: v.votum.proposedAmount.trim() ? germanToApi(v.votum.proposedAmount) : null, reasons: v.votum.reasons.trim() }
              : null,
          },
        }),
      ),
    onSuccess: (_, v) => {
      // What is saved is the new starting point: only later edits count as unsaved.
      form.reset(v);
      onSaved();
    },
    onError: (err) => setShown(applyProblem(form, err, reviewPath)),
  });
  // Saves unsaved edits before a proposal (true when there is nothing left unsaved).
  const dirty = form.formState.isDirty;
  const saveAsync = save.mutateAsync;
  useEffect(() => {
    saveRef.current = () =>
      dirty
        ? new Promise<boolean>((resolve) => {
            void form.handleSubmit(
              (v) => saveAsync(v).then(() => resolve(true), () => resolve(false)),
              () => resolve(false),
            )();
          })
        : Promise.resolve(true);
  }, [dirty, form, saveAsync, saveRef]);
  // A proposal refused with 409: its messages next to the points and Votum fields they name.
  useEffect(() => {
    if (proposalProblem instanceof ApiError) applyProblem(form, proposalProblem, reviewPath);
  }, [proposalProblem, form]);
  const items = useWatch({ control: form.control, name: 'items' });
  const votum = useWatch({ control: form.control, name: 'votum' });
  const open = openPoints(optionsOf(CHECKLIST), items);
  const unexplained = optionsOf(CHECKLIST).filter((_, i) => items[i]?.result === 'NOT_OK' && !items[i]?.note.trim()).map((p) => p.label);
  const missing = [
    ...(open.length > 0 ? [`${plural(open.length, 'offener Prüfpunkt', 'offene Prüfpunkte')}: ${open.join(', ')}`] : []),
    ...(unexplained.length > 0 ? [`Vermerk zu „nicht erfüllt“: ${unexplained.join(', ')}`] : []),
    ...(votum.recommendation === '' ? ['das Votum'] : []),
    ...(votum.reasons.trim() === '' ? ['die Begründung des Votums'] : []),
  ];
  return (
    <Section title="Checkliste und Votum">
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        {save.isSuccess && !dirty ? <Alert type="success" title="Prüfvermerk gespeichert" live /> : null}
        <ProblemAlert error={save.error} shown={shown} />
        <ChecklistEditor
          form={form}
          points={optionsOf(CHECKLIST)}
          values={items}
          caption="Formale und fachliche Prüfung"
          extra={(code) => (code === 'FORMAL_SIGNED' ? <SignedFormLink applicationId={a.id} /> : null)}
        />
        <div className="ff-grid">
          <SelectField form={form} name="votum.recommendation" label="Votum" options={[{ value: '', label: 'noch kein Votum' }, ...Object.entries(VOTUM).map(([value, l]) => ({ value, label: l }))]} />
          <TextField form={form} name="votum.proposedAmount" label="Vorgeschlagener Betrag in €" inputMode="decimal" optional hint="Nur bei Teilbewilligung nötig." />
        </div>
        <TextArea form={form} name="votum.reasons" label="Begründung des Votums" rows={3} />
        <div data-testid="review-readiness">
          {missing.length > 0 ? (
            <Alert type="warning" title="Für einen Vorschlag fehlt noch">
              <ul className="kern-list">
                {missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
              <p className="kern-body">Erst wenn jeder Punkt entschieden und das Votum begründet ist, kann die Entscheidung zur Freigabe vorgeschlagen werden.</p>
            </Alert>
          ) : (
            <Alert type="success" title="Checkliste und Votum sind vollständig">
              <p className="kern-body">{dirty ? 'Noch nicht gespeichert: Der Vorschlag speichert sie mit.' : 'Die Entscheidung kann vorgeschlagen werden.'}</p>
            </Alert>
          )}
        </div>
        <div className="ff-actions">
          <Button type="submit" busy={save.isPending}>Prüfvermerk speichern</Button>
        </div>
      </form>
    </Section>
  );
}

function RequestChanges({ a, onDone }: { a: Schemas['ApplicationDto']; onDone: () => void }) {
  const schema = z.object({ text: z.string().trim().min(1, 'Bitte beschreiben, was geändert werden soll.').max(5000) });
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { text: '' } });
  const send = useMutation({
    mutationFn: (v: { text: string }) => call(api.POST('/api/v1/applications/{id}/request-changes', { params: { path: { id: a.id } }, body: { text: v.text.trim() } })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Nachbesserung erbitten">
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => send.mutate(v))}>
        <ProblemAlert error={send.error} shown={shown} />
        <TextArea form={form} name="text" label="Was soll der Träger ändern?" rows={3} />
        <div className="ff-actions"><Button type="submit" variant="secondary" busy={send.isPending}>Nachbesserung erbitten</Button></div>
      </form>
    </Section>
  );
}

function EarlyStart({ a, onDone }: { a: Schemas['ApplicationDto']; onDone: () => void }) {
  const schema = z.object({ consentDate: isoDate('das Datum der Zustimmung'), scope: z.string().trim().min(1, 'Bitte den Umfang der Zustimmung angeben.').max(2000) });
  const consents = useQuery({ queryKey: ['consents', a.id], queryFn: () => call(api.GET('/api/v1/applications/{id}/early-start-consents', { params: { path: { id: a.id } } })) });
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { consentDate: '', scope: 'Zustimmung für die gesamte Maßnahme' } });
  const add = useMutation({
    mutationFn: (v: z.infer<typeof schema>) => call(api.POST('/api/v1/applications/{id}/early-start-consents', { params: { path: { id: a.id } }, body: v })),
    onSuccess: () => {
      void consents.refetch();
      onDone();
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Zustimmung zum vorzeitigen Maßnahmebeginn">
      {(consents.data ?? []).length > 0 ? (
        <ul className="kern-list">{consents.data!.map((c) => <li key={c.id}>ab {formatDate(c.consentDate)}: {c.scope}</li>)}</ul>
      ) : null}
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => add.mutate(v))}>
        <ProblemAlert error={add.error} shown={shown} />
        <div className="ff-grid">
          <TextField form={form} name="consentDate" label="Förderfähig ab" type="date" />
          <TextField form={form} name="scope" label="Umfang" />
        </div>
        <div className="ff-actions"><Button type="submit" variant="secondary" busy={add.isPending}>Zustimmung erfassen</Button></div>
      </form>
    </Section>
  );
}

/** Checklist and Votum could not be saved before the proposal; the form above shows why. */
class ReviewNotSaved extends Error {
  constructor() {
    super('Checkliste und Votum konnten nicht gespeichert werden. Bitte die oben markierten Angaben korrigieren.');
  }
}

function Propose({ a, beforePropose, onProblem }: { a: Schemas['ApplicationDto']; beforePropose: () => Promise<boolean>; onProblem: (error: unknown) => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'grant' | 'reject'>('grant');
  const [shown, setShown] = useState<string[]>([]);
  const review = a.review;
  const grantForm = useForm<z.infer<typeof proposeGrantSchema>>({
    resolver: zodResolver(proposeGrantSchema),
    defaultValues: {
      instrument: 'BESCHEID',
      financingType: 'DEFICIT',
      fundingRatePercent: '',
      maxAmount: formatAmount(review?.votum?.proposedAmount ?? a.totals.requestedAmount),
      specialConditions: '',
    },
  });
  const rejectForm = useForm<z.infer<typeof rejectionSchema>>({ resolver: zodResolver(rejectionSchema), defaultValues: { reasons: review?.votum?.recommendation === 'REJECT' ? review.votum.reasons : '' } });
  const done = (d: { id: string }) => {
    void queryClient.invalidateQueries();
    navigate(`/bescheide/${d.id}`, { state: { flash: 'proposed' } });
  };
  // The 409 of an incomplete Prüfung is shown next to the checklist and Votum; here only its detail.
  const problem = <T extends FieldValues>(form: UseFormReturn<T>, err: unknown, map?: (p: string) => string) => {
    onProblem(err);
    const review = err instanceof ApiError ? err.fieldErrors.map((e) => normalisePath(e.path)).filter(isReviewPath) : [];
    setShown([...applyProblem(form, err, map), ...review]);
  };
  const grant = useMutation({
    mutationFn: async (v: z.infer<typeof proposeGrantSchema>) => {
      if (!(await beforePropose())) throw new ReviewNotSaved();
      return call(
        api.POST('/api/v1/applications/{id}/propose-decision', {
          params: { path: { id: a.id } },
          body: {
            instrument: v.instrument,
            financingType: v.financingType,
            fundingRatePercent: v.fundingRatePercent.trim() ? (germanDecimalToApi(v.fundingRatePercent, 6) ?? v.fundingRatePercent) : undefined,
            maxAmount: germanToApi(v.maxAmount) ?? v.maxAmount,
            specialConditions: v.specialConditions.split('\n').map((s) => s.trim()).filter(Boolean),
          },
        }),
      );
    },
    onSuccess: done,
    onError: (err) => problem(grantForm, err, (p) => (p.startsWith('specialConditions') ? 'specialConditions' : p)),
  });
  const reject = useMutation({
    mutationFn: async (v: z.infer<typeof rejectionSchema>) => {
      if (!(await beforePropose())) throw new ReviewNotSaved();
      return call(api.POST('/api/v1/applications/{id}/propose-rejection', { params: { path: { id: a.id } }, body: { instrument: 'BESCHEID', reasons: v.reasons.trim() } }));
    },
    onSuccess: done,
    onError: (err) => problem(rejectForm, err),
  });
  return (
    <Section title="Entscheidung vorschlagen">
      <p className="kern-body">
        Der Vorschlag wird von einer zweiten zeichnungsbefugten Person freigegeben (Vier-Augen-Prinzip). Er braucht eine vollständige Checkliste und ein begründetes Votum: für eine Bewilligung
        „Bewilligung“ oder „Teilbewilligung“, für eine Ablehnung „Ablehnung“.
      </p>
      <fieldset className="kern-fieldset">
        <legend className="kern-label">Vorschlag</legend>
        <div className="kern-fieldset__body kern-fieldset__body--horizontal">
          <div className="kern-form-check">
            <input className="kern-form-check__radio" type="radio" id="mode-grant" name="mode" checked={mode === 'grant'} onChange={() => setMode('grant')} />
            <label className="kern-label" htmlFor="mode-grant">Bewilligung</label>
          </div>
          <div className="kern-form-check">
            <input className="kern-form-check__radio" type="radio" id="mode-reject" name="mode" checked={mode === 'reject'} onChange={() => setMode('reject')} />
            <label className="kern-label" htmlFor="mode-reject">Ablehnung</label>
          </div>
        </div>
      </fieldset>
      {mode === 'grant' ? (
        <form className="ff-form" noValidate onSubmit={grantForm.handleSubmit((v) => grant.mutate(v))}>
          <ProblemAlert error={grant.error} shown={shown} title="Der Vorschlag wurde nicht gespeichert" />
          <div className="ff-grid">
            <SelectField form={grantForm} name="instrument" label="Form" options={Object.entries(INSTRUMENT).map(([value, l]) => ({ value, label: l }))} />
            <SelectField form={grantForm} name="financingType" label="Finanzierungsart" options={Object.entries(FINANCING_TYPE).map(([value, l]) => ({ value, label: l }))} />
            <TextField form={grantForm} name="fundingRatePercent" label="Fördersatz in %" optional inputMode="decimal" hint="Nur bei Anteilfinanzierung." />
            <TextField form={grantForm} name="maxAmount" label="Höchstbetrag in €" inputMode="decimal" />
          </div>
          <TextArea form={grantForm} name="specialConditions" label="Besondere Nebenbestimmungen (eine je Zeile)" optional rows={3} />
          <div className="ff-actions"><Button type="submit" busy={grant.isPending}>Bewilligung vorschlagen</Button></div>
        </form>
      ) : (
        <form className="ff-form" noValidate onSubmit={rejectForm.handleSubmit((v) => reject.mutate(v))}>
          <ProblemAlert error={reject.error} shown={shown} title="Der Vorschlag wurde nicht gespeichert" />
          <TextArea form={rejectForm} name="reasons" label="Gründe der Ablehnung" rows={4} />
          <div className="ff-actions"><Button type="submit" busy={reject.isPending}>Ablehnung vorschlagen</Button></div>
        </form>
      )}
    </Section>
  );
}

