import { Lifecycle, Role } from '@foerderfluss/core';
import { samePaymentApprover } from './payments.errors';

export type PaymentFileStatus = 'CREATED' | 'BOOKED';
export type PaymentFileAction = 'book';

/** A SEPA payment file is created once and booked once, when the bank executed it. */
export const paymentFileLifecycle = new Lifecycle<PaymentFileStatus, PaymentFileAction>(
  [{ from: 'CREATED', action: 'book', to: 'BOOKED', roles: [Role.ADMIN, Role.STAFF] }],
  {
    codePrefix: 'PAYMENT_FILE',
    recordDe: 'Eine Zahlungsdatei',
    statusDe: { CREATED: 'erzeugt', BOOKED: 'als ausgeführt gebucht' },
    actionDe: { book: 'als ausgeführt gebucht' },
    sameActor: samePaymentApprover,
  },
);
