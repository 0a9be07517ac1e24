import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer, TimestampedEntity } from '@foerderfluss/database';
import { Decision } from '@foerderfluss/decisions';
import { Settlement } from './settlement.entity';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/** Rückforderung: paid beyond the final grant, to be repaid with § 49a (3) interest. */
@Entity('recovery')
@Index('ux_recovery_reference', ['reference'], { unique: true })
@Index('ix_recovery_decision', ['decisionId'])
@Check('ck_recovery_status', `status IN ('OPEN', 'PARTIALLY_PAID', 'SETTLED')`)
@Check('ck_recovery_amounts', 'principal > 0 AND repaid_principal >= 0 AND repaid_principal <= principal')
export class Recovery extends TimestampedEntity {
  /**
   * The Kreis (issue 20). The database sets it on insert from the decision this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** e.g. FF-2026-0001/R */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Decision;

  @Column({ name: 'settlement_id', type: 'uuid' })
  settlementId!: string;

  @ManyToOne(() => Settlement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'settlement_id' })
  settlement?: Settlement;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  /** Rückforderungsbescheid (BESCHEID) or vertraglicher Rückzahlungsanspruch (VERTRAG). */
  @Column({ type: 'text' })
  instrument!: 'BESCHEID' | 'VERTRAG';

  @Column({ ...money })
  principal!: Money;

  /**
   * Interest runs on these parts from the day after their payout (ex-tunc: the tranches that were
   * not needed). `from` is null for a payout approved but not booked at the Festsetzung; its
   * interest starts the day after the booking of `disbursementId`.
   */
  @Column({ name: 'interest_parts', type: 'jsonb' })
  interestParts!: { from: string | null; amount: string; disbursementId?: string }[];

  @Column({ name: 'due_date', type: 'date', transformer: dateOnlyTransformer })
  dueDate!: string;

  @Column({ type: 'text' })
  status!: 'OPEN' | 'PARTIALLY_PAID' | 'SETTLED';

  @Column({ name: 'repaid_principal', ...money, default: 0 })
  repaidPrincipal!: Money;

  @Column({ name: 'repaid_interest', ...money, default: 0 })
  repaidInterest!: Money;

  @Column({ name: 'settled_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  settledOn!: string | null;

  @Column({ name: 'ledger_entry_id', type: 'bigint' })
  ledgerEntryId!: string;
}
