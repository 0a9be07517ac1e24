/**
 * Monitoring (issue 19, item 3): the Leitlinien's "indikatorengestütztes Monitoring" for a range of
 * years. /monitoring gives the overview (money per Handlungsfeld and Sozialraum, key Kennzahlen
 * Soll/Ist, Sozialräume without funding), /monitoring/handlungsfelder and /monitoring/sozialraeume
 * the detail with several years side by side. Every chart has a table with the same figures
 * beside it. Filters live in the address; the API scopes a Träger to its own projects.
 */
import { Link } from 'react-router';
import type { ReactNode } from 'react';
import { Alert, Empty, PageTitle, Section, TableWrap } from '../../components/ui';
import { formatMoney } from '../../lib/format';
import { filtersSearch, formatIndicator, germanList, unfundedGroups } from '../../lib/monitoring';
import {
  AchievementChart,
  type FundingData,
  type IndicatorData,
  type IndicatorRow,
  IndicatorTable,
  MoneyByGroup,
  MoneyKpis,
  MonitoringExport,
  MonitoringFilterBar,
  MonitoringNav,
  MonitoringView,
  moneyTotals,
  OwnSection,
  rangeLabel,
  useFunding,
  useIndicators,
  useMonitoringFilters,
  TableTitle,
  useOwnOnly,
} from './shared';
import { IndicatorYears, YearComparisonChart } from './years';

const SUBTITLE_KREIS = 'Mittel und Kennzahlen der geförderten Projekte nach Handlungsfeld und Sozialraum';
const SUBTITLE_OWN = 'Mittel und Kennzahlen Ihrer Projekte (nur Ihre eigenen Zahlen)';

/** Which Kennzahlen the overview shows: those with a Soll or with reports, at most eight. */
export function keyIndicators(rows: readonly IndicatorRow[], max = 8): IndicatorRow[] {
  return rows.filter((r) => r.target !== null || r.reports > 0).slice(0, max);
}

/** "Ohne Förderung: …" for the Kreis; for a Träger, the Sozialräume without its projects. */
function Coverage({ data, ownOnly }: { data: FundingData; ownOnly: boolean }) {
  const none = unfundedGroups(data.rows);
  const range = rangeLabel(data);
  return (
    <div data-testid="coverage">
      {none.length === 0 ? (
        <Alert type="success" title={ownOnly ? `Ihre Projekte erreichen ${range} jeden Sozialraum` : `${range} wurde jeder Sozialraum gefördert`} />
      ) : (
        <Alert type="warning" title={ownOnly ? `Ohne Ihre Projekte (${range}): ${germanList(none)}` : `Ohne Förderung (${range}): ${germanList(none)}`}>
          <p className="kern-body">
            {ownOnly ? 'In diesen Sozialräumen haben Sie im Zeitraum keine gebundenen oder ausgezahlten Mittel.' : 'In diesen Sozialräumen wurden im Zeitraum keine Mittel gebunden oder ausgezahlt.'}
          </p>
        </Alert>
      )}
    </div>
  );
}

function Head({ title, filters, setFilters, shown }: { title: string; filters: ReturnType<typeof useMonitoringFilters>[0]; setFilters: ReturnType<typeof useMonitoringFilters>[1]; shown: { from: number; to: number } | undefined }) {
  const ownOnly = useOwnOnly();
  return (
    <>
      <PageTitle subtitle={ownOnly ? SUBTITLE_OWN : SUBTITLE_KREIS}>{title}</PageTitle>
      <MonitoringNav filters={filters} />
      <MonitoringFilterBar filters={filters} setFilters={setFilters} shown={shown} />
      {shown ? (
        <p className="kern-body" data-testid="monitoring-range">
          {ownOnly ? 'Ihre Projekte' : 'Alle Träger des Kreises'}, {shown.from === shown.to ? `Jahr ${shown.from}` : `Jahre ${shown.from} bis ${shown.to}`}.
        </p>
      ) : null}
    </>
  );
}

export function MonitoringOverviewPage() {
  const ownOnly = useOwnOnly();
  const [filters, setFilters] = useMonitoringFilters();
  const byYear = useFunding(filters, 'year');
  const byField = useFunding(filters, 'fieldOfAction');
  const byArea = useFunding(filters, 'socialArea');
  const indicators = useIndicators(filters, 'fieldOfAction');
  const shown = byField.data;
  return (
    <>
      <Head title="Monitoring" filters={filters} setFilters={setFilters} shown={shown} />
      <MonitoringView query={byYear}>
        {(d) => (
          <OwnSection kreis={`Mittel ${rangeLabel(d)}`} own={`Mittel Ihrer Projekte ${rangeLabel(d)}`} ownOnly={ownOnly}>
            <MoneyKpis rows={d.rows} />
          </OwnSection>
        )}
      </MonitoringView>
      {byYear.error ? null : (
        <>
          <MonitoringView query={byField}>
            {(d) => (
              <OwnSection kreis="Mittel nach Handlungsfeld" own="Ihre Projekte nach Handlungsfeld" ownOnly={ownOnly} actions={<Link className="kern-link" to={`/monitoring/handlungsfelder${filtersSearch(filters)}`}>Handlungsfelder im Einzelnen</Link>}>
                <MoneyByGroup title={ownOnly ? 'Ihre Mittel nach Handlungsfeld' : 'Mittel nach Handlungsfeld'} data={d} testId="chart-field-of-action" groupHeader="Handlungsfeld" />
              </OwnSection>
            )}
          </MonitoringView>
          <MonitoringView query={byArea}>
            {(d) => (
              <OwnSection kreis="Mittel nach Sozialraum" own="Ihre Projekte nach Sozialraum" ownOnly={ownOnly} actions={<Link className="kern-link" to={`/monitoring/sozialraeume${filtersSearch(filters)}`}>Sozialräume im Einzelnen</Link>}>
                <Coverage data={d} ownOnly={ownOnly} />
                <MoneyByGroup title={ownOnly ? 'Ihre Mittel nach Sozialraum' : 'Mittel nach Sozialraum'} data={d} testId="chart-social-area" groupHeader="Sozialraum" markUnfunded={ownOnly ? 'ohne Ihre Projekte' : 'ohne Förderung'} />
              </OwnSection>
            )}
          </MonitoringView>
          <MonitoringView query={indicators}>
            {(d) => <KeyIndicators data={d} ownOnly={ownOnly} filtersQuery={filtersSearch(filters)} />}
          </MonitoringView>
          <MonitoringExport filters={filters} groupBy="fieldOfAction" shown={shown} />
        </>
      )}
    </>
  );
}

function KeyIndicators({ data, ownOnly, filtersQuery }: { data: IndicatorData; ownOnly: boolean; filtersQuery: string }) {
  const rows = keyIndicators(data.rows);
  return (
    <Section title={ownOnly ? 'Kennzahlen Ihrer Sachberichte' : 'Wichtige Kennzahlen: Soll und Ist'} actions={<Link className="kern-link" to={`/monitoring/handlungsfelder${filtersQuery}`}>Alle Kennzahlen</Link>}>
      {rows.length === 0 ? (
        <Empty>{ownOnly ? `Ihre Sachberichte nennen ${rangeLabel(data)} noch keine Kennzahlen.` : `Für ${rangeLabel(data)} sind weder Sollwerte festgelegt noch Kennzahlen berichtet.`}</Empty>
      ) : (
        <div className="ff-grid ff-grid--2 ff-monitoring-pair">
          {ownOnly ? null : <AchievementChart title="Soll erreicht (Prozent)" rows={rows} testId="chart-key-indicators" />}
          <IndicatorTable caption={`Kennzahlen ${rangeLabel(data)}`} rows={rows} testId="key-indicators" ownOnly={ownOnly} />
        </div>
      )}
      <p className="kern-body kern-body--small ff-muted">
        Ist: Summe der in den eingereichten Sachberichten gemeldeten Werte (bei Durchschnitten der Mittelwert). Zwischennachweise zählen für ihr Jahr, Verwendungsnachweise für das Haushaltsjahr.
        {ownOnly ? ' Sollwerte legt der Kreis für alle Träger zusammen fest; sie werden hier nicht mit Ihren Zahlen verglichen.' : ''}
      </p>
    </Section>
  );
}

export function FieldsOfActionPage() {
  const ownOnly = useOwnOnly();
  const [filters, setFilters] = useMonitoringFilters();
  const byField = useFunding(filters, 'fieldOfAction');
  const indicators = useIndicators(filters, 'fieldOfAction');
  const byYear = useFunding(filters, 'year');
  const indicatorsByYear = useIndicators(filters, 'year');
  const shown = byField.data;
  return (
    <>
      <Head title="Monitoring: Handlungsfelder" filters={filters} setFilters={setFilters} shown={shown} />
      <MonitoringView query={byField}>
        {(d) => (
          <>
            <OwnSection kreis="Mittel nach Handlungsfeld" own="Ihre Mittel nach Handlungsfeld" ownOnly={ownOnly}>
              <MoneyByGroup title={ownOnly ? 'Ihre Mittel nach Handlungsfeld' : 'Mittel nach Handlungsfeld'} data={d} testId="chart-field-of-action" groupHeader="Handlungsfeld" />
            </OwnSection>
            <MonitoringView query={indicators}>{(ind) => <FieldCards money={d} indicators={ind} ownOnly={ownOnly} />}</MonitoringView>
            <Section title="Jahresvergleich">
              <MonitoringView query={byYear}>
                {(y) => <MoneyByGroup title={ownOnly ? 'Ihre Mittel nach Jahr' : 'Mittel nach Jahr'} data={y} testId="chart-years" groupHeader="Jahr" layout="horizontal" />}
              </MonitoringView>
              <MonitoringView query={indicatorsByYear}>
                {(y) => (
                  <>
                    {filters.fieldOfAction ? <YearComparisonChart data={y} /> : <p className="kern-body ff-muted">Wählen Sie ein Handlungsfeld, um seine Kennzahlen Jahr für Jahr als Diagramm zu sehen.</p>}
                    <IndicatorYears data={y} ownOnly={ownOnly} />
                  </>
                )}
              </MonitoringView>
            </Section>
            <MonitoringExport filters={filters} groupBy="fieldOfAction" shown={shown} />
          </>
        )}
      </MonitoringView>
    </>
  );
}

/** Each Handlungsfeld with its money and its Kennzahlen side by side. */
function FieldCards({ money, indicators, ownOnly }: { money: FundingData; indicators: IndicatorData; ownOnly: boolean }) {
  return (
    <Section title="Handlungsfelder im Einzelnen">
      <div className="ff-field-cards" data-testid="field-cards">
        {money.rows.map((m) => {
          const rows = indicators.rows.filter((r) => r.group === m.group);
          const totals = moneyTotals([m]);
          return (
            <article className="ff-card" key={m.group} data-field={m.group} aria-labelledby={`field-${m.group}`}>
              <h3 className="kern-heading-small" id={`field-${m.group}`}>
                {m.groupLabel}
              </h3>
              <p className="kern-body">
                gebunden {formatMoney(totals.committed)} · ausgezahlt {formatMoney(totals.paid)} · nachgewiesen {formatMoney(totals.proven)} · zurückgefordert {formatMoney(totals.recoveriesDue)}; {m.projects === 1 ? '1 Projekt' : `${m.projects} Projekte`}
              </p>
              <IndicatorTable caption={`Kennzahlen ${rangeLabel(indicators)}: ${m.groupLabel}`} rows={rows} testId={`indicators-${m.group}`} showField={false} ownOnly={ownOnly} />
            </article>
          );
        })}
      </div>
    </Section>
  );
}

export function SocialAreasPage() {
  const ownOnly = useOwnOnly();
  const [filters, setFilters] = useMonitoringFilters();
  const byArea = useFunding(filters, 'socialArea');
  const indicators = useIndicators(filters, 'socialArea');
  const shown = byArea.data;
  return (
    <>
      <Head title="Monitoring: Sozialräume" filters={filters} setFilters={setFilters} shown={shown} />
      <MonitoringView query={byArea}>
        {(d) => (
          <>
            <OwnSection kreis="Abdeckung der Sozialräume" own="Wo Ihre Projekte wirken" ownOnly={ownOnly}>
              <Coverage data={d} ownOnly={ownOnly} />
            </OwnSection>
            <OwnSection kreis="Mittel nach Sozialraum" own="Ihre Mittel nach Sozialraum" ownOnly={ownOnly}>
              <MoneyByGroup title={ownOnly ? 'Ihre Mittel nach Sozialraum' : 'Mittel nach Sozialraum'} data={d} testId="chart-social-area" groupHeader="Sozialraum" markUnfunded={ownOnly ? 'ohne Ihre Projekte' : 'ohne Förderung'} />
            </OwnSection>
            <MonitoringView query={indicators}>{(ind) => <IndicatorsByArea data={ind} money={d} />}</MonitoringView>
            <MonitoringExport filters={filters} groupBy="socialArea" shown={shown} />
          </>
        )}
      </MonitoringView>
    </>
  );
}

/**
 * Kennzahlen per Sozialraum as one matrix: a row per Kennzahl that any Sozialraum reported, a
 * column per Sozialraum (also those without reports). Targets are set for the whole Kreis, so
 * this view has Ist only.
 */
function IndicatorsByArea({ data, money }: { data: IndicatorData; money: FundingData }) {
  const areas = money.rows.map((r) => ({ group: r.group, label: r.groupLabel }));
  const byIndicator = new Map<string, IndicatorRow[]>();
  for (const r of data.rows) byIndicator.set(r.indicatorId, [...(byIndicator.get(r.indicatorId) ?? []), r]);
  const reported = [...byIndicator.values()].filter((rows) => rows.some((r) => r.reports > 0));
  const cell = 'kern-table__cell kern-table__cell--numeric';
  return (
    <Section title="Kennzahlen nach Sozialraum">
      {reported.length === 0 ? (
        <Empty>Für {rangeLabel(data)} sind in keinem Sozialraum Kennzahlen berichtet.</Empty>
      ) : (
        <TableMatrix caption={`Kennzahlen nach Sozialraum (Ist), ${rangeLabel(data)}`} columns={areas.map((a) => a.label)} testId="indicators-by-area">
          {reported.map((rows) => {
            const first = rows[0]!;
            return (
              <tr className="kern-table__row" key={first.indicatorId}>
                <th className="kern-table__header ff-row-header" scope="row">
                  {first.indicatorName} <span className="ff-muted">({first.unit})</span>
                </th>
                {areas.map((a) => {
                  const r = rows.find((x) => x.group === a.group);
                  return (
                    <td className={cell} key={a.group}>
                      {r && r.reports > 0 ? formatIndicator(r.actual) : '–'}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </TableMatrix>
      )}
      {reported.length === 0 ? null : <p className="kern-body kern-body--small ff-muted">„–“: kein Sachbericht mit dieser Kennzahl im Sozialraum. Sollwerte gelten für den ganzen Kreis und stehen bei den Handlungsfeldern.</p>}
    </Section>
  );
}

function TableMatrix({ caption, columns, testId, children }: { caption: string; columns: string[]; testId: string; children: ReactNode }) {
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
            {columns.map((c) => (
              <th className="kern-table__header kern-table__header--numeric" scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">{children}</tbody>
      </table>
    </TableWrap>
    </div>
  );
}
