import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DomainError } from '@foerderfluss/core';
import { JobName, JobPayloads, JOBS, QueueName, QUEUES } from './job-names';
import { JobProducer, REDIS_PRODUCER } from './job-producer.service';
import { jobsUnavailable } from './jobs.errors';
import { isIdsOnlyPayload } from './payload-guard';
import { splitJobData } from './job-meta';
import { redisReady } from './redis';
import { type JobRecordSource, LIVE_JOB_STATES, type OpenJobRecord, recordIdOfJob, type RequeueOutcome } from './job-records';

export const JOB_STATES = ['failed', 'active', 'waiting', 'delayed', 'prioritized', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueOverview {
  queue: QueueName;
  counts: Record<JobState | 'waiting-children', number>;
  paused: boolean;
  /** Repeatable schedules of this queue (job name, cron, next run). */
  schedules: { id: string; name: string; pattern: string | null; next: Date | null }[];
}

export interface QueueLag {
  queue: QueueName;
  waiting: number;
  oldestWaitingSeconds: number;
}

export interface JobInfo {
  queue: QueueName;
  id: string;
  name: string;
  state: string;
  attemptsMade: number;
  maxAttempts: number;
  failedReason: string | null;
  /** The payload (ids only); null if it held anything else, which `payloadIdsOnly` then reports. */
  data: Record<string, string> | null;
  payloadIdsOnly: boolean;
  /** Id of the api request that enqueued the job (its problem+json/audit/log id); null for schedules and scans. */
  requestId: string | null;
  progress: number | null;
  createdAt: Date;
  processedAt: Date | null;
  finishedAt: Date | null;
}

/** A retry over the api: the job, and the record it was queued again for when the job itself was gone or done. */
export interface RetryResult {
  job: JobInfo;
  /** Set when the job was not failed but its record still waited for it (an orphan): the record and the job's state before. */
  orphan: (OpenJobRecord & { previousState: string }) | null;
}

export const queueNotFound = (): DomainError => new DomainError('QUEUE_NOT_FOUND', 404, 'Diese Warteschlange gibt es nicht.');
export const jobNotFound = (): DomainError =>
  new DomainError('JOB_NOT_FOUND', 404, 'Der Auftrag wurde nicht gefunden. Abgeschlossene und fehlgeschlagene Aufträge werden nach Ablauf der Aufbewahrungsfrist entfernt.');
export const jobNotFailed = (state: string): DomainError =>
  new DomainError('JOB_NOT_FAILED', 409, `Nur fehlgeschlagene Aufträge können wiederholt werden; dieser Auftrag ist im Zustand „${state}“.`);

const READY_WAIT_MS = 1000;
const ALL_QUEUES = Object.values(QUEUES) as QueueName[];

/**
 * What an administrator sees of the job pipeline (issue 9 item 7): counts per queue and state, the
 * schedules, jobs by state with their error, and a manual retry of a failed job. Stack traces stay
 * in the worker's log; only the error message is shown.
 */
@Injectable()
export class JobsAdminService {
  constructor(
    private readonly producer: JobProducer,
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
  ) {}

  queueNames(): QueueName[] {
    return ALL_QUEUES;
  }

  async queues(): Promise<QueueOverview[]> {
    await this.ready();
    return Promise.all(
      ALL_QUEUES.map(async (name) => {
        const q = this.producer.queue(name);
        const [counts, paused, schedulers] = await Promise.all([
          q.getJobCounts(...JOB_STATES, 'waiting-children'),
          q.isPaused(),
          q.getJobSchedulers(),
        ]);
        return {
          queue: name,
          counts: Object.fromEntries([...JOB_STATES, 'waiting-children'].map((s) => [s, counts[s] ?? 0])) as QueueOverview['counts'],
          paused,
          schedules: schedulers.map((s) => ({ id: s.key, name: s.name, pattern: s.pattern ?? null, next: s.next ? new Date(s.next) : null })),
        };
      }),
    );
  }

  /**
   * Per queue: jobs waiting for a worker and how long the oldest of them has waited (seconds; 0
   * when none waits). A growing lag means too few workers, or a worker that is stuck.
   */
  async lag(now: number = Date.now()): Promise<QueueLag[]> {
    await this.ready();
    return Promise.all(
      ALL_QUEUES.map(async (name) => {
        const q = this.producer.queue(name);
        const [waiting, oldest] = await Promise.all([q.getWaitingCount(), q.getJobs(['waiting'], 0, 0, true)]);
        const job = oldest.find((j): j is Job => Boolean(j));
        // A delayed job (retry backoff) waits only from the moment it became due.
        const since = job ? job.timestamp + (job.delay ?? 0) : now;
        return { queue: name, waiting, oldestWaitingSeconds: Math.max(0, Math.round((now - since) / 1000)) };
      }),
    );
  }

  /** Jobs in one state, newest first, across all queues or one. */
  async jobs(state: JobState, queue: QueueName | undefined, limit: number): Promise<JobInfo[]> {
    await this.ready();
    if (queue !== undefined && !ALL_QUEUES.includes(queue)) throw queueNotFound();
    const names = queue ? [queue] : ALL_QUEUES;
    const lists = await Promise.all(
      names.map(async (name) => {
        const jobs = await this.producer.queue(name).getJobs([state], 0, limit - 1, false);
        return jobs.filter((j): j is Job => Boolean(j)).map((j) => this.info(name, j, state));
      }),
    );
    return lists
      .flat()
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit);
  }

  async get(queue: string, id: string): Promise<JobInfo> {
    const { q, job } = await this.find(queue, id);
    return this.info(q.name as QueueName, job, await job.getState());
  }

  /** Moves a failed job back to waiting; it runs again with a fresh attempt count. */
  async retry(queue: string, id: string): Promise<JobInfo> {
    const { q, job } = await this.find(queue, id);
    const state = await job.getState();
    if (state !== 'failed') throw jobNotFailed(state);
    await job.retry('failed');
    const again = await q.getJob(id);
    return this.info(q.name as QueueName, again ?? job, again ? await again.getState() : 'waiting');
  }

  /**
   * „Erneut versuchen“ of the admin api: a failed job is retried. A job that is not failed (done, or
   * gone from Redis) whose record still waits for it (`sources`: the app's records, e.g. an import
   * QUEUED whose job another installation took) is queued again under the same id; a job that is
   * waiting or running is left alone (JOB_NOT_FAILED), one without record or job is JOB_NOT_FOUND.
   */
  async retryJob(queue: string, id: string, sources: readonly JobRecordSource[] = []): Promise<RetryResult> {
    if (!ALL_QUEUES.includes(queue as QueueName)) throw queueNotFound();
    await this.ready();
    const job = await this.producer.queue(queue as QueueName).getJob(id);
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed') return { job: await this.retry(queue, id), orphan: null };
    const orphan = LIVE_JOB_STATES.includes(state) ? null : await this.orphanOf(queue as QueueName, id, sources);
    if (!orphan) {
      if (!job) throw jobNotFound();
      throw jobNotFailed(state);
    }
    const outcome = await this.requeue(orphan.source.name, orphan.source.payload(orphan.record.id), id);
    return { job: await this.get(queue, id), orphan: { ...orphan.record, previousState: outcome.previousState } };
  }

  /**
   * Makes sure a job under `id` will run: nothing when it waits or runs; a failed one is retried; one
   * that is done (`completed`) or half there (`unknown`, keys deleted) is replaced, one that is gone
   * added anew, both under the same id. For records that still wait for their job (the reconciler).
   */
  async requeue<N extends JobName>(name: N, payload: JobPayloads[N], id: string): Promise<RequeueOutcome> {
    await this.ready();
    const job = await this.producer.queue(JOBS[name].queue).getJob(id);
    const previousState = job ? await job.getState() : 'missing';
    if (LIVE_JOB_STATES.includes(previousState)) return { action: 'none', previousState };
    if (job && previousState === 'failed') {
      await job.retry('failed');
      return { action: 'retried', previousState };
    }
    // BullMQ ignores an add under an id it still holds: a finished job must go first.
    if (job) await job.remove();
    await this.producer.enqueue(name, payload, id);
    return { action: 'added', previousState };
  }

  /** The open record whose job runs under `id` in `queue`, unless a process works on it right now. */
  private async orphanOf(queue: QueueName, id: string, sources: readonly JobRecordSource[]): Promise<{ source: JobRecordSource; record: OpenJobRecord } | null> {
    const recordId = recordIdOfJob(id);
    if (!recordId) return null;
    for (const source of sources) {
      if (JOBS[source.name].queue !== queue) continue;
      const record = (await source.open({ id: recordId })).find((r) => r.jobId === id && !r.busy);
      if (record) return { source, record };
    }
    return null;
  }

  /**
   * The job under `id` runs (again): a failed one is retried, one that is gone (retention) is added
   * anew under the same id, one still waiting or running is left to take the work.
   */
  async retryOrAdd<N extends JobName>(name: N, payload: JobPayloads[N], id: string): Promise<void> {
    try {
      await this.retry(JOBS[name].queue, id);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === jobNotFound().code) await this.producer.enqueue(name, payload, id);
      else if (err.code !== 'JOB_NOT_FAILED') throw err;
    }
  }

  private async find(queue: string, id: string): Promise<{ q: Queue; job: Job }> {
    if (!ALL_QUEUES.includes(queue as QueueName)) throw queueNotFound();
    await this.ready();
    const q = this.producer.queue(queue as QueueName);
    const job = await q.getJob(id);
    if (!job) throw jobNotFound();
    return { q, job };
  }

  private async ready(): Promise<void> {
    if (!(await redisReady(this.redis, READY_WAIT_MS))) throw jobsUnavailable();
  }

  private info(queue: QueueName, job: Job, state: string): JobInfo {
    const idsOnly = isIdsOnlyPayload(job.data);
    const { payload, meta } = splitJobData(job.data);
    return {
      queue,
      id: String(job.id),
      name: job.name,
      state,
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      failedReason: job.failedReason ? job.failedReason.slice(0, 2000) : null,
      data: idsOnly ? (payload as Record<string, string>) : null,
      payloadIdsOnly: idsOnly,
      requestId: meta.requestId ?? null,
      progress: typeof job.progress === 'number' ? job.progress : null,
      createdAt: new Date(job.timestamp),
      processedAt: job.processedOn ? new Date(job.processedOn) : null,
      finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    };
  }
}
