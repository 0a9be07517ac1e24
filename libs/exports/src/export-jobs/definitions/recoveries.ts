import { addRecoveryInterest } from './approvals';
import { type ExportDefinition, labelCase, RECOVERY_STATUS_LABELS, SqlParams, whereClause } from './common';
import { decisionScope } from '../export-rows.repository';

/**
 * Rückforderungen und Zinsen: one row per recovery with the Festsetzung it rests on, the repayments
 * received, and the § 49a (3) interest computed (libs/rules, per payout part, day count and Basiszins
 * table of the programme) up to the Stichtag or the day it was settled, with what is still open.
 */
export const RECOVERIES: ExportDefinition = {
  type: 'RECOVERIES',
  columns: [
    { header: 'Rückforderung', key: 'recovery_reference', type: 'text' },
    { header: 'Aktenzeichen', key: 'reference', type: 'text' },
    { header: 'Träger', key: 'provider_name', type: 'text' },
    { header: 'Form', key: 'instrument', type: 'text' },
    { header: 'Festsetzung vom', key: 'settled_decision_date', type: 'date' },
    { header: 'festgesetzte Zuwendung', key: 'final_grant', type: 'money', total: true },
    { header: 'ausgezahlt', key: 'paid_amount', type: 'money', total: true },
    { header: 'Rückforderungsbetrag', key: 'principal', type: 'money', total: true },
    { header: 'fällig am', key: 'due_date', type: 'date' },
    { header: 'Zinslauf ab', key: 'interest_from', type: 'date' },
    { header: 'Zinsen berechnet bis', key: 'interest_as_of', type: 'date' },
    { header: 'Zinsen § 49a (3)', key: 'interest', type: 'money', total: true },
    { header: 'zurückgezahlt Hauptforderung', key: 'repaid_principal', type: 'money', total: true },
    { header: 'zurückgezahlt Zinsen', key: 'repaid_interest', type: 'money', total: true },
    { header: 'offene Hauptforderung', key: 'outstanding_principal', type: 'money', total: true },
    { header: 'offene Zinsen', key: 'outstanding_interest', type: 'money', total: true },
    { header: 'Status', key: 'status', type: 'text' },
    { header: 'beglichen am', key: 'settled_on', type: 'date' },
  ],

  query(ctx) {
    const p = new SqlParams();
    const where = decisionScope(p, ctx, { year: 'd.budget_year_id', provider: 'rc.provider_id', decision: 'rc.decision_id', decisionRow: 'd' });
    const sql = `
      SELECT rc.reference AS recovery_reference, d.reference, o.name AS provider_name,
             CASE rc.instrument WHEN 'BESCHEID' THEN 'Rückforderungsbescheid' ELSE 'vertraglicher Rückzahlungsanspruch' END AS instrument,
             s.decision_date AS settled_decision_date, s.final_grant, s.paid_amount, rc.principal, rc.due_date,
             (SELECT min((x->>'from')::date) + 1 FROM jsonb_array_elements(rc.interest_parts) x) AS interest_from,
             rc.repaid_principal, rc.repaid_interest,
             ${labelCase('rc.status', RECOVERY_STATUS_LABELS)} AS status, rc.settled_on,
             rc.id AS recovery_id, rc.settled_on AS recovery_settled_on
        FROM recovery rc
        JOIN decision d ON d.id = rc.decision_id
        JOIN settlement s ON s.id = rc.settlement_id
        JOIN organisation o ON o.id = rc.provider_id
        JOIN budget_year y ON y.id = d.budget_year_id
        ${whereClause(where)}
       ORDER BY y.year, rc.reference`;
    return { sql, params: p.values };
  },

  async enrich(rows, ctx, services) {
    await addRecoveryInterest(rows, ctx, services, true);
  },
};
