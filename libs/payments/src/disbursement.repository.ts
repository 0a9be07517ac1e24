import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { anyOf, computedSortKey, equals, onOrAfter, onOrBefore, RepositoryDefinition, ScopedRepository, SortKey, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { Disbursement } from './disbursement.entity';
import { DisbursementStatus } from './disbursement-state';
import { disbursementNotFound } from './payments.errors';

export interface DisbursementFilter {
  /** Only records of this Kreis (issue 20: the Land's drill-down, a Träger's lists). */
  districtId?: string;
  /** One status or several (any of them). */
  status?: DisbursementStatus | readonly DisbursementStatus[];
  decisionId?: string;
  paymentFileId?: string;
  budgetYearId?: string;
  /** Haushaltsjahr as the year (2026). */
  budgetYear?: number;
  providerId?: string;
  /** Handlungsfeld and Sozialraum of the decision paid from. */
  fieldOfAction?: string;
  socialArea?: string;
  /** Due = the requested value date (Wertstellung), on or after / on or before. */
  dueAfter?: string;
  dueBefore?: string;
}

/** What `GET /api/v1/disbursements` sorts by; the API declares them as its enum. */
export const DISBURSEMENT_SORT_KEYS = ['createdAt', 'reference', 'amount', 'status', 'requestedValueDate', 'paidOn', 'providerName'] as const;
export type DisbursementSortKey = (typeof DISBURSEMENT_SORT_KEYS)[number];

const disbursementSort: Record<DisbursementSortKey, SortKey<Disbursement>> = {
  createdAt: timestampSortKey('x.created_at', (x) => x.createdAt),
  reference: { sql: 'request.reference', value: (x) => x.paymentRequest?.reference ?? '' },
  amount: { sql: 'x.amount', value: (x) => x.amount.toApiString() },
  status: { sql: 'x.status', value: (x) => x.status },
  requestedValueDate: { sql: 'x.requested_value_date', value: (x) => x.requestedValueDate },
  // Not yet executed by the bank: last.
  paidOn: computedSortKey('x.paid_on', `'infinity'::date`),
  providerName: { sql: `COALESCE(provider.name, '')`, value: (x) => x.decision?.provider?.name ?? '' },
};

/** Auszahlungen: a Träger sees its own under an issued decision; staff and auditors all. */
@Injectable()
export class DisbursementRepository extends ScopedRepository<Disbursement, DisbursementFilter> {
  protected readonly definition: RepositoryDefinition<Disbursement, DisbursementFilter> = {
    entity: Disbursement,
    alias: 'x',
    joins: (qb) => qb.innerJoinAndSelect('x.paymentRequest', 'request').innerJoinAndSelect('x.decision', 'd').leftJoinAndSelect('d.provider', 'provider'),
    visibility: { providerColumn: 'x.provider_id', providerCondition: decisionIssuedCondition('d'), districtColumn: 'x.district_id' },
    sort: disbursementSort,
    defaultSort: ['createdAt'],
    filters: {
      districtId: (qb, v) => qb.andWhere('x.district_id = :filterDistrict', { filterDistrict: v }),
      status: anyOf('x.status'),
      decisionId: (qb, v) => qb.andWhere('x.decision_id = :decisionId', { decisionId: v }),
      paymentFileId: (qb, v) => qb.andWhere('x.payment_file_id = :paymentFileId', { paymentFileId: v }),
      budgetYearId: (qb, v) => qb.andWhere('x.budget_year_id = :budgetYearId', { budgetYearId: v }),
      budgetYear: (qb, v) => qb.andWhere('EXISTS (SELECT 1 FROM budget_year fy WHERE fy.id = x.budget_year_id AND fy.year = :payoutYear)', { payoutYear: v }),
      providerId: equals('x.provider_id'),
      fieldOfAction: equals('d.field_of_action_code'),
      socialArea: equals('d.social_area_code'),
      dueAfter: onOrAfter('x.requested_value_date'),
      dueBefore: onOrBefore('x.requested_value_date'),
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
