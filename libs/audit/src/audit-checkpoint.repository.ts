import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository } from '@foerderfluss/database';
import { AuditCheckpoint } from './audit-checkpoint.entity';

/** Signed checkpoints of the audit chain: administrators and the Prüfung only. Append-only: no update, no delete. */
@Injectable()
export class AuditCheckpointRepository extends ScopedRepository<AuditCheckpoint, Record<never, never>> {
  protected readonly definition: RepositoryDefinition<AuditCheckpoint, Record<never, never>> = {
    entity: AuditCheckpoint,
    alias: 'c',
    visibility: { providerColumn: null, staffOnly: true },
    sort: {
      // Newest first by the bigint id (the order of signing), as the audit log itself.
      id: { sql: '(c.id + 0)', value: (c) => c.id },
    },
    defaultSort: ['-id'],
    filters: {},
    notFound: () => new DomainError('NOT_FOUND', 404, 'Der Prüfpunkt wurde nicht gefunden.'),
  };

  /** The newest checkpoint, whoever asks (the chain check and health); null before the first. */
  async newest(em: EntityManager = this.tx.manager): Promise<AuditCheckpoint | null> {
    return em.getRepository(AuditCheckpoint).findOne({ where: {}, order: { id: 'DESC' } });
  }

  async byJob(jobId: string, em: EntityManager = this.tx.manager): Promise<AuditCheckpoint | null> {
    return em.getRepository(AuditCheckpoint).findOneBy({ jobId });
  }

  async insert(em: EntityManager, row: Omit<AuditCheckpoint, 'id'>): Promise<AuditCheckpoint> {
    return em.save(AuditCheckpoint, em.create(AuditCheckpoint, row));
  }
}
