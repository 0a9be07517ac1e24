import { Injectable } from '@nestjs/common';
import { Clock, Page, Scope } from '@foerderfluss/core';
import { ListParams, TransactionRunner } from '@foerderfluss/database';
import { MailOutbox } from './mail-outbox.entity';
import { Notification } from './notification.entity';
import { MailOutboxRepository } from './mail-outbox.repository';
import { NotificationFilter, NotificationRepository } from './notification.repository';

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
    private readonly notifications: NotificationRepository,
    private readonly mails: MailOutboxRepository,
  ) {}

  async list(scope: Scope, q: NotificationFilter & ListParams): Promise<Page<NotificationView>> {
    const page = await this.notifications.list(scope, q);
    const mails = await this.mails.ofNotifications(this.tx.manager, page.items.map((n) => n.id));
    return { items: page.items.map((n) => view(n, mails.find((m) => m.notificationId === n.id))), nextCursor: page.nextCursor };
  }

  async unreadCount(scope: Scope): Promise<number> {
    return this.notifications.count(scope, { unreadOnly: true });
  }

  async markRead(scope: Scope, id: string): Promise<NotificationView> {
    const n = await this.markReadRow(scope, id);
    const [m] = await this.mails.ofNotifications(this.tx.manager, [n.id]);
    return view(n, m);
  }

  private async markReadRow(scope: Scope, id: string): Promise<Notification> {
    const n = await this.notifications.get(scope, id);
    if (n.readAt) return n;
    // The first read counts; a second call changes nothing.
    await this.notifications.markRead(this.tx.manager, id, this.clock.now());
    return this.notifications.get(scope, id);
  }
}

function view(n: Notification, m: MailOutbox | undefined): NotificationView {
  return { notification: n, mail: m ? { status: m.status, attempts: m.attempts, lastError: m.lastError, sentAt: m.sentAt } : null };
}
