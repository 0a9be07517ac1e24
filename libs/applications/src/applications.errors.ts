import { CalendarDate, DomainError, FieldError } from '@foerderfluss/core';

export const callNotFound = (): DomainError => new DomainError('CALL_NOT_FOUND', 404, 'Der Projektaufruf wurde nicht gefunden.');

export const callNotEditable = (): DomainError =>
  new DomainError('CALL_NOT_EDITABLE', 409, 'Ein veröffentlichter Projektaufruf kann nicht mehr geändert werden.');

export const callNotOpen = (): DomainError =>
  new DomainError('CALL_NOT_OPEN', 409, 'Für diesen Projektaufruf können keine Anträge (mehr) gestellt werden.');

export const applicationNotFound = (): DomainError =>
  new DomainError('APPLICATION_NOT_FOUND', 404, 'Der Antrag wurde nicht gefunden.');

export const applicationNotEditable = (status: string): DomainError =>
  new DomainError(
    'APPLICATION_NOT_EDITABLE',
    409,
    `Der Antrag ist ${status} und kann nicht mehr geändert werden. Änderungen sind nur im Entwurf oder nach einer Nachforderung möglich.`,
  );

export const deadlinePassed = (deadline: string): DomainError =>
  new DomainError(
    'APPLICATION_DEADLINE_PASSED',
    409,
    `Die Ausschlussfrist für diesen Projektaufruf ist am ${CalendarDate.parse(deadline).toGermanString()} abgelaufen. Der Antrag kann nicht mehr eingereicht werden.`,
    [],
    { deadline },
  );

export const callNotYetOpen = (opening: string): DomainError =>
  new DomainError(
    'APPLICATION_CALL_NOT_YET_OPEN',
    409,
    `Anträge können erst ab dem ${CalendarDate.parse(opening).toGermanString()} eingereicht werden.`,
  );

export const applicationIncomplete = (errors: FieldError[]): DomainError =>
  new DomainError(
    'APPLICATION_INCOMPLETE',
    422,
    'Der Antrag kann so nicht eingereicht werden. Bitte korrigieren Sie die markierten Angaben.',
    errors,
  );

export const applicationInvalid = (errors: FieldError[]): DomainError =>
  new DomainError('VALIDATION_FAILED', 400, 'Die Eingaben sind ungültig.', errors);

export const roundConfirmed = (): DomainError =>
  new DomainError('ALLOCATION_ROUND_CONFIRMED', 409, 'Die Mittelverteilung ist bereits beschlossen und kann nicht mehr geändert werden.');

export const roundWithoutResolution = (): DomainError =>
  new DomainError(
    'ALLOCATION_ROUND_NO_RESOLUTION',
    409,
    'Bitte zuerst den Beschluss des Gremiums (Gremium, Datum, Beschluss-Nr.) erfassen.',
  );

/**
 * Four eyes on an Antrag's decision: whoever proposed it may not approve, reject or return it.
 * The same code and text as the decision's own refusal, since both guard the same Freigabe.
 */
export const applicationSameApprover = (): DomainError =>
  new DomainError(
    'DECISION_SAME_APPROVER',
    403,
    'Sie haben diese Entscheidung selbst vorgeschlagen. Nach dem Vier-Augen-Prinzip muss eine andere zeichnungsbefugte Person sie freigeben.',
  );
