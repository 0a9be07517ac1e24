import type { JobName, JobPayloads } from './job-names';

/**
 * A business record that waits for a job (an export QUEUED or RUNNING, an import, a letter PENDING
 * or RENDERING, a mail PENDING or SENDING) as the record's own lib reports it. The reconciler and
 * the admin retry compare it with the queue: a record whose job is gone is queued again under the
 * same job id, so whatever of the old job still exists keeps it to one.
 */
export interface OpenJobRecord {
  /** The audit entity of the record (ExportJob, ReceiptImport, GeneratedDocument, MailOutbox). */
  readonly entity: string;
  readonly id: string;
  readonly status: string;
  /** The id its job runs under (the one stored with the record, else the one its business key gives). */
  readonly jobId: string;
  /**
   * A process works on the record right now (it holds the record's lock), whatever Redis says: its
   * job may be gone (keys deleted under it) but not its work, so nothing is queued again.
   */
  readonly busy: boolean;
}

/** Which records of one job name wait for a job; bound in the apps to the owning lib's service. */
export interface JobRecordSource<N extends JobName = JobName> {
  readonly name: N;
  /**
   * Open records; `olderThanSeconds`: only those last changed at least that long ago (the grace,
   * measured by the clock that wrote the record's time); `id`: only that one.
   */
  open(filter: { olderThanSeconds?: number; id?: string }): Promise<OpenJobRecord[]>;
  /** The job's payload for the record (ids only). */
  payload(recordId: string): JobPayloads[N];
}

/** The app's list of sources (every job name that belongs to a record). */
export const JOB_RECORD_SOURCES = Symbol('JOB_RECORD_SOURCES');

/** Job states in which the job will still run (or runs): the record is not an orphan. */
export const LIVE_JOB_STATES: readonly string[] = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'];

const UUID_IN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The record id a job id carries (job ids come from business keys: `<name>.<record id>[-retry-n]`). */
export function recordIdOfJob(jobId: string): string | null {
  return UUID_IN.exec(jobId)?.[0]?.toLowerCase() ?? null;
}

/** What one reconciliation did to a record's job. */
export type RequeueAction = 'added' | 'retried' | 'none';

export interface RequeueOutcome {
  readonly action: RequeueAction;
  /** The job's state before: a BullMQ state, or `missing` when Redis had no such job. */
  readonly previousState: string;
}
