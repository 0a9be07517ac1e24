import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { MessageText } from './mail-texts';
import type { NotificationKind } from './notification.entity';
import { messageIdFor, notificationKey } from './reminder-rules';

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
      const inserted = (await em.query(
        `INSERT INTO notification (user_id, kind, stage, entity, entity_id, reference, due_date, dedup_key, subject, body, link, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12::timestamptz, now()))
         ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
        [r.id, d.kind, d.stage, d.entity, d.entityId, d.reference, d.dueDate, key, d.text.subject, d.text.body, d.link, opts.createdAt ?? null],
      )) as { id: string }[];
      const notificationId = inserted[0]?.id;
      if (!notificationId) continue;
      const outboxId = randomUUID();
      await em.query(
        `INSERT INTO mail_outbox (id, notification_id, recipient, subject, body, message_id, status)
         VALUES ($1, $2, $3, $4, $5, $6, 'PENDING')`,
        [outboxId, notificationId, r.email, d.text.subject, d.text.body, messageIdFor(outboxId, opts.smtpFrom)],
      );
      outboxIds.push(outboxId);
    }
  }
  return outboxIds;
}
