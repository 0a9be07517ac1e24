import { Role, type Scope } from '@foerderfluss/core';
import { fundingQuery, type FundingRow, type MonitoringQuery } from '@foerderfluss/monitoring';
import type { ExportColumn } from '../../columns';
import { exportScope, type ExportDefinition, type ExportRow, type ExportRunContext, type ExportServices } from './common';

/**
 * Whose figures the export shows: a Träger's request (ctx.organisationId) reads as that Träger,
 * exactly as the monitoring API answers it; a Kreis request reads the Kreis's figures.
 */
function scopeOf(ctx: ExportRunContext): Scope {
  if (ctx.organisationId === null) return exportScope(ctx);
  return { userId: null, email: null, roles: [Role.PROVIDER], organisationId: ctx.organisationId, requestId: null };
}

/** The monitoring question of the export's filters, with the API's defaults (this year and the two before, by Handlungsfeld). */
function queryOf(ctx: ExportRunContext, services: ExportServices | null): MonitoringQuery {
  const f = ctx.filters;
  const to = f.toYear ?? Number(ctx.today.slice(0, 4));
  const q = { from: f.fromYear ?? to - 2, to, groupBy: f.groupBy ?? 'fieldOfAction', fieldOfAction: f.fieldOfAction, socialArea: f.socialArea, providerId: f.providerId } as const;
  return services ? services.monitoring.normalise(q) : q;
}

const GROUP_HEADERS: Record<MonitoringQuery['groupBy'], string> = { fieldOfAction: 'Handlungsfeld', socialArea: 'Sozialraum', provider: 'Träger', year: 'Jahr' };

/** The Kennzahlen sheet: Ist against Soll per group, as GET /api/v1/monitoring/indicators answers. No totals: Kennzahlen of different units do not add up. */
const INDICATOR_COLUMNS: readonly ExportColumn<ExportRow>[] = [
  { header: 'Gruppe', key: 'groupLabel', type: 'text', width: 36 },
  { header: 'Handlungsfeld der Kennzahl', key: 'fieldOfAction', type: 'text', width: 28 },
  { header: 'Kennzahl', key: 'indicatorName', type: 'text', width: 36 },
  { header: 'Einheit', key: 'unit', type: 'text', width: 14 },
  { header: 'Berechnung', key: 'aggregation', type: 'text', width: 14 },
  { header: 'Ist', key: 'actual', type: 'decimal' },
  { header: 'Soll', key: 'target', type: 'decimal' },
  { header: 'Abweichung', key: 'deviation', type: 'decimal' },
  { header: 'Berichte', key: 'reports', type: 'integer' },
];

const AGGREGATION_LABELS = { SUM: 'Summe', AVERAGE: 'Mittelwert' } as const;

/**
 * Monitoring (issue 19): the export of what the monitoring pages show. Data sheet „Geld“: one row
 * per group (every Handlungsfeld, Sozialraum or year of the range, also with 0) with gebunden,
 * ausgezahlt, nachgewiesen, zurückgefordert, zurückerhalten and the Land/Kreis shares, totals as
 * formulas (every grouping divides the money without overlap, so the totals are the range's
 * figures). xlsx adds the sheet „Kennzahlen“ (Ist, Soll, Abweichung). The figures come from the
 * MonitoringService, the same the API answers; the SQL only fixes the groups and their order.
 */
export const MONITORING: ExportDefinition = {
  type: 'MONITORING',
  columns: [
    { header: 'Gruppe', key: 'group_label', type: 'text', width: 36 },
    { header: 'Projekte', key: 'projects', type: 'integer', total: true },
    { header: 'gebunden', key: 'committed', type: 'money', total: true },
    { header: 'ausgezahlt', key: 'paid', type: 'money', total: true },
    { header: 'nachgewiesen', key: 'proven', type: 'money', total: true },
    { header: 'zurückgefordert', key: 'recoveries_due', type: 'money', total: true },
    { header: 'zurückerhalten', key: 'recovered', type: 'money', total: true },
    { header: 'gebunden Land', key: 'committed_state', type: 'money', total: true },
    { header: 'gebunden Kreis', key: 'committed_district', type: 'money', total: true },
    { header: 'ausgezahlt Land', key: 'paid_state', type: 'money', total: true },
    { header: 'ausgezahlt Kreis', key: 'paid_district', type: 'money', total: true },
    { header: 'nachgewiesen Land', key: 'proven_state', type: 'money', total: true },
    { header: 'nachgewiesen Kreis', key: 'proven_district', type: 'money', total: true },
    { header: 'zurückerhalten Land', key: 'recovered_state', type: 'money', total: true },
    { header: 'zurückerhalten Kreis', key: 'recovered_district', type: 'money', total: true },
  ],

  query(ctx) {
    return fundingQuery(scopeOf(ctx), queryOf(ctx, null));
  },

  async enrich(rows, ctx, services) {
    const byGroup = new Map<string, FundingRow>((await services.monitoring.funding(scopeOf(ctx), queryOf(ctx, services))).map((r) => [r.group, r]));
    for (const row of rows) {
      const r = byGroup.get(typeof row.key === 'string' ? row.key : '');
      row.group_label = r?.groupLabel ?? row.label ?? row.key;
      if (!r) continue;
      Object.assign(row, {
        projects: r.projects,
        committed: r.committed,
        paid: r.paid,
        proven: r.proven,
        recoveries_due: r.recoveriesDue,
        recovered: r.recovered,
        committed_state: r.shares.committed.state,
        committed_district: r.shares.committed.district,
        paid_state: r.shares.paid.state,
        paid_district: r.shares.paid.district,
        proven_state: r.shares.proven.state,
        proven_district: r.shares.proven.district,
        recovered_state: r.shares.recovered.state,
        recovered_district: r.shares.recovered.district,
      });
    }
  },

  async summary(ctx, services) {
    const q = queryOf(ctx, services);
    return [
      { label: 'Jahre', value: q.from === q.to ? String(q.from) : `${q.from} bis ${q.to}` },
      { label: 'Gruppiert nach', value: GROUP_HEADERS[q.groupBy] },
    ];
  },

  async extraSheets(ctx, services) {
    const rows = await services.monitoring.indicators(scopeOf(ctx), queryOf(ctx, services));
    const fieldNames = await services.monitoring.fieldOfActionLabels();
    return [
      {
        name: 'Kennzahlen',
        columns: INDICATOR_COLUMNS,
        rows: rows.map((r) => ({
          groupLabel: r.groupLabel,
          fieldOfAction: fieldNames.get(r.fieldOfAction) ?? r.fieldOfAction,
          indicatorName: r.indicatorName,
          unit: r.unit,
          aggregation: AGGREGATION_LABELS[r.aggregation],
          actual: String(r.actual),
          target: r.target === null ? null : String(r.target),
          deviation: r.deviation === null ? null : String(r.deviation),
          reports: r.reports,
        })),
      },
    ];
  },
};
