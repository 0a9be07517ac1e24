import { type ExportDefinition, SqlParams } from './common';

/**
 * The Jahresbericht's list of funded projects (section 7; sections 5 reads its settlement state):
 * every decision with a commitment booked in a budget year of the report's year, the same set the
 * monitoring counts as `projects`. Amounts are the decision's commitments in the ledger (COMMITMENT
 * + COMMITMENT_CHANGE − RELEASE, by source), so they add up to the monitoring's `committed`.
 * Only the Kreis asks for this export (ANNUAL_REPORT is not for Träger), so no Träger restriction
 * applies; the runner refuses a Träger's row anyway.
 *
 * The other sections are not rows of a query: the runner builds them from the monitoring and the
 * budget figures (annual-report/).
 */
export const ANNUAL_REPORT: ExportDefinition = {
  type: 'ANNUAL_REPORT',
  columns: [
    { header: 'Aktenzeichen', key: 'reference', type: 'text' },
    { header: 'Träger', key: 'provider_name', type: 'text' },
    { header: 'Titel', key: 'title', type: 'text' },
    { header: 'Handlungsfeld', key: 'field_of_action', type: 'text' },
    { header: 'Sozialraum', key: 'social_area', type: 'text' },
    { header: 'Betrag Land', key: 'state_share', type: 'money', total: true },
    { header: 'Betrag Kreis', key: 'district_share', type: 'money', total: true },
    { header: 'Betrag', key: 'total', type: 'money', total: true },
    { header: 'Stand Verwendungsnachweis', key: 'proof_state', type: 'text' },
    { header: 'festgesetzte Zuwendung', key: 'final_grant', type: 'money', total: true },
  ],

  query(ctx) {
    const p = new SqlParams();
    const year = p.add(ctx.filters.year ?? null);
    const sql = `
      WITH c AS (
        SELECT le.reference_id AS decision_id,
               sum(CASE WHEN le.kind = 'RELEASE' THEN -le.state_share ELSE le.state_share END) AS state_share,
               sum(CASE WHEN le.kind = 'RELEASE' THEN -le.district_share ELSE le.district_share END) AS district_share
          FROM budget_ledger_entry le
          JOIN budget_year y ON y.id = le.budget_year_id
         WHERE le.kind IN ('COMMITMENT', 'COMMITMENT_CHANGE', 'RELEASE') AND le.reference_type = 'Decision' AND y.year = ${year}::int
         GROUP BY le.reference_id
        HAVING bool_or(le.kind = 'COMMITMENT')
      )
      SELECT d.reference, o.name AS provider_name, a.title,
             coalesce(foa.name, d.field_of_action_code, '–') AS field_of_action,
             coalesce(sa.name, d.social_area_code, '–') AS social_area,
             c.state_share, c.district_share, c.state_share + c.district_share AS total,
             CASE WHEN s.final_grant IS NOT NULL THEN 'SETTLED'
                  WHEN fp.status IN ('SUBMITTED', 'IN_REVIEW', 'REVIEWED', 'SETTLED') THEN 'IN_REVIEW'
                  ELSE 'NOT_SUBMITTED' END AS proof_state,
             s.final_grant
        FROM c
        JOIN decision d ON d.id::text = c.decision_id
        JOIN organisation o ON o.id = d.provider_id
        JOIN application a ON a.id = d.application_id
        LEFT JOIN field_of_action foa ON foa.code = d.field_of_action_code
        LEFT JOIN social_area sa ON sa.code = d.social_area_code
        LEFT JOIN LATERAL (SELECT x.status FROM proof_of_use x WHERE x.decision_id = d.id AND x.kind = 'FINAL' ORDER BY x.created_at DESC LIMIT 1) fp ON true
        LEFT JOIN LATERAL (SELECT x.final_grant FROM settlement x WHERE x.decision_id = d.id AND x.status = 'APPROVED' ORDER BY x.approved_at DESC NULLS LAST LIMIT 1) s ON true
       ORDER BY d.reference`;
    return { sql, params: p.values };
  },
};
