import type { AppConfig } from '@foerderfluss/core';

/**
 * The contract between api and worker: every queue, every job name and its payload type.
 * Payloads carry ids only, never names, IBANs or amounts (they sit in Redis, outside the
 * audited database). Each job name has exactly one handler in apps/worker (a test checks it).
 */
export const QUEUES = {
  MAINTENANCE: 'maintenance',
  /** Long-running file imports, apart from maintenance so neither waits for the other. */
  IMPORTS: 'imports',
  /** Workbook and CSV exports (long-running, streamed), apart from the rest so a big export delays nothing else. */
  EXPORTS: 'exports',
  /** PDF letters (Bescheide, Verträge, Rückforderungen, Mahnungen, Prüfvermerke). */
  LETTERS: 'letters',
  /** Reminders and the mail outbox. */
  NOTIFICATIONS: 'notifications',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Recompute the audit hash chain; `verificationId` for runs requested over the api. */
  'audit.verify-chain': { verificationId?: string };
  /** Verify the chain and sign its head with AUDIT_SIGNING_KEY (database row and file in the file storage). */
  'audit.checkpoint': Record<string, never>;
  /** Read, check and store an uploaded Belegliste (all or nothing); the file and mode are on the import row. */
  'proof-of-use.import-receipts': { importId: string };
  /** Render and store one letter; what to render is on the generated_document row. */
  'letters.render': { documentId: string };
  /** Create the letters still missing (approved versions, recoveries, Mahnungen, Prüfvermerke) and queue those waiting. */
  'letters.scan': Record<string, never>;
  /** Find what is due and write notifications and mails to the outbox (one transaction). */
  'reminders.scan': Record<string, never>;
  /** Deliver one mail of the outbox by SMTP. */
  'mail.send': { outboxId: string };
  /** Hand pending mails of the outbox (e.g. left by a crash) to `mail.send`. */
  'mail.drain': Record<string, never>;
  /** Generate the file of one requested export (type, filters and requester are on the export row). */
  'exports.generate': { exportId: string };
  /** Delete export files past their retention (EXPORT_RETENTION_DAYS) and leftovers of killed workers. */
  'exports.cleanup': Record<string, never>;
  /** Mahnwesen: write the Mahnungen due today for overdue Rückforderungen (each level once). */
  'recoveries.dunning-scan': Record<string, never>;
  /** Queue again the exports, imports, letters and mails still open whose job is gone (JOB_RECONCILE_GRACE_SECONDS). */
  'jobs.reconcile': Record<string, never>;
  /** Delete the files of failed imports and upload files no record names (UPLOAD_RETENTION_DAYS). */
  'uploads.cleanup': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export interface JobDefinition {
  readonly queue: QueueName;
  readonly description: string;
  /** Cron pattern (Europe/Berlin) of a repeatable schedule, if the job also runs on its own. */
  readonly scheduleConfigKey?:
    | 'auditVerifyCron'
    | 'auditCheckpointCron'
    | 'lettersScanCron'
    | 'remindersCron'
    | 'mailDrainCron'
    | 'exportCleanupCron'
    | 'dunningScanCron'
    | 'jobReconcileCron'
    | 'uploadCleanupCron';
  /**
   * Also run once when a worker starts: a scan that catches up on what waited while no worker ran
   * (letters of a freshly seeded demo, letters whose job vanished with a Redis restart).
   */
  readonly runOnStart?: boolean;
  /** Attempts and first backoff delay from the configuration instead of DEFAULT_JOB_OPTIONS. */
  readonly retryConfig?: { readonly attempts: 'mailSendAttempts'; readonly delayMs: 'mailRetryDelayMs' };
}

export const JOBS: { readonly [N in JobName]: JobDefinition } = {
  'audit.verify-chain': {
    queue: QUEUES.MAINTENANCE,
    description: 'Prüft die Hash-Kette des Audit-Protokolls (nächtlich und auf Anforderung).',
    scheduleConfigKey: 'auditVerifyCron',
  },
  'audit.checkpoint': {
    queue: QUEUES.MAINTENANCE,
    description: 'Signiert den Kopf der geprüften Hash-Kette mit dem Schlüssel außerhalb der Datenbank (nächtlich) und legt den Prüfpunkt auch als Datei ab.',
    scheduleConfigKey: 'auditCheckpointCron',
  },
  'proof-of-use.import-receipts': {
    queue: QUEUES.IMPORTS,
    description: 'Liest eine hochgeladene Belegliste (xlsx/csv), prüft jede Zeile und übernimmt alle Belege oder keinen.',
  },
  'letters.render': {
    queue: QUEUES.LETTERS,
    description: 'Erzeugt ein Schreiben (PDF) aus der Entscheidung, Rückforderung oder dem Prüfvermerk und legt es ab.',
  },
  'letters.scan': {
    queue: QUEUES.LETTERS,
    description: 'Legt fehlende Schreiben zu freigegebenen Fassungen, Rückforderungen und Prüfvermerken an.',
    scheduleConfigKey: 'lettersScanCron',
    runOnStart: true,
  },
  'reminders.scan': {
    queue: QUEUES.NOTIFICATIONS,
    description: 'Sucht fällige Fristen, wartende Freigaben und überfällige Rückforderungen und schreibt Benachrichtigungen.',
    scheduleConfigKey: 'remindersCron',
  },
  'mail.send': {
    queue: QUEUES.NOTIFICATIONS,
    description: 'Versendet eine E-Mail aus dem Postausgang per SMTP.',
    retryConfig: { attempts: 'mailSendAttempts', delayMs: 'mailRetryDelayMs' },
  },
  'mail.drain': {
    queue: QUEUES.NOTIFICATIONS,
    description: 'Übergibt noch nicht versandte E-Mails des Postausgangs an den Versand.',
    scheduleConfigKey: 'mailDrainCron',
  },
  'exports.generate': {
    queue: QUEUES.EXPORTS,
    description: 'Erzeugt die Datei eines angeforderten Exports (xlsx oder CSV) und meldet den Fortschritt.',
  },
  'exports.cleanup': {
    queue: QUEUES.EXPORTS,
    description: 'Löscht Exportdateien nach Ablauf der Aufbewahrungsfrist und Reste abgebrochener Exporte (nächtlich).',
    scheduleConfigKey: 'exportCleanupCron',
  },
  'recoveries.dunning-scan': {
    queue: QUEUES.NOTIFICATIONS,
    description: 'Schreibt die fälligen 1. und 2. Mahnungen zu überfälligen Rückforderungen (mit Schreiben und Nachricht an den Träger).',
    scheduleConfigKey: 'dunningScanCron',
  },
  'jobs.reconcile': {
    queue: QUEUES.MAINTENANCE,
    description: 'Reiht Exporte, Importe, Schreiben und E-Mails erneut ein, deren Auftrag in der Warteschlange verloren ging.',
    scheduleConfigKey: 'jobReconcileCron',
  },
  'uploads.cleanup': {
    queue: QUEUES.MAINTENANCE,
    description: 'Löscht die Dateien fehlgeschlagener Importe und hochgeladene Dateien ohne Datensatz (nächtlich).',
    scheduleConfigKey: 'uploadCleanupCron',
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

/** The options of one job: DEFAULT_JOB_OPTIONS, with attempts and backoff from the configuration where the job says so. */
export function jobOptions(
  name: JobName,
  config: Pick<AppConfig, 'mailSendAttempts' | 'mailRetryDelayMs'>,
): typeof DEFAULT_JOB_OPTIONS {
  const retry = JOBS[name].retryConfig;
  if (!retry) return DEFAULT_JOB_OPTIONS;
  return { ...DEFAULT_JOB_OPTIONS, attempts: config[retry.attempts], backoff: { type: 'exponential', delay: config[retry.delayMs] } };
}

/** Job ids derived from business keys make enqueueing idempotent. BullMQ forbids ':' in custom ids. */
export function jobId(name: JobName, key: string): string {
  return `${name}.${key}`.replace(/:/g, '_');
}
