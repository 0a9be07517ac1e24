import { type ExportDefinition, SqlParams, whereClause } from './common';
import { decisionScope, reviewHidden } from '../export-rows.repository';

/**
 * Mittelübersicht Soll/Ist: per decision one row per Kostenart of the approved plan (Soll) against
 * the zahlenmäßiger Nachweis of the final VN (Ist), with the overrun tolerance of the programme
 * (ANBest-P Nr. 1.2, a parameter), the Zustimmungen recorded in the review and what was recognised;
 * then the financing block: Eigenmittel, Drittmittel, Zuwendung Land and Kreisanteil, each Soll/Ist
 * (for the grant: the approved shares against the payouts less repayments).
 *
 * No totals row: expense and financing rows share the Soll/Ist columns, and a column sum over both
 * would count the money twice.
 */
export const PLAN_ACTUAL: ExportDefinition = {
  type: 'PLAN_ACTUAL',
  columns: [
    { header: 'Aktenzeichen', key: 'reference', type: 'text' },
    { header: 'Empfänger', key: 'provider_name', type: 'text' },
    { header: 'Bereich', key: 'section', type: 'text', width: 13 },
    { header: 'Position', key: 'position', type: 'text' },
    { header: 'Soll', key: 'planned', type: 'money' },
    { header: 'Ist', key: 'actual', type: 'money' },
    { header: 'Abweichung €', key: 'deviation', type: 'money' },
    { header: 'Abweichung %', key: 'deviation_percent', type: 'percent' },
    { header: 'Toleranz Einzelansatz', key: 'tolerance', type: 'percent' },
    { header: 'über Toleranz', key: 'over_tolerance', type: 'boolean' },
    { header: 'Zustimmung', key: 'consent', type: 'boolean' },
    { header: 'Zustimmung erfasst am', key: 'consent_on', type: 'date' },
    { header: 'Zustimmung bis Betrag', key: 'consent_amount', type: 'money' },
    { header: 'Zustimmung Vermerk', key: 'consent_note', type: 'text' },
    { header: 'anerkannt', key: 'recognised', type: 'money' },
  ],

  query(ctx) {
    const p = new SqlParams();
    const where = [`d.outcome = 'GRANT'`, 'd.current_version_no IS NOT NULL', ...decisionScope(p, ctx, { year: 'd.budget_year_id', provider: 'd.provider_id', decision: 'd.id', decisionRow: 'd' })];
    // A Träger sees the review's outcome (Zustimmung, anerkannt) once the Festsetzung is made.
    const hide = reviewHidden(p, ctx, 'fp');
    const tz = p.add(ctx.timeZone);
    const sql = `
      WITH dec AS (
        SELECT d.id, d.reference, o.name AS provider_name, y.year, v.approved_plan, v.state_share, v.district_share,
               fp.figures,
               CASE WHEN ${hide} THEN NULL ELSE pr.line_consents END AS line_consents,
               CASE WHEN ${hide} THEN NULL WHEN pr.status = 'COMPLETED' THEN pr.result END AS result,
               ce.at AS consents_at,
               (SELECT pp.value FROM programme_parameter pp
                 WHERE pp.programme_id = y.programme_id AND pp.code = 'OVERRUN_TOLERANCE_PERCENT' AND pp.valid_from <= v.period_end
                 ORDER BY pp.valid_from DESC LIMIT 1)::numeric AS tolerance,
               (SELECT sum((f->>'amount')::numeric) FROM jsonb_array_elements(v.approved_plan->'fundingLines') f WHERE f->>'kind' = 'OWN_FUNDS') AS own_plan,
               (SELECT sum((f->>'amount')::numeric) FROM jsonb_array_elements(v.approved_plan->'fundingLines') f WHERE f->>'kind' = 'THIRD_PARTY') AS third_plan,
               paid.state - coalesce(back.state, 0) AS state_actual,
               paid.district - coalesce(back.district, 0) AS district_actual
          FROM decision d
          JOIN decision_version v ON v.decision_id = d.id AND v.version_no = d.current_version_no
          JOIN organisation o ON o.id = d.provider_id
          JOIN budget_year y ON y.id = d.budget_year_id
          LEFT JOIN proof_of_use fp ON fp.decision_id = d.id AND fp.kind = 'FINAL' AND fp.status <> 'DRAFT'
          LEFT JOIN proof_review pr ON pr.proof_id = fp.id
          LEFT JOIN LATERAL (
            SELECT max(ae.occurred_at) AS at FROM audit_event ae
             WHERE ae.entity = 'ProofOfUse' AND ae.entity_id = fp.id::text AND ae.action = 'proof.review.line-consents'
          ) ce ON true
          LEFT JOIN LATERAL (
            SELECT sum(x.state_share) AS state, sum(x.district_share) AS district FROM disbursement x WHERE x.decision_id = d.id AND x.status = 'PAID'
          ) paid ON true
          LEFT JOIN LATERAL (
            SELECT sum(x.state_share) AS state, sum(x.district_share) AS district FROM repayment x WHERE x.decision_id = d.id
          ) back ON true
          ${whereClause(where)}
      ),
      plan AS (
        SELECT dec.id, l->>'category' AS category, sum((l->>'amount')::numeric) AS planned, min(n) AS ord
          FROM dec, jsonb_array_elements(dec.approved_plan->'costLines') WITH ORDINALITY AS t(l, n) GROUP BY 1, 2
      ),
      actual AS (
        SELECT dec.id, l->>'category' AS category, sum((l->>'actual')::numeric) AS actual
          FROM dec, jsonb_array_elements(coalesce(dec.figures->'costLines', '[]'::jsonb)) AS t(l) GROUP BY 1, 2
      ),
      lines AS (
        SELECT coalesce(plan.id, actual.id) AS id, coalesce(plan.category, actual.category) AS category,
               plan.planned, actual.actual, coalesce(plan.ord, 1000) AS ord
          FROM plan FULL JOIN actual ON actual.id = plan.id AND actual.category = plan.category
      ),
      consents AS (
        SELECT dec.id, c->>'category' AS category, (c->>'amount')::numeric AS amount, c->>'note' AS note
          FROM dec, jsonb_array_elements(coalesce(dec.line_consents, '[]'::jsonb)) AS t(c)
      ),
      rows AS (
        SELECT dec.year, dec.reference, dec.provider_name, 1 AS section_ord, lines.ord, 'Ausgaben' AS section,
               coalesce(cc.name, lines.category) AS position, lines.planned, lines.actual, dec.tolerance,
               CASE WHEN lines.actual IS NULL THEN NULL ELSE lines.actual > coalesce(lines.planned, 0) * (1 + dec.tolerance / 100) END AS over_tolerance,
               CASE WHEN dec.line_consents IS NULL THEN NULL ELSE cs.category IS NOT NULL END AS consent,
               CASE WHEN cs.category IS NOT NULL THEN (dec.consents_at AT TIME ZONE ${tz}::text)::date END AS consent_on,
               cs.amount AS consent_amount, cs.note AS consent_note,
               (SELECT (x->>'recognised')::numeric FROM jsonb_array_elements(dec.result->'lines') x WHERE x->>'category' = lines.category LIMIT 1) AS recognised
          FROM lines
          JOIN dec ON dec.id = lines.id
          LEFT JOIN cost_category cc ON cc.code = lines.category
          LEFT JOIN consents cs ON cs.id = lines.id AND cs.category = lines.category
        UNION ALL
        SELECT dec.year, dec.reference, dec.provider_name, 2, f.ord, 'Finanzierung', f.position, f.planned, f.actual, NULL, NULL, NULL, NULL, NULL, NULL, NULL
          FROM dec
          CROSS JOIN LATERAL (VALUES
            (1, 'Eigenmittel', coalesce(dec.own_plan, 0), (dec.figures->>'ownFunds')::numeric),
            (2, 'Drittmittel', coalesce(dec.third_plan, 0), (dec.figures->>'thirdPartyFunds')::numeric),
            (3, 'Zuwendung Land', dec.state_share, coalesce(dec.state_actual, 0)),
            (4, 'Kreisanteil', dec.district_share, coalesce(dec.district_actual, 0))
          ) AS f(ord, position, planned, actual)
      )
      SELECT reference, provider_name, section, position, planned, actual, actual - planned AS deviation,
             CASE WHEN planned > 0 AND actual IS NOT NULL THEN round((actual - planned) * 100 / planned, 4) END AS deviation_percent,
             tolerance, over_tolerance, consent, consent_on, consent_amount, consent_note, recognised
        FROM rows
       ORDER BY year, reference, section_ord, ord, position`;
    return { sql, params: p.values };
  },
};
