import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { AllocationRound, AllocationRoundStatus } from './allocation-round.entity';
import { AllocationRoundItem } from './allocation-round-item.entity';
import { callNotFound } from './applications.errors';

export interface AllocationRoundFilter {
  callId?: string;
  status?: AllocationRoundStatus;
}

/** Mittelverteilungen and their items: the Landratsamt's working papers, never shown to a Träger. */
@Injectable()
export class AllocationRoundRepository extends ScopedRepository<AllocationRound, AllocationRoundFilter> {
  protected readonly definition: RepositoryDefinition<AllocationRound, AllocationRoundFilter> = {
    entity: AllocationRound,
    alias: 'r',
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'r.district_id' },
    sort: {
      createdAt: timestampSortKey('r.created_at', (r) => r.createdAt),
      status: { sql: 'r.status', value: (r) => r.status },
    },
    defaultSort: ['createdAt'],
    filters: {
      callId: (qb, v) => qb.andWhere('r.call_id = :callId', { callId: v }),
      status: (qb, v) => qb.andWhere('r.status = :roundStatus', { roundStatus: v }),
    },
    // A round is reached through its call; one the caller may not see is a call it may not see.
    notFound: callNotFound,
  };

  /** The round of a call as the caller may see it, or null before its first use. */
  ofCall(scope: Scope, callId: string, em: EntityManager = this.tx.manager): Promise<AllocationRound | null> {
    return this.scoped(scope, em).andWhere('r.call_id = :callId', { callId }).getOne();
  }

  /** The round of a call, created on first use, locked (FOR UPDATE) so round edits never interleave. */
  async lockOfCall(scope: Scope, callId: string, em: EntityManager): Promise<AllocationRound> {
    await em.query(`INSERT INTO allocation_round (call_id, status) VALUES ($1, 'OPEN') ON CONFLICT (call_id) DO NOTHING`, [callId]);
    const round = await this.scoped(scope, em).andWhere('r.call_id = :callId', { callId }).setLock('pessimistic_write', undefined, ['r']).getOne();
    if (!round) throw callNotFound();
    return round;
  }

  items(roundId: string, em: EntityManager = this.tx.manager): Promise<AllocationRoundItem[]> {
    return em.getRepository(AllocationRoundItem).findBy({ roundId });
  }
}
