import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { LateUseInterestDecision } from './late-use-interest-decision.entity';

export interface LateUseInterestDecisionFilter {
  decisionId?: string;
}

/** Ermessensentscheidungen über Zinsen nach § 49a (4): a Träger sees those of its own issued decisions. */
@Injectable()
export class LateUseInterestDecisionRepository extends ScopedRepository<LateUseInterestDecision, LateUseInterestDecisionFilter> {
  protected readonly definition: RepositoryDefinition<LateUseInterestDecision, LateUseInterestDecisionFilter> = {
    entity: LateUseInterestDecision,
    alias: 'li',
    joins: (qb) => qb.innerJoin('li.decision', 'd'),
    visibility: { providerColumn: 'd.provider_id', providerCondition: decisionIssuedCondition('d'), districtColumn: 'li.district_id' },
    sort: {
      decidedAt: timestampSortKey('li.decided_at', (l) => l.decidedAt),
    },
    defaultSort: ['decidedAt'],
    filters: {
      decisionId: (qb, v) => qb.andWhere('li.decision_id = :decisionId', { decisionId: v }),
    },
    notFound: () => new DomainError('LATE_USE_INTEREST_DECISION_NOT_FOUND', 404, 'Die Entscheidung über die Zinsen wurde nicht gefunden.'),
  };

  async all(scope: Scope, filter: LateUseInterestDecisionFilter = {}, em?: EntityManager): Promise<LateUseInterestDecision[]> {
    const qb = this.scoped(scope, em);
    this.applyFilters(qb, filter);
    return qb.orderBy('li.decided_at', 'ASC').getMany();
  }
}
