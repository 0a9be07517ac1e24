import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { Decision } from '@foerderfluss/decisions';
import { DisbursementStatus } from './disbursement-state';
import { PaymentRequest } from './payment-request.entity';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/** Auszahlung: the approved payout of one Mittelabruf, with its Land/Kreis split. */
@Entity('disbursement')
@Index('ux_disbursement_request', ['paymentRequestId'], { unique: true })
@Index('ix_disbursement_decision', ['decisionId'])
@Index('ix_disbursement_file', ['paymentFileId'])
@Check('ck_disbursement_status', `status IN ('APPROVED', 'IN_FILE', 'PAID')`)
@Check('ck_disbursement_file', `(status = 'APPROVED') = (payment_file_id IS NULL)`)
@Check('ck_disbursement_split', 'state_share + district_share = amount AND amount > 0')
export class Disbursement {
  /**
   * The Kreis (issue 20). The database sets it on insert from the budget year this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

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
