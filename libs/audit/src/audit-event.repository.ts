import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
import { RepositoryDefinition, ScopedRepository } from '@foerderfluss/database';
import { DomainError } from '@foerderfluss/core';
import { AuditEvent } from './audit-event.entity';

/** The filters of `GET /api/v1/audit-events`. */
export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** The events of one record and its parts (a record's history); not an API filter of the log. */
  subjects?: readonly AuditSubject[];
}

/**
 * Events of one entity type that belong to a record: those about the given ids, and/or those whose
 * payload names the record (`after` or `before` has `parent.key` = `parent.id`, e.g. the Belege of a
 * Verwendungsnachweis by `proofId`, including deleted ones).
 */
export interface AuditSubject {
  entity: string;
  ids?: readonly string[];
  parent?: { key: string; id: string };
}

/** One stored event as the chain check reads it (raw columns, id as text). */
export interface StoredAuditEvent {
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
}

/**
 * The audit log, read side: administrators and the Prüfung only (staff-only visibility; the routes
 * admit ADMIN and AUDITOR). The append-only write stays in AuditService/appendAuditEvent, which
 * takes the chain head through `lockChainHead` here.
 */
@Injectable()
export class AuditEventRepository extends ScopedRepository<AuditEvent, AuditFilter> {
  protected readonly definition: RepositoryDefinition<AuditEvent, AuditFilter> = {
    entity: AuditEvent,
    alias: 'e',
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'e.district_id' },
    sort: {
      // Newest first by the bigint id (the order of appending). Written as an expression: the base adds
      // `e.id ASC` as the tie-breaker, and TypeORM keeps one direction per ORDER BY text.
      id: { sql: '(e.id + 0)', value: (e) => e.id },
    },
    defaultSort: ['-id'],
    filters: {
      entity: (qb, v) => qb.andWhere('e.entity = :entity', { entity: v }),
      entityId: (qb, v) => qb.andWhere('e.entity_id = :entityId', { entityId: v }),
      actorId: (qb, v) => qb.andWhere('e.actor_id = :actorId', { actorId: v }),
      action: (qb, v) => qb.andWhere('e.action = :action', { action: v }),
      from: (qb, v) => qb.andWhere('e.occurred_at >= :from', { from: v }),
      to: (qb, v) => qb.andWhere('e.occurred_at < :to', { to: v }),
      subjects: (qb, subjects) =>
        qb.andWhere(
          new Brackets((any) => {
            any.where('FALSE');
            subjects.forEach((s, i) => {
              const ids = s.ids ?? [];
              any.orWhere(
                new Brackets((one) => {
                  one.where(`e.entity = :subjectEntity${i}`, { [`subjectEntity${i}`]: s.entity });
                  one.andWhere(
                    new Brackets((which) => {
                      which.where(`e.entity_id = ANY(:subjectIds${i})`, { [`subjectIds${i}`]: [...ids] });
                      if (s.parent) {
                        const p = { [`subjectKey${i}`]: s.parent.key, [`subjectParent${i}`]: s.parent.id };
                        which.orWhere(`e.after ->> :subjectKey${i} = :subjectParent${i}`, p).orWhere(`e.before ->> :subjectKey${i} = :subjectParent${i}`, p);
                      }
                    }),
                  );
                }),
              );
            });
          }),
        ),
    },
    notFound: () => new DomainError('AUDIT_EVENT_NOT_FOUND', 404, 'Ereignis nicht gefunden.'),
  };

  /**
   * The chain head, FOR UPDATE: under READ COMMITTED the waiting writer re-reads the committed head;
   * under REPEATABLE READ it fails with a serialisation error instead of forking the chain.
   */
  /**
   * The Kreis of the audited row (`entity` is its entity class name), when its table has one;
   * null for entities without a Kreis or a row that is gone.
   */
  static async recordDistrict(em: EntityManager, entity: string, id: string, related: readonly string[] = []): Promise<string | null> {
    const meta = em.connection.entityMetadatas.find((m) => m.name === entity);
    if (meta?.findColumnWithDatabaseName('district_id') && meta.primaryColumns.length === 1) {
      const rows = (await em.query(`SELECT district_id::text AS d FROM "${meta.tableName}" WHERE "${meta.primaryColumns[0]!.databaseName}"::text = $1`, [id])) as { d: string | null }[];
      return rows[0]?.d ?? null;
    }
    // A part without a Kreis of its own (an Anlage, a Kreis-less helper row): the Kreis of the record its
    // snapshot names (ownerId, applicationId, proofId …), looked up in every table that has one.
    if (related.length === 0) return null;
    const tables = em.connection.entityMetadatas.filter(
      (m) =>
        m.findColumnWithDatabaseName('district_id') &&
        m.primaryColumns.length === 1 &&
        m.primaryColumns[0]!.databaseName === 'id' &&
        (m.primaryColumns[0]!.generationStrategy === 'uuid' || String(m.primaryColumns[0]!.type) === 'uuid') &&
        m.tableType === 'regular',
    );
    if (tables.length === 0) return null;
    const union = tables.map((m) => `SELECT district_id FROM "${m.tableName}" WHERE id = ANY($1::uuid[])`).join(' UNION ALL ');
    const rows = (await em.query(`SELECT district_id::text AS d FROM (${union}) x WHERE district_id IS NOT NULL LIMIT 1`, [[...new Set(related)]])) as { d: string }[];
    return rows[0]?.d ?? null;
  }

  static async lockChainHead(em: EntityManager): Promise<string | null> {
    const [head] = (await em.query('SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE')) as { last_hash: string }[];
    return head?.last_hash ?? null;
  }

  async chainHead(em: EntityManager = this.tx.manager): Promise<string | null> {
    const [head] = (await em.query('SELECT last_hash FROM audit_chain_head WHERE id = 1')) as { last_hash: string }[];
    return head?.last_hash ?? null;
  }

  /** The head with the id of the event it names (null for an empty log). */
  async chainHeadRow(em: EntityManager = this.tx.manager): Promise<{ lastEventId: string | null; lastHash: string } | null> {
    const [head] = (await em.query('SELECT last_event_id::text AS last_event_id, last_hash FROM audit_chain_head WHERE id = 1')) as { last_event_id: string | null; last_hash: string }[];
    return head ? { lastEventId: head.last_event_id, lastHash: head.last_hash } : null;
  }

  /** Events after `afterId` in id order (bigint order, not the text alias: "10" sorts before "2"). */
  async batchAfter(afterId: string, limit: number, em: EntityManager = this.tx.manager): Promise<StoredAuditEvent[]> {
    return (await em.query(
      `SELECT e.id::text AS id, occurred_at, actor_id, actor_email, action, entity, entity_id, before, after,
              request_id, prev_hash, hash
         FROM audit_event e WHERE e.id > $1::bigint ORDER BY e.id LIMIT $2`,
      [afterId, limit],
    )) as StoredAuditEvent[];
  }
}
