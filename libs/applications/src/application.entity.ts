import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { ProviderOwnedEntity } from '@foerderfluss/organisations';
import { SocialArea } from '@foerderfluss/programmes';
import { ApplicationStatus } from './application-state';
import type { FinancingPlanDoc } from './financing-plan';
import { FundingCall } from './funding-call.entity';

/** Antrag of one Träger with its Kosten- und Finanzierungsplan. */
@Entity('application')
@Index('ux_application_reference', ['reference'], { unique: true })
@Index('ix_application_call_status', ['callId', 'status'])
@Index('ix_application_provider', ['providerId'])
@Check(
  'ck_application_status',
  `status IN ('DRAFT','SUBMITTED','IN_REVIEW','CHANGES_REQUESTED','DECISION_PROPOSED','APPROVED','REJECTED','WITHDRAWN')`,
)
@Check('ck_application_period', 'period_start <= period_end')
@Check('ck_application_begun', 'NOT project_begun OR project_begun_on IS NOT NULL')
export class Application extends ProviderOwnedEntity {
  /**
   * The Kreis (issue 20). The database sets it on insert from the funding call this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;


  /** Antragsnummer, e.g. A-2026-0012. */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @ManyToOne(() => FundingCall, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'call_id' })
  call?: FundingCall;

  @Column({ type: 'text' })
  status!: ApplicationStatus;

  @Column({ type: 'text' })
  title!: string;

  /** Zweck */
  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'target_group', type: 'text' })
  targetGroup!: string;

  @Column({ name: 'fields_of_action', type: 'text', array: true })
  fieldsOfAction!: string[];

  @Column({ name: 'social_area_code', type: 'text' })
  socialAreaCode!: string;

  @ManyToOne(() => SocialArea, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'social_area_code' })
  socialArea?: SocialArea;

  @Column({ type: 'text', nullable: true })
  municipality!: string | null;

  @Column({ name: 'period_start', type: 'date', transformer: dateOnlyTransformer })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'date', transformer: dateOnlyTransformer })
  periodEnd!: string;

  /** Geplanter Maßnahmebeginn */
  @Column({ name: 'planned_start', type: 'date', transformer: dateOnlyTransformer })
  plannedStart!: string;

  @Column({ name: 'contact_name', type: 'text' })
  contactName!: string;

  @Column({ name: 'contact_email', type: 'text' })
  contactEmail!: string;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone!: string | null;

  /** Declaration: has the measure begun already (vorzeitiger Maßnahmebeginn)? */
  @Column({ name: 'project_begun', type: 'boolean', default: false })
  projectBegun!: boolean;

  @Column({ name: 'project_begun_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  projectBegunOn!: string | null;

  /** Vorsteuerabzugsberechtigt: then only net amounts are eligible. */
  @Column({ name: 'vat_deductible', type: 'boolean', default: false })
  vatDeductible!: boolean;

  /** Other public funding applied for or received (free text; empty = none). */
  @Column({ name: 'other_public_funding', type: 'text', nullable: true })
  otherPublicFunding!: string | null;

  /** Declaration that no employee is paid better than comparable Land staff (ANBest-P 1.3). */
  @Column({ name: 'better_position_respected', type: 'boolean', default: false })
  betterPositionRespected!: boolean;

  @Column({ name: 'financing_plan', type: 'jsonb' })
  financingPlan!: FinancingPlanDoc;

  @Column({ name: 'total_costs', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  totalCosts!: Money;

  @Column({ name: 'own_funds', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  ownFunds!: Money;

  @Column({ name: 'third_party_funds', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  thirdPartyFunds!: Money;

  @Column({ name: 'requested_amount', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  requestedAmount!: Money;

  /** Number of the latest submitted version (0 while never submitted). */
  @Column({ name: 'submitted_version', type: 'integer', default: 0 })
  submittedVersion!: number;

  @Column({ name: 'first_submitted_at', type: 'timestamptz', nullable: true })
  firstSubmittedAt!: Date | null;

  @Column({ name: 'last_submitted_at', type: 'timestamptz', nullable: true })
  lastSubmittedAt!: Date | null;

  /** Prüfung: checklist and Votum, kept with the application. */
  @Column({ type: 'jsonb', nullable: true })
  review!: ApplicationReviewDoc | null;
}

export type ChecklistResult = 'OPEN' | 'OK' | 'NOT_OK' | 'NOT_APPLICABLE';
export type VotumRecommendation = 'APPROVE' | 'APPROVE_PARTIAL' | 'REJECT';

export interface ApplicationReviewDoc {
  checklist: { code: string; result: ChecklistResult; note: string | null }[];
  votum: { recommendation: VotumRecommendation; proposedAmount: string | null; reasons: string } | null;
  reviewedBy: string | null;
  updatedAt: string;
}
