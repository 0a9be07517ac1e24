import { ALL_ROLES, forbidden, Lifecycle, Role, type Scope } from '@foerderfluss/core';
import type { DocumentStatus } from './generated-document.entity';
import { letterNotReady } from './letters.errors';

/**
 * What happens to a letter (generated_document): created PENDING (queued) in the transaction of
 * the action that issues it, a worker takes it (`start`: RENDERING), renders it (COMPLETED) or gives
 * up with the reason (FAILED; a later render may still complete it). Staff ask for a failed one
 * again (`retry`: back to PENDING under a new job), and readers download the PDF; `download`
 * changes no status.
 */
export type LetterAction = 'start' | 'complete' | 'fail' | 'retry' | 'download';

/** Actions a user takes over the API (the others are the worker's, under the system scope). */
export const LETTER_USER_ACTIONS = ['download', 'retry'] as const satisfies readonly LetterAction[];
export type LetterUserAction = (typeof LETTER_USER_ACTIONS)[number];

const WORKER = [Role.ADMIN];
/** Who may have a letter rendered again: those who may ask for letters (POST …/letters). */
const REQUESTERS = [Role.ADMIN, Role.STAFF, Role.APPROVER];

/** The letter's lifecycle as one table (ARCHITECTURE.md "Decided once"); anything else is refused. */
export const LETTER_LIFECYCLE = new Lifecycle<DocumentStatus, LetterAction>(
  [
    // A job that finds the letter FAILED (a duplicate of an earlier job) may still render it.
    { from: ['PENDING', 'RENDERING', 'FAILED'], action: 'start', to: 'RENDERING', roles: WORKER },
    { from: ['PENDING', 'RENDERING', 'FAILED'], action: 'complete', to: 'COMPLETED', roles: WORKER },
    { from: ['PENDING', 'RENDERING', 'FAILED'], action: 'fail', to: 'FAILED', roles: WORKER },
    { from: 'FAILED', action: 'retry', to: 'PENDING', roles: REQUESTERS },
    { from: 'COMPLETED', action: 'download', to: 'COMPLETED', roles: ALL_ROLES },
  ],
  {
    codePrefix: 'LETTER',
    recordDe: 'Ein Schreiben',
    statusDe: { PENDING: 'in der Warteschlange', RENDERING: 'in Erzeugung', COMPLETED: 'erzeugt', FAILED: 'fehlgeschlagen' },
    actionDe: {
      start: 'in Erzeugung genommen',
      complete: 'als erzeugt gespeichert',
      fail: 'als fehlgeschlagen markiert',
      retry: 'erneut angestoßen',
      download: 'heruntergeladen',
    },
    // No step of this table needs a second pair of eyes.
    sameActor: () => forbidden('FORBIDDEN', 'Für diesen Schritt fehlt Ihnen die Berechtigung.'),
  },
);

/** The download is refused with the established messages: LETTER_FAILED or LETTER_NOT_READY (409). */
export function assertLetterDownloadable(doc: { status: DocumentStatus; error: string | null; storageKey: string | null }, scope: Scope): void {
  if (doc.storageKey !== null && LETTER_LIFECYCLE.permits(doc.status, 'download', scope)) return;
  throw letterNotReady(doc);
}

/** What the caller may do with the letter now (the worker's steps are not offered). */
export function letterAllowedActions(doc: { status: DocumentStatus }, scope: Scope): LetterUserAction[] {
  return LETTER_LIFECYCLE.allowedActions(doc.status, scope).filter((a): a is LetterUserAction => (LETTER_USER_ACTIONS as readonly string[]).includes(a));
}
