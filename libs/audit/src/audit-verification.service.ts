import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { clampLimit, decodeCursor, Page, Scope, toPage } from '@foerderfluss/core';
import { AuditVerification } from './audit-event.entity';
import { AuditService } from './audit.service';

export interface VerificationRequest {
  /** Set for runs requested over the api; scheduled runs are keyed by their job id alone. */
  verificationId?: string;
  jobId: string;
  trigger: 'SCHEDULED' | 'MANUAL';
}

@Injectable()
export class AuditVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records a manual run and hands it to the queue inside the same transaction: if enqueueing
   * fails, nothing is stored; if the worker is faster than the commit, its upsert waits for
   * this row and then finds it.
   */
  async request(
    scope: Scope,
    verificationId: string,
    enqueue: (verificationId: string) => Promise<string>,
  ): Promise<AuditVerification> {
    return this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO audit_verification (id, trigger, status, requested_by, requested_at)
         VALUES ($1, 'MANUAL', 'PENDING', $2, now())`,
        [verificationId, scope.userId],
      );
      const jobId = await enqueue(verificationId);
      await em.query('UPDATE audit_verification SET job_id = $2 WHERE id = $1', [verificationId, jobId]);
      await this.audit.record(em, scope, {
        action: 'audit.verification.request',
        entity: 'AuditVerification',
        entityId: verificationId,
        after: { jobId, trigger: 'MANUAL' },
      });
      return em.getRepository(AuditVerification).findOneByOrFail({ id: verificationId });
    });
  }

  /**
   * Runs one verification for a job. A retried or duplicated job finds its row completed and
   * does nothing, so each job stores exactly one result.
   */
  async runForJob(req: VerificationRequest): Promise<AuditVerification> {
    const repo = this.dataSource.getRepository(AuditVerification);
    if (req.verificationId) {
      await this.dataSource.query(
        `INSERT INTO audit_verification (id, job_id, trigger, status, requested_at)
         VALUES ($1, $2, $3, 'PENDING', now()) ON CONFLICT DO NOTHING`,
        [req.verificationId, req.jobId, req.trigger],
      );
    } else {
      await this.dataSource.query(
        `INSERT INTO audit_verification (job_id, trigger, status, requested_at)
         VALUES ($1, $2, 'PENDING', now()) ON CONFLICT DO NOTHING`,
        [req.jobId, req.trigger],
      );
    }
    const row = await repo.findOneByOrFail(req.verificationId ? { id: req.verificationId } : { jobId: req.jobId });
    if (row.status === 'COMPLETED') return row;
    const result = await this.audit.verify();
    row.status = 'COMPLETED';
    row.valid = result.valid;
    row.checked = result.checked;
    row.firstBrokenId = result.firstBrokenId;
    row.finishedAt = new Date();
    row.error = null;
    return repo.save(row);
  }

  async markFailed(req: VerificationRequest, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE audit_verification SET status = 'FAILED', error = $2, finished_at = now()
        WHERE (id::text = $1 OR job_id = $3) AND status <> 'COMPLETED'`,
      [req.verificationId ?? '', error.slice(0, 2000), req.jobId],
    );
  }

  async get(id: string): Promise<AuditVerification | null> {
    return this.dataSource.getRepository(AuditVerification).findOneBy({ id });
  }

  async list(limit?: number, cursor?: string): Promise<Page<AuditVerification>> {
    const take = clampLimit(limit);
    const qb = this.dataSource.getRepository(AuditVerification).createQueryBuilder('v');
    const c = decodeCursor(cursor, 2);
    if (c) qb.where('(v.requested_at, v.id) < (:at, :id)', { at: new Date(String(c[0])), id: String(c[1]) });
    const rows = await qb.orderBy('v.requested_at', 'DESC').addOrderBy('v.id', 'DESC').take(take + 1).getMany();
    return toPage(rows, take, (r) => [r.requestedAt.toISOString(), r.id]);
  }
}
