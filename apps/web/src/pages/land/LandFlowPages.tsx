/**
 * The Land's part of the money flow after the Zuweisung (issue 20): the Kreise's Mittelabrufe at
 * the Land (the Land records its payment with the date; the Kreis then books the receipt on its
 * Landesnachweis page), and the Land's review of a Kreis's Verwendungsnachweis: A_kreis as the Land
 * recognises it, the Festsetzung Z_land = min(H_land, p_land × A_kreis) in four eyes and the refund
 * paid_by_land − Z_land with its receipt. Every button comes from the API's `allowedActions`.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Link, useParams, useSearchParams } from 'react-router';
import { can } from '../../api/actions';
import { api, call } from '../../api/client';
import { type RequestBody } from '../../api/bodies';
import { isStateLevel, useCurrentUser } from '../../auth/auth';
import { ActionDialog } from '../../components/dialog';
import { applyProblem, TextArea, TextField } from '../../components/form';
import { DataTable, FilterSelect } from '../../components/table';
import { Badge, Button, DescriptionList, Money, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';
import { germanToApi, parseGermanAmount } from '../../lib/decimal';
import { districtYearOptions, LAND_DRAWDOWN_STATUS, STATE_PROOF_REVIEW_STATUS, STATE_PROOF_REVIEW_TONE, yearFromParams } from '../../lib/districts';
import { formatAmount, formatDate, formatMoney, todayIso } from '../../lib/format';
import { label, optionsOf, tone } from '../../lib/labels';

const thisYear = () => Number(todayIso().slice(0, 4));

/** Year and one more filter in the address. */
function useYearAndStatus(): { year: number; status: string; set: (key: string, value: string) => void } {
  const [params, setParams] = useSearchParams();
  return {
    year: yearFromParams(params) ?? thisYear(),
    status: params.get('status') ?? '',
    set: (key, value) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      }),
  };
}

function YearFilter({ year, set }: { year: number; set: (key: string, value: string) => void }) {
  return <FilterSelect label="Haushaltsjahr" all={null} value={String(year)} onChange={(v) => set('jahr', v)} options={districtYearOptions(year, thisYear()).map((y) => ({ value: String(y), label: String(y) }))} />;
}

// ───────────────────────────── Mittelabrufe der Kreise ─────────────────────────────

const fetchDrawdowns = (year: number, status: string) =>
  call(api.GET('/api/v1/land-drawdowns', { params: { query: { year, ...(status === 'REQUESTED' || status === 'RECEIVED' ? { status } : {}) } } }));
type Drawdown = Awaited<ReturnType<typeof fetchDrawdowns>>[number];

export function LandDrawdownsPage() {
  const me = useCurrentUser();
  const { year, status, set } = useYearAndStatus();
  const drawdowns = useQuery({ queryKey: ['land-drawdowns', year, status], queryFn: () => fetchDrawdowns(year, status) });
  return (
    <>
      <PageTitle subtitle={isStateLevel(me) ? 'Abrufe der Kreise beim Land: Auszahlung durch das Land, Eingang beim Kreis' : 'Ihre Abrufe beim Land'}>Mittelabrufe beim Land</PageTitle>
      <div className="ff-filters">
        <YearFilter year={year} set={set} />
        <FilterSelect label="Status" value={status} onChange={(v) => set('status', v)} options={optionsOf(LAND_DRAWDOWN_STATUS)} />
      </div>
      <QueryView query={drawdowns}>
        {(rows) => (
          <DataTable<Drawdown>
            caption={`Mittelabrufe beim Land ${year}`}
            testId="land-drawdowns"
            rows={rows}
            rowKey={(d) => d.id}
            empty="Keine Mittelabrufe in diesem Jahr."
            columns={[
              { header: 'Abruf', rowHeader: true, cell: (d) => d.reference },
              { header: 'Kreis', cell: (d) => d.districtName },
              { header: 'Betrag', numeric: true, cell: (d) => <Money value={d.amount} /> },
              { header: 'Abgerufen am', cell: (d) => formatDate(d.requestedOn) },
              { header: 'Vom Land ausgezahlt', cell: (d) => (d.statePaidOn ? formatDate(d.statePaidOn) : can(d, 'pay') ? <PayDrawdown d={d} /> : '–') },
              { header: 'Beim Kreis eingegangen', cell: (d) => formatDate(d.receivedOn) },
              { header: 'Status', cell: (d) => <Badge tone={d.status === 'RECEIVED' ? 'success' : 'warning'}>{label(LAND_DRAWDOWN_STATUS, d.status)}</Badge> },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}

/** The Land records the day it paid a Kreis's Abruf. */
function PayDrawdown({ d }: { d: Drawdown }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [paidOn, setPaidOn] = useState(todayIso());
  const pay = useMutation({
    mutationFn: () => {
      const body: RequestBody<'LandDrawdowns_pay'> = { paidOn };
      return call(api.POST('/api/v1/land-drawdowns/{id}/payment', { params: { path: { id: d.id } }, body }));
    },
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['land-drawdowns'] });
      void queryClient.invalidateQueries({ queryKey: ['districts'] });
    },
  });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Auszahlung buchen …
      </Button>
      <ActionDialog
        open={open}
        title={`Auszahlung des Abrufs ${d.reference}`}
        onClose={() => setOpen(false)}
        footer={
          <Button busy={pay.isPending} onClick={() => pay.mutate()}>
            Auszahlung buchen
          </Button>
        }
      >
        <p className="kern-body">
          {d.districtName} hat {formatMoney(d.amount)} abgerufen. An welchem Tag hat das Land gezahlt?
        </p>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`paid-${d.id}`}>
            Ausgezahlt am
          </label>
          <input id={`paid-${d.id}`} className="kern-form-input__input" type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />
        </div>
        <ProblemAlert error={pay.error} />
      </ActionDialog>
    </>
  );
}

// ───────────────────────────── Prüfung der Verwendungsnachweise ─────────────────────────────

const fetchReviews = (year: number) => call(api.GET('/api/v1/state-proof-reviews', { params: { query: { year } } }));
type Review = Awaited<ReturnType<typeof fetchReviews>>[number];

export function StateProofReviewsPage() {
  const { year, set } = useYearAndStatus();
  const reviews = useQuery({ queryKey: ['state-proof-reviews', year], queryFn: () => fetchReviews(year) });
  return (
    <>
      <PageTitle subtitle="Prüfung der Verwendungsnachweise der Kreise und Festsetzung der Landesmittel">Nachweise der Kreise</PageTitle>
      <div className="ff-filters">
        <YearFilter year={year} set={set} />
      </div>
      <QueryView query={reviews}>
        {(rows) => (
          <DataTable<Review>
            caption={`Prüfungen ${year}`}
            testId="state-proof-reviews"
            rows={rows}
            rowKey={(r) => r.id}
            empty="Keine Prüfungen in diesem Jahr."
            columns={[
              { header: 'Kreis', rowHeader: true, cell: (r) => <Link className="kern-link" to={`/land/nachweise/${r.id}`}>{r.districtName}</Link> },
              { header: 'Jahr', cell: (r) => r.year },
              { header: 'A_kreis (anerkannt)', numeric: true, cell: (r) => <Money value={r.recognisedCosts} /> },
              { header: 'Z_land', numeric: true, cell: (r) => <Money value={r.finalStateGrant} /> },
              { header: 'Erstattung', numeric: true, cell: (r) => <Money value={r.refundAmount} /> },
              { header: 'Status', cell: (r) => <Badge tone={tone(STATE_PROOF_REVIEW_TONE, r.status)}>{label(STATE_PROOF_REVIEW_STATUS, r.status)}</Badge> },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}

export function StateProofReviewPage() {
  const { id = '' } = useParams();
  const review = useQuery({ queryKey: ['state-proof-review', id], queryFn: () => call(api.GET('/api/v1/state-proof-reviews/{id}', { params: { path: { id } } })) });
  return (
    <QueryView query={review} what="Die Prüfung">
      {(r) => <ReviewView r={r} />}
    </QueryView>
  );
}

const recognisedSchema = z.object({
  recognisedCosts: z.string().superRefine((v, ctx) => {
    const r = parseGermanAmount(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  }),
  note: z.string().max(4000, 'Höchstens 4.000 Zeichen.'),
});
type RecognisedForm = z.input<typeof recognisedSchema>;

function toUpdateReviewBody(v: RecognisedForm): RequestBody<'StateProofReviews_update'> {
  return { recognisedCosts: germanToApi(v.recognisedCosts) ?? v.recognisedCosts, note: v.note.trim() || null };
}

function ReviewView({ r }: { r: Review }) {
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const [shown, setShown] = useState<string[]>([]);
  const done = (next: Review) => {
    queryClient.setQueryData(['state-proof-review', r.id], next);
    void queryClient.invalidateQueries({ queryKey: ['state-proof-reviews'] });
    void queryClient.invalidateQueries({ queryKey: ['districts'] });
  };
  const form = useForm<RecognisedForm>({ resolver: zodResolver(recognisedSchema), defaultValues: { recognisedCosts: formatAmount(r.recognisedCosts), note: r.note ?? '' } });
  const save = useMutation({
    mutationFn: (v: RecognisedForm) => call(api.PATCH('/api/v1/state-proof-reviews/{id}', { params: { path: { id: r.id } }, body: toUpdateReviewBody(v) })),
    onSuccess: done,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  const step = useMutation({
    mutationFn: (action: 'propose' | 'return' | 'settle') => {
      const path = { params: { path: { id: r.id } } };
      if (action === 'propose') return call(api.POST('/api/v1/state-proof-reviews/{id}/propose', path));
      if (action === 'return') return call(api.POST('/api/v1/state-proof-reviews/{id}/return', path));
      return call(api.POST('/api/v1/state-proof-reviews/{id}/settle', path));
    },
    onSuccess: (next) => {
      setConfirm(false);
      done(next);
    },
  });
  return (
    <>
      <p className="kern-body">
        <Link className="kern-link" to="/land/nachweise">
          Zurück zu den Nachweisen der Kreise
        </Link>
      </p>
      <PageTitle subtitle={`Verwendungsnachweis ${r.year} · ${label(STATE_PROOF_REVIEW_STATUS, r.status)}`}>{`Prüfung: ${r.districtName}`}</PageTitle>
      <Section title="Berechnung">
        <div data-testid="state-proof-review">
          <DescriptionList
            items={[
              ['A_kreis (vom Land anerkannt)', <Money key="a" value={r.recognisedCosts} />],
              ['H_land (Höchstbetrag der Zuweisung)', <Money key="h" value={r.stateMaxAmount} />],
              ['p_land (Fördersatz des Landes)', `${r.stateRatePercent.replace('.', ',')} %`],
              ['vom Land gezahlt (abzüglich Erstattungen)', <Money key="p" value={r.paidByState} />],
              ['Z_land = min(H_land, p_land × A_kreis)', <Money key="z" value={r.finalStateGrant} />],
              ['Erstattung an das Land = gezahlt − Z_land', <Money key="e" value={r.refundAmount} />],
              ...(r.settledOn ? ([['Festgesetzt am', formatDate(r.settledOn)]] as [string, string][]) : []),
              ...(r.refundReceivedOn ? ([['Erstattung eingegangen', `${formatDate(r.refundReceivedOn)}, ${formatMoney(r.refundReceivedAmount)}`]] as [string, string][]) : []),
            ]}
          />
        </div>
      </Section>
      {can(r, 'edit') ? (
        <Section title="Anerkannte Ausgaben">
          <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
            <ProblemAlert error={save.error} shown={shown} />
            <TextField form={form} name="recognisedCosts" label="A_kreis, wie das Land es anerkennt (Euro)" inputMode="decimal" />
            <TextArea form={form} name="note" label="Prüfvermerk" optional />
            <div className="ff-actions">
              <Button type="submit" variant="secondary" busy={save.isPending}>
                Speichern und neu berechnen
              </Button>
            </div>
          </form>
        </Section>
      ) : r.note ? (
        <Section title="Prüfvermerk">
          <p className="kern-body ff-pre">{r.note}</p>
        </Section>
      ) : null}
      <ProblemAlert error={step.error} />
      <div className="ff-actions">
        {can(r, 'propose') ? (
          <Button busy={step.isPending} onClick={() => step.mutate('propose')}>
            Festsetzung vorschlagen
          </Button>
        ) : null}
        {can(r, 'settle') ? <Button onClick={() => setConfirm(true)}>Festsetzen …</Button> : null}
        {can(r, 'return') ? (
          <Button variant="secondary" busy={step.isPending} onClick={() => step.mutate('return')}>
            Zur Überarbeitung zurückgeben
          </Button>
        ) : null}
      </div>
      <ActionDialog
        open={confirm}
        title="Landesmittel festsetzen"
        onClose={() => setConfirm(false)}
        footer={
          <Button busy={step.isPending} onClick={() => step.mutate('settle')}>
            Jetzt festsetzen
          </Button>
        }
      >
        <p className="kern-body">
          Sie setzen für {r.districtName} ({r.year}) die Landesmittel auf {formatMoney(r.finalStateGrant)} fest; zu erstatten sind {formatMoney(r.refundAmount)}.
        </p>
        <ProblemAlert error={step.error} />
      </ActionDialog>
      {can(r, 'receiveRefund') ? <RefundReceipt r={r} onDone={done} /> : null}
    </>
  );
}

const refundSchema = z.object({
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Bitte ein Datum wie 25.11.2026 angeben.'),
  amount: z.string().superRefine((v, ctx) => {
    const r = parseGermanAmount(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  }),
});
type RefundForm = z.input<typeof refundSchema>;

function RefundReceipt({ r, onDone }: { r: Review; onDone: (next: Review) => void }) {
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<RefundForm>({ resolver: zodResolver(refundSchema), defaultValues: { receivedOn: todayIso(), amount: formatAmount(r.refundAmount) } });
  const receive = useMutation({
    mutationFn: (v: RefundForm) => {
      const body: RequestBody<'StateProofReviews_refund'> = { receivedOn: v.receivedOn, amount: germanToApi(v.amount) ?? v.amount };
      return call(api.POST('/api/v1/state-proof-reviews/{id}/refund-receipt', { params: { path: { id: r.id } }, body }));
    },
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Eingang der Erstattung">
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => receive.mutate(v))}>
        <ProblemAlert error={receive.error} shown={shown} />
        <div className="ff-grid">
          <TextField form={form} name="receivedOn" label="Eingegangen am" type="date" />
          <TextField form={form} name="amount" label="Betrag in Euro" inputMode="decimal" />
        </div>
        <div className="ff-actions">
          <Button type="submit" busy={receive.isPending}>
            Eingang buchen
          </Button>
        </div>
      </form>
    </Section>
  );
}
