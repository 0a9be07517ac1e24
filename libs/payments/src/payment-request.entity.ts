import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ChecklistEntry, Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { ProviderOwnedEntity } from '@foerderfluss/organisations';
import { BudgetYear } from '@foerderfluss/funding';
import { Decision } from '@foerderfluss/decisions';
import { PaymentRequestStatus } from './payment-request-state';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

export type PayeeType = 'STAFF' | 'SUPPLIER' | 'CONTRACTOR' | 'INTERPRETER' | 'OTHER';

export interface DuePaymentDoc {
  dueDate: string;
  /** Art des Zahlungsempfängers */
  payeeType: PayeeType;
  costCategory: string;
  description: string;
  amount: string;
}

export interface LimitDoc {
  horizonEnd: string;
  paymentsDueWithinHorizon: string;
  sharePercent: string;
  allowedAmount: string;
  rejectedAmount: string;
  remainingUntilMaxAmount: string;
  reasons: { code: string; message: string }[];
  computedOn: string;
}

/**
 * Mittelabruf: a Träger asks for the money it needs for payments due within the horizon
 * (DOMAIN §2 step 5). Checked by staff, approved by someone else, paid by SEPA file.
 */
@Entity('payment_request')
@Index('ux_payment_request_reference', ['reference'], { unique: true })
@Index('ux_payment_request_sequence', ['decisionId', 'sequence'], { unique: true })
@Index('ix_payment_request_status', ['status'])
@Index('ix_payment_request_provider', ['providerId'])
@Check('ck_payment_request_status', `status IN ('DRAFT','SUBMITTED','CHECKED','APPROVED','PAID','REJECTED','WITHDRAWN')`)
@Check('ck_payment_request_amounts', 'requested_amount > 0 AND (checked_amount IS NULL OR (checked_amount > 0 AND checked_amount <= requested_amount))')
@Check('ck_payment_request_four_eyes', 'approved_by IS NULL OR approved_by <> checked_by')
export class PaymentRequest extends ProviderOwnedEntity {
  /**
   * The Kreis (issue 20). The database sets it on insert from the budget year this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;


  /** Abruf-Nr., e.g. FF-2026-0001/3 (Aktenzeichen / laufende Nummer). */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Decision;

  @Column({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  @ManyToOne(() => BudgetYear, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'budget_year_id' })
  budgetYear?: BudgetYear;

  @Column({ type: 'text' })
  status!: PaymentRequestStatus;

  @Column({ name: 'requested_amount', ...money })
  requestedAmount!: Money;

  /** The payments due within the horizon, one by one … */
  @Column({ name: 'due_payments', type: 'jsonb' })
  duePayments!: DuePaymentDoc[];

  /** … or as a total with an explanation. */
  @Column({ name: 'due_total', ...money, nullable: true })
  dueTotal!: Money | null;

  @Column({ name: 'due_explanation', type: 'text', nullable: true })
  dueExplanation!: string | null;

  /** Gewünschter Wertstellungstag */
  @Column({ name: 'requested_value_date', type: 'date', transformer: dateOnlyTransformer })
  requestedValueDate!: string;

  @Column({ type: 'jsonb', nullable: true })
  limit!: LimitDoc | null;

  /** Bank account as it was when the request was submitted. */
  @Column({ type: 'text', nullable: true })
  iban!: string | null;

  @Column({ type: 'text', nullable: true })
  bic!: string | null;

  @Column({ name: 'account_holder', type: 'text', nullable: true })
  accountHolder!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  /** Amount after the staff check (may be reduced, with reason). */
  @Column({ name: 'checked_amount', ...money, nullable: true })
  checkedAmount!: Money | null;

  @Column({ name: 'check_note', type: 'text', nullable: true })
  checkNote!: string | null;

  /**
   * The checker's checklist of "sachlich richtig" (PAYMENT_CHECKLIST), kept with the check
   * (issue 16). Null until checked and for checks made before it was asked for.
   */
  @Column({ name: 'check_checklist', type: 'jsonb', nullable: true })
  checkChecklist!: ChecklistEntry[] | null;

  @Column({ name: 'checked_by', type: 'uuid', nullable: true })
  checkedBy!: string | null;

  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt!: Date | null;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Column({ name: 'paid_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  paidOn!: string | null;
}
