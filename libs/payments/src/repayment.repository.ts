import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { Repayment } from './repayment.entity';

export interface RepaymentFilter {
  decisionId?: string;
  budgetYearId?: string;
  recoveryId?: string;
}

/** Zahlungseingänge: a Träger sees its own under an issued decision; staff and auditors all. */
@Injectable()
export class RepaymentRepository extends ScopedRepository<Repayment, RepaymentFilter> {
  protected readonly definition: RepositoryDefinition<Repayment, RepaymentFilter> = {
    entity: Repayment,
    alias: 'rp',
    joins: (qb) => qb.innerJoin('rp.decision', 'd'),
    visibility: { providerColumn: 'rp.provider_id', providerCondition: decisionIssuedCondition('d'), districtColumn: 'rp.district_id' },
    sort: {
      receivedOn: { sql: 'rp.received_on', value: (r) => r.receivedOn },
      createdAt: timestampSortKey('rp.created_at', (r) => r.createdAt),
      amount: { sql: 'rp.amount', value: (r) => r.amount.toApiString() },
    },
    defaultSort: ['receivedOn', 'createdAt'],
    filters: {
      decisionId: (qb, v) => qb.andWhere('rp.decision_id = :decisionId', { decisionId: v }),
      budgetYearId: (qb, v) => qb.andWhere('rp.budget_year_id = :budgetYearId', { budgetYearId: v }),
      recoveryId: (qb, v) => qb.andWhere('rp.recovery_id = :recoveryId', { recoveryId: v }),
    },
    notFound: () => new DomainError('REPAYMENT_NOT_FOUND', 404, 'Der Zahlungseingang wurde nicht gefunden.'),
  };

  /** Every repayment matching the filter, in the order received. */
  async all(scope: Scope, filter: RepaymentFilter = {}, em?: EntityManager): Promise<Repayment[]> {
    const qb = this.scoped(scope, em);
    this.applyFilters(qb, filter);
    return qb.orderBy('rp.received_on', 'ASC').addOrderBy('rp.created_at', 'ASC').getMany();
  }
}
