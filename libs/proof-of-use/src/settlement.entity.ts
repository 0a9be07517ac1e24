import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { Decision } from '@foerderfluss/decisions';
import { ProofOfUse } from './proof-of-use.entity';
import type { FinalGrantDoc } from './final-grant-doc';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/** Festsetzung der Zuwendung, under four eyes; settles the decision. */
@Entity('settlement')
@Index('ix_settlement_decision', ['decisionId'])
@Index('ux_settlement_one_pending', ['decisionId'], { unique: true, where: `status IN ('PROPOSED', 'APPROVED')` })
@Check('ck_settlement_status', `status IN ('PROPOSED', 'APPROVED', 'RETURNED')`)
@Check('ck_settlement_four_eyes', 'approved_by IS NULL OR approved_by <> proposed_by')
export class Settlement {
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

  @Column({ name: 'proof_id', type: 'uuid' })
  proofId!: string;

  @ManyToOne(() => ProofOfUse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proof_id' })
  proof?: ProofOfUse;

  @Column({ type: 'text' })
  status!: 'PROPOSED' | 'APPROVED' | 'RETURNED';

  /** festgesetzte Zuwendung Z */
  @Column({ name: 'final_grant', ...money })
  finalGrant!: Money;

  @Column({ name: 'recognised_costs', ...money })
  recognisedCosts!: Money;

  @Column({ name: 'paid_amount', ...money })
  paidAmount!: Money;

  /** R = max(0, paid − Z) */
  @Column({ name: 'recovery_amount', ...money })
  recoveryAmount!: Money;

  /** Commitment set free: Höchstbetrag − Z. */
  @Column({ name: 'release_amount', ...money })
  releaseAmount!: Money;

  @Column({ type: 'jsonb' })
  calculation!: FinalGrantDoc;

  @Column({ name: 'recovery_due_date', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  recoveryDueDate!: string | null;

  /**
   * The Votum of the proposer: why Z is right (issue 16, four eyes with context). Required for a
   * new proposal; null only for Festsetzungen proposed before it was asked for.
   */
  @Column({ name: 'votum_reasons', type: 'text', nullable: true })
  votumReasons!: string | null;

  @Column({ name: 'proposed_by', type: 'uuid' })
  proposedBy!: string;

  @Column({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt!: Date;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'decision_date', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  decisionDate!: string | null;

  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason!: string | null;
}
