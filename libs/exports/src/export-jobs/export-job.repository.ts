import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { hasRole, Role, type Scope, systemScope } from '@foerderfluss/core';
import { advisoryLockHeldSql, ScopedRepository, timestampSortKey, type RepositoryDefinition } from '@foerderfluss/database';
import { conditionalStep } from '../lifecycle-steps';
import { ExportJob } from './export-job.entity';
import { EXPORT_JOB_LIFECYCLE, type ExportJobAction } from './export-job-state';
import { exportNotFound } from './export-jobs.errors';
import type { ExportStatus, ExportType } from './export-types';

/** The filters of the export list; each is declared once below. */
export interface ExportJobFilter {
  status?: ExportStatus;
  type?: ExportType;
}

/** The advisory lock space of a running export (ExportSnapshot holds it on its connection while it generates). */
export const EXPORT_LOCK_SPACE = 'export_job';

/** An export still waiting for its job, as the reconciler sees it. */
export interface OpenExportRecord {
  id: string;
  status: ExportStatus;
  jobId: string | null;
  /** A worker generates it right now (holds its lock), whatever the queue says. */
  busy: boolean;
}

/** `UPDATE … RETURNING` through the query runner answers [rows, affected]. */
type Returning<R> = [R[], number];

/**
 * Export jobs as the caller may see them: a Träger only its own organisation's (the base), and
 * every user only the exports they requested; ADMIN all. The worker's steps are conditional UPDATEs
 * whose source and target statuses come from the lifecycle table (export-job-state.ts), so a row
 * never takes a step the table lacks, and two workers racing on a row cannot both take it.
 */
@Injectable()
export class ExportJobRepository extends ScopedRepository<ExportJob, ExportJobFilter> {
  protected readonly definition: RepositoryDefinition<ExportJob, ExportJobFilter> = {
    entity: ExportJob,
    alias: 'e',
    visibility: { providerColumn: 'e.organisation_id', districtColumn: 'e.district_id', landWrites: true },
    sort: {
      createdAt: timestampSortKey('e.created_at', (e) => e.createdAt),
      type: { sql: 'e.type', value: (e) => e.type },
      status: { sql: 'e.status', value: (e) => e.status },
    },
    defaultSort: ['-createdAt'],
    filters: {
      status: (qb, v) => qb.andWhere('e.status = :status', { status: v }),
      type: (qb, v) => qb.andWhere('e.type = :type', { type: v }),
    },
    notFound: exportNotFound,
  };

  /** Besides the base's rules: an export is its requester's (ADMIN sees all). */
  override scoped(scope: Scope, em?: EntityManager): SelectQueryBuilder<ExportJob> {
    const qb = super.scoped(scope, em);
    if (!hasRole(scope, Role.ADMIN)) qb.andWhere('e.created_by = :exportRequester', { exportRequester: scope.userId ?? '00000000-0000-0000-0000-000000000000' });
    return qb;
  }

  /**
   * The Träger whose rows alone an export by this caller may hold (null: not restricted), as the
   * base's visibility decides it for every record type; stored with the job, applied by the worker.
   */
  restrictionOf(scope: Scope): string | null {
    const own = super.scoped(scope).getParameters().scopeOwnOrganisation;
    return typeof own === 'string' ? own : null;
  }

  async insert(em: EntityManager, job: ExportJob): Promise<void> {
    await em.insert(ExportJob, job);
  }

  async setQueueJobId(em: EntityManager, id: string, jobId: string): Promise<void> {
    await em.update(ExportJob, { id }, { jobId });
  }

  // ───────────────────────────── the worker (system scope, any row) ─────────────────────────────

  async findForWorker(id: string): Promise<ExportJob | null> {
    return this.tx.manager.getRepository(ExportJob).findOneBy({ id });
  }

  /** claim: QUEUED (or RUNNING after a crash) → RUNNING, a new attempt; null when the table allows no claim. */
  async claim(id: string, now: Date): Promise<ExportJob | null> {
    const step = this.step('claim');
    const [rows] = (await this.tx.manager.query(
      `UPDATE export_job SET status = $3, attempts = attempts + 1, started_at = $2, error = NULL, progress = 0, rows_written = 0
        WHERE id = $1 AND status = ANY($4) RETURNING id`,
      [id, now, step.to, step.from],
    )) as Returning<{ id: string }>;
    if (rows.length === 0) return null;
    return this.tx.manager.getRepository(ExportJob).findOneByOrFail({ id });
  }

  /** requeue: the attempt failed, the queue retries it (RUNNING → QUEUED) with the message so far. */
  async requeue(id: string, message: string): Promise<void> {
    const step = this.step('requeue');
    await this.tx.manager.query(`UPDATE export_job SET status = $3, error = $2 WHERE id = $1 AND status = ANY($4)`, [id, message, step.to, step.from]);
  }

  /** fail: after the last attempt; false when the export had completed meanwhile. */
  async fail(em: EntityManager, id: string, message: string, now: Date): Promise<boolean> {
    const step = this.step('fail');
    const [, affected] = (await em.query(`UPDATE export_job SET status = $4, error = $2, finished_at = $3 WHERE id = $1 AND status = ANY($5) RETURNING id`, [
      id,
      message.slice(0, 2000),
      now,
      step.to,
      step.from,
    ])) as Returning<unknown>;
    return affected > 0;
  }

  /** complete: RUNNING → COMPLETED with the file; false when a duplicate run finished first. */
  async complete(em: EntityManager, id: string, file: { rows: number; key: string; size: number; sha256: string; finishedAt: Date }): Promise<boolean> {
    const step = this.step('complete');
    const [, affected] = (await em.query(
      `UPDATE export_job SET status = $7, progress = 100, rows_written = $2, rows_total = $2, file_key = $3, file_size = $4, sha256 = $5, finished_at = $6, error = NULL
        WHERE id = $1 AND status = ANY($8) RETURNING id`,
      [id, file.rows, file.key, file.size, file.sha256, file.finishedAt, step.to, step.from],
    )) as Returning<unknown>;
    return affected > 0;
  }

  async setRowsTotal(id: string, total: number): Promise<void> {
    await this.tx.manager.query('UPDATE export_job SET rows_total = $2 WHERE id = $1', [id, total]);
  }

  /** Progress of a running export (no status change). */
  async progress(id: string, written: number, percent: number): Promise<void> {
    await this.tx.manager.query(`UPDATE export_job SET rows_written = $2, progress = $3 WHERE id = $1 AND status = 'RUNNING'`, [id, written, percent]);
  }

  /**
   * Exports not ended (QUEUED or RUNNING, from the lifecycle: the states a claim starts from), oldest
   * first; `id`: that one only. For the reconciler and the admin retry.
   */
  async openRecords(filter: { id?: string }, limit: number): Promise<OpenExportRecord[]> {
    const rows = (await this.tx.manager.query(
      `SELECT e.id, e.status, e.job_id, ${advisoryLockHeldSql(EXPORT_LOCK_SPACE, 'e.id::text')} AS busy
         FROM export_job e
        WHERE e.status = ANY($1) AND ($2::uuid IS NULL OR e.id = $2)
        ORDER BY e.created_at LIMIT $3`,
      [this.step('claim').from, filter.id ?? null, limit],
    )) as { id: string; status: ExportStatus; job_id: string | null; busy: boolean }[];
    return rows.map((r) => ({ id: r.id, status: r.status, jobId: r.job_id, busy: r.busy }));
  }

  // ───────────────────────────── retention ─────────────────────────────

  async expiredFiles(now: Date): Promise<{ id: string; file_key: string }[]> {
    return (await this.tx.manager.query(
      `SELECT id, file_key FROM export_job WHERE file_key IS NOT NULL AND file_deleted_at IS NULL AND expires_at <= $1 ORDER BY expires_at`,
      [now],
    )) as { id: string; file_key: string }[];
  }

  async markFileDeleted(id: string, now: Date): Promise<void> {
    await this.tx.manager.query('UPDATE export_job SET file_deleted_at = $2 WHERE id = $1 AND file_deleted_at IS NULL', [id, now]);
  }

  /** Of these storage keys, those an export still names. */
  async liveFileKeys(keys: string[]): Promise<Set<string>> {
    const rows = (await this.tx.manager.query(`SELECT file_key FROM export_job WHERE file_key = ANY($1) AND file_deleted_at IS NULL`, [keys])) as { file_key: string }[];
    return new Set(rows.map((r) => r.file_key));
  }

  // ───────────────────────────── references of a request ─────────────────────────────

  /** The number of a budget year (for the file name), or null when there is none. */
  async budgetYearNumber(em: EntityManager, budgetYearId: string): Promise<number | null> {
    const [row] = (await em.query('SELECT year FROM budget_year WHERE id = $1', [budgetYearId])) as { year: number }[];
    return row?.year ?? null;
  }

  /** Whether any Richtlinie has a budget year with this number (the Jahresbericht needs one). */
  async hasBudgetYear(em: EntityManager, year: number): Promise<boolean> {
    const rows = (await em.query('SELECT 1 FROM budget_year WHERE year = $1 LIMIT 1', [year])) as unknown[];
    return rows.length > 0;
  }

  private step(action: ExportJobAction): { from: ExportStatus[]; to: ExportStatus } {
    return conditionalStep(EXPORT_JOB_LIFECYCLE, action, systemScope());
  }
}
