import { DomainError } from '@foerderfluss/core';

export const notificationNotFound = (): DomainError => new DomainError('NOTIFICATION_NOT_FOUND', 404, 'Die Benachrichtigung wurde nicht gefunden.');
export const mailNotFound = (): DomainError => new DomainError('MAIL_NOT_FOUND', 404, 'Die E-Mail wurde im Postausgang nicht gefunden.');
export const mailNotFailed = (status: string): DomainError =>
  new DomainError('MAIL_NOT_FAILED', 409, `Nur fehlgeschlagene E-Mails können erneut versandt werden; diese E-Mail hat den Status „${status}“.`);
