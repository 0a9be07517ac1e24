import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One accepted upload (a Belegliste or an Anlage) per row: who, what kind, how many bytes, when;
 * the ledger of the per-user hourly upload limit (UPLOAD_MAX_BYTES_PER_HOUR). Written in the
 * upload's own transaction, so a refused or rolled-back upload counts nothing and a deleted Anlage
 * still counts; rows older than a day are pruned by the nightly `uploads.cleanup`.
 */
@Entity('upload_usage')
@Index('ix_upload_usage_user', ['userId', 'createdAt'])
@Check('ck_upload_usage_kind', `kind IN ('IMPORT', 'ATTACHMENT')`)
@Check('ck_upload_usage_bytes', 'bytes >= 0')
export class UploadUsage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  kind!: UploadKind;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  bytes!: number;

  /** The database's time (not the business clock): the limit is about load, not about dates of a case. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export type UploadKind = 'IMPORT' | 'ATTACHMENT';
