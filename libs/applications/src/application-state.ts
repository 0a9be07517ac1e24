import { Lifecycle, Role } from '@foerderfluss/core';
import { applicationSameApprover } from './applications.errors';

export enum ApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  IN_REVIEW = 'IN_REVIEW',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  DECISION_PROPOSED = 'DECISION_PROPOSED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** Every action on an Antrag, in the order the web shows its buttons. */
export const APPLICATION_ACTIONS = [
  'update',
  'submit',
  'withdraw',
  'startReview',
  'requestChanges',
  'proposeDecision',
  'approve',
  'reject',
  'returnProposal',
] as const;

export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

const S = ApplicationStatus;
const PROVIDER = [Role.PROVIDER];
const STAFF = [Role.ADMIN, Role.STAFF];
const APPROVER = [Role.APPROVER];

const STATUS_DE: Record<ApplicationStatus, string> = {
  DRAFT: 'Entwurf',
  SUBMITTED: 'eingereicht',
  IN_REVIEW: 'in Prüfung',
  CHANGES_REQUESTED: 'Nachbesserung angefordert',
  DECISION_PROPOSED: 'Entscheidung vorgeschlagen',
  APPROVED: 'bewilligt',
  REJECTED: 'abgelehnt',
  WITHDRAWN: 'zurückgezogen',
};

const ACTION_DE: Record<ApplicationAction, string> = {
  update: 'geändert',
  submit: 'eingereicht',
  startReview: 'in Prüfung genommen',
  requestChanges: 'zur Nachbesserung zurückgegeben',
  proposeDecision: 'zur Entscheidung vorgeschlagen',
  returnProposal: 'zurück in die Prüfung gegeben',
  approve: 'bewilligt',
  reject: 'abgelehnt',
  withdraw: 'zurückgezogen',
};

/**
 * The Antrag lifecycle as one table (DOMAIN §2): from → action → to, who may take the step, and
 * whether it confirms someone else's (four eyes against the proposer of the decision). Anything
 * not listed is an illegal transition and answers 409; no service decides transitions on its own.
 * The approver's steps are taken through the decision (approve, return); the decisions lib asks
 * `ApplicationsService.applyTransition` for them.
 */
export const APPLICATION_LIFECYCLE = new Lifecycle<ApplicationStatus, ApplicationAction>(
  [
    /** The Träger edits only its drafts and applications returned for changes. */
    { from: S.DRAFT, action: 'update', to: S.DRAFT, roles: PROVIDER },
    { from: S.CHANGES_REQUESTED, action: 'update', to: S.CHANGES_REQUESTED, roles: PROVIDER },
    { from: [S.DRAFT, S.CHANGES_REQUESTED], action: 'submit', to: S.SUBMITTED, roles: PROVIDER },
    /** The Träger withdraws before any decision is proposed. */
    { from: [S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED], action: 'withdraw', to: S.WITHDRAWN, roles: PROVIDER },
    { from: S.SUBMITTED, action: 'startReview', to: S.IN_REVIEW, roles: STAFF },
    { from: S.IN_REVIEW, action: 'requestChanges', to: S.CHANGES_REQUESTED, roles: STAFF },
    { from: S.IN_REVIEW, action: 'proposeDecision', to: S.DECISION_PROPOSED, roles: STAFF },
    { from: S.DECISION_PROPOSED, action: 'approve', to: S.APPROVED, roles: APPROVER, fourEyes: true },
    { from: S.DECISION_PROPOSED, action: 'reject', to: S.REJECTED, roles: APPROVER, fourEyes: true },
    /** The approver sends a proposal back for another look. */
    { from: S.DECISION_PROPOSED, action: 'returnProposal', to: S.IN_REVIEW, roles: APPROVER, fourEyes: true },
  ],
  {
    codePrefix: 'APPLICATION',
    recordDe: 'Ein Antrag',
    statusDe: STATUS_DE,
    actionDe: ACTION_DE,
    statusKey: 'applicationStatus',
    sameActor: applicationSameApprover,
  },
);

export function statusLabel(status: ApplicationStatus): string {
  return STATUS_DE[status];
}

/** The target status, or a 409 in German naming the current status (table only, no role check). */
export function nextStatus(current: ApplicationStatus, action: ApplicationAction): ApplicationStatus {
  return APPLICATION_LIFECYCLE.next(current, action);
}
