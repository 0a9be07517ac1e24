import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { Recovery } from './recovery.entity';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/**
 * A Mahnung of an overdue Rückforderung (Mahnwesen, issue 16 item 4): level 1, then level 2 with
 * the notice of enforcement. At most one per level and recovery (unique index), so a repeated or
 * concurrent scan writes nothing twice. The amounts are those on the day of the Mahnung (interest
 * under § 49a (3) accrued to `interestUntil`), as its letter states them; the row never changes.
 */
@Entity('recovery_dunning')
@Index('ux_recovery_dunning_level', ['recoveryId', 'level'], { unique: true })
@Index('ix_recovery_dunning_provider', ['providerId'])
@Check('ck_recovery_dunning_level', 'level IN (1, 2)')
@Check('ck_recovery_dunning_deadline', 'payment_deadline >= issued_on')
@Check('ck_recovery_dunning_total', 'total_due = outstanding_principal + interest_outstanding AND total_due > 0')
export class RecoveryDunning {
  /**
   * The Kreis (issue 20). The database sets it on insert from the recovery this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'recovery_id', type: 'uuid' })
  recoveryId!: string;

  @ManyToOne(() => Recovery, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recovery_id' })
  recovery?: Recovery;

  /** The Träger the Mahnung goes to (the recovery's), for who may read it. */
  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  /** 1 = 1. Mahnung, 2 = 2. Mahnung (with the notice of enforcement). */
  @Column({ type: 'smallint' })
  level!: 1 | 2;

  /** Date of the Mahnung (the day the scan wrote it). */
  @Column({ name: 'issued_on', type: 'date', transformer: dateOnlyTransformer })
  issuedOn!: string;

  /** Zahlungsfrist it sets (DUNNING_PAYMENT_DAYS after its date). */
  @Column({ name: 'payment_deadline', type: 'date', transformer: dateOnlyTransformer })
  paymentDeadline!: string;

  @Column({ name: 'outstanding_principal', ...money })
  outstandingPrincipal!: Money;

  /** § 49a (3) interest accrued up to `interestUntil` (all of it, paid or not). */
  @Column({ ...money })
  interest!: Money;

  @Column({ name: 'interest_outstanding', ...money })
  interestOutstanding!: Money;

  /** Last day the interest covers: the Mahnung's date, or the last day with a published Basiszinssatz. */
  @Column({ name: 'interest_until', type: 'date', transformer: dateOnlyTransformer })
  interestUntil!: string;

  /** outstandingPrincipal + interestOutstanding: what the Mahnung asks for. */
  @Column({ name: 'total_due', ...money })
  totalDue!: Money;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
