import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { JobInfo, JOB_STATES, JobState, QueueName, QueueOverview, QUEUES } from '@foerderfluss/jobs';
import type { MailCatchAll, MailOutbox } from '@foerderfluss/notifications';
import { ListQueryDto } from '../common/dto';

const QUEUE_NAMES = Object.values(QUEUES) as QueueName[];

export class JobQueryDto {
  @ApiPropertyOptional({ enum: JOB_STATES, default: 'failed' })
  @IsOptional()
  @IsIn(JOB_STATES as unknown as string[])
  state?: JobState;

  @ApiPropertyOptional({ enum: QUEUE_NAMES, description: 'nur diese Warteschlange' })
  @IsOptional()
  @IsIn(QUEUE_NAMES)
  queue?: QueueName;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class MailOutboxQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['PENDING', 'SENDING', 'SENT', 'FAILED'] })
  @IsOptional()
  @IsIn(['PENDING', 'SENDING', 'SENT', 'FAILED'])
  status?: 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';
}

export class QueueCountsDto {
  @ApiProperty() failed!: number;
  @ApiProperty() active!: number;
  @ApiProperty() waiting!: number;
  @ApiProperty() delayed!: number;
  @ApiProperty() prioritized!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ name: 'waiting-children' }) 'waiting-children'!: number;
}

export class ScheduleDto {
  @ApiProperty({ example: 'reminders.scan.schedule' }) id!: string;
  @ApiProperty({ example: 'reminders.scan' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: '0 6 * * *' }) pattern!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) next!: string | null;
}

export class QueueDto {
  @ApiProperty({ enum: QUEUE_NAMES }) queue!: string;
  @ApiProperty({ type: QueueCountsDto }) counts!: QueueCountsDto;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ type: [ScheduleDto] }) schedules!: ScheduleDto[];
}

export class JobDto {
  @ApiProperty({ enum: QUEUE_NAMES }) queue!: string;
  @ApiProperty({ example: 'mail.send.3f2b8c1e-9a4d-4e21-8f0a-2c6b9d1e7a55' }) id!: string;
  @ApiProperty({ example: 'mail.send' }) name!: string;
  @ApiProperty({ example: 'failed' }) state!: string;
  @ApiProperty() attemptsMade!: number;
  @ApiProperty() maxAttempts!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Fehlermeldung des letzten Versuchs' }) failedReason!: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { type: 'string', format: 'uuid' }, description: 'Nutzdaten: freie Zuordnung Schlüssel (…Id) → UUID, nur IDs' }) data!: Record<string, string> | null;
  @ApiProperty({ description: 'false: die Nutzdaten enthielten mehr als IDs und werden nicht gezeigt' }) payloadIdsOnly!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Vorgangsnummer (requestId) der Anfrage, die den Auftrag eingereiht hat; null bei Zeitplänen' }) requestId!: string | null;
  @ApiProperty({ nullable: true, type: Number }) progress!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) processedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
}

export class JobListDto {
  @ApiProperty({ type: [JobDto] }) items!: JobDto[];
}

export class QueueListDto {
  @ApiProperty({ type: [QueueDto] }) items!: QueueDto[];
}

export class MailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Name der Person, an die die E-Mail geht' }) recipientName!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty({ example: '<3f2b8c1e-…@altenburgerland.de>' }) messageId!: string;
  @ApiProperty({ enum: ['PENDING', 'SENDING', 'SENT', 'FAILED'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) smtpResponse!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;
}

export class MailPageDto {
  @ApiProperty({ type: [MailDto] }) items!: MailDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class CaughtMailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'die E-Mail im Postausgang' }) outboxId!: string;
  @ApiProperty() sender!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Name der Person, an die die E-Mail geht' }) recipientName!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty({ example: '<3f2b8c1e-…@altenburgerland.de>' }) messageId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CaughtMailDetailDto extends CaughtMailDto {
  @ApiProperty({ description: 'der Text der E-Mail' }) body!: string;
}

export class CaughtMailPageDto {
  @ApiProperty({ description: 'true: E-Mails gehen zurzeit hierher statt an ein Mailrelay (SMTP_HOST nicht gesetzt)' }) active!: boolean;
  @ApiProperty({ type: [CaughtMailDto] }) items!: CaughtMailDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ScheduledRunDto {
  @ApiProperty({ example: 'reminders.scan' }) name!: string;
  @ApiProperty({ example: 'reminders.scan.manual-…' }) jobId!: string;
}

export function toQueueDto(q: QueueOverview): QueueDto {
  return {
    queue: q.queue,
    counts: q.counts,
    paused: q.paused,
    schedules: q.schedules.map((s) => ({ id: s.id, name: s.name, pattern: s.pattern, next: s.next ? s.next.toISOString() : null })),
  };
}

export function toJobDto(j: JobInfo): JobDto {
  return {
    ...j,
    createdAt: j.createdAt.toISOString(),
    processedAt: j.processedAt ? j.processedAt.toISOString() : null,
    finishedAt: j.finishedAt ? j.finishedAt.toISOString() : null,
  };
}

export function toMailDto(m: MailOutbox): MailDto {
  return {
    id: m.id,
    notificationId: m.notificationId,
    recipient: m.recipient,
    recipientName: m.notification?.user?.displayName ?? null,
    subject: m.subject,
    messageId: m.messageId,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    smtpResponse: m.smtpResponse,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt ? m.sentAt.toISOString() : null,
  };
}

export function toCaughtMailDto(c: MailCatchAll): CaughtMailDto {
  return {
    id: c.id,
    outboxId: c.outboxId,
    sender: c.sender,
    recipient: c.recipient,
    recipientName: c.outbox?.notification?.user?.displayName ?? null,
    subject: c.subject,
    messageId: c.messageId,
    createdAt: c.createdAt.toISOString(),
  };
}

export function toCaughtMailDetailDto(c: MailCatchAll): CaughtMailDetailDto {
  return { ...toCaughtMailDto(c), body: c.body };
}
