import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, Scope } from '@foerderfluss/core';
import { AuditVerification } from './audit-verification.entity';
import { AuditService } from './audit.service';
import { AuditVerificationRepository } from './audit-verification.repository';

export interface VerificationRequest {
  /** Set for runs requested over the api; scheduled runs are keyed by their job id alone. */
  verificationId?: string;
  jobId: string;
  trigger: 'SCHEDULED' | 'MANUAL';
}

export interface VerificationFreshness {
  finishedAt: Date | null;
  /** Seconds since it finished; Infinity before the first. */
  ageSeconds: number;
  /** Finished and found the chain intact. */
  valid: boolean;
}

@Injectable()
export class AuditVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly runs: AuditVerificationRepository,
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
      await this.runs.insertManual(em, verificationId, scope.userId);
      const jobId = await enqueue(verificationId);
      await this.runs.setJob(em, verificationId, jobId);
      await this.audit.record(em, scope, {
        action: 'audit.verification.request',
        entity: 'AuditVerification',
        entityId: verificationId,
        after: { jobId, trigger: 'MANUAL' },
      });
      return this.runs.byIdUnscoped(em, verificationId);
    });
  }

  /**
   * Runs one verification for a job. A retried or duplicated job finds its row completed and
   * does nothing, so each job stores exactly one result.
   */
  async runForJob(req: VerificationRequest): Promise<AuditVerification> {
    const em = this.dataSource.manager;
    const row = await this.runs.ensureForJob(em, req);
    if (row.status === 'COMPLETED') return row;
    const result = await this.audit.verify();
    row.status = 'COMPLETED';
    row.valid = result.valid;
    row.checked = result.checked;
    row.firstBrokenId = result.firstBrokenId;
    row.finishedAt = new Date();
    row.error = null;
    return em.save(AuditVerification, row);
  }

  async markFailed(req: VerificationRequest, error: string): Promise<void> {
    await this.runs.markFailed(this.dataSource.manager, req, error.slice(0, 2000));
  }

  /** The newest finished run whatever its trigger (metrics: its age and result); null before the first. */
  async lastFinished(): Promise<AuditVerification | null> {
    return this.runs.lastFinished(this.dataSource.manager);
  }

  /**
   * Age and result of the newest finished verification, for /metrics and /health: never verified
   * is infinitely old and not valid, so an age alert fires on a new system too.
   */
  async freshness(now: number = Date.now()): Promise<VerificationFreshness> {
    const run = await this.lastFinished();
    if (!run?.finishedAt) return { finishedAt: null, ageSeconds: Infinity, valid: false };
    return { finishedAt: run.finishedAt, ageSeconds: Math.max(0, (now - run.finishedAt.getTime()) / 1000), valid: run.status === 'COMPLETED' && run.valid === true };
  }

  /** Null when missing or not visible (staff only). */
  async get(scope: Scope, id: string): Promise<AuditVerification | null> {
    return this.runs.find(scope, id);
  }

  async list(scope: Scope, limit?: number, cursor?: string): Promise<Page<AuditVerification>> {
    return this.runs.list(scope, { limit, cursor });
  }
}
