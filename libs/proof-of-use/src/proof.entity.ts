import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer, TimestampedEntity } from '@foerderfluss/database';
import { Organisation } from '@foerderfluss/organisations';
import { BudgetYear } from '@foerderfluss/funding';
import { Decision } from '@foerderfluss/decisions';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

export enum ProofKind {
  FINAL = 'FINAL',
  INTERIM = 'INTERIM',
}

export enum ProofStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  IN_REVIEW = 'IN_REVIEW',
  /** Prüfvermerk completed; for a final proof the Festsetzung is next. */
  REVIEWED = 'REVIEWED',
  SETTLED = 'SETTLED',
}

/** Sachbericht: text sections and aggregate indicators (never personal data of the people counselled). */
export interface NarrativeReport {
  measure: string;
  goalsAchieved: string;
  targetGroupReached: string;
  deviations: string;
  indicators: { fieldOfAction: string; code: string; label: string; value: number }[];
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
export class ProofOfUse extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** e.g. FF-2026-0001/VN or FF-2026-0001/ZN-2026 */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Decision;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Organisation;

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

export type ReceiptDirection = 'EXPENSE' | 'INCOME';
export type ReceiptReview = 'OPEN' | 'RECOGNISED' | 'REDUCED' | 'REFUSED';

/** One line of the Belegliste. */
@Entity('receipt')
@Index('ux_receipt_position', ['proofId', 'position'], { unique: true })
@Index('ix_receipt_number', ['proofId', 'receiptNumber'])
@Check('ck_receipt_direction', `direction IN ('EXPENSE', 'INCOME')`)
@Check('ck_receipt_review', `review_status IN ('OPEN', 'RECOGNISED', 'REDUCED', 'REFUSED')`)
@Check('ck_receipt_amounts', 'gross_amount >= 0 AND vat_amount >= 0 AND vat_amount <= gross_amount AND eligible_amount >= 0 AND project_share_percent > 0 AND project_share_percent <= 100')
@Check('ck_receipt_recognised', 'recognised_amount IS NULL OR (recognised_amount >= 0 AND recognised_amount <= eligible_amount)')
export class Receipt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'proof_id', type: 'uuid' })
  proofId!: string;

  @ManyToOne(() => ProofOfUse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proof_id' })
  proof?: ProofOfUse;

  /** lfd. Nr. */
  @Column({ type: 'integer' })
  position!: number;

  /** Belegnummer */
  @Column({ name: 'receipt_number', type: 'text' })
  receiptNumber!: string;

  @Column({ name: 'receipt_date', type: 'date', transformer: dateOnlyTransformer })
  receiptDate!: string;

  @Column({ name: 'payment_date', type: 'date', transformer: dateOnlyTransformer })
  paymentDate!: string;

  /** Empfänger (expense) or Einzahler (income). */
  @Column({ type: 'text' })
  counterparty!: string;

  /** Grund der Zahlung */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  direction!: ReceiptDirection;

  /** Kostenart of the plan line (for income: the funding kind, e.g. THIRD_PARTY). */
  @Column({ name: 'cost_category', type: 'text' })
  costCategory!: string;

  @Column({ name: 'gross_amount', ...money })
  grossAmount!: Money;

  @Column({ name: 'vat_amount', ...money })
  vatAmount!: Money;

  @Column({ name: 'project_share_percent', type: 'numeric', precision: 9, scale: 6 })
  projectSharePercent!: string;

  /** zuwendungsfähiger Betrag as claimed by the Träger */
  @Column({ name: 'eligible_amount', ...money })
  eligibleAmount!: Money;

  @Column({ name: 'personnel_position', type: 'text', nullable: true })
  personnelPosition!: string | null;

  @Column({ name: 'in_sample', type: 'boolean', default: false })
  inSample!: boolean;

  @Column({ name: 'sample_reason', type: 'text', nullable: true })
  sampleReason!: string | null;

  @Column({ name: 'review_status', type: 'text', default: 'OPEN' })
  reviewStatus!: ReceiptReview;

  @Column({ name: 'recognised_amount', ...money, nullable: true })
  recognisedAmount!: Money | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote!: string | null;

  /** Copied from the proof on submission: a receipt cannot be deleted before (trigger). */
  @Column({ name: 'retain_until', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  retainUntil!: string | null;
}

export type ImportStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** One upload of a Belegliste file, processed by the worker (all or nothing). */
@Entity('receipt_import')
@Index('ix_receipt_import_proof', ['proofId', 'createdAt'])
@Check('ck_receipt_import_status', `status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')`)
@Check('ck_receipt_import_format', `format IN ('XLSX', 'CSV')`)
@Check('ck_receipt_import_mode', `mode IN ('REPLACE', 'APPEND')`)
export class ReceiptImport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'proof_id', type: 'uuid' })
  proofId!: string;

  @ManyToOne(() => ProofOfUse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proof_id' })
  proof?: ProofOfUse;

  @Column({ type: 'text' })
  status!: ImportStatus;

  @Column({ type: 'text' })
  format!: 'XLSX' | 'CSV';

  @Column({ type: 'text' })
  mode!: 'REPLACE' | 'APPEND';

  /** Where the uploaded file lies in the file storage. */
  @Column({ name: 'file_key', type: 'text' })
  fileKey!: string;

  @Column({ name: 'original_name', type: 'text' })
  originalName!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'integer', default: 0 })
  progress!: number;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead!: number;

  @Column({ name: 'rows_imported', type: 'integer', default: 0 })
  rowsImported!: number;

  /** Every problem found, by row and column, in German. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors!: { row: number | null; column: string | null; message: string }[];

  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

/** Prüfvermerk: the record of the check of one proof of use. */
@Entity('proof_review')
@Index('ux_proof_review_proof', ['proofId'], { unique: true })
@Check('ck_proof_review_status', `status IN ('IN_PROGRESS', 'COMPLETED')`)
export class ProofReview {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'proof_id', type: 'uuid' })
  proofId!: string;

  @ManyToOne(() => ProofOfUse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proof_id' })
  proof?: ProofOfUse;

  @Column({ type: 'text' })
  status!: 'IN_PROGRESS' | 'COMPLETED';

  /** Kursorische Prüfung: complete, plausible, purpose achieved per Sachbericht; with notes. */
  @Column({ type: 'jsonb' })
  cursory!: { complete: boolean | null; plausible: boolean | null; purposeAchieved: boolean | null; notes: string | null };

  /** Vertiefte Prüfung: share, seed and the drawn receipts, so the sample can be reproduced. */
  @Column({ name: 'sample_share_percent', type: 'numeric', precision: 9, scale: 6, nullable: true })
  sampleSharePercent!: string | null;

  @Column({ name: 'sample_seed', type: 'text', nullable: true })
  sampleSeed!: string | null;

  @Column({ name: 'sample_size', type: 'integer', default: 0 })
  sampleSize!: number;

  /** Zustimmungen zur Überschreitung einzelner Ansätze (ANBest-P Nr. 1.2): the cap per Kostenart. */
  @Column({ name: 'line_consents', type: 'jsonb', default: () => `'[]'` })
  lineConsents!: { category: string; amount: string; note: string | null }[];

  /** The final-grant calculation (lines, flags) as the reviewer completed it. */
  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  conclusion!: string | null;

  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Festsetzung der Zuwendung, under four eyes; settles the decision. */
@Entity('settlement')
@Index('ix_settlement_decision', ['decisionId'])
@Index('ux_settlement_one_pending', ['decisionId'], { unique: true, where: `status IN ('PROPOSED', 'APPROVED')` })
@Check('ck_settlement_status', `status IN ('PROPOSED', 'APPROVED', 'RETURNED')`)
@Check('ck_settlement_four_eyes', 'approved_by IS NULL OR approved_by <> proposed_by')
export class Settlement {
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
  calculation!: Record<string, unknown>;

  @Column({ name: 'recovery_due_date', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  recoveryDueDate!: string | null;

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

/** Rückforderung: paid beyond the final grant, to be repaid with § 49a (3) interest. */
@Entity('recovery')
@Index('ux_recovery_reference', ['reference'], { unique: true })
@Index('ix_recovery_decision', ['decisionId'])
@Check('ck_recovery_status', `status IN ('OPEN', 'PARTIALLY_PAID', 'SETTLED')`)
@Check('ck_recovery_amounts', 'principal > 0 AND repaid_principal >= 0 AND repaid_principal <= principal')
export class Recovery extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** e.g. FF-2026-0001/R */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Decision;

  @Column({ name: 'settlement_id', type: 'uuid' })
  settlementId!: string;

  @ManyToOne(() => Settlement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'settlement_id' })
  settlement?: Settlement;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  /** Rückforderungsbescheid (BESCHEID) or vertraglicher Rückzahlungsanspruch (VERTRAG). */
  @Column({ type: 'text' })
  instrument!: 'BESCHEID' | 'VERTRAG';

  @Column({ ...money })
  principal!: Money;

  /**
   * Interest runs on these parts from the day after their payout (ex-tunc: the tranches that were
   * not needed). `from` is null for a payout approved but not booked at the Festsetzung; its
   * interest starts the day after the booking of `disbursementId`.
   */
  @Column({ name: 'interest_parts', type: 'jsonb' })
  interestParts!: { from: string | null; amount: string; disbursementId?: string }[];

  @Column({ name: 'due_date', type: 'date', transformer: dateOnlyTransformer })
  dueDate!: string;

  @Column({ type: 'text' })
  status!: 'OPEN' | 'PARTIALLY_PAID' | 'SETTLED';

  @Column({ name: 'repaid_principal', ...money, default: 0 })
  repaidPrincipal!: Money;

  @Column({ name: 'repaid_interest', ...money, default: 0 })
  repaidInterest!: Money;

  @Column({ name: 'settled_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  settledOn!: string | null;

  @Column({ name: 'ledger_entry_id', type: 'bigint' })
  ledgerEntryId!: string;
}

/** The Kreis's Verwendungsnachweis to the Land for a budget year (DOMAIN §6). */
@Entity('state_proof')
@Index('ux_state_proof_year', ['budgetYearId'], { unique: true })
@Check('ck_state_proof_status', `status IN ('DRAFT', 'SUBMITTED')`)
export class StateProof extends TimestampedEntity {
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

export const PROOF_ENTITY_LIST = [ProofOfUse, Receipt, ReceiptImport, ProofReview, Settlement, Recovery, StateProof];

