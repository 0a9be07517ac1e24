import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { advisoryLockHeldSql, RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { ImportStatus, ReceiptImport } from './receipt-import.entity';
import { importNotFound } from './import/import.errors';

/** The filters of a proof's import list. */
export interface ReceiptImportFilter {
  proofId?: string;
}

/** Serialises everything done to one import (upload commit, processing, failure marking). */
const LOCK_SPACE = 'receipt_import';
const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('${LOCK_SPACE}'), hashtext($1))`;
const TRY_LOCK_SQL = `SELECT pg_try_advisory_xact_lock(hashtext('${LOCK_SPACE}'), hashtext($1)) AS locked`;

/** An import still waiting for its job, as the reconciler sees it. */
export interface OpenImportRecord {
  id: string;
  status: ImportStatus;
  jobId: string | null;
  /** Its upload is being committed or a worker processes it right now (holds its lock). */
  busy: boolean;
}

/**
 * Belegliste imports as the caller may see them (through their proof: a Träger its own, of an
 * issued decision), and the writes of the upload and the worker. The worker's progress writes go
 * through `em` of the pool (outside its transaction) so the api sees them at once.
 */
@Injectable()
export class ReceiptImportRepository extends ScopedRepository<ReceiptImport, ReceiptImportFilter> {
  protected readonly definition: RepositoryDefinition<ReceiptImport, ReceiptImportFilter> = {
    entity: ReceiptImport,
    alias: 'i',
    joins: (qb) => qb.innerJoin('i.proof', 'p').innerJoin('p.decision', 'd'),
    visibility: { providerColumn: 'p.provider_id', providerCondition: decisionIssuedCondition('d'), districtColumn: 'i.district_id' },
    sort: {
      createdAt: timestampSortKey('i.created_at', (i) => i.createdAt),
      status: { sql: 'i.status', value: (i) => i.status },
    },
    defaultSort: ['-createdAt'],
    filters: {
      proofId: (qb, v) => qb.andWhere('i.proof_id = :proofId', { proofId: v }),
    },
    notFound: importNotFound,
  };

  /** Waits for the import's advisory lock (held to the end of the transaction). */
  async lock(em: EntityManager, importId: string): Promise<void> {
    await em.query(LOCK_SQL, [importId]);
  }

  /** Takes the import's advisory lock if it is free; false while someone else works on it. */
  async tryLock(em: EntityManager, importId: string): Promise<boolean> {
    const [row] = (await em.query(TRY_LOCK_SQL, [importId])) as { locked: boolean }[];
    return row!.locked;
  }

  async hasOpen(em: EntityManager, proofId: string): Promise<boolean> {
    const rows = (await em.query(`SELECT 1 FROM receipt_import WHERE proof_id = $1 AND status IN ('QUEUED', 'RUNNING') LIMIT 1`, [proofId])) as unknown[];
    return rows.length > 0;
  }

  byId(em: EntityManager, importId: string): Promise<ReceiptImport | null> {
    return em.getRepository(ReceiptImport).findOneBy({ id: importId });
  }

  async insert(em: EntityManager, row: Partial<ReceiptImport>): Promise<void> {
    await em.insert(ReceiptImport, row);
  }

  async setJobId(em: EntityManager, importId: string, jobId: string): Promise<void> {
    await em.update(ReceiptImport, { id: importId }, { jobId });
  }

  /** QUEUED/RUNNING → RUNNING from the start (a taken-over import starts again). */
  async markRunning(em: EntityManager, importId: string): Promise<void> {
    await em.query(
      `UPDATE receipt_import SET status = 'RUNNING', progress = 0, rows_read = 0, rows_imported = 0, errors = '[]' WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [importId],
    );
  }

  async progress(em: EntityManager, importId: string, percent: number, rowsRead: number): Promise<void> {
    await em.query(`UPDATE receipt_import SET progress = $2, rows_read = $3 WHERE id = $1 AND status = 'RUNNING'`, [importId, percent, rowsRead]);
  }

  async markCompleted(em: EntityManager, importId: string, rowsRead: number, rowsImported: number): Promise<void> {
    await em.query(
      `UPDATE receipt_import SET status = 'COMPLETED', progress = 100, rows_read = $2, rows_imported = $3, errors = '[]', finished_at = now() WHERE id = $1`,
      [importId, rowsRead, rowsImported],
    );
  }

  /** FAILED with the errors, unless it has ended already; false when nothing changed. */
  async markFailed(em: EntityManager, importId: string, rowsRead: number, errors: unknown[]): Promise<boolean> {
    const result = (await em.query(
      `UPDATE receipt_import SET status = 'FAILED', progress = 100, rows_read = $2, rows_imported = 0, errors = $3::jsonb, finished_at = now()
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [importId, rowsRead, JSON.stringify(errors)],
    )) as [unknown, number];
    return result[1] > 0;
  }

  /** Given up (technical failure): FAILED with the German message for the Träger. */
  async giveUp(em: EntityManager, importId: string, errors: ReceiptImport['errors']): Promise<void> {
    await em.update(ReceiptImport, { id: importId }, { status: 'FAILED', errors, finishedAt: new Date() });
  }

  /**
   * Imports that have not ended (QUEUED, RUNNING), oldest first; `olderThanSeconds`: uploaded that long ago; `id`:
   * that one only. For the reconciler (each must have a job that will run it) and the admin retry.
   */
  async openRecords(em: EntityManager, filter: { olderThanSeconds?: number; id?: string }, limit: number): Promise<OpenImportRecord[]> {
    const rows = (await em.query(
      `SELECT i.id, i.status, i.job_id, ${advisoryLockHeldSql(LOCK_SPACE, 'i.id::text')} AS busy
         FROM receipt_import i
        WHERE i.status IN ('QUEUED', 'RUNNING') AND ($1::float8 IS NULL OR i.created_at < now() - make_interval(secs => $1)) AND ($2::uuid IS NULL OR i.id = $2)
        ORDER BY i.created_at LIMIT $3`,
      [filter.olderThanSeconds ?? null, filter.id ?? null, limit],
    )) as { id: string; status: ImportStatus; job_id: string | null; busy: boolean }[];
    return rows.map((r) => ({ id: r.id, status: r.status, jobId: r.job_id, busy: r.busy }));
  }

  /** How many imports the user has waiting or running (the per-user pending limit). */
  async countOpenBy(em: EntityManager, userId: string): Promise<number> {
    const [row] = (await em.query(`SELECT count(*)::int AS n FROM receipt_import WHERE created_by = $1 AND status IN ('QUEUED', 'RUNNING')`, [userId])) as { n: number }[];
    return row!.n;
  }

  // ───────────────────────────── retention of the uploaded files ─────────────────────────────

  /** FAILED imports that ended before `cutoff` and still have their file. */
  async failedWithFile(em: EntityManager, cutoff: Date, limit: number): Promise<{ id: string; fileKey: string }[]> {
    const rows = (await em.query(
      `SELECT id, file_key FROM receipt_import WHERE status = 'FAILED' AND file_deleted_at IS NULL AND finished_at < $1 ORDER BY finished_at LIMIT $2`,
      [cutoff, limit],
    )) as { id: string; file_key: string }[];
    return rows.map((r) => ({ id: r.id, fileKey: r.file_key }));
  }

  async markFileDeleted(em: EntityManager, importId: string): Promise<void> {
    await em.query(`UPDATE receipt_import SET file_deleted_at = now() WHERE id = $1 AND file_deleted_at IS NULL`, [importId]);
  }

  /** Of these storage keys, those an import still names (with its file). */
  async liveFileKeys(em: EntityManager, keys: string[]): Promise<Set<string>> {
    const rows = (await em.query(`SELECT file_key FROM receipt_import WHERE file_key = ANY($1) AND file_deleted_at IS NULL`, [keys])) as { file_key: string }[];
    return new Set(rows.map((r) => r.file_key));
  }

  // The receipts a running import replaces or appends to (inside the import's transaction).

  async deleteReceipts(em: EntityManager, proofId: string): Promise<number> {
    const [, count] = (await em.query('DELETE FROM receipt WHERE proof_id = $1', [proofId])) as [unknown, number];
    return count;
  }

  async receiptPositions(em: EntityManager, proofId: string): Promise<number[]> {
    return ((await em.query('SELECT position FROM receipt WHERE proof_id = $1', [proofId])) as { position: number }[]).map((r) => r.position);
  }
}
