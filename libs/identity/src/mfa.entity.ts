import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A user's TOTP factor (issue 18). One row per user: unconfirmed while the user is enrolling
 * (confirmed_at null), in force once a first code was entered. Removing the factor deletes the row,
 * so no secret outlives it.
 */
@Entity('user_mfa')
export class UserMfa {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** The TOTP secret, AES-256-GCM encrypted with a key the database does not hold (`v1.iv.tag.ciphertext`). */
  @Column({ name: 'secret_ciphertext', type: 'text', select: false })
  secretCiphertext!: string;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  /** Time step of the last code accepted: a code is never accepted twice (RFC 6238 §5.2). */
  @Column({ name: 'last_time_step', type: 'bigint', nullable: true })
  lastTimeStep!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One-time recovery codes, hashed like passwords; a used code keeps its row with used_at set. */
@Entity('mfa_recovery_code')
@Index('ix_mfa_recovery_code_user', ['userId'])
export class MfaRecoveryCode {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'code_hash', type: 'text', select: false })
  codeHash!: string;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
