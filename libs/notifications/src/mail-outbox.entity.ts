import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Notification } from './notification.entity';

export type MailStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

/**
 * The transactional outbox of mails: written with the notification, delivered by the worker.
 * PENDING → SENDING (claimed, attempts + 1) → SENT; after the last failed attempt FAILED with the
 * error. A claim older than MAIL_CLAIM_TIMEOUT_SECONDS counts as interrupted (the worker died after
 * claiming) and the mail is sent again under the same Message-ID: at least once.
 */
@Entity('mail_outbox')
@Index('ux_mail_outbox_notification', ['notificationId'], { unique: true })
@Index('ix_mail_outbox_status', ['status', 'createdAt'])
@Check('ck_mail_outbox_status', `status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')`)
@Check('ck_mail_outbox_sent', `(status = 'SENT') = (sent_at IS NOT NULL)`)
export class MailOutbox {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId!: string;

  @ManyToOne(() => Notification, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notification_id' })
  notification?: Notification;

  /** The address as it was when the mail was written. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  /** `<outbox-id@domain>`: the same on every attempt, so a duplicate is recognisable. */
  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ type: 'text' })
  status!: MailStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** The SMTP server's answer to the accepted message. */
  @Column({ name: 'smtp_response', type: 'text', nullable: true })
  smtpResponse!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
