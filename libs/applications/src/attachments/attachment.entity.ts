import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { dateOnlyTransformer } from '@foerderfluss/database';
import { User } from '@foerderfluss/identity';
import { Organisation } from '@foerderfluss/organisations';
import { AttachmentOwnerType } from './attachment-kinds';

/**
 * An Anlage of an Antrag or a Verwendungsnachweis. The owner is named by type and id (two owner
 * tables, one list); `organisation_id` is the owner's Träger, copied here so that access by the
 * attachment's own id is decided without knowing the owner table. Rows are append-only but for
 * the Träger's deletion while the record is a draft; `retain_until` follows the record's retention.
 */
@Entity('attachment')
@Index('ix_attachment_owner', ['ownerType', 'ownerId', 'uploadedAt'])
@Index('ix_attachment_organisation', ['organisationId'])
@Check('ck_attachment_owner_type', `owner_type IN ('APPLICATION', 'PROOF_OF_USE')`)
@Check('ck_attachment_size', 'size_bytes > 0')
export class Attachment {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'owner_type', type: 'text' })
  ownerType!: AttachmentOwnerType;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  /** From the application clock (not the database's), so a replayed demo has its own dates. */
  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: User;

  /** When the Anlage went to the Landratsamt with its record; from then on it is never deleted. */
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** Set when the record is submitted (Aufbewahrung); a trigger refuses deleting the row before. */
  @Column({ name: 'retain_until', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  retainUntil!: string | null;
}
