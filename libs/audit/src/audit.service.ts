import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { currentTenancy, decodeCursor, Page, Scope, validationError } from '@foerderfluss/core';
import { ListParams } from '@foerderfluss/database';
import { AuditChainHead } from './audit-chain-head.entity';
import { AuditEvent } from './audit-event.entity';
import { canonicalJson, toJsonValue } from './canonical-json';
import { redactForAudit } from './redaction';
import { AuditEventRepository, AuditFilter } from './audit-event.repository';

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

export interface AuditQuery extends AuditFilter, ListParams {}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  firstBrokenId: string | null;
}

/** A chain check with where it ended: see AuditService.walk. */
export interface ChainWalk extends ChainVerification {
  /** The last event of the intact chain (null: none) and its hash. */
  lastEventId: string | null;
  headHash: string;
  /** Stored hash and position (1-based, ids may have gaps) of each requested event the intact chain reached. */
  anchors: ReadonlyMap<string, { hash: string; position: number }>;
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

/**
 * The Kreis an event belongs to (issue 20; not hashed): the acting Kreis user's, else the audited
 * record's `districtId` (every Kreis record's snapshot carries it), else the running transaction's
 * tenancy; null for the Land's, the system's and organisations' events without a Kreis.
 */
async function eventDistrict(em: EntityManager, scope: Scope, change: AuditChange): Promise<string | null> {
  if (scope.districtId) return scope.districtId;
  for (const snapshot of [change.after, change.before]) {
    const id = (snapshot as { districtId?: unknown } | null | undefined)?.districtId;
    if (typeof id === 'string' && UUID.test(id)) return id;
  }
  // The audited row's own Kreis, when its entity has one (the trigger set it on insert, so the
  // snapshot of a row just created may not carry it yet).
  if (UUID.test(change.entityId)) {
    const own = await AuditEventRepository.recordDistrict(em, change.entity, change.entityId, relatedIds(change));
    if (own) return own;
  }
  return currentTenancy()?.districtId ?? null;
}

/** The uuids a change's snapshots name under a `…Id` key (its parent records), for `eventDistrict`. */
function relatedIds(change: AuditChange): string[] {
  const ids: string[] = [];
  for (const snapshot of [change.after, change.before]) {
    if (typeof snapshot !== 'object' || snapshot === null) continue;
    for (const [key, value] of Object.entries(snapshot)) if (key.endsWith('Id') && typeof value === 'string' && UUID.test(value)) ids.push(value);
  }
  return ids;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The append itself, usable outside Nest (seeds, migrations of data). See AuditService.record. */
export async function appendAuditEvent(em: EntityManager, scope: Scope, change: AuditChange): Promise<AuditEvent> {
  if (!em.queryRunner?.isTransactionActive) {
    throw new Error('appendAuditEvent must run inside a transaction');
  }
  const lastHash = await AuditEventRepository.lockChainHead(em);
  if (lastHash === null) throw new Error('audit_chain_head is missing; run the migrations');
  const fields: HashedFields = {
    prevHash: lastHash,
    // Millisecond precision: what a JS Date carries survives the round trip through timestamptz.
    occurredAt: new Date(),
    actorId: scope.userId,
    actorEmail: scope.email,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId,
    // Never a token, password or full IBAN in the log (redaction.ts), whoever records the event.
    before: redactForAudit(toJsonValue(change.before)),
    after: redactForAudit(toJsonValue(change.after)),
    requestId: scope.requestId,
  };
  const hash = eventHash(fields);
  const districtId = await eventDistrict(em, scope, change);
  const saved = await em.save(AuditEvent, em.create(AuditEvent, { ...fields, districtId, hash }));
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

  constructor(private readonly events: AuditEventRepository) {}

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

  /** Staff only (ADMIN and AUDITOR reach it): the repository's visibility. */
  async list(scope: Scope, q: AuditQuery): Promise<Page<AuditEvent>> {
    // [sort spec, id, id]: the repository checks the spec; the ids must be digits before they reach a bigint comparison.
    const cursor = decodeCursor(q.cursor, 3);
    if (cursor && !cursor.slice(1).every((c) => typeof c === 'string' && /^\d+$/.test(c))) {
      throw validationError([{ path: 'cursor', message: 'Der Cursor ist ungültig.' }]);
    }
    return this.events.list(scope, q);
  }

  /**
   * Recomputes every hash in id order, in batches so memory stays flat however long the log.
   * Reports the first event whose stored hash or back-link does not match.
   */
  async verify(): Promise<ChainVerification> {
    const { valid, checked, firstBrokenId } = await this.walk();
    return { valid, checked, firstBrokenId };
  }

  /**
   * The chain check of `verify`, which also says where the verified chain ends (the last event and
   * its hash: what a checkpoint signs) and the stored hash and position of each event in `anchors`
   * (the events signed checkpoints name), as far as the chain is intact.
   */
  async walk(anchors: ReadonlySet<string> = new Set()): Promise<ChainWalk> {
    let prevHash = GENESIS_HASH;
    let lastId = '0';
    let checked = 0;
    const found = new Map<string, { hash: string; position: number }>();
    const end = (valid: boolean, firstBrokenId: string | null): ChainWalk => ({
      valid,
      checked,
      firstBrokenId,
      lastEventId: lastId === '0' ? null : lastId,
      headHash: prevHash,
      anchors: found,
    });
    for (;;) {
      const rows = await this.events.batchAfter(lastId, VERIFY_BATCH);
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
          return end(false, r.id);
        }
        prevHash = r.hash;
        lastId = r.id;
        if (anchors.has(r.id)) found.set(r.id, { hash: r.hash, position: checked });
      }
      if (rows.length === VERIFY_BATCH) continue;
      const head = await this.events.chainHeadRow();
      // Events appended while the check read: the head names a later event than the last one read. Read
      // on while there are more; a head that names an event which is gone is caught just below.
      if (rows.length > 0 && head?.lastEventId && BigInt(head.lastEventId) > BigInt(lastId)) continue;
      // A deleted tail leaves every remaining link intact; the head still names the lost last hash.
      if (head !== null && head.lastHash !== prevHash) return end(false, lastId === '0' ? null : lastId);
      return end(true, null);
    }
  }
}
