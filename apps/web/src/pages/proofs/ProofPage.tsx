/**
 * A Verwendungsnachweis. The Träger fills in the draft: Sachbericht (text sections and aggregate
 * indicators only), the zahlenmäßiger Nachweis shaped like the approved plan (plan, actual and the
 * deviation per line), and the Belegliste; sees the findings, then submits. Everyone else (and the
 * Träger after submitting) sees it read-only.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch, type UseFormReturn } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { can } from '../../api/actions';
import { api, call, type Schemas } from '../../api/client';
import { nameOf, useCostCategories, useDecision, useFieldsOfAction, useIndicators } from '../../api/queries';
import { hasRole, useCurrentUser } from '../../auth/auth';
import { CellInput, HeaderRow } from '../../components/cells';
import { applyProblem, errorAt, FormProblems, TextArea, TextField } from '../../components/form';
import { AttachmentsSection } from '../../components/AttachmentsSection';
import { LettersSection } from '../../components/Letters';
import { Alert, Badge, Button, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../../components/ui';
import { apiToCents, germanToApi } from '../../lib/decimal';
import { formatAmount, formatDate, formatDateTime, formatInteger, formatMoney } from '../../lib/format';
import { label, PROOF_KIND, PROOF_STATUS, PROOF_TONE, tone } from '../../lib/labels';
import { germanAmount } from '../../lib/schemas';
import { deviation, Findings, FiguresTable, formatTenths, NarrativeView, useProofNames } from './proofParts';
import { ReceiptsSection } from './ReceiptsSection';
import { CaseAssignmentPanel } from '../../components/CaseAssignmentPanel';
import { RecordHistory } from '../../components/RecordHistory';

export function ProofPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['proof', id], queryFn: () => call(api.GET('/api/v1/proofs-of-use/{id}', { params: { path: { id } } })) });
  return <QueryView query={query} what="Der Verwendungsnachweis">{(p) => <ProofView p={p} />}</QueryView>;
}

function ProofView({ p }: { p: Schemas['ProofDto'] }) {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const editable = can(p, 'update');
  const names = useProofNames(p);
  return (
    <>
      <PageTitle subtitle={`${names.providerName} · Bescheid ${names.reference}`}>{`${label(PROOF_KIND, p.kind)}${p.coveredYear ? ` ${p.coveredYear}` : ''} ${p.reference}`}</PageTitle>
      <div className="ff-actions">
        <span>Status:</span>
        <Badge tone={tone(PROOF_TONE, p.status)}>{label(PROOF_STATUS, p.status)}</Badge>
        <Link className="kern-link" to={`/bescheide/${p.decisionId}`}>
          Zum Bescheid {names.reference}
        </Link>
        {!provider && p.status !== 'DRAFT' ? (
          <Link className="kern-link" to={`/nachweise/${p.id}/pruefung`}>
            Zur Prüfung
          </Link>
        ) : null}
        {p.submittedAt ? <span className="ff-muted">eingereicht am {formatDateTime(p.submittedAt)}, Belege aufzubewahren bis {formatDate(p.retainUntil)}</span> : null}
      </div>
      {editable ? (
        <ProofEditor p={p} />
      ) : (
        <>
          {provider && p.status === 'SUBMITTED' ? (
            <Alert type="info" title="Eingereicht">
              <p className="kern-body">Das Landratsamt prüft den Nachweis. Das Ergebnis sehen Sie nach der Festsetzung.</p>
            </Alert>
          ) : null}
          <Section title="Sachbericht">
            <NarrativeView narrative={p.narrative} />
          </Section>
          <Section title="Zahlenmäßiger Nachweis">
            <FiguresTable figures={p.figures} />
          </Section>
          <ReceiptsSection proof={p} editable={false} review={!provider || p.status === 'SETTLED'} />
          {!provider ? (
            <Section title="Hinweise aus den Angaben">
              <Findings proofId={p.id} version={p.version} />
            </Section>
          ) : null}
          {p.status === 'REVIEWED' || p.status === 'SETTLED' ? <LettersSection owner="proofs-of-use" id={p.id} title="Prüfvermerk und Festsetzung (PDF)" revision={p.status} /> : null}
        </>
      )}
      <AttachmentsSection owner="proofs-of-use" id={p.id} editable={!!editable} />
      <CaseAssignmentPanel type="PROOF_OF_USE" id={p.id} />
      <RecordHistory type="PROOF_OF_USE" id={p.id} />
    </>
  );
}

// ───────────────────────────── the Träger's editor ─────────────────────────────

const narrativeSchema = z.object({
  measure: z.string().max(20000, 'Höchstens 20.000 Zeichen.'),
  goalsAchieved: z.string().max(20000, 'Höchstens 20.000 Zeichen.'),
  targetGroupReached: z.string().max(20000, 'Höchstens 20.000 Zeichen.'),
  deviations: z.string().max(20000, 'Höchstens 20.000 Zeichen.'),
  /**
   * Per Kennzahl id the reported count as typed; empty = not reported. Keyed by id (not a list)
   * because the Kennzahlen come from the API, one input each.
   */
  values: z.record(
    z.string(),
    z
      .string()
      .trim()
      .refine((v) => !v.startsWith('-'), 'Die Zahl darf nicht negativ sein.')
      .refine((v) => v === '' || v.startsWith('-') || /^\d{1,9}$/.test(v), 'Bitte eine ganze Zahl angeben (nur zusammengefasste Zahlen).')
      .optional(),
  ),
});
type NarrativeForm = z.infer<typeof narrativeSchema>;

/**
 * The Ist of a line is what its Belege give (the API computes it); the Träger may change it only
 * with a reason ("ändern"), and "Belegliste übernehmen" goes back to the computed sum.
 */
export const figuresSchema = z.object({
  costLines: z.array(
    z
      .object({
        category: z.string(),
        description: z.string().max(500, 'Höchstens 500 Zeichen.'),
        planned: z.string(),
        override: z.boolean(),
        actual: z.string(),
        overrideReason: z.string().max(1000, 'Höchstens 1.000 Zeichen.'),
      })
      .superRefine((l, ctx) => {
        if (!l.override) return;
        const amount = germanAmount.safeParse(l.actual);
        if (!amount.success) ctx.addIssue({ code: 'custom', path: ['actual'], message: amount.error.issues[0]?.message ?? 'Bitte einen Betrag angeben.' });
        if (!l.overrideReason.trim()) ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: 'Bitte begründen Sie, warum das Ist von der Belegliste abweicht.' });
      }),
  ),
  ownFunds: germanAmount,
  thirdPartyFunds: germanAmount,
});
export type FiguresForm = z.infer<typeof figuresSchema>;

/** The reported Kennzahlen in the order sent: the API names them by that index. */
function reportedIndicators(v: NarrativeForm): { indicatorId: string; value: number }[] {
  return Object.entries(v.values)
    .filter(([, value]) => value !== undefined && value.trim() !== '')
    .map(([indicatorId, value]) => ({ indicatorId, value: Number(value!.trim()) }));
}

function toNarrativeBody(v: NarrativeForm): Schemas['NarrativeDto'] {
  return {
    measure: v.measure.trim(),
    goalsAchieved: v.goalsAchieved.trim(),
    targetGroupReached: v.targetGroupReached.trim(),
    deviations: v.deviations.trim(),
    indicators: reportedIndicators(v),
  };
}

/** `narrative.indicators[i].value` of the API is the input of the i-th reported Kennzahl. */
function narrativePath(form: UseFormReturn<NarrativeForm>): (path: string) => string {
  const sent = reportedIndicators(form.getValues());
  return (path) => {
    const m = /^narrative\.indicators\.(\d+)\./.exec(path);
    const id = m ? sent[Number(m[1])]?.indicatorId : undefined;
    return id ? `values.${id}` : path.replace(/^narrative\./, '');
  };
}

function toFiguresBody(v: FiguresForm): Schemas['FiguresDto'] {
  return {
    costLines: v.costLines.map((l) =>
      l.override
        ? { category: l.category, description: l.description, actual: germanToApi(l.actual) ?? l.actual, overrideReason: l.overrideReason.trim() }
        : { category: l.category, description: l.description },
    ),
    ownFunds: germanToApi(v.ownFunds) ?? v.ownFunds,
    thirdPartyFunds: germanToApi(v.thirdPartyFunds) ?? v.thirdPartyFunds,
  };
}

function ProofEditor({ p }: { p: Schemas['ProofDto'] }) {
  const queryClient = useQueryClient();
  // The Kennzahlen offered are those of the project's Handlungsfeld (the API refuses others).
  const decision = useDecision(p.decisionId);
  const narrativeForm = useForm<NarrativeForm>({
    resolver: zodResolver(narrativeSchema),
    defaultValues: {
      measure: p.narrative.measure,
      goalsAchieved: p.narrative.goalsAchieved,
      targetGroupReached: p.narrative.targetGroupReached,
      deviations: p.narrative.deviations,
      values: Object.fromEntries(p.narrative.indicators.flatMap((k) => (k.indicatorId ? [[k.indicatorId, String(k.value)]] : []))),
    },
  });
  const figuresForm = useForm<FiguresForm>({
    resolver: zodResolver(figuresSchema),
    defaultValues: {
      costLines: p.figures.costLines.map((l) => ({
        category: l.category,
        description: l.description,
        planned: l.planned,
        override: l.overrideReason !== null,
        actual: formatAmount(l.actual),
        overrideReason: l.overrideReason ?? '',
      })),
      ownFunds: formatAmount(p.figures.ownFunds),
      thirdPartyFunds: formatAmount(p.figures.thirdPartyFunds),
    },
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['proof', p.id] });
    void queryClient.invalidateQueries({ queryKey: ['findings', p.id] });
    void queryClient.invalidateQueries({ queryKey: ['proofs'] });
    void queryClient.invalidateQueries({ queryKey: ['proof-deadlines'] });
  };
  const patch = (body: Schemas['UpdateProofDto']) => call(api.PATCH('/api/v1/proofs-of-use/{id}', { params: { path: { id: p.id } }, body }));
  const [submitShown, setSubmitShown] = useState<string[]>([]);
  const submit = useMutation({
    mutationFn: async () => {
      // Unsaved changes go along: the API submits what is stored.
      if (narrativeForm.formState.isDirty) {
        if (!(await narrativeForm.trigger())) throw new Error('Bitte prüfen Sie die markierten Angaben im Sachbericht.');
        await patch({ narrative: toNarrativeBody(narrativeForm.getValues()) });
      }
      if (figuresForm.formState.isDirty) {
        if (!(await figuresForm.trigger())) throw new Error('Bitte prüfen Sie die markierten Angaben im zahlenmäßigen Nachweis.');
        await patch({ figures: toFiguresBody(figuresForm.getValues()) });
      }
      return call(api.POST('/api/v1/proofs-of-use/{id}/submit', { params: { path: { id: p.id } } }));
    },
    onSuccess: refresh,
    onError: (err) => setSubmitShown(applyProblem(narrativeForm, err, narrativePath(narrativeForm))),
  });
  return (
    <>
      <Alert type="info" title="Entwurf">
        <p className="kern-body">
          Füllen Sie Sachbericht, zahlenmäßigen Nachweis und Belegliste aus und reichen Sie den Nachweis bis zur Frist ein. Nach dem Einreichen sind keine Änderungen mehr möglich; die Belege sind ab dann
          aufzubewahren.
        </p>
      </Alert>
      <NarrativeSection form={narrativeForm} fieldOfAction={decision.data?.fieldOfActionCode ?? null} reported={p.narrative.indicators} onSave={(v) => patch({ narrative: toNarrativeBody(v) })} onSaved={refresh} />
      <FiguresSection p={p} form={figuresForm} onSave={(v) => patch({ figures: toFiguresBody(v) })} onSaved={refresh} />
      <ReceiptsSection proof={p} editable review={false} />
      <Section title="Prüfen und einreichen">
        <p className="kern-body">Diese Hinweise sehen Sie vor dem Einreichen; sie hindern das Einreichen nicht, werden aber bei der Prüfung beachtet.</p>
        <Findings proofId={p.id} version={p.version} />
        <FormProblems error={submit.error} shown={submitShown} title="Nicht eingereicht" />
        <div className="ff-actions">
          <Button busy={submit.isPending} onClick={() => submit.mutate()}>
            Verwendungsnachweis einreichen
          </Button>
        </div>
      </Section>
    </>
  );
}

function NarrativeSection({
  form,
  fieldOfAction,
  reported,
  onSave,
  onSaved,
}: {
  form: UseFormReturn<NarrativeForm>;
  fieldOfAction: string | null;
  reported: Schemas['NarrativeViewDto']['indicators'];
  onSave: (v: NarrativeForm) => Promise<unknown>;
  onSaved: () => void;
}) {
  const fields = useFieldsOfAction();
  const definitions = useIndicators(fieldOfAction ?? undefined);
  const [shown, setShown] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: onSave,
    onSuccess: () => {
      form.reset(form.getValues());
      onSaved();
    },
    onError: (err) => setShown(applyProblem(form, err, narrativePath(form))),
  });
  const offered = new Set((definitions.data?.items ?? []).map((d) => d.id));
  // Reported before the Kennzahlen were data, or since retired: shown, but not offered again.
  const earlier = reported.filter((k) => !k.indicatorId || (definitions.data && !offered.has(k.indicatorId)));
  return (
    <Section title="Sachbericht">
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        {save.isSuccess && !form.formState.isDirty ? <Alert type="success" title="Sachbericht gespeichert" live /> : null}
        <ProblemAlert error={save.error} shown={shown} title="Sachbericht nicht gespeichert" />
        <TextArea form={form} name="measure" label="Durchgeführte Maßnahme" rows={4} />
        <TextArea form={form} name="goalsAchieved" label="Erreichte Ziele" rows={4} />
        <TextArea form={form} name="targetGroupReached" label="Erreichte Zielgruppe" rows={3} />
        <TextArea form={form} name="deviations" label="Abweichungen vom Plan" optional rows={3} />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">Kennzahlen{fieldOfAction ? ` im Handlungsfeld „${nameOf(fields.data, fieldOfAction)}“` : ''}</legend>
          <p className="kern-hint">Nur zusammengefasste Zahlen, keine Angaben zu einzelnen Personen. Leer lassen, was Sie nicht erhoben haben.</p>
          <QueryView query={definitions}>
            {(list) =>
              list.items.length === 0 ? (
                <p className="kern-body">Für dieses Handlungsfeld sind keine Kennzahlen festgelegt.</p>
              ) : (
                <TableWrap label="Kennzahlen">
                  <table className="kern-table kern-table--small ff-edit-table" data-testid="narrative-indicators">
                    <caption className="kern-sr-only">Kennzahlen</caption>
                    <thead className="kern-table__head">
                      <HeaderRow headers={[{ label: 'Kennzahl' }, { label: 'Wert', numeric: true }]} />
                    </thead>
                    <tbody className="kern-table__body">
                      {list.items.map((d) => (
                        <tr className="kern-table__row" key={d.id}>
                          <th className="kern-table__header" scope="row">
                            {d.name} <span className="kern-hint">({d.unit})</span>
                          </th>
                          <CellInput form={form} name={`values.${d.id}`} label={`${d.name} (${d.unit})`} numeric />
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )
            }
          </QueryView>
          {earlier.length ? (
            <div data-testid="earlier-indicators">
              <p className="kern-body">Früher angegeben (diese Kennzahlen werden nicht mehr erhoben und beim nächsten Speichern nicht übernommen):</p>
              <ul className="kern-list">
                {earlier.map((k, i) => (
                  <li key={`${k.code}-${i}`}>
                    {k.label}: {formatInteger(k.value)}
                    {k.unit ? ` ${k.unit}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </fieldset>
        <div className="ff-actions">
          <Button type="submit" busy={save.isPending}>
            Sachbericht speichern
          </Button>
        </div>
      </form>
    </Section>
  );
}

function FiguresSection({ p, form, onSave, onSaved }: { p: Schemas['ProofDto']; form: UseFormReturn<FiguresForm>; onSave: (v: FiguresForm) => Promise<unknown>; onSaved: () => void }) {
  const costCategories = useCostCategories();
  const lines = useWatch({ control: form.control, name: 'costLines' });
  const [shown, setShown] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: onSave,
    onSuccess: () => {
      form.reset(form.getValues());
      onSaved();
    },
    onError: (err) => setShown(applyProblem(form, err, (path) => path.replace(/^figures\./, ''))),
  });
  /** The Ist of line i as it stands: the changed amount, or what the Belege give (from the API). */
  const actualOf = (i: number): string | null => {
    const l = lines[i]!;
    if (l.override) return germanToApi(l.actual);
    return p.figures.costLines[i]?.fromReceipts ?? p.figures.costLines[i]?.actual ?? '0.00';
  };
  const plannedTotal = lines.reduce((s, l) => s + (apiToCents(l.planned) ?? 0n), 0n);
  const actualTotal = lines.reduce((s, _, i) => s + (apiToCents(actualOf(i) ?? '') ?? 0n), 0n);
  return (
    <Section title="Zahlenmäßiger Nachweis">
      <form className="ff-form ff-form--wide" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        {save.isSuccess && !form.formState.isDirty ? <Alert type="success" title="Zahlenmäßiger Nachweis gespeichert" live /> : null}
        <ProblemAlert error={save.error} shown={shown} title="Nicht gespeichert" />
        <p className="kern-hint">
          Gegliedert wie der bewilligte Finanzierungsplan. Das Ist jeder Position ist die Summe der Belege ihrer Kostenart aus der Belegliste. Weicht es davon ab, ändern Sie es mit Begründung.
          Einzelne Ansätze dürfen nur in begrenztem Umfang überschritten werden, wenn andere entsprechend eingespart werden.
        </p>
        <TableWrap label="Ausgaben: Plan und Ist">
          <table className="kern-table kern-table--small ff-edit-table" data-testid="figures-editor">
            <caption className="kern-sr-only">Ausgaben: Plan und Ist</caption>
            <thead className="kern-table__head">
              <HeaderRow
                headers={[{ label: 'Kostenart' }, { label: 'Beschreibung' }, { label: 'Plan', numeric: true }, { label: 'Ist in €', numeric: true }, { label: 'Abweichung', numeric: true }, { label: 'in %', numeric: true }]}
              />
            </thead>
            <tbody className="kern-table__body">
              {lines.map((l, i) => {
                const name = nameOf(costCategories.data, l.category);
                const actual = actualOf(i);
                const dev = actual === null || apiToCents(actual) === null ? null : deviation(l.planned, actual);
                return (
                  <tr className="kern-table__row" key={i}>
                    <th className="kern-table__header ff-row-header" scope="row">
                      {name}
                    </th>
                    <CellInput form={form} name={`costLines.${i}.description`} label={`Beschreibung, ${name}`} />
                    <td className="kern-table__cell kern-table__cell--numeric">{formatMoney(l.planned)}</td>
                    <ActualCell form={form} index={i} name={name} fromReceipts={p.figures.costLines[i]?.fromReceipts ?? null} />
                    <td className="kern-table__cell kern-table__cell--numeric">{dev ? formatMoney(dev.cents) : '–'}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{dev ? formatTenths(dev.tenths) : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot className="kern-table__footer">
              <tr className="kern-table__row">
                <th className="kern-table__header" scope="row" colSpan={2}>
                  Summe Ausgaben
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{formatMoney(plannedTotal)}</td>
                <td className="kern-table__cell kern-table__cell--numeric" data-testid="actual-total">
                  {formatMoney(actualTotal)}
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatMoney(actualTotal - plannedTotal)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatTenths(plannedTotal === 0n ? null : ((actualTotal - plannedTotal) * 1000n) / plannedTotal)}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
        <div className="ff-grid">
          <TextField form={form} name="ownFunds" label="Eigenmittel (Ist) in €" inputMode="decimal" />
          <TextField form={form} name="thirdPartyFunds" label="Drittmittel (Ist) in €" inputMode="decimal" />
        </div>
        <div className="ff-actions">
          <Button type="submit" busy={save.isPending}>
            Zahlen speichern
          </Button>
        </div>
      </form>
    </Section>
  );
}

/**
 * The Ist of one line: the sum of its Belege with "ändern"; changed, an amount and the reason
 * (both required), and "Belegliste übernehmen" to go back to the computed sum.
 */
export function ActualCell({ form, index, name, fromReceipts }: { form: UseFormReturn<FiguresForm>; index: number; name: string; fromReceipts: string | null }) {
  const override = useWatch({ control: form.control, name: `costLines.${index}.override` });
  const amountError = errorAt(form, `costLines.${index}.actual`);
  const reasonError = errorAt(form, `costLines.${index}.overrideReason`);
  const id = `f-costLines-${index}`;
  const set = (on: boolean) => {
    form.setValue(`costLines.${index}.override`, on, { shouldDirty: true });
    if (on) form.setValue(`costLines.${index}.actual`, formatAmount(fromReceipts ?? '0.00'), { shouldDirty: true });
    else form.setValue(`costLines.${index}.overrideReason`, '', { shouldDirty: true });
  };
  if (!override) {
    return (
      <td className="kern-table__cell kern-table__cell--numeric">
        <span data-testid={`actual-${index}`}>{formatMoney(fromReceipts ?? '0.00')}</span>
        <span className="ff-muted"> aus der Belegliste </span>
        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--small" aria-label={`Ist ändern, ${name}`} onClick={() => set(true)}>
          <span className="kern-label">ändern</span>
        </button>
      </td>
    );
  }
  return (
    <td className="kern-table__cell">
      <input
        id={`${id}-actual`}
        className={`kern-form-input__input ff-cell-input ${amountError ? 'kern-form-input__input--error' : ''}`}
        aria-label={`Ist in Euro, ${name}`}
        aria-invalid={amountError ? true : undefined}
        aria-describedby={amountError ? `${id}-actual-error` : undefined}
        inputMode="decimal"
        {...form.register(`costLines.${index}.actual`)}
      />
      {amountError ? (
        <p className="kern-error ff-cell-error" id={`${id}-actual-error`} data-testid="field-error">
          <span className="kern-body">{amountError}</span>
        </p>
      ) : null}
      <label className="kern-label" htmlFor={`${id}-reason`}>
        Begründung der Abweichung
      </label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        className={`kern-form-input__input ff-cell-input ${reasonError ? 'kern-form-input__input--error' : ''}`}
        aria-invalid={reasonError ? true : undefined}
        aria-describedby={reasonError ? `${id}-reason-error` : undefined}
        {...form.register(`costLines.${index}.overrideReason`)}
      />
      {reasonError ? (
        <p className="kern-error ff-cell-error" id={`${id}-reason-error`} data-testid="field-error">
          <span className="kern-body">{reasonError}</span>
        </p>
      ) : null}
      <p className="ff-muted">Belege: {formatMoney(fromReceipts ?? '0.00')}</p>
      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--small" onClick={() => set(false)}>
        <span className="kern-label">Belegliste übernehmen</span>
      </button>
    </td>
  );
}
