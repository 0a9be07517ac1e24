import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { hasRole, Role, Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { PaymentRequest } from './payment-request.entity';
import { PaymentRequestStatus } from './payment-request-state';
import { paymentRequestNotFound } from './payments.errors';

/** The filters of `GET /api/v1/payment-requests`. */
export interface PaymentRequestFilter {
  status?: PaymentRequestStatus;
  decisionId?: string;
  budgetYearId?: string;
  providerId?: string;
}

/** Mittelabrufe as the caller may see them: a Träger its own under an issued decision, staff and auditors all. */
@Injectable()
export class PaymentRequestRepository extends ScopedRepository<PaymentRequest, PaymentRequestFilter> {
  protected readonly definition: RepositoryDefinition<PaymentRequest, PaymentRequestFilter> = {
    entity: PaymentRequest,
    alias: 'r',
    joins: (qb) => qb.innerJoinAndSelect('r.provider', 'provider').innerJoinAndSelect('r.decision', 'd'),
    visibility: { providerColumn: 'r.provider_id', providerCondition: decisionIssuedCondition('d') },
    sort: {
      reference: { sql: 'r.reference', value: (r) => r.reference },
      status: { sql: 'r.status', value: (r) => r.status },
      requestedAmount: { sql: 'r.requested_amount', value: (r) => r.requestedAmount.toApiString() },
      requestedValueDate: { sql: 'r.requested_value_date', value: (r) => r.requestedValueDate },
      providerName: { sql: 'provider.name', value: (r) => r.provider?.name ?? '' },
      createdAt: timestampSortKey('r.created_at', (r) => r.createdAt),
    },
    defaultSort: ['reference'],
    filters: {
      status: (qb, v) => qb.andWhere('r.status = :status', { status: v }),
      decisionId: (qb, v) => qb.andWhere('r.decision_id = :decisionId', { decisionId: v }),
      budgetYearId: (qb, v) => qb.andWhere('r.budget_year_id = :budgetYearId', { budgetYearId: v }),
      providerId: (qb, v) => qb.andWhere('r.provider_id = :providerId', { providerId: v }),
    },
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
