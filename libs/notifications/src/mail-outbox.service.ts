import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, clampLimit, decodeCursor, Page, toPage } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { MailOutbox, MailStatus } from './notification.entity';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { mailNotFailed, mailNotFound } from './notifications.errors';

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
    const claimed = (await this.tx.manager.query(
      `UPDATE mail_outbox SET status = 'SENDING', attempts = attempts + 1, claimed_at = now(), updated_at = now()
        WHERE id = $1 AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND claimed_at < now() - make_interval(secs => $2)))
        RETURNING id, recipient, subject, body, message_id, attempts`,
      [id, this.config.mailClaimTimeoutSeconds],
    )) as unknown;
    const row = returned<{ id: string; recipient: string; subject: string; body: string; message_id: string; attempts: number }>(claimed)[0];
    if (!row) {
      const current = await this.tx.manager.getRepository(MailOutbox).findOneBy({ id });
      if (!current) return { outcome: 'MISSING' };
      if (current.status === 'SENT') return { outcome: 'ALREADY_SENT' };
      const staleAt = (current.claimedAt ?? new Date()).getTime() + this.config.mailClaimTimeoutSeconds * 1000;
      throw new MailInFlightError(id, current.claimedAt ?? new Date(), Math.min(Math.max(staleAt - Date.now() + 50, 50), 5000));
    }
    if (row.attempts > 1) this.logger.warn(`mail ${id}: attempt ${row.attempts}`);
    try {
      const { response } = await this.transport.send({ to: row.recipient, subject: row.subject, text: row.body, messageId: row.message_id, outboxId: row.id });
      await this.tx.manager.query(
        `UPDATE mail_outbox SET status = 'SENT', sent_at = now(), smtp_response = $2, last_error = NULL, claimed_at = NULL, updated_at = now()
          WHERE id = $1 AND status = 'SENDING'`,
        [id, response.slice(0, ERROR_LENGTH)],
      );
      return { outcome: 'SENT', response };
    } catch (err) {
      // Back to PENDING with the error; the job retries with backoff, the last failure marks FAILED.
      await this.tx.manager.query(
        `UPDATE mail_outbox SET status = 'PENDING', last_error = $2, claimed_at = NULL, updated_at = now() WHERE id = $1 AND status = 'SENDING'`,
        [id, errorText(err)],
      );
      throw err;
    }
  }

  /** After the last attempt: FAILED with the last error, visible over the api. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE mail_outbox SET status = 'FAILED', last_error = coalesce(last_error, $2), claimed_at = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('PENDING', 'SENDING')`,
      [id, error.slice(0, ERROR_LENGTH)],
    );
  }

  /** Rows a sender should (still) take: pending ones, and claims that look interrupted. */
  async deliverable(limit = 1000): Promise<string[]> {
    const rows = (await this.tx.manager.query(
      `SELECT id FROM mail_outbox
        WHERE status = 'PENDING' OR (status = 'SENDING' AND claimed_at < now() - make_interval(secs => $1))
        ORDER BY created_at LIMIT $2`,
      [this.config.mailClaimTimeoutSeconds, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async list(q: { status?: MailStatus; limit?: number; cursor?: string }): Promise<Page<MailOutbox>> {
    const limit = clampLimit(q.limit);
    const qb = this.tx.manager.getRepository(MailOutbox).createQueryBuilder('m');
    if (q.status) qb.andWhere('m.status = :status', { status: q.status });
    const c = decodeCursor(q.cursor, 2);
    if (c) qb.andWhere('(m.created_at, m.id) < (:at, :id)', { at: new Date(String(c[0])), id: String(c[1]) });
    const rows = await qb.orderBy('m.created_at', 'DESC').addOrderBy('m.id', 'DESC').take(limit + 1).getMany();
    return toPage(rows, limit, (m) => [m.createdAt.toISOString(), m.id]);
  }

  async get(id: string): Promise<MailOutbox> {
    const m = await this.tx.manager.getRepository(MailOutbox).findOneBy({ id });
    if (!m) throw mailNotFound();
    return m;
  }

  /** An administrator sends a FAILED mail again: back to PENDING (the caller queues it). */
  async requeueFailed(id: string): Promise<MailOutbox> {
    const rows = (await this.tx.manager.query(
      `UPDATE mail_outbox SET status = 'PENDING', updated_at = now() WHERE id = $1 AND status = 'FAILED' RETURNING id`,
      [id],
    )) as unknown;
    if (returned(rows).length === 0) {
      const m = await this.get(id);
      throw mailNotFailed(m.status);
    }
    return this.get(id);
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

/** Rows of an UPDATE … RETURNING: TypeORM's pg driver answers [rows, count] for UPDATE, rows otherwise. */
function returned<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return (Array.isArray(result) ? result : []) as T[];
}
