import { type ExportDefinition, SqlParams, whereClause } from './common';

/**
 * Audit-Protokoll for a period: every event of the hash chain in order, with before/after as JSON
 * text and both hashes, so an auditor can recompute the chain from the file. Not for Träger.
 */
export const AUDIT_LOG: ExportDefinition = {
  type: 'AUDIT_LOG',
  columns: [
    { header: 'Nr.', key: 'id', type: 'integer' },
    { header: 'Datum', key: 'occurred_on', type: 'date' },
    { header: 'Zeitpunkt', key: 'occurred_at', type: 'text', width: 20 },
    { header: 'Zeitpunkt (UTC, ISO 8601)', key: 'occurred_at_utc', type: 'text', width: 26 },
    { header: 'Benutzer', key: 'actor_email', type: 'text' },
    { header: 'Benutzer-ID', key: 'actor_id', type: 'text' },
    { header: 'Aktion', key: 'action', type: 'text' },
    { header: 'Objektart', key: 'entity', type: 'text' },
    { header: 'Objekt-ID', key: 'entity_id', type: 'text' },
    { header: 'vorher', key: 'before', type: 'text', width: 60 },
    { header: 'nachher', key: 'after', type: 'text', width: 60 },
    { header: 'Request-ID', key: 'request_id', type: 'text' },
    { header: 'Hash des Vorgängers', key: 'prev_hash', type: 'text', width: 20 },
    { header: 'Hash', key: 'hash', type: 'text', width: 20 },
  ],

  query(ctx) {
    const p = new SqlParams();
    const tz = p.add(ctx.timeZone);
    const local = `(e.occurred_at AT TIME ZONE ${tz}::text)`;
    const where: string[] = [];
    if (ctx.filters.from) where.push(`${local} >= ${p.add(ctx.filters.from)}::date`);
    if (ctx.filters.to) where.push(`${local} < ${p.add(ctx.filters.to)}::date + 1`);
    // A Kreis's export: its Kreis's events only (audit_event has no row-level security; issue 20).
    if (ctx.districtId) where.push(`e.district_id = ${p.add(ctx.districtId)}::uuid`);
    const sql = `
      SELECT e.id, ${local}::date AS occurred_on, to_char(${local}, 'DD.MM.YYYY HH24:MI:SS') AS occurred_at,
             to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at_utc,
             e.actor_email, e.actor_id::text AS actor_id, e.action, e.entity, e.entity_id,
             e.before::text AS before, e.after::text AS after, e.request_id, e.prev_hash, e.hash
        FROM audit_event e
        ${whereClause(where)}
       ORDER BY e.id`;
    return { sql, params: p.values };
  },
};
