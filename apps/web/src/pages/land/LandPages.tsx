/**
 * The Land's view of its Kreise (issue 20): `/land` shows every Kreis's money of one budget year
 * (zugewiesen, vom Land abgerufen, an Träger ausgezahlt, nachgewiesen, erstattet) as a chart with
 * the same figures as a table beside it, the table being the accessible version; `/land/kreise/:id`
 * drills into one Kreis, read only, with its figures per year and links to its records (the lists
 * filtered by `districtId`). The API decides who sees what: the Land all Kreise, a Kreis only itself,
 * a Träger the Kreise it works in, without figures.
 */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, call } from '../../api/client';
import { FilterSelect } from '../../components/table';
import { hasRole, isStateLevel, useCurrentUser } from '../../auth/auth';
import { Badge, Button, DescriptionList, Empty, Money, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../../components/ui';
import {
  barEuros,
  DISTRICT_FIGURE_HINTS,
  DISTRICT_FIGURE_LABELS,
  DISTRICT_FIGURES,
  type DistrictFigures,
  districtYearOptions,
  hasFigures,
  shortDistrictName,
  STATE_PROOF_REVIEW_STATUS,
  STATE_PROOF_REVIEW_TONE,
  yearFromParams,
} from '../../lib/districts';
import { label, tone } from '../../lib/labels';
import { formatDecimal, formatMoney, todayIso } from '../../lib/format';
import { niceCeiling } from '../../lib/monitoring';

const fetchOverview = (year: number | undefined) => call(api.GET('/api/v1/districts', { params: { query: year ? { year } : {} } }));
const fetchDistrict = (id: string, year: number | undefined) => call(api.GET('/api/v1/districts/{id}', { params: { path: { id }, query: year ? { year } : {} } }));

export type DistrictOverview = Awaited<ReturnType<typeof fetchOverview>>;
type DistrictRow = DistrictOverview['items'][number];

const COLOURS: Record<(typeof DISTRICT_FIGURES)[number], string> = {
  allocated: '#1e46a5',
  drawn: '#00725c',
  paidToProviders: '#6b3fa0',
  proven: '#8a5a00',
  refunded: '#a3320b',
};

function currentYear(): number {
  return Number(todayIso().slice(0, 4));
}

/** The year in the address and a setter (a new history entry: back returns to the previous year). */
function useYear(): [number | undefined, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  return [
    yearFromParams(params),
    (year) =>
      setParams(() => {
        const next = new URLSearchParams(window.location.search);
        next.set('jahr', String(year));
        return next;
      }),
  ];
}

function YearSelect({ shown, onChange }: { shown: number; onChange: (year: number) => void }) {
  const options = districtYearOptions(shown, currentYear()).map((y) => ({ value: String(y), label: String(y) }));
  return (
    <div className="ff-filters" data-testid="land-year">
      <FilterSelect label="Haushaltsjahr" all={null} value={String(shown)} onChange={(v) => v && onChange(Number(v))} options={options} />
    </div>
  );
}

export function LandOverviewPage() {
  const me = useCurrentUser();
  const [year, setYear] = useYear();
  const overview = useQuery({ queryKey: ['districts', 'overview', year ?? null], queryFn: () => fetchOverview(year), placeholderData: keepPreviousData });
  return (
    <>
      <PageTitle subtitle="Landesmittel je Landkreis: zugewiesen, abgerufen, an Träger ausgezahlt, nachgewiesen und erstattet">Kreise im Überblick</PageTitle>
      <QueryView query={overview}>
        {(data) => (
          <>
            <YearSelect shown={data.year} onChange={setYear} />
            {/* How the Land's annual money is split: the Land's own page (a Kreis reads it by address). */}
            {isStateLevel(me) ? (
              <p className="kern-body">
                <Link className="kern-link" to={`/land/verteilung?jahr=${data.year}`}>
                  Verteilungsschlüssel {data.year} ansehen
                </Link>
              </p>
            ) : null}
            <DistrictKpis totals={data.totals} year={data.year} />
            <Section title={`Kreise ${data.year}`}>
              {data.items.length === 0 ? <Empty>Für dieses Jahr sind keine Kreise zu sehen.</Empty> : <DistrictsPair data={data} />}
              <FigureHints />
            </Section>
          </>
        )}
      </QueryView>
    </>
  );
}

function DistrictKpis({ totals, year }: { totals: DistrictFigures | null; year: number }) {
  if (!totals) return null;
  return (
    <div className="ff-grid" data-testid="land-kpis" aria-label={`Summe aller Kreise ${year}`} role="group">
      {DISTRICT_FIGURES.map((k) => (
        <div className="ff-card" key={k} data-testid={`land-kpi-${k}`}>
          <h2 className="kern-heading-small">{capitalise(DISTRICT_FIGURE_LABELS[k])}</h2>
          <p className="ff-kpi">{formatMoney(totals[k])}</p>
        </div>
      ))}
    </div>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The chart (one group of bars per Kreis) with the table beside it; the table is what screen readers and phones read. */
function DistrictsPair({ data }: { data: DistrictOverview }) {
  const rows = data.items;
  const figures = data.totals !== null && rows.some(hasFigures);
  const chartData = rows.map((r) => ({ name: shortDistrictName(r.name), ...Object.fromEntries(DISTRICT_FIGURES.map((k) => [capitalise(DISTRICT_FIGURE_LABELS[k]), barEuros(r[k])])) }));
  const summary = rows.map((r) => `${shortDistrictName(r.name)}: zugewiesen ${formatMoney(r.allocated)}, ausgezahlt ${formatMoney(r.paidToProviders)}`).join('; ');
  return (
    <div className="ff-grid ff-grid--2 ff-monitoring-pair">
      {figures ? (
        <figure className="ff-chart-figure" data-testid="land-chart" role="img" aria-label={`Landesmittel je Kreis ${data.year} als Balkendiagramm. ${summary}. Alle Zahlen stehen in der Tabelle daneben.`}>
          <figcaption aria-hidden="true">Landesmittel je Kreis {data.year}</figcaption>
          <div className="ff-chart" aria-hidden="true" style={{ height: Math.max(280, 90 + rows.length * 90) }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={chartData} layout="vertical" margin={{ left: 12, right: 12 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" tickFormatter={thousands} domain={[0, niceCeiling]} />
                <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 11 }} interval={0} />
                <Tooltip formatter={(v) => formatMoney(String(v))} />
                <Legend itemSorter={null} />
                {DISTRICT_FIGURES.map((k) => (
                  <Bar key={k} dataKey={capitalise(DISTRICT_FIGURE_LABELS[k])} fill={COLOURS[k]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      ) : null}
      <DistrictTable data={data} figures={figures} />
    </div>
  );
}

function DistrictTable({ data, figures }: { data: DistrictOverview; figures: boolean }) {
  const cell = 'kern-table__cell kern-table__cell--numeric';
  const head = 'kern-table__header kern-table__header--numeric';
  return (
    <div>
      <p className="kern-body ff-caption ff-table-title" aria-hidden="true">
        Landesmittel je Kreis {data.year}
      </p>
      <TableWrap label="Landesmittel je Kreis (Tabelle)">
        <table className="kern-table kern-table--small" data-testid="land-districts">
          <caption className="kern-sr-only">Landesmittel je Kreis {data.year}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="col">
                Kreis
              </th>
              {figures
                ? DISTRICT_FIGURES.map((k) => (
                    <th className={head} scope="col" key={k}>
                      {capitalise(DISTRICT_FIGURE_LABELS[k])}
                    </th>
                  ))
                : null}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {data.items.map((r: DistrictRow) => (
              <tr className="kern-table__row" key={r.id} data-district={r.code ?? r.id}>
                <th className="kern-table__header ff-row-header" scope="row">
                  <Link className="kern-link" to={`/land/kreise/${r.id}?jahr=${data.year}`}>
                    {r.name}
                  </Link>
                </th>
                {figures
                  ? DISTRICT_FIGURES.map((k) => (
                      <td className={cell} key={k}>
                        <Money value={r[k]} />
                      </td>
                    ))
                  : null}
              </tr>
            ))}
          </tbody>
          {figures && data.totals ? (
            <tfoot className="kern-table__footer">
              <tr className="kern-table__row">
                <th className="kern-table__header" scope="row">
                  Summe
                </th>
                {DISTRICT_FIGURES.map((k) => (
                  <td className={cell} key={k}>
                    <strong>
                      <Money value={data.totals![k]} />
                    </strong>
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </TableWrap>
    </div>
  );
}

function FigureHints() {
  return (
    <details className="ff-details">
      <summary className="kern-body">Was die Spalten bedeuten</summary>
      <DescriptionList items={DISTRICT_FIGURES.map((k) => [capitalise(DISTRICT_FIGURE_LABELS[k]), DISTRICT_FIGURE_HINTS[k]])} />
    </details>
  );
}

function thousands(v: number): string {
  return `${formatDecimal(Math.round(v / 100) / 10)} T€`;
}

/** The records of one Kreis, through the lists filtered by it. */
const DISTRICT_RECORDS: { path: string; label: string }[] = [
  { path: '/aufrufe', label: 'Projektaufrufe' },
  { path: '/antraege', label: 'Anträge' },
  { path: '/bescheide', label: 'Bescheide' },
  { path: '/mittelabrufe', label: 'Mittelabrufe' },
  { path: '/nachweise', label: 'Verwendungsnachweise' },
  { path: '/rueckforderungen', label: 'Rückforderungen' },
];

export function DistrictPage() {
  const { id = '' } = useParams();
  const [year, setYear] = useYear();
  const district = useQuery({ queryKey: ['districts', 'one', id, year ?? null], queryFn: () => fetchDistrict(id, year), placeholderData: keepPreviousData });
  return (
    <QueryView query={district} what="Der Kreis">
      {(d) => (
        <>
          <p className="kern-body">
            <Link className="kern-link" to={`/land${year ? `?jahr=${year}` : ''}`}>
              Zurück zu allen Kreisen
            </Link>
          </p>
          <PageTitle subtitle="nur lesend: Schritte in den Vorgängen nimmt der Kreis vor">{d.name}</PageTitle>
          <DistrictBody d={d} year={year} setYear={setYear} />
        </>
      )}
    </QueryView>
  );
}

type DistrictDetail = Awaited<ReturnType<typeof fetchDistrict>>;

function DistrictBody({ d, year, setYear }: { d: DistrictDetail; year: number | undefined; setYear: (y: number) => void }) {
  const shown = year ?? d.year;
  return (
    <>
      <YearSelect shown={shown} onChange={setYear} />
      {hasFigures(d) ? (
        <Section title={`Landesmittel ${shown}`}>
          <div data-testid="district-figures">
            <DescriptionList items={DISTRICT_FIGURES.map((k) => [capitalise(DISTRICT_FIGURE_LABELS[k]), <Money key={k} value={d[k]} />])} />
          </div>
        </Section>
      ) : null}
      <BudgetYears d={d} />
      <Section title="Vorgänge des Kreises">
        <ul className="kern-list" data-testid="district-records">
          {DISTRICT_RECORDS.map((r) => (
            <li key={r.path}>
              <Link className="kern-link" to={`${r.path}?districtId=${d.id}`}>
                {r.label}
              </Link>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function BudgetYears({ d }: { d: DistrictDetail }) {
  const cell = 'kern-table__cell kern-table__cell--numeric';
  const head = 'kern-table__header kern-table__header--numeric';
  if (!d.budgetYears) return null;
  return (
    <Section title="Haushaltsjahre des Kreises">
      {d.budgetYears.length === 0 ? (
        <Empty>Der Kreis hat noch kein Haushaltsjahr angelegt.</Empty>
      ) : (
        <TableWrap label="Haushaltsjahre des Kreises">
          <table className="kern-table kern-table--small" data-testid="district-years">
            <caption className="kern-sr-only">Landesmittel des Kreises je Haushaltsjahr</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th className="kern-table__header" scope="col">
                  Jahr
                </th>
                <th className="kern-table__header" scope="col">
                  Zuweisung (Aktenzeichen)
                </th>
                <th className={head} scope="col">
                  Landesmittel
                </th>
                <th className={head} scope="col">
                  vom Land erhalten
                </th>
                <th className={head} scope="col">
                  an Träger ausgezahlt
                </th>
                <th className={head} scope="col">
                  an das Land erstattet
                </th>
                <th className="kern-table__header" scope="col">
                  Nachweis an das Land
                </th>
                <th className="kern-table__header" scope="col">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {d.budgetYears.map((y) => (
                <tr className="kern-table__row" key={y.id}>
                  <th className="kern-table__header" scope="row">
                    {y.year}
                  </th>
                  <td className="kern-table__cell">
                    {y.stateGrantId ? (
                      <Link className="kern-link" to={`/land/zuweisungen/${y.stateGrantId}`}>
                        {y.stateGrantReference}
                      </Link>
                    ) : (
                      y.stateGrantReference || '–'
                    )}
                  </td>
                  <td className={cell}>
                    <Money value={y.allocatedState} />
                  </td>
                  <td className={cell}>
                    <Money value={y.receivedFromState} />
                  </td>
                  <td className={cell}>
                    <Money value={y.paidToProviders} />
                  </td>
                  <td className={cell}>
                    <Money value={y.refundedToState} />
                  </td>
                  <td className="kern-table__cell">
                    <StateProofCell y={y} />
                  </td>
                  <td className="kern-table__cell">{y.status === 'CLOSED' ? 'abgeschlossen' : 'offen'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}

type DistrictYear = NonNullable<DistrictDetail['budgetYears']>[number];

/**
 * The Kreis's Verwendungsnachweis to the Land for one year: not yet submitted, submitted (the Land's
 * Sachbearbeitung starts its review here), or the Land's review with its status.
 */
function StateProofCell({ y }: { y: DistrictYear }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const start = useMutation({
    mutationFn: () => call(api.POST('/api/v1/state-proof-reviews', { body: { budgetYearId: y.id } })),
    onSuccess: (r) => void navigate(`/land/nachweise/${r.id}`),
  });
  if (y.stateProofReviewId) {
    return (
      <Link className="kern-link" to={`/land/nachweise/${y.stateProofReviewId}`}>
        <Badge tone={tone(STATE_PROOF_REVIEW_TONE, y.stateProofReviewStatus)}>{label(STATE_PROOF_REVIEW_STATUS, y.stateProofReviewStatus)}</Badge>
        <span className="kern-sr-only"> – Prüfung {y.year} öffnen</span>
      </Link>
    );
  }
  if (y.stateProofStatus !== 'SUBMITTED') return <>{y.stateProofStatus === 'DRAFT' ? 'in Arbeit beim Kreis' : 'noch nicht begonnen'}</>;
  if (!isStateLevel(me) || !hasRole(me, 'ADMIN', 'STAFF')) return <>eingereicht</>;
  return (
    <>
      eingereicht{' '}
      <Button variant="secondary" busy={start.isPending} onClick={() => start.mutate()}>
        Prüfung beginnen<span className="kern-sr-only"> ({y.year})</span>
      </Button>
      <ProblemAlert error={start.error} title="Prüfung nicht begonnen" />
    </>
  );
}
