import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MailOutbox } from './mail-outbox.entity';

/**
 * A mail the local catch-all took instead of an SMTP relay: outside production without SMTP_HOST,
 * so a demo or a developer machine shows its mails (ADMIN, „Betrieb“ in the web) instead of
 * marking them failed. One row per delivery: a mail sent twice (at least once) appears twice, as
 * it would in a real mailbox.
 */
@Entity('mail_catchall')
@Index('ix_mail_catchall_created', ['createdAt'])
@Index('ix_mail_catchall_outbox', ['outboxId'])
export class MailCatchAll {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'outbox_id', type: 'uuid' })
  outboxId!: string;

  @ManyToOne(() => MailOutbox, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outbox_id' })
  outbox?: MailOutbox;

  @Column({ type: 'text' })
  sender!: string;

  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
