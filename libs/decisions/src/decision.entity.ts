import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { moneyTransformer } from '@foerderfluss/database';
import { ProviderOwnedEntity } from '@foerderfluss/organisations';
import { BudgetYear } from '@foerderfluss/funding';
import { Application } from '@foerderfluss/applications';
import { DecisionStatus } from './decision-state';

export enum Instrument {
  BESCHEID = 'BESCHEID',
  VERTRAG = 'VERTRAG',
}

export enum DecisionOutcome {
  GRANT = 'GRANT',
  /** Ablehnung (with reasons). */
  REJECTION = 'REJECTION',
}

/**
 * Bewilligung or Ablehnung of one Antrag: the case with its Aktenzeichen. Its content lives in
 * immutable versions; calculations use the latest approved one (`currentVersionNo`).
 */
@Entity('decision')
@Index('ux_decision_reference', ['reference'], { unique: true })
@Index('ux_decision_application', ['applicationId'], { unique: true })
@Index('ix_decision_provider', ['providerId'])
@Check('ck_decision_instrument', `instrument IN ('BESCHEID', 'VERTRAG')`)
@Check('ck_decision_outcome', `outcome IN ('GRANT', 'REJECTION')`)
@Check('ck_decision_status', `status IN ('PROPOSED', 'RETURNED', 'IN_FORCE', 'REJECTED', 'REVOKED', 'CLOSED')`)
@Check('ck_decision_disbursed', 'disbursed_amount >= 0 AND max_amount >= 0')
export class Decision extends ProviderOwnedEntity {
  /**
   * The Kreis (issue 20). The database sets it on insert from the budget year this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;


  /** Aktenzeichen, e.g. FF-2026-0007 (unique per year). */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  @ManyToOne(() => BudgetYear, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'budget_year_id' })
  budgetYear?: BudgetYear;

  @Column({ type: 'text' })
  instrument!: Instrument;

  @Column({ type: 'text' })
  outcome!: DecisionOutcome;

  @Column({ type: 'text' })
  status!: DecisionStatus;

  /** Latest approved version in force; null until the first approval. */
  @Column({ name: 'current_version_no', type: 'integer', nullable: true })
  currentVersionNo!: number | null;

  /** Höchstbetrag of the version in force (0 until approved); the payout cap. */
  @Column({ name: 'max_amount', type: 'numeric', precision: 15, scale: 2, default: 0, transformer: moneyTransformer })
  maxAmount!: Money;

  /**
   * Σ of approved payouts. Raised only by a conditional UPDATE that cannot pass the cap, so two
   * approvers paying out at once can never exceed the Höchstbetrag.
   */
  @Column({ name: 'disbursed_amount', type: 'numeric', precision: 15, scale: 2, default: 0, transformer: moneyTransformer })
  disbursedAmount!: Money;

  /** Where the money goes, for the monitoring by Handlungsfeld and Sozialraum. */
  @Column({ name: 'field_of_action_code', type: 'text' })
  fieldOfActionCode!: string;

  @Column({ name: 'social_area_code', type: 'text' })
  socialAreaCode!: string;
}
