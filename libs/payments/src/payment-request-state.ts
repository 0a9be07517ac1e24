import { DomainError } from '@foerderfluss/core';

export enum PaymentRequestStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  CHECKED = 'CHECKED',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export type PaymentRequestAction = 'submit' | 'check' | 'approve' | 'pay' | 'reject' | 'withdraw';

/** The Mittelabruf lifecycle (issue 7) as one table; anything else is a 409. */
export const PAYMENT_REQUEST_TRANSITIONS: Readonly<Record<PaymentRequestAction, Partial<Record<PaymentRequestStatus, PaymentRequestStatus>>>> = {
  submit: { [PaymentRequestStatus.DRAFT]: PaymentRequestStatus.SUBMITTED },
  check: { [PaymentRequestStatus.SUBMITTED]: PaymentRequestStatus.CHECKED },
  approve: { [PaymentRequestStatus.CHECKED]: PaymentRequestStatus.APPROVED },
  pay: { [PaymentRequestStatus.APPROVED]: PaymentRequestStatus.PAID },
  reject: {
    [PaymentRequestStatus.SUBMITTED]: PaymentRequestStatus.REJECTED,
    [PaymentRequestStatus.CHECKED]: PaymentRequestStatus.REJECTED,
  },
  withdraw: {
    [PaymentRequestStatus.DRAFT]: PaymentRequestStatus.WITHDRAWN,
    [PaymentRequestStatus.SUBMITTED]: PaymentRequestStatus.WITHDRAWN,
  },
};

const STATUS_DE: Record<PaymentRequestStatus, string> = {
  DRAFT: 'Entwurf',
  SUBMITTED: 'eingereicht',
  CHECKED: 'sachlich geprüft',
  APPROVED: 'zur Auszahlung freigegeben',
  PAID: 'ausgezahlt',
  REJECTED: 'abgelehnt',
  WITHDRAWN: 'zurückgezogen',
};

const ACTION_DE: Record<PaymentRequestAction, string> = {
  submit: 'eingereicht',
  check: 'geprüft',
  approve: 'freigegeben',
  pay: 'als ausgezahlt gebucht',
  reject: 'abgelehnt',
  withdraw: 'zurückgezogen',
};

export function paymentStatusLabel(s: PaymentRequestStatus): string {
  return STATUS_DE[s];
}

export function nextPaymentStatus(current: PaymentRequestStatus, action: PaymentRequestAction): PaymentRequestStatus {
  const to = PAYMENT_REQUEST_TRANSITIONS[action][current];
  if (!to) {
    throw new DomainError(
      'PAYMENT_REQUEST_ILLEGAL_TRANSITION',
      409,
      `Ein Mittelabruf im Status „${STATUS_DE[current]}“ kann nicht ${ACTION_DE[action]} werden.`,
      [],
      { requestStatus: current, action },
    );
  }
  return to;
}
