import { Lifecycle, Role } from '@foerderfluss/core';
import { followUpSameActor } from './cases.errors';

export enum FollowUpStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
}

export const FOLLOW_UP_ACTIONS = ['complete'] as const;
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number];

/** Who works on cases at the Landratsamt: they assign, add Wiedervorlagen and mark them done (auditors read). */
export const CASE_WORKERS: readonly Role[] = [Role.ADMIN, Role.STAFF, Role.APPROVER];

/** A Wiedervorlage is open until someone of the Landratsamt marks it done; done is final. */
export const FOLLOW_UP_LIFECYCLE = new Lifecycle<FollowUpStatus, FollowUpAction>([{ from: FollowUpStatus.OPEN, action: 'complete', to: FollowUpStatus.DONE, roles: CASE_WORKERS }], {
  codePrefix: 'FOLLOW_UP',
  recordDe: 'Eine Wiedervorlage',
  statusDe: { OPEN: 'offen', DONE: 'erledigt' },
  actionDe: { complete: 'als erledigt markiert' },
  sameActor: followUpSameActor,
});

/** What the caller may do with a case itself (no status: the record's own lifecycle lives in its lib). */
export const CASE_ACTIONS = ['assign', 'addFollowUp'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
