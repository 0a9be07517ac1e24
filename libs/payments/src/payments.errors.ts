import { CalendarDate, DomainError, FieldError, Money } from '@foerderfluss/core';

export const paymentRequestNotFound = (): DomainError =>
  new DomainError('PAYMENT_REQUEST_NOT_FOUND', 404, 'Der Mittelabruf wurde nicht gefunden.');

export const paymentRequestInvalid = (errors: FieldError[]): DomainError =>
  new DomainError('VALIDATION_FAILED', 400, 'Die Eingaben sind ungültig.', errors);

export const paymentRequestNotEditable = (): DomainError =>
  new DomainError('PAYMENT_REQUEST_NOT_EDITABLE', 409, 'Nur ein Mittelabruf im Entwurf kann geändert werden.');

export const decisionNotPayable = (): DomainError =>
  new DomainError(
    'PAYMENT_DECISION_NOT_IN_FORCE',
    409,
    'Für diese Entscheidung können keine Mittel abgerufen werden: Sie ist nicht in Kraft (widerrufen, abgeschlossen, abgelehnt oder noch nicht erlassen). Es wurde nichts gespeichert.',
    [{ path: 'decisionId', message: 'Die Entscheidung ist nicht in Kraft.' }],
  );

export const exceedsLimit = (allowed: Money, requested: Money, reasons: { code: string; message: string }[]): DomainError =>
  new DomainError(
    'PAYMENT_REQUEST_EXCEEDS_LIMIT',
    422,
    `Abrufbar sind derzeit höchstens ${allowed.formatEur()}; angefordert sind ${requested.formatEur()}. ${reasons.map((r) => r.message).join(' ')} ` +
      'Sie können den zulässigen Teil abrufen.',
    [{ path: 'requestedAmount', message: `Höchstens ${allowed.formatEur()} abrufbar.` }],
    { allowedAmount: allowed.toApiString(), rejectedAmount: requested.minus(allowed).toApiString(), reasons },
  );

export const valueDateInPast = (today: CalendarDate): DomainError =>
  new DomainError('PAYMENT_VALUE_DATE_IN_PAST', 400, 'Der gewünschte Wertstellungstag liegt in der Vergangenheit.', [
    { path: 'requestedValueDate', message: `Bitte einen Tag ab dem ${today.toGermanString()} angeben.` },
  ]);

export const bankAccountMissing = (): DomainError =>
  new DomainError('PAYMENT_BANK_ACCOUNT_MISSING', 409, 'Für den Träger ist keine Bankverbindung hinterlegt. Bitte zuerst die Bankverbindung erfassen.');

export const bankAccountUnconfirmed = (): DomainError =>
  new DomainError(
    'PAYMENT_BANK_ACCOUNT_UNCONFIRMED',
    409,
    'Die Bankverbindung des Trägers wurde geändert und ist noch nicht von einer zweiten Person bestätigt. Bis zur Bestätigung ist keine Auszahlung möglich.',
  );

export const bankAccountChanged = (): DomainError =>
  new DomainError(
    'PAYMENT_BANK_ACCOUNT_CHANGED',
    409,
    'Die Bankverbindung des Trägers hat sich seit dem Mittelabruf geändert. Bitte den Abruf mit der aktuellen, bestätigten Bankverbindung neu einreichen.',
  );

export const samePaymentApprover = (): DomainError =>
  new DomainError(
    'PAYMENT_SAME_APPROVER',
    403,
    'Sie haben diesen Mittelabruf selbst geprüft. Nach dem Vier-Augen-Prinzip muss eine andere Person die Auszahlung freigeben.',
  );

export const exceedsMaxAmount = (maxAmount: Money, disbursed: Money): DomainError =>
  new DomainError(
    'PAYMENT_EXCEEDS_MAX_AMOUNT',
    409,
    `Die Auszahlung würde den Höchstbetrag von ${maxAmount.formatEur()} überschreiten; bereits ausgezahlt sind ${disbursed.formatEur()}. Es wurde nichts freigegeben.`,
  );

export const disbursementNotSelectable = (references: string[]): DomainError =>
  new DomainError(
    'PAYMENT_FILE_NOT_SELECTABLE',
    409,
    `Diese Auszahlungen sind bereits in einer Zahlungsdatei oder nicht freigegeben: ${references.join(', ')}. Es wurde keine Datei erzeugt.`,
  );

export const disbursementNotFound = (): DomainError => new DomainError('DISBURSEMENT_NOT_FOUND', 404, 'Die Auszahlung wurde nicht gefunden.');

export const paymentFileNotFound = (): DomainError => new DomainError('PAYMENT_FILE_NOT_FOUND', 404, 'Die Zahlungsdatei wurde nicht gefunden.');

export const paymentFileAlreadyBooked = (): DomainError =>
  new DomainError('PAYMENT_FILE_ALREADY_BOOKED', 409, 'Die Zahlungsdatei ist bereits als ausgeführt gebucht.');

export const drawdownNotFound = (): DomainError => new DomainError('STATE_DRAWDOWN_NOT_FOUND', 404, 'Der Mittelabruf beim Land wurde nicht gefunden.');

export const drawdownAlreadyReceived = (): DomainError =>
  new DomainError('STATE_DRAWDOWN_ALREADY_RECEIVED', 409, 'Der Zahlungseingang des Landes ist bereits gebucht.');
