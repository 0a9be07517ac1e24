import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer, TimestampedEntity } from '@foerderfluss/database';
import { BudgetYear } from '@foerderfluss/funding';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/** The Kreis's Verwendungsnachweis to the Land for a budget year (DOMAIN §6). */
@Entity('state_proof')
@Index('ux_state_proof_year', ['budgetYearId'], { unique: true })
@Check('ck_state_proof_status', `status IN ('DRAFT', 'SUBMITTED')`)
export class StateProof extends TimestampedEntity {
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
  status!: 'DRAFT' | 'SUBMITTED';

  /** Eligible costs the Kreis bore itself (besides the Träger grants). */
  @Column({ name: 'own_eligible_costs', ...money, default: 0 })
  ownEligibleCosts!: Money;

  /** The computation when submitted (A_kreis, Z_land, refund, shares, recovery split). */
  @Column({ type: 'jsonb', nullable: true })
  figures!: Record<string, unknown> | null;

  @Column({ name: 'submitted_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  submittedOn!: string | null;

  @Column({ name: 'submission_reference', type: 'text', nullable: true })
  submissionReference!: string | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;
}
