import { DomainError, Lifecycle, Role } from '@foerderfluss/core';
import type { StateDrawdownStatus } from '@foerderfluss/payments';

export type LandDrawdownAction = 'pay';

/**
 * The Land's step on a Kreis's Mittelabruf (level STATE): it records that it paid the requested money;
 * the status stays REQUESTED until the Kreis books the receipt (payments' own lifecycle, level DISTRICT).
 * Paid once: the service refuses a second payment (409 STATE_DRAWDOWN_ALREADY_PAID).
 */
export const LAND_DRAWDOWN_LIFECYCLE = new Lifecycle<StateDrawdownStatus, LandDrawdownAction>(
  [{ from: 'REQUESTED', action: 'pay', to: 'REQUESTED', roles: [Role.ADMIN, Role.STAFF] }],
  {
    codePrefix: 'STATE_DRAWDOWN',
    recordDe: 'Ein Mittelabruf beim Land',
    statusDe: { REQUESTED: 'angefordert', RECEIVED: 'eingegangen' },
    actionDe: { pay: 'als ausgezahlt gebucht' },
    sameActor: () => new DomainError('STATE_DRAWDOWN_SAME_ACTOR', 403, 'Vier-Augen-Prinzip.'),
    level: 'STATE',
  },
);
