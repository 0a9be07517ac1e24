import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Page, Scope } from '@foerderfluss/core';
import { ListParams, TransactionRunner } from '@foerderfluss/database';
import { MailOutbox } from './mail-outbox.entity';
import { MailOutboxFilter, MailOutboxRepository } from './mail-outbox.repository';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { mailNotFailed } from './notifications.errors';

export type DeliveryResult = { outcome: 'SENT'; response: string } | { outcome: 'ALREADY_SENT' } | { outcome: 'MISSING' };

/** A mail another run claimed a moment ago: look again in `retryInMs`. */
export class MailInFlightError extends Error {
  constructor(
    id: string,
    claimedAt: Date,
    readonly retryInMs: number,
  ) {
    super(`mail ${id} is being sent since ${claimedAt.toISOString()}`);
    this.name = 'MailInFlightError';
  }
}

const ERROR_LENGTH = 2000;

/**
 * Delivery of the mail outbox. Each attempt claims the row first (PENDING/FAILED → SENDING, attempt
 * count + 1, in one conditional UPDATE), sends, then marks it SENT. So two senders never send the
 * same row at once, and a row once SENT is never sent again.
 *
 * The one gap no sender can close: the process dies after the SMTP server accepted the message and
 * before the row was marked SENT. The row then stays SENDING; BullMQ hands the job to another worker
 * (stalled-job recovery), which waits until the claim is older than MAIL_CLAIM_TIMEOUT_SECONDS and
 * then sends again: at least once, never lost. Both copies carry the same Message-ID
 * (`<outbox-id@domain>`) and the header X-Foerderfluss-Outbox-Id, so mail clients and archives
 * recognise the duplicate. The timeout only has to outlast one slow SMTP dialogue (SMTP_TIMEOUT_MS).
 */
@Injectable()
export class MailOutboxService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailOutboxService.name);

  constructor(
    private readonly tx: TransactionRunner,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: MailOutboxRepository,
  ) {}

  /**
   * One attempt at one mail; throws when the server refused it or could not be reached. A row
   * claimed a moment ago by another run (a job taken over after its worker stopped answering) is
   * waited for until it is sent or its claim runs out, so a slow sender is not overtaken.
   */
  async deliver(id: string): Promise<DeliveryResult> {
    for (;;) {
      try {
        return await this.attempt(id);
      } catch (err) {
        if (!(err instanceof MailInFlightError)) throw err;
        await new Promise((r) => setTimeout(r, err.retryInMs));
      }
    }
  }

  private async attempt(id: string): Promise<DeliveryResult> {
    const em = this.tx.manager;
    const row = await this.outbox.claim(em, id, this.config.mailClaimTimeoutSeconds);
    if (!row) {
      const current = await this.outbox.findForDelivery(em, id);
      if (!current) return { outcome: 'MISSING' };
      if (current.status === 'SENT') return { outcome: 'ALREADY_SENT' };
      const staleAt = (current.claimedAt ?? new Date()).getTime() + this.config.mailClaimTimeoutSeconds * 1000;
      throw new MailInFlightError(id, current.claimedAt ?? new Date(), Math.min(Math.max(staleAt - Date.now() + 50, 50), 5000));
    }
    if (row.attempts > 1) this.logger.warn(`mail ${id}: attempt ${row.attempts}`);
    try {
      const { response } = await this.transport.send({ to: row.recipient, subject: row.subject, text: row.body, messageId: row.message_id, outboxId: row.id });
      await this.outbox.markSent(em, id, response.slice(0, ERROR_LENGTH));
      return { outcome: 'SENT', response };
    } catch (err) {
      // Back to PENDING with the error; the job retries with backoff, the last failure marks FAILED.
      await this.outbox.releaseWithError(em, id, errorText(err));
      throw err;
    }
  }

  /** After the last attempt: FAILED with the last error, visible over the api. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.outbox.markFailed(this.tx.manager, id, error.slice(0, ERROR_LENGTH));
  }

  /** Rows a sender should (still) take: pending ones, and claims that look interrupted. */
  async deliverable(limit = 1000): Promise<string[]> {
    return this.outbox.deliverable(this.tx.manager, this.config.mailClaimTimeoutSeconds, limit);
  }

  /** Mails still waiting for their job (see MailOutboxRepository.openRecords), for the reconciler. */
  openRecords(filter: { olderThanSeconds?: number; id?: string }, limit = 1000): Promise<{ id: string; status: string; busy: boolean }[]> {
    return this.outbox.openRecords(this.tx.manager, filter, this.config.mailClaimTimeoutSeconds, limit);
  }

  /** How many mails wait to be sent (metrics). */
  async backlog(): Promise<number> {
    return this.outbox.backlog(this.tx.manager);
  }

  /** The Postausgang (staff only), as the calling administrator sees it. */
  async list(scope: Scope, q: MailOutboxFilter & ListParams): Promise<Page<MailOutbox>> {
    return this.outbox.list(scope, q);
  }

  async get(scope: Scope, id: string): Promise<MailOutbox> {
    return this.outbox.get(scope, id);
  }

  /** An administrator sends a FAILED mail again: back to PENDING (the caller queues it). */
  async requeueFailed(scope: Scope, id: string): Promise<MailOutbox> {
    const m = await this.get(scope, id);
    if (!(await this.outbox.requeueFailed(this.tx.manager, id))) throw mailNotFailed(m.status);
    return this.get(scope, id);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

function errorText(err: unknown): string {
  const e = err as { message?: string; responseCode?: number; code?: string };
  const parts = [e.code, e.responseCode ? String(e.responseCode) : undefined, e.message ?? String(err)].filter(Boolean);
  return parts.join(' ').slice(0, ERROR_LENGTH);
}
