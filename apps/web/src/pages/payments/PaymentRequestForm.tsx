/**
 * Mittelabruf (Träger): the payments due soon, the wished value date and the amount. Before
 * anything is submitted the API computes what may be requested under the 2-month rule and the
 * pro-rata share (POST /payment-requests/preview); the result is shown with its reasons, and
 * "Einreichen" refuses (without creating anything) when more is requested than allowed.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import type { CreatePaymentRequestBody, UpdatePaymentRequestBody } from '../../api/bodies';
import { api, call, type Schemas } from '../../api/client';
import { approvedPlan, nameOf, useCostCategories, useDecision } from '../../api/queries';
import { CellInput, CellSelect, HeaderRow, ListError, RemoveCell } from '../../components/cells';
import { applyProblem, Checkbox, FormProblems, SelectField, TextArea, TextField } from '../../components/form';
import { Alert, Button, DescriptionList, Money, TableWrap } from '../../components/ui';
import { apiToCents, germanToApi, parseGermanAmount, sumGerman } from '../../lib/decimal';
import { formatAmount, formatDate, formatMoney, formatPercent, todayIso } from '../../lib/format';
import { PAYEE_TYPE } from '../../lib/labels';
import { isoDate } from '../../lib/schemas';

const PAYEES = ['STAFF', 'SUPPLIER', 'CONTRACTOR', 'INTERPRETER', 'OTHER'] as const;

const row = z.object({ dueDate: z.string(), payeeType: z.enum(PAYEES), costCategory: z.string(), description: z.string(), amount: z.string() });

export const paymentRequestSchema = z
  .object({
    decisionId: z.string().min(1, 'Bitte den Bescheid oder Vertrag wählen.'),
    requestedValueDate: isoDate('den gewünschten Wertstellungstag'),
    useTotal: z.boolean(),
    duePayments: z.array(row).max(500),
    dueTotal: z.string(),
    dueExplanation: z.string().max(2000, 'Höchstens 2.000 Zeichen.'),
    requestedAmount: z.string(),
  })
  .superRefine((v, ctx) => {
    const amount = (value: string, path: (string | number)[], required = true) => {
      if (!required && value.trim() === '') return;
      const r = parseGermanAmount(value);
      if (!r.ok) ctx.addIssue({ code: 'custom', path, message: r.message });
      else if (r.cents <= 0n) ctx.addIssue({ code: 'custom', path, message: 'Der Betrag muss größer als 0,00 € sein.' });
    };
    amount(v.requestedAmount, ['requestedAmount']);
    if (v.useTotal) {
      amount(v.dueTotal, ['dueTotal']);
      if (!v.dueExplanation.trim()) ctx.addIssue({ code: 'custom', path: ['dueExplanation'], message: 'Bitte die Summe der fälligen Zahlungen erläutern.' });
      return;
    }
    if (v.duePayments.length === 0) ctx.addIssue({ code: 'custom', path: ['duePayments'], message: 'Bitte mindestens eine fällige Zahlung angeben.' });
    v.duePayments.forEach((p, i) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(p.dueDate)) ctx.addIssue({ code: 'custom', path: ['duePayments', i, 'dueDate'], message: 'Bitte ein Datum wie 25.11.2026 angeben.' });
      if (!p.payeeType) ctx.addIssue({ code: 'custom', path: ['duePayments', i, 'payeeType'], message: 'Bitte wählen.' });
      if (!p.costCategory) ctx.addIssue({ code: 'custom', path: ['duePayments', i, 'costCategory'], message: 'Bitte die Kostenart wählen.' });
      if (!p.description.trim()) ctx.addIssue({ code: 'custom', path: ['duePayments', i, 'description'], message: 'Bitte beschreiben, wofür gezahlt wird.' });
      else if (p.description.length > 300) ctx.addIssue({ code: 'custom', path: ['duePayments', i, 'description'], message: 'Höchstens 300 Zeichen.' });
      amount(p.amount, ['duePayments', i, 'amount']);
    });
  });

export type PaymentRequestForm = z.infer<typeof paymentRequestSchema>;

export const emptyDuePayment = (): PaymentRequestForm['duePayments'][number] => ({ dueDate: '', payeeType: 'STAFF', costCategory: '', description: '', amount: '' });

export function formFromRequest(r: Schemas['PaymentRequestDto']): PaymentRequestForm {
  return {
    decisionId: r.decisionId,
    requestedValueDate: r.requestedValueDate,
    useTotal: r.dueTotal !== null,
    duePayments: r.duePayments.map((p) => ({ dueDate: p.dueDate, payeeType: p.payeeType, costCategory: p.costCategory, description: p.description, amount: formatAmount(p.amount) })),
    dueTotal: r.dueTotal ? formatAmount(r.dueTotal) : '',
    dueExplanation: r.dueExplanation ?? '',
    requestedAmount: formatAmount(r.requestedAmount),
  };
}

const apiAmount = (s: string) => germanToApi(s) ?? s;

/** The fields a create and an update share; the update's type refuses anything else. */
function paymentRequestFields(v: PaymentRequestForm): Required<UpdatePaymentRequestBody> {
  return {
    requestedAmount: apiAmount(v.requestedAmount),
    requestedValueDate: v.requestedValueDate,
    duePayments: v.useTotal
      ? []
      : v.duePayments.map((p) => ({ dueDate: p.dueDate, payeeType: p.payeeType, costCategory: p.costCategory, description: p.description.trim(), amount: apiAmount(p.amount) })),
    dueTotal: v.useTotal ? apiAmount(v.dueTotal) : null,
    dueExplanation: v.useTotal ? v.dueExplanation.trim() : null,
  };
}

/** The form's values as the body of PATCH /payment-requests/{id} (amounts as decimal strings). */
export function toUpdatePaymentRequestBody(v: PaymentRequestForm): UpdatePaymentRequestBody {
  return paymentRequestFields(v);
}

/** The body of POST /payment-requests (and of its preview): the update's fields and the Bescheid. */
export function toCreatePaymentRequestBody(v: PaymentRequestForm): CreatePaymentRequestBody {
  return { decisionId: v.decisionId, ...paymentRequestFields(v) };
}

/** What the 2-month rule allows: the preview's (or the stored limit's) figures and reasons. */
export function LimitView({ limit, requested, title = 'Abrufbarer Betrag' }: { limit: Schemas['LimitDto']; requested?: string; title?: string }) {
  const over = requested !== undefined && (apiToCents(requested) ?? 0n) > (apiToCents(limit.allowedAmount) ?? 0n);
  return (
    <div className="ff-card ff-limit" data-testid="limit">
      <h3 className="kern-heading-small">{title}</h3>
      <p className="ff-kpi" data-testid="allowed-amount">
        {formatMoney(limit.allowedAmount)}
      </p>
      <DescriptionList
        items={[
          ['Abrufzeitraum bis', formatDate(limit.horizonEnd)],
          ['Im Abrufzeitraum fällige Zahlungen', <Money key="d" value={limit.paymentsDueWithinHorizon} />],
          ['Anteil der Zuwendung', formatPercent(limit.sharePercent)],
          ['Bis zum Höchstbetrag noch abrufbar', <Money key="r" value={limit.remainingUntilMaxAmount} />],
          ...(requested !== undefined ? ([['Angefordert', <Money key="q" value={requested} />]] as [string, React.ReactNode][]) : []),
          ['Berechnet am', formatDate(limit.computedOn)],
        ]}
      />
      {limit.reasons.length > 0 ? (
        <ul className="kern-list">
          {limit.reasons.map((r) => (
            <li key={r.code}>{r.message}</li>
          ))}
        </ul>
      ) : null}
      {over ? (
        <p className="kern-body" data-testid="limit-exceeded">
          <strong>Angefordert ist mehr als abrufbar.</strong> Sie können den abrufbaren Betrag übernehmen.
        </p>
      ) : null}
    </div>
  );
}

export function PaymentRequestEditor({
  decisions,
  initial,
  existing,
  submitError,
}: {
  decisions: { id: string; reference: string }[];
  initial: PaymentRequestForm;
  existing?: Schemas['PaymentRequestDto'];
  /** Why the last submit of this (then new) draft was refused, shown next to the button. */
  submitError?: string;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const costCategories = useCostCategories();
  const form = useForm<PaymentRequestForm>({ resolver: zodResolver(paymentRequestSchema), defaultValues: initial });
  const due = useFieldArray({ control: form.control, name: 'duePayments' });
  const values = useWatch({ control: form.control }) as PaymentRequestForm;
  const { decisionId, useTotal, duePayments = [] } = values;
  const decision = useDecision(decisionId || null);
  const plan = approvedPlan(decision.data?.current);
  const categories = [...new Set(plan.costLines.map((l) => l.category))].map((c) => ({ value: c, label: nameOf(costCategories.data, c) }));
  const [preview, setPreview] = useState<{ limit: Schemas['LimitPreviewDto']; key: string } | null>(null);
  const keyOf = (v: PaymentRequestForm) => JSON.stringify(toCreatePaymentRequestBody(v));
  const stale = preview !== null && preview.key !== keyOf(values);
  const [shown, setShown] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  const runPreview = async (v: PaymentRequestForm) => {
    const limit = await call(api.POST('/api/v1/payment-requests/preview', { body: toCreatePaymentRequestBody(v) }));
    setPreview({ limit, key: keyOf(v) });
    return limit;
  };
  const fail = (err: unknown) => {
    setError(err);
    setShown(applyProblem(form, err));
  };
  const check = useMutation({
    mutationFn: runPreview,
    onMutate: () => setError(null),
    onError: fail,
  });
  const save = async (v: PaymentRequestForm): Promise<Schemas['PaymentRequestDto']> => {
    if (existing) return call(api.PATCH('/api/v1/payment-requests/{id}', { params: { path: { id: existing.id } }, body: toUpdatePaymentRequestBody(v) }));
    return call(api.POST('/api/v1/payment-requests', { body: toCreatePaymentRequestBody(v) }));
  };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['payment-requests'] });
    void queryClient.invalidateQueries({ queryKey: ['payment-request'] });
  };
  const draft = useMutation({
    mutationFn: save,
    onMutate: () => setError(null),
    onSuccess: (r) => {
      refresh();
      navigate(`/mittelabrufe/${r.id}`, { state: { flash: 'saved' }, replace: !!existing });
    },
    onError: fail,
  });
  const submit = useMutation({
    mutationFn: async (v: PaymentRequestForm) => {
      const limit = await runPreview(v);
      if ((apiToCents(limit.allowedAmount) ?? 0n) < (apiToCents(limit.requestedAmount) ?? 0n)) {
        form.setError('requestedAmount', { type: 'limit', message: `Höchstens ${formatMoney(limit.allowedAmount)} abrufbar.` }, { shouldFocus: true });
        return null;
      }
      const saved = await save(v);
      try {
        return await call(api.POST('/api/v1/payment-requests/{id}/submit', { params: { path: { id: saved.id } } }));
      } catch (err) {
        // A stored draft stays on its page: the reason shows next to the button.
        if (existing) {
          refresh();
          throw err;
        }
        // A new one was saved as a draft, but not submitted (e.g. no bank account): its page says why.
        refresh();
        navigate(`/mittelabrufe/${saved.id}`, { state: { submitError: err instanceof Error ? err.message : String(err) } });
        return null;
      }
    },
    onMutate: () => setError(null),
    onSuccess: (r) => {
      if (!r) return;
      refresh();
      navigate(`/mittelabrufe/${r.id}`, { state: { flash: 'submitted' } });
    },
    onError: fail,
  });

  const dueSum = sumGerman(duePayments.map((p) => p.amount ?? ''));
  const busy = check.isPending || draft.isPending || submit.isPending;
  return (
    <form className="ff-form ff-form--wide" noValidate onSubmit={form.handleSubmit((v) => submit.mutate(v))}>
      {existing ? null : (
        <SelectField
          form={form}
          name="decisionId"
          label="Bescheid oder Vertrag"
          placeholder="Bitte wählen"
          options={decisions.map((d) => ({ value: d.id, label: d.reference }))}
        />
      )}
      {decision.data?.current ? (
        <p className="kern-body ff-muted">
          {decision.data.reference}: Höchstbetrag {formatMoney(decision.data.current.maxAmount)}, Bewilligungszeitraum {formatDate(decision.data.current.periodStart)} –{' '}
          {formatDate(decision.data.current.periodEnd)}
        </p>
      ) : null}
      <TextField form={form} name="requestedValueDate" label="Gewünschter Wertstellungstag" type="date" hint="Ab diesem Tag laufen die zwei Monate, für die Sie Mittel abrufen dürfen." />

      <Checkbox form={form} name="useTotal" label="Fällige Zahlungen nur als Summe angeben (mit Erläuterung)" />
      {useTotal ? (
        <div className="ff-grid">
          <TextField form={form} name="dueTotal" label="Summe der fälligen Zahlungen in €" inputMode="decimal" />
          <TextArea form={form} name="dueExplanation" label="Erläuterung der Summe" rows={2} />
        </div>
      ) : (
        <fieldset className="kern-fieldset">
          <legend className="kern-label">Innerhalb der nächsten zwei Monate fällige Zahlungen</legend>
          <TableWrap label="Fällige Zahlungen">
            <table className="kern-table kern-table--small ff-edit-table">
              <caption className="kern-sr-only">Fällige Zahlungen</caption>
              <thead className="kern-table__head">
                <HeaderRow headers={[{ label: 'Fällig am' }, { label: 'Empfänger' }, { label: 'Kostenart' }, { label: 'Wofür' }, { label: 'Betrag in €', numeric: true }, { label: <span className="kern-sr-only">Aktion</span> }]} />
              </thead>
              <tbody className="kern-table__body">
                {due.fields.map((f, i) => (
                  <tr className="kern-table__row" key={f.id}>
                    <CellInput form={form} name={`duePayments.${i}.dueDate`} label={`Fällig am, Zeile ${i + 1}`} type="date" />
                    <CellSelect form={form} name={`duePayments.${i}.payeeType`} label={`Empfänger, Zeile ${i + 1}`} placeholder={null} options={PAYEES.map((p) => ({ value: p, label: PAYEE_TYPE[p]! }))} />
                    <CellSelect form={form} name={`duePayments.${i}.costCategory`} label={`Kostenart, Zeile ${i + 1}`} options={categories} />
                    <CellInput form={form} name={`duePayments.${i}.description`} label={`Wofür, Zeile ${i + 1}`} />
                    <CellInput form={form} name={`duePayments.${i}.amount`} label={`Betrag in Euro, Zeile ${i + 1}`} numeric />
                    <RemoveCell label={`Zahlung ${i + 1} entfernen`} onClick={() => due.remove(i)} />
                  </tr>
                ))}
              </tbody>
              <tfoot className="kern-table__footer">
                <tr className="kern-table__row">
                  <th className="kern-table__header" scope="row" colSpan={4}>
                    Summe
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric" data-testid="due-sum">
                    {formatMoney(dueSum)}
                  </td>
                  <td className="kern-table__cell" />
                </tr>
              </tfoot>
            </table>
          </TableWrap>
          <ListError form={form} name="duePayments" />
          <Button variant="secondary" onClick={() => due.append(emptyDuePayment())}>
            Zahlung hinzufügen
          </Button>
        </fieldset>
      )}

      <TextField form={form} name="requestedAmount" label="Angeforderter Betrag in €" inputMode="decimal" />

      <div className="ff-actions">
        <Button variant="secondary" busy={check.isPending} disabled={busy} onClick={form.handleSubmit((v) => check.mutate(v))}>
          Abrufbaren Betrag berechnen
        </Button>
      </div>
      <div aria-live="polite">
        {preview ? (
          <>
            <LimitView limit={preview.limit} requested={preview.limit.requestedAmount} />
            {stale ? <p className="kern-body ff-muted">Die Eingaben haben sich seit der Berechnung geändert; beim Einreichen wird neu berechnet.</p> : null}
            {(apiToCents(preview.limit.allowedAmount) ?? 0n) > 0n && preview.limit.allowedAmount !== preview.limit.requestedAmount ? (
              <div className="ff-actions">
                <Button
                  variant="tertiary"
                  onClick={() => {
                    form.setValue('requestedAmount', formatAmount(preview.limit.allowedAmount), { shouldValidate: true });
                    form.clearErrors('requestedAmount');
                  }}
                >
                  Abrufbaren Betrag übernehmen ({formatMoney(preview.limit.allowedAmount)})
                </Button>
              </div>
            ) : null}
          </>
        ) : (
          <p className="kern-body ff-muted">Vor dem Einreichen berechnet Förderfluss, wie viel nach der 2-Monats-Regel abrufbar ist.</p>
        )}
      </div>
      {submit.isSuccess && submit.data === null && !error ? (
        <Alert type="warning" title="Nicht eingereicht">
          <p className="kern-body">Der angeforderte Betrag übersteigt den abrufbaren Betrag. Bitte passen Sie ihn an.</p>
        </Alert>
      ) : null}
      <FormProblems
        error={error}
        shown={shown}
        message={!error && submitError && !submit.isSuccess && !draft.isSuccess ? submitError : undefined}
        title={error || !submitError ? 'Der Mittelabruf wurde nicht gespeichert' : 'Gespeichert, aber nicht eingereicht'}
      />
      <div className="ff-actions">
        <Button type="submit" busy={submit.isPending} disabled={busy}>
          Mittelabruf einreichen
        </Button>
        <Button variant="secondary" busy={draft.isPending} disabled={busy} onClick={form.handleSubmit((v) => draft.mutate(v))}>
          Als Entwurf speichern
        </Button>
      </div>
    </form>
  );
}

export function newPaymentRequestForm(decisionId: string): PaymentRequestForm {
  return { decisionId, requestedValueDate: todayIso(), useTotal: false, duePayments: [emptyDuePayment()], dueTotal: '', dueExplanation: '', requestedAmount: '' };
}
