import { CalendarDate } from '@foerderfluss/core';
import type { LateUseComputation } from '@foerderfluss/payments';
import {
  exportScope,
  type ExportDefinition,
  labelCase,
  localDate,
  PAYMENT_REQUEST_STATUS_LABELS,
  SqlParams,
  whereClause,
} from './common';
import { decisionScope, showsWorkingFigures } from '../export-rows.repository';

/**
 * Zahlungsübersicht: one row per Mittelabruf (submitted or later) with its payout, the cumulated
 * payouts of the decision up to it, and per paid tranche the § 49a (4) figures: when the money
 * was used up, how many days beyond the 2-month horizon, the interest (computed to the Stichtag by
 * libs/rules, FIFO as in the api) and the latest decision of staff on demanding or waiving it.
 * A Träger's export leaves the computed columns empty (the api shows them to Kreis readers only).
 */
export const PAYMENTS: ExportDefinition = {
  type: 'PAYMENTS',
  columns: [
    { header: 'Aktenzeichen', key: 'reference', type: 'text' },
    { header: 'Empfänger', key: 'provider_name', type: 'text' },
    { header: 'Abruf-Nr.', key: 'request_reference', type: 'text' },
    { header: 'Abrufdatum', key: 'requested_on', type: 'date' },
    { header: 'Status', key: 'status', type: 'text' },
    { header: 'angeforderter Betrag', key: 'requested_amount', type: 'money', total: true },
    { header: 'Bedarf bis', key: 'needed_until', type: 'date' },
    { header: 'Auszahlungsdatum', key: 'paid_on', type: 'date' },
    { header: 'Betrag', key: 'paid_amount', type: 'money', total: true },
    { header: 'davon Land', key: 'paid_state', type: 'money', total: true },
    { header: 'davon Kreis', key: 'paid_district', type: 'money', total: true },
    { header: 'kumuliert ausgezahlt', key: 'cumulated', type: 'money' },
    { header: 'Höchstbetrag', key: 'max_amount', type: 'money' },
    { header: 'verbleibend', key: 'remaining', type: 'money' },
    { header: 'verwendet bis', key: 'used_until', type: 'date' },
    { header: 'Tage über Frist', key: 'days_late', type: 'integer' },
    { header: 'Zinsen § 49a (4)', key: 'late_interest', type: 'money', total: true },
    { header: 'Zinsen berechnet bis', key: 'interest_as_of', type: 'date' },
    { header: 'Entscheidung über Zinsen', key: 'interest_decision', type: 'text', width: 40 },
    { header: 'Entscheidung am', key: 'interest_decided_on', type: 'date' },
    { header: 'geforderte Zinsen', key: 'interest_demanded', type: 'money', total: true },
  ],

  query(ctx) {
    const p = new SqlParams();
    const where = [`pr.status NOT IN ('DRAFT', 'WITHDRAWN')`, ...decisionScope(p, ctx, { year: 'pr.budget_year_id', provider: 'pr.provider_id', decision: 'pr.decision_id', decisionRow: 'd' })];
    const requestedOn = localDate(p, ctx, 'pr.submitted_at');
    if (ctx.filters.from) where.push(`${requestedOn} >= ${p.add(ctx.filters.from)}::date`);
    if (ctx.filters.to) where.push(`${requestedOn} <= ${p.add(ctx.filters.to)}::date`);
    const sql = `
      SELECT d.reference, o.name AS provider_name, pr.reference AS request_reference, ${requestedOn} AS requested_on,
             ${labelCase('pr.status', PAYMENT_REQUEST_STATUS_LABELS)} AS status,
             pr.requested_amount,
             coalesce((SELECT max((x->>'dueDate')::date) FROM jsonb_array_elements(pr.due_payments) x), (pr."limit"->>'horizonEnd')::date) AS needed_until,
             ds.paid_on, CASE WHEN ds.status = 'PAID' THEN ds.amount END AS paid_amount,
             CASE WHEN ds.status = 'PAID' THEN ds.state_share END AS paid_state,
             CASE WHEN ds.status = 'PAID' THEN ds.district_share END AS paid_district,
             cum.amount AS cumulated, v.max_amount, v.max_amount - cum.amount AS remaining,
             ds.id AS disbursement_id, CASE WHEN ds.status = 'PAID' THEN d.id END AS paid_decision_id,
             CASE lu.outcome WHEN 'DEMAND' THEN 'gefordert' WHEN 'WAIVE' THEN 'nicht gefordert' END
               || CASE WHEN lu.id IS NULL THEN '' ELSE ' (Stichtag ' || to_char(lu.as_of, 'DD.MM.YYYY') || '): ' || lu.reason END AS interest_decision,
             ${localDate(p, ctx, 'lu.decided_at')} AS interest_decided_on,
             lu.demanded_amount AS interest_demanded
        FROM payment_request pr
        JOIN decision d ON d.id = pr.decision_id
        JOIN decision_version v ON v.decision_id = d.id AND v.version_no = d.current_version_no
        JOIN organisation o ON o.id = pr.provider_id
        JOIN budget_year y ON y.id = pr.budget_year_id
        LEFT JOIN disbursement ds ON ds.payment_request_id = pr.id
        LEFT JOIN LATERAL (
          SELECT sum(x.amount) AS amount FROM disbursement x
           WHERE ds.status = 'PAID' AND x.decision_id = ds.decision_id AND x.status = 'PAID' AND (x.paid_on, x.id) <= (ds.paid_on, ds.id)
        ) cum ON true
        LEFT JOIN LATERAL (
          SELECT * FROM late_use_interest_decision x WHERE x.decision_id = d.id ORDER BY x.decided_at DESC, x.id DESC LIMIT 1
        ) lu ON ds.status = 'PAID'
        ${whereClause(where)}
       ORDER BY y.year, d.reference, pr.sequence`;
    return { sql, params: p.values };
  },

  async enrich(rows, ctx, services) {
    // The computation is the Landratsamt's (the api shows it to Kreis readers only); a Träger's
    // export shows the decision on the interest, not the working figures.
    if (!showsWorkingFigures(ctx)) return;
    // One § 49a (4) computation per decision (all its tranches), cached across the batches of a run.
    const cache = lateUseCache(ctx);
    for (const row of rows) {
      if (typeof row.paid_decision_id !== 'string' || typeof row.disbursement_id !== 'string') continue;
      let computation = cache.get(row.paid_decision_id);
      if (!computation) {
        computation = services.fundUse.compute(exportScope(ctx), row.paid_decision_id, ctx.asOf);
        cache.set(row.paid_decision_id, computation);
      }
      const c = await computation;
      const index = c.tranches.findIndex((t) => t.disbursementId === row.disbursement_id);
      const tranche = index >= 0 ? c.result.tranches[index] : undefined;
      if (!tranche) continue;
      const uses = tranche.allocations.filter((a) => a.kind === 'USE');
      row.used_until = tranche.unused.isZero() && uses.length > 0 ? uses.map((u) => u.date).reduce((a, b) => CalendarDate.max(a, b)).toISOString() : null;
      const late = tranche.allocations.filter((a) => a.late);
      row.days_late = late.length > 0 ? Math.max(...late.map((a) => tranche.horizonEnd.daysUntil(a.date))) : 0;
      row.late_interest = tranche.interest.round();
      row.interest_as_of = (c.computedUntil ?? c.asOf).toISOString();
    }
  },
};

const caches = new WeakMap<object, Map<string, Promise<LateUseComputation>>>();

/** Per run (the context object), so a decision's computation is shared by its rows and batches. */
function lateUseCache(ctx: object): Map<string, Promise<LateUseComputation>> {
  let m = caches.get(ctx);
  if (!m) caches.set(ctx, (m = new Map()));
  return m;
}
