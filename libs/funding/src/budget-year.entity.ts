import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Money, Rate } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer, percentRateTransformer, TimestampedEntity } from '@foerderfluss/database';
import { Organisation } from '@foerderfluss/organisations';
import { FieldOfAction, Programme, SocialArea } from '@foerderfluss/programmes';

export enum BudgetYearStatus {
  OPEN = 'OPEN',
  /** After the Kreis's proof of use to the Land: no new money may be promised or paid. */
  CLOSED = 'CLOSED',
}

/**
 * Haushaltsjahr of a programme: the Land's Zuwendungsbescheid to the Kreis and the Kreis's own
 * share. The amounts themselves (H_land, Kreisanteil) live in the ledger as ALLOCATION entries
 * and in the balance row; this record holds what the Bescheid says about them.
 */
@Entity('budget_year')
@Index('ux_budget_year_programme_year', ['programmeId', 'year'], { unique: true })
@Check('ck_budget_year_period', 'period_start <= period_end')
@Check('ck_budget_year_rate', 'state_rate_percent >= 0 AND state_rate_percent <= 100')
@Check('ck_budget_year_status', `status IN ('OPEN', 'CLOSED')`)
export class BudgetYear extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'integer' })
  year!: number;

  /** Aktenzeichen of the Land's Zuwendungsbescheid to the Kreis. */
  @Column({ name: 'state_grant_reference', type: 'text' })
  stateGrantReference!: string;

  @Column({ name: 'state_grant_date', type: 'date', transformer: dateOnlyTransformer })
  stateGrantDate!: string;

  /** Fördersatz of the Land towards the Kreis (Anteilfinanzierung); also the ratio of every source split. */
  @Column({ name: 'state_rate_percent', type: 'numeric', precision: 9, scale: 6, transformer: percentRateTransformer })
  stateRatePercent!: Rate;

  /** Bewilligungszeitraum of the Land's Bescheid. */
  @Column({ name: 'period_start', type: 'date', transformer: dateOnlyTransformer })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'date', transformer: dateOnlyTransformer })
  periodEnd!: string;

  /** Deadline of the Kreis's Verwendungsnachweis to the Land. */
  @Column({ name: 'state_proof_due', type: 'date', transformer: dateOnlyTransformer })
  stateProofDue!: string;

  /** Haushaltsstelle / Produktkonto of the Kreis's own share. */
  @Column({ name: 'district_budget_line', type: 'text' })
  districtBudgetLine!: string;

  /** Ausschlussfrist for applications of this year. */
  @Column({ name: 'application_deadline', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  applicationDeadline!: string | null;

  @Column({ type: 'text', default: BudgetYearStatus.OPEN })
  status!: BudgetYearStatus;
}

const money = { type: 'numeric' as const, precision: 15, scale: 2, default: 0, transformer: moneyTransformer };

/**
 * The budget year's balances, kept in step with the ledger in the same transaction as every
 * entry. Materialised because reading one row beats summing a million entries (bench:ledger),
 * and because the row lock on it is what serialises competing commitments.
 */
@Entity('budget_year_balance')
@Check('ck_balance_not_overcommitted', 'committed_state + committed_district <= allocated_state + allocated_district')
@Check('ck_balance_allocated_non_negative', 'allocated_state >= 0 AND allocated_district >= 0')
@Check('ck_balance_committed_non_negative', 'committed_state + committed_district >= 0')
@Check('ck_balance_state_drawdown_capped', 'received_from_state - refunded_to_state <= allocated_state')
export class BudgetYearBalance {
  @PrimaryColumn({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  @ManyToOne(() => BudgetYear, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'budget_year_id' })
  budgetYear?: BudgetYear;

  @Column({ name: 'allocated_state', ...money }) allocatedState!: Money;
  @Column({ name: 'allocated_district', ...money }) allocatedDistrict!: Money;
  @Column({ name: 'committed_state', ...money }) committedState!: Money;
  @Column({ name: 'committed_district', ...money }) committedDistrict!: Money;
  @Column({ name: 'disbursed_state', ...money }) disbursedState!: Money;
  @Column({ name: 'disbursed_district', ...money }) disbursedDistrict!: Money;
  @Column({ name: 'recoveries_due_state', ...money }) recoveriesDueState!: Money;
  @Column({ name: 'recoveries_due_district', ...money }) recoveriesDueDistrict!: Money;
  @Column({ name: 'recoveries_received_state', ...money }) recoveriesReceivedState!: Money;
  @Column({ name: 'recoveries_received_district', ...money }) recoveriesReceivedDistrict!: Money;
  @Column({ name: 'received_from_state', ...money }) receivedFromState!: Money;
  @Column({ name: 'refunded_to_state', ...money }) refundedToState!: Money;

  @Column({ name: 'entry_count', type: 'bigint', default: 0 })
  entryCount!: string;

  @Column({ name: 'last_entry_id', type: 'bigint', nullable: true })
  lastEntryId!: string | null;
}

/**
 * One movement of money in a budget year. Append-only (a trigger refuses UPDATE and DELETE);
 * a correction is a new entry that names the one it corrects.
 */
@Entity('budget_ledger_entry')
@Index('ix_ledger_year_id', ['budgetYearId', 'id'])
@Index('ix_ledger_year_kind', ['budgetYearId', 'kind'])
@Index('ix_ledger_provider', ['providerId'])
@Index('ix_ledger_reference', ['referenceType', 'referenceId'])
@Check('ck_ledger_split_sums', 'state_share + district_share = amount')
@Check('ck_ledger_amount_non_zero', 'amount <> 0')
@Check(
  'ck_ledger_kind',
  `kind IN ('ALLOCATION','COMMITMENT','COMMITMENT_CHANGE','RELEASE','DISBURSEMENT','RECOVERY_DUE','RECOVERY_RECEIVED','STATE_DRAWDOWN','STATE_REFUND')`,
)
export class LedgerEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  @ManyToOne(() => BudgetYear, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'budget_year_id' })
  budgetYear?: BudgetYear;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  amount!: Money;

  @Column({ name: 'state_share', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  stateShare!: Money;

  @Column({ name: 'district_share', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  districtShare!: Money;

  /** The Träger the money concerns (null for allocations and Land flows). */
  @Column({ name: 'provider_id', type: 'uuid', nullable: true })
  providerId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Organisation;

  /** For the monitoring view by Handlungsfeld and Sozialraum. */
  @Column({ name: 'field_of_action_code', type: 'text', nullable: true })
  fieldOfActionCode!: string | null;

  @ManyToOne(() => FieldOfAction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'field_of_action_code' })
  fieldOfAction?: FieldOfAction;

  @Column({ name: 'social_area_code', type: 'text', nullable: true })
  socialAreaCode!: string | null;

  @ManyToOne(() => SocialArea, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'social_area_code' })
  socialArea?: SocialArea;

  /** The business record that caused the entry, e.g. `Decision` + its id. */
  @Column({ name: 'reference_type', type: 'text', nullable: true })
  referenceType!: string | null;

  @Column({ name: 'reference_id', type: 'text', nullable: true })
  referenceId!: string | null;

  @Column({ name: 'corrects_entry_id', type: 'bigint', nullable: true })
  correctsEntryId!: string | null;

  @ManyToOne(() => LedgerEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_entry_id' })
  correctsEntry?: LedgerEntry;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Value date of the money movement (Buchungsdatum). */
  @Column({ name: 'booking_date', type: 'date', transformer: dateOnlyTransformer })
  bookingDate!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
