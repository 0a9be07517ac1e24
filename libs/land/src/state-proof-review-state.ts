import { DomainError, Lifecycle, Role } from '@foerderfluss/core';

export type StateProofReviewStatus = 'IN_REVIEW' | 'PROPOSED' | 'SETTLED' | 'CLOSED';
export type StateProofReviewAction = 'edit' | 'propose' | 'return' | 'settle' | 'receiveRefund';

export const stateSettlementSameApprover = (): DomainError =>
  new DomainError('STATE_SETTLEMENT_SAME_APPROVER', 403, 'Wer die Festsetzung vorgeschlagen hat, darf sie nicht selbst zeichnen (Vier-Augen-Prinzip).');

/**
 * The Land's Prüfung of a Kreis's Verwendungsnachweis (level STATE): in review the Land sets the
 * recognised A_kreis, proposes the Festsetzung, a second Land user settles it (four eyes), then the
 * refund's receipt closes it (straight away when there is nothing to refund).
 */
export const STATE_PROOF_REVIEW_LIFECYCLE = new Lifecycle<StateProofReviewStatus, StateProofReviewAction>(
  [
    { from: 'IN_REVIEW', action: 'edit', to: 'IN_REVIEW', roles: [Role.ADMIN, Role.STAFF] },
    { from: 'IN_REVIEW', action: 'propose', to: 'PROPOSED', roles: [Role.ADMIN, Role.STAFF] },
    { from: 'PROPOSED', action: 'return', to: 'IN_REVIEW', roles: [Role.APPROVER] },
    { from: 'PROPOSED', action: 'settle', to: 'SETTLED', roles: [Role.APPROVER], fourEyes: true },
    { from: 'SETTLED', action: 'receiveRefund', to: 'CLOSED', roles: [Role.ADMIN, Role.STAFF] },
  ],
  {
    codePrefix: 'STATE_PROOF_REVIEW',
    recordDe: 'Eine Prüfung des Landes',
    statusDe: { IN_REVIEW: 'in Prüfung', PROPOSED: 'Festsetzung vorgeschlagen', SETTLED: 'festgesetzt', CLOSED: 'abgeschlossen' },
    actionDe: { edit: 'geändert', propose: 'zur Festsetzung vorgelegt', return: 'zurückgegeben', settle: 'festgesetzt', receiveRefund: 'als erstattet gebucht' },
    sameActor: stateSettlementSameApprover,
    level: 'STATE',
  },
);
