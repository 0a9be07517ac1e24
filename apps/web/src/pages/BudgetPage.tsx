/**
 * Haushaltsjahr: the budget figures per source (Land, Kreis) as the API's one figures service
 * computes them (bereitgestellt, gebunden, vorgeschlagen, frei, angewiesen, ausgezahlt,
 * Rückforderungen), the monitoring the Leitlinien ask for: money by Handlungsfeld and by Sozialraum,
 * every one of them, also those with nothing (GET /budget-years/:id/breakdown), as charts with the
 * same figures in a table beside them; and the ledger in date order.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, call, type Schemas } from '../api/client';
import { useBudgetYears } from '../api/queries';
import { FilterSelect } from '../components/table';
import { Button, Empty, Loading, Money, PageTitle, QueryView, Section, TableWrap } from '../components/ui';
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

/** The figures in the order money moves; the labels are the terms of docs/architecture.md ("Budget figures"). */
const ROWS: { key: SourceKey; label: string }[] = [
  { key: 'allocated', label: 'bereitgestellt' },
  { key: 'committed', label: 'gebunden (erlassene Bescheide)' },
  { key: 'proposed', label: 'vorgeschlagen (noch nicht erlassen)' },
  { key: 'freeToCommit', label: 'frei' },
  { key: 'freeAfterProposals', label: 'frei nach den Vorschlägen' },
  { key: 'approvedNotPaid', label: 'angewiesen (noch nicht ausgezahlt)' },
  { key: 'paid', label: 'ausgezahlt' },
  { key: 'notYetApproved', label: 'gebunden, noch nicht angewiesen' },
  { key: 'recoveriesDue', label: 'Rückforderungen festgesetzt' },
  { key: 'recoveriesReceived', label: 'Rückzahlungen eingegangen' },
  { key: 'recoveriesOpen', label: 'Rückforderungen offen' },
];

const KPIS: { key: SourceKey; label: string; hint?: string }[] = [
  { key: 'allocated', label: 'bereitgestellt' },
  { key: 'committed', label: 'gebunden' },
  { key: 'freeToCommit', label: 'frei' },
  { key: 'proposed', label: 'vorgeschlagen', hint: 'wartet auf Freigabe' },
  { key: 'approvedNotPaid', label: 'angewiesen', hint: 'freigegeben, noch nicht ausgezahlt' },
  { key: 'paid', label: 'ausgezahlt', hint: 'Zahlungsdatei ausgeführt' },
];

const LEDGER_ORDER = [
  { value: 'bookingDate', label: 'Buchungsdatum, älteste zuerst' },
  { value: '-bookingDate', label: 'Buchungsdatum, neueste zuerst' },
];

function BudgetYearView({ year }: { year: Schemas['BudgetYearDto'] }) {
  const b = year.balances;
  const breakdown = useQuery({ queryKey: ['breakdown', year.id], queryFn: () => call(api.GET('/api/v1/budget-years/{id}/breakdown', { params: { path: { id: year.id } } })) });
  const amounts = (k: SourceKey): Schemas['SourceAmountsDto'] => b[k];
  return (
    <>
      <div className="ff-grid" data-testid="budget-kpis">
        {KPIS.map(({ key, label, hint }) => (
          <div className="ff-card" key={key} data-testid={`kpi-${key}`}>
            <h2 className="kern-heading-small">{label}</h2>
            <p className="ff-kpi">{formatMoney(amounts(key).total)}</p>
            <p className="kern-body kern-body--small">Land {formatMoney(amounts(key).state)} · Kreis {formatMoney(amounts(key).district)}</p>
            {hint ? <p className="kern-body kern-body--small ff-muted">{hint}</p> : null}
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
        <details className="ff-details">
          <summary>Was die Zahlen bedeuten</summary>
          <ul className="kern-list">
            <li><strong>gebunden</strong>: durch erlassene Bescheide und Verträge zugesagt; <strong>vorgeschlagen</strong>: Entscheidungen, die noch auf die Freigabe warten.</li>
            <li><strong>frei</strong>: bereitgestellt abzüglich gebunden; nach den Vorschlägen zusätzlich abzüglich vorgeschlagen.</li>
            <li><strong>angewiesen</strong>: Auszahlung im Vier-Augen-Prinzip freigegeben, aber noch in keiner ausgeführten Zahlungsdatei gebucht.</li>
            <li><strong>ausgezahlt</strong>: in einer Zahlungsdatei gebucht, die die Bank ausgeführt hat.</li>
          </ul>
        </details>
        <p className="kern-body kern-body--small ff-muted">
          Zuwendungsbescheid des Landes {year.stateGrantReference} vom {formatDate(year.stateGrantDate)}: höchstens {formatMoney(year.stateMaxAmount)} ({formatPercent(year.stateRatePercent)});
          Kreisanteil {formatMoney(year.districtShareAmount)} ({year.districtBudgetLine}); Bewilligungszeitraum {formatDate(year.periodStart)} – {formatDate(year.periodEnd)};
          Verwendungsnachweis an das Land bis {formatDate(year.stateProofDue)}. Vom Land erhalten: {formatMoney(b.receivedFromState)}, an das Land erstattet: {formatMoney(b.refundedToState)}.
        </p>
      </Section>
      <QueryView query={breakdown}>
        {(bd) => (
          <>
            <BreakdownChart title="Mittel nach Handlungsfeld" rows={bd.byFieldOfAction} totals={b} testId="chart-field-of-action" />
            <BreakdownChart title="Mittel nach Sozialraum" rows={bd.bySocialArea} totals={b} testId="chart-social-area" />
          </>
        )}
      </QueryView>
      <Ledger year={year} />
    </>
  );
}

/** The year's ledger in date order (booking date, then posting order), 50 at a time. */
function Ledger({ year }: { year: Schemas['BudgetYearDto'] }) {
  const [sort, setSort] = useState('bookingDate');
  const ledger = useInfiniteQuery({
    queryKey: ['ledger', year.id, sort],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Schemas['LedgerPageDto']) => last.nextCursor ?? undefined,
    queryFn: ({ pageParam }): Promise<Schemas['LedgerPageDto']> =>
      call(api.GET('/api/v1/budget-years/{id}/ledger', { params: { path: { id: year.id }, query: { limit: 50, sort, ...(pageParam ? { cursor: pageParam } : {}) } } })),
  });
  const items = ledger.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section title="Buchungen">
      <div className="ff-filters">
        <FilterSelect label="Reihenfolge" all={null} value={sort} onChange={setSort} options={LEDGER_ORDER} />
      </div>
      <QueryView query={{ data: ledger.data, error: ledger.error, isPending: ledger.isPending }}>
        {() => items.length === 0 ? <Empty>Keine Buchungen.</Empty> : (
          <>
            <TableWrap label="Buchungen">
              <table className="kern-table kern-table--small" data-testid="ledger">
                <caption className="kern-sr-only">Buchungen, {LEDGER_ORDER.find((o) => o.value === sort)?.label}</caption>
                <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Datum</th><th className="kern-table__header" scope="col">Art</th><th className="kern-table__header kern-table__header--numeric" scope="col">Betrag</th><th className="kern-table__header kern-table__header--numeric" scope="col">Land</th><th className="kern-table__header kern-table__header--numeric" scope="col">Kreis</th><th className="kern-table__header" scope="col">Vermerk</th></tr></thead>
                <tbody className="kern-table__body">
                  {items.map((e) => (
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
            <p className="kern-body kern-body--small ff-muted">{items.length} {items.length === 1 ? 'Buchung' : 'Buchungen'} angezeigt{ledger.hasNextPage ? ', weitere vorhanden' : ''}.</p>
            {ledger.hasNextPage ? (
              <div className="ff-actions">
                <Button variant="secondary" busy={ledger.isFetchingNextPage} onClick={() => void ledger.fetchNextPage()}>Weitere Buchungen laden</Button>
              </div>
            ) : null}
          </>
        )}
      </QueryView>
    </Section>
  );
}

/** Cents → euros as a number, for drawing only; every figure a person reads is formatted from the decimal string. */
function euros(v: string): number {
  return Number(apiToCents(v) ?? 0n) / 100;
}

/** The name of a breakdown row; money booked without Handlungsfeld or Sozialraum has none. */
const rowName = (r: Schemas['BreakdownRowDto']): string => r.name ?? 'ohne Zuordnung';

function BreakdownChart({ title, rows, totals, testId }: { title: string; rows: Schemas['BreakdownRowDto'][]; totals: Schemas['BalancesDto']; testId: string }) {
  const data = rows.map((r) => ({ name: rowName(r), Land: euros(r.committed.state), Kreis: euros(r.committed.district) }));
  const cell = 'kern-table__cell kern-table__cell--numeric';
  const head = 'kern-table__header kern-table__header--numeric';
  return (
    <Section title={title}>
      {rows.length === 0 ? <Empty>Keine Bereiche angelegt.</Empty> : (
        <div className="ff-grid ff-grid--2">
          <figure className="ff-chart-figure" data-testid={testId} aria-label={`${title}: gebundene Mittel als Balkendiagramm; die Zahlen stehen in der Tabelle daneben.`}>
            <figcaption>gebunden, nach Land und Kreis</figcaption>
            {/* Every Handlungsfeld and Sozialraum is a bar, also those with nothing: room for each label. */}
            <div className="ff-chart" style={{ height: Math.max(240, 56 + rows.length * 44) }}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" tickFormatter={(v: number) => `${(v / 1000).toLocaleString('de-DE')} T€`} />
                  <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11 }} interval={0} />
                  <Tooltip formatter={(v) => formatMoney(String(v))} />
                  <Legend />
                  <Bar dataKey="Land" stackId="a" fill="#1e46a5" />
                  <Bar dataKey="Kreis" stackId="a" fill="#00725c" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <TableWrap label={`${title} (Tabelle)`}>
            <table className="kern-table kern-table--small" data-testid={`${testId}-table`}>
              <caption className="kern-sr-only">{title}</caption>
              <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Bereich</th><th className={head} scope="col">gebunden</th><th className={head} scope="col">vorgeschlagen</th><th className={head} scope="col">angewiesen</th><th className={head} scope="col">ausgezahlt</th></tr></thead>
              <tbody className="kern-table__body">
                {rows.map((r) => (
                  <tr className="kern-table__row" key={r.key ?? 'none'}>
                    <th className="kern-table__header" scope="row">{rowName(r)}</th>
                    <td className={cell}><Money value={r.committed.total} /></td>
                    <td className={cell}><Money value={r.proposed.total} /></td>
                    <td className={cell}><Money value={r.approvedNotPaid.total} /></td>
                    <td className={cell}><Money value={r.paid.total} /></td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="kern-table__footer">
                <tr className="kern-table__row">
                  <th className="kern-table__header" scope="row">Haushaltsjahr gesamt</th>
                  <td className={cell}><Money value={totals.committed.total} /></td>
                  <td className={cell}><Money value={totals.proposed.total} /></td>
                  <td className={cell}><Money value={totals.approvedNotPaid.total} /></td>
                  <td className={cell}><Money value={totals.paid.total} /></td>
                </tr>
              </tfoot>
            </table>
          </TableWrap>
        </div>
      )}
    </Section>
  );
}
