import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { Notification } from './notification.entity';
import { notificationNotFound } from './notifications.errors';

/** The filters of `GET /api/v1/notifications`. */
export interface NotificationFilter {
  unreadOnly?: boolean;
}

/** One notification row to write; `dedupKey` makes a second write of the same finding a no-op. */
export interface NotificationRow {
  userId: string;
  kind: string;
  stage: string;
  entity: string;
  entityId: string;
  reference: string;
  dueDate: string | null;
  dedupKey: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: Date | null;
}

/** A user's own notifications: nobody sees anyone else's, whatever the role. */
@Injectable()
export class NotificationRepository extends ScopedRepository<Notification, NotificationFilter> {
  protected readonly definition: RepositoryDefinition<Notification, NotificationFilter> = {
    entity: Notification,
    alias: 'n',
    visibility: { providerColumn: null, addresseeColumn: 'n.user_id' },
    sort: {
      createdAt: timestampSortKey('n.created_at', (n) => n.createdAt),
    },
    defaultSort: ['-createdAt'],
    filters: {
      unreadOnly: (qb, v) => {
        if (v) qb.andWhere('n.read_at IS NULL');
      },
    },
    notFound: notificationNotFound,
  };

  /** Marks it read unless it already is: the first read counts. Only for a row read through `get`. */
  async markRead(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.getRepository(Notification).update({ id, readAt: IsNull() }, { readAt: at });
  }

  /**
   * Writes the notification once: `ON CONFLICT DO NOTHING` on the dedup key waits for a concurrent
   * writer and then skips. Returns the new id, or null when it existed already.
   */
  static async insertOnce(em: EntityManager, r: NotificationRow): Promise<string | null> {
    const inserted = (await em.query(
      `INSERT INTO notification (user_id, kind, stage, entity, entity_id, reference, due_date, dedup_key, subject, body, link, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12::timestamptz, now()))
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [r.userId, r.kind, r.stage, r.entity, r.entityId, r.reference, r.dueDate, r.dedupKey, r.subject, r.body, r.link, r.createdAt],
    )) as { id: string }[];
    return inserted[0]?.id ?? null;
  }
}
