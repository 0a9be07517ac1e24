import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { Organisation } from '@foerderfluss/organisations';
import { FieldOfAction, SocialArea } from '@foerderfluss/programmes';
import { BudgetYear } from './budget-year.entity';

/**
 * One movement of money in a budget year. Append-only (a trigger refuses UPDATE and DELETE);
 * a correction is a new entry that names the one it corrects.
 */
@Entity('budget_ledger_entry')
@Index('ix_ledger_year_id', ['budgetYearId', 'id'])
@Index('ix_ledger_year_kind', ['budgetYearId', 'kind'])
@Index('ix_ledger_provider', ['providerId'])
@Index('ix_ledger_reference', ['referenceType', 'referenceId'])
@Index('ix_ledger_year_booking', ['budgetYearId', 'bookingDate', 'id'])
@Check('ck_ledger_split_sums', 'state_share + district_share = amount')
@Check('ck_ledger_amount_non_zero', 'amount <> 0')
@Check(
  'ck_ledger_kind',
  `kind IN ('ALLOCATION','COMMITMENT','COMMITMENT_CHANGE','RELEASE','DISBURSEMENT','DISBURSEMENT_PAID','RECOVERY_DUE','RECOVERY_RECEIVED','STATE_DRAWDOWN','STATE_REFUND')`,
)
export class LedgerEntry {
  /**
   * The Kreis (issue 20). The database sets it on insert from the budget year this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

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
