import { DomainError, forbidden, Lifecycle, Role, Scope } from '@foerderfluss/core';
import { proofIllegalState, proofNotEditable } from './proofs.errors';

export enum ProofStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  IN_REVIEW = 'IN_REVIEW',
  /** Prüfvermerk completed; for a final proof the Festsetzung is next. */
  REVIEWED = 'REVIEWED',
  SETTLED = 'SETTLED',
}

export const PROOF_ACTIONS = ['update', 'submit', 'startReview', 'editReview', 'completeReview', 'proposeSettlement', 'settle'] as const;
export type ProofAction = (typeof PROOF_ACTIONS)[number];

const REVIEWERS = [Role.ADMIN, Role.STAFF];

/**
 * The Verwendungsnachweis lifecycle (DOMAIN §2 steps 6–8) as one table. The Träger fills in its
 * draft (Sachbericht, Zahlen, Belege, Anlagen, Import: all `update`) and submits it; the Landratsamt
 * takes it into review, works on the Prüfvermerk (`editReview`) and completes it; a final proof is
 * then proposed for the Festsetzung and settled when the Festsetzung is approved (the settlement
 * asks `ProofsService.markSettled`, which takes `settle` here). Nothing else moves a proof's status.
 */
export const PROOF_LIFECYCLE = new Lifecycle<ProofStatus, ProofAction>(
  [
    { from: ProofStatus.DRAFT, action: 'update', to: ProofStatus.DRAFT, roles: [Role.PROVIDER] },
    { from: ProofStatus.DRAFT, action: 'submit', to: ProofStatus.SUBMITTED, roles: [Role.PROVIDER] },
    { from: ProofStatus.SUBMITTED, action: 'startReview', to: ProofStatus.IN_REVIEW, roles: REVIEWERS },
    { from: ProofStatus.IN_REVIEW, action: 'editReview', to: ProofStatus.IN_REVIEW, roles: REVIEWERS },
    { from: ProofStatus.IN_REVIEW, action: 'completeReview', to: ProofStatus.REVIEWED, roles: REVIEWERS },
    /** A Festsetzung is proposed on a reviewed final proof (the settlement lib's own step; the proof stays REVIEWED). */
    { from: ProofStatus.REVIEWED, action: 'proposeSettlement', to: ProofStatus.REVIEWED, roles: REVIEWERS },
    /** The approved Festsetzung settles the proof (taken by whoever approves the settlement). */
    { from: ProofStatus.REVIEWED, action: 'settle', to: ProofStatus.SETTLED, roles: [Role.APPROVER, Role.ADMIN] },
  ],
  {
    codePrefix: 'PROOF',
    recordDe: 'Ein Verwendungsnachweis',
    statusDe: {
      DRAFT: 'Entwurf',
      SUBMITTED: 'eingereicht',
      IN_REVIEW: 'in Prüfung',
      REVIEWED: 'geprüft (Prüfvermerk)',
      SETTLED: 'festgesetzt',
    },
    actionDe: {
      update: 'geändert',
      submit: 'eingereicht',
      startReview: 'in Prüfung genommen',
      editReview: 'geprüft',
      completeReview: 'mit dem Prüfvermerk abgeschlossen',
      proposeSettlement: 'zur Festsetzung vorgeschlagen',
      settle: 'festgesetzt',
    },
    // No step of this table confirms another person's step (the Festsetzung's four eyes are its own).
    sameActor: () => forbidden('FORBIDDEN', 'Für diesen Schritt fehlt Ihnen die Berechtigung.'),
  },
);

/**
 * The refusals the API has always given for a step the table does not have (codes and German texts
 * the clients and tests know); 409 in every case. Steps without an established refusal answer
 * PROOF_ILLEGAL_TRANSITION from the table.
 */
const REFUSALS: Partial<Record<ProofAction, () => DomainError>> = {
  update: proofNotEditable,
  submit: proofNotEditable,
  startReview: () => proofIllegalState('Nur ein eingereichter Verwendungsnachweis kann in Prüfung genommen werden.'),
  editReview: () => proofIllegalState('Der Verwendungsnachweis ist nicht (mehr) in Prüfung.'),
  completeReview: () => proofIllegalState('Der Verwendungsnachweis ist nicht (mehr) in Prüfung.'),
  proposeSettlement: () => proofIllegalState('Der Prüfvermerk zu diesem Verwendungsnachweis ist noch nicht abgeschlossen.'),
};

/**
 * The one way a proof's status moves: the table's target for `action`, or 409 when the table has no
 * such step and 403 when the caller's role may not take it. The Träger's draft steps refuse staff
 * with the established 409 PROOF_NOT_EDITABLE ("only the Träger itself fills in its proof").
 */
export function proofTransition(from: ProofStatus, action: ProofAction, scope: Scope): ProofStatus {
  const step = PROOF_LIFECYCLE.step(from, action);
  const refusal = REFUSALS[action];
  if (!step && refusal) throw refusal();
  if (step && (action === 'update' || action === 'submit') && !PROOF_LIFECYCLE.permits(from, action, scope)) throw proofNotEditable();
  return PROOF_LIFECYCLE.transition(from, action, scope);
}

/** What the caller may do with a proof now (`settle` is taken through the Festsetzung, never offered on the proof). */
export function proofAllowedActions(status: ProofStatus, kind: 'FINAL' | 'INTERIM', scope: Scope): ProofAction[] {
  return PROOF_LIFECYCLE.allowedActions(status, scope).filter((a) => a !== 'settle' && (a !== 'proposeSettlement' || kind === 'FINAL'));
}

/** The Prüfvermerk's own small lifecycle: worked on while IN_PROGRESS, frozen once COMPLETED. */
export type ProofReviewStatus = 'IN_PROGRESS' | 'COMPLETED';
export type ProofReviewAction = 'edit' | 'complete';

export const PROOF_REVIEW_LIFECYCLE = new Lifecycle<ProofReviewStatus, ProofReviewAction>(
  [
    { from: 'IN_PROGRESS', action: 'edit', to: 'IN_PROGRESS', roles: REVIEWERS },
    { from: 'IN_PROGRESS', action: 'complete', to: 'COMPLETED', roles: REVIEWERS },
  ],
  {
    codePrefix: 'PROOF_REVIEW',
    recordDe: 'Ein Prüfvermerk',
    statusDe: { IN_PROGRESS: 'in Bearbeitung', COMPLETED: 'abgeschlossen' },
    actionDe: { edit: 'bearbeitet', complete: 'abgeschlossen' },
    sameActor: () => forbidden('FORBIDDEN', 'Für diesen Schritt fehlt Ihnen die Berechtigung.'),
  },
);

/** The Prüfvermerk's next status; a closed one answers the established 409 PROOF_ILLEGAL_STATE. */
export function proofReviewTransition(from: ProofReviewStatus, action: ProofReviewAction, scope: Scope): ProofReviewStatus {
  if (!PROOF_REVIEW_LIFECYCLE.step(from, action)) throw proofIllegalState('Der Verwendungsnachweis ist nicht (mehr) in Prüfung.');
  return PROOF_REVIEW_LIFECYCLE.transition(from, action, scope);
}

/** The Kreis's VN to the Land (DOMAIN §6): own costs are entered while a draft, submitted once. */
export type StateProofStatus = 'DRAFT' | 'SUBMITTED';
export const STATE_PROOF_ACTIONS = ['setOwnCosts', 'submit'] as const;
export type StateProofAction = (typeof STATE_PROOF_ACTIONS)[number];

export const STATE_PROOF_LIFECYCLE = new Lifecycle<StateProofStatus, StateProofAction>(
  [
    { from: 'DRAFT', action: 'setOwnCosts', to: 'DRAFT', roles: REVIEWERS },
    { from: 'DRAFT', action: 'submit', to: 'SUBMITTED', roles: [Role.APPROVER, Role.ADMIN] },
  ],
  {
    codePrefix: 'STATE_PROOF',
    recordDe: 'Der Verwendungsnachweis an das Land',
    statusDe: { DRAFT: 'Entwurf', SUBMITTED: 'eingereicht' },
    actionDe: { setOwnCosts: 'geändert', submit: 'eingereicht' },
    sameActor: () => forbidden('FORBIDDEN', 'Für diesen Schritt fehlt Ihnen die Berechtigung.'),
  },
);

/** The state proof's next status; a submitted one answers the established 409 PROOF_ILLEGAL_STATE. */
export function stateProofTransition(from: StateProofStatus, action: StateProofAction, scope: Scope): StateProofStatus {
  if (!STATE_PROOF_LIFECYCLE.step(from, action)) throw proofIllegalState('Der Verwendungsnachweis an das Land ist bereits eingereicht.');
  return STATE_PROOF_LIFECYCLE.transition(from, action, scope);
}
