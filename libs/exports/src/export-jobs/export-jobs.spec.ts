import { DomainError } from '@foerderfluss/core';
import { validateColumns } from '../columns';
import { ExportTooManyRowsError, ExportValueError } from '../exports.errors';
import { EXPORT_DEFINITIONS, type ExportRunContext } from './definitions';
import { exportFailure } from './export-jobs.errors';
import { asciiFileName, EXPORT_FILTER_KEYS, EXPORT_TYPE_INFO, EXPORT_TYPES, exportFileKey, exportFileName } from './export-types';

const ctx = (over: Partial<ExportRunContext> = {}): ExportRunContext => ({
  filters: {},
  organisationId: null,
  timeZone: 'Europe/Berlin',
  today: '2026-11-25',
  asOf: '2026-11-25',
  ...over,
});

/** Columns filled in by `enrich` (computed figures), not by the SQL. */
const COMPUTED: Record<string, string[]> = {
  APPROVALS: ['interest'],
  PAYMENTS: ['used_until', 'days_late', 'late_interest', 'interest_as_of'],
  RECOVERIES: ['interest', 'interest_as_of', 'outstanding_principal', 'outstanding_interest'],
  // the budget figures (BudgetFiguresService), the one place they are computed
  BUDGET: ['position', 'state', 'district', 'total', 'entries'],
  STATE_PROOF: ['approved_not_paid', 'disbursed', 'disbursed_state', 'disbursed_district'],
  // the monitoring figures (MonitoringService, the same the monitoring API answers); the SQL fixes the groups
  MONITORING: ['group_label', 'committed', 'paid', 'proven', 'recoveries_due', 'recovered', 'committed_state', 'committed_district', 'paid_state', 'paid_district', 'proven_state', 'proven_district', 'recovered_state', 'recovered_district'],
};

describe('export types and definitions', () => {
  it.each(EXPORT_TYPES)('%s: valid columns with German headers, a sheet name Excel accepts, every column selected or computed', (type) => {
    const def = EXPORT_DEFINITIONS[type];
    const info = EXPORT_TYPE_INFO[type];
    expect(def.type).toBe(type);
    expect(() => validateColumns(def.columns)).not.toThrow();
    expect(info.sheetName.length).toBeLessThanOrEqual(31);
    expect(info.required.every((k) => info.filters.includes(k))).toBe(true);
    expect(info.filters.every((k) => EXPORT_FILTER_KEYS.includes(k))).toBe(true);
    const filters = Object.fromEntries(info.filters.map((k) => [k, k === 'from' || k === 'to' ? '2026-01-01' : '11111111-1111-4111-8111-111111111111']));
    const { sql } = def.query(ctx({ filters }));
    for (const c of def.columns) {
      if ((COMPUTED[type] ?? []).includes(c.key)) continue;
      expect([c.key, new RegExp(`\\b${c.key}\\b`).test(sql)]).toEqual([c.key, true]);
    }
  });

  it.each(EXPORT_TYPES.filter((t) => EXPORT_TYPE_INFO[t].forProviders))(
    '%s: a Träger restriction is part of the SQL, whatever the filters name',
    (type) => {
      const own = '22222222-2222-4222-8222-222222222222';
      const other = '33333333-3333-4333-8333-333333333333';
      const { sql, params } = EXPORT_DEFINITIONS[type].query(ctx({ organisationId: own, filters: { providerId: other } }));
      const ownParam = `$${params.indexOf(own) + 1}`;
      expect(params).toContain(own);
      // the restriction is an AND-ed equality on the provider column, not an OR with the filter
      expect(sql).toMatch(new RegExp(`provider_id = \\${ownParam}::uuid`));
      expect(sql).not.toMatch(/\bOR\b[^)]*provider_id/);
      const unrestricted = EXPORT_DEFINITIONS[type].query(ctx({ filters: {} }));
      expect(unrestricted.params).not.toContain(own);
    },
  );

  it('German file names with the budget year and the request day; an ASCII fallback for the header', () => {
    expect(exportFileName('APPROVALS', 'xlsx', '2026-11-25', 2026)).toBe('Bewilligungsliste_2026_2026-11-25.xlsx');
    expect(exportFileName('RECOVERIES', 'csv', '2026-11-25', null)).toBe('Rückforderungen_und_Zinsen_2026-11-25.csv');
    expect(asciiFileName('Rückforderungen_und_Zinsen_2026-11-25.csv')).toBe('Rueckforderungen_und_Zinsen_2026-11-25.csv');
    expect(asciiFileName(exportFileName('PLAN_ACTUAL', 'xlsx', '2026-11-25', 2026))).toBe('Mitteluebersicht_Soll-Ist_2026_2026-11-25.xlsx');
    for (const type of EXPORT_TYPES) expect(asciiFileName(exportFileName(type, 'xlsx', '2026-11-25', 2026))).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(exportFileKey('0b8f…', 'csv')).toBe('exports/0b8f….csv');
  });

  it('failures: our own errors keep their German message; retrying cannot help with too many rows or a bad value; technical errors are retried and described generically', () => {
    expect(exportFailure(new ExportTooManyRowsError(1048574))).toMatchObject({ permanent: true, message: expect.stringContaining('CSV-Format') });
    expect(exportFailure(new ExportValueError('amount', 3, 'Geldbetrag erwartet'))).toMatchObject({ permanent: true, message: expect.stringContaining('Datenzeile 3') });
    expect(exportFailure(new DomainError('BUDGET_YEAR_NOT_FOUND', 404, 'Das Haushaltsjahr wurde nicht gefunden.'))).toEqual({ permanent: true, message: 'Das Haushaltsjahr wurde nicht gefunden.' });
    const technical = exportFailure(new Error('connection terminated unexpectedly'));
    expect(technical.permanent).toBe(false);
    expect(technical.message).not.toContain('connection');
    expect(technical.message).toContain('technischen Fehlers');
  });
});
