import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { StateProof } from '@foerderfluss/proof-of-use';
import { StateProofReview } from './state-proof-review.entity';
import type { StateProofReviewStatus } from './state-proof-review-state';
import { stateProofReviewNotFound } from './land.errors';

export interface StateProofReviewFilter {
  year?: number;
  districtId?: string;
  status?: StateProofReviewStatus;
}

/** The Land's Prüfungen of the Kreise's proofs: Land users all, a Kreis user its own, Träger none. */
@Injectable()
export class StateProofReviewRepository extends ScopedRepository<StateProofReview, StateProofReviewFilter> {
  protected readonly definition: RepositoryDefinition<StateProofReview, StateProofReviewFilter> = {
    entity: StateProofReview,
    alias: 'r',
    joins: (qb) => qb.innerJoinAndSelect('r.budgetYear', 'rby').leftJoinAndSelect('rby.district', 'rd'),
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'r.district_id', landWrites: true },
    sort: {
      createdAt: timestampSortKey('r.created_at', (r) => r.createdAt),
    },
    defaultSort: ['-createdAt'],
    filters: {
      year: (qb, v) => qb.andWhere('rby.year = :year', { year: v }),
      districtId: (qb, v) => qb.andWhere('r.district_id = :districtId', { districtId: v }),
      status: (qb, v) => qb.andWhere('r.status = :status', { status: v }),
    },
    notFound: stateProofReviewNotFound,
  };

  async all(scope: Scope, filter: StateProofReviewFilter): Promise<StateProofReview[]> {
    const qb = this.scoped(scope);
    this.applyFilters(qb, filter, scope);
    return qb.orderBy('rby.year', 'DESC').addOrderBy('rd.name', 'ASC').getMany();
  }

  async save(em: EntityManager, r: StateProofReview): Promise<StateProofReview> {
    return em.save(StateProofReview, r);
  }

  /** The Kreis's proof of the budget year, locked against a second start. */
  async lockProof(em: EntityManager, budgetYearId: string): Promise<StateProof | null> {
    return em.getRepository(StateProof).findOne({ where: { budgetYearId }, lock: { mode: 'pessimistic_write' } });
  }

  async forProof(em: EntityManager, stateProofId: string): Promise<StateProofReview | null> {
    return em.getRepository(StateProofReview).findOneBy({ stateProofId });
  }
}
