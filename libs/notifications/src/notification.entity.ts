import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateOnlyTransformer } from '@foerderfluss/database';
import { User } from '@foerderfluss/identity';

export enum NotificationKind {
  /** Verwendungsnachweis (final) due or overdue. */
  PROOF_DUE = 'PROOF_DUE',
  /** Zwischennachweis due or overdue. */
  INTERIM_PROOF_DUE = 'INTERIM_PROOF_DUE',
  /** A checked Mittelabruf waits for the second pair of eyes. */
  PAYMENT_APPROVAL = 'PAYMENT_APPROVAL',
  /** A Rückforderung is past its due date and not settled (to staff and to the Träger). */
  RECOVERY_OVERDUE = 'RECOVERY_OVERDUE',
  // What happened to the Träger's own records, written in the transaction of the change (issue 14).
  /** The Antrag arrived (Eingangsbestätigung). */
  APPLICATION_RECEIVED = 'APPLICATION_RECEIVED',
  /** The Landratsamt asks for changes to the Antrag. */
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  /** A Bescheid or Vertrag (or a change of it) is in force. */
  DECISION_ISSUED = 'DECISION_ISSUED',
  /** The Ablehnungsbescheid is issued. */
  APPLICATION_REJECTED = 'APPLICATION_REJECTED',
  /** A Mittelabruf is released for payout. */
  PAYMENT_REQUEST_APPROVED = 'PAYMENT_REQUEST_APPROVED',
  /** A Mittelabruf is refused. */
  PAYMENT_REQUEST_REFUSED = 'PAYMENT_REQUEST_REFUSED',
  /** The bank executed the payout (payment file booked). */
  PAYOUT_EXECUTED = 'PAYOUT_EXECUTED',
  /** The Festsetzung is approved. */
  SETTLEMENT_MADE = 'SETTLEMENT_MADE',
  /** A Rückforderung is issued with its due date. */
  RECOVERY_DUE = 'RECOVERY_DUE',
  /** The Ausschlussfrist of a published Projektaufruf was extended (to every Träger). */
  CALL_DEADLINE_EXTENDED = 'CALL_DEADLINE_EXTENDED',
  // To the Landratsamt's people named on a case (issue 16 item 7), written with the change.
  /** Someone made the user assignee or stand-in of a case. */
  CASE_ASSIGNED = 'CASE_ASSIGNED',
  /** Someone set a Wiedervorlage on a case the user is assignee or stand-in of. */
  FOLLOW_UP_ADDED = 'FOLLOW_UP_ADDED',
}

/** The kinds the Träger is told about as they happen (not found by the scan). */
export const EVENT_NOTIFICATION_KINDS: readonly NotificationKind[] = [
  NotificationKind.APPLICATION_RECEIVED,
  NotificationKind.CHANGES_REQUESTED,
  NotificationKind.DECISION_ISSUED,
  NotificationKind.APPLICATION_REJECTED,
  NotificationKind.PAYMENT_REQUEST_APPROVED,
  NotificationKind.PAYMENT_REQUEST_REFUSED,
  NotificationKind.PAYOUT_EXECUTED,
  NotificationKind.SETTLEMENT_MADE,
  NotificationKind.RECOVERY_DUE,
  NotificationKind.CALL_DEADLINE_EXTENDED,
];

/**
 * A message to one user, found by the reminder scan or written with the state change it reports
 * (EventNotificationsService). `dedupKey` (kind, record, occurrence or due date, stage, user) is
 * unique: the same finding or event never produces a second notification, however often the scan
 * runs or an event is replayed. Written in the same transaction as its mail in the outbox.
 */
@Entity('notification')
@Index('ux_notification_dedup', ['dedupKey'], { unique: true })
@Index('ix_notification_user', ['userId', 'createdAt'])
@Check(
  'ck_notification_kind',
  `kind IN ('PROOF_DUE', 'INTERIM_PROOF_DUE', 'PAYMENT_APPROVAL', 'RECOVERY_OVERDUE', 'APPLICATION_RECEIVED', 'CHANGES_REQUESTED', 'DECISION_ISSUED', 'APPLICATION_REJECTED', 'PAYMENT_REQUEST_APPROVED', 'PAYMENT_REQUEST_REFUSED', 'PAYOUT_EXECUTED', 'SETTLEMENT_MADE', 'RECOVERY_DUE', 'CALL_DEADLINE_EXTENDED', 'CASE_ASSIGNED', 'FOLLOW_UP_ADDED')`,
)
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  /** `BEFORE_30`, `BEFORE_7`, `OVERDUE` or `WAITING` (reminders); the event itself, e.g. `RECEIVED`, `ISSUED`, `PAID`. */
  @Column({ type: 'text' })
  stage!: string;

  /** The record it is about: `Application`, `Decision`, `PaymentRequest`, `ProofOfUse`, `Settlement`, `Recovery` or `FundingCall`. */
  @Column({ type: 'text' })
  entity!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  /** Aktenzeichen or Abruf-Nr. of the record, for the list. */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'due_date', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  dueDate!: string | null;

  @Column({ name: 'dedup_key', type: 'text' })
  dedupKey!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  /** Where it is shown in the web front end: APP_PUBLIC_URL + e.g. `/bescheide/<decision id>`. */
  @Column({ type: 'text', nullable: true })
  link!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
