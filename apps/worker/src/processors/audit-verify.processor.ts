import { Injectable } from '@nestjs/common';
import { AuditVerificationService } from '@foerderfluss/audit';
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
