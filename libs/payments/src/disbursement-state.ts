import { Lifecycle, Role } from '@foerderfluss/core';
import { samePaymentApprover } from './payments.errors';

export enum DisbursementStatus {
  /** Approved, waiting for a payment file. */
  APPROVED = 'APPROVED',
  IN_FILE = 'IN_FILE',
  PAID = 'PAID',
}

export const DISBURSEMENT_ACTIONS = ['file', 'pay'] as const;
export type DisbursementAction = (typeof DISBURSEMENT_ACTIONS)[number];

const S = DisbursementStatus;

/**
 * The Auszahlung lifecycle: created APPROVED by the Freigabe of its Mittelabruf, carried by exactly
 * one SEPA payment file, paid when the bank executed that file.
 */
export const disbursementLifecycle = new Lifecycle<DisbursementStatus, DisbursementAction>(
  [
    { from: S.APPROVED, action: 'file', to: S.IN_FILE, roles: [Role.ADMIN, Role.STAFF] },
    { from: S.IN_FILE, action: 'pay', to: S.PAID, roles: [Role.ADMIN, Role.STAFF] },
  ],
  {
    codePrefix: 'DISBURSEMENT',
    recordDe: 'Eine Auszahlung',
    statusDe: { APPROVED: 'freigegeben', IN_FILE: 'in einer Zahlungsdatei', PAID: 'ausgezahlt' },
    actionDe: { file: 'in eine Zahlungsdatei übernommen', pay: 'als ausgezahlt gebucht' },
    sameActor: samePaymentApprover,
  },
);
