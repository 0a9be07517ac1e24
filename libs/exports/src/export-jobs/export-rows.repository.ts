import type { ClientBase } from 'pg';
import { type EntityManager, In } from 'typeorm';
import { Repayment } from '@foerderfluss/payments';
import { Recovery, receiptReviewVisibleCondition } from '@foerderfluss/proof-of-use';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { tryAdvisorySessionLockSql } from '@foerderfluss/database';
import { pgCursorBatches } from '../pg-row-source.repository';
import { EXPORT_LOCK_SPACE } from './export-job.repository';
import type { ExportDefinition, ExportRow, ExportRunContext, SqlParams } from './definitions/common';

/**
 * The export rows as their requester may see them, and every raw read of an export run. Export
 * definitions stream SQL through a cursor instead of reading through a ScopedRepository, so the
 * visibility they need comes from here, once, and no definition writes its own Träger filter:
 *
 * - `traegerRestriction`: a Träger's export holds only rows of its own organisation (stored with the
 *   job by ExportJobRepository.restrictionOf from the base's rule), and only of issued decisions.
 * - `reviewHidden`: the outcome of the Belegprüfung only after the Festsetzung.
 * - `showsWorkingFigures`: the Landratsamt's computed figures (§ 49a (4)) only for Kreis readers.
 */

/** WHERE parts restricting rows to the job's Träger: its provider column and, where a decision is joined, issued decisions only. */
export function traegerRestriction(p: SqlParams, ctx: ExportRunContext, a: { provider: string; decisionRow?: string }): string[] {
  if (ctx.organisationId === null) return [];
  return [`${a.provider} = ${p.add(ctx.organisationId)}::uuid`, ...(a.decisionRow ? [decisionIssuedCondition(a.decisionRow)] : [])];
}

/**
 * WHERE parts for tables with `budget_year_id`, `provider_id` and a decision id column: the filters,
 * and the Träger restriction below (whatever the filters say, a PROVIDER's
 * export holds only its own rows, of issued decisions; `decisionRow` is the alias of the joined decision).
 */
export function decisionScope(p: SqlParams, ctx: ExportRunContext, a: { year: string; provider: string; decision: string; decisionRow?: string }): string[] {
  const where: string[] = [];
  const f = ctx.filters;
  if (f.budgetYearId) where.push(`${a.year} = ${p.add(f.budgetYearId)}::uuid`);
  if (f.providerId) where.push(`${a.provider} = ${p.add(f.providerId)}::uuid`);
  if (f.decisionId) where.push(`${a.decision} = ${p.add(f.decisionId)}::uuid`);
  return [...where, ...traegerRestriction(p, ctx, a)];
}

/** SQL boolean: the review outcome of the proof under `proofAlias` is hidden from this export's reader. */
export function reviewHidden(p: SqlParams, ctx: ExportRunContext, proofAlias: string): string {
  return `(${p.add(ctx.organisationId !== null)} AND NOT (${receiptReviewVisibleCondition(proofAlias)}))`;
}

/** Whether the export shows the Landratsamt's working figures (not to a Träger). */
export function showsWorkingFigures(ctx: ExportRunContext): boolean {
  return ctx.organisationId === null;
}

/** Rows of the definition's query, in the snapshot of `client`. */
export async function countExportRows(client: ClientBase, definition: ExportDefinition, ctx: ExportRunContext): Promise<number> {
  const q = definition.query(ctx);
  const res = await client.query<{ n: string }>(`SELECT count(*) AS n FROM (${q.sql}) AS export_rows`, [...q.params]);
  return Number(res.rows[0]!.n);
}

/** The definition's rows as cursor batches on `client` (one batch in memory; see pg-row-source.repository.ts). */
export function exportRowBatches(client: ClientBase, definition: ExportDefinition, ctx: ExportRunContext, batchSize?: number): AsyncGenerator<ExportRow[], void, undefined> {
  const q = definition.query(ctx);
  return pgCursorBatches<ExportRow>(client, q.sql, q.params, { batchSize });
}

/**
 * The reads of one export run on its dedicated connection, in one REPEATABLE READ snapshot, so the
 * count, the rows and the Info sheet agree.
 */
export class ExportSnapshot {
  constructor(readonly client: ClientBase) {}

  /**
   * Takes the export's lock for this connection (held until it ends, also when the worker dies):
   * false while another run generates the export. Two runs of one export (a job queued again while
   * the first still ran) would otherwise both write its file.
   */
  async lockExport(exportId: string): Promise<boolean> {
    const res = await this.client.query<{ locked: boolean }>(tryAdvisorySessionLockSql(EXPORT_LOCK_SPACE), [exportId]);
    return res.rows[0]!.locked;
  }

  /** `districtId`: a Kreis user's export reads under that Kreis's row-level security (SET LOCAL, issue 20). */
  async begin(districtId: string | null = null): Promise<void> {
    await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (districtId) await this.client.query(`SELECT set_config('ff.district_id', $1, true), set_config('ff.tier', 'DISTRICT', true)`, [districtId]);
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }

  count(definition: ExportDefinition, ctx: ExportRunContext): Promise<number> {
    return countExportRows(this.client, definition, ctx);
  }

  async user(userId: string): Promise<{ display_name: string; email: string; roles: string[]; org: string | null } | null> {
    const res = await this.client.query<{ display_name: string; email: string; roles: string[]; org: string | null }>(
      `SELECT u.display_name, u.email, u.roles, o.name AS org FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
      [userId],
    );
    return res.rows[0] ?? null;
  }

  /** All rows of a definition at once (the Jahresbericht's project list: a few hundred at most). */
  async allRows(definition: ExportDefinition, ctx: ExportRunContext): Promise<ExportRow[]> {
    const q = definition.query(ctx);
    return (await this.client.query<ExportRow>(q.sql, [...q.params])).rows;
  }

  /** The budget years with this number and the title of their Richtlinie (one per programme). */
  async budgetYearsOf(year: number, districtId: string | null): Promise<{ id: string; title: string }[]> {
    // A Kreis's report covers its own years only (issue 20); without a Kreis (the Land) every Kreis's.
    // Said here although begin() sets the Kreis for row-level security: RLS is the second line
    // (ARCHITECTURE.md), and an install that runs on one role (DATABASE_URL only, docs/operations.md)
    // owns the tables, so no policy applies to it and this filter is the only one.
    const res = await this.client.query<{ id: string; title: string }>(
      'SELECT y.id, p.title FROM budget_year y JOIN programme p ON p.id = y.programme_id WHERE y.year = $1 AND ($2::uuid IS NULL OR y.district_id = $2) ORDER BY p.title, y.id',
      [year, districtId],
    );
    return res.rows;
  }

  /** What the Info sheet names a filter's record by (the id when it is gone). */
  async label(kind: 'budgetYear' | 'organisation' | 'decision' | 'proof', id: string): Promise<string> {
    const sql = {
      budgetYear: 'SELECT year::text AS v FROM budget_year WHERE id = $1',
      organisation: 'SELECT name AS v FROM organisation WHERE id = $1',
      decision: 'SELECT reference AS v FROM decision WHERE id = $1',
      proof: 'SELECT reference AS v FROM proof_of_use WHERE id = $1',
    }[kind];
    return (await this.client.query<{ v: string }>(sql, [id])).rows[0]?.v ?? id;
  }
}

/** The recoveries of a batch (by id) and their repayments in order, for the § 49a (3) interest. */
export async function recoveriesWithRepayments(em: EntityManager, ids: string[]): Promise<{ recoveries: Map<string, Recovery>; repayments: Repayment[] }> {
  const recoveries = new Map((await em.getRepository(Recovery).findBy({ id: In(ids) })).map((r) => [r.id, r]));
  const repayments = await em.getRepository(Repayment).find({ where: { recoveryId: In(ids) }, order: { receivedOn: 'ASC', createdAt: 'ASC' } });
  return { recoveries, repayments };
}
