import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, AppConfig, DomainError, systemScope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { JOB_RECORD_SOURCES, type JobRecordSource, JOBS, JobsAdminService, jobsUnavailable, type OpenJobRecord, type RequeueOutcome } from '@foerderfluss/jobs';
import { WorkerMetrics } from './worker-metrics';
import { WorkerRunner } from './worker-runner';

export interface ReconcileResult {
  /** Open records older than the grace that were compared with the queue. */
  checked: number;
  /** Of those, the ones whose job was added again or retried (each with its audit event). */
  requeued: number;
}

/**
 * No job lost (issue 18 item 3): every export, import, letter and mail that still waits for a job
 * must have one that will run it. A job can vanish under its record: Redis restarted without AOF,
 * an evicting maxmemory policy, another installation on the same QUEUE_PREFIX took it (and
 * completed it against its own database). BullMQ's stalled check cannot see that; this can: once a
 * record has been open longer than JOB_RECONCILE_GRACE_SECONDS (younger ones may still be on their
 * way: letters and mails are queued after their commit), a job that is missing, done or half there
 * is added again under the same job id, a failed one retried. A record a process holds right now
 * (its lock) is left alone: its worker still runs it even if Redis forgot the job. Runs at worker
 * start and as the repeatable job `jobs.reconcile` (JOB_RECONCILE_CRON); each re-enqueue is an audit
 * event `job.requeue` and counts in ff_jobs_reconciled_total.
 */
@Injectable()
export class JobReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger('JobReconciler');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly admin: JobsAdminService,
    @Inject(JOB_RECORD_SOURCES) private readonly sources: JobRecordSource[],
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly moduleRef: ModuleRef,
    // Explicit token: the union type would be emitted as Object and never resolve.
    @Optional() @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics | null,
  ) {}

  /** The check at start, where jobs are taken (WorkerModule.register(…, { run: false }) builds the registry alone). */
  async onApplicationBootstrap(): Promise<void> {
    try {
      this.moduleRef.get(WorkerRunner, { strict: false });
    } catch {
      return;
    }
    const result = await this.reconcile('start', null);
    if (result.requeued > 0) this.logger.warn(`start: ${result.requeued} of ${result.checked} open record(s) had no runnable job; queued again`);
  }

  async reconcile(trigger: 'start' | 'schedule', requestId: string | null): Promise<ReconcileResult> {
    const olderThanSeconds = this.config.jobReconcileGraceSeconds;
    const result: ReconcileResult = { checked: 0, requeued: 0 };
    for (const source of this.sources) {
      let records: OpenJobRecord[];
      try {
        records = await source.open({ olderThanSeconds });
      } catch (err) {
        this.logger.warn(`${source.name}: open records not readable: ${(err as Error).message}`);
        continue;
      }
      for (const record of records) {
        if (record.busy) continue;
        result.checked++;
        try {
          if (await this.requeue(source, record, trigger, requestId)) result.requeued++;
        } catch (err) {
          // Redis away: nothing can be queued now; the next run (or worker start) looks again.
          if (err instanceof DomainError && err.code === jobsUnavailable().code) {
            this.logger.warn(`${trigger}: Redis not reachable; open records are looked at again on the next run`);
            return result;
          }
          // A race with another worker's reconciler, or one record's trouble: the others go on.
          this.logger.warn(`${source.name} ${record.id}: not reconciled: ${(err as Error).message}`);
        }
      }
    }
    return result;
  }

  /** One record: its job added again or retried, with the audit event, in one transaction; false when it had a live job. */
  private async requeue(source: JobRecordSource, record: OpenJobRecord, trigger: string, requestId: string | null): Promise<boolean> {
    const outcome = await this.tx.run(async (em): Promise<RequeueOutcome | null> => {
      // It may have ended (or been taken) since the list was read; then its job is none of our business.
      const still = (await source.open({ id: record.id })).find((r) => r.jobId === record.jobId && !r.busy);
      if (!still) return null;
      const done = await this.admin.requeue(source.name, source.payload(record.id), record.jobId);
      if (done.action === 'none') return done;
      await this.audit.record(em, systemScope(requestId), {
        action: 'job.requeue',
        entity: record.entity,
        entityId: record.id,
        after: { status: still.status, name: source.name, queue: JOBS[source.name].queue, jobId: record.jobId, previousState: done.previousState, action: done.action, trigger },
      });
      return done;
    });
    if (!outcome || outcome.action === 'none') return false;
    this.metrics?.countReconciled(source.name);
    this.logger.warn(`${source.name} ${record.id} (${record.status}): job ${record.jobId} was ${outcome.previousState}; ${outcome.action}`);
    return true;
  }
}
