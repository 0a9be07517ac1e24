import { type ExportDefinition, labelCase, localDate, PROOF_KIND_LABELS, SqlParams, whereClause } from './common';
import { decisionScope } from '../export-rows.repository';

/**
 * Prüfvermerk: one row per checked Verwendungsnachweis: the cursory check, the reproducible sample
 * (share, seed, size), the outcome of the Belegprüfung, the final-grant calculation frozen with the
 * completed review (Soll, anerkannt, Z, R, flags) and the conclusion. The Landratsamt's working
 * paper: not for Träger.
 */
export const PROOF_REVIEW: ExportDefinition = {
  type: 'PROOF_REVIEW',
  columns: [
    { header: 'Verwendungsnachweis', key: 'proof_reference', type: 'text' },
    { header: 'Aktenzeichen', key: 'reference', type: 'text' },
    { header: 'Träger', key: 'provider_name', type: 'text' },
    { header: 'Art', key: 'kind', type: 'text' },
    { header: 'Eingang', key: 'submitted_on', type: 'date' },
    { header: 'Prüfstand', key: 'review_status', type: 'text' },
    { header: 'vollständig', key: 'complete', type: 'boolean' },
    { header: 'plausibel', key: 'plausible', type: 'boolean' },
    { header: 'Zweck erreicht', key: 'purpose_achieved', type: 'boolean' },
    { header: 'Anmerkungen kursorische Prüfung', key: 'cursory_notes', type: 'text', width: 40 },
    { header: 'Stichprobe Anteil', key: 'sample_share', type: 'percent' },
    { header: 'Stichprobe Startwert', key: 'sample_seed', type: 'text' },
    { header: 'Belege', key: 'receipts', type: 'integer', total: true },
    { header: 'davon in Stichprobe', key: 'sampled', type: 'integer', total: true },
    { header: 'anerkannt', key: 'recognised_count', type: 'integer', total: true },
    { header: 'gekürzt', key: 'reduced_count', type: 'integer', total: true },
    { header: 'nicht anerkannt', key: 'refused_count', type: 'integer', total: true },
    { header: 'Kürzungen Belegprüfung', key: 'reductions', type: 'money', total: true },
    { header: 'Ausgaben Soll', key: 'planned_costs', type: 'money', total: true },
    { header: 'Ausgaben Ist (gemeldet)', key: 'actual_costs', type: 'money', total: true },
    { header: 'anerkannte Ausgaben', key: 'recognised_costs', type: 'money', total: true },
    { header: 'Zuwendung (berechnet)', key: 'final_grant', type: 'money', total: true },
    { header: 'Rückforderung (berechnet)', key: 'recovery', type: 'money', total: true },
    { header: 'Hinweise', key: 'flags', type: 'text', width: 50 },
    { header: 'Prüfvermerk', key: 'conclusion', type: 'text', width: 50 },
    { header: 'geprüft von', key: 'reviewer', type: 'text' },
    { header: 'abgeschlossen am', key: 'completed_on', type: 'date' },
  ],

  query(ctx) {
    const p = new SqlParams();
    const where = decisionScope(p, ctx, { year: 'pu.budget_year_id', provider: 'pu.provider_id', decision: 'pu.decision_id', decisionRow: 'd' });
    if (ctx.filters.proofId) where.push(`pu.id = ${p.add(ctx.filters.proofId)}::uuid`);
    const done = `pr.status = 'COMPLETED'`;
    const sql = `
      SELECT pu.reference AS proof_reference, d.reference, o.name AS provider_name,
             ${labelCase('pu.kind', PROOF_KIND_LABELS)} || coalesce(' ' || pu.covered_year, '') AS kind,
             ${localDate(p, ctx, 'pu.submitted_at')} AS submitted_on,
             CASE pr.status WHEN 'COMPLETED' THEN 'abgeschlossen' ELSE 'in Prüfung' END AS review_status,
             (pr.cursory->>'complete')::boolean AS complete, (pr.cursory->>'plausible')::boolean AS plausible,
             (pr.cursory->>'purposeAchieved')::boolean AS purpose_achieved, pr.cursory->>'notes' AS cursory_notes,
             pr.sample_share_percent AS sample_share, pr.sample_seed,
             rs.receipts, rs.sampled, rs.recognised_count, rs.reduced_count, rs.refused_count, rs.reductions,
             CASE WHEN ${done} THEN (pr.result->>'plannedCosts')::numeric END AS planned_costs,
             pu.actual_costs,
             CASE WHEN ${done} THEN (pr.result->>'recognisedCosts')::numeric END AS recognised_costs,
             CASE WHEN ${done} THEN (pr.result->>'finalGrant')::numeric END AS final_grant,
             CASE WHEN ${done} THEN (pr.result->>'recovery')::numeric END AS recovery,
             CASE WHEN ${done} THEN (
               SELECT string_agg(DISTINCT f->>'message', '; ')
                 FROM (SELECT jsonb_array_elements(coalesce(pr.result->'flags', '[]'::jsonb)) AS f
                       UNION ALL
                       SELECT jsonb_array_elements(coalesce(l->'flags', '[]'::jsonb)) FROM jsonb_array_elements(coalesce(pr.result->'lines', '[]'::jsonb)) AS l) AS all_flags
             ) END AS flags,
             pr.conclusion, u.display_name AS reviewer,
             ${localDate(p, ctx, 'pr.completed_at')} AS completed_on
        FROM proof_review pr
        JOIN proof_of_use pu ON pu.id = pr.proof_id
        JOIN decision d ON d.id = pu.decision_id
        JOIN organisation o ON o.id = pu.provider_id
        JOIN budget_year y ON y.id = pu.budget_year_id
        LEFT JOIN app_user u ON u.id = pr.reviewer_id
        LEFT JOIN LATERAL (
          SELECT count(*) AS receipts, count(*) FILTER (WHERE r.in_sample) AS sampled,
                 count(*) FILTER (WHERE r.review_status = 'RECOGNISED') AS recognised_count,
                 count(*) FILTER (WHERE r.review_status = 'REDUCED') AS reduced_count,
                 count(*) FILTER (WHERE r.review_status = 'REFUSED') AS refused_count,
                 coalesce(sum(r.eligible_amount - coalesce(r.recognised_amount, 0)) FILTER (WHERE r.review_status IN ('REDUCED', 'REFUSED')), 0) AS reductions
            FROM receipt r WHERE r.proof_id = pu.id
        ) rs ON true
        ${whereClause(where)}
       ORDER BY y.year, pu.reference`;
    return { sql, params: p.values };
  },
};
