import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money, Rate } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer, percentRateTransformer } from '@foerderfluss/database';
import type { ApplicationReviewDoc, ApprovedPlanDoc } from '@foerderfluss/applications';
import { Decision } from './decision.entity';
import { VersionStatus } from './decision-state';

export enum VersionKind {
  ORIGINAL = 'ORIGINAL',
  /** Änderungsbescheid / Änderungsvertrag */
  AMENDMENT = 'AMENDMENT',
  /** Widerruf or Rücknahme, whole or in part */
  REVOCATION = 'REVOCATION',
}

export interface Conditions {
  /** Allgemeine Nebenbestimmungen, e.g. ["ANBest-P"]. */
  general: string[];
  /** Besondere Nebenbestimmungen (free text). */
  special: string[];
}

/** The checklist and Votum of the Antrag's Prüfung as they stood at the proposal. */
export type ProposalReviewDoc = Pick<ApplicationReviewDoc, 'checklist' | 'votum' | 'reviewedBy'>;

/** One version of a decision. Once approved it never changes (a trigger refuses it). */
@Entity('decision_version')
@Index('ix_decision_version_decision', ['decisionId', 'proposedAt'])
@Index('ux_decision_version_no', ['decisionId', 'versionNo'], { unique: true, where: 'version_no IS NOT NULL' })
@Index('ux_decision_version_one_pending', ['decisionId'], { unique: true, where: `status = 'PROPOSED'` })
@Check('ck_decision_version_kind', `kind IN ('ORIGINAL', 'AMENDMENT', 'REVOCATION')`)
@Check('ck_decision_version_status', `status IN ('PROPOSED', 'APPROVED', 'RETURNED')`)
@Check('ck_decision_version_four_eyes', 'approved_by IS NULL OR approved_by <> proposed_by')
@Check('ck_decision_version_approved', `(status = 'APPROVED') = (version_no IS NOT NULL AND approved_by IS NOT NULL AND decision_date IS NOT NULL)`)
@Check('ck_decision_version_amounts', 'max_amount >= 0 AND state_share + district_share = max_amount')
export class DecisionVersion {
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

  /** 1, 2, 3 … in the order of approval; null while proposed or returned. */
  @Column({ name: 'version_no', type: 'integer', nullable: true })
  versionNo!: number | null;

  @Column({ type: 'text' })
  kind!: VersionKind;

  @Column({ type: 'text' })
  status!: VersionStatus;

  @Column({ name: 'proposed_by', type: 'uuid' })
  proposedBy!: string;

  @Column({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt!: Date;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'returned_by', type: 'uuid', nullable: true })
  returnedBy!: string | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason!: string | null;

  /** Date of the Bescheid/Vertrag (the approval day). */
  @Column({ name: 'decision_date', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  decisionDate!: string | null;

  /** For a revocation: the day from which it takes effect. */
  @Column({ name: 'effective_date', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  effectiveDate!: string | null;

  /** Begründung (rejection, amendment, revocation). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'period_start', type: 'date', transformer: dateOnlyTransformer })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'date', transformer: dateOnlyTransformer })
  periodEnd!: string;

  @Column({ name: 'financing_type', type: 'text', nullable: true })
  financingType!: 'SHARE' | 'DEFICIT' | 'FULL' | 'FIXED' | null;

  @Column({ name: 'funding_rate_percent', type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: percentRateTransformer })
  fundingRatePercent!: Rate | null;

  /** Höchstbetrag */
  @Column({ name: 'max_amount', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  maxAmount!: Money;

  @Column({ name: 'state_share', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  stateShare!: Money;

  @Column({ name: 'district_share', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  districtShare!: Money;

  /** The financing plan the decision rests on, frozen. */
  @Column({ name: 'approved_plan', type: 'jsonb' })
  approvedPlan!: ApprovedPlanDoc;

  @Column({ type: 'jsonb' })
  conditions!: Conditions;

  @Column({ name: 'proof_due', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  proofDue!: string | null;

  @Column({ name: 'interim_proofs_due', type: 'jsonb' })
  interimProofsDue!: { year: number; due: string }[];

  /** From when costs are eligible (vorzeitiger Maßnahmebeginn), fixed on approval. */
  @Column({ name: 'eligible_from', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  eligibleFrom!: string | null;

  /**
   * The Prüfung a first proposal rests on (checklist and Votum), frozen when it is proposed: the
   * approver sees what the proposer saw, even if the Antrag's review changes after a return.
   * Null for an Änderung or a Widerruf (their reason is `reason`) and for versions proposed
   * before issue 16.
   */
  @Column({ type: 'jsonb', nullable: true })
  review!: ProposalReviewDoc | null;

  /** Paid beyond the new Höchstbetrag at a revocation: to be recovered by the settlement. */
  @Column({ name: 'recovery_amount', type: 'numeric', precision: 15, scale: 2, nullable: true, transformer: moneyTransformer })
  recoveryAmount!: Money | null;
}
