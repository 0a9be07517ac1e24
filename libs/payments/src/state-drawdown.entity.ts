import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { BudgetYear } from '@foerderfluss/funding';
import type { StateDrawdownStatus } from './state-drawdown-state';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/** Mittelabruf des Kreises beim Land. */
@Entity('state_drawdown')
@Index('ix_state_drawdown_year', ['budgetYearId'])
@Check('ck_state_drawdown_status', `status IN ('REQUESTED', 'RECEIVED')`)
@Check('ck_state_drawdown_amount', 'amount > 0')
export class StateDrawdown {
  /**
   * The Kreis (issue 20). The database sets it on insert from the budget year this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

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
  status!: StateDrawdownStatus;

  @Column({ name: 'received_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  receivedOn!: string | null;

  /** The day the Land paid the drawdown out (recorded by the Land, issue 20); the Kreis then books its receipt. */
  @Column({ name: 'state_paid_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  statePaidOn!: string | null;

  /** The Land user who recorded the payment. */
  @Column({ name: 'state_paid_by', type: 'uuid', nullable: true })
  statePaidBy!: string | null;

  @Column({ name: 'ledger_entry_id', type: 'bigint', nullable: true })
  ledgerEntryId!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
