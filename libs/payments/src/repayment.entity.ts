import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { Decision } from '@foerderfluss/decisions';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/** Zahlungseingang eines Trägers: against a recovery or voluntary. */
@Entity('repayment')
@Index('ix_repayment_decision', ['decisionId'])
@Index('ix_repayment_recovery', ['recoveryId'])
@Check('ck_repayment_amount', 'amount > 0')
@Check('ck_repayment_kind', `kind IN ('RECOVERY', 'VOLUNTARY')`)
export class Repayment {
  /**
   * The Kreis (issue 20). The database sets it on insert from the budget year this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

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
