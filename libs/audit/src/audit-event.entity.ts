import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only, hash-chained record of every state change. A trigger rejects UPDATE, DELETE and
 * TRUNCATE; each row carries the SHA-256 of the row before it, so a changed or removed row
 * breaks the chain and `verify` finds it.
 */
@Entity('audit_event')
@Index('ix_audit_event_entity', ['entity', 'entityId'])
@Index('ix_audit_event_actor', ['actorId'])
@Index('ix_audit_event_occurred_at', ['occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_email', type: 'text', nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entity!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}

/** The head of the chain: one row, locked FOR UPDATE by every append so writers never fork it. */
@Entity('audit_chain_head')
@Check('ck_audit_chain_head_single_row', 'id = 1')
export class AuditChainHead {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ name: 'last_event_id', type: 'bigint', nullable: true })
  lastEventId!: string | null;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;
}

/** Result of one chain verification (nightly job or on demand). */
@Entity('audit_verification')
@Check('ck_audit_verification_trigger', `trigger IN ('SCHEDULED', 'MANUAL')`)
@Check('ck_audit_verification_status', `status IN ('PENDING', 'COMPLETED', 'FAILED')`)
export class AuditVerification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** BullMQ job id; unique so a retried job never stores its result twice. */
  @Column({ name: 'job_id', type: 'text', nullable: true, unique: true })
  jobId!: string | null;

  @Column({ type: 'text' })
  trigger!: 'SCHEDULED' | 'MANUAL';

  @Column({ type: 'text' })
  status!: 'PENDING' | 'COMPLETED' | 'FAILED';

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'boolean', nullable: true })
  valid!: boolean | null;

  @Column({ type: 'integer', nullable: true })
  checked!: number | null;

  @Column({ name: 'first_broken_id', type: 'bigint', nullable: true })
  firstBrokenId!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
