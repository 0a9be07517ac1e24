import { type ExportDefinition, SqlParams } from './common';

/**
 * Haushaltsübersicht of a budget year: the ledger balances by source (Land, Kreis), each position
 * with the number of ledger entries behind it. The balance row is kept in step with the ledger in
 * the same transaction as every entry, so these are the ledger's sums.
 *
 * No totals row: the positions are stages of the same money (allocated ⊇ committed ⊇ paid), a column
 * sum over them would mean nothing.
 */
export const BUDGET: ExportDefinition = {
  type: 'BUDGET',
  columns: [
    { header: 'Nr.', key: 'position_no', type: 'integer', width: 6 },
    { header: 'Position', key: 'position', type: 'text', width: 48 },
    { header: 'Land', key: 'state', type: 'money' },
    { header: 'Kreis', key: 'district', type: 'money' },
    { header: 'Gesamt', key: 'total', type: 'money' },
    { header: 'Buchungen', key: 'entries', type: 'integer' },
  ],

  query(ctx) {
    const p = new SqlParams();
    const year = p.add(ctx.filters.budgetYearId);
    const sql = `
      WITH b AS (SELECT * FROM budget_year_balance WHERE budget_year_id = ${year}::uuid),
      k AS (SELECT kind, count(*) AS n FROM budget_ledger_entry WHERE budget_year_id = ${year}::uuid GROUP BY kind)
      SELECT t.no AS position_no, t.position, t.state, t.district, t.state + coalesce(t.district, 0) AS total,
             CASE WHEN cardinality(t.kinds) > 0 THEN (SELECT coalesce(sum(k.n), 0) FROM k WHERE k.kind = ANY(t.kinds)) END AS entries
        FROM b
        CROSS JOIN LATERAL (VALUES
          (1, 'Zugewiesen (Zuwendung des Landes, Eigenanteil des Kreises)', b.allocated_state, b.allocated_district, ARRAY['ALLOCATION']),
          (2, 'Gebunden durch Bewilligungen', b.committed_state, b.committed_district, ARRAY['COMMITMENT', 'COMMITMENT_CHANGE', 'RELEASE']),
          (3, 'Frei verfügbar (zugewiesen − gebunden)', b.allocated_state - b.committed_state, b.allocated_district - b.committed_district, ARRAY[]::text[]),
          (4, 'Ausgezahlt an Träger', b.disbursed_state, b.disbursed_district, ARRAY['DISBURSEMENT']),
          (5, 'Gebunden, noch nicht ausgezahlt', b.committed_state - b.disbursed_state, b.committed_district - b.disbursed_district, ARRAY[]::text[]),
          (6, 'Rückforderungen festgesetzt', b.recoveries_due_state, b.recoveries_due_district, ARRAY['RECOVERY_DUE']),
          (7, 'Rückforderungen eingegangen', b.recoveries_received_state, b.recoveries_received_district, ARRAY['RECOVERY_RECEIVED']),
          (8, 'Rückforderungen offen', b.recoveries_due_state - b.recoveries_received_state, b.recoveries_due_district - b.recoveries_received_district, ARRAY[]::text[]),
          (9, 'Mittelabrufe beim Land (erhalten)', b.received_from_state, NULL, ARRAY['STATE_DRAWDOWN']),
          (10, 'Erstattungen an das Land', b.refunded_to_state, NULL, ARRAY['STATE_REFUND'])
        ) AS t(no, position, state, district, kinds)
       ORDER BY t.no`;
    return { sql, params: p.values };
  },
};
