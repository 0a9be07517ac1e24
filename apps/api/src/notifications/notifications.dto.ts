import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { NotificationKind, NotificationView } from '@foerderfluss/notifications';
import { ListQueryDto, ToBoolean } from '../common/dto';

export class NotificationQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'nur ungelesene' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  unreadOnly?: boolean;
}

export class NotificationMailDto {
  @ApiProperty({ enum: ['PENDING', 'SENDING', 'SENT', 'FAILED'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NotificationKind }) kind!: NotificationKind;
  @ApiProperty({ example: 'BEFORE_7', description: 'Erinnerungen: BEFORE_<Tage>, OVERDUE oder WAITING; Ereignisse: RECEIVED, REQUESTED, ISSUED, APPROVED, REFUSED, PAID, DUE, EXTENDED; Mahnungen: DUNNING_1, DUNNING_2; Vorgänge: ASSIGNEE, STAND_IN (zugewiesen), ADDED (Wiedervorlage)' }) stage!: string;
  @ApiProperty({ enum: ['Application', 'Decision', 'PaymentRequest', 'ProofOfUse', 'Settlement', 'Recovery', 'FundingCall'] }) entity!: string;
  @ApiProperty({ format: 'uuid' }) entityId!: string;
  @ApiProperty({ example: 'FF-2026-0001' }) reference!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dueDate!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ nullable: true, type: String }) link!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
  @ApiProperty({ type: NotificationMailDto, nullable: true, description: 'Zustellung per E-Mail' }) mail!: NotificationMailDto | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ description: 'Anzahl ungelesener Benachrichtigungen insgesamt' }) unread!: number;
}

export function toNotificationDto(v: NotificationView): NotificationDto {
  const n = v.notification;
  return {
    id: n.id,
    kind: n.kind,
    stage: n.stage,
    entity: n.entity,
    entityId: n.entityId,
    reference: n.reference,
    dueDate: n.dueDate,
    subject: n.subject,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
    mail: v.mail ? { status: v.mail.status, attempts: v.mail.attempts, lastError: v.mail.lastError, sentAt: v.mail.sentAt ? v.mail.sentAt.toISOString() : null } : null,
  };
}
