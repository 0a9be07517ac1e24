import { Lifecycle, Role } from '@foerderfluss/core';
import { sameSettlementApprover } from './proofs.errors';

/** Status of a Festsetzung (column `settlement.status`, checked by ck_settlement_status). */
export const SettlementStatus = {
  /** proposed by staff, waiting for the second pair of eyes */
  PROPOSED: 'PROPOSED',
  /** approved: the final grant is set, the case settled (a Träger sees it from here on) */
  APPROVED: 'APPROVED',
  /** sent back by the approver; a new proposal may follow */
  RETURNED: 'RETURNED',
} as const;
export type SettlementStatus = (typeof SettlementStatus)[keyof typeof SettlementStatus];

export const SETTLEMENT_ACTIONS = ['approve', 'return'] as const;
export type SettlementAction = (typeof SETTLEMENT_ACTIONS)[number];

/** A proposal is created in this status (POST /settlements); it is not a step of the table. */
export const SETTLEMENT_INITIAL_STATUS: SettlementStatus = SettlementStatus.PROPOSED;

/**
 * The Festsetzung lifecycle (DOMAIN §2 step 8) as one table. Approval confirms someone else's
 * proposal (four eyes: SETTLEMENT_SAME_APPROVER); returning it is the approver's too, but the
 * proposer may take back an own proposal (as before the table). Anything else answers 409.
 */
export const SETTLEMENT_LIFECYCLE = new Lifecycle<SettlementStatus, SettlementAction>(
  [
    { from: SettlementStatus.PROPOSED, action: 'approve', to: SettlementStatus.APPROVED, roles: [Role.APPROVER, Role.ADMIN], fourEyes: true },
    { from: SettlementStatus.PROPOSED, action: 'return', to: SettlementStatus.RETURNED, roles: [Role.APPROVER, Role.ADMIN] },
  ],
  {
    codePrefix: 'SETTLEMENT',
    recordDe: 'Eine Festsetzung',
    statusDe: { PROPOSED: 'vorgeschlagen', APPROVED: 'freigegeben', RETURNED: 'zurückgegeben' },
    actionDe: { approve: 'freigegeben', return: 'zurückgegeben' },
    statusKey: 'settlementStatus',
    sameActor: sameSettlementApprover,
  },
);
