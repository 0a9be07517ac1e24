import {
  type ExportDefinition,
  INCOME_CATEGORY_LABELS,
  labelCase,
  RECEIPT_REVIEW_LABELS,
  SAMPLE_REASON_LABELS,
  SqlParams,
  whereClause,
} from './common';
import { decisionScope, reviewHidden } from '../export-rows.repository';

/**
 * Belegliste: every Beleg of the selected Verwendungsnachweise (one VN, a decision, a Träger or a
 * whole year) in the order of the VN and its lfd. Nr., with the Prüfvermerk per Beleg (sample,
 * result, recognised amount, note). A Träger sees the check of its Belege once the Festsetzung is
 * made, as in the api. This is the export of the benchmark (1.000.000 Belege).
 */
export const RECEIPTS: ExportDefinition = {
  type: 'RECEIPTS',
  columns: [
    { header: 'Verwendungsnachweis', key: 'proof_reference', type: 'text' },
    { header: 'Aktenzeichen', key: 'reference', type: 'text' },
    { header: 'Träger', key: 'provider_name', type: 'text' },
    { header: 'lfd. Nr.', key: 'position', type: 'integer', width: 8 },
    { header: 'Belegnummer', key: 'receipt_number', type: 'text' },
    { header: 'Belegdatum', key: 'receipt_date', type: 'date' },
    { header: 'Zahlungsdatum', key: 'payment_date', type: 'date' },
    { header: 'Empfänger/Einzahler', key: 'counterparty', type: 'text' },
    { header: 'Grund der Zahlung', key: 'reason', type: 'text', width: 40 },
    { header: 'Art', key: 'direction', type: 'text', width: 10 },
    { header: 'Kostenart', key: 'cost_category', type: 'text' },
    { header: 'Bruttobetrag', key: 'gross_amount', type: 'money', total: true },
    { header: 'darin USt.', key: 'vat_amount', type: 'money', total: true },
    { header: 'Projektanteil', key: 'project_share', type: 'percent' },
    { header: 'zuwendungsfähiger Betrag', key: 'eligible_amount', type: 'money', total: true },
    { header: 'Stelle', key: 'personnel_position', type: 'text' },
    { header: 'Stichprobe', key: 'in_sample', type: 'boolean', width: 11 },
    { header: 'Auswahlgrund', key: 'sample_reason', type: 'text' },
    { header: 'Prüfergebnis', key: 'review_status', type: 'text' },
    { header: 'anerkannter Betrag', key: 'recognised_amount', type: 'money', total: true },
    { header: 'Prüfvermerk', key: 'review_note', type: 'text', width: 40 },
    { header: 'aufzubewahren bis', key: 'retain_until', type: 'date' },
  ],

  query(ctx) {
    const p = new SqlParams();
    const where = decisionScope(p, ctx, { year: 'pu.budget_year_id', provider: 'pu.provider_id', decision: 'pu.decision_id', decisionRow: 'd' });
    if (ctx.filters.proofId) where.push(`r.proof_id = ${p.add(ctx.filters.proofId)}::uuid`);
    if (ctx.filters.from) where.push(`r.payment_date >= ${p.add(ctx.filters.from)}::date`);
    if (ctx.filters.to) where.push(`r.payment_date <= ${p.add(ctx.filters.to)}::date`);
    const hide = reviewHidden(p, ctx, 'pu');
    const sql = `
      SELECT pu.reference AS proof_reference, d.reference, o.name AS provider_name, r.position, r.receipt_number,
             r.receipt_date, r.payment_date, r.counterparty, r.reason,
             CASE r.direction WHEN 'EXPENSE' THEN 'Ausgabe' ELSE 'Einnahme' END AS direction,
             coalesce(cc.name, ${labelCase('r.cost_category', INCOME_CATEGORY_LABELS)}) AS cost_category,
             r.gross_amount, r.vat_amount, r.project_share_percent AS project_share, r.eligible_amount, r.personnel_position,
             CASE WHEN ${hide} THEN NULL ELSE r.in_sample END AS in_sample,
             CASE WHEN ${hide} THEN NULL ELSE ${labelCase('r.sample_reason', SAMPLE_REASON_LABELS)} END AS sample_reason,
             CASE WHEN ${hide} THEN NULL WHEN r.review_status = 'OPEN' AND NOT r.in_sample THEN 'nicht geprüft'
                  ELSE ${labelCase('r.review_status', RECEIPT_REVIEW_LABELS)} END AS review_status,
             CASE WHEN ${hide} THEN NULL ELSE r.recognised_amount END AS recognised_amount,
             CASE WHEN ${hide} THEN NULL ELSE r.review_note END AS review_note,
             r.retain_until
        FROM receipt r
        JOIN proof_of_use pu ON pu.id = r.proof_id
        JOIN decision d ON d.id = pu.decision_id
        JOIN organisation o ON o.id = pu.provider_id
        LEFT JOIN cost_category cc ON cc.code = r.cost_category
        ${whereClause(where)}
       ORDER BY pu.reference, r.position`;
    return { sql, params: p.values };
  },
};
