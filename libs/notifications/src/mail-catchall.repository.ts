import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { MailCatchAll } from './mail-catchall.entity';
import { caughtMailNotFound } from './notifications.errors';

/**
 * The local catch-all of mails (staff-only, read by ADMIN): written by the catch-all transport,
 * listed newest first with the addressee's name through outbox → notification → user.
 */
@Injectable()
export class MailCatchAllRepository extends ScopedRepository<MailCatchAll, Record<never, never>> {
  protected readonly definition: RepositoryDefinition<MailCatchAll, Record<never, never>> = {
    entity: MailCatchAll,
    alias: 'c',
    visibility: { providerColumn: null, staffOnly: true },
    joins: (qb) => qb.leftJoinAndSelect('c.outbox', 'o').leftJoinAndSelect('o.notification', 'n').leftJoinAndSelect('n.user', 'u'),
    sort: {
      createdAt: timestampSortKey('c.created_at', (c) => c.createdAt),
    },
    defaultSort: ['-createdAt'],
    filters: {},
    notFound: caughtMailNotFound,
  };

  /** The transport's write: the system delivers, no caller scope. */
  static async insert(
    em: EntityManager,
    m: { outboxId: string; sender: string; recipient: string; subject: string; body: string; messageId: string },
  ): Promise<string> {
    const rows = (await em.query(
      `INSERT INTO mail_catchall (outbox_id, sender, recipient, subject, body, message_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [m.outboxId, m.sender, m.recipient, m.subject, m.body, m.messageId],
    )) as { id: string }[];
    return rows[0]!.id;
  }
}
