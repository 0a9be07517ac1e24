import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError, Role } from '@foerderfluss/core';
import { AuditedActions } from '@foerderfluss/audit';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { jobId, JobName, JOB_NAMES, JOB_RECORD_SOURCES, JobProducer, type JobRecordSource, JOBS, JobsAdminService } from '@foerderfluss/jobs';
import { MailOutboxService } from '@foerderfluss/notifications';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import {
  JobDto,
  JobListDto,
  JobQueryDto,
  MailDto,
  MailOutboxQueryDto,
  MailPageDto,
  QueueListDto,
  ScheduledRunDto,
  toJobDto,
  toMailDto,
  toQueueDto,
} from './jobs-admin.dto';

const SCHEDULED = JOB_NAMES.filter((n) => JOBS[n].scheduleConfigKey !== undefined);
const scheduleNotFound = (): DomainError =>
  new DomainError('SCHEDULE_NOT_FOUND', 404, `Diesen regelmäßigen Auftrag gibt es nicht. Möglich sind: ${SCHEDULED.join(', ')}.`);

/**
 * Job hygiene for administrators (issue 9 item 7): queues with counts per state and their schedules,
 * jobs by state with the error of the last attempt, a manual retry, the mail outbox with delivery
 * errors, and "run a scheduled job now". Payloads are ids only; nothing else is shown.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('admin')
export class JobsAdminController {
  constructor(
    private readonly admin: JobsAdminService,
    private readonly jobs: JobProducer,
    private readonly outbox: MailOutboxService,
    private readonly audited: AuditedActions,
    @Inject(JOB_RECORD_SOURCES) private readonly records: JobRecordSource[],
  ) {}

  @Get('queues')
  @ApiOkResponse({ type: QueueListDto })
  async queues(): Promise<QueueListDto> {
    return { items: (await this.admin.queues()).map(toQueueDto) };
  }

  /** Aufträge eines Zustands (Standard: fehlgeschlagene), neueste zuerst. */
  @Get('jobs')
  @ApiOkResponse({ type: JobListDto })
  async list(@Query() q: JobQueryDto): Promise<JobListDto> {
    return { items: (await this.admin.jobs(q.state ?? 'failed', q.queue, q.limit ?? 100)).map(toJobDto) };
  }

  @Get('jobs/:queue/:id')
  @ApiOkResponse({ type: JobDto })
  async get(@Param('queue') queue: string, @Param('id') id: string): Promise<JobDto> {
    return toJobDto(await this.admin.get(queue, id));
  }

  /**
   * Einen fehlgeschlagenen Auftrag erneut ausführen; ebenso einen abgeschlossenen oder verlorenen,
   * dessen Export, Import, Schreiben oder E-Mail noch auf ihn wartet (gleiche Auftrags-ID).
   */
  @Post('jobs/:queue/:id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: JobDto })
  async retry(@CurrentUser() user: AuthenticatedUser, @Param('queue') queue: string, @Param('id') id: string): Promise<JobDto> {
    const result = await this.audited.run(
      user,
      () => this.admin.retryJob(queue, id, this.records),
      ({ job, orphan }) => ({
        action: 'job.retry',
        entity: 'Job',
        entityId: `${queue}/${id}`,
        after: {
          name: job.name,
          state: job.state,
          // A record whose job was gone or done: which one, and what the queue held before.
          ...(orphan ? { orphan: { entity: orphan.entity, id: orphan.id, status: orphan.status, previousState: orphan.previousState } } : {}),
        },
      }),
    );
    return toJobDto(result.job);
  }

  /** Einen regelmäßigen Auftrag (z. B. reminders.scan) sofort ausführen. */
  @Post('schedules/:name/run')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ScheduledRunDto })
  async run(@CurrentUser() user: AuthenticatedUser, @Param('name') name: string): Promise<ScheduledRunDto> {
    if (!SCHEDULED.includes(name as JobName)) throw scheduleNotFound();
    const scheduled = name as (typeof SCHEDULED)[number];
    const job = await this.audited.run(
      user,
      () => this.jobs.enqueue(scheduled, {}, jobId(scheduled, `manual-${randomUUID()}`)),
      (queued) => ({ action: 'job.run', entity: 'Job', entityId: `${JOBS[scheduled].queue}/${queued.id}`, after: { name } }),
    );
    return { name, jobId: job.id };
  }

  /** Postausgang: E-Mails mit Zustellstatus und letztem Fehler. */
  @Get('mail-outbox')
  @ApiOkResponse({ type: MailPageDto })
  async mails(@CurrentUser() user: AuthenticatedUser, @Query() q: MailOutboxQueryDto): Promise<MailPageDto> {
    const page = await this.outbox.list(user, q);
    return { items: page.items.map(toMailDto), nextCursor: page.nextCursor };
  }

  /** Eine fehlgeschlagene E-Mail erneut versenden (gleiche Message-ID). */
  @Post('mail-outbox/:id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MailDto })
  async retryMail(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<MailDto> {
    // The row back to PENDING, its job retried (or added anew after retention; one still waiting
    // takes the row), and the audit event: one transaction.
    const mail = await this.audited.run(
      user,
      async () => {
        const requeued = await this.outbox.requeueFailed(user, id);
        await this.admin.retryOrAdd('mail.send', { outboxId: id }, jobId('mail.send', id));
        return requeued;
      },
      () => ({ action: 'mail.retry', entity: 'MailOutbox', entityId: id, after: { status: 'PENDING' } }),
    );
    return toMailDto(mail);
  }
}
