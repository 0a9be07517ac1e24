import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { Decision } from '@foerderfluss/decisions';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/** Staff's discretionary decision on § 49a (4) interest: demand or waive, with the reasons. */
@Entity('late_use_interest_decision')
@Index('ix_late_use_interest_decision', ['decisionId', 'decidedAt'])
@Check('ck_late_use_outcome', `outcome IN ('DEMAND', 'WAIVE')`)
export class LateUseInterestDecision {
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

  @Column({ type: 'text' })
  outcome!: 'DEMAND' | 'WAIVE';

  @Column({ name: 'computed_interest', ...money })
  computedInterest!: Money;

  /** The amount demanded (0 when waived). */
  @Column({ name: 'demanded_amount', ...money })
  demandedAmount!: Money;

  @Column({ name: 'as_of', type: 'date', transformer: dateOnlyTransformer })
  asOf!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** The full calculation the decision rests on (segments, tranches, parameters). */
  @Column({ type: 'jsonb' })
  calculation!: Record<string, unknown>;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
