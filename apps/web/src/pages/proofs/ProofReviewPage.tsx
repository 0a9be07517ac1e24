/**
 * Prüfung eines Verwendungsnachweises (Kreis): start, the cursory check, Zustimmungen to line
 * overruns, the sample (drawn with a stored seed, so anyone can redraw it), the decision on each
 * Beleg (anerkannt / gekürzt / nicht anerkannt, with amount and reason), the line-by-line final
 * grant, the Prüfvermerk, and then the Festsetzung proposed for a second person's approval.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { can } from '../../api/actions';
import { api, call, type Schemas } from '../../api/client';
import { ApiError, fieldErrorMap } from '../../api/problem';
import { nameOf, useCostCategories } from '../../api/queries';
import { CellInput, CellSelect, HeaderRow, RemoveCell } from '../../components/cells';
import { applyProblem, SelectField, TextArea, TextField } from '../../components/form';
import { LettersSection } from '../../components/Letters';
import { DataTable, FilterSelect, PlainInput } from '../../components/table';
import { Alert, Badge, Button, DescriptionList, Empty, Loading, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../../components/ui';
import { apiToCents, germanToApi } from '../../lib/decimal';
import { formatAmount, formatDateTime, formatMoney, formatPercent, plural, todayIso } from '../../lib/format';
import { label, PROOF_KIND, PROOF_STATUS, PROOF_TONE, RECEIPT_REVIEW, REVIEW_STATUS, SETTLEMENT_STATUS, tone } from '../../lib/labels';
import { germanAmount } from '../../lib/schemas';
import { CalculationView } from './CalculationView';
import { Findings, receiptColumns, useProofNames } from './proofParts';
import { useReceipts } from './ReceiptsSection';
import { CaseAssignmentPanel } from '../../components/CaseAssignmentPanel';
import { RecordHistory } from '../../components/RecordHistory';

export function ProofReviewPage() {
  const { id = '' } = useParams();
  const proof = useQuery({ queryKey: ['proof', id], queryFn: () => call(api.GET('/api/v1/proofs-of-use/{id}', { params: { path: { id } } })) });
  return <QueryView query={proof} what="Der Verwendungsnachweis">{(p) => <Review p={p} />}</QueryView>;
}

function useReview(proofId: string) {
  return useQuery({
    queryKey: ['proof-review', proofId],
    queryFn: async () => {
      try {
        return await call(api.GET('/api/v1/proofs-of-use/{id}/review', { params: { path: { id: proofId } } }));
      } catch (err) {
        if (err instanceof ApiError && err.code === 'REVIEW_NOT_STARTED') return null;
        throw err;
      }
    },
  });
}

function Review({ p }: { p: Schemas['ProofDto'] }) {
  const queryClient = useQueryClient();
  const review = useReview(p.id);
  const refresh = () => {
    for (const key of [['proof', p.id], ['proof-review', p.id], ['calculation', p.id], ['receipts', p.id], ['proofs'], ['settlements']]) void queryClient.invalidateQueries({ queryKey: key });
  };
  const start = useMutation({ mutationFn: () => call(api.POST('/api/v1/proofs-of-use/{id}/review', { params: { path: { id: p.id } } })), onSuccess: refresh });
  const r = review.data;
  const open = !!r && can(p, 'editReview');
  const names = useProofNames(p);
  return (
    <>
      <PageTitle subtitle={`${names.providerName} · Bescheid ${names.reference}`}>{`Prüfung ${label(PROOF_KIND, p.kind)} ${p.reference}`}</PageTitle>
      <div className="ff-actions">
        <span>Status:</span>
        <Badge tone={tone(PROOF_TONE, p.status)}>{label(PROOF_STATUS, p.status)}</Badge>
        {r ? <span>Prüfung: {label(REVIEW_STATUS, r.status)}</span> : null}
        <Link className="kern-link" to={`/nachweise/${p.id}`}>
          Nachweis mit Sachbericht und Zahlen ansehen
        </Link>
        <Link className="kern-link" to={`/bescheide/${p.decisionId}`}>
          Zum Bescheid
        </Link>
      </div>
      <ProblemAlert error={start.error ?? review.error} />
      {p.status === 'DRAFT' ? <Alert type="info" title="Noch nicht eingereicht"><p className="kern-body">Der Träger hat den Nachweis noch nicht eingereicht.</p></Alert> : null}
      {review.isPending ? <Loading /> : null}
      {r === null && can(p, 'startReview') ? (
        <div className="ff-actions">
          <Button busy={start.isPending} onClick={() => start.mutate()}>
            Prüfung beginnen
          </Button>
        </div>
      ) : r === null && p.status === 'SUBMITTED' ? (
        <Empty>Die Prüfung wurde noch nicht begonnen.</Empty>
      ) : null}
      {r ? (
        <>
          <Section title="Hinweise aus den Angaben">
            <Findings proofId={p.id} version={p.version} />
          </Section>
          <Cursory p={p} r={r} editable={open} onSaved={refresh} />
          <LineConsents p={p} r={r} editable={open} onSaved={refresh} />
          <Sample p={p} r={r} editable={open} onSaved={refresh} />
          <ReceiptDecisions p={p} r={r} editable={open} onSaved={refresh} />
          <Calculation p={p} />
          {can(p, 'completeReview') ? <Complete p={p} onSaved={refresh} /> : r.conclusion ? (
            <Section title="Prüfvermerk">
              <p className="kern-body ff-pre">{r.conclusion}</p>
              <p className="kern-body ff-muted">abgeschlossen am {formatDateTime(r.completedAt)}</p>
            </Section>
          ) : null}
          {p.kind === 'FINAL' && (p.status === 'REVIEWED' || p.status === 'SETTLED') ? <SettlementPart p={p} /> : null}
          {p.status === 'REVIEWED' || p.status === 'SETTLED' ? <LettersSection owner="proofs-of-use" id={p.id} title="Prüfvermerk und Festsetzung (PDF)" revision={p.status} /> : null}
        </>
      ) : null}
      <CaseAssignmentPanel type="PROOF_OF_USE" id={p.id} />
      <RecordHistory type="PROOF_OF_USE" id={p.id} />
    </>
  );
}

type TriState = '' | 'yes' | 'no';
const tri = (b: boolean | null): TriState => (b === null ? '' : b ? 'yes' : 'no');
const fromTri = (t: string): boolean | null => (t === '' ? null : t === 'yes');

function Cursory({ p, r, editable, onSaved }: { p: Schemas['ProofDto']; r: Schemas['ProofReviewDto']; editable: boolean; onSaved: () => void }) {
  const [v, setV] = useState({ complete: tri(r.cursory.complete), plausible: tri(r.cursory.plausible), purposeAchieved: tri(r.cursory.purposeAchieved), notes: r.cursory.notes ?? '' });
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/v1/proofs-of-use/{id}/review/cursory', {
          params: { path: { id: p.id } },
          body: { complete: fromTri(v.complete), plausible: fromTri(v.plausible), purposeAchieved: fromTri(v.purposeAchieved), notes: v.notes.trim() || null },
        }),
      ),
    onSuccess: onSaved,
  });
  const options: { value: TriState; label: string }[] = [
    { value: 'yes', label: 'ja' },
    { value: 'no', label: 'nein' },
  ];
  const items: ['complete' | 'plausible' | 'purposeAchieved', string][] = [
    ['complete', 'Vollständig'],
    ['plausible', 'Plausibel'],
    ['purposeAchieved', 'Zweck erreicht (Sachbericht)'],
  ];
  if (!editable) {
    return (
      <Section title="Kursorische Prüfung">
        <DescriptionList items={[...items.map(([k, l]) => [l, v[k] === '' ? 'offen' : v[k] === 'yes' ? 'ja' : 'nein'] as [string, string]), ['Vermerk', v.notes || '–']]} />
      </Section>
    );
  }
  return (
    <Section title="Kursorische Prüfung">
      {save.isSuccess ? <Alert type="success" title="Kursorische Prüfung gespeichert" live /> : null}
      <ProblemAlert error={save.error} />
      <div className="ff-grid">
        {items.map(([k, l]) => (
          <FilterSelect key={k} label={l} value={v[k]} all="offen" onChange={(x) => setV({ ...v, [k]: x })} options={options} />
        ))}
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="cursory-notes">
          Vermerk zur kursorischen Prüfung <span className="kern-label__optional"> – optional</span>
        </label>
        <textarea id="cursory-notes" className="kern-form-input__input" rows={3} value={v.notes} onChange={(e) => setV({ ...v, notes: e.target.value })} />
      </div>
      <div className="ff-actions">
        <Button busy={save.isPending} onClick={() => save.mutate()}>
          Kursorische Prüfung speichern
        </Button>
      </div>
    </Section>
  );
}

const consentsSchema = z.object({
  consents: z.array(z.object({ category: z.string().min(1, 'Bitte die Kostenart wählen.'), amount: germanAmount, note: z.string().max(1000, 'Höchstens 1.000 Zeichen.') })).max(50),
});
type ConsentsForm = z.infer<typeof consentsSchema>;

function LineConsents({ p, r, editable, onSaved }: { p: Schemas['ProofDto']; r: Schemas['ProofReviewDto']; editable: boolean; onSaved: () => void }) {
  const costCategories = useCostCategories();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<ConsentsForm>({
    resolver: zodResolver(consentsSchema),
    defaultValues: { consents: r.lineConsents.map((c) => ({ category: c.category, amount: formatAmount(c.amount), note: c.note ?? '' })) },
  });
  const rows = useFieldArray({ control: form.control, name: 'consents' });
  const categories = [...new Set(p.figures.costLines.map((l) => l.category))].map((c) => ({ value: c, label: nameOf(costCategories.data, c) }));
  const save = useMutation({
    mutationFn: (v: ConsentsForm) =>
      call(
        api.PUT('/api/v1/proofs-of-use/{id}/review/line-consents', {
          params: { path: { id: p.id } },
          body: { consents: v.consents.map((c) => ({ category: c.category, amount: germanToApi(c.amount) ?? c.amount, note: c.note.trim() || null })) },
        }),
      ),
    onSuccess: onSaved,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  if (!editable) {
    return (
      <Section title="Zustimmungen zu Überschreitungen">
        <DataTable
          caption="Zustimmungen zu Überschreitungen"
          rows={r.lineConsents}
          rowKey={(c) => c.category}
          empty="Keine Zustimmungen."
          columns={[
            { header: 'Kostenart', cell: (c) => nameOf(costCategories.data, c.category) },
            { header: 'zugestimmter Höchstbetrag', numeric: true, cell: (c) => formatMoney(c.amount) },
            { header: 'Zustimmung vom / Aktenzeichen', cell: (c) => c.note ?? '–' },
          ]}
        />
      </Section>
    );
  }
  return (
    <Section title="Zustimmungen zu Überschreitungen">
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        <p className="kern-hint">Eine Zustimmung hebt die Obergrenze eines einzelnen Ansatzes über die Toleranz hinaus an; die Gesamtsumme des Plans bleibt bindend.</p>
        {save.isSuccess ? <Alert type="success" title="Zustimmungen gespeichert" live /> : null}
        <ProblemAlert error={save.error} shown={shown} />
        {rows.fields.length > 0 ? (
          <TableWrap label="Zustimmungen">
            <table className="kern-table kern-table--small ff-edit-table">
              <caption className="kern-sr-only">Zustimmungen</caption>
              <thead className="kern-table__head">
                <HeaderRow headers={[{ label: 'Kostenart' }, { label: 'Höchstbetrag in €', numeric: true }, { label: 'Zustimmung vom / Aktenzeichen' }, { label: <span className="kern-sr-only">Aktion</span> }]} />
              </thead>
              <tbody className="kern-table__body">
                {rows.fields.map((f, i) => (
                  <tr className="kern-table__row" key={f.id}>
                    <CellSelect form={form} name={`consents.${i}.category`} label={`Kostenart, Zustimmung ${i + 1}`} options={categories} />
                    <CellInput form={form} name={`consents.${i}.amount`} label={`Höchstbetrag in Euro, Zustimmung ${i + 1}`} numeric />
                    <CellInput form={form} name={`consents.${i}.note`} label={`Vermerk, Zustimmung ${i + 1}`} />
                    <RemoveCell label={`Zustimmung ${i + 1} entfernen`} onClick={() => rows.remove(i)} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <Empty>Keine Zustimmungen.</Empty>
        )}
        <div className="ff-actions">
          <Button variant="secondary" onClick={() => rows.append({ category: '', amount: '', note: '' })}>
            Zustimmung hinzufügen
          </Button>
          <Button type="submit" busy={save.isPending}>
            Zustimmungen speichern
          </Button>
        </div>
      </form>
    </Section>
  );
}

function Sample({ p, r, editable, onSaved }: { p: Schemas['ProofDto']; r: Schemas['ProofReviewDto']; editable: boolean; onSaved: () => void }) {
  const [seed, setSeed] = useState('');
  const draw = useMutation({
    mutationFn: () => call(api.POST('/api/v1/proofs-of-use/{id}/review/sample', { params: { path: { id: p.id } }, body: { seed: seed.trim() || null } })),
    onSuccess: onSaved,
  });
  const errors = fieldErrorMap(draw.error);
  return (
    <Section title="Stichprobe">
      <DescriptionList
        items={[
          ['Anteil (Programmparameter)', formatPercent(r.sampleSharePercent)],
          ['Gezogene Belege', String(r.sampleSize)],
          ['Startwert', r.sampleSeed ? <span key="s" className="ff-mono" data-testid="sample-seed">{r.sampleSeed}</span> : 'noch nicht gezogen'],
        ]}
      />
      <p className="kern-hint">Mindestens der Anteil des Programms, zur Hälfte risikobasiert, der Rest zufällig. Mit demselben Startwert zieht jeder dieselbe Stichprobe.</p>
      {editable ? (
        <div className="ff-form ff-form--narrow">
          <ProblemAlert error={draw.error} shown={['seed']} title="Stichprobe nicht gezogen" />
          <PlainInput label="Startwert (optional, sonst zufällig)" value={seed} onChange={setSeed} error={errors.seed} />
          <div className="ff-actions">
            <Button busy={draw.isPending} onClick={() => draw.mutate()}>
              {r.sampleSeed ? 'Stichprobe neu ziehen' : 'Stichprobe ziehen'}
            </Button>
          </div>
        </div>
      ) : null}
    </Section>
  );
}

const decisionSchema = z
  .object({ outcome: z.enum(['RECOGNISED', 'REDUCED', 'REFUSED']), amount: z.string(), note: z.string().max(2000, 'Höchstens 2.000 Zeichen.') })
  .superRefine((v, ctx) => {
    if (v.outcome === 'REDUCED') {
      if (germanToApi(v.amount) === null) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Bitte den anerkannten Betrag angeben.' });
    }
    if (v.outcome !== 'RECOGNISED' && !v.note.trim()) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Bitte die Kürzung oder Ablehnung begründen.' });
  });
type DecisionForm = z.infer<typeof decisionSchema>;

function ReceiptDecisions({ p, r, editable, onSaved }: { p: Schemas['ProofDto']; r: Schemas['ProofReviewDto']; editable: boolean; onSaved: () => void }) {
  const costCategories = useCostCategories();
  const [scope, setScope] = useState<'sample' | 'all'>('sample');
  const receipts = useReceipts(p.id, scope === 'sample' ? true : undefined);
  const items = receipts.data?.pages.flatMap((x) => x.items) ?? [];
  const [selected, setSelected] = useState<Schemas['ReceiptDto'] | null>(null);
  type R = Schemas['ReceiptDto'];
  return (
    <Section title="Belegprüfung">
      <div className="ff-filters">
        <FilterSelect
          label="Belege"
          value={scope}
          all={null}
          onChange={(v) => v && setScope(v)}
          options={[
            { value: 'sample', label: 'nur die Stichprobe' },
            { value: 'all', label: 'alle Belege' },
          ]}
        />
      </div>
      <ProblemAlert error={receipts.error} />
      {editable && r.sampleSeed ? <AcceptRemaining p={p} open={r.openSampleReceipts} onSaved={onSaved} /> : null}
      <DataTable
        caption="Belege zur Prüfung"
        testId="review-receipts"
        rows={items}
        rowKey={(x) => x.id}
        empty={receipts.isPending ? 'Wird geladen …' : scope === 'sample' ? 'Noch keine Stichprobe gezogen.' : 'Keine Belege.'}
        rowClassName={(x) => (selected?.id === x.id ? 'ff-row--selected' : undefined)}
        columns={[
          ...receiptColumns(costCategories.data, true),
          ...(editable
            ? [
                {
                  header: <span className="kern-sr-only">Aktion</span>,
                  cell: (x: R) => (
                    <Button variant="tertiary" onClick={() => setSelected(x)}>
                      Entscheiden<span className="kern-sr-only"> über Beleg {x.position}</span>
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {receipts.hasNextPage ? (
        <Button variant="secondary" busy={receipts.isFetchingNextPage} onClick={() => void receipts.fetchNextPage()}>
          Weitere Belege laden
        </Button>
      ) : null}
      {selected && editable ? (
        <DecideReceipt
          key={selected.id}
          p={p}
          receipt={selected}
          onDone={() => {
            setSelected(null);
            onSaved();
          }}
          onCancel={() => setSelected(null)}
        />
      ) : null}
    </Section>
  );
}

/**
 * "Alle übrigen anerkennen": the sampled Belege nobody has decided yet, recognised at their eligible
 * amount in one step, after a confirmation that names how many. The API records one audit event
 * per Beleg, as for a single decision.
 */
function AcceptRemaining({ p, open, onSaved }: { p: Schemas['ProofDto']; open: number; onSaved: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const accept = useMutation({
    mutationFn: () => call(api.POST('/api/v1/proofs-of-use/{id}/review/receipts/accept-remaining', { params: { path: { id: p.id } } })),
    onSuccess: () => {
      setConfirming(false);
      onSaved();
    },
  });
  const belege = (n: number) => plural(n, 'Beleg', 'Belege');
  return (
    <div className="ff-bulk" data-testid="accept-remaining">
      {accept.data ? (
        <Alert type="success" title={`${belege(accept.data.accepted)} der Stichprobe anerkannt`} live>
          <p className="kern-body">Jede Anerkennung ist einzeln im Protokoll vermerkt.</p>
        </Alert>
      ) : null}
      <ProblemAlert error={accept.error} title="Nicht anerkannt" />
      {open > 0 && !confirming ? (
        <div className="ff-actions">
          <p className="kern-body">Noch offen in der Stichprobe: {belege(open)}.</p>
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Alle übrigen Belege der Stichprobe anerkennen
          </Button>
        </div>
      ) : null}
      {confirming ? (
        <Alert type="warning" title={`${belege(open)} der Stichprobe in voller förderfähiger Höhe anerkennen?`}>
          <p className="kern-body">Gekürzte oder abgelehnte Belege bleiben, wie sie sind. Jede Anerkennung wird einzeln protokolliert.</p>
          <div className="ff-actions">
            <Button busy={accept.isPending} onClick={() => accept.mutate()}>
              Ja, {belege(open)} anerkennen
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Abbrechen
            </Button>
          </div>
        </Alert>
      ) : null}
    </div>
  );
}

function DecideReceipt({ p, receipt, onDone, onCancel }: { p: Schemas['ProofDto']; receipt: Schemas['ReceiptDto']; onDone: () => void; onCancel: () => void }) {
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<DecisionForm>({
    resolver: zodResolver(decisionSchema),
    defaultValues: {
      outcome: receipt.reviewStatus === 'OPEN' ? 'RECOGNISED' : receipt.reviewStatus,
      amount: receipt.recognisedAmount ? formatAmount(receipt.recognisedAmount) : '',
      note: receipt.reviewNote ?? '',
    },
  });
  const outcome = useWatch({ control: form.control, name: 'outcome' });
  const decide = useMutation({
    mutationFn: (v: DecisionForm) =>
      call(
        api.POST('/api/v1/proofs-of-use/{id}/review/receipts/{receiptId}', {
          params: { path: { id: p.id, receiptId: receipt.id } },
          body: { outcome: v.outcome, ...(v.outcome === 'REDUCED' ? { amount: germanToApi(v.amount) ?? v.amount } : {}), note: v.note.trim() || null },
        }),
      ),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <form className="ff-form ff-form--narrow ff-subform" noValidate onSubmit={form.handleSubmit((v) => decide.mutate(v))} aria-label={`Entscheidung zu Beleg ${receipt.position}`}>
      <h3 className="kern-heading-small">
        Beleg {receipt.position} ({receipt.receiptNumber}): {receipt.counterparty}, {formatMoney(receipt.eligibleAmount)} zuwendungsfähig
      </h3>
      <ProblemAlert error={decide.error} shown={shown} title="Entscheidung nicht gespeichert" />
      <SelectField form={form} name="outcome" label="Ergebnis" options={Object.entries(RECEIPT_REVIEW).filter(([k]) => k !== 'OPEN').map(([value, l]) => ({ value, label: l }))} />
      {outcome === 'REDUCED' ? <TextField form={form} name="amount" label="Anerkannter Betrag in €" inputMode="decimal" hint={`Weniger als ${formatMoney(receipt.eligibleAmount)}.`} /> : null}
      <TextArea form={form} name="note" label="Begründung" optional={outcome === 'RECOGNISED'} rows={2} />
      <div className="ff-actions">
        <Button type="submit" busy={decide.isPending}>
          Entscheidung speichern
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Abbrechen
        </Button>
      </div>
    </form>
  );
}

function Calculation({ p }: { p: Schemas['ProofDto'] }) {
  const calc = useQuery({ queryKey: ['calculation', p.id], queryFn: () => call(api.GET('/api/v1/proofs-of-use/{id}/review/calculation', { params: { path: { id: p.id } } })) });
  return (
    <Section title="Abschließende Zuwendung, Zeile für Zeile">
      <QueryView query={calc}>
        {(c) => <CalculationView calc={c} paid={c.paidAmount} />}
      </QueryView>
    </Section>
  );
}

const completeSchema = z.object({ conclusion: z.string().trim().min(1, 'Bitte das Ergebnis des Prüfvermerks angeben.').max(20000, 'Höchstens 20.000 Zeichen.') });

function Complete({ p, onSaved }: { p: Schemas['ProofDto']; onSaved: () => void }) {
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof completeSchema>>({ resolver: zodResolver(completeSchema), defaultValues: { conclusion: '' } });
  const complete = useMutation({
    mutationFn: (v: { conclusion: string }) => call(api.POST('/api/v1/proofs-of-use/{id}/review/complete', { params: { path: { id: p.id } }, body: { conclusion: v.conclusion.trim() } })),
    onSuccess: onSaved,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Prüfvermerk abschließen">
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => complete.mutate(v))}>
        <ProblemAlert error={complete.error} shown={shown} title="Prüfvermerk nicht abgeschlossen" />
        <TextArea form={form} name="conclusion" label="Ergebnis der Prüfung" rows={4} hint="Mit dem Abschluss wird die Berechnung festgehalten." />
        <div className="ff-actions">
          <Button type="submit" busy={complete.isPending}>
            Prüfvermerk abschließen
          </Button>
        </div>
      </form>
    </Section>
  );
}

function SettlementPart({ p }: { p: Schemas['ProofDto'] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const settlements = useQuery({ queryKey: ['settlements', p.decisionId], queryFn: () => call(api.GET('/api/v1/settlements', { params: { query: { decisionId: p.decisionId } } })) });
  const calc = useQuery({ queryKey: ['calculation', p.id], queryFn: () => call(api.GET('/api/v1/proofs-of-use/{id}/review/calculation', { params: { path: { id: p.id } } })) });
  const [due, setDue] = useState('');
  // Four eyes with context (issue 16): the approver reads why Z is right; without it the API answers 409.
  const [reasons, setReasons] = useState('');
  const reasonsId = useId();
  const propose = useMutation({
    mutationFn: () => call(api.POST('/api/v1/settlements', { body: { proofId: p.id, recoveryDueDate: due || null, votum: { reasons: reasons.trim() } } })),
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: ['settlements'] });
      navigate(`/festsetzungen/${s.id}`, { state: { flash: 'proposed' } });
    },
  });
  const errors = fieldErrorMap(propose.error);
  const list = (settlements.data ?? []).filter((s) => s.proofId === p.id);
  const recovery = apiToCents(calc.data?.recovery ?? '0') ?? 0n;
  return (
    <Section title="Festsetzung">
      <DataTable
        caption="Festsetzungen"
        rows={list}
        rowKey={(s) => s.id}
        empty="Noch keine Festsetzung vorgeschlagen."
        columns={[
          { header: 'Festsetzung', cell: (s) => <Link className="kern-link" to={`/festsetzungen/${s.id}`}>Z = {formatMoney(s.finalGrant)}</Link> },
          { header: 'Status', cell: (s) => label(SETTLEMENT_STATUS, s.status) },
          { header: 'Rückforderung', numeric: true, cell: (s) => formatMoney(s.recoveryAmount) },
        ]}
      />
      {can(p, 'proposeSettlement') ? (
        <div className="ff-form ff-form--narrow">
          <ProblemAlert error={propose.error} shown={['recoveryDueDate', 'votum.reasons']} title="Festsetzung nicht vorgeschlagen" />
          {recovery > 0n ? (
            <PlainInput
              label="Fälligkeit der Rückforderung"
              type="date"
              value={due}
              onChange={setDue}
              error={errors.recoveryDueDate}
              hint={`Zurückzufordern sind ${formatMoney(recovery)}. Frühestens ${todayIso().split('-').reverse().join('.')}.`}
            />
          ) : null}
          <div className={`kern-form-input ${errors['votum.reasons'] ? 'kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor={reasonsId}>
              Begründung der Festsetzung (Votum)
            </label>
            <div className="kern-hint" id={`${reasonsId}-hint`}>
              Warum die Zuwendung so festzusetzen ist; die zweite zeichnungsbefugte Person liest sie vor der Freigabe.
            </div>
            {errors['votum.reasons'] ? (
              <p className="kern-error" id={`${reasonsId}-error`} data-testid="field-error">
                <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
                <span className="kern-body">{errors['votum.reasons']}</span>
              </p>
            ) : null}
            <textarea
              id={reasonsId}
              className={`kern-form-input__input ${errors['votum.reasons'] ? 'kern-form-input__input--error' : ''}`}
              rows={3}
              value={reasons}
              aria-invalid={errors['votum.reasons'] ? true : undefined}
              aria-describedby={[`${reasonsId}-hint`, errors['votum.reasons'] ? `${reasonsId}-error` : ''].filter(Boolean).join(' ')}
              onChange={(e) => setReasons(e.target.value)}
            />
          </div>
          <div className="ff-actions">
            <Button busy={propose.isPending} onClick={() => propose.mutate()}>
              Festsetzung vorschlagen
            </Button>
          </div>
        </div>
      ) : null}
    </Section>
  );
}
