import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { createRedisConnection, DEFAULT_JOB_OPTIONS, HandlesJob, JobContext, JobHandler, jobId, JOBS, redisReady } from '@foerderfluss/jobs';
import { ImportOutcome, ReceiptImportJobService, ReceiptImportService } from '@foerderfluss/proof-of-use';
import { WorkerRunner } from '../worker-runner';

const NAME = 'proof-of-use.import-receipts' as const;

@Injectable()
@HandlesJob(NAME)
export class ReceiptImportProcessor implements JobHandler<typeof NAME>, OnApplicationBootstrap {
  private readonly logger = new Logger('ReceiptImport');

  constructor(
    private readonly imports: ReceiptImportService,
    private readonly job: ReceiptImportJobService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  /**
   * At start, every import that has not ended must have a job that will run it. A SIGKILLed worker's
   * job is recovered by BullMQ (stalled check) and taken over by `process`; this covers what BullMQ
   * cannot: a job lost from Redis, or one that failed before its import could be marked FAILED.
   */
  async onApplicationBootstrap(): Promise<void> {
    // Only where jobs are taken (WorkerModule.register(…, { run: false }) builds the registry alone).
    try {
      this.moduleRef.get(WorkerRunner, { strict: false });
    } catch {
      return;
    }
    const open = await this.imports.openImports().catch(() => []);
    if (open.length === 0) return;
    const redis = createRedisConnection(this.config.redisUrl, 'producer');
    redis.on('error', () => undefined);
    const queue = new Queue(JOBS[NAME].queue, { connection: redis, prefix: this.config.queuePrefix });
    queue.on('error', () => undefined);
    try {
      if (!(await redisReady(redis, 2000))) return;
      for (const imp of open) {
        const id = imp.jobId ?? jobId(NAME, imp.id);
        const job = await queue.getJob(id);
        const state = job ? await job.getState() : 'missing';
        if (state === 'missing') await queue.add(NAME, { importId: imp.id }, { ...DEFAULT_JOB_OPTIONS, jobId: id });
        else if (state === 'failed') await job!.retry('failed');
        else if (state === 'completed') {
          await job!.remove();
          await queue.add(NAME, { importId: imp.id }, { ...DEFAULT_JOB_OPTIONS, jobId: id });
        } else continue;
        this.logger.warn(`import ${imp.id} (${imp.status}) had no runnable job (${state}); queued again`);
      }
    } catch (err) {
      this.logger.warn(`check of open imports failed: ${(err as Error).message}`);
    } finally {
      await queue.close().catch(() => undefined);
      redis.disconnect();
    }
  }
}
