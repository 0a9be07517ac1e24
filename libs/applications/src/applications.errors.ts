import { CalendarDate, DomainError, FieldError } from '@foerderfluss/core';

export const callNotFound = (): DomainError => new DomainError('CALL_NOT_FOUND', 404, 'Der Projektaufruf wurde nicht gefunden.');

export const callNotEditable = (): DomainError =>
  new DomainError('CALL_NOT_EDITABLE', 409, 'Ein veröffentlichter Projektaufruf kann nicht mehr geändert werden.');

/**
 * A step the call's lifecycle does not have in this status. The code stays CALL_NOT_EDITABLE (the
 * established refusal), the German text says what was refused and what can be done instead.
 */
export const callStepRefused = (status: string, action: string): DomainError => {
  const detail: Record<string, string> = {
    update:
      status === 'DRAFT'
        ? 'Der Projektaufruf kann nicht geändert werden.'
        : 'Ein veröffentlichter oder geschlossener Projektaufruf kann nicht mehr geändert werden. Die Ausschlussfrist eines veröffentlichten Aufrufs kann verlängert werden.',
    publish: status === 'CLOSED' ? 'Ein geschlossener Projektaufruf kann nicht erneut veröffentlicht werden.' : 'Der Projektaufruf ist bereits veröffentlicht.',
    extend:
      status === 'DRAFT'
        ? 'Die Frist eines Entwurfs wird nicht verlängert, sondern im Entwurf geändert.'
        : 'Die Frist eines geschlossenen Projektaufrufs kann nicht mehr verlängert werden.',
    close: status === 'DRAFT' ? 'Ein Entwurf kann nicht geschlossen werden; er ist für Träger noch nicht sichtbar.' : 'Der Projektaufruf ist bereits geschlossen.',
  };
  return new DomainError('CALL_NOT_EDITABLE', 409, detail[action] ?? 'Ein veröffentlichter Projektaufruf kann nicht mehr geändert werden.', [], { callStatus: status, action });
};

/** Publishing a draft whose Ausschlussfrist has already passed would open nothing. */
export const callDeadlineInPast = (deadline: string): DomainError =>
  new DomainError(
    'CALL_DEADLINE_PASSED',
    409,
    `Die Ausschlussfrist (${CalendarDate.parse(deadline).toGermanString()}) ist bereits abgelaufen. Bitte legen Sie im Entwurf eine neue Frist fest und veröffentlichen Sie dann.`,
    [{ path: 'deadline', message: 'Die Ausschlussfrist darf nicht in der Vergangenheit liegen.' }],
    { deadline },
  );

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
