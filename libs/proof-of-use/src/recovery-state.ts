import { forbidden, Lifecycle, Role } from '@foerderfluss/core';

/** Status of a Rückforderung (column `recovery.status`, checked by ck_recovery_status). */
export const RecoveryStatus = {
  /** opened by the approved Festsetzung, nothing received yet */
  OPEN: 'OPEN',
  /** money received, principal or interest still outstanding */
  PARTIALLY_PAID: 'PARTIALLY_PAID',
  /** principal and interest up to the last payment received; the decision closes with it */
  SETTLED: 'SETTLED',
} as const;
export type RecoveryStatus = (typeof RecoveryStatus)[keyof typeof RecoveryStatus];

/**
 * `repay` books a Zahlungseingang that leaves something outstanding; `settle` is the Zahlungseingang
 * that covers the rest. Both are the same request (POST /recoveries/{id}/repayments): the amount
 * decides which step of the table is taken, so the API offers only `repay`.
 */
export const RECOVERY_ACTIONS = ['repay', 'settle'] as const;
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];
/** The actions a caller can ask for (the API's `allowedActions`). */
export const RECOVERY_REQUEST_ACTIONS = ['repay'] as const satisfies readonly RecoveryAction[];
export type RecoveryRequestAction = (typeof RECOVERY_REQUEST_ACTIONS)[number];

/** An approved Festsetzung with R > 0 opens the recovery in this status; it is not a step of the table. */
export const RECOVERY_INITIAL_STATUS: RecoveryStatus = RecoveryStatus.OPEN;

const TAKES_MONEY = [RecoveryStatus.OPEN, RecoveryStatus.PARTIALLY_PAID] as const;
const CASH_DESK = [Role.ADMIN, Role.STAFF];

/** The Rückforderung lifecycle (DOMAIN §5) as one table: repayments move it, nothing else. */
export const RECOVERY_LIFECYCLE = new Lifecycle<RecoveryStatus, RecoveryAction>(
  [
    { from: TAKES_MONEY, action: 'repay', to: RecoveryStatus.PARTIALLY_PAID, roles: CASH_DESK },
    { from: TAKES_MONEY, action: 'settle', to: RecoveryStatus.SETTLED, roles: CASH_DESK },
  ],
  {
    codePrefix: 'RECOVERY',
    recordDe: 'Eine Rückforderung',
    statusDe: { OPEN: 'offen', PARTIALLY_PAID: 'teilweise beglichen', SETTLED: 'vollständig beglichen' },
    actionDe: { repay: 'weiter getilgt', settle: 'beglichen' },
    statusKey: 'recoveryStatus',
    // No step of this table confirms another person's step; never used.
    sameActor: () => forbidden('FORBIDDEN', 'Für diesen Schritt fehlt Ihnen die Berechtigung.'),
  },
);
