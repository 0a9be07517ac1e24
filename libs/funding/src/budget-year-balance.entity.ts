import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { moneyTransformer } from '@foerderfluss/database';
import { BudgetYear } from './budget-year.entity';

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
@Check('ck_balance_paid_within_approved', 'paid_state + paid_district <= disbursed_state + disbursed_district')
export class BudgetYearBalance {
  /**
   * The Kreis (issue 20). The database sets it on insert from the budget year this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryColumn({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  @ManyToOne(() => BudgetYear, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'budget_year_id' })
  budgetYear?: BudgetYear;

  @Column({ name: 'allocated_state', ...money }) allocatedState!: Money;
  @Column({ name: 'allocated_district', ...money }) allocatedDistrict!: Money;
  @Column({ name: 'committed_state', ...money }) committedState!: Money;
  @Column({ name: 'committed_district', ...money }) committedDistrict!: Money;
  /** Approved payouts (Auszahlungsanordnungen, DISBURSEMENT): "angewiesen", paid or not yet. */
  @Column({ name: 'disbursed_state', ...money }) disbursedState!: Money;
  @Column({ name: 'disbursed_district', ...money }) disbursedDistrict!: Money;
  /** Payouts the bank executed (DISBURSEMENT_PAID): "ausgezahlt". */
  @Column({ name: 'paid_state', ...money }) paidState!: Money;
  @Column({ name: 'paid_district', ...money }) paidDistrict!: Money;
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
