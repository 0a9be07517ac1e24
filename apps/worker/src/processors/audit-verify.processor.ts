import { Injectable } from '@nestjs/common';
import { AuditCheckpointService, AuditVerificationService } from '@foerderfluss/audit';
import { systemScope } from '@foerderfluss/core';
import { HandlesJob, JobContext, JobHandler } from '@foerderfluss/jobs';

@Injectable()
@HandlesJob('audit.verify-chain')
export class AuditVerifyProcessor implements JobHandler<'audit.verify-chain'> {
  constructor(private readonly verifications: AuditVerificationService) {}

  async handle(job: JobContext<'audit.verify-chain'>): Promise<unknown> {
    const result = await this.verifications.runForJob({
      verificationId: job.data.verificationId,
      jobId: job.id,
      trigger: job.data.verificationId ? 'MANUAL' : 'SCHEDULED',
    });
    return { valid: result.valid, checked: result.checked, firstBrokenId: result.firstBrokenId };
  }

  async onFinalFailure(job: JobContext<'audit.verify-chain'>, error: Error): Promise<void> {
    await this.verifications.markFailed(
      { verificationId: job.data.verificationId, jobId: job.id, trigger: job.data.verificationId ? 'MANUAL' : 'SCHEDULED' },
      error.message,
    );
  }
}

/** The nightly signed checkpoint (AUDIT_CHECKPOINT_CRON); a retried job signs once (unique job id). */
@Injectable()
@HandlesJob('audit.checkpoint')
export class AuditCheckpointProcessor implements JobHandler<'audit.checkpoint'> {
  constructor(private readonly checkpoints: AuditCheckpointService) {}

  async handle(job: JobContext<'audit.checkpoint'>): Promise<unknown> {
    const row = await this.checkpoints.create(systemScope(job.id), { trigger: 'SCHEDULED', jobId: job.id });
    return { checkpointId: row.id, lastEventId: row.lastEventId, events: row.events };
  }
}
