import { DomainError } from '@foerderfluss/core';

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

export type ApplicationAction =
  | 'submit'
  | 'startReview'
  | 'requestChanges'
  | 'proposeDecision'
  | 'returnProposal'
  | 'approve'
  | 'reject'
  | 'withdraw';

/**
 * The Antrag lifecycle as one table (DOMAIN §2): from → action → to. Anything not listed is an
 * illegal transition and answers 409; no service decides transitions on its own.
 */
export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationAction, Partial<Record<ApplicationStatus, ApplicationStatus>>>> = {
  submit: {
    [ApplicationStatus.DRAFT]: ApplicationStatus.SUBMITTED,
    [ApplicationStatus.CHANGES_REQUESTED]: ApplicationStatus.SUBMITTED,
  },
  startReview: { [ApplicationStatus.SUBMITTED]: ApplicationStatus.IN_REVIEW },
  requestChanges: { [ApplicationStatus.IN_REVIEW]: ApplicationStatus.CHANGES_REQUESTED },
  proposeDecision: { [ApplicationStatus.IN_REVIEW]: ApplicationStatus.DECISION_PROPOSED },
  /** The approver sends a proposal back for another look. */
  returnProposal: { [ApplicationStatus.DECISION_PROPOSED]: ApplicationStatus.IN_REVIEW },
  approve: { [ApplicationStatus.DECISION_PROPOSED]: ApplicationStatus.APPROVED },
  reject: { [ApplicationStatus.DECISION_PROPOSED]: ApplicationStatus.REJECTED },
  /** The Träger withdraws before any decision. */
  withdraw: {
    [ApplicationStatus.DRAFT]: ApplicationStatus.WITHDRAWN,
    [ApplicationStatus.SUBMITTED]: ApplicationStatus.WITHDRAWN,
    [ApplicationStatus.IN_REVIEW]: ApplicationStatus.WITHDRAWN,
    [ApplicationStatus.CHANGES_REQUESTED]: ApplicationStatus.WITHDRAWN,
  },
};

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
  submit: 'eingereicht',
  startReview: 'in Prüfung genommen',
  requestChanges: 'zur Nachbesserung zurückgegeben',
  proposeDecision: 'zur Entscheidung vorgeschlagen',
  returnProposal: 'zurück in die Prüfung gegeben',
  approve: 'bewilligt',
  reject: 'abgelehnt',
  withdraw: 'zurückgezogen',
};

export function statusLabel(status: ApplicationStatus): string {
  return STATUS_DE[status];
}

/** The target status, or a 409 in German naming the current status. */
export function nextStatus(current: ApplicationStatus, action: ApplicationAction): ApplicationStatus {
  const to = APPLICATION_TRANSITIONS[action][current];
  if (!to) {
    throw new DomainError(
      'APPLICATION_ILLEGAL_TRANSITION',
      409,
      `Ein Antrag im Status „${STATUS_DE[current]}“ kann nicht ${ACTION_DE[action]} werden.`,
      [],
      { applicationStatus: current, action },
    );
  }
  return to;
}

/** A Träger edits only its drafts and applications returned for changes. */
export const PROVIDER_EDITABLE: readonly ApplicationStatus[] = [ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED];
