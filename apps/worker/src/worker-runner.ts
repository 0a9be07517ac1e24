import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger as PinoInstance } from 'pino';
import { APP_CONFIG, AppConfig, contextFromCarrier, runInRequestContext } from '@foerderfluss/core';
import { createRedisConnection, DEFAULT_JOB_OPTIONS, JobContext, JobHandler, JobName, JOB_NAMES, JOBS, QueueName, splitJobData } from '@foerderfluss/jobs';
import { JobRegistry } from './job-registry';
import { WorkerMetrics } from './worker-metrics';

/** The worker's pino instance, for the one JSON line per job start, finish and failure. */
export const WORKER_PINO = Symbol('WORKER_PINO');

const tracer = trace.getTracer('foerderfluss-worker');

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
  /** Errors already logged by `process`; the 'failed' event logs only the others (e.g. a stalled job). */
  private readonly logged = new WeakSet<Error>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly metrics: WorkerMetrics,
    @Inject(WORKER_PINO) private readonly log: PinoInstance,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.registry.resolve();
    this.connection = createRedisConnection(this.config.redisUrl, 'worker');
    this.connection.on('error', (err) => this.logger.warn(`redis: ${err.message}`));
    const queueNames = [...new Set(JOB_NAMES.map((n) => JOBS[n].queue))] as QueueName[];

    for (const queueName of queueNames) {
      const worker = new Worker(
        queueName,
        (job: Job) => this.process(queueName, job, handlers.get(job.name as JobName)),
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
        if (!this.logged.has(err)) {
          this.log.error({ event: 'job.fail', jobId: String(job.id), queue: queueName, name: job.name, requestId: splitJobData(job.data).meta.requestId ?? null, attempt: job.attemptsMade, maxAttempts: attempts, final, err: err.message }, `job ${job.name} ${job.id} failed: ${err.message}`);
        }
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

  /**
   * One attempt of a job: inside a span whose parent is the trace of the api request that enqueued
   * it (job meta), with one JSON line at the start and one at the end (duration, outcome) carrying
   * jobId, queue, name and that request's id, and the attempt's duration in ff_job_duration_seconds.
   */
  private async process(queue: QueueName, job: Job, handler: JobHandler | undefined): Promise<unknown> {
    const { meta } = splitJobData(job.data);
    const maxAttempts = job.opts.attempts ?? 1;
    const line = { jobId: String(job.id), queue, name: job.name, requestId: meta.requestId ?? null, attempt: job.attemptsMade + 1, maxAttempts };
    const parent = contextFromCarrier({ ...(meta.traceparent ? { traceparent: meta.traceparent } : {}), ...(meta.tracestate ? { tracestate: meta.tracestate } : {}) });
    return tracer.startActiveSpan(
      `job ${job.name}`,
      { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'bullmq', 'messaging.destination.name': queue, 'messaging.message.id': String(job.id), 'ff.job.name': job.name } },
      parent,
      async (span) => {
        const started = process.hrtime.bigint();
        const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
        this.log.info({ event: 'job.start', ...line }, `job ${job.name} ${job.id} started`);
        try {
          // A job nobody can handle must fail visibly, not be retried forever.
          if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
          // Inside the request's context: the handler's own log lines name the request, and a job it
          // enqueues in turn (a letter after an approval) carries the same id and trace.
          const handle = () => handler.handle(this.context(job));
          const result = await (meta.requestId ? runInRequestContext({ requestId: meta.requestId }, handle) : handle());
          const seconds = elapsed();
          this.metrics.observeJob(queue, job.name, 'completed', seconds);
          this.log.info({ event: 'job.finish', ...line, status: 'completed', durationMs: Math.round(seconds * 1000) }, `job ${job.name} ${job.id} completed`);
          return result;
        } catch (err) {
          const error = err instanceof Error ? err : new Error(String(err));
          const seconds = elapsed();
          const final = line.attempt >= maxAttempts || error instanceof UnrecoverableError;
          this.metrics.observeJob(queue, job.name, 'failed', seconds);
          this.logged.add(error);
          this.log.error(
            { event: 'job.fail', ...line, status: 'failed', final, durationMs: Math.round(seconds * 1000), err: error.message },
            `job ${job.name} ${job.id} failed (attempt ${line.attempt}/${maxAttempts}): ${error.message}`,
          );
          span.recordException(error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  private context(job: Job): JobContext {
    return {
      id: String(job.id),
      name: job.name as JobName,
      // The handler sees its ids-only payload; the meta beside it is the runner's.
      data: splitJobData(job.data).payload as JobContext['data'],
      attemptsMade: job.attemptsMade,
      updateProgress: async (percent: number) => {
        // Best effort: the record holds the progress the api shows; a job whose keys Redis lost
        // under it (restart without AOF, flushed prefix) must finish its work, not die of a report.
        await job.updateProgress(Math.max(0, Math.min(100, Math.round(percent)))).catch((err: unknown) => {
          this.logger.warn(`progress of ${job.name} ${job.id} not reported: ${(err as Error).message}`);
        });
      },
      countRows: (rows: number) => this.metrics.countRows(job.name as JobName, rows),
    };
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: waiting for running jobs`);
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.queues.map((q) => q.close()));
    this.connection?.disconnect();
  }
}
