import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { BudgetYearBalance, budgetYearNotFound } from '@foerderfluss/funding';
import { StateDrawdown } from './state-drawdown.entity';
import type { StateDrawdownStatus } from './state-drawdown-state';
import { drawdownNotFound } from './payments.errors';

export interface StateDrawdownFilter {
  budgetYearId?: string;
  status?: StateDrawdownStatus;
}

/** The Kreis's Mittelabrufe beim Land: staff only. */
@Injectable()
export class StateDrawdownRepository extends ScopedRepository<StateDrawdown, StateDrawdownFilter> {
  protected readonly definition: RepositoryDefinition<StateDrawdown, StateDrawdownFilter> = {
    entity: StateDrawdown,
    alias: 'sd',
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'sd.district_id', landWrites: true },
    sort: {
      requestedOn: { sql: 'sd.requested_on', value: (d) => d.requestedOn },
      createdAt: timestampSortKey('sd.created_at', (d) => d.createdAt),
      reference: { sql: 'sd.reference', value: (d) => d.reference },
    },
    defaultSort: ['requestedOn', 'createdAt'],
    filters: {
      budgetYearId: (qb, v) => qb.andWhere('sd.budget_year_id = :budgetYearId', { budgetYearId: v }),
      status: (qb, v) => qb.andWhere('sd.status = :status', { status: v }),
    },
    notFound: drawdownNotFound,
  };

  /** Every drawdown matching the filter, oldest request first. */
  async all(scope: Scope, filter: StateDrawdownFilter = {}, em?: EntityManager): Promise<StateDrawdown[]> {
    const qb = this.scoped(scope, em);
    this.applyFilters(qb, filter);
    return qb.orderBy('sd.requested_on', 'ASC').addOrderBy('sd.created_at', 'ASC').getMany();
  }

  /**
   * The year's balance row under lock: the same lock every ledger posting takes, so two drawdown
   * requests cannot both pass the H_land check.
   */
  async lockYearBalance(em: EntityManager, budgetYearId: string): Promise<BudgetYearBalance> {
    const balance = await em.getRepository(BudgetYearBalance).findOne({ where: { budgetYearId }, lock: { mode: 'pessimistic_write' } });
    if (!balance) throw budgetYearNotFound();
    return balance;
  }
}
