import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { clampLimit, decodeCursor, Page, Scope, toPage, validationError } from '@foerderfluss/core';
import { AuditChainHead, AuditEvent } from './audit-event.entity';
import { canonicalJson, toJsonValue } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditChange {
  /** Verb in dotted form, e.g. `organisation.bank-account.change`. */
  action: string;
  /** Entity type, e.g. `Organisation`. */
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  cursor?: string;
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  firstBrokenId: string | null;
}

interface HashedFields {
  prevHash: string;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export function eventHash(f: HashedFields): string {
  const material = canonicalJson({
    prevHash: f.prevHash,
    occurredAt: f.occurredAt.toISOString(),
    actorId: f.actorId,
    actorEmail: f.actorEmail,
    action: f.action,
    entity: f.entity,
    entityId: f.entityId,
    before: f.before ?? null,
    after: f.after ?? null,
    requestId: f.requestId,
  });
  return createHash('sha256').update(material, 'utf8').digest('hex');
}

const VERIFY_BATCH = 5000;

/** The append itself, usable outside Nest (seeds, migrations of data). See AuditService.record. */
export async function appendAuditEvent(em: EntityManager, scope: Scope, change: AuditChange): Promise<AuditEvent> {
  if (!em.queryRunner?.isTransactionActive) {
    throw new Error('appendAuditEvent must run inside a transaction');
  }
  // FOR UPDATE: under READ COMMITTED the waiting writer re-reads the committed head; under
  // REPEATABLE READ it fails with a serialisation error instead of forking the chain.
  const [head] = (await em.query('SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE')) as {
    last_hash: string;
  }[];
  if (!head) throw new Error('audit_chain_head is missing; run the migrations');
  const fields: HashedFields = {
    prevHash: head.last_hash,
    // Millisecond precision: what a JS Date carries survives the round trip through timestamptz.
    occurredAt: new Date(),
    actorId: scope.userId,
    actorEmail: scope.email,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId,
    before: toJsonValue(change.before),
    after: toJsonValue(change.after),
    requestId: scope.requestId,
  };
  const hash = eventHash(fields);
  const saved = await em.save(AuditEvent, em.create(AuditEvent, { ...fields, hash }));
  await em.update(AuditChainHead, { id: 1 }, { lastEventId: saved.id, lastHash: hash });
  return saved;
}

/**
 * Something that must happen in the same transaction as a recorded state change, e.g. the
 * notifications to the Träger (libs/notifications). It runs after the event is appended, with the
 * caller's EntityManager: if it throws, the state change, its audit event and everything the
 * listener wrote roll back together.
 */
export type AuditListener = (em: EntityManager, scope: Scope, change: AuditChange, event: AuditEvent) => Promise<void>;

@Injectable()
export class AuditService {
  private readonly listeners: AuditListener[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one event inside the caller's transaction. Call it last in the transaction: the
   * chain head stays locked until commit, which serialises writers so the chain never forks.
   * Then the listeners run, still inside the transaction.
   */
  async record(em: EntityManager, scope: Scope, change: AuditChange): Promise<AuditEvent> {
    const event = await appendAuditEvent(em, scope, change);
    for (const listener of this.listeners) await listener(em, scope, change, event);
    return event;
  }

  /**
   * Registers a listener on every recorded event. Every state change already records its audit
   * event in its own transaction, so a lib higher up (notifications) can act on state changes of the
   * libs below it without those libs importing it: the layering stays as it is.
   */
  addListener(listener: AuditListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  async list(q: AuditQuery): Promise<Page<AuditEvent>> {
    const limit = clampLimit(q.limit);
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (q.entity) qb.andWhere('e.entity = :entity', { entity: q.entity });
    if (q.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: q.entityId });
    if (q.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: q.actorId });
    if (q.action) qb.andWhere('e.action = :action', { action: q.action });
    if (q.from) qb.andWhere('e.occurred_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('e.occurred_at < :to', { to: q.to });
    const cursor = decodeCursor(q.cursor, 1);
    if (cursor) {
      if (typeof cursor[0] !== 'string' || !/^\d+$/.test(cursor[0])) {
        throw validationError([{ path: 'cursor', message: 'Der Cursor ist ungültig.' }]);
      }
      qb.andWhere('e.id < :cursorId', { cursorId: cursor[0] });
    }
    const rows = await qb.orderBy('e.id', 'DESC').take(limit + 1).getMany();
    return toPage(rows, limit, (r) => [r.id]);
  }

  /**
   * Recomputes every hash in id order, in batches so memory stays flat however long the log.
   * Reports the first event whose stored hash or back-link does not match.
   */
  async verify(): Promise<ChainVerification> {
    let prevHash = GENESIS_HASH;
    let lastId = '0';
    let checked = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        // Order by the bigint column, not the text alias: "10" sorts before "2".
        `SELECT e.id::text AS id, occurred_at, actor_id, actor_email, action, entity, entity_id, before, after,
                request_id, prev_hash, hash
           FROM audit_event e WHERE e.id > $1::bigint ORDER BY e.id LIMIT $2`,
        [lastId, VERIFY_BATCH],
      )) as {
        id: string;
        occurred_at: Date;
        actor_id: string | null;
        actor_email: string | null;
        action: string;
        entity: string;
        entity_id: string;
        before: unknown;
        after: unknown;
        request_id: string | null;
        prev_hash: string;
        hash: string;
      }[];
      for (const r of rows) {
        checked += 1;
        const expected = eventHash({
          prevHash: r.prev_hash,
          occurredAt: r.occurred_at,
          actorId: r.actor_id,
          actorEmail: r.actor_email,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          before: r.before,
          after: r.after,
          requestId: r.request_id,
        });
        if (r.prev_hash !== prevHash || r.hash !== expected) {
          return { valid: false, checked, firstBrokenId: r.id };
        }
        prevHash = r.hash;
        lastId = r.id;
      }
      if (rows.length < VERIFY_BATCH) break;
    }
    const [head] = (await this.dataSource.query('SELECT last_hash FROM audit_chain_head WHERE id = 1')) as {
      last_hash: string;
    }[];
    // A deleted tail leaves every remaining link intact; the head still names the lost last hash.
    if (head && head.last_hash !== prevHash) {
      return { valid: false, checked, firstBrokenId: lastId === '0' ? null : lastId };
    }
    return { valid: true, checked, firstBrokenId: null };
  }
}
