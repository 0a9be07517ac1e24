import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { ProofOfUse } from './proof-of-use.entity';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

export type ReceiptDirection = 'EXPENSE' | 'INCOME';
export type ReceiptReview = 'OPEN' | 'RECOGNISED' | 'REDUCED' | 'REFUSED';

/** One line of the Belegliste. */
@Entity('receipt')
@Index('ux_receipt_position', ['proofId', 'position'], { unique: true })
@Index('ix_receipt_number', ['proofId', 'receiptNumber'])
// The Belegliste's page (ReceiptRepository, pageByIndex): the Kreis and the VN as the query names
// them, then exactly its order (position, id), so one page is an index-only walk that stops after
// the page, also where row-level security makes the planner expect only a few of the VN's Belege.
@Index('ix_receipt_page', ['districtId', 'proofId', 'position', 'id'])
@Check('ck_receipt_direction', `direction IN ('EXPENSE', 'INCOME')`)
@Check('ck_receipt_review', `review_status IN ('OPEN', 'RECOGNISED', 'REDUCED', 'REFUSED')`)
@Check('ck_receipt_amounts', 'gross_amount >= 0 AND vat_amount >= 0 AND vat_amount <= gross_amount AND eligible_amount >= 0 AND project_share_percent > 0 AND project_share_percent <= 100')
@Check('ck_receipt_recognised', 'recognised_amount IS NULL OR (recognised_amount >= 0 AND recognised_amount <= eligible_amount)')
export class Receipt {
  /**
   * The Kreis (issue 20). The database sets it on insert from the proof of use this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'proof_id', type: 'uuid' })
  proofId!: string;

  @ManyToOne(() => ProofOfUse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proof_id' })
  proof?: ProofOfUse;

  /** lfd. Nr. */
  @Column({ type: 'integer' })
  position!: number;

  /** Belegnummer */
  @Column({ name: 'receipt_number', type: 'text' })
  receiptNumber!: string;

  @Column({ name: 'receipt_date', type: 'date', transformer: dateOnlyTransformer })
  receiptDate!: string;

  @Column({ name: 'payment_date', type: 'date', transformer: dateOnlyTransformer })
  paymentDate!: string;

  /** Empfänger (expense) or Einzahler (income). */
  @Column({ type: 'text' })
  counterparty!: string;

  /** Grund der Zahlung */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  direction!: ReceiptDirection;

  /** Kostenart of the plan line (for income: the funding kind, e.g. THIRD_PARTY). */
  @Column({ name: 'cost_category', type: 'text' })
  costCategory!: string;

  @Column({ name: 'gross_amount', ...money })
  grossAmount!: Money;

  @Column({ name: 'vat_amount', ...money })
  vatAmount!: Money;

  @Column({ name: 'project_share_percent', type: 'numeric', precision: 9, scale: 6 })
  projectSharePercent!: string;

  /** zuwendungsfähiger Betrag as claimed by the Träger */
  @Column({ name: 'eligible_amount', ...money })
  eligibleAmount!: Money;

  @Column({ name: 'personnel_position', type: 'text', nullable: true })
  personnelPosition!: string | null;

  @Column({ name: 'in_sample', type: 'boolean', default: false })
  inSample!: boolean;

  @Column({ name: 'sample_reason', type: 'text', nullable: true })
  sampleReason!: string | null;

  @Column({ name: 'review_status', type: 'text', default: 'OPEN' })
  reviewStatus!: ReceiptReview;

  @Column({ name: 'recognised_amount', ...money, nullable: true })
  recognisedAmount!: Money | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote!: string | null;

  /** Copied from the proof on submission: a receipt cannot be deleted before (trigger). */
  @Column({ name: 'retain_until', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  retainUntil!: string | null;
}
