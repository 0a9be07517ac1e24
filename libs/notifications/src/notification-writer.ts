import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { MessageText } from './mail-texts';
import type { NotificationKind } from './notification.entity';
import { messageIdFor, notificationKey } from './reminder-rules';
import { NotificationRepository } from './notification.repository';
import { MailOutboxRepository } from './mail-outbox.repository';

/** One notification to write: what, about which record, to whom. */
export interface NotificationDraft {
  kind: NotificationKind;
  stage: string;
  entity: string;
  entityId: string;
  /** What makes this occurrence unique besides record and stage: covered year, version, payout id. */
  subKey: string | number | null;
  reference: string;
  dueDate: string | null;
  link: string | null;
  text: MessageText;
  recipients: { id: string; email: string }[];
}

/**
 * Writes each draft once per recipient, with its mail in the outbox, inside the caller's
 * transaction. The unique dedup key makes a second write of the same draft (a second scan, an
 * event replayed) a no-op: `ON CONFLICT DO NOTHING` waits for a concurrent writer and then skips.
 * Returns the outbox ids written, so the caller may enqueue them after the commit.
 */
export async function writeNotifications(
  em: EntityManager,
  drafts: NotificationDraft[],
  /** `createdAt`: the business time of the event (the clock), so a replayed history shows its own dates. */
  opts: { smtpFrom: string; createdAt?: Date },
): Promise<string[]> {
  const outboxIds: string[] = [];
  for (const d of drafts) {
    for (const r of d.recipients) {
      const key = notificationKey({ kind: d.kind, entityId: d.entityId, subKey: d.subKey, dueDate: d.dueDate, stage: d.stage, userId: r.id });
      const notificationId = await NotificationRepository.insertOnce(em, {
        userId: r.id,
        kind: d.kind,
        stage: d.stage,
        entity: d.entity,
        entityId: d.entityId,
        reference: d.reference,
        dueDate: d.dueDate,
        dedupKey: key,
        subject: d.text.subject,
        body: d.text.body,
        link: d.link,
        createdAt: opts.createdAt ?? null,
      });
      if (!notificationId) continue;
      const outboxId = randomUUID();
      await MailOutboxRepository.insertPending(em, {
        id: outboxId,
        notificationId,
        recipient: r.email,
        subject: d.text.subject,
        body: d.text.body,
        messageId: messageIdFor(outboxId, opts.smtpFrom),
      });
      outboxIds.push(outboxId);
    }
  }
  return outboxIds;
}
