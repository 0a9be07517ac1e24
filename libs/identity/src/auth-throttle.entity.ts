import { Column, Entity } from 'typeorm';

/** Failed-login counters per account and per client IP (kept in PostgreSQL so every replica sees them). */
@Entity('auth_throttle')
export class AuthThrottle {
  /** `account:<email>` or `ip:<address>` */
  @Column({ type: 'text', primary: true })
  key!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
