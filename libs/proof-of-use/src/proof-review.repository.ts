import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { ProofReview } from './proof-review.entity';
import { reviewNotStarted } from './proofs.errors';

export interface ProofReviewFilter {
  proofId?: string;
}

/**
 * Prüfvermerke: the Landratsamt's working paper, staff and auditors only (a Träger learns the
 * outcome through the Festsetzung and its Belege once settled, never from this record).
 */
@Injectable()
export class ProofReviewRepository extends ScopedRepository<ProofReview, ProofReviewFilter> {
  protected readonly definition: RepositoryDefinition<ProofReview, ProofReviewFilter> = {
    entity: ProofReview,
    alias: 'pr',
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'pr.district_id' },
    sort: {
      createdAt: timestampSortKey('pr.created_at', (r) => r.createdAt),
    },
    defaultSort: ['createdAt'],
    filters: {
      proofId: (qb, v) => qb.andWhere('pr.proof_id = :proofId', { proofId: v }),
    },
    notFound: reviewNotStarted,
  };

  /** The review of a proof as the caller may see it (staff only), or null while none was started. */
  findForProof(scope: Scope, proofId: string): Promise<ProofReview | null> {
    return this.scoped(scope).andWhere('pr.proof_id = :proofId', { proofId }).getOne();
  }

  /** The review of a proof its service has read through the scope (locked to change it). */
  ofProof(em: EntityManager, proofId: string, lock = false): Promise<ProofReview | null> {
    return em.getRepository(ProofReview).findOne({ where: { proofId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async insert(em: EntityManager, row: Partial<ProofReview>): Promise<ProofReview> {
    return em.save(ProofReview, em.create(ProofReview, row));
  }

  async save(em: EntityManager, review: ProofReview): Promise<ProofReview> {
    return em.save(ProofReview, review);
  }
}
