import { Lifecycle, Role } from '@foerderfluss/core';
import { samePaymentApprover } from './payments.errors';

export enum PaymentRequestStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  CHECKED = 'CHECKED',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export const PAYMENT_REQUEST_ACTIONS = ['update', 'submit', 'withdraw', 'check', 'approve', 'reject', 'pay'] as const;
export type PaymentRequestAction = (typeof PAYMENT_REQUEST_ACTIONS)[number];

const S = PaymentRequestStatus;

/**
 * The Mittelabruf lifecycle (issue 7) as one table: the Träger drafts and submits, staff check
 * (sachliche Prüfung), a second person approves (four eyes against the checker), and booking the
 * executed payment file pays it. Anything not listed is a 409.
 */
export const paymentRequestLifecycle = new Lifecycle<PaymentRequestStatus, PaymentRequestAction>(
  [
    { from: S.DRAFT, action: 'update', to: S.DRAFT, roles: [Role.PROVIDER] },
    { from: S.DRAFT, action: 'submit', to: S.SUBMITTED, roles: [Role.PROVIDER] },
    { from: [S.DRAFT, S.SUBMITTED], action: 'withdraw', to: S.WITHDRAWN, roles: [Role.PROVIDER] },
    { from: S.SUBMITTED, action: 'check', to: S.CHECKED, roles: [Role.ADMIN, Role.STAFF] },
    { from: S.CHECKED, action: 'approve', to: S.APPROVED, roles: [Role.APPROVER], fourEyes: true },
    { from: [S.SUBMITTED, S.CHECKED], action: 'reject', to: S.REJECTED, roles: [Role.ADMIN, Role.STAFF, Role.APPROVER] },
    /** Taken by booking the payment file that carried the payout, not on the request itself. */
    { from: S.APPROVED, action: 'pay', to: S.PAID, roles: [Role.ADMIN, Role.STAFF] },
  ],
  {
    codePrefix: 'PAYMENT_REQUEST',
    recordDe: 'Ein Mittelabruf',
    statusKey: 'requestStatus',
    statusDe: {
      DRAFT: 'Entwurf',
      SUBMITTED: 'eingereicht',
      CHECKED: 'sachlich geprüft',
      APPROVED: 'zur Auszahlung freigegeben',
      PAID: 'ausgezahlt',
      REJECTED: 'abgelehnt',
      WITHDRAWN: 'zurückgezogen',
    },
    actionDe: {
      update: 'geändert',
      submit: 'eingereicht',
      check: 'geprüft',
      approve: 'freigegeben',
      pay: 'als ausgezahlt gebucht',
      reject: 'abgelehnt',
      withdraw: 'zurückgezogen',
    },
    sameActor: samePaymentApprover,
  },
);

/** Actions a caller takes on the request itself (`pay` happens by booking the payment file). */
export const PAYMENT_REQUEST_API_ACTIONS = PAYMENT_REQUEST_ACTIONS.filter((a) => a !== 'pay');

export function paymentStatusLabel(s: PaymentRequestStatus): string {
  return paymentRequestLifecycle.statusLabel(s);
}
