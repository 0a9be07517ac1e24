import { Injectable } from '@nestjs/common';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { StateDrawdown, StateDrawdownStatus } from '@foerderfluss/payments';
import { drawdownNotFound } from '@foerderfluss/payments';

export interface LandDrawdownFilter {
  year?: number;
  districtId?: string;
  status?: StateDrawdownStatus;
}

/**
 * The Kreise's Mittelabrufe beim Land as the Land sees them (issue 20 item 3): across Kreise for Land
 * users, the own Kreis's for a Kreis user, none for Träger; with the budget year and Kreis joined.
 */
@Injectable()
export class LandDrawdownRepository extends ScopedRepository<StateDrawdown, LandDrawdownFilter> {
  protected readonly definition: RepositoryDefinition<StateDrawdown, LandDrawdownFilter> = {
    entity: StateDrawdown,
    alias: 'sd',
    joins: (qb) => qb.innerJoinAndSelect('sd.budgetYear', 'sdy').leftJoinAndSelect('sdy.district', 'sdd'),
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'sd.district_id', landWrites: true },
    sort: {
      requestedOn: { sql: 'sd.requested_on', value: (d) => d.requestedOn },
      createdAt: timestampSortKey('sd.created_at', (d) => d.createdAt),
    },
    defaultSort: ['requestedOn', 'createdAt'],
    filters: {
      year: (qb, v) => qb.andWhere('sdy.year = :year', { year: v }),
      districtId: (qb, v) => qb.andWhere('sd.district_id = :districtId', { districtId: v }),
      status: (qb, v) => qb.andWhere('sd.status = :status', { status: v }),
    },
    notFound: drawdownNotFound,
  };

  async all(scope: Scope, filter: LandDrawdownFilter): Promise<StateDrawdown[]> {
    const qb = this.scoped(scope);
    this.applyFilters(qb, filter, scope);
    return qb.orderBy('sd.requested_on', 'ASC').addOrderBy('sd.created_at', 'ASC').getMany();
  }
}
