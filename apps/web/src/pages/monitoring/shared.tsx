/**
 * The pieces the three monitoring pages share (issue 19): the filters in the address, the two
 * queries (GET /monitoring/funding and /monitoring/indicators, typed by the generated client),
 * the sub-navigation, money as chart with its table beside it, Kennzahlen Soll/Ist, and the
 * export of what is shown. A Träger reads "Ihre Projekte": the API scopes the figures to its own
 * organisation, and the pages never call them the Kreis's.
 */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, call, type paths } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useFieldsOfAction, useSocialAreas } from '../../api/queries';
import { hasRole, useCurrentUser } from '../../auth/auth';
import { ExportJobStatus, useExportJob } from '../../components/ExportJob';
import { FilterSelect } from '../../components/table';
import { Badge, Button, Empty, Loading, Money, ProblemAlert, Section, TableWrap } from '../../components/ui';
import { formatDecimal, formatInteger, formatMoney, formatPercent, todayIso } from '../../lib/format';
import { EXPORT_FORMAT, label, MONEY_FIGURE_LABELS, MONITORING_GROUP_BY } from '../../lib/labels';
import {
  achievementPercent,
  CHART_FIGURES,
  chartEuros,
  filtersSearch,
  formatDeviation,
  formatIndicator,
  isUnfunded,
  MONEY_FIGURES,
  type MoneyFigure,
  type MonitoringFilters,
  monitoringQuery,
  niceCeiling,
  readMonitoringFilters,
  sumMoney,
  writeMonitoringFilters,
  yearOptions,
  yearParam,
} from '../../lib/monitoring';

export type MonitoringGroupBy = NonNullable<NonNullable<paths['/api/v1/monitoring/funding']['get']['parameters']['query']>['groupBy']>;

const fetchFunding = (filters: MonitoringFilters, groupBy: MonitoringGroupBy) => call(api.GET('/api/v1/monitoring/funding', { params: { query: monitoringQuery(filters, groupBy) } }));
const fetchIndicators = (filters: MonitoringFilters, groupBy: MonitoringGroupBy) => call(api.GET('/api/v1/monitoring/indicators', { params: { query: monitoringQuery(filters, groupBy) } }));

export type FundingData = Awaited<ReturnType<typeof fetchFunding>>;
export type FundingRow = FundingData['rows'][number];
export type IndicatorData = Awaited<ReturnType<typeof fetchIndicators>>;
export type IndicatorRow = IndicatorData['rows'][number];

/** The filters of the address and a setter that adds a history entry (back and forward step through them). */
export function useMonitoringFilters(): [MonitoringFilters, (change: MonitoringFilters) => void] {
  const [params, setParams] = useSearchParams();
  // The change is applied to the address as it is now, not to the hook's copy: react-router renders
  // a navigation in a transition, so a second filter changed before that render would otherwise
  // start from the old address and drop the first change.
  return [readMonitoringFilters(params), (change) => setParams(() => writeMonitoringFilters(new URLSearchParams(window.location.search), change))];
}

/** Money for the filters by one grouping; while new filters load, the last figures stay (no flicker). */
export function useFunding(filters: MonitoringFilters, groupBy: MonitoringGroupBy) {
  return useQuery({ queryKey: ['monitoring', 'funding', groupBy, filters], queryFn: () => fetchFunding(filters, groupBy), placeholderData: keepPreviousData, retry: retryUnlessRefused });
}

export function useIndicators(filters: MonitoringFilters, groupBy: MonitoringGroupBy) {
  return useQuery({ queryKey: ['monitoring', 'indicators', groupBy, filters], queryFn: () => fetchIndicators(filters, groupBy), placeholderData: keepPreviousData, retry: retryUnlessRefused });
}

/** A refused filter (400) will be refused again: show the message at once. */
function retryUnlessRefused(failures: number, error: unknown): boolean {
  return !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2;
}

/** Whether the signed-in user is a Träger (figures of its own projects only). */
export function useOwnOnly(): boolean {
  return hasRole(useCurrentUser(), 'PROVIDER');
}

/** "2024–2026" or "2026". */
export function rangeLabel(data: { from: number; to: number } | undefined): string {
  if (!data) return '';
  return data.from === data.to ? String(data.from) : `${data.from}–${data.to}`;
}

/** Links between the three pages; the filters travel along. */
export function MonitoringNav({ filters }: { filters: MonitoringFilters }) {
  const { pathname } = useLocation();
  const links = [
    { to: '/monitoring', label: 'Überblick' },
    { to: '/monitoring/handlungsfelder', label: 'Handlungsfelder' },
    { to: '/monitoring/sozialraeume', label: 'Sozialräume' },
  ];
  return (
    <nav aria-label="Monitoring" className="ff-subnav">
      <ul className="ff-subnav__list">
        {links.map((l) => (
          <li key={l.to}>
            <Link className="kern-link" to={`${l.to}${filtersSearch(filters)}`} aria-current={pathname === l.to ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Year range, Handlungsfeld and Sozialraum. The selects show what the address says (even a
 * range the API refuses, whose message then stands below) or else the range the API chose.
 */
export function MonitoringFilterBar({ filters, setFilters, shown }: { filters: MonitoringFilters; setFilters: (c: MonitoringFilters) => void; shown: { from: number; to: number } | undefined }) {
  const fields = useFieldsOfAction();
  const areas = useSocialAreas();
  const from = filters.from ?? (shown ? String(shown.from) : '');
  const to = filters.to ?? (shown ? String(shown.to) : '');
  // The years up to the next one in Germany (or a later end year shown), and any the address names.
  const today = Number(todayIso().slice(0, 4));
  const years = yearOptions(Math.max(today, shown?.to ?? today), yearParam(filters.from), yearParam(filters.to)).map((y) => ({ value: String(y), label: String(y) }));
  const active = Object.keys(filters).length > 0;
  return (
    <div className="ff-filters" data-testid="monitoring-filters">
      <FilterSelect label="von (Jahr)" all={null} value={from} onChange={(v) => setFilters({ from: v })} options={withCurrent(years, from)} />
      <FilterSelect label="bis (Jahr)" all={null} value={to} onChange={(v) => setFilters({ to: v })} options={withCurrent(years, to)} />
      <FilterSelect label="Handlungsfeld" all="alle Handlungsfelder" value={filters.fieldOfAction ?? ''} onChange={(v) => setFilters({ fieldOfAction: v })} options={withCurrent((fields.data ?? []).map((f) => ({ value: f.code, label: f.name })), filters.fieldOfAction)} />
      <FilterSelect label="Sozialraum" all="alle Sozialräume" value={filters.socialArea ?? ''} onChange={(v) => setFilters({ socialArea: v })} options={withCurrent((areas.data ?? []).map((a) => ({ value: a.code, label: a.name })), filters.socialArea)} />
      {active ? (
        <div className="ff-filters__reset">
          <Button variant="tertiary" onClick={() => setFilters({ from: '', to: '', fieldOfAction: '', socialArea: '' })}>
            Filter zurücksetzen
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** A value from the address that is not among the options still shows in the select (the API judges it). */
function withCurrent(options: { value: string; label: string }[], current: string | undefined): { value: string; label: string }[] {
  return current && !options.some((o) => o.value === current) ? [...options, { value: current, label: current }] : options;
}

/** The API refused the filters (400): its German message and what to do (the filter bar above has the reset). Other errors as usual. */
export function FilterProblem({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 400) {
    return (
      <div data-testid="filter-problem">
        <ProblemAlert error={error} title="Diese Filter können nicht angezeigt werden" />
        <p className="kern-body">Bitte ändern Sie die Filter oben oder setzen Sie sie zurück.</p>
      </div>
    );
  }
  return <ProblemAlert error={error} title="Laden fehlgeschlagen" />;
}

/** Shows loading, a refused filter or the data of a monitoring query. */
export function MonitoringView<T>({ query, children }: { query: { data: T | undefined; error: unknown; isPending: boolean }; children: (data: T) => ReactNode }) {
  if (query.error) return <FilterProblem error={query.error} />;
  if (query.isPending || query.data === undefined) return <Loading />;
  return <>{children(query.data)}</>;
}

const FIGURE_COLOURS: Record<(typeof CHART_FIGURES)[number], string> = { committed: '#1e46a5', paid: '#00725c', proven: '#6b3fa0', recoveriesDue: '#a3320b' };

/** Totals of the four figures over rows (cents, then the API's decimal string). */
export function moneyTotals(rows: readonly FundingRow[]): Record<MoneyFigure, string> {
  const sum = (k: MoneyFigure) => sumMoney(rows, k);
  return { committed: sum('committed'), paid: sum('paid'), proven: sum('proven'), recoveriesDue: sum('recoveriesDue'), recovered: sum('recovered') };
}

/** One card per figure (gebunden … zurückerhalten), summed over the range. */
export function MoneyKpis({ rows, testId = 'monitoring-kpis' }: { rows: readonly FundingRow[]; testId?: string }) {
  const totals = moneyTotals(rows);
  return (
    <div className="ff-grid" data-testid={testId}>
      {MONEY_FIGURES.map((k) => (
        <div className="ff-card" key={k} data-testid={`kpi-${k}`}>
          <h3 className="kern-heading-small">{MONEY_FIGURE_LABELS[k]}</h3>
          <p className="ff-kpi">{formatMoney(totals[k])}</p>
        </div>
      ))}
    </div>
  );
}

/**
 * Money per group as bars (gebunden, ausgezahlt, nachgewiesen, zurückgefordert) with the same
 * figures (and what was paid back) in a table beside it: the table is what screen readers and small screens read.
 * Groups that got nothing are marked in both.
 */
export function MoneyByGroup({
  title,
  data,
  testId,
  groupHeader,
  markUnfunded,
  layout = 'vertical',
}: {
  title: string;
  data: FundingData;
  testId: string;
  groupHeader: string;
  markUnfunded?: string;
  layout?: 'vertical' | 'horizontal';
}) {
  const rows = data.rows;
  const totals = moneyTotals(rows);
  const chartData = rows.map((r) => ({ name: r.groupLabel, ...Object.fromEntries(CHART_FIGURES.map((k) => [MONEY_FIGURE_LABELS[k], chartEuros(r[k])])) }));
  const summary = rows.length === 0 ? 'keine Einträge' : rows.map((r) => `${r.groupLabel}: gebunden ${formatMoney(r.committed)}`).join('; ');
  const cell = 'kern-table__cell kern-table__cell--numeric';
  const head = 'kern-table__header kern-table__header--numeric';
  if (rows.length === 0) return <Empty>Keine Einträge im Zeitraum.</Empty>;
  const vertical = layout === 'vertical';
  return (
    <div className="ff-grid ff-grid--2 ff-monitoring-pair">
      <figure className="ff-chart-figure" data-testid={testId} role="img" aria-label={`${title} als Balkendiagramm, ${rangeLabel(data)}. ${summary}. Alle Zahlen stehen in der Tabelle daneben.`}>
        <figcaption aria-hidden="true">{title}</figcaption>
        {/* The figure is one image with its text; recharts' keyboard layer is off (accessibilityLayer) since the table beside it is the accessible version. */}
        <div className="ff-chart" aria-hidden="true" style={vertical ? { height: Math.max(260, 70 + rows.length * 64) } : undefined}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={chartData} layout={layout} margin={{ left: 12, right: 12 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              {vertical ? (
                <>
                  <XAxis type="number" tickFormatter={thousands} domain={MONEY_DOMAIN} />
                  <YAxis type="category" dataKey="name" width={128} tick={{ fontSize: 11 }} interval={0} />
                </>
              ) : (
                <>
                  <XAxis type="category" dataKey="name" tick={{ fontSize: 12 }} interval={0} />
                  <YAxis type="number" tickFormatter={thousands} width={64} domain={MONEY_DOMAIN} />
                </>
              )}
              <Tooltip formatter={(v) => formatMoney(String(v))} />
              <Legend itemSorter={null} />
              {CHART_FIGURES.map((k) => (
                <Bar key={k} dataKey={MONEY_FIGURE_LABELS[k]} fill={FIGURE_COLOURS[k]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <div>
      <TableTitle>
        {title}, {rangeLabel(data)}
      </TableTitle>
      <TableWrap label={`${title} (Tabelle)`}>
        <table className="kern-table kern-table--small" data-testid={`${testId}-table`}>
          <caption className="kern-sr-only">
            {title}, {rangeLabel(data)}
          </caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="col">
                {groupHeader}
              </th>
              {MONEY_FIGURES.map((k) => (
                <th className={head} scope="col" key={k}>
                  {MONEY_FIGURE_LABELS[k]}
                </th>
              ))}
              <th className={head} scope="col">
                Projekte
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rows.map((r) => (
              <tr className={`kern-table__row ${markUnfunded && isUnfunded(r) ? 'ff-row--unfunded' : ''}`} key={r.group} data-group={r.group}>
                <th className="kern-table__header ff-row-header" scope="row">
                  {r.groupLabel}
                  {markUnfunded && isUnfunded(r) ? (
                    <>
                      {' '}
                      <Badge tone="warning">{markUnfunded}</Badge>
                    </>
                  ) : null}
                </th>
                {MONEY_FIGURES.map((k) => (
                  <td className={cell} key={k}>
                    <Money value={r[k]} />
                  </td>
                ))}
                <td className={cell}>{formatInteger(r.projects)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="kern-table__footer">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="row">
                Summe
              </th>
              {MONEY_FIGURES.map((k) => (
                <td className={cell} key={k}>
                  <strong>
                    <Money value={totals[k]} />
                  </strong>
                </td>
              ))}
              <td className={cell} />
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      </div>
    </div>
  );
}

/**
 * The visible title of a table, above its scrolling box: a caption inside would scroll away with a
 * wide table on a phone. The table keeps the same words as its (screen reader) caption.
 */
export function TableTitle({ children }: { children: ReactNode }) {
  return (
    <p className="kern-body ff-caption ff-table-title" aria-hidden="true">
      {children}
    </p>
  );
}

/** From 0 to a round figure (at least 1.000 €), so ticks read 0, 50, 100 T€ and an empty range draws no "0,001 T€". */
const MONEY_DOMAIN: [number, (max: number) => number] = [0, niceCeiling];

function thousands(v: number): string {
  return `${formatDecimal(Math.round(v / 100) / 10)} T€`;
}

/**
 * Kennzahlen with Ist, Soll and Abweichung. A Träger sees its own Ist only: the Soll is set for
 * the whole Kreis, and comparing one Träger's count with it would mislead.
 */
export function IndicatorTable({ caption, rows, testId, showField = true, ownOnly }: { caption: string; rows: readonly IndicatorRow[]; testId: string; showField?: boolean; ownOnly: boolean }) {
  const fields = useFieldsOfAction();
  const fieldName = (code: string) => fields.data?.find((f) => f.code === code)?.name ?? code;
  const cell = 'kern-table__cell kern-table__cell--numeric';
  const head = 'kern-table__header kern-table__header--numeric';
  if (rows.length === 0) return <Empty>Keine Kennzahlen.</Empty>;
  return (
    <div>
    <TableTitle>{caption}</TableTitle>
    <TableWrap label={caption}>
      <table className="kern-table kern-table--small" data-testid={testId}>
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th className="kern-table__header" scope="col">
              Kennzahl
            </th>
            {showField ? (
              <th className="kern-table__header" scope="col">
                Handlungsfeld
              </th>
            ) : null}
            <th className="kern-table__header" scope="col">
              Einheit
            </th>
            <th className={head} scope="col">
              Ist
            </th>
            {ownOnly ? null : (
              <>
                <th className={head} scope="col">
                  Soll
                </th>
                <th className={head} scope="col">
                  Abweichung
                </th>
                <th className={head} scope="col">
                  erreicht
                </th>
              </>
            )}
            <th className={head} scope="col">
              Sachberichte
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => {
            const pct = achievementPercent(r.actual, r.target);
            return (
              <tr className="kern-table__row" key={`${r.group}-${r.indicatorId}`} data-indicator={`${r.fieldOfAction}/${r.indicator}`}>
                <th className="kern-table__header ff-row-header" scope="row">
                  {r.indicatorName}
                  {r.aggregation === 'AVERAGE' ? <span className="ff-muted"> (Durchschnitt)</span> : null}
                </th>
                {showField ? <td className="kern-table__cell">{fieldName(r.fieldOfAction)}</td> : null}
                <td className="kern-table__cell">{r.unit}</td>
                <td className={cell}>{formatIndicator(r.actual)}</td>
                {ownOnly ? null : (
                  <>
                    <td className={cell}>{r.target === null ? 'kein Soll' : formatIndicator(r.target)}</td>
                    <td className={cell}>{formatDeviation(r.deviation)}</td>
                    <td className={cell}>{pct === null ? '–' : formatPercent(String(pct))}</td>
                  </>
                )}
                <td className={cell}>{formatInteger(r.reports)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
    </div>
  );
}

/**
 * Zielerreichung as bars: Ist in percent of Soll, so Kennzahlen of different units fit one
 * chart. Only Kennzahlen with a Soll; the table beside it has every figure.
 */
export function AchievementChart({ title, rows, testId }: { title: string; rows: readonly IndicatorRow[]; testId: string }) {
  const withTarget = rows.filter((r) => achievementPercent(r.actual, r.target) !== null);
  if (withTarget.length === 0) return <Empty>Für diese Kennzahlen ist noch kein Soll festgelegt; die Tabelle zeigt die Ist-Werte.</Empty>;
  const data = withTarget.map((r) => ({ name: r.indicatorName, erreicht: achievementPercent(r.actual, r.target) ?? 0 }));
  const summary = withTarget.map((r) => `${r.indicatorName}: ${formatIndicator(r.actual)} von ${formatIndicator(r.target)} ${r.unit}`).join('; ');
  return (
    <figure className="ff-chart-figure" data-testid={testId} role="img" aria-label={`${title}: erreichter Anteil des Solls in Prozent. ${summary}.`}>
      <figcaption aria-hidden="true">{title}</figcaption>
      <div className="ff-chart" aria-hidden="true" style={{ height: Math.max(220, 60 + withTarget.length * 40) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 4, right: 12 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" unit=" %" domain={[0, (max: number) => Math.max(100, max)]} />
            <YAxis type="category" dataKey="name" width={118} tick={{ fontSize: 11 }} interval={0} />
            <Tooltip formatter={(v) => `${String(v)} %`} />
            <Bar dataKey="erreicht" name="Soll erreicht (%)" fill="#1e46a5" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/**
 * „Exportieren“: what the page shows as an Excel or CSV file (export type MONITORING, the range
 * the API answered with, so the file matches the screen even when the address named no years).
 * The worker writes it; the status and the download work as on the Exporte page.
 */
export function MonitoringExport({ filters, groupBy, shown }: { filters: MonitoringFilters; groupBy: MonitoringGroupBy; shown: { from: number; to: number } | undefined }) {
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const exportJob = useExportJob();
  const request = useMutation({
    mutationFn: (range: { from: number; to: number }) =>
      call(
        api.POST('/api/v1/exports', {
          body: {
            type: 'MONITORING',
            format,
            filters: {
              fromYear: range.from,
              toYear: range.to,
              groupBy,
              ...(filters.fieldOfAction ? { fieldOfAction: filters.fieldOfAction } : {}),
              ...(filters.socialArea ? { socialArea: filters.socialArea } : {}),
            },
          },
        }),
      ),
    onSuccess: (e) => exportJob.follow(e),
  });
  return (
    <Section title="Exportieren">
      <form
        className="ff-form"
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          if (shown) request.mutate(shown);
        }}
      >
        <p className="kern-body">
          Die angezeigten Zahlen ({rangeLabel(shown)}, {label(MONITORING_GROUP_BY, groupBy)}, mit den gewählten Filtern) als Datei.
        </p>
        <ProblemAlert error={request.error} title="Export nicht angefordert" />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">Format</legend>
          <div className="kern-fieldset__body ff-inline-radios">
            {(['xlsx', 'csv'] as const).map((f) => (
              <div className="kern-form-check" key={f}>
                <input className="kern-form-check__radio" type="radio" id={`mon-fmt-${f}`} name="monitoring-format" checked={format === f} onChange={() => setFormat(f)} />
                <label className="kern-label" htmlFor={`mon-fmt-${f}`}>
                  {EXPORT_FORMAT[f]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="ff-actions">
          <Button type="submit" busy={request.isPending} disabled={!shown || exportJob.running}>
            Exportieren
          </Button>
          <Link className="kern-link" to="/exporte">
            Alle Exporte
          </Link>
        </div>
      </form>
      <ExportJobStatus exportJob={exportJob} />
    </Section>
  );
}

/** A section whose title says whose figures these are. */
export function OwnSection({ kreis, own, ownOnly, children, actions }: { kreis: string; own: string; ownOnly: boolean; children: ReactNode; actions?: ReactNode }) {
  return (
    <Section title={ownOnly ? own : kreis} actions={actions}>
      {children}
    </Section>
  );
}
