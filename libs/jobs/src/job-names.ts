/**
 * The contract between api and worker: every queue, every job name and its payload type.
 * Payloads carry ids only, never names, IBANs or amounts (they sit in Redis, outside the
 * audited database). Each job name has exactly one handler in apps/worker (a test checks it).
 */
export const QUEUES = {
  MAINTENANCE: 'maintenance',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Recompute the audit hash chain; `verificationId` for runs requested over the api. */
  'audit.verify-chain': { verificationId?: string };
}

export type JobName = keyof JobPayloads;

export interface JobDefinition {
  readonly queue: QueueName;
  readonly description: string;
  /** Cron pattern (Europe/Berlin) of a repeatable schedule, if the job also runs on its own. */
  readonly scheduleConfigKey?: 'auditVerifyCron';
}

export const JOBS: { readonly [N in JobName]: JobDefinition } = {
  'audit.verify-chain': {
    queue: QUEUES.MAINTENANCE,
    description: 'Prüft die Hash-Kette des Audit-Protokolls (nächtlich und auf Anforderung).',
    scheduleConfigKey: 'auditVerifyCron',
  },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** Retries with exponential backoff; finished jobs are kept for a while for inspection, then removed. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 5000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Job ids derived from business keys make enqueueing idempotent. BullMQ forbids ':' in custom ids. */
export function jobId(name: JobName, key: string): string {
  return `${name}.${key}`.replace(/:/g, '_');
}
