import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProofOfUse } from './proof-of-use.entity';

export type ImportStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** One upload of a Belegliste file, processed by the worker (all or nothing). */
@Entity('receipt_import')
@Index('ix_receipt_import_proof', ['proofId', 'createdAt'])
@Check('ck_receipt_import_status', `status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')`)
@Check('ck_receipt_import_format', `format IN ('XLSX', 'CSV')`)
@Check('ck_receipt_import_mode', `mode IN ('REPLACE', 'APPEND')`)
export class ReceiptImport {
  /**
   * The Kreis (issue 20). The database sets it on insert from the proof of use this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

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

  /**
   * When the nightly cleanup deleted the uploaded file (a FAILED import after UPLOAD_RETENTION_DAYS).
   * The row stays: its errors tell the Träger what to fix, and the audit events name it.
   */
  @Column({ name: 'file_deleted_at', type: 'timestamptz', nullable: true })
  fileDeletedAt!: Date | null;
}
