import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { AuditVerification } from './audit-verification.entity';

/** Runs of the chain check: administrators and the Prüfung only. */
@Injectable()
export class AuditVerificationRepository extends ScopedRepository<AuditVerification, Record<never, never>> {
  protected readonly definition: RepositoryDefinition<AuditVerification, Record<never, never>> = {
    entity: AuditVerification,
    alias: 'v',
    visibility: { providerColumn: null, staffOnly: true },
    sort: {
      requestedAt: timestampSortKey('v.requested_at', (v) => v.requestedAt),
    },
    defaultSort: ['-requestedAt'],
    filters: {},
    notFound: () => new DomainError('NOT_FOUND', 404, 'Die Prüfung wurde nicht gefunden.'),
  };

  async insertManual(em: EntityManager, id: string, requestedBy: string | null): Promise<void> {
    await em.query(
      `INSERT INTO audit_verification (id, trigger, status, requested_by, requested_at)
       VALUES ($1, 'MANUAL', 'PENDING', $2, now())`,
      [id, requestedBy],
    );
  }

  /** The newest finished run (COMPLETED or FAILED), for the metrics scrape; no caller scope. */
  async lastFinished(em: EntityManager): Promise<AuditVerification | null> {
    return em.getRepository(AuditVerification).findOne({ where: { status: In(['COMPLETED', 'FAILED']) }, order: { finishedAt: 'DESC' } });
  }

  async setJob(em: EntityManager, id: string, jobId: string): Promise<void> {
    await em.query('UPDATE audit_verification SET job_id = $2 WHERE id = $1', [id, jobId]);
  }

  /** The row of a job, created PENDING unless it exists (a retried or duplicated job finds it). */
  async ensureForJob(em: EntityManager, req: { verificationId?: string; jobId: string; trigger: string }): Promise<AuditVerification> {
    if (req.verificationId) {
      await em.query(
        `INSERT INTO audit_verification (id, job_id, trigger, status, requested_at)
         VALUES ($1, $2, $3, 'PENDING', now()) ON CONFLICT DO NOTHING`,
        [req.verificationId, req.jobId, req.trigger],
      );
    } else {
      await em.query(
        `INSERT INTO audit_verification (job_id, trigger, status, requested_at)
         VALUES ($1, $2, 'PENDING', now()) ON CONFLICT DO NOTHING`,
        [req.jobId, req.trigger],
      );
    }
    return em.getRepository(AuditVerification).findOneByOrFail(req.verificationId ? { id: req.verificationId } : { jobId: req.jobId });
  }

  async byIdUnscoped(em: EntityManager, id: string): Promise<AuditVerification> {
    return em.getRepository(AuditVerification).findOneByOrFail({ id });
  }

  async markFailed(em: EntityManager, req: { verificationId?: string; jobId: string }, error: string): Promise<void> {
    await em.query(
      `UPDATE audit_verification SET status = 'FAILED', error = $2, finished_at = now()
        WHERE (id::text = $1 OR job_id = $3) AND status <> 'COMPLETED'`,
      [req.verificationId ?? '', error, req.jobId],
    );
  }
}
