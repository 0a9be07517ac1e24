import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { StateGrant } from './state-grant.entity';
import type { StateGrantStatus } from './state-grant-state';
import { stateGrantNotFound } from './land.errors';

export interface StateGrantFilter {
  year?: number;
  districtId?: string;
  status?: StateGrantStatus;
}

/**
 * The Land's Zuweisungen. Land users read all; a Kreis user reads its own once issued (drafts are the
 * Land's working papers); Träger none.
 */
@Injectable()
export class StateGrantRepository extends ScopedRepository<StateGrant, StateGrantFilter> {
  protected readonly definition: RepositoryDefinition<StateGrant, StateGrantFilter> = {
    entity: StateGrant,
    alias: 'g',
    joins: (qb) => qb.leftJoinAndSelect('g.district', 'gd'),
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'g.district_id', landWrites: true },
    sort: {
      year: { sql: 'g.year', value: (g) => g.year },
      reference: { sql: 'g.reference', value: (g) => g.reference },
      createdAt: timestampSortKey('g.created_at', (g) => g.createdAt),
    },
    defaultSort: ['-year', 'reference'],
    filters: {
      year: (qb, v) => qb.andWhere('g.year = :year', { year: v }),
      districtId: (qb, v) => qb.andWhere('g.district_id = :districtId', { districtId: v }),
      status: (qb, v) => qb.andWhere('g.status = :status', { status: v }),
    },
    notFound: stateGrantNotFound,
  };

  override scoped(scope: Scope, em?: EntityManager): SelectQueryBuilder<StateGrant> {
    const qb = super.scoped(scope, em);
    if (scope.districtId) qb.andWhere(`g.status = 'ISSUED'`);
    return qb;
  }

  /** Every Zuweisung matching the filter, by Kreis name. */
  async all(scope: Scope, filter: StateGrantFilter, em?: EntityManager): Promise<StateGrant[]> {
    const qb = this.scoped(scope, em);
    this.applyFilters(qb, filter, scope);
    return qb.orderBy('g.year', 'DESC').addOrderBy('gd.name', 'ASC').getMany();
  }

  async save(em: EntityManager, g: StateGrant): Promise<StateGrant> {
    return em.save(StateGrant, g);
  }

  /** The Kreis's budget year of the programme and year, if it has one (to link an issued Zuweisung). */
  async budgetYearOf(em: EntityManager, districtId: string, programmeId: string, year: number): Promise<string | null> {
    const rows = (await em.query(`SELECT id FROM budget_year WHERE district_id = $1 AND programme_id = $2 AND year = $3`, [districtId, programmeId, year])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** Whether `id` is an organisation of kind DISTRICT. */
  async isDistrict(em: EntityManager, id: string): Promise<boolean> {
    const rows = (await em.query(`SELECT 1 FROM organisation WHERE id = $1 AND kind = 'DISTRICT'`, [id])) as unknown[];
    return rows.length > 0;
  }

  /** The programme meant when none is named: the only one of the install. */
  async defaultProgrammeId(em: EntityManager = this.tx.manager): Promise<string | null> {
    const rows = (await em.query(`SELECT id FROM programme ORDER BY created_at LIMIT 2`)) as { id: string }[];
    return rows.length === 1 ? rows[0]!.id : null;
  }
}
