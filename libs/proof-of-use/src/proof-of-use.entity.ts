import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import { ProviderOwnedEntity } from '@foerderfluss/organisations';
import { BudgetYear } from '@foerderfluss/funding';
import { Decision } from '@foerderfluss/decisions';
import { ProofStatus } from './proof-state';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

export { ProofStatus };

export enum ProofKind {
  FINAL = 'FINAL',
  INTERIM = 'INTERIM',
}

/** Sachbericht: text sections and aggregate indicators (never personal data of the people counselled). */
export interface NarrativeReport {
  measure: string;
  goalsAchieved: string;
  targetGroupReached: string;
  deviations: string;
  indicators: ReportedIndicator[];
}

/**
 * A value of the Sachbericht as stored: the Kennzahl as it read when reported (issue 19), so a
 * later rename keeps what the Träger reported. Rows written before issue 19 lack indicatorId, unit
 * and version; readers match them to a definition by (fieldOfAction, code) where one exists.
 */
export interface ReportedIndicator {
  indicatorId?: string;
  fieldOfAction: string;
  code: string;
  label: string;
  unit?: string;
  version?: number;
  value: number;
}

/** The Sachbericht as the Träger sends it: values only by the id of a Kennzahl. */
export interface NarrativeInput extends Omit<NarrativeReport, 'indicators'> {
  indicators: { indicatorId: string; value: number }[];
}

/** Zahlenmäßiger Nachweis, structured like the approved plan. */
export interface FiguresDoc {
  /**
   * `actual` is the Σ of the line's Belege (eligible amounts of the Kostenart's expenses) unless the
   * Träger changed it, which needs `overrideReason`.
   */
  costLines: { category: string; description: string; planned: string; actual: string; overrideReason?: string | null }[];
  ownFunds: string;
  thirdPartyFunds: string;
}

/** Verwendungsnachweis (final) or Zwischennachweis (interim, one per calendar year). */
@Entity('proof_of_use')
@Index('ux_proof_of_use_reference', ['reference'], { unique: true })
@Index('ux_proof_of_use_kind', ['decisionId', 'kind', 'coveredYear'], { unique: true })
@Index('ix_proof_of_use_provider', ['providerId'])
@Check('ck_proof_kind', `kind IN ('FINAL', 'INTERIM')`)
@Check('ck_proof_status', `status IN ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'REVIEWED', 'SETTLED')`)
@Check('ck_proof_interim_year', `(kind = 'INTERIM') = (covered_year IS NOT NULL)`)
export class ProofOfUse extends ProviderOwnedEntity {
  /**
   * The Kreis (issue 20). The database sets it on insert from the budget year this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;


  /** e.g. FF-2026-0001/VN or FF-2026-0001/ZN-2026 */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Decision;

  @Column({ name: 'budget_year_id', type: 'uuid' })
  budgetYearId!: string;

  @ManyToOne(() => BudgetYear, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'budget_year_id' })
  budgetYear?: BudgetYear;

  @Column({ type: 'text' })
  kind!: ProofKind;

  @Column({ name: 'covered_year', type: 'integer', nullable: true })
  coveredYear!: number | null;

  @Column({ type: 'text' })
  status!: ProofStatus;

  @Column({ name: 'narrative', type: 'jsonb' })
  narrative!: NarrativeReport;

  @Column({ type: 'jsonb' })
  figures!: FiguresDoc;

  @Column({ name: 'actual_costs', ...money, default: 0 })
  actualCosts!: Money;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  /** Belege must be kept until this day (DOMAIN §2 step 9); set on submission. */
  @Column({ name: 'retain_until', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  retainUntil!: string | null;
}
