import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { createRedisConnection, DEFAULT_JOB_OPTIONS, JobContext, JobName, JOB_NAMES, JOBS, QueueName } from '@foerderfluss/jobs';
import { JobRegistry } from './job-registry';

/**
 * One BullMQ worker per queue, dispatching by job name to the single registered handler.
 * Shutdown waits for running jobs (worker.close()), so SIGTERM loses nothing; a SIGKILL leaves
 * the job's lock to expire and BullMQ hands it to the next worker (stalled-job recovery).
 */
@Injectable()
export class WorkerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];
  private readonly queues: Queue[] = [];
  private connection: Redis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: JobRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.registry.resolve();
    this.connection = createRedisConnection(this.config.redisUrl, 'worker');
    this.connection.on('error', (err) => this.logger.warn(`redis: ${err.message}`));
    const queueNames = [...new Set(JOB_NAMES.map((n) => JOBS[n].queue))] as QueueName[];

    for (const queueName of queueNames) {
      const worker = new Worker(
        queueName,
        async (job: Job) => {
          const handler = handlers.get(job.name as JobName);
          // A job nobody can handle must fail visibly, not be retried forever.
          if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
          return handler.handle(this.context(job));
        },
        {
          connection: this.connection,
          prefix: this.config.queuePrefix,
          concurrency: 2,
          autorun: true,
          // A killed worker's job runs again elsewhere once its lock expired and a stalled check ran.
          lockDuration: this.config.jobLockDurationMs,
          stalledInterval: this.config.jobStalledIntervalMs,
        },
      );
      worker.on('failed', (job, err) => {
        if (!job) return;
        const attempts = job.opts.attempts ?? 1;
        const final = job.attemptsMade >= attempts || err instanceof UnrecoverableError;
        this.logger.error(`job ${job.name} ${job.id} failed (attempt ${job.attemptsMade}/${attempts}): ${err.message}`);
        const handler = handlers.get(job.name as JobName);
        if (final && handler?.onFinalFailure) {
          handler.onFinalFailure(this.context(job), err).catch((e: unknown) => {
            this.logger.error(`onFinalFailure of ${job.name} ${job.id}: ${(e as Error).message}`);
          });
        }
      });
      worker.on('error', (err) => this.logger.warn(`worker ${queueName}: ${err.message}`));
      this.workers.push(worker);
    }
    await this.upsertSchedules();
    this.logger.log(`worker ready: queues ${queueNames.join(', ')}; jobs ${JOB_NAMES.join(', ')}`);
  }

  /** Repeatable jobs: upserting by a fixed scheduler id keeps exactly one schedule per job. */
  private async upsertSchedules(): Promise<void> {
    for (const name of JOB_NAMES) {
      const key = JOBS[name].scheduleConfigKey;
      if (!key) continue;
      const queue = new Queue(JOBS[name].queue, { connection: this.connection!, prefix: this.config.queuePrefix });
      this.queues.push(queue);
      await queue.upsertJobScheduler(
        `${name}.schedule`,
        { pattern: this.config[key], tz: this.config.timezone },
        { name, data: {}, opts: DEFAULT_JOB_OPTIONS },
      );
      // The scan is idempotent, so a start that runs it once more than needed does no harm.
      if (JOBS[name].runOnStart && this.config.scansOnStart) await queue.add(name, {}, { ...DEFAULT_JOB_OPTIONS, jobId: `${name}.start.${Date.now()}` });
    }
  }

  private context(job: Job): JobContext {
    return {
      id: String(job.id),
      name: job.name as JobName,
      data: job.data as JobContext['data'],
      attemptsMade: job.attemptsMade,
      updateProgress: async (percent: number) => {
        await job.updateProgress(Math.max(0, Math.min(100, Math.round(percent))));
      },
    };
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: waiting for running jobs`);
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.queues.map((q) => q.close()));
    this.connection?.disconnect();
  }
}
