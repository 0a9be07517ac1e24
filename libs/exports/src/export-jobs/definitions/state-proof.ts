import { Money } from '@foerderfluss/core';
import { DECISION_STATUS_LABELS, exportScope, type ExportDefinition, labelCase, SqlParams, type SummaryItem, whereClause } from './common';
import { decisionScope } from '../export-rows.repository';

/**
 * Kreis-Verwendungsnachweis for the Land (DOMAIN §6): one row per Träger project of the year with
 * what was approved, paid, recognised, finally granted (Z) and recovered, with the source split; the
 * result for the Land (A_kreis, Z_land, refund, Kreis share, split of the recovered money) comes
 * from StateProofsService (libs/rules) and goes onto the Info sheet, with "vorläufig" while Träger
 * settlements are open. "ausgezahlt" and "angewiesen" per project come from the budget figures
 * service (the ledger), like every other figure of the year.
 */
export const STATE_PROOF: ExportDefinition = {
  type: 'STATE_PROOF',
  columns: [
    { header: 'Aktenzeichen', key: 'reference', type: 'text' },
    { header: 'Träger', key: 'provider_name', type: 'text' },
    { header: 'Status', key: 'status', type: 'text' },
    { header: 'Höchstbetrag', key: 'max_amount', type: 'money', total: true },
    { header: 'bewilligt Anteil Land', key: 'state_share', type: 'money', total: true },
    { header: 'bewilligt Anteil Kreis', key: 'district_share', type: 'money', total: true },
    { header: 'angewiesen, noch nicht ausgezahlt', key: 'approved_not_paid', type: 'money', total: true },
    { header: 'ausgezahlt', key: 'disbursed', type: 'money', total: true },
    { header: 'ausgezahlt Land', key: 'disbursed_state', type: 'money', total: true },
    { header: 'ausgezahlt Kreis', key: 'disbursed_district', type: 'money', total: true },
    { header: 'festgesetzt am', key: 'settled_on', type: 'date' },
    { header: 'anerkannte Ausgaben', key: 'recognised_costs', type: 'money', total: true },
    { header: 'festgesetzte Zuwendung', key: 'final_grant', type: 'money', total: true },
    { header: 'Rückforderung', key: 'recovery_amount', type: 'money', total: true },
    { header: 'Rückflüsse eingegangen', key: 'repaid', type: 'money', total: true },
    { header: 'davon Land', key: 'repaid_state', type: 'money', total: true },
    { header: 'davon Kreis', key: 'repaid_district', type: 'money', total: true },
  ],

  query(ctx) {
    const p = new SqlParams();
    const where = [`d.outcome = 'GRANT'`, 'd.current_version_no IS NOT NULL', ...decisionScope(p, ctx, { year: 'd.budget_year_id', provider: 'd.provider_id', decision: 'd.id', decisionRow: 'd' })];
    const sql = `
      SELECT d.id AS decision_id, d.reference, o.name AS provider_name, ${labelCase('d.status', DECISION_STATUS_LABELS)} AS status,
             v.max_amount, v.state_share, v.district_share,
             s.decision_date AS settled_on, s.recognised_costs, s.final_grant, s.recovery_amount,
             coalesce(back.amount, 0) AS repaid, coalesce(back.state, 0) AS repaid_state, coalesce(back.district, 0) AS repaid_district
        FROM decision d
        JOIN decision_version v ON v.decision_id = d.id AND v.version_no = d.current_version_no
        JOIN organisation o ON o.id = d.provider_id
        LEFT JOIN settlement s ON s.decision_id = d.id AND s.status = 'APPROVED'
        LEFT JOIN LATERAL (
          SELECT sum(x.amount) AS amount, sum(x.state_share) AS state, sum(x.district_share) AS district
            FROM repayment x WHERE x.decision_id = d.id
        ) back ON true
        ${whereClause(where)}
       ORDER BY d.reference`;
    return { sql, params: p.values };
  },

  /** Angewiesen and ausgezahlt per project from the ledger (BudgetFiguresService), not from a second sum. */
  async enrich(rows, ctx, services) {
    const payouts = await services.figures.payoutsByDecision(exportScope(ctx), ctx.filters.budgetYearId!);
    for (const row of rows) {
      const p = payouts.get(String(row.decision_id));
      row.approved_not_paid = p?.approvedNotPaid.total ?? Money.ZERO;
      row.disbursed = p?.paid.total ?? Money.ZERO;
      row.disbursed_state = p?.paid.state ?? Money.ZERO;
      row.disbursed_district = p?.paid.district ?? Money.ZERO;
    }
  },

  async summary(ctx, services): Promise<SummaryItem[]> {
    const v = await services.stateProofs.view(ctx.filters.budgetYearId!, exportScope(ctx));
    const money = (label: string, value: { toApiString(): string }): SummaryItem => ({ label, value: value.toApiString(), kind: 'money' });
    return [
      // First, so nobody takes a provisional refund for the final one.
      { label: 'Stand der Zahlen', value: v.provisionalReason ?? 'endgültig: alle Verwendungsnachweise der Träger sind festgesetzt' },
      {
        label: 'Stand des Nachweises',
        value: v.proof.status === 'SUBMITTED' ? `eingereicht am ${germanDate(v.proof.submittedOn)} (${v.proof.submissionReference ?? ''})` : 'Entwurf (noch nicht eingereicht)',
      },
      { label: 'Festgesetzte Bewilligungen', value: String(v.settledDecisions) },
      { label: 'Noch nicht festgesetzte Träger-Vorhaben', value: String(v.openSettlements) },
      money('An Träger ausgezahlt', v.figures.paid.total),
      money('Angewiesen, noch nicht ausgezahlt', v.figures.approvedNotPaid.total),
      money('Summe festgesetzte Zuwendungen an Träger (Σ Z)', v.providerGrants),
      money('Eigene zuwendungsfähige Ausgaben des Kreises', v.proof.ownEligibleCosts),
      money('Anerkannte Ausgaben des Kreises (A_kreis)', v.districtRecognisedCosts),
      { label: 'Fördersatz des Landes', value: v.budgetYear.stateRatePercent.toGermanString() },
      money('Höchstbetrag des Landes (H_land)', v.stateMaxAmount),
      money('Vom Land erhalten (abzüglich Erstattungen)', v.stateDisbursed),
      money('Zuwendung des Landes (Z_land)', v.result.stateFinalGrant),
      money('Erstattung an das Land', v.result.refundToState),
      money('Anteil des Kreises', v.result.districtShare),
      money('Rückflüsse von Trägern', v.recoveredFromProviders),
      money('davon an das Land', v.result.recoverySplit.state),
      money('davon beim Kreis', v.result.recoverySplit.district),
    ];
  },
};

function germanDate(iso: string | null): string {
  return iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '';
}
