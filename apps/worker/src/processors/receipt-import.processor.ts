import { Injectable } from '@nestjs/common';
import { HandlesJob, JobContext, JobHandler } from '@foerderfluss/jobs';
import { ImportOutcome, ReceiptImportJobService, ReceiptImportService } from '@foerderfluss/proof-of-use';

const NAME = 'proof-of-use.import-receipts' as const;

/** An import whose job was lost from Redis is queued again by the JobReconciler (at start and on its schedule). */
@Injectable()
@HandlesJob(NAME)
export class ReceiptImportProcessor implements JobHandler<typeof NAME> {
  constructor(
    private readonly imports: ReceiptImportService,
    private readonly job: ReceiptImportJobService,
  ) {}

  async handle(job: JobContext<typeof NAME>): Promise<ImportOutcome> {
    const outcome = await this.job.process(job.data.importId, { jobId: job.id, progress: (percent) => job.updateProgress(percent) });
    // A retried or duplicated job that found the import ended read nothing.
    if (outcome.processed) job.countRows(outcome.rowsRead);
    return outcome;
  }

  async onFinalFailure(job: JobContext<typeof NAME>, error: Error): Promise<void> {
    await this.imports.markFailed(job.data.importId, error.message);
  }
}
