import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { JobName, jobOptions, JobPayloads, JOBS, QueueName } from './job-names';
import { assertIdsOnlyPayload } from './payload-guard';
import { currentJobMeta, withJobMeta } from './job-meta';
import { jobsUnavailable } from './jobs.errors';
import { redisReady } from './redis';

export const REDIS_PRODUCER = Symbol('REDIS_PRODUCER');

const ENQUEUE_TIMEOUT_MS = 3000;
/** A connect in progress gets this long; a Redis that is away is reported within it. */
const READY_WAIT_MS = 1000;

export interface EnqueuedJob {
  id: string;
  name: JobName;
}

@Injectable()
export class JobProducer implements OnModuleDestroy {
  private readonly logger = new Logger(JobProducer.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Enqueues a job under a business-key id (idempotent); 503 at once when Redis is not there. */
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], id: string): Promise<EnqueuedJob> {
    assertIdsOnlyPayload(name, payload);
    if (!(await redisReady(this.redis, READY_WAIT_MS))) throw jobsUnavailable();
    const queue = this.queue(JOBS[name].queue);
    let timer: NodeJS.Timeout | undefined;
    try {
      const job = await Promise.race([
        // The one place a job learns where it came from: the request id and trace context of the
        // api request (if any) that enqueues it, for the worker's log line and span.
        queue.add(name, withJobMeta(payload, currentJobMeta()), { ...jobOptions(name, this.config), jobId: id }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('enqueue timeout')), ENQUEUE_TIMEOUT_MS);
        }),
      ]);
      return { id: job.id ?? id, name };
    } catch (err) {
      this.logger.error(`enqueue ${name} failed: ${(err as Error).message}`);
      throw jobsUnavailable();
    } finally {
      clearTimeout(timer);
    }
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.redis, prefix: this.config.queuePrefix });
      // Errors surface on the call that needs the queue; without a listener Node would crash.
      q.on('error', (err) => this.logger.warn(`queue ${name}: ${err.message}`));
      this.queues.set(name, q);
    }
    return q;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
