import { DomainError, FieldError, Money } from '@foerderfluss/core';

export const decisionNotFound = (): DomainError =>
  new DomainError('DECISION_NOT_FOUND', 404, 'Die Entscheidung (Bescheid/Vertrag) wurde nicht gefunden.');

export const sameApprover = (): DomainError =>
  new DomainError(
    'DECISION_SAME_APPROVER',
    403,
    'Sie haben diese Entscheidung selbst vorgeschlagen. Nach dem Vier-Augen-Prinzip muss eine andere zeichnungsbefugte Person sie freigeben.',
  );

export const noPendingProposal = (): DomainError =>
  new DomainError('DECISION_NO_PENDING_PROPOSAL', 409, 'Für diese Entscheidung liegt kein Vorschlag zur Freigabe vor.');

export const proposalPending = (): DomainError =>
  new DomainError(
    'DECISION_PROPOSAL_PENDING',
    409,
    'Für diese Entscheidung liegt bereits ein Vorschlag zur Freigabe vor. Er muss erst freigegeben oder zurückgegeben werden.',
  );

export const decisionNotInForce = (): DomainError =>
  new DomainError('DECISION_NOT_IN_FORCE', 409, 'Die Entscheidung ist nicht (mehr) in Kraft; eine Änderung oder ein Widerruf ist nicht möglich.');

export const earlyStartBlocked = (detail: string): DomainError =>
  new DomainError(
    'DECISION_EARLY_START_BLOCKED',
    409,
    `Die Bewilligung ist nicht möglich: ${detail} Ohne Zustimmung zum vorzeitigen Maßnahmebeginn darf die Maßnahme vor der Bewilligung nicht begonnen haben.`,
  );

export const maxBelowDisbursed = (disbursed: Money): DomainError =>
  new DomainError(
    'DECISION_MAX_BELOW_DISBURSED',
    409,
    `Der neue Höchstbetrag liegt unter den bereits ausgezahlten ${disbursed.formatEur()}. Dafür ist ein (Teil-)Widerruf mit Rückforderung vorzusehen.`,
  );

export const decisionInvalid = (errors: FieldError[]): DomainError =>
  new DomainError('VALIDATION_FAILED', 400, 'Die Eingaben sind ungültig.', errors);
