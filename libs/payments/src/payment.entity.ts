import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer, TimestampedEntity } from '@foerderfluss/database';
import { Organisation } from '@foerderfluss/organisations';
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
export class PaymentRequest extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

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

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Organisation;

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

export enum DisbursementStatus {
  /** Approved, waiting for a payment file. */
  APPROVED = 'APPROVED',
  IN_FILE = 'IN_FILE',
  PAID = 'PAID',
}

/** Auszahlung: the approved payout of one Mittelabruf, with its Land/Kreis split. */
@Entity('disbursement')
@Index('ux_disbursement_request', ['paymentRequestId'], { unique: true })
@Index('ix_disbursement_decision', ['decisionId'])
@Index('ix_disbursement_file', ['paymentFileId'])
@Check('ck_disbursement_status', `status IN ('APPROVED', 'IN_FILE', 'PAID')`)
@Check('ck_disbursement_file', `(status = 'APPROVED') = (payment_file_id IS NULL)`)
@Check('ck_disbursement_split', 'state_share + district_share = amount AND amount > 0')
export class Disbursement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'payment_request_id', type: 'uuid' })
  paymentRequestId!: string;

  @ManyToOne(() => PaymentRequest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_request_id' })
  paymentRequest?: PaymentRequest;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Decision;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @Column({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  @Column({ ...money })
  amount!: Money;

  @Column({ name: 'state_share', ...money })
  stateShare!: Money;

  @Column({ name: 'district_share', ...money })
  districtShare!: Money;

  @Column({ type: 'text' })
  status!: DisbursementStatus;

  @Column({ type: 'text' })
  iban!: string;

  @Column({ type: 'text', nullable: true })
  bic!: string | null;

  @Column({ name: 'account_holder', type: 'text' })
  accountHolder!: string;

  @Column({ name: 'requested_value_date', type: 'date', transformer: dateOnlyTransformer })
  requestedValueDate!: string;

  @Column({ name: 'ledger_entry_id', type: 'bigint' })
  ledgerEntryId!: string;

  @Column({ name: 'payment_file_id', type: 'uuid', nullable: true })
  paymentFileId!: string | null;

  /** Value date of the payout (Wertstellung), booked when the bank executed the file. */
  @Column({ name: 'paid_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  paidOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A SEPA credit-transfer file (pain.001.001.09) as it went to the bank; immutable once created. */
@Entity('payment_file')
@Index('ux_payment_file_message', ['messageId'], { unique: true })
@Check('ck_payment_file_status', `status IN ('CREATED', 'BOOKED')`)
export class PaymentFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ type: 'text' })
  status!: 'CREATED' | 'BOOKED';

  @Column({ name: 'execution_date', type: 'date', transformer: dateOnlyTransformer })
  executionDate!: string;

  @Column({ name: 'number_of_transactions', type: 'integer' })
  numberOfTransactions!: number;

  @Column({ name: 'control_sum', ...money })
  controlSum!: Money;

  @Column({ name: 'pain_version', type: 'text' })
  painVersion!: string;

  @Column({ type: 'text' })
  xml!: string;

  /** SHA-256 of the XML, to show that what was sent is what is stored. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'jsonb' })
  warnings!: { path: string; message: string }[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'booked_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  bookedOn!: string | null;
}

/** When paid money was used (for § 49a (4)): reported by the Träger or taken from the Belegliste. */
@Entity('fund_use')
@Index('ix_fund_use_decision', ['decisionId', 'usedOn'])
@Check('ck_fund_use_amount', 'amount > 0')
@Check('ck_fund_use_source', `source IN ('REPORTED', 'RECEIPTS')`)
export class FundUse {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Decision;

  @Column({ name: 'used_on', type: 'date', transformer: dateOnlyTransformer })
  usedOn!: string;

  @Column({ ...money })
  amount!: Money;

  @Column({ type: 'text' })
  source!: 'REPORTED' | 'RECEIPTS';

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'reported_by', type: 'uuid', nullable: true })
  reportedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Staff's discretionary decision on § 49a (4) interest: demand or waive, with the reasons. */
@Entity('late_use_interest_decision')
@Index('ix_late_use_interest_decision', ['decisionId', 'decidedAt'])
@Check('ck_late_use_outcome', `outcome IN ('DEMAND', 'WAIVE')`)
export class LateUseInterestDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Decision;

  @Column({ type: 'text' })
  outcome!: 'DEMAND' | 'WAIVE';

  @Column({ name: 'computed_interest', ...money })
  computedInterest!: Money;

  /** The amount demanded (0 when waived). */
  @Column({ name: 'demanded_amount', ...money })
  demandedAmount!: Money;

  @Column({ name: 'as_of', type: 'date', transformer: dateOnlyTransformer })
  asOf!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** The full calculation the decision rests on (segments, tranches, parameters). */
  @Column({ type: 'jsonb' })
  calculation!: Record<string, unknown>;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}

/** Mittelabruf des Kreises beim Land. */
@Entity('state_drawdown')
@Index('ix_state_drawdown_year', ['budgetYearId'])
@Check('ck_state_drawdown_status', `status IN ('REQUESTED', 'RECEIVED')`)
@Check('ck_state_drawdown_amount', 'amount > 0')
export class StateDrawdown {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  @ManyToOne(() => BudgetYear, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'budget_year_id' })
  budgetYear?: BudgetYear;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ ...money })
  amount!: Money;

  @Column({ name: 'requested_on', type: 'date', transformer: dateOnlyTransformer })
  requestedOn!: string;

  @Column({ type: 'text' })
  status!: 'REQUESTED' | 'RECEIVED';

  @Column({ name: 'received_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  receivedOn!: string | null;

  @Column({ name: 'ledger_entry_id', type: 'bigint', nullable: true })
  ledgerEntryId!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Zahlungseingang eines Trägers: against a recovery or voluntary. */
@Entity('repayment')
@Index('ix_repayment_decision', ['decisionId'])
@Index('ix_repayment_recovery', ['recoveryId'])
@Check('ck_repayment_amount', 'amount > 0')
@Check('ck_repayment_kind', `kind IN ('RECOVERY', 'VOLUNTARY')`)
export class Repayment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Decision;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @Column({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  /** The recovery it settles (settlement module); null for a voluntary repayment. */
  @Column({ name: 'recovery_id', type: 'uuid', nullable: true })
  recoveryId!: string | null;

  @Column({ type: 'text' })
  kind!: 'RECOVERY' | 'VOLUNTARY';

  @Column({ name: 'received_on', type: 'date', transformer: dateOnlyTransformer })
  receivedOn!: string;

  @Column({ ...money })
  amount!: Money;

  @Column({ name: 'state_share', ...money })
  stateShare!: Money;

  @Column({ name: 'district_share', ...money })
  districtShare!: Money;

  @Column({ type: 'text' })
  payer!: string;

  /** Verwendungszweck as it arrived on the statement. */
  @Column({ name: 'payment_reference', type: 'text' })
  paymentReference!: string;

  @Column({ name: 'ledger_entry_id', type: 'bigint' })
  ledgerEntryId!: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const PAYMENT_ENTITY_LIST = [PaymentRequest, Disbursement, PaymentFile, FundUse, LateUseInterestDecision, StateDrawdown, Repayment];
