import { type CalendarDate, Money } from '@foerderfluss/core';
import type { BudgetFiguresService, SourceAmounts } from '@foerderfluss/funding';
import type { MonitoringService } from '@foerderfluss/monitoring';
import { exportScope, type ExportDefinition, type ExportRow, type ExportRunContext } from '../export-jobs/definitions/common';
import type { ExportSnapshot } from '../export-jobs/export-rows.repository';
import { type AnnualReportModel, buildAnnualReportModel, type ProjectLine, type ProofState, type YearFigures } from './annual-report-model';

export interface AnnualReportSources {
  readonly monitoring: MonitoringService;
  readonly figures: BudgetFiguresService;
  /** The export's reads inside its snapshot (budget years, Richtlinien, the project list). */
  readonly snapshot: ExportSnapshot;
  /** ANNUAL_REPORT's definition: the project list. */
  readonly projects: ExportDefinition;
  readonly ctx: ExportRunContext;
  readonly districtName: string;
  readonly authorityName: string;
  readonly asOf: CalendarDate;
  /** Called after each of the steps (0–100). */
  readonly onStep?: (percent: number) => Promise<void>;
}

const ZERO: SourceAmounts = { total: Money.ZERO, state: Money.ZERO, district: Money.ZERO };

function add(a: SourceAmounts, b: SourceAmounts): SourceAmounts {
  return { total: a.total.plus(b.total), state: a.state.plus(b.state), district: a.district.plus(b.district) };
}

function projectLine(r: ExportRow): ProjectLine {
  const money = (v: unknown) => Money.of(String(v));
  return {
    reference: String(r.reference),
    provider: String(r.provider_name),
    title: String(r.title),
    fieldOfAction: String(r.field_of_action),
    socialArea: String(r.social_area),
    state: money(r.state_share),
    district: money(r.district_share),
    total: money(r.total),
    proofState: r.proof_state as ProofState,
    finalGrant: r.final_grant === null || r.final_grant === undefined ? null : money(r.final_grant),
  };
}

/**
 * Gathers the report's figures. The Kreis-wide view (system scope): ANNUAL_REPORT is refused to
 * Träger before it is queued and again by the runner. Money and Kennzahlen by group come from the
 * monitoring service and the year's totals from the budget figures service, each of which computes
 * them for the pages too; nothing is aggregated a second time here.
 */
export async function loadAnnualReportModel(s: AnnualReportSources): Promise<AnnualReportModel> {
  const year = s.ctx.filters.year;
  if (year === undefined) throw new Error('ANNUAL_REPORT ohne Jahr');
  const scope = exportScope(s.ctx);
  const years = await s.snapshot.budgetYearsOf(year, scope.districtId ?? null);
  let totals: Record<keyof YearFigures, SourceAmounts> = {
    allocated: ZERO,
    committed: ZERO,
    paid: ZERO,
    recoveriesDue: ZERO,
    recoveriesReceived: ZERO,
    recoveriesOpen: ZERO,
  };
  for (const y of years) {
    const f = await s.figures.figures(scope, y.id);
    totals = {
      allocated: add(totals.allocated, f.allocated),
      committed: add(totals.committed, f.committed),
      paid: add(totals.paid, f.paid),
      recoveriesDue: add(totals.recoveriesDue, f.recoveriesDue),
      recoveriesReceived: add(totals.recoveriesReceived, f.recoveriesReceived),
      recoveriesOpen: add(totals.recoveriesOpen, f.recoveriesOpen),
    };
  }
  await s.onStep?.(20);
  const fundingByField = await s.monitoring.funding(scope, { from: year, to: year, groupBy: 'fieldOfAction' });
  const fundingBySocialArea = await s.monitoring.funding(scope, { from: year, to: year, groupBy: 'socialArea' });
  await s.onStep?.(50);
  const indicatorsByYear = await s.monitoring.indicators(scope, { from: year - 1, to: year, groupBy: 'year' });
  await s.onStep?.(70);
  const rows = await s.snapshot.allRows(s.projects, s.ctx);
  await s.onStep?.(80);
  return buildAnnualReportModel({
    year,
    districtName: s.districtName,
    authorityName: s.authorityName,
    guidelines: [...new Set(years.map((r) => r.title))],
    asOf: s.asOf,
    figures: totals,
    fundingByField,
    fundingBySocialArea,
    indicatorsByYear,
    projects: rows.map(projectLine),
  });
}
