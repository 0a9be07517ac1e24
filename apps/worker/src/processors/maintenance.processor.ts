import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { AttachmentsService } from '@foerderfluss/applications';
import { UploadQuotaService } from '@foerderfluss/identity';
import { HandlesJob, JobContext, JobHandler } from '@foerderfluss/jobs';
import { ReceiptImportService } from '@foerderfluss/proof-of-use';
import { JobReconciler } from '../job-reconciler';

const RECONCILE = 'jobs.reconcile' as const;

/** The repeatable half of the reconciler (the other half runs at worker start). */
@Injectable()
@HandlesJob(RECONCILE)
export class JobsReconcileProcessor implements JobHandler<typeof RECONCILE> {
  constructor(private readonly reconciler: JobReconciler) {}

  async handle(job: JobContext<typeof RECONCILE>): Promise<unknown> {
    return this.reconciler.reconcile('schedule', job.id);
  }
}

const UPLOADS = 'uploads.cleanup' as const;

/**
 * Nightly: the files of failed Belegliste imports and upload files no record names, older than
 * UPLOAD_RETENTION_DAYS, are deleted (the import rows stay, marked); the upload ledger of the
 * per-user hourly limit is pruned.
 */
@Injectable()
@HandlesJob(UPLOADS)
export class UploadsCleanupProcessor implements JobHandler<typeof UPLOADS> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly imports: ReceiptImportService,
    private readonly attachments: AttachmentsService,
    private readonly quota: UploadQuotaService,
  ) {}

  async handle(): Promise<unknown> {
    // File ages are the storage's (wall clock), so the cutoff is too, not the business clock.
    const cutoff = new Date(Date.now() - this.config.uploadRetentionDays * 24 * 3600 * 1000);
    const imports = await this.imports.cleanupFiles(cutoff);
    const attachmentOrphans = await this.attachments.cleanupOrphans(cutoff);
    const ledgerRows = await this.quota.prune();
    return { failedImportFiles: imports.failed, importOrphans: imports.orphans, attachmentOrphans, ledgerRows };
  }
}
