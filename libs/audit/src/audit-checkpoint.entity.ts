import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed statement "the chain up to event `lastEventId` ends in `headHash`" (issue 18 item 6).
 * The signature is made with a key the database does not hold (AUDIT_SIGNING_KEY), and the same
 * statement is written as a file into the file storage. Someone who rewrites the chain and
 * recomputes every hash and the head (a superuser can) cannot make a matching signature: the
 * checkpoint check of `/audit-events/verify` fails. Append-only like the log itself.
 */
@Entity('audit_checkpoint')
@Check('ck_audit_checkpoint_trigger', `trigger IN ('SCHEDULED', 'MANUAL')`)
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** The instant that was signed (part of the signed statement). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text' })
  trigger!: 'SCHEDULED' | 'MANUAL';

  /** BullMQ job id of a scheduled run; unique so a retried job signs once. */
  @Column({ name: 'job_id', type: 'text', nullable: true, unique: true })
  jobId!: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  /** The last event the checkpoint covers; null for an empty log. */
  @Column({ name: 'last_event_id', type: 'bigint', nullable: true })
  lastEventId!: string | null;

  @Column({ name: 'head_hash', type: 'char', length: 64 })
  headHash!: string;

  /** Number of events up to and including lastEventId (ids may have gaps). */
  @Column({ type: 'integer' })
  events!: number;

  /** First 16 hex digits of the SHA-256 of the public key (SPKI, DER). */
  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ type: 'text' })
  algorithm!: 'Ed25519';

  /** base64 of the signature over the canonical JSON of the statement (checkpointStatement). */
  @Column({ type: 'text' })
  signature!: string;

  /** Where the same statement lies in the file storage. */
  @Column({ name: 'file_key', type: 'text' })
  fileKey!: string;
}
