import { Injectable } from '@nestjs/common';
import { clampLimit, Clock, decodeCursor, Page, Scope, toPage } from '@foerderfluss/core';
import { IsNull } from 'typeorm';
import { TransactionRunner } from '@foerderfluss/database';
import { MailOutbox, Notification } from './notification.entity';
import { notificationNotFound } from './notifications.errors';

const NOBODY = '00000000-0000-0000-0000-000000000000';

export interface NotificationView {
  notification: Notification;
  /** Delivery of its mail: status, attempts and the last error, if any. */
  mail: Pick<MailOutbox, 'status' | 'attempts' | 'lastError' | 'sentAt'> | null;
}

/**
 * A user's own notifications. Nobody sees anyone else's, whatever the role: another user's
 * notification answers 404 like a missing one. Marking one read is the user's own view state,
 * not a business record, so it is not written to the audit log.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async list(scope: Scope, q: { unreadOnly?: boolean; limit?: number; cursor?: string }): Promise<Page<NotificationView>> {
    const limit = clampLimit(q.limit);
    const qb = this.tx.manager.getRepository(Notification).createQueryBuilder('n').where('n.user_id = :me', { me: scope.userId ?? NOBODY });
    if (q.unreadOnly) qb.andWhere('n.read_at IS NULL');
    const c = decodeCursor(q.cursor, 2);
    if (c) qb.andWhere('(n.created_at, n.id) < (:at, :id)', { at: new Date(String(c[0])), id: String(c[1]) });
    const rows = await qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').take(limit + 1).getMany();
    const page = toPage(rows, limit, (n) => [n.createdAt.toISOString(), n.id]);
    const mails = page.items.length
      ? await this.tx.manager.getRepository(MailOutbox).createQueryBuilder('m').where('m.notification_id IN (:...ids)', { ids: page.items.map((n) => n.id) }).getMany()
      : [];
    return {
      items: page.items.map((n) => {
        const m = mails.find((x) => x.notificationId === n.id);
        return { notification: n, mail: m ? { status: m.status, attempts: m.attempts, lastError: m.lastError, sentAt: m.sentAt } : null };
      }),
      nextCursor: page.nextCursor,
    };
  }

  async unreadCount(scope: Scope): Promise<number> {
    return this.tx.manager.getRepository(Notification).countBy({ userId: scope.userId ?? NOBODY, readAt: IsNull() });
  }

  async markRead(scope: Scope, id: string): Promise<NotificationView> {
    const n = await this.markReadRow(scope, id);
    const m = await this.tx.manager.getRepository(MailOutbox).findOneBy({ notificationId: n.id });
    return { notification: n, mail: m ? { status: m.status, attempts: m.attempts, lastError: m.lastError, sentAt: m.sentAt } : null };
  }

  private async markReadRow(scope: Scope, id: string): Promise<Notification> {
    const repo = this.tx.manager.getRepository(Notification);
    const n = await repo.findOneBy({ id, userId: scope.userId ?? NOBODY });
    if (!n) throw notificationNotFound();
    if (!n.readAt) {
      // The first read counts; a second call changes nothing.
      await repo.update({ id, readAt: IsNull() }, { readAt: this.clock.now() });
      return repo.findOneByOrFail({ id });
    }
    return n;
  }
}
