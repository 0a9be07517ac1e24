import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { hasRole, Role, Scope } from '@foerderfluss/core';
import { anyOf, computedSortKey, equals, onOrAfter, onOrBefore, RepositoryDefinition, ScopedRepository, SortKey, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { PaymentRequest } from './payment-request.entity';
import { PaymentRequestStatus } from './payment-request-state';
import { paymentRequestNotFound } from './payments.errors';

/** The filters of `GET /api/v1/payment-requests`. */
export interface PaymentRequestFilter {
  /** Only records of this Kreis (issue 20: the Land's drill-down, a Träger's lists). */
  districtId?: string;
  /** One status or several (any of them). */
  status?: PaymentRequestStatus | readonly PaymentRequestStatus[];
  decisionId?: string;
  budgetYearId?: string;
  /** Haushaltsjahr as the year (2026). */
  budgetYear?: number;
  providerId?: string;
  /** Handlungsfeld and Sozialraum of the decision drawn on. */
  fieldOfAction?: string;
  socialArea?: string;
  /** Due = the requested value date (Wertstellung), on or after / on or before. */
  dueAfter?: string;
  dueBefore?: string;
}

/** What `GET /api/v1/payment-requests` sorts by; the API declares them as its enum. */
export const PAYMENT_REQUEST_SORT_KEYS = ['reference', 'status', 'requestedAmount', 'checkedAmount', 'requestedValueDate', 'providerName', 'createdAt', 'submittedAt'] as const;
export type PaymentRequestSortKey = (typeof PAYMENT_REQUEST_SORT_KEYS)[number];

const paymentRequestSort: Record<PaymentRequestSortKey, SortKey<PaymentRequest>> = {
  reference: { sql: 'r.reference', value: (r) => r.reference },
  status: { sql: 'r.status', value: (r) => r.status },
  requestedAmount: { sql: 'r.requested_amount', value: (r) => r.requestedAmount.toApiString() },
  // Not yet checked: below every checked amount.
  checkedAmount: computedSortKey('r.checked_amount', '-1'),
  requestedValueDate: { sql: 'r.requested_value_date', value: (r) => r.requestedValueDate },
  providerName: { sql: 'provider.name', value: (r) => r.provider?.name ?? '' },
  createdAt: timestampSortKey('r.created_at', (r) => r.createdAt),
  // Drafts were never submitted: they come last.
  submittedAt: computedSortKey(`date_trunc('milliseconds', r.submitted_at)`, `'infinity'::timestamptz`),
};

/** Mittelabrufe as the caller may see them: a Träger its own under an issued decision, staff and auditors all. */
@Injectable()
export class PaymentRequestRepository extends ScopedRepository<PaymentRequest, PaymentRequestFilter> {
  protected readonly definition: RepositoryDefinition<PaymentRequest, PaymentRequestFilter> = {
    entity: PaymentRequest,
    alias: 'r',
    joins: (qb) => qb.innerJoinAndSelect('r.provider', 'provider').innerJoinAndSelect('r.decision', 'd'),
    visibility: { providerColumn: 'r.provider_id', providerCondition: decisionIssuedCondition('d'), districtColumn: 'r.district_id' },
    sort: paymentRequestSort,
    defaultSort: ['reference'],
    filters: {
      districtId: (qb, v) => qb.andWhere('r.district_id = :filterDistrict', { filterDistrict: v }),
      status: anyOf('r.status'),
      decisionId: (qb, v) => qb.andWhere('r.decision_id = :decisionId', { decisionId: v }),
      budgetYearId: (qb, v) => qb.andWhere('r.budget_year_id = :budgetYearId', { budgetYearId: v }),
      budgetYear: (qb, v) => qb.andWhere('EXISTS (SELECT 1 FROM budget_year fy WHERE fy.id = r.budget_year_id AND fy.year = :requestYear)', { requestYear: v }),
      providerId: (qb, v) => qb.andWhere('r.provider_id = :providerId', { providerId: v }),
      fieldOfAction: equals('d.field_of_action_code'),
      socialArea: equals('d.social_area_code'),
      dueAfter: onOrAfter('r.requested_value_date'),
      dueBefore: onOrBefore('r.requested_value_date'),
    },
    // Abruf-Nr. (the decision's Aktenzeichen with /n), the project's title or the Träger's name.
    search: { columns: ['r.reference', 'application.title', 'provider.name'], extend: (qb) => qb.leftJoinAndSelect('d.application', 'application') },
    notFound: paymentRequestNotFound,
  };

  /** The next Abruf-Nr. of a decision (the caller holds the decision's row lock). */
  async nextSequence(em: EntityManager, decisionId: string): Promise<number> {
    const n = await em.getRepository(PaymentRequest).countBy({ decisionId });
    return n + 1;
  }

  /** Serialises numbering of a decision's requests: SELECT … FOR UPDATE on the decision row. */
  async lockDecision(em: EntityManager, decisionId: string): Promise<void> {
    await em.query('SELECT id FROM decision WHERE id = $1 FOR UPDATE', [decisionId]);
  }

  /**
   * Requests waiting for this caller: STAFF/ADMIN check submitted ones, APPROVERs release checked
   * ones (the four-eyes filter on the checker is left to the lifecycle), oldest first.
   */
  async waiting(scope: Scope): Promise<PaymentRequest[]> {
    const wantsCheck = hasRole(scope, Role.STAFF, Role.ADMIN);
    const wantsApproval = hasRole(scope, Role.APPROVER);
    const statuses = [...(wantsCheck ? [PaymentRequestStatus.SUBMITTED] : []), ...(wantsApproval ? [PaymentRequestStatus.CHECKED] : [])];
    if (statuses.length === 0) return [];
    return this.scoped(scope).andWhere('r.status IN (:...waitingStatuses)', { waitingStatuses: statuses }).orderBy('r.reference', 'ASC').getMany();
  }
}
