import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer, TimestampedEntity } from '@foerderfluss/database';
import { BudgetYear } from '@foerderfluss/funding';

export enum CallStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}

/** Projektaufruf: the Kreis invites Anträge for a budget year until the Ausschlussfrist. */
@Entity('funding_call')
@Check('ck_funding_call_status', `status IN ('DRAFT', 'PUBLISHED', 'CLOSED')`)
@Check('ck_funding_call_dates', 'opening_date <= deadline')
@Check('ck_funding_call_budget_indication', 'budget_indication IS NULL OR budget_indication >= 0')
export class FundingCall extends TimestampedEntity {
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

  /** Richtwert des Fördervolumens: what the Kreis expects to distribute in this call; guidance, not a cap. */
  @Column({ name: 'budget_indication', type: 'numeric', precision: 15, scale: 2, nullable: true, transformer: moneyTransformer })
  budgetIndication!: Money | null;

  /** The Ausschlussfrist as published, kept once the deadline has been extended (null until then). */
  @Column({ name: 'original_deadline', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  originalDeadline!: string | null;

  /** When and why the deadline was last extended; the audit log keeps every extension. */
  @Column({ name: 'deadline_extended_at', type: 'timestamptz', nullable: true })
  deadlineExtendedAt!: Date | null;

  @Column({ name: 'deadline_extension_reason', type: 'text', nullable: true })
  deadlineExtensionReason!: string | null;

  @Column({ type: 'text', default: CallStatus.DRAFT })
  status!: CallStatus;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
