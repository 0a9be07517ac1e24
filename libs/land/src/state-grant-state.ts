import { DomainError, Lifecycle, Role } from '@foerderfluss/core';

export type StateGrantStatus = 'DRAFT' | 'PROPOSED' | 'ISSUED';
export type StateGrantAction = 'edit' | 'propose' | 'return' | 'issue';

export const stateGrantSameApprover = (): DomainError =>
  new DomainError('STATE_GRANT_SAME_APPROVER', 403, 'Wer die Zuweisung vorgeschlagen hat, darf sie nicht selbst erlassen (Vier-Augen-Prinzip).');

/**
 * Zuweisungsbescheid des Landes (issue 20): the Land's own record (level STATE), so no Kreis user takes
 * a step. Land staff draft and propose; a Land approver other than the proposer issues or returns it.
 */
export const STATE_GRANT_LIFECYCLE = new Lifecycle<StateGrantStatus, StateGrantAction>(
  [
    { from: 'DRAFT', action: 'edit', to: 'DRAFT', roles: [Role.ADMIN, Role.STAFF] },
    { from: 'DRAFT', action: 'propose', to: 'PROPOSED', roles: [Role.ADMIN, Role.STAFF] },
    { from: 'PROPOSED', action: 'return', to: 'DRAFT', roles: [Role.APPROVER] },
    { from: 'PROPOSED', action: 'issue', to: 'ISSUED', roles: [Role.APPROVER], fourEyes: true },
  ],
  {
    codePrefix: 'STATE_GRANT',
    recordDe: 'Eine Zuweisung des Landes',
    statusDe: { DRAFT: 'Entwurf', PROPOSED: 'zur Zeichnung vorgelegt', ISSUED: 'erlassen' },
    actionDe: { edit: 'geändert', propose: 'zur Zeichnung vorgelegt', return: 'zurückgegeben', issue: 'erlassen' },
    sameActor: stateGrantSameApprover,
    level: 'STATE',
  },
);
