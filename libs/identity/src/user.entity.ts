import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '@foerderfluss/core';
import { TimestampedEntity } from '@foerderfluss/database';

@Entity('app_user')
@Index('ux_app_user_email', ['email'], { unique: true })
@Index('ix_app_user_organisation', ['organisationId'])
@Check('ck_app_user_roles', `cardinality(roles) > 0 AND roles <@ ARRAY['ADMIN','STAFF','APPROVER','PROVIDER','AUDITOR']::text[]`)
@Check('ck_app_user_provider_org', `NOT ('PROVIDER' = ANY(roles)) OR organisation_id IS NOT NULL`)
@Check('ck_app_user_email_lower', 'email = lower(email)')
export class User extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased and trimmed; logins compare the same form. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** argon2id PHC string; never leaves this lib. */
  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  /** The Träger a PROVIDER belongs to (exactly one); null for Kreis staff and auditors. */
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  /**
   * Tokens issued (`iat`) before this instant are refused. Moved forward on deactivation, password
   * change and role change, never back: reactivating an account does not revive its old tokens.
   * Always a whole second, because `iat` has second resolution (see `tokensValidFrom`).
   */
  @Column({ name: 'tokens_valid_after', type: 'timestamptz', nullable: true })
  tokensValidAfter!: Date | null;
}
