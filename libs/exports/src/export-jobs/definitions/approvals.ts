import { CalendarDate } from '@foerderfluss/core';
import {
  DECISION_STATUS_LABELS,
  type ExportDefinition,
  type ExportRow,
  type ExportRunContext,
  type ExportServices,
  FINANCING_TYPE_LABELS,
  INSTRUMENT_LABELS,
  labelCase,
  localDate,
  SqlParams,
  whereClause,
} from './common';
import { decisionScope, recoveriesWithRepayments, reviewHidden } from '../export-rows.repository';

/**
 * Bewilligungsliste: one row per decision with a version in force (Bescheid or Vertrag), from the
 * Antrag to the Festsetzung and the money that came back. Interest is computed (§ 49a (3)) per
 * recovery up to its settlement day or the Stichtag.
 */
export const APPROVALS: ExportDefinition = {
  type: 'APPROVALS',
  columns: [
    { header: 'Aktenzeichen', key: 'reference', type: 'text' },
    { header: 'Empfänger', key: 'provider_name', type: 'text' },
    { header: 'Rechtsform', key: 'legal_form', type: 'text' },
    { header: 'Anschrift', key: 'address', type: 'text' },
    { header: 'Form', key: 'instrument', type: 'text', width: 9 },
    { header: 'Projekt', key: 'title', type: 'text' },
    { header: 'Zweck', key: 'purpose', type: 'text', width: 50 },
    { header: 'Handlungsfeld', key: 'field_of_action', type: 'text' },
    { header: 'Sozialraum', key: 'social_area', type: 'text' },
    { header: 'Antragseingang', key: 'application_received', type: 'date' },
    { header: 'Bescheid-/Vertragsdatum', key: 'decision_date', type: 'date' },
    { header: 'Version', key: 'version_no', type: 'integer', width: 9 },
    { header: 'Bewilligungszeitraum von', key: 'period_start', type: 'date' },
    { header: 'Bewilligungszeitraum bis', key: 'period_end', type: 'date' },
    { header: 'Finanzierungsart', key: 'financing_type', type: 'text' },
    { header: 'Fördersatz', key: 'funding_rate', type: 'percent' },
    { header: 'Höchstbetrag', key: 'max_amount', type: 'money', total: true },
    { header: 'zuwendungsfähige Ausgaben (Plan)', key: 'planned_costs', type: 'money', total: true },
    { header: 'Anteil Land', key: 'state_share', type: 'money', total: true },
    { header: 'Anteil Kreis', key: 'district_share', type: 'money', total: true },
    { header: 'Haushaltsstelle', key: 'budget_line', type: 'text' },
    { header: 'VN-Frist', key: 'proof_due', type: 'date' },
    { header: 'VN-Eingang', key: 'proof_received', type: 'date' },
    { header: 'Prüfart', key: 'review_kind', type: 'text' },
    { header: 'Prüfdatum', key: 'review_date', type: 'date' },
    { header: 'festgesetzte Zuwendung', key: 'final_grant', type: 'money', total: true },
    { header: 'Rückforderung', key: 'recovery_amount', type: 'money', total: true },
    { header: 'Zinsen', key: 'interest', type: 'money', total: true },
    { header: 'Zahlungseingang', key: 'repaid_amount', type: 'money', total: true },
    { header: 'Zahlungseingang am', key: 'repaid_on', type: 'date' },
    { header: 'Status', key: 'status', type: 'text' },
  ],

  query(ctx) {
    const p = new SqlParams();
    const where = ['d.outcome = \'GRANT\'', 'd.current_version_no IS NOT NULL', ...decisionScope(p, ctx, { year: 'd.budget_year_id', provider: 'd.provider_id', decision: 'd.id', decisionRow: 'd' })];
    if (ctx.filters.from) where.push(`v.decision_date >= ${p.add(ctx.filters.from)}::date`);
    if (ctx.filters.to) where.push(`v.decision_date <= ${p.add(ctx.filters.to)}::date`);
    // A Träger sees the outcome of the VN check once the Festsetzung is made (as in the api).
    const hideReview = reviewHidden(p, ctx, 'fp');
    const sql = `
      SELECT d.reference, o.name AS provider_name, o.legal_form,
             nullif(concat_ws(', ', o.street, nullif(concat_ws(' ', o.postal_code, o.city), '')), '') AS address,
             ${labelCase('d.instrument', INSTRUMENT_LABELS)} AS instrument,
             a.title, v.purpose, foa.name AS field_of_action, sa.name AS social_area,
             ${localDate(p, ctx, 'a.first_submitted_at')} AS application_received,
             v.decision_date, v.version_no, v.period_start, v.period_end,
             ${labelCase('v.financing_type', FINANCING_TYPE_LABELS)} AS financing_type,
             v.funding_rate_percent AS funding_rate, v.max_amount,
             (SELECT sum((l->>'amount')::numeric) FROM jsonb_array_elements(v.approved_plan->'costLines') l) AS planned_costs,
             v.state_share, v.district_share, y.district_budget_line AS budget_line, v.proof_due,
             ${localDate(p, ctx, 'fp.submitted_at')} AS proof_received,
             CASE WHEN pr.id IS NULL OR ${hideReview} THEN NULL
                  WHEN pr.sample_size > 0 THEN 'kursorisch und vertieft (Stichprobe ' || pr.sample_size || ' Belege)'
                  ELSE 'kursorisch' END AS review_kind,
             CASE WHEN ${hideReview} THEN NULL ELSE ${localDate(p, ctx, 'pr.completed_at')} END AS review_date,
             s.final_grant, coalesce(rc.principal, s.recovery_amount) AS recovery_amount,
             rp.amount AS repaid_amount, rp.last_on AS repaid_on,
             ${labelCase('d.status', DECISION_STATUS_LABELS)} AS status,
             rc.id AS recovery_id, rc.settled_on AS recovery_settled_on
        FROM decision d
        JOIN decision_version v ON v.decision_id = d.id AND v.version_no = d.current_version_no
        JOIN organisation o ON o.id = d.provider_id
        JOIN application a ON a.id = d.application_id
        JOIN budget_year y ON y.id = d.budget_year_id
        LEFT JOIN field_of_action foa ON foa.code = d.field_of_action_code
        LEFT JOIN social_area sa ON sa.code = d.social_area_code
        LEFT JOIN proof_of_use fp ON fp.decision_id = d.id AND fp.kind = 'FINAL'
        LEFT JOIN proof_review pr ON pr.proof_id = fp.id AND pr.status = 'COMPLETED'
        LEFT JOIN settlement s ON s.decision_id = d.id AND s.status = 'APPROVED'
        LEFT JOIN recovery rc ON rc.settlement_id = s.id
        LEFT JOIN LATERAL (SELECT sum(x.amount) AS amount, max(x.received_on) AS last_on FROM repayment x WHERE x.recovery_id = rc.id) rp ON true
        ${whereClause(where)}
       ORDER BY y.year, d.reference`;
    return { sql, params: p.values };
  },

  async enrich(rows, ctx, services) {
    await addRecoveryInterest(rows, ctx, services);
  },
};

/**
 * § 49a (3) interest of each row's recovery (`recovery_id`) into `interest`: up to the day it was
 * settled, or the Stichtag. Also used by the Rückforderungen export, which adds the outstanding parts.
 */
export async function addRecoveryInterest(rows: ExportRow[], ctx: ExportRunContext, services: ExportServices, withOutstanding = false): Promise<void> {
  const ids = rows.map((r) => r.recovery_id).filter((id): id is string => typeof id === 'string');
  if (ids.length === 0) return;
  const { recoveries, repayments } = await recoveriesWithRepayments(services.tx.manager, ids);
  const asOf = CalendarDate.parse(ctx.asOf);
  for (const row of rows) {
    const recovery = typeof row.recovery_id === 'string' ? recoveries.get(row.recovery_id) : undefined;
    if (!recovery) continue;
    const settledOn = typeof row.recovery_settled_on === 'string' ? CalendarDate.parse(row.recovery_settled_on) : null;
    const day = settledOn && settledOn.isBefore(asOf) ? settledOn : asOf;
    const state = await services.recoveries.computeInterest(recovery, repayments.filter((x) => x.recoveryId === recovery.id), day);
    row.interest = state.interest;
    if (withOutstanding) {
      // Interest known so far: up to the last day with an entered Basiszinssatz at most.
      row.interest_as_of = (state.computedUntil && state.computedUntil.isBefore(day) ? state.computedUntil : day).toISOString();
      row.outstanding_principal = state.outstandingPrincipal;
      row.outstanding_interest = state.interestOutstanding;
    }
  }
}
