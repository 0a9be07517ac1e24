import { Lifecycle, Role } from '@foerderfluss/core';
import { CallStatus } from './funding-call.entity';
import { callNotEditable } from './applications.errors';

/** Every action on a Projektaufruf, in the order the web shows its buttons. */
export const CALL_ACTIONS = ['update', 'publish', 'close'] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];

const STAFF = [Role.ADMIN, Role.STAFF];

/**
 * The Projektaufruf lifecycle: staff prepare a draft, publish it (Träger see it from then on) and
 * close it. A published call is never changed again. Steps outside the table keep their
 * established refusal (CALL_NOT_EDITABLE), which the service raises before asking the table.
 */
export const CALL_LIFECYCLE = new Lifecycle<CallStatus, CallAction>(
  [
    { from: CallStatus.DRAFT, action: 'update', to: CallStatus.DRAFT, roles: STAFF },
    { from: CallStatus.DRAFT, action: 'publish', to: CallStatus.PUBLISHED, roles: STAFF },
    { from: CallStatus.PUBLISHED, action: 'close', to: CallStatus.CLOSED, roles: STAFF },
  ],
  {
    codePrefix: 'CALL',
    recordDe: 'Ein Projektaufruf',
    statusDe: { DRAFT: 'Entwurf', PUBLISHED: 'veröffentlicht', CLOSED: 'geschlossen' },
    actionDe: { update: 'geändert', publish: 'veröffentlicht', close: 'geschlossen' },
    statusKey: 'callStatus',
    // No step of a call confirms someone else's: the refusal is never raised.
    sameActor: callNotEditable,
  },
);
