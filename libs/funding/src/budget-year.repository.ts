import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RepositoryDefinition, ScopedRepository } from '@foerderfluss/database';
import { Programme } from '@foerderfluss/programmes';
import { BudgetYear } from './budget-year.entity';
import { BudgetYearBalance } from './budget-year-balance.entity';
import { budgetYearNotFound } from './funding.errors';

/** The filters of `GET /api/v1/budget-years`. */
export interface BudgetYearFilter {
  /** Only records of this Kreis (issue 20: the Land's drill-down, a Träger's lists). */
  districtId?: string;
  programmeId?: string;
}

/** Haushaltsjahre with their programme: the Kreis's budget, never shown to a Träger. */
@Injectable()
export class BudgetYearRepository extends ScopedRepository<BudgetYear, BudgetYearFilter> {
  protected readonly definition: RepositoryDefinition<BudgetYear, BudgetYearFilter> = {
    entity: BudgetYear,
    alias: 'y',
    joins: (qb) => qb.leftJoinAndSelect('y.programme', 'programme'),
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'y.district_id', landWrites: true },
    sort: {
      year: { sql: 'y.year', value: (y) => y.year },
    },
    defaultSort: ['-year'],
    filters: {
      districtId: (qb, v) => qb.andWhere('y.district_id = :filterDistrict', { filterDistrict: v }),
      programmeId: (qb, v) => qb.andWhere('y.programme_id = :programmeId', { programmeId: v }),
    },
    notFound: budgetYearNotFound,
  };

  /** The year by id as a posting reads it (the ledger serves every lib; the caller checked its own record). */
  async findForPosting(em: EntityManager, id: string): Promise<BudgetYear | null> {
    return em.getRepository(BudgetYear).findOneBy({ id });
  }

  async programmeExists(em: EntityManager, programmeId: string): Promise<boolean> {
    return em.getRepository(Programme).existsBy({ id: programmeId });
  }

  /** The balance row; with `lock` the row lock that serialises every posting and closing the year. */
  async balance(em: EntityManager, budgetYearId: string, lock = false): Promise<BudgetYearBalance | null> {
    return em.getRepository(BudgetYearBalance).findOne({ where: { budgetYearId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }
}
