import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { MailOutbox, MailStatus } from './mail-outbox.entity';
import { mailNotFound } from './notifications.errors';

/** The filters of the administrator's Postausgang. */
export interface MailOutboxFilter {
  status?: MailStatus;
}

export interface ClaimedMail {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  message_id: string;
  attempts: number;
}

/**
 * The mail outbox: staff-only (the administrator's Postausgang), written with its notification and
 * delivered by the worker through the conditional UPDATEs below.
 */
/** The tables a notification's `entity_id` may name that belong to a Kreis (ids are uuids, unique across them). */
const RECORD_DISTRICTS = ['application', 'decision', 'payment_request', 'disbursement', 'proof_of_use', 'settlement', 'recovery', 'funding_call', 'generated_document'];

@Injectable()
export class MailOutboxRepository extends ScopedRepository<MailOutbox, MailOutboxFilter> {
  protected readonly definition: RepositoryDefinition<MailOutbox, MailOutboxFilter> = {
    entity: MailOutbox,
    alias: 'm',
    // A Kreis ADMIN: the mails about its Kreis's records, and to its own people otherwise (issue 20).
    visibility: {
      providerColumn: null,
      staffOnly: true,
      districtCondition: `COALESCE(${RECORD_DISTRICTS.map((t) => `(SELECT r.district_id FROM ${t} r WHERE r.id = n.entity_id)`).join(', ')}, u.organisation_id) = :scopeDistrict`,
    },
    // The addressee by name in the Postausgang (the mail keeps the address as it was when written).
    joins: (qb) => qb.leftJoinAndSelect('m.notification', 'n').leftJoinAndSelect('n.user', 'u'),
    sort: {
      createdAt: timestampSortKey('m.created_at', (m) => m.createdAt),
    },
    defaultSort: ['-createdAt'],
    filters: {
      status: (qb, v) => qb.andWhere('m.status = :status', { status: v }),
    },
    notFound: mailNotFound,
  };

  static async insertPending(
    em: EntityManager,
    m: { id: string; notificationId: string; recipient: string; subject: string; body: string; messageId: string },
  ): Promise<void> {
    await em.query(
      `INSERT INTO mail_outbox (id, notification_id, recipient, subject, body, message_id, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'PENDING')`,
      [m.id, m.notificationId, m.recipient, m.subject, m.body, m.messageId],
    );
  }

  /** The delivery state of these notifications' mails (a user reads only own notifications). */
  async ofNotifications(em: EntityManager, notificationIds: readonly string[]): Promise<MailOutbox[]> {
    if (notificationIds.length === 0) return [];
    return em.getRepository(MailOutbox).findBy({ notificationId: In([...notificationIds]) });
  }

  /** Mails not yet sent (PENDING or SENDING), for the metrics scrape; no caller scope, a count only. */
  async backlog(em: EntityManager): Promise<number> {
    const rows: { n: string }[] = await em.query(`SELECT count(*)::text AS n FROM mail_outbox WHERE status IN ('PENDING', 'SENDING')`);
    return Number(rows[0]?.n ?? 0);
  }

  /** The row as the worker sees it (no caller scope: the sender is the system). */
  async findForDelivery(em: EntityManager, id: string): Promise<MailOutbox | null> {
    return em.getRepository(MailOutbox).findOneBy({ id });
  }

  /** PENDING/FAILED (or an interrupted SENDING) → SENDING, attempts + 1, in one conditional UPDATE. */
  async claim(em: EntityManager, id: string, claimTimeoutSeconds: number): Promise<ClaimedMail | null> {
    const claimed = (await em.query(
      `UPDATE mail_outbox SET status = 'SENDING', attempts = attempts + 1, claimed_at = now(), updated_at = now()
        WHERE id = $1 AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND claimed_at < now() - make_interval(secs => $2)))
        RETURNING id, recipient, subject, body, message_id, attempts`,
      [id, claimTimeoutSeconds],
    )) as unknown;
    return returned<ClaimedMail>(claimed)[0] ?? null;
  }

  async markSent(em: EntityManager, id: string, response: string): Promise<void> {
    await em.query(
      `UPDATE mail_outbox SET status = 'SENT', sent_at = now(), smtp_response = $2, last_error = NULL, claimed_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'SENDING'`,
      [id, response],
    );
  }

  /** Back to PENDING with the error; the job retries with backoff. */
  async releaseWithError(em: EntityManager, id: string, error: string): Promise<void> {
    await em.query(
      `UPDATE mail_outbox SET status = 'PENDING', last_error = $2, claimed_at = NULL, updated_at = now() WHERE id = $1 AND status = 'SENDING'`,
      [id, error],
    );
  }

  async markFailed(em: EntityManager, id: string, error: string): Promise<void> {
    await em.query(
      `UPDATE mail_outbox SET status = 'FAILED', last_error = coalesce(last_error, $2), claimed_at = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('PENDING', 'SENDING')`,
      [id, error],
    );
  }

  /** Rows a sender should (still) take: pending ones, and claims that look interrupted. */
  async deliverable(em: EntityManager, claimTimeoutSeconds: number, limit: number): Promise<string[]> {
    const rows = (await em.query(
      `SELECT id FROM mail_outbox
        WHERE status = 'PENDING' OR (status = 'SENDING' AND claimed_at < now() - make_interval(secs => $1))
        ORDER BY created_at LIMIT $2`,
      [claimTimeoutSeconds, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Mails not ended (PENDING, SENDING), oldest first; `olderThanSeconds`: last changed that long ago; `id`: that
   * one only. `busy`: claimed by a sender within the claim timeout (it may still be talking to the
   * server). For the reconciler and the admin retry.
   */
  async openRecords(
    em: EntityManager,
    filter: { olderThanSeconds?: number; id?: string },
    claimTimeoutSeconds: number,
    limit: number,
  ): Promise<{ id: string; status: MailStatus; busy: boolean }[]> {
    return (await em.query(
      `SELECT id, status, (status = 'SENDING' AND claimed_at >= now() - make_interval(secs => $3)) AS busy FROM mail_outbox
        WHERE status IN ('PENDING', 'SENDING') AND ($1::float8 IS NULL OR updated_at < now() - make_interval(secs => $1)) AND ($2::uuid IS NULL OR id = $2)
        ORDER BY created_at LIMIT $4`,
      [filter.olderThanSeconds ?? null, filter.id ?? null, claimTimeoutSeconds, limit],
    )) as { id: string; status: MailStatus; busy: boolean }[];
  }

  /** FAILED → PENDING; false when the row is not FAILED. */
  async requeueFailed(em: EntityManager, id: string): Promise<boolean> {
    const rows = (await em.query(`UPDATE mail_outbox SET status = 'PENDING', updated_at = now() WHERE id = $1 AND status = 'FAILED' RETURNING id`, [
      id,
    ])) as unknown;
    return returned(rows).length > 0;
  }
}

/** Rows of an UPDATE … RETURNING: TypeORM's pg driver answers [rows, count] for UPDATE, rows otherwise. */
function returned<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return (Array.isArray(result) ? result : []) as T[];
}
