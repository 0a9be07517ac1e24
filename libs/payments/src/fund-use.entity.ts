import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { Decision } from '@foerderfluss/decisions';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/** When paid money was used (for § 49a (4)): reported by the Träger or taken from the Belegliste. */
@Entity('fund_use')
@Index('ix_fund_use_decision', ['decisionId', 'usedOn'])
@Check('ck_fund_use_amount', 'amount > 0')
@Check('ck_fund_use_source', `source IN ('REPORTED', 'RECEIPTS')`)
export class FundUse {
  /**
   * The Kreis (issue 20). The database sets it on insert from the decision this row belongs to
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

  @Column({ name: 'used_on', type: 'date', transformer: dateOnlyTransformer })
  usedOn!: string;

  @Column({ ...money })
  amount!: Money;

  @Column({ type: 'text' })
  source!: 'REPORTED' | 'RECEIPTS';

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'reported_by', type: 'uuid', nullable: true })
  reportedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
