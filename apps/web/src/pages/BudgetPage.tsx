/**
 * Haushaltsjahr: free / committed / paid / recovered money per source (Land, Kreis), and the
 * monitoring the Leitlinien ask for: committed money by Handlungsfeld and by Sozialraum
 * (GET /budget-years/:id/breakdown), as charts with the same figures in a table beside them.
 */
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, call, type Schemas } from '../api/client';
import { useBudgetYears } from '../api/queries';
import { Empty, Loading, Money, PageTitle, QueryView, Section, TableWrap } from '../components/ui';
import { apiToCents } from '../lib/decimal';
import { formatDate, formatMoney, formatPercent } from '../lib/format';
import { label, LEDGER_KIND } from '../lib/labels';

export default function BudgetPage() {
  const { id } = useParams();
  const years = useBudgetYears();
  const navigate = useNavigate();
  if (years.isPending) return <Loading />;
  const list = years.data ?? [];
  const selected = id ? list.find((y) => y.id === id) : [...list].sort((a, b) => b.year - a.year)[0];
  return (
    <>
      <PageTitle subtitle="Mittel des Landes und des Kreises, Bindung und Auszahlung">Haushalt</PageTitle>
      {list.length === 0 ? <Empty>Noch kein Haushaltsjahr angelegt.</Empty> : null}
      {list.length > 1 ? (
        <div className="ff-filters">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="by">Haushaltsjahr</label>
            <div className="kern-form-input__select-wrapper">
              <select id="by" className="kern-form-input__select" value={selected?.id ?? ''} onChange={(e) => navigate(`/haushalt/${e.target.value}`)}>
                {list.map((y) => <option key={y.id} value={y.id}>{y.year}</option>)}
              </select>
            </div>
          </div>
        </div>
      ) : null}
      {id && !selected ? <Empty>Dieses Haushaltsjahr wurde nicht gefunden.</Empty> : null}
      {selected ? <BudgetYearView year={selected} /> : null}
    </>
  );
}

/** The balances that are split by source (Land, Kreis, gesamt). */
type SourceKey = { [K in keyof Schemas['BalancesDto']]: Schemas['BalancesDto'][K] extends Schemas['SourceAmountsDto'] ? K : never }[keyof Schemas['BalancesDto']];

const ROWS: { key: SourceKey; label: string }[] = [
  { key: 'allocated', label: 'bereitgestellt' },
  { key: 'committed', label: 'gebunden (bewilligt)' },
  { key: 'freeToCommit', label: 'frei' },
  { key: 'disbursed', label: 'ausgezahlt' },
  { key: 'outstanding', label: 'bewilligt, noch nicht ausgezahlt' },
  { key: 'recoveriesDue', label: 'Rückforderungen festgesetzt' },
  { key: 'recoveriesReceived', label: 'Rückzahlungen eingegangen' },
];

function BudgetYearView({ year }: { year: Schemas['BudgetYearDto'] }) {
  const b = year.balances;
  const breakdown = useQuery({ queryKey: ['breakdown', year.id], queryFn: () => call(api.GET('/api/v1/budget-years/{id}/breakdown', { params: { path: { id: year.id } } })) });
  const ledger = useQuery({ queryKey: ['ledger', year.id], queryFn: () => call(api.GET('/api/v1/budget-years/{id}/ledger', { params: { path: { id: year.id }, query: { limit: 50 } } })) });
  const amounts = (k: SourceKey): Schemas['SourceAmountsDto'] => b[k];
  return (
    <>
      <div className="ff-grid" data-testid="budget-kpis">
        {(['allocated', 'committed', 'freeToCommit', 'disbursed'] as const).map((k) => (
          <div className="ff-card" key={k}>
            <h2 className="kern-heading-small">{ROWS.find((r) => r.key === k)!.label}</h2>
            <p className="ff-kpi">{formatMoney(amounts(k).total)}</p>
            <p className="kern-body kern-body--small">Land {formatMoney(amounts(k).state)} · Kreis {formatMoney(amounts(k).district)}</p>
          </div>
        ))}
      </div>
      <Section title={`Mittel ${year.year} nach Quelle`}>
        <TableWrap label="Mittel nach Quelle">
          <table className="kern-table kern-table--small" data-testid="budget-sources">
            <caption className="kern-sr-only">Mittel nach Quelle (Land, Kreis)</caption>
            <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Position</th><th className="kern-table__header kern-table__header--numeric" scope="col">Land</th><th className="kern-table__header kern-table__header--numeric" scope="col">Kreis</th><th className="kern-table__header kern-table__header--numeric" scope="col">gesamt</th></tr></thead>
            <tbody className="kern-table__body">
              {ROWS.map((r) => (
                <tr className="kern-table__row" key={r.key}>
                  <th className="kern-table__header" scope="row">{r.label}</th>
                  <td className="kern-table__cell kern-table__cell--numeric"><Money value={amounts(r.key).state} /></td>
                  <td className="kern-table__cell kern-table__cell--numeric"><Money value={amounts(r.key).district} /></td>
                  <td className="kern-table__cell kern-table__cell--numeric"><Money value={amounts(r.key).total} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p className="kern-body kern-body--small ff-muted">
          Zuwendungsbescheid des Landes {year.stateGrantReference} vom {formatDate(year.stateGrantDate)}: höchstens {formatMoney(year.stateMaxAmount)} ({formatPercent(year.stateRatePercent)});
          Kreisanteil {formatMoney(year.districtShareAmount)} ({year.districtBudgetLine}); Bewilligungszeitraum {formatDate(year.periodStart)} – {formatDate(year.periodEnd)};
          Verwendungsnachweis an das Land bis {formatDate(year.stateProofDue)}. Vom Land erhalten: {formatMoney(b.receivedFromState)}, an das Land erstattet: {formatMoney(b.refundedToState)}.
        </p>
      </Section>
      <QueryView query={breakdown}>
        {(bd) => (
          <>
            <BreakdownChart title="Gebundene Mittel nach Handlungsfeld" rows={bd.byFieldOfAction} testId="chart-field-of-action" />
            <BreakdownChart title="Gebundene Mittel nach Sozialraum" rows={bd.bySocialArea} testId="chart-social-area" />
          </>
        )}
      </QueryView>
      <Section title="Buchungen (neueste 50)">
        <QueryView query={ledger}>
          {(page) => page.items.length === 0 ? <Empty>Keine Buchungen.</Empty> : (
            <TableWrap label="Buchungen">
              <table className="kern-table kern-table--small">
                <caption className="kern-sr-only">Buchungen</caption>
                <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Datum</th><th className="kern-table__header" scope="col">Art</th><th className="kern-table__header kern-table__header--numeric" scope="col">Betrag</th><th className="kern-table__header kern-table__header--numeric" scope="col">Land</th><th className="kern-table__header kern-table__header--numeric" scope="col">Kreis</th><th className="kern-table__header" scope="col">Vermerk</th></tr></thead>
                <tbody className="kern-table__body">
                  {page.items.map((e) => (
                    <tr className="kern-table__row" key={e.id}>
                      <td className="kern-table__cell">{formatDate(e.bookingDate)}</td>
                      <td className="kern-table__cell">{label(LEDGER_KIND, e.kind)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric"><Money value={e.amount} /></td>
                      <td className="kern-table__cell kern-table__cell--numeric"><Money value={e.stateShare} /></td>
                      <td className="kern-table__cell kern-table__cell--numeric"><Money value={e.districtShare} /></td>
                      <td className="kern-table__cell">{e.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </QueryView>
      </Section>
    </>
  );
}

/** Cents → euros as a number, for drawing only; every figure a person reads is formatted from the decimal string. */
function euros(v: string): number {
  return Number(apiToCents(v) ?? 0n) / 100;
}

function BreakdownChart({ title, rows, testId }: { title: string; rows: Schemas['BreakdownRowDto'][]; testId: string }) {
  const data = rows.map((r) => ({ name: r.name, Land: euros(r.committed.state), Kreis: euros(r.committed.district) }));
  return (
    <Section title={title}>
      {rows.length === 0 ? <Empty>Noch keine gebundenen Mittel.</Empty> : (
        <div className="ff-grid ff-grid--2">
          <figure className="ff-chart-figure" data-testid={testId} aria-label={`${title} als Balkendiagramm; die Zahlen stehen in der Tabelle daneben.`}>
            <div className="ff-chart">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={data} layout="vertical" margin={{ left: 16, right: 16 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" tickFormatter={(v: number) => `${(v / 1000).toLocaleString('de-DE')} T€`} />
                  <YAxis type="category" dataKey="name" width={180} tick={{ fontSize: 12 }} />
                  <Tooltip formatter={(v) => formatMoney(String(v))} />
                  <Legend />
                  <Bar dataKey="Land" stackId="a" fill="#1e46a5" />
                  <Bar dataKey="Kreis" stackId="a" fill="#00725c" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <TableWrap label={`${title} (Tabelle)`}>
            <table className="kern-table kern-table--small">
              <caption className="kern-sr-only">{title}</caption>
              <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Bereich</th><th className="kern-table__header kern-table__header--numeric" scope="col">Land</th><th className="kern-table__header kern-table__header--numeric" scope="col">Kreis</th><th className="kern-table__header kern-table__header--numeric" scope="col">gebunden</th><th className="kern-table__header kern-table__header--numeric" scope="col">ausgezahlt</th></tr></thead>
              <tbody className="kern-table__body">
                {rows.map((r) => (
                  <tr className="kern-table__row" key={r.key}>
                    <th className="kern-table__header" scope="row">{r.name}</th>
                    <td className="kern-table__cell kern-table__cell--numeric"><Money value={r.committed.state} /></td>
                    <td className="kern-table__cell kern-table__cell--numeric"><Money value={r.committed.district} /></td>
                    <td className="kern-table__cell kern-table__cell--numeric"><Money value={r.committed.total} /></td>
                    <td className="kern-table__cell kern-table__cell--numeric"><Money value={r.disbursed.total} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      )}
    </Section>
  );
}
