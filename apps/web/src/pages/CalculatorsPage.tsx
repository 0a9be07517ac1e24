/**
 * The rule calculators of the API (DOMAIN §3–§5): Festsetzung, Zinsen nach § 49a, abrufbarer
 * Betrag (2-Monats-Regel), Fristen. Inputs in German format; the API computes, the page shows the
 * result and the parameters it used. Field errors of the API show next to the fields.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, call } from '../api/client';
import { fieldErrorMap } from '../api/problem';
import { useCostCategories } from '../api/queries';
import { FieldShell } from '../components/form';
import { Button, DescriptionList, Money, PageTitle, ProblemAlert, Section, TableWrap } from '../components/ui';
import { germanDecimalToApi, germanToApi } from '../lib/decimal';
import { formatDate, formatMoney, formatPercent } from '../lib/format';
import { codeOf, FINANCING_TYPE } from '../lib/labels';

type Values = Record<string, string>;

function Input({ name, label, values, set, errors, type = 'text', hint }: { name: string; label: string; values: Values; set: (v: Values) => void; errors: Record<string, string>; type?: string; hint?: string }) {
  return (
    <FieldShell id={`calc-${name}`} label={label} error={errors[name]} hint={hint}>
      {(aria) => <input {...aria} className="kern-form-input__input" type={type} inputMode={type === 'text' ? 'decimal' : undefined} value={values[name] ?? ''} onChange={(e) => set({ ...values, [name]: e.target.value })} />}
    </FieldShell>
  );
}

function Select({ name, label, values, set, options }: { name: string; label: string; values: Values; set: (v: Values) => void; options: [string, string][] }) {
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={`calc-${name}`}>{label}</label>
      <div className="kern-form-input__select-wrapper">
        <select id={`calc-${name}`} className="kern-form-input__select" value={values[name]} onChange={(e) => set({ ...values, [name]: e.target.value })}>
          {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </div>
    </div>
  );
}

const money = (s: string | undefined) => (s ? (germanToApi(s) ?? s) : s);
const pct = (s: string | undefined) => (s ? (germanDecimalToApi(s, 6) ?? s) : undefined);

function Calculator<T>({ title, run, children, result }: { title: string; run: () => Promise<T>; children: (errors: Record<string, string>) => ReactNode; result: (r: T) => ReactNode }) {
  const m = useMutation({ mutationFn: run });
  const errors = fieldErrorMap(m.error);
  return (
    <Section title={title}>
      <form className="ff-form" noValidate onSubmit={(e) => { e.preventDefault(); m.mutate(); }}>
        <ProblemAlert error={m.error} shown={Object.keys(errors)} title="Berechnung nicht möglich" />
        {children(errors)}
        <div className="ff-actions"><Button type="submit" busy={m.isPending}>Berechnen</Button></div>
      </form>
      {m.data ? <div aria-live="polite" className="ff-card">{result(m.data)}</div> : null}
    </Section>
  );
}

export default function CalculatorsPage() {
  return (
    <>
      <PageTitle subtitle="Berechnungen nach Richtlinie, ANBest-P und § 49a VwVfG mit den geltenden Parametern">Rechner</PageTitle>
      <InterestCalc />
      <LimitCalc />
      <DeadlinesCalc />
      <FinalGrantCalc />
    </>
  );
}

function InterestCalc() {
  const [v, set] = useState<Values>({ principal: '10.000,00', startDate: '2025-03-01', endDate: '2025-10-15' });
  return (
    <Calculator
      title="Erstattungszinsen (§ 49a Abs. 3)"
      run={() => call(api.POST('/api/v1/calculations/interest', { body: { kind: 'RECOVERY', principal: money(v.principal), startDate: v.startDate, endDate: v.endDate } }))}
      result={(r) => (
        <>
          <p className="ff-kpi" data-testid="interest-result">Zinsen: {formatMoney(r.interest)}</p>
          <TableWrap label="Zinsabschnitte">
            <table className="kern-table kern-table--small">
              <caption className="kern-sr-only">Zinsabschnitte</caption>
              <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">von</th><th className="kern-table__header" scope="col">bis</th><th className="kern-table__header kern-table__header--numeric" scope="col">Tage</th><th className="kern-table__header kern-table__header--numeric" scope="col">Basiszins</th><th className="kern-table__header kern-table__header--numeric" scope="col">Zinssatz</th><th className="kern-table__header kern-table__header--numeric" scope="col">Zinsen</th></tr></thead>
              <tbody className="kern-table__body">
                {r.segments.map((s) => (
                  <tr className="kern-table__row" key={s.from}><td className="kern-table__cell">{formatDate(s.from)}</td><td className="kern-table__cell">{formatDate(s.to)}</td><td className="kern-table__cell kern-table__cell--numeric">{s.days}</td><td className="kern-table__cell kern-table__cell--numeric">{formatPercent(s.baseRatePercent)}</td><td className="kern-table__cell kern-table__cell--numeric">{formatPercent(s.ratePercent)}</td><td className="kern-table__cell kern-table__cell--numeric"><Money value={s.amount} /></td></tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    >
      {(errors) => (
        <div className="ff-grid">
          <Input name="principal" label="Rückforderungsbetrag in €" values={v} set={set} errors={errors} />
          <Input name="startDate" label="Unwirksam seit (Auszahlung)" type="date" values={v} set={set} errors={errors} />
          <Input name="endDate" label="Rückzahlung am" type="date" values={v} set={set} errors={errors} />
        </div>
      )}
    </Calculator>
  );
}

function LimitCalc() {
  const [v, set] = useState<Values>({ financingType: 'DEFICIT', fundingRatePercent: '', plannedTotalCosts: '100.000,00', approvedGrant: '90.000,00', requestedAmount: '20.000,00', paymentsDueWithinHorizon: '18.000,00', maxAmount: '90.000,00', alreadyDisbursed: '0,00' });
  return (
    <Calculator
      title="Mittelabruf: abrufbarer Betrag (2-Monats-Regel)"
      run={() =>
        call(api.POST('/api/v1/calculations/payment-request-limit', {
          body: {
            financingType: codeOf(FINANCING_TYPE, v.financingType) || 'DEFICIT',
            fundingRatePercent: pct(v.fundingRatePercent),
            plannedTotalCosts: money(v.plannedTotalCosts),
            approvedGrant: money(v.approvedGrant),
            requestedAmount: money(v.requestedAmount)!,
            paymentsDueWithinHorizon: money(v.paymentsDueWithinHorizon),
            maxAmount: money(v.maxAmount)!,
            alreadyDisbursed: money(v.alreadyDisbursed)!,
          },
        }))
      }
      result={(r) => (
        <>
          <p className="ff-kpi" data-testid="limit-result">abrufbar: {formatMoney(r.allowedAmount)}</p>
          <DescriptionList items={[['abgelehnt', formatMoney(r.rejectedAmount)], ['Anteil', formatPercent(r.sharePercent)], ['Bedarf', formatMoney(r.need)], ['bis zum Höchstbetrag', formatMoney(r.remainingUntilMaxAmount)], ['Abrufzeitraum', `${r.parametersUsed.horizonMonths} Monate`]]} />
          {r.reasons.length > 0 ? <ul className="kern-list">{r.reasons.map((x) => <li key={x.code}>{x.message}</li>)}</ul> : null}
        </>
      )}
    >
      {(errors) => (
        <div className="ff-grid">
          <Select name="financingType" label="Finanzierungsart" values={v} set={set} options={Object.entries(FINANCING_TYPE)} />
          <Input name="fundingRatePercent" label="Fördersatz in % (Anteilfinanzierung)" values={v} set={set} errors={errors} />
          <Input name="plannedTotalCosts" label="geplante Gesamtausgaben in €" values={v} set={set} errors={errors} />
          <Input name="approvedGrant" label="bewilligte Zuwendung in €" values={v} set={set} errors={errors} />
          <Input name="requestedAmount" label="angeforderter Betrag in €" values={v} set={set} errors={errors} />
          <Input name="paymentsDueWithinHorizon" label="fällige Zahlungen im Abrufzeitraum in €" values={v} set={set} errors={errors} />
          <Input name="maxAmount" label="Höchstbetrag in €" values={v} set={set} errors={errors} />
          <Input name="alreadyDisbursed" label="bereits ausgezahlt in €" values={v} set={set} errors={errors} />
        </div>
      )}
    </Calculator>
  );
}

function DeadlinesCalc() {
  const [v, set] = useState<Values>({ periodStart: '2026-01-01', periodEnd: '2026-12-31' });
  return (
    <Calculator
      title="Fristen (Verwendungsnachweis, Zwischennachweise, Aufbewahrung)"
      run={() => call(api.POST('/api/v1/calculations/deadlines', { body: { periodStart: v.periodStart, periodEnd: v.periodEnd } }))}
      result={(r) => (
        <DescriptionList
          items={[
            ['Verwendungsnachweis fällig', <span key="f" data-testid="deadline-result">{formatDate(r.finalProofDue)}</span>],
            ['Zwischennachweise', r.interimProofsDue.length === 0 ? 'keine' : r.interimProofsDue.map((i) => `${i.year}: ${formatDate(i.due)}`).join(', ')],
            ['Belege aufbewahren bis', r.retainReceiptsUntil ? formatDate(r.retainReceiptsUntil) : 'ab Einreichung des Nachweises'],
          ]}
        />
      )}
    >
      {(errors) => (
        <div className="ff-grid">
          <Input name="periodStart" label="Bewilligungszeitraum von" type="date" values={v} set={set} errors={errors} />
          <Input name="periodEnd" label="Bewilligungszeitraum bis" type="date" values={v} set={set} errors={errors} />
        </div>
      )}
    </Calculator>
  );
}

function FinalGrantCalc() {
  const cats = useCostCategories();
  const [v, set] = useState<Values>({ financingType: 'DEFICIT', fundingRatePercent: '', maxAmount: '90.000,00', paidAmount: '90.000,00', planOwn: '10.000,00', actualOwn: '10.000,00', 'plan.PERSONNEL': '80.000,00', 'actual.PERSONNEL': '76.000,00', 'plan.MATERIAL_ADMIN': '15.000,00', 'actual.MATERIAL_ADMIN': '17.000,00', 'plan.FEES': '5.000,00', 'actual.FEES': '7.000,00' });
  const codes = (cats.data ?? []).map((c) => c.code).filter((c) => c !== 'INVESTMENT');
  const lines = (prefix: string) => codes.filter((c) => (v[`${prefix}.${c}`] ?? '').trim() !== '').map((c) => ({ category: c, amount: money(v[`${prefix}.${c}`])! }));
  return (
    <Calculator
      title="Festsetzung nach Verwendungsnachweis"
      run={() =>
        call(api.POST('/api/v1/calculations/final-grant', {
          body: {
            financingType: codeOf(FINANCING_TYPE, v.financingType) || 'DEFICIT',
            fundingRatePercent: pct(v.fundingRatePercent),
            maxAmount: money(v.maxAmount)!,
            paidAmount: money(v.paidAmount)!,
            plan: { costLines: lines('plan'), ownFunds: money(v.planOwn) },
            actual: { costLines: lines('actual'), ownFunds: money(v.actualOwn) },
          },
        }))
      }
      result={(r) => (
        <>
          <p className="ff-kpi" data-testid="final-grant-result">Zuwendung: {formatMoney(r.finalGrant)} · Rückforderung: {formatMoney(r.recovery)}</p>
          <DescriptionList items={[['anerkannte Ausgaben', formatMoney(r.recognisedCosts)], ['geplante Ausgaben', formatMoney(r.plannedCosts)], ['Bagatellgrenze angewandt', r.breakdown.deMinimisApplied ? 'ja' : 'nein']]} />
          {r.flags.length > 0 ? <ul className="kern-list">{r.flags.map((f) => <li key={f.code + f.message}>{f.message}</li>)}</ul> : null}
        </>
      )}
    >
      {(errors) => (
        <>
          <div className="ff-grid">
            <Select name="financingType" label="Finanzierungsart" values={v} set={set} options={Object.entries(FINANCING_TYPE)} />
            <Input name="fundingRatePercent" label="Fördersatz in % (Anteilfinanzierung)" values={v} set={set} errors={errors} />
            <Input name="maxAmount" label="Höchstbetrag in €" values={v} set={set} errors={errors} />
            <Input name="paidAmount" label="ausgezahlt in €" values={v} set={set} errors={errors} />
            <Input name="planOwn" label="Eigenmittel laut Plan in €" values={v} set={set} errors={errors} />
            <Input name="actualOwn" label="Eigenmittel tatsächlich in €" values={v} set={set} errors={errors} />
          </div>
          <div className="ff-grid">
            {codes.map((c) => (
              <div key={c} className="ff-stack">
                <Input name={`plan.${c}`} label={`${cats.data?.find((x) => x.code === c)?.name ?? c}: Plan in €`} values={v} set={set} errors={errors} />
                <Input name={`actual.${c}`} label={`${cats.data?.find((x) => x.code === c)?.name ?? c}: Ist in €`} values={v} set={set} errors={errors} />
              </div>
            ))}
          </div>
        </>
      )}
    </Calculator>
  );
}
