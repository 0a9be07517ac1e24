import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money, Rate } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer, percentRateTransformer, TimestampedEntity } from '@foerderfluss/database';
import { BudgetYear } from '@foerderfluss/funding';
import { StateProof } from '@foerderfluss/proof-of-use';
import type { StateProofReviewStatus } from './state-proof-review-state';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/**
 * The Land's Prüfung of a Kreis's Verwendungsnachweis (issue 20, DOMAIN §6) and its Festsetzung:
 * Z_land = min(H_land, p_land × A_kreis), refund = paid_by_land − Z_land. Proposed by Land staff,
 * settled by another Land user (four eyes); then the refund's receipt is recorded.
 */
@Entity('state_proof_review')
@Index('ux_state_proof_review_proof', ['stateProofId'], { unique: true })
@Check('ck_state_proof_review_status', `status IN ('IN_REVIEW', 'PROPOSED', 'SETTLED', 'CLOSED')`)
export class StateProofReview extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'state_proof_id', type: 'uuid' })
  stateProofId!: string;

  @ManyToOne(() => StateProof, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'state_proof_id' })
  stateProof?: StateProof;

  /** The Kreis whose proof this is (copied from the proof when the review starts). */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Index()
  @Column({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  @ManyToOne(() => BudgetYear, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'budget_year_id' })
  budgetYear?: BudgetYear;

  @Column({ type: 'text' })
  status!: StateProofReviewStatus;

  /** A_kreis as the Land recognises it (starts with the Kreis's submitted figure). */
  @Column({ name: 'recognised_costs', ...money })
  recognisedCosts!: Money;

  /** H_land when the review started. */
  @Column({ name: 'state_max_amount', ...money })
  stateMaxAmount!: Money;

  @Column({ name: 'state_rate_percent', type: 'numeric', precision: 9, scale: 6, transformer: percentRateTransformer })
  stateRatePercent!: Rate;

  /** paid_by_land: the drawdowns received minus what was already refunded, at the proposal. */
  @Column({ name: 'paid_by_state', ...money })
  paidByState!: Money;

  /** Z_land, computed at the proposal. */
  @Column({ name: 'final_state_grant', ...money, nullable: true })
  finalStateGrant!: Money | null;

  /** paid_by_land − Z_land (never below zero), computed at the proposal. */
  @Column({ name: 'refund_amount', ...money, nullable: true })
  refundAmount!: Money | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'started_by', type: 'uuid', nullable: true })
  startedBy!: string | null;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy!: string | null;

  @Column({ name: 'proposed_at', type: 'timestamptz', nullable: true })
  proposedAt!: Date | null;

  @Column({ name: 'settled_by', type: 'uuid', nullable: true })
  settledBy!: string | null;

  @Column({ name: 'settled_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  settledOn!: string | null;

  /** The refund's receipt at the Land. */
  @Column({ name: 'refund_received_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  refundReceivedOn!: string | null;

  @Column({ name: 'refund_received_amount', ...money, nullable: true })
  refundReceivedAmount!: Money | null;
}
