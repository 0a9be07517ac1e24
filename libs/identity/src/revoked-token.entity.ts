import { Column, Entity, Index } from 'typeorm';

/** Tokens ended by logout before their expiry. Rows past `expires_at` are useless and purged. */
@Entity('revoked_token')
@Index('ix_revoked_token_expires', ['expiresAt'])
export class RevokedToken {
  @Column({ type: 'uuid', primary: true })
  jti!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
