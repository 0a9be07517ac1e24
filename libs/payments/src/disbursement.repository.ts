import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { Disbursement } from './disbursement.entity';
import { DisbursementStatus } from './disbursement-state';
import { disbursementNotFound } from './payments.errors';

export interface DisbursementFilter {
  status?: DisbursementStatus;
  decisionId?: string;
  paymentFileId?: string;
  budgetYearId?: string;
}

/** Auszahlungen: a Träger sees its own under an issued decision; staff and auditors all. */
@Injectable()
export class DisbursementRepository extends ScopedRepository<Disbursement, DisbursementFilter> {
  protected readonly definition: RepositoryDefinition<Disbursement, DisbursementFilter> = {
    entity: Disbursement,
    alias: 'x',
    joins: (qb) => qb.innerJoinAndSelect('x.paymentRequest', 'request').innerJoinAndSelect('x.decision', 'd'),
    visibility: { providerColumn: 'x.provider_id', providerCondition: decisionIssuedCondition('d') },
    sort: {
      createdAt: timestampSortKey('x.created_at', (x) => x.createdAt),
      reference: { sql: 'request.reference', value: (x) => x.paymentRequest?.reference ?? '' },
      amount: { sql: 'x.amount', value: (x) => x.amount.toApiString() },
      status: { sql: 'x.status', value: (x) => x.status },
    },
    defaultSort: ['createdAt'],
    filters: {
      status: (qb, v) => qb.andWhere('x.status = :status', { status: v }),
      decisionId: (qb, v) => qb.andWhere('x.decision_id = :decisionId', { decisionId: v }),
      paymentFileId: (qb, v) => qb.andWhere('x.payment_file_id = :paymentFileId', { paymentFileId: v }),
      budgetYearId: (qb, v) => qb.andWhere('x.budget_year_id = :budgetYearId', { budgetYearId: v }),
    },
    notFound: disbursementNotFound,
  };

  /** Every row matching the filter in the order of creation (no paging: the lists are short per decision or file). */
  async all(scope: Scope, filter: DisbursementFilter = {}, options: { em?: EntityManager; lock?: boolean; ids?: string[]; take?: number } = {}): Promise<Disbursement[]> {
    const qb = this.scoped(scope, options.em);
    this.applyFilters(qb, filter);
    if (options.ids) qb.andWhere('x.id IN (:...ids)', { ids: options.ids.length ? options.ids : ['00000000-0000-0000-0000-000000000000'] });
    if (options.lock) qb.setLock('pessimistic_write', undefined, ['x']);
    qb.orderBy('x.created_at', 'ASC').addOrderBy('x.id', 'ASC');
    if (options.take) qb.limit(options.take);
    return qb.getMany();
  }
}
