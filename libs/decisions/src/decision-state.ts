import { Lifecycle, Role, Transition } from '@foerderfluss/core';
import { sameApprover } from './decisions.errors';

export enum DecisionStatus {
  /** The first version waits for the second pair of eyes. */
  PROPOSED = 'PROPOSED',
  /** The first proposal was sent back; a new one may follow. */
  RETURNED = 'RETURNED',
  IN_FORCE = 'IN_FORCE',
  REJECTED = 'REJECTED',
  /** Widerruf/Rücknahme in full. */
  REVOKED = 'REVOKED',
  /** Festgesetzt and nothing (more) to recover: the case is closed. */
  CLOSED = 'CLOSED',
}

/** A new case (first proposal of a Bewilligung or Ablehnung) starts here. */
export const DECISION_INITIAL_STATUS = DecisionStatus.PROPOSED;

export type DecisionAction =
  | 'propose'
  | 'approve'
  | 'reject'
  | 'return'
  | 'proposeAmendment'
  | 'approveAmendment'
  | 'proposeRevocation'
  | 'approveRevocation'
  | 'revoke'
  | 'settle'
  | 'close'
  | 'closeRecovered';

const STAFF_SIDE = [Role.ADMIN, Role.STAFF];
const SIGNING = [Role.APPROVER];
/** The Festsetzung is approved by APPROVER or ADMIN (proofs controller). */
const SETTLING = [Role.APPROVER, Role.ADMIN];
/** Repayments are recorded by ADMIN or STAFF (proofs and repayments controllers). */
const RECEIVING = [Role.ADMIN, Role.STAFF];

/**
 * The decision lifecycle (DOMAIN §3): the case status. A version waits for the second pair of
 * eyes in PROPOSED (first proposal) or, for an Änderung or Widerruf, while the decision stays
 * IN_FORCE; each approval confirms someone else's proposal (`fourEyes` against the proposer).
 * `settle`, `close` and `closeRecovered` are taken on behalf of the proof-of-use lib
 * (Festsetzung, last Rückforderung settled) through `DecisionsService`.
 */
export const DECISION_TRANSITIONS: readonly Transition<DecisionStatus, DecisionAction>[] = [
  /** A new proposal after the first one was returned (the first one opens the case in PROPOSED). */
  { from: DecisionStatus.RETURNED, action: 'propose', to: DecisionStatus.PROPOSED, roles: STAFF_SIDE },
  /** Bewilligung issued. */
  { from: DecisionStatus.PROPOSED, action: 'approve', to: DecisionStatus.IN_FORCE, roles: SIGNING, fourEyes: true },
  /** A proposed Ablehnung issued. */
  { from: DecisionStatus.PROPOSED, action: 'reject', to: DecisionStatus.REJECTED, roles: SIGNING, fourEyes: true },
  { from: DecisionStatus.PROPOSED, action: 'return', to: DecisionStatus.RETURNED, roles: SIGNING },
  /** Änderungsbescheid: a new version while the decision stays in force. */
  { from: DecisionStatus.IN_FORCE, action: 'proposeAmendment', to: DecisionStatus.IN_FORCE, roles: STAFF_SIDE },
  { from: DecisionStatus.IN_FORCE, action: 'approveAmendment', to: DecisionStatus.IN_FORCE, roles: SIGNING, fourEyes: true },
  /** Widerruf/Rücknahme, whole or in part. */
  { from: DecisionStatus.IN_FORCE, action: 'proposeRevocation', to: DecisionStatus.IN_FORCE, roles: STAFF_SIDE },
  /** In part: a lower Höchstbetrag, still in force. */
  { from: DecisionStatus.IN_FORCE, action: 'approveRevocation', to: DecisionStatus.IN_FORCE, roles: SIGNING, fourEyes: true },
  /** In full (Höchstbetrag 0). */
  { from: DecisionStatus.IN_FORCE, action: 'revoke', to: DecisionStatus.REVOKED, roles: SIGNING, fourEyes: true },
  /** An Änderung or Widerruf sent back: the version in force stays. */
  { from: DecisionStatus.IN_FORCE, action: 'return', to: DecisionStatus.IN_FORCE, roles: SIGNING },
  /** Festsetzung with money still to come back: the final grant is fixed, the case stays open. */
  { from: DecisionStatus.IN_FORCE, action: 'settle', to: DecisionStatus.IN_FORCE, roles: SETTLING },
  { from: DecisionStatus.REVOKED, action: 'settle', to: DecisionStatus.REVOKED, roles: SETTLING },
  /** Festsetzung with nothing to recover: the case closes. */
  { from: [DecisionStatus.IN_FORCE, DecisionStatus.REVOKED], action: 'close', to: DecisionStatus.CLOSED, roles: SETTLING },
  /** The last Rückforderung is settled (a revoked decision stays REVOKED, as before). */
  { from: DecisionStatus.IN_FORCE, action: 'closeRecovered', to: DecisionStatus.CLOSED, roles: RECEIVING },
];

const STATUS_DE: Record<DecisionStatus, string> = {
  PROPOSED: 'vorgeschlagen',
  RETURNED: 'zurückgegeben',
  IN_FORCE: 'in Kraft',
  REJECTED: 'abgelehnt',
  REVOKED: 'widerrufen',
  CLOSED: 'abgeschlossen',
};

const ACTION_DE: Record<DecisionAction, string> = {
  propose: 'erneut vorgeschlagen',
  approve: 'freigegeben',
  reject: 'als Ablehnung erlassen',
  return: 'zurückgegeben',
  proposeAmendment: 'geändert',
  approveAmendment: 'mit einer Änderung freigegeben',
  proposeRevocation: 'widerrufen',
  approveRevocation: 'mit einem Teilwiderruf freigegeben',
  revoke: 'vollständig widerrufen',
  settle: 'festgesetzt',
  close: 'abgeschlossen',
  closeRecovered: 'nach der Rückforderung abgeschlossen',
};

export const decisionLifecycle = new Lifecycle<DecisionStatus, DecisionAction>(DECISION_TRANSITIONS, {
  codePrefix: 'DECISION',
  recordDe: 'Eine Entscheidung',
  statusDe: STATUS_DE,
  actionDe: ACTION_DE,
  statusKey: 'decisionStatus',
  sameActor: sameApprover,
});

// ───────────────────────────── versions ─────────────────────────────

export enum VersionStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}

export type VersionAction = 'approve' | 'return';

/** A version: proposed once, then approved (immutable from there) or returned. */
export const VERSION_TRANSITIONS: readonly Transition<VersionStatus, VersionAction>[] = [
  { from: VersionStatus.PROPOSED, action: 'approve', to: VersionStatus.APPROVED, roles: SIGNING, fourEyes: true },
  { from: VersionStatus.PROPOSED, action: 'return', to: VersionStatus.RETURNED, roles: SIGNING },
];

export const versionLifecycle = new Lifecycle<VersionStatus, VersionAction>(VERSION_TRANSITIONS, {
  codePrefix: 'DECISION_VERSION',
  recordDe: 'Eine Fassung',
  statusDe: { PROPOSED: 'vorgeschlagen', APPROVED: 'freigegeben', RETURNED: 'zurückgegeben' },
  actionDe: { approve: 'freigegeben', return: 'zurückgegeben' },
  statusKey: 'versionStatus',
  sameActor: sameApprover,
});

// ───────────────────────────── what the API offers ─────────────────────────────

/**
 * The actions the API reports in `allowedActions`, named by the route that takes them:
 * `approve` → POST /decisions/{id}/approve (whatever the pending version is), `return` →
 * POST /decisions/{id}/return, `proposeAmendment` → POST /decisions/{id}/amendments,
 * `proposeRevocation` → POST /decisions/{id}/revocations, `propose` → a new proposal on the
 * Antrag (propose-decision / propose-rejection). The steps the proof-of-use lib takes are not offered.
 */
export const DECISION_API_ACTIONS = ['propose', 'approve', 'return', 'proposeAmendment', 'proposeRevocation'] as const;
export type DecisionApiAction = (typeof DECISION_API_ACTIONS)[number];

export const DECISION_ROUTE_OF: Readonly<Record<DecisionAction, DecisionApiAction | null>> = {
  propose: 'propose',
  approve: 'approve',
  reject: 'approve',
  approveAmendment: 'approve',
  approveRevocation: 'approve',
  revoke: 'approve',
  return: 'return',
  proposeAmendment: 'proposeAmendment',
  proposeRevocation: 'proposeRevocation',
  settle: null,
  close: null,
  closeRecovered: null,
};
