import { Injectable } from '@nestjs/common';
import { HandlesJob, JobContext, JobHandler, jobId, JobProducer } from '@foerderfluss/jobs';
import { MailOutboxService, RemindersService } from '@foerderfluss/notifications';

const SCAN = 'reminders.scan' as const;
const SEND = 'mail.send' as const;
const DRAIN = 'mail.drain' as const;

/** Hands every deliverable outbox row to `mail.send`; the job id (from the row id) keeps it to one job. */
async function queueDeliverable(outbox: MailOutboxService, jobs: JobProducer): Promise<number> {
  const ids = await outbox.deliverable();
  for (const outboxId of ids) await jobs.enqueue(SEND, { outboxId }, jobId(SEND, outboxId));
  return ids.length;
}

/** The reminder scan: findings and their mails in one transaction, then the mails to the sender. */
@Injectable()
@HandlesJob(SCAN)
export class RemindersScanProcessor implements JobHandler<typeof SCAN> {
  constructor(
    private readonly reminders: RemindersService,
    private readonly outbox: MailOutboxService,
    private readonly jobs: JobProducer,
  ) {}

  async handle(job: JobContext<typeof SCAN>): Promise<unknown> {
    const result = await this.reminders.scan(job.id);
    const queued = await queueDeliverable(this.outbox, this.jobs);
    return { created: result.created, found: result.found, queued };
  }
}

/** One mail by SMTP: claim, send, mark sent; failures retry with backoff and end FAILED. */
@Injectable()
@HandlesJob(SEND)
export class MailSendProcessor implements JobHandler<typeof SEND> {
  constructor(private readonly outbox: MailOutboxService) {}

  async handle(job: JobContext<typeof SEND>): Promise<unknown> {
    const result = await this.outbox.deliver(job.data.outboxId);
    return { outcome: result.outcome };
  }

  async onFinalFailure(job: JobContext<typeof SEND>, error: Error): Promise<void> {
    await this.outbox.markFailed(job.data.outboxId, error.message);
  }
}

/** Picks up what a crash or a restart left in the outbox (pending rows, interrupted claims). */
@Injectable()
@HandlesJob(DRAIN)
export class MailDrainProcessor implements JobHandler<typeof DRAIN> {
  constructor(
    private readonly outbox: MailOutboxService,
    private readonly jobs: JobProducer,
  ) {}

  async handle(): Promise<unknown> {
    return { queued: await queueDeliverable(this.outbox, this.jobs) };
  }
}
