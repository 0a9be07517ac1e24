import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only, hash-chained record of every state change. A trigger rejects UPDATE, DELETE and
 * TRUNCATE; each row carries the SHA-256 of the row before it, so a changed or removed row
 * breaks the chain and `verify` finds it.
 */
@Entity('audit_event')
@Index('ix_audit_event_entity', ['entity', 'entityId'])
@Index('ix_audit_event_actor', ['actorId'])
@Index('ix_audit_event_occurred_at', ['occurredAt'])
@Index('ix_audit_event_district', ['districtId'])
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

  /**
   * The Kreis the event belongs to (issue 20): the acting Kreis user's, else the audited record's
   * (`districtId` of its snapshot); null for events of the Land, the system or organisations.
   * Not part of the hash: the chain covers the event, this column only routes who may read it.
   */
  @Column({ name: 'district_id', type: 'uuid', nullable: true })
  districtId!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
