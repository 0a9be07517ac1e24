import { Lifecycle, Role } from '@foerderfluss/core';
import { samePaymentApprover } from './payments.errors';

export type StateDrawdownStatus = 'REQUESTED' | 'RECEIVED';
export type StateDrawdownAction = 'receive';

/** The Kreis's Mittelabruf beim Land: requested, then the Land's money is received once. */
export const stateDrawdownLifecycle = new Lifecycle<StateDrawdownStatus, StateDrawdownAction>(
  [{ from: 'REQUESTED', action: 'receive', to: 'RECEIVED', roles: [Role.ADMIN, Role.STAFF] }],
  {
    codePrefix: 'STATE_DRAWDOWN',
    recordDe: 'Ein Mittelabruf beim Land',
    statusDe: { REQUESTED: 'angefordert', RECEIVED: 'eingegangen' },
    actionDe: { receive: 'als eingegangen gebucht' },
    sameActor: samePaymentApprover,
  },
);
