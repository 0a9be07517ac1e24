import { type CalendarDate, Money } from '@foerderfluss/core';
import type { SourceAmounts } from '@foerderfluss/funding';
import type { FundingRow, IndicatorRow, SourceShares } from '@foerderfluss/monitoring';

/**
 * The Kreistag's Jahresbericht (issue 19, ANNUAL_REPORT) as data: everything the PDF and the
 * workbook show, computed once, so both formats say the same. Figures come from the monitoring
 * service (money and Kennzahlen by group), the budget figures service (the year's Überblick) and
 * the export's own project list; this module only arranges them.
 */

/** Money by source as the monitoring answers it (decimal strings). */
export type ShareStrings = SourceShares;
/** A monitoring funding row (see libs/monitoring). */
export type FundingGroup = FundingRow;
/** A monitoring indicator row. */
export type IndicatorGroup = IndicatorRow;

export interface Split {
  readonly state: Money;
  readonly district: Money;
  readonly total: Money;
}

export interface OverviewLine {
  readonly label: string;
  readonly split: Split;
}

export interface GroupMoneyLine {
  readonly code: string;
  readonly label: string;
  readonly projects: number;
  readonly committed: Split;
}

export interface IndicatorLine {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly aggregation: 'SUM' | 'AVERAGE';
  readonly actual: number;
  readonly target: number | null;
  readonly deviation: number | null;
  /** Last year's actual (null when the indicator has no row for last year). */
  readonly previous: number | null;
  readonly reports: number;
}

export interface IndicatorSection {
  readonly fieldOfAction: string;
  readonly fieldLabel: string;
  readonly lines: readonly IndicatorLine[];
}

export type ProofState = 'SETTLED' | 'IN_REVIEW' | 'NOT_SUBMITTED';

export interface ProjectLine {
  readonly reference: string;
  readonly provider: string;
  readonly title: string;
  readonly fieldOfAction: string;
  readonly socialArea: string;
  readonly state: Money;
  readonly district: Money;
  readonly total: Money;
  readonly proofState: ProofState;
  /** Festgesetzte Zuwendung (approved settlement), null while not settled. */
  readonly finalGrant: Money | null;
}

export interface CountAmount {
  readonly label: string;
  readonly count: number;
  readonly amount: Money;
}

export interface AnnualReportModel {
  readonly year: number;
  readonly districtName: string;
  readonly authorityName: string;
  /** Titles of the Richtlinien (programmes) with a budget year of this number. */
  readonly guidelines: readonly string[];
  /** Stand: the day the report was generated (business time zone). */
  readonly asOf: CalendarDate;
  readonly overview: readonly OverviewLine[];
  readonly byFieldOfAction: readonly GroupMoneyLine[];
  readonly bySocialArea: readonly GroupMoneyLine[];
  readonly indicators: readonly IndicatorSection[];
  /** Sozialräume without any funded project in the year. */
  readonly uncovered: readonly string[];
  readonly proofs: readonly CountAmount[];
  readonly recoveries: readonly OverviewLine[];
  readonly projects: readonly ProjectLine[];
}

export const PROOF_STATE_LABELS: { readonly [S in ProofState]: string } = {
  SETTLED: 'abgerechnet (Festsetzung erlassen)',
  IN_REVIEW: 'eingereicht, in Prüfung',
  NOT_SUBMITTED: 'noch nicht eingereicht',
};

/** Budget figures of the year, summed over the budget years with that number (one per Richtlinie). */
export interface YearFigures {
  readonly allocated: SourceAmounts;
  readonly committed: SourceAmounts;
  readonly paid: SourceAmounts;
  readonly recoveriesDue: SourceAmounts;
  readonly recoveriesReceived: SourceAmounts;
  readonly recoveriesOpen: SourceAmounts;
}

export interface AnnualReportInputs {
  readonly year: number;
  readonly districtName: string;
  readonly authorityName: string;
  readonly guidelines: readonly string[];
  readonly asOf: CalendarDate;
  readonly figures: YearFigures;
  /** Monitoring funding for from = to = year, grouped by Handlungsfeld. */
  readonly fundingByField: readonly FundingGroup[];
  /** … grouped by Sozialraum. */
  readonly fundingBySocialArea: readonly FundingGroup[];
  /** Monitoring indicators for from = year − 1, to = year, grouped by year. */
  readonly indicatorsByYear: readonly IndicatorGroup[];
  readonly projects: readonly ProjectLine[];
}

export function split(s: SourceAmounts): Split {
  return { state: s.state, district: s.district, total: s.total };
}

export function splitOf(shares: ShareStrings): Split {
  const state = Money.of(shares.state);
  const district = Money.of(shares.district);
  return { state, district, total: state.plus(district) };
}

function sumSplits(splits: readonly Split[]): Split {
  return {
    state: Money.sum(splits.map((s) => s.state)),
    district: Money.sum(splits.map((s) => s.district)),
    total: Money.sum(splits.map((s) => s.total)),
  };
}

export function buildAnnualReportModel(input: AnnualReportInputs): AnnualReportModel {
  const f = input.figures;
  const provenByField = sumSplits(input.fundingByField.map((r) => splitOf(r.shares.proven)));
  const overview: OverviewLine[] = [
    { label: 'Mittel bereitgestellt (Zuweisung des Landes, Eigenanteil des Kreises)', split: split(f.allocated) },
    { label: 'Mittel gebunden (erlassene Bescheide und Verträge)', split: split(f.committed) },
    { label: 'Mittel ausgezahlt', split: split(f.paid) },
    { label: 'Mittel nachgewiesen (festgesetzte Zuwendungen)', split: provenByField },
    { label: 'Mittel zurückgefordert', split: split(f.recoveriesDue) },
  ];
  const groupLines = (rows: readonly FundingGroup[]): GroupMoneyLine[] =>
    rows.map((r) => ({ code: r.group, label: r.groupLabel, projects: r.projects, committed: splitOf(r.shares.committed) }));

  const fieldLabels = new Map(input.fundingByField.map((r) => [r.group, r.groupLabel]));
  const current = input.indicatorsByYear.filter((r) => r.group === String(input.year));
  const previous = new Map(input.indicatorsByYear.filter((r) => r.group === String(input.year - 1)).map((r) => [r.indicatorId, r]));
  const sections = new Map<string, IndicatorLine[]>();
  for (const r of current) {
    const lines = sections.get(r.fieldOfAction) ?? [];
    lines.push({
      code: r.indicator,
      name: r.indicatorName,
      unit: r.unit,
      aggregation: r.aggregation,
      actual: r.actual,
      target: r.target,
      deviation: r.deviation,
      previous: previous.get(r.indicatorId)?.actual ?? null,
      reports: r.reports,
    });
    sections.set(r.fieldOfAction, lines);
  }
  // Handlungsfelder in the monitoring's order; a field only the indicators know goes last.
  const order = [...fieldLabels.keys(), ...[...sections.keys()].filter((k) => !fieldLabels.has(k))];
  const indicators = order
    .filter((code) => sections.has(code))
    .map((code) => ({ fieldOfAction: code, fieldLabel: fieldLabels.get(code) ?? code, lines: sections.get(code)! }));

  const byState = (s: ProofState) => input.projects.filter((p) => p.proofState === s);
  const settled = byState('SETTLED');
  const proofs: CountAmount[] = [
    { label: PROOF_STATE_LABELS.SETTLED, count: settled.length, amount: Money.sum(settled.map((p) => p.finalGrant ?? Money.ZERO)) },
    ...(['IN_REVIEW', 'NOT_SUBMITTED'] as const).map((s) => {
      const rows = byState(s);
      return { label: PROOF_STATE_LABELS[s], count: rows.length, amount: Money.sum(rows.map((p) => p.total)) };
    }),
  ];

  return {
    year: input.year,
    districtName: input.districtName,
    authorityName: input.authorityName,
    guidelines: input.guidelines,
    asOf: input.asOf,
    overview,
    byFieldOfAction: groupLines(input.fundingByField),
    bySocialArea: groupLines(input.fundingBySocialArea),
    indicators,
    uncovered: input.fundingBySocialArea.filter((r) => r.projects === 0).map((r) => r.groupLabel),
    proofs,
    recoveries: [
      { label: 'Rückforderungen festgesetzt', split: split(f.recoveriesDue) },
      { label: 'Rückforderungen eingegangen', split: split(f.recoveriesReceived) },
      { label: 'Rückforderungen offen', split: split(f.recoveriesOpen) },
    ],
    projects: input.projects,
  };
}

/** German number for a Kennzahl: whole for sums, two places for averages. */
export function indicatorNumber(value: number | null, aggregation: 'SUM' | 'AVERAGE'): string {
  if (value === null) return '–';
  const places = aggregation === 'AVERAGE' ? 2 : 0;
  return new Intl.NumberFormat('de-DE', { minimumFractionDigits: places, maximumFractionDigits: places }).format(value);
}
