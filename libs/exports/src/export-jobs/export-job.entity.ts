import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ExportFilters, ExportFormat, ExportStatus, ExportType } from './export-types';

/**
 * One requested export (issue 9): what was asked for, by whom, for which Träger it is restricted,
 * how far the worker got, and where the finished file lies. The file itself is in the file storage
 * under `fileKey`; the row outlives the file (retention), so the request stays on record.
 */
@Entity('export_job')
@Index('ix_export_job_creator', ['createdBy', 'createdAt'])
@Index('ix_export_job_created', ['createdAt'])
@Index('ix_export_job_expiry', ['expiresAt'], { where: 'file_key IS NOT NULL AND file_deleted_at IS NULL' })
@Check('ck_export_job_type', `type IN ('APPROVALS','PAYMENTS','PLAN_ACTUAL','RECEIPTS','PROOF_REVIEW','RECOVERIES','BUDGET','STATE_PROOF','AUDIT_LOG','MONITORING','ANNUAL_REPORT')`)
@Check('ck_export_job_format', `format IN ('xlsx', 'csv', 'pdf')`)
@Check('ck_export_job_status', `status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')`)
@Check('ck_export_job_progress', 'progress >= 0 AND progress <= 100 AND rows_written >= 0')
@Check('ck_export_job_completed', `(status = 'COMPLETED') = (file_key IS NOT NULL AND sha256 IS NOT NULL)`)
export class ExportJob {
  /** Chosen by the api before the insert, so the job id (from it) is known in the same transaction. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  type!: ExportType;

  @Column({ type: 'text' })
  format!: ExportFormat;

  /** The filters as validated (ids and ISO dates only). */
  @Column({ type: 'jsonb' })
  filters!: ExportFilters;

  /**
   * The Träger the export is restricted to (the requester's organisation for PROVIDER users), or
   * null for Landratsamt staff and auditors. The worker applies it in SQL, whatever the filters say.
   */
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  /**
   * The requester's Kreis (a Kreis user, issue 20), or null (the Land, a Träger, the system): only
   * that Kreis's users see the job, and the worker reads its rows under that Kreis's row-level security.
   */
  @Column({ name: 'district_id', type: 'uuid', nullable: true })
  districtId!: string | null;

  @Column({ type: 'text' })
  status!: ExportStatus;

  /** 0–100, from rows written / rows counted at the start. */
  @Column({ type: 'integer', default: 0 })
  progress!: number;

  @Column({ name: 'rows_total', type: 'integer', nullable: true })
  rowsTotal!: number | null;

  @Column({ name: 'rows_written', type: 'integer', default: 0 })
  rowsWritten!: number;

  /** German message for the user; technical details stay in the worker log. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Attempts started by a worker (a retry after a crash or error counts again). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** After this the cleanup job deletes the file (EXPORT_RETENTION_DAYS after the request). */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** German download name, e.g. `Bewilligungsliste_2026_2026-11-25.xlsx`. */
  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'file_key', type: 'text', nullable: true })
  fileKey!: string | null;

  @Column({ name: 'file_size', type: 'bigint', nullable: true })
  fileSize!: string | null;

  /** SHA-256 of the data rows (row-hash.ts), the same value as on the Info sheet. */
  @Column({ type: 'char', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ name: 'file_deleted_at', type: 'timestamptz', nullable: true })
  fileDeletedAt!: Date | null;
}

export const EXPORT_JOB_ENTITIES = [ExportJob];
