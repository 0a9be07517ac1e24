import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Application } from '@foerderfluss/applications';
import { Decision } from '@foerderfluss/decisions';

/** Which letter: one renderer each (see README.md). */
export enum LetterKind {
  /** Zuwendungsbescheid (Weiterleitungsbescheid), first version of a BESCHEID grant. */
  GRANT_DECISION = 'GRANT_DECISION',
  /** Weiterleitungsvertrag, first version of a VERTRAG grant. */
  FORWARDING_CONTRACT = 'FORWARDING_CONTRACT',
  /** Änderungsbescheid (an approved AMENDMENT version of a BESCHEID). */
  AMENDMENT = 'AMENDMENT',
  /** Ablehnungsbescheid. */
  REJECTION = 'REJECTION',
  /** Rückforderungsbescheid (BESCHEID) or Zahlungsaufforderung (VERTRAG), with the interest table. */
  RECOVERY = 'RECOVERY',
  /** Prüfvermerk of a Verwendungsnachweis (internal record). */
  PROOF_REVIEW = 'PROOF_REVIEW',
  /** Eingangsbestätigung of a submitted Antrag (each submitted version; before any decision). */
  RECEIPT_CONFIRMATION = 'RECEIPT_CONFIRMATION',
  /** Änderungsvertrag (an approved AMENDMENT version of a VERTRAG), signed by both parties. */
  CONTRACT_AMENDMENT = 'CONTRACT_AMENDMENT',
  /** Widerrufsbescheid (BESCHEID) or Kündigung of the contract (VERTRAG): an approved REVOCATION version. */
  REVOCATION = 'REVOCATION',
  /** Mahnung (1st or 2nd) of an overdue Rückforderung; `versionNo` holds the level. */
  DUNNING = 'DUNNING',
  /** Festsetzungsbescheid (or, for a VERTRAG, its Mitteilung) when nothing is to be recovered; belongs to the proof. */
  SETTLEMENT = 'SETTLEMENT',
  /**
   * Zuweisungsbescheid of the Land to a Kreis (issue 20). Rendered on request from the issued Zuweisung
   * (StateGrantLetterService), never stored as a generated_document row, so not in ck_generated_document_kind.
   */
  STATE_GRANT = 'STATE_GRANT',
}

/**
 * PENDING: written, waiting for the worker (queued); RENDERING: a worker took it; COMPLETED: the
 * PDF is stored; FAILED: the last attempt failed (see `error`), until someone retries it.
 */
export type DocumentStatus = 'PENDING' | 'RENDERING' | 'COMPLETED' | 'FAILED';

/**
 * A letter the worker generated (or is to generate) as PDF, and where it lies. One row per source
 * (`sourceKey`: the approved decision version, the recovery or the Prüfvermerk), so a letter is
 * generated once however often it is requested. The model the PDF was rendered from is kept with
 * it: the renderer is deterministic, so the same bytes can be rebuilt from it.
 */
@Entity('generated_document')
@Index('ux_generated_document_source', ['sourceKey'], { unique: true })
@Index('ix_generated_document_decision', ['decisionId', 'createdAt'])
@Index('ix_generated_document_status', ['status'])
@Index('ix_generated_document_application', ['applicationId', 'createdAt'])
@Check(
  'ck_generated_document_kind',
  `kind IN ('GRANT_DECISION', 'FORWARDING_CONTRACT', 'AMENDMENT', 'REJECTION', 'RECOVERY', 'PROOF_REVIEW', 'RECEIPT_CONFIRMATION', 'CONTRACT_AMENDMENT', 'REVOCATION', 'DUNNING', 'SETTLEMENT')`,
)
@Check('ck_generated_document_owner', `decision_id IS NOT NULL OR application_id IS NOT NULL`)
@Check('ck_generated_document_status', `status IN ('PENDING', 'RENDERING', 'COMPLETED', 'FAILED')`)
@Check('ck_generated_document_file', `(status = 'COMPLETED') = (storage_key IS NOT NULL AND sha256 IS NOT NULL AND size_bytes IS NOT NULL)`)
export class GeneratedDocument {
  /**
   * The Kreis (issue 20). The database sets it on insert from the decision or application this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: LetterKind;

  /** `version:<id>`, `recovery:<id>`, `proof-review:<id>`, `application-version:<id>`, `dunning:<id>` or `settlement:<id>`. */
  @Column({ name: 'source_key', type: 'text' })
  sourceKey!: string;

  /**
   * The decision the letter belongs to; its readers may read the letter. Null only for an
   * Eingangsbestätigung, which is written before there is a decision and belongs to the Antrag.
   */
  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId!: string | null;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Decision;

  /** The Antrag of an Eingangsbestätigung; its readers may read the letter. */
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @Column({ name: 'decision_version_id', type: 'uuid', nullable: true })
  decisionVersionId!: string | null;

  /** Fassung of the decision (for an Eingangsbestätigung the submitted version of the Antrag, for a Mahnung its level). */
  @Column({ name: 'version_no', type: 'integer', nullable: true })
  versionNo!: number | null;

  @Column({ name: 'recovery_id', type: 'uuid', nullable: true })
  recoveryId!: string | null;

  @Column({ name: 'proof_id', type: 'uuid', nullable: true })
  proofId!: string | null;

  /** The Mahnung (recovery_dunning) a DUNNING letter is written for. */
  @Column({ name: 'dunning_id', type: 'uuid', nullable: true })
  dunningId!: string | null;

  @Column({ type: 'text' })
  status!: DocumentStatus;

  /** German download name, e.g. `Zuwendungsbescheid_FF-2026-0001_v1.pdf`. */
  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey!: string | null;

  @Column({ type: 'text', nullable: true })
  sha256!: string | null;

  @Column({ name: 'size_bytes', type: 'integer', nullable: true })
  sizeBytes!: number | null;

  @Column({ name: 'page_count', type: 'integer', nullable: true })
  pageCount!: number | null;

  /** The letter model as rendered (plain JSON). */
  @Column({ type: 'jsonb', nullable: true })
  model!: Record<string, unknown> | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /**
   * How often someone asked to render it again after it FAILED. Part of the render job's id: the
   * failed job keeps its id in the queue for a while, so a retry needs a new one.
   */
  @Column({ name: 'retry_count', type: 'integer', default: 0 })
  retryCount!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId!: string | null;

  /** Who asked for it; null when the sweep created it. */
  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}

export const LETTER_ENTITIES = [GeneratedDocument];
