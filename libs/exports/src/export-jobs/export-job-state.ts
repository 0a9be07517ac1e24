import { ALL_ROLES, forbidden, Lifecycle, Role, type Scope } from '@foerderfluss/core';
import { exportFailedNoFile, exportNotReady } from './export-jobs.errors';
import type { ExportStatus } from './export-types';

/**
 * What happens to an export: the worker claims it (a crashed run is claimed again), puts it back in
 * the queue after a failed attempt, completes it or, after the last attempt, marks it failed; its
 * requester downloads the file. `download` changes no status.
 */
export type ExportJobAction = 'claim' | 'requeue' | 'complete' | 'fail' | 'download';

/** Actions a user takes over the API (the others are the worker's, under the system scope). */
export const EXPORT_JOB_USER_ACTIONS = ['download'] as const satisfies readonly ExportJobAction[];
export type ExportJobUserAction = (typeof EXPORT_JOB_USER_ACTIONS)[number];

/** The worker runs under `systemScope()` (ADMIN). */
const WORKER = [Role.ADMIN];

/** The export job's lifecycle as one table (ARCHITECTURE.md "Decided once"); anything else is refused. */
export const EXPORT_JOB_LIFECYCLE = new Lifecycle<ExportStatus, ExportJobAction>(
  [
    { from: ['QUEUED', 'RUNNING'], action: 'claim', to: 'RUNNING', roles: WORKER },
    { from: 'RUNNING', action: 'requeue', to: 'QUEUED', roles: WORKER },
    { from: 'RUNNING', action: 'complete', to: 'COMPLETED', roles: WORKER },
    // After the last attempt; a second final failure only replaces the message.
    { from: ['QUEUED', 'RUNNING', 'FAILED'], action: 'fail', to: 'FAILED', roles: WORKER },
    { from: 'COMPLETED', action: 'download', to: 'COMPLETED', roles: ALL_ROLES },
  ],
  {
    codePrefix: 'EXPORT',
    recordDe: 'Ein Export',
    statusDe: { QUEUED: 'in Warteschlange', RUNNING: 'läuft', COMPLETED: 'fertig', FAILED: 'fehlgeschlagen' },
    actionDe: { claim: 'begonnen', requeue: 'erneut eingereiht', complete: 'abgeschlossen', fail: 'als fehlgeschlagen markiert', download: 'heruntergeladen' },
    // No step of this table needs a second pair of eyes.
    sameActor: () => forbidden('FORBIDDEN', 'Für diesen Schritt fehlt Ihnen die Berechtigung.'),
  },
);

/** The download is refused with the established messages: EXPORT_FAILED (no file) or EXPORT_NOT_READY (409). */
export function assertDownloadable(status: ExportStatus, scope: Scope): void {
  if (EXPORT_JOB_LIFECYCLE.permits(status, 'download', scope)) return;
  if (status === 'FAILED') throw exportFailedNoFile();
  throw exportNotReady(status);
}

/** What the caller may do with the export now (the worker's steps are not offered). */
export function exportJobAllowedActions(job: { status: ExportStatus; fileDeletedAt: Date | null }, scope: Scope): ExportJobUserAction[] {
  return EXPORT_JOB_LIFECYCLE.allowedActions(job.status, scope).filter(
    (a): a is ExportJobUserAction => (EXPORT_JOB_USER_ACTIONS as readonly string[]).includes(a) && (a !== 'download' || job.fileDeletedAt === null),
  );
}
