import { DomainError } from '@foerderfluss/core';

export const notificationNotFound = (): DomainError => new DomainError('NOTIFICATION_NOT_FOUND', 404, 'Die Benachrichtigung wurde nicht gefunden.');
export const mailNotFound = (): DomainError => new DomainError('MAIL_NOT_FOUND', 404, 'Die E-Mail wurde im Postausgang nicht gefunden.');
export const mailNotFailed = (status: string): DomainError =>
  new DomainError('MAIL_NOT_FAILED', 409, `Nur fehlgeschlagene E-Mails können erneut versandt werden; diese E-Mail hat den Status „${status}“.`);
export const caughtMailNotFound = (): DomainError =>
  new DomainError('CAUGHT_MAIL_NOT_FOUND', 404, 'Die E-Mail wurde im lokalen Demo-Postfach nicht gefunden.');
/** The catch-all does not exist in production: its routes answer as if they were not there. */
export const catchAllUnavailable = (): DomainError =>
  new DomainError('MAIL_CATCHALL_UNAVAILABLE', 404, 'Das lokale Demo-Postfach gibt es nur außerhalb der Produktion.');
