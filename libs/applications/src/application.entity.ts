import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer, TimestampedEntity } from '@foerderfluss/database';
import { Organisation } from '@foerderfluss/organisations';
import { SocialArea } from '@foerderfluss/programmes';
import { BudgetYear } from '@foerderfluss/funding';
import { ApplicationStatus } from './application-state';
import type { FinancingPlanDoc } from './financing-plan';

export enum CallStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}

/** Projektaufruf: the Kreis invites Anträge for a budget year until the Ausschlussfrist. */
@Entity('funding_call')
@Check('ck_funding_call_status', `status IN ('DRAFT', 'PUBLISHED', 'CLOSED')`)
@Check('ck_funding_call_dates', 'opening_date <= deadline')
export class FundingCall extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  @ManyToOne(() => BudgetYear, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'budget_year_id' })
  budgetYear?: BudgetYear;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'opening_date', type: 'date', transformer: dateOnlyTransformer })
  openingDate!: string;

  /** Ausschlussfrist: the last day on which an Antrag may be submitted. */
  @Column({ type: 'date', transformer: dateOnlyTransformer })
  deadline!: string;

  @Column({ name: 'eligible_fields_of_action', type: 'text', array: true })
  eligibleFieldsOfAction!: string[];

  @Column({ name: 'eligible_cost_categories', type: 'text', array: true })
  eligibleCostCategories!: string[];

  @Column({ name: 'target_social_areas', type: 'text', array: true })
  targetSocialAreas!: string[];

  /** Pflichtanlagen (AttachmentKind codes) an Antrag of this call must carry to be submitted. */
  @Column({ name: 'required_attachments', type: 'text', array: true, default: () => "'{}'" })
  requiredAttachments!: string[];

  @Column({ type: 'text', default: CallStatus.DRAFT })
  status!: CallStatus;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}

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
export class Application extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Antragsnummer, e.g. A-2026-0012. */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @ManyToOne(() => FundingCall, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'call_id' })
  call?: FundingCall;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Organisation;

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

/** Every submitted state of an Antrag stays readable (version history). Append-only. */
@Entity('application_version')
@Index('ux_application_version', ['applicationId', 'versionNo'], { unique: true })
export class ApplicationVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ name: 'version_no', type: 'integer' })
  versionNo!: number;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;
}

export type CommentKind = 'COMMENT' | 'CHANGE_REQUEST' | 'VOTUM' | 'STATUS';

/** Staff comments, requests for changes and the Träger's answers: part of the record. */
@Entity('application_comment')
@Index('ix_application_comment_app', ['applicationId', 'createdAt'])
@Check('ck_application_comment_kind', `kind IN ('COMMENT', 'CHANGE_REQUEST', 'VOTUM', 'STATUS')`)
export class ApplicationComment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ type: 'text' })
  kind!: CommentKind;

  @Column({ type: 'text' })
  text!: string;

  /** Internal notes of the Landratsamt stay internal. */
  @Column({ name: 'visible_to_provider', type: 'boolean' })
  visibleToProvider!: boolean;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ name: 'author_name', type: 'text', nullable: true })
  authorName!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Zustimmung zum vorzeitigen Maßnahmebeginn: costs are eligible from `consentDate` on. */
@Entity('early_start_consent')
@Index('ix_early_start_consent_app', ['applicationId'])
export class EarlyStartConsent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ name: 'consent_date', type: 'date', transformer: dateOnlyTransformer })
  consentDate!: string;

  @Column({ type: 'text' })
  scope!: string;

  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export enum AllocationRoundStatus {
  OPEN = 'OPEN',
  CONFIRMED = 'CONFIRMED',
}

/** Mittelverteilung of one call: proposed amounts and the committee resolution that confirms them. */
@Entity('allocation_round')
@Index('ux_allocation_round_call', ['callId'], { unique: true })
@Check('ck_allocation_round_status', `status IN ('OPEN', 'CONFIRMED')`)
export class AllocationRound extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @ManyToOne(() => FundingCall, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'call_id' })
  call?: FundingCall;

  @Column({ type: 'text', default: AllocationRoundStatus.OPEN })
  status!: AllocationRoundStatus;

  /** Gremium, e.g. "Ausschuss für Soziales, Gesundheit und Integration". */
  @Column({ name: 'resolution_body', type: 'text', nullable: true })
  resolutionBody!: string | null;

  @Column({ name: 'resolution_date', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  resolutionDate!: string | null;

  @Column({ name: 'resolution_number', type: 'text', nullable: true })
  resolutionNumber!: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy!: string | null;
}

@Entity('allocation_round_item')
export class AllocationRoundItem {
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
