import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { exportFailure, ExportRunner } from '@foerderfluss/exports';
import { HandlesJob, JobContext, JobHandler } from '@foerderfluss/jobs';

/**
 * Generates one export. Idempotent: a finished export is not generated again; a worker killed
 * mid-way leaves no file under the export's key (the storage renames only complete files), and the
 * retry starts over. Errors that a retry cannot fix (too many rows for a sheet, a value that fits
 * no cell) fail at once; others are retried with backoff (DEFAULT_JOB_OPTIONS).
 */
@Injectable()
@HandlesJob('exports.generate')
export class ExportGenerateProcessor implements JobHandler<'exports.generate'> {
  constructor(private readonly runner: ExportRunner) {}

  async handle(job: JobContext<'exports.generate'>): Promise<unknown> {
    try {
      const outcome = await this.runner.run(job.data.exportId, { updateProgress: (percent) => job.updateProgress(percent) });
      if (outcome.status === 'COMPLETED') job.countRows(outcome.rows);
      return outcome;
    } catch (err) {
      const failure = exportFailure(err);
      if (failure.permanent) throw new UnrecoverableError(failure.message);
      throw err;
    }
  }

  async onFinalFailure(job: JobContext<'exports.generate'>, error: Error): Promise<void> {
    // UnrecoverableError carries the German message already; anything else is described generically.
    await this.runner.markFailed(job.data.exportId, error instanceof UnrecoverableError ? error.message : exportFailure(error).message);
  }
}

/** Nightly: deletes expired export files (EXPORT_RETENTION_DAYS) and half-written files of killed workers. */
@Injectable()
@HandlesJob('exports.cleanup')
export class ExportCleanupProcessor implements JobHandler<'exports.cleanup'> {
  constructor(private readonly runner: ExportRunner) {}

  async handle(): Promise<unknown> {
    return this.runner.cleanup();
  }
}
