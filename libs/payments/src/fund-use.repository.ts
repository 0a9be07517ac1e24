import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { FundUse } from './fund-use.entity';

export interface FundUseFilter {
  decisionId?: string;
  /** Uses up to and including this day. */
  usedUntil?: string;
}

/** Mittelverwendungen: a Träger sees those of its own issued decisions (owner via the decision). */
@Injectable()
export class FundUseRepository extends ScopedRepository<FundUse, FundUseFilter> {
  protected readonly definition: RepositoryDefinition<FundUse, FundUseFilter> = {
    entity: FundUse,
    alias: 'u',
    joins: (qb) => qb.innerJoin('u.decision', 'd'),
    visibility: { providerColumn: 'd.provider_id', providerCondition: decisionIssuedCondition('d'), districtColumn: 'u.district_id' },
    sort: {
      usedOn: { sql: 'u.used_on', value: (u) => u.usedOn },
      createdAt: timestampSortKey('u.created_at', (u) => u.createdAt),
      amount: { sql: 'u.amount', value: (u) => u.amount.toApiString() },
    },
    defaultSort: ['usedOn', 'createdAt'],
    filters: {
      decisionId: (qb, v) => qb.andWhere('u.decision_id = :decisionId', { decisionId: v }),
      usedUntil: (qb, v) => qb.andWhere('u.used_on <= :usedUntil', { usedUntil: v }),
    },
    notFound: () => new DomainError('FUND_USE_NOT_FOUND', 404, 'Die Mittelverwendung wurde nicht gefunden.'),
  };

  /** Every use matching the filter, earliest first. */
  async all(scope: Scope, filter: FundUseFilter = {}, em?: EntityManager): Promise<FundUse[]> {
    const qb = this.scoped(scope, em);
    this.applyFilters(qb, filter);
    return qb.orderBy('u.used_on', 'ASC').addOrderBy('u.created_at', 'ASC').getMany();
  }
}
