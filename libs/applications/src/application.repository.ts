import { Injectable } from '@nestjs/common';
import { containsText, RepositoryDefinition, ScopedRepository } from '@foerderfluss/database';
import { Application } from './application.entity';
import { ApplicationStatus } from './application-state';
import { applicationNotFound } from './applications.errors';

/** The filters of `GET /api/v1/applications`; each is declared once below. */
export interface ApplicationFilter {
  status?: ApplicationStatus;
  callId?: string;
  budgetYearId?: string;
  providerId?: string;
  fieldOfAction?: string;
  socialAreaCode?: string;
  periodStartFrom?: string;
  periodStartTo?: string;
  q?: string;
}

/** Anträge as the caller may see them: a Träger its own, staff and auditors all (of their Kreis). */
@Injectable()
export class ApplicationRepository extends ScopedRepository<Application, ApplicationFilter> {
  protected readonly definition: RepositoryDefinition<Application, ApplicationFilter> = {
    entity: Application,
    alias: 'a',
    joins: (qb) => qb.leftJoinAndSelect('a.provider', 'provider').innerJoinAndSelect('a.call', 'call'),
    visibility: { providerColumn: 'a.provider_id' },
    sort: {
      reference: { sql: 'a.reference', value: (a) => a.reference },
      title: { sql: 'a.title', value: (a) => a.title },
      status: { sql: 'a.status', value: (a) => a.status },
      providerName: { sql: 'provider.name', value: (a) => a.provider?.name ?? '' },
      periodStart: { sql: 'a.period_start', value: (a) => a.periodStart },
      requestedAmount: { sql: 'a.requested_amount', value: (a) => a.requestedAmount.toApiString() },
      createdAt: { sql: 'a.created_at', value: (a) => a.createdAt.toISOString() },
    },
    defaultSort: ['reference'],
    filters: {
      status: (qb, v) => qb.andWhere('a.status = :status', { status: v }),
      callId: (qb, v) => qb.andWhere('a.call_id = :callId', { callId: v }),
      budgetYearId: (qb, v) => qb.andWhere('call.budget_year_id = :budgetYearId', { budgetYearId: v }),
      providerId: (qb, v) => qb.andWhere('a.provider_id = :providerId', { providerId: v }),
      fieldOfAction: (qb, v) => qb.andWhere(':fieldOfAction = ANY(a.fields_of_action)', { fieldOfAction: v }),
      socialAreaCode: (qb, v) => qb.andWhere('a.social_area_code = :socialAreaCode', { socialAreaCode: v }),
      periodStartFrom: (qb, v) => qb.andWhere('a.period_start >= :periodStartFrom', { periodStartFrom: v }),
      periodStartTo: (qb, v) => qb.andWhere('a.period_start <= :periodStartTo', { periodStartTo: v }),
      q: (qb, v) => containsText(qb, ['a.title', 'a.reference'], v),
    },
    notFound: applicationNotFound,
  };
}
