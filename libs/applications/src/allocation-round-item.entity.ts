import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { moneyTransformer } from '@foerderfluss/database';
import { Application } from './application.entity';
import { AllocationRound } from './allocation-round.entity';

@Entity('allocation_round_item')
export class AllocationRoundItem {
  /**
   * The Kreis (issue 20). The database sets it on insert from the allocation round this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @ManyToOne(() => AllocationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: AllocationRound;

  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ name: 'proposed_amount', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  proposedAmount!: Money;

  /** Reason, required for partial funding and for zero. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
