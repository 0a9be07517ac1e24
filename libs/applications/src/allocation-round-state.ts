import { Lifecycle, Role } from '@foerderfluss/core';
import { AllocationRoundStatus } from './allocation-round.entity';
import { roundConfirmed } from './applications.errors';

/** Every action on a Mittelverteilung, in the order the web shows its buttons. */
export const ROUND_ACTIONS = ['setItems', 'recordResolution', 'confirm', 'proposeDecisions'] as const;
export type RoundAction = (typeof ROUND_ACTIONS)[number];

const STAFF = [Role.ADMIN, Role.STAFF];

/**
 * The Mittelverteilung of a call: staff set proposed amounts and record the committee's resolution
 * while it is open, confirm it once, and then propose the decisions from it. A confirmed round is
 * never changed (ALLOCATION_ROUND_CONFIRMED, raised by the service before asking the table).
 */
export const ROUND_LIFECYCLE = new Lifecycle<AllocationRoundStatus, RoundAction>(
  [
    { from: AllocationRoundStatus.OPEN, action: 'setItems', to: AllocationRoundStatus.OPEN, roles: STAFF },
    { from: AllocationRoundStatus.OPEN, action: 'recordResolution', to: AllocationRoundStatus.OPEN, roles: STAFF },
    { from: AllocationRoundStatus.OPEN, action: 'confirm', to: AllocationRoundStatus.CONFIRMED, roles: STAFF },
    { from: AllocationRoundStatus.CONFIRMED, action: 'proposeDecisions', to: AllocationRoundStatus.CONFIRMED, roles: STAFF },
  ],
  {
    codePrefix: 'ALLOCATION_ROUND',
    recordDe: 'Eine Mittelverteilung',
    statusDe: { OPEN: 'offen', CONFIRMED: 'beschlossen' },
    actionDe: { setItems: 'geändert', recordResolution: 'geändert', confirm: 'beschlossen', proposeDecisions: 'in Entscheidungen überführt' },
    statusKey: 'roundStatus',
    // No step of a round confirms someone else's: the refusal is never raised.
    sameActor: roundConfirmed,
  },
);
