import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { ReceiptImport } from './receipt-import.entity';
import { importNotFound } from './import/import.errors';

/** The filters of a proof's import list. */
export interface ReceiptImportFilter {
  proofId?: string;
}

/** Serialises everything done to one import (upload commit, processing, failure marking). */
const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('receipt_import'), hashtext($1))`;
const TRY_LOCK_SQL = `SELECT pg_try_advisory_xact_lock(hashtext('receipt_import'), hashtext($1)) AS locked`;

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
    visibility: { providerColumn: 'p.provider_id', providerCondition: decisionIssuedCondition('d') },
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

  /** Imports that have not ended (for the worker's check at start that each still has a job). */
  async open(em: EntityManager): Promise<{ id: string; jobId: string | null; status: string }[]> {
    return (await em.query(
      `SELECT id, job_id AS "jobId", status FROM receipt_import WHERE status IN ('QUEUED', 'RUNNING') AND created_at > now() - interval '7 days' ORDER BY created_at`,
    )) as { id: string; jobId: string | null; status: string }[];
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
