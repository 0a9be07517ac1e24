import { DomainError, FieldError, validationError } from '@foerderfluss/core';

/** Träger never see assignments: for them a case answers 404, like a record that is not theirs. */
export const caseNotFound = (): DomainError => new DomainError('CASE_NOT_FOUND', 404, 'Der Vorgang wurde nicht gefunden.');

export const followUpNotFound = (): DomainError => new DomainError('FOLLOW_UP_NOT_FOUND', 404, 'Die Wiedervorlage wurde nicht gefunden.');

export const followUpSameActor = (): DomainError =>
  // Wiedervorlagen have no second pair of eyes; the lifecycle needs a refusal all the same.
  new DomainError('FOLLOW_UP_SAME_ACTOR', 403, 'Diesen Schritt kann dieselbe Person nicht zweimal gehen.');

export const assignmentInvalid = (errors: FieldError[]): DomainError => validationError(errors, 'Die Zuständigkeit kann so nicht gespeichert werden.');

export const followUpInvalid = (errors: FieldError[]): DomainError => validationError(errors, 'Die Wiedervorlage kann so nicht gespeichert werden.');

export const historyNotFound = (): DomainError => new DomainError('RECORD_NOT_FOUND', 404, 'Der Vorgang wurde nicht gefunden.');
