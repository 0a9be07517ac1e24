import { CalendarDate, DomainError, FieldError } from '@foerderfluss/core';

export const proofNotFound = (): DomainError => new DomainError('PROOF_NOT_FOUND', 404, 'Der Verwendungsnachweis wurde nicht gefunden.');

export const proofNotEditable = (): DomainError =>
  new DomainError('PROOF_NOT_EDITABLE', 409, 'Der Verwendungsnachweis ist eingereicht und kann nicht mehr geändert werden.');

export const proofExists = (): DomainError =>
  new DomainError('PROOF_EXISTS', 409, 'Für diese Entscheidung gibt es diesen Nachweis bereits.');

export const proofInvalid = (errors: FieldError[], detail = 'Die Eingaben sind ungültig.'): DomainError =>
  new DomainError('VALIDATION_FAILED', 400, detail, errors);

export const proofIncomplete = (errors: FieldError[]): DomainError =>
  new DomainError('PROOF_INCOMPLETE', 422, 'Der Verwendungsnachweis kann so nicht eingereicht werden. Bitte ergänzen Sie die markierten Angaben.', errors);

export const proofPeriodNotEnded = (periodEnd: CalendarDate): DomainError =>
  new DomainError(
    'PROOF_PERIOD_NOT_ENDED',
    409,
    `Der abschließende Verwendungsnachweis kann erst nach dem Ende des Bewilligungszeitraums am ${periodEnd.toGermanString()} eingereicht werden. Ein Zwischennachweis ist jederzeit möglich.`,
    [{ path: 'kind', message: `Einreichen ist ab dem ${periodEnd.addDays(1).toGermanString()} möglich.` }],
  );

export const proofIllegalState = (detail: string): DomainError => new DomainError('PROOF_ILLEGAL_STATE', 409, detail);

export const receiptNotFound = (): DomainError => new DomainError('RECEIPT_NOT_FOUND', 404, 'Der Beleg wurde nicht gefunden.');

export const settlementNotFound = (): DomainError => new DomainError('SETTLEMENT_NOT_FOUND', 404, 'Die Festsetzung wurde nicht gefunden.');

export const sameSettlementApprover = (): DomainError =>
  new DomainError(
    'SETTLEMENT_SAME_APPROVER',
    403,
    'Sie haben diese Festsetzung selbst vorgeschlagen. Nach dem Vier-Augen-Prinzip muss eine andere zeichnungsbefugte Person sie freigeben.',
  );

export const recoveryNotFound = (): DomainError => new DomainError('RECOVERY_NOT_FOUND', 404, 'Die Rückforderung wurde nicht gefunden.');

export const stateProofNotFound = (): DomainError => new DomainError('STATE_PROOF_NOT_FOUND', 404, 'Der Verwendungsnachweis des Landkreises wurde nicht gefunden.');

export const reviewNotStarted = (): DomainError => new DomainError('REVIEW_NOT_STARTED', 404, 'Die Prüfung dieses Verwendungsnachweises wurde noch nicht begonnen.');
