import { DomainError, plural } from '@foerderfluss/core';

/** "in einer Minute", "in 15 Minuten". */
const minutes = (seconds: number): string => {
  const n = Math.ceil(seconds / 60);
  return `${n === 1 ? 'einer' : n} ${plural(n, 'Minute', 'Minuten')}`;
};

/** One answer for every failed login, whether the account exists or not. */
export const invalidCredentials = (): DomainError =>
  new DomainError('AUTH_INVALID_CREDENTIALS', 401, 'E-Mail-Adresse oder Passwort ist falsch.');

export const tooManyAttempts = (retryAfterSeconds: number): DomainError =>
  new DomainError(
    'AUTH_TOO_MANY_ATTEMPTS',
    429,
    `Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${minutes(retryAfterSeconds)} erneut.`,
    [],
    { retryAfterSeconds },
  );

export const unauthenticated = (): DomainError =>
  new DomainError('AUTH_REQUIRED', 401, 'Bitte melden Sie sich an. Die Sitzung ist abgelaufen oder ungültig.');

export const userNotFound = (): DomainError =>
  new DomainError('USER_NOT_FOUND', 404, 'Die Benutzerin oder der Benutzer wurde nicht gefunden.');

export const emailTaken = (): DomainError =>
  new DomainError('USER_EMAIL_TAKEN', 409, 'Für diese E-Mail-Adresse gibt es bereits ein Benutzerkonto.', [
    { path: 'email', message: 'Diese E-Mail-Adresse ist bereits vergeben.' },
  ]);

export const wrongCurrentPassword = (): DomainError =>
  new DomainError('AUTH_WRONG_PASSWORD', 400, 'Das bisherige Passwort ist falsch.', [
    { path: 'currentPassword', message: 'Das bisherige Passwort ist falsch.' },
  ]);

export const cannotDeactivateSelf = (): DomainError =>
  new DomainError('USER_DEACTIVATE_SELF', 409, 'Sie können Ihr eigenes Benutzerkonto nicht deaktivieren.');

/** Changing one's own roles would end one's own session and could lock out the last ADMIN. */
export const cannotChangeOwnRoles = (): DomainError =>
  new DomainError('USER_CHANGE_OWN_ROLES', 409, 'Sie können die Rollen Ihres eigenen Benutzerkontos nicht ändern. Bitte wenden Sie sich an eine andere Administratorin oder einen anderen Administrator.');
/** The mfaToken between password and code: expired, used already, or not one at all. */
export const mfaTokenInvalid = (): DomainError =>
  new DomainError('AUTH_MFA_TOKEN_INVALID', 401, 'Die Anmeldung ist abgelaufen. Bitte melden Sie sich erneut mit E-Mail-Adresse und Passwort an.');

/** A wrong code at sign-in (401 like a wrong password; counted against the same limits). */
export const invalidMfaCode = (): DomainError =>
  new DomainError('AUTH_MFA_INVALID_CODE', 401, 'Der Code ist falsch oder abgelaufen.', [
    { path: 'code', message: 'Bitte geben Sie den aktuellen sechsstelligen Code aus Ihrer Authenticator-App oder einen unbenutzten Wiederherstellungscode ein.' },
  ]);

/** A wrong code while enrolling or removing the factor (400: the session itself stays valid). */
export const wrongMfaCode = (): DomainError =>
  new DomainError('MFA_WRONG_CODE', 400, 'Der Code stimmt nicht.', [
    { path: 'code', message: 'Der Code stimmt nicht. Bitte geben Sie den Code ein, den Ihre Authenticator-App gerade anzeigt.' },
  ]);

export const mfaAlreadyEnabled = (): DomainError =>
  new DomainError('MFA_ALREADY_ENABLED', 409, 'Für Ihr Konto ist bereits ein zweiter Faktor eingerichtet. Entfernen Sie ihn zuerst, um ein neues Gerät einzurichten.');

export const mfaNotStarted = (): DomainError =>
  new DomainError('MFA_ENROLMENT_NOT_STARTED', 409, 'Bitte beginnen Sie die Einrichtung neu: es wurde noch kein Schlüssel erzeugt.');

export const mfaNotEnabled = (): DomainError => new DomainError('MFA_NOT_ENABLED', 409, 'Für Ihr Konto ist kein zweiter Faktor eingerichtet.');
