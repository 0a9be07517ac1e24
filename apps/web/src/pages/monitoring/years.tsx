/**
 * Kennzahlen year by year (GET /monitoring/indicators?groupBy=year): one row per Kennzahl, Ist and
 * Soll of each year side by side, and for one Handlungsfeld a chart of the Ist values per year.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFieldsOfAction } from '../../api/queries';
import { Empty, TableWrap } from '../../components/ui';
import { formatIndicator } from '../../lib/monitoring';
import { type IndicatorData, type IndicatorRow, rangeLabel, TableTitle } from './shared';

const SERIES_COLOURS = ['#1e46a5', '#00725c', '#6b3fa0', '#a3320b', '#5c5f00', '#0b6a8a'];

/** The rows of one Kennzahl per year, Kennzahlen in the API's order. */
export function pivotByIndicator(rows: readonly IndicatorRow[]): { first: IndicatorRow; byYear: Map<string, IndicatorRow> }[] {
  const out = new Map<string, { first: IndicatorRow; byYear: Map<string, IndicatorRow> }>();
  for (const r of rows) {
    const entry = out.get(r.indicatorId) ?? { first: r, byYear: new Map<string, IndicatorRow>() };
    entry.byYear.set(r.group, r);
    out.set(r.indicatorId, entry);
  }
  return [...out.values()];
}

function years(data: IndicatorData): string[] {
  const out: string[] = [];
  for (let y = data.from; y <= data.to; y += 1) out.push(String(y));
  return out;
}

export function IndicatorYears({ data, ownOnly }: { data: IndicatorData; ownOnly: boolean }) {
  const fields = useFieldsOfAction();
  const fieldName = (code: string) => fields.data?.find((f) => f.code === code)?.name ?? code;
  const list = pivotByIndicator(data.rows);
  const ys = years(data);
  const cell = 'kern-table__cell kern-table__cell--numeric';
  const head = 'kern-table__header kern-table__header--numeric';
  if (list.length === 0) return <Empty>Keine Kennzahlen.</Empty>;
  const caption = `Kennzahlen nach Jahr${ownOnly ? ' (Ist Ihrer Projekte)' : ' (Ist und Soll)'}, ${rangeLabel(data)}`;
  return (
    <div>
    <TableTitle>{caption}</TableTitle>
    <TableWrap label={caption}>
      <table className="kern-table kern-table--small" data-testid="indicator-years">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th className="kern-table__header" scope="col">
              Kennzahl
            </th>
            <th className="kern-table__header" scope="col">
              Handlungsfeld
            </th>
            {ys.map((y) =>
              ownOnly ? (
                <th className={head} scope="col" key={y}>
                  Ist {y}
                </th>
              ) : (
                [
                  <th className={head} scope="col" key={`${y}-ist`}>
                    Ist {y}
                  </th>,
                  <th className={head} scope="col" key={`${y}-soll`}>
                    Soll {y}
                  </th>,
                ]
              ),
            )}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {list.map(({ first, byYear }) => (
            <tr className="kern-table__row" key={first.indicatorId}>
              <th className="kern-table__header ff-row-header" scope="row">
                {first.indicatorName} <span className="ff-muted">({first.unit})</span>
              </th>
              <td className="kern-table__cell">{fieldName(first.fieldOfAction)}</td>
              {ys.map((y) => {
                const r = byYear.get(y);
                return ownOnly ? (
                  <td className={cell} key={y}>
                    {formatIndicator(r?.actual ?? 0)}
                  </td>
                ) : (
                  [
                    <td className={cell} key={`${y}-ist`}>
                      {formatIndicator(r?.actual ?? 0)}
                    </td>,
                    <td className={cell} key={`${y}-soll`}>
                      {formatIndicator(r?.target ?? null)}
                    </td>,
                  ]
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
    </div>
  );
}

/** Ist per year for the Kennzahlen of one Handlungsfeld (a handful), grouped bars by year. */
export function YearComparisonChart({ data }: { data: IndicatorData }) {
  const list = pivotByIndicator(data.rows);
  const ys = years(data);
  if (list.length === 0) return null;
  const chartData = ys.map((y) => ({ name: y, ...Object.fromEntries(list.map(({ first, byYear }) => [first.indicatorId, byYear.get(y)?.actual ?? 0])) }));
  const summary = list.map(({ first, byYear }) => `${first.indicatorName}: ${ys.map((y) => `${y} ${formatIndicator(byYear.get(y)?.actual ?? 0)}`).join(', ')}`).join('; ');
  return (
    <figure className="ff-chart-figure" data-testid="chart-indicator-years" role="img" aria-label={`Kennzahlen nach Jahr als Balkendiagramm. ${summary}. Die Tabelle darunter hat Ist und Soll.`}>
      <figcaption aria-hidden="true">Kennzahlen nach Jahr (Ist)</figcaption>
      <div className="ff-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={chartData} margin={{ left: 4, right: 12 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis width={48} tickFormatter={(v: number) => v.toLocaleString('de-DE')} />
            <Tooltip formatter={(v) => formatIndicator(Number(v))} />
            <Legend itemSorter={null} />
            {list.map(({ first }, i) => (
              <Bar key={first.indicatorId} dataKey={first.indicatorId} name={first.indicatorName} fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
