/**
 * The monitoring pages' rules without React (issue 19): which filters the address carries, what
 * the API is asked, how money rows add up and which Sozialräume got nothing. The address keeps
 * what the user chose verbatim, even a year the API refuses, so the page can show the API's German
 * message instead of silently "correcting" a shared link.
 */
import { apiToCents, centsToApi } from './decimal';
import { formatDecimal } from './format';

/** The filters of the monitoring pages as written in the address (`?from=2024&to=2026&fieldOfAction=…`). */
export interface MonitoringFilters {
  from?: string;
  to?: string;
  fieldOfAction?: string;
  socialArea?: string;
}

export const MONITORING_FILTER_NAMES = ['from', 'to', 'fieldOfAction', 'socialArea'] as const satisfies readonly (keyof MonitoringFilters)[];

/** The filters from the address; empty values count as absent (the API then uses its defaults). */
export function readMonitoringFilters(params: URLSearchParams): MonitoringFilters {
  const out: MonitoringFilters = {};
  for (const name of MONITORING_FILTER_NAMES) {
    const v = params.get(name)?.trim();
    if (v) out[name] = v;
  }
  return out;
}

/** The address after a change; other parameters stay, an empty value removes the filter. */
export function writeMonitoringFilters(current: URLSearchParams, change: MonitoringFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of MONITORING_FILTER_NAMES) {
    if (!(name in change)) continue;
    const v = change[name]?.trim();
    if (v) next.set(name, v);
    else next.delete(name);
  }
  return next;
}

/** "?from=2024&to=2026" for links between the monitoring pages, so the filters travel along. */
export function filtersSearch(filters: MonitoringFilters): string {
  const s = writeMonitoringFilters(new URLSearchParams(), filters).toString();
  return s ? `?${s}` : '';
}

/**
 * A year from the address as the API's number. Whatever is not a number goes as NaN, which the
 * API refuses with its German message naming the parameter: the page shows that rather than
 * quietly asking for another year than the address says.
 */
export function yearParam(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

/** The query of GET /monitoring/indicators and /monitoring/funding for the filters and a grouping. */
export function monitoringQuery<G extends string>(filters: MonitoringFilters, groupBy: G): { groupBy: G; from?: number; to?: number; fieldOfAction?: string; socialArea?: string } {
  const from = yearParam(filters.from);
  const to = yearParam(filters.to);
  return {
    groupBy,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(filters.fieldOfAction ? { fieldOfAction: filters.fieldOfAction } : {}),
    ...(filters.socialArea ? { socialArea: filters.socialArea } : {}),
  };
}

/**
 * The years offered in the year filters: the ten before the shown end year and the next one (the
 * API allows a span of at most ten years), and any year the address names, so the select shows it.
 */
export function yearOptions(anchor: number, ...named: (number | undefined)[]): number[] {
  const years = new Set<number>();
  for (let y = anchor - 10; y <= anchor + 1; y += 1) years.add(y);
  for (const y of named) if (y !== undefined && Number.isInteger(y) && y > 0) years.add(y);
  return [...years].sort((a, b) => a - b);
}

/**
 * The money figures of a funding row in the order money moves: bound, paid out, proven (as
 * festgesetzt), claimed back, received back. The chart draws the first four; the table has all.
 */
export const MONEY_FIGURES = ['committed', 'paid', 'proven', 'recoveriesDue', 'recovered'] as const;
export type MoneyFigure = (typeof MONEY_FIGURES)[number];
export const CHART_FIGURES = ['committed', 'paid', 'proven', 'recoveriesDue'] as const satisfies readonly MoneyFigure[];

/** Sum of one money figure over rows, as the API's decimal string (added in cents, never floats). */
export function sumMoney<K extends string>(rows: readonly Record<K, string>[], key: K): string {
  let total = 0n;
  for (const r of rows) total += apiToCents(r[key]) ?? 0n;
  return centsToApi(total);
}

/** Euros as a number, for drawing a bar only; every figure a person reads is formatted from the string. */
export function chartEuros(value: string): number {
  return Number(apiToCents(value) ?? 0n) / 100;
}

/** The top of a money axis: the maximum rounded up to 1, 2 or 5 times a power of ten (at least 1.000 €), so ticks read 0, 50, 100 T€. */
export function niceCeiling(max: number): number {
  if (!(max > 1000)) return 1000;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((f) => f * power >= max)!;
  return step * power;
}

/**
 * A group got nothing in the range: nothing bound and nothing paid. A decision bound and then
 * fully released counts as nothing, too.
 */
export function isUnfunded(row: { committed: string; paid: string }): boolean {
  return (apiToCents(row.committed) ?? 0n) <= 0n && (apiToCents(row.paid) ?? 0n) <= 0n;
}

/** The names of the groups that got nothing, in the API's order. */
export function unfundedGroups<R extends { committed: string; paid: string; groupLabel: string }>(rows: readonly R[]): string[] {
  return rows.filter(isUnfunded).map((r) => r.groupLabel);
}

/** "Altenburg, Schmölln und Nobitz": a German enumeration. */
export function germanList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;
}

/** An indicator figure in German (averages carry up to two decimals): 1.234 / 12,5; none is "–". */
export function formatIndicator(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : formatDecimal(value);
}

/** A deviation with its sign, so "−3" and "+12" read as below and above the target. */
export function formatDeviation(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value === 0) return '±0';
  return value > 0 ? `+${formatDecimal(value)}` : `−${formatDecimal(-value)}`;
}

/** How much of the target was reached, in whole percent; null without a (positive) target. */
export function achievementPercent(actual: number, target: number | null | undefined): number | null {
  if (target === null || target === undefined || target <= 0) return null;
  return Math.round((actual / target) * 100);
}
