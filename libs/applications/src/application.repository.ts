import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { anyOf, caseAssigneeFilter, computedSortKey, containsText, equals, RepositoryDefinition, ScopedRepository, SortKey, timestampSortKey } from '@foerderfluss/database';
import { Application } from './application.entity';
import { ApplicationVersion } from './application-version.entity';
import { EarlyStartConsent } from './early-start-consent.entity';
import { ApplicationStatus } from './application-state';
import { applicationNotFound } from './applications.errors';

/** The filters of `GET /api/v1/applications`; each is declared once below. */
export interface ApplicationFilter {
  /** Only records of this Kreis (issue 20: the Land's drill-down, a Träger's lists). */
  districtId?: string;
  /** One status or several (any of them). */
  status?: ApplicationStatus | readonly ApplicationStatus[];
  callId?: string;
  budgetYearId?: string;
  /** Haushaltsjahr as the year (2026), through the call's budget year. */
  budgetYear?: number;
  providerId?: string;
  fieldOfAction?: string;
  /** Sozialraum code (reference data); `socialAreaCode` is the older name of the same filter. */
  socialArea?: string;
  socialAreaCode?: string;
  periodStartFrom?: string;
  periodStartTo?: string;
  q?: string;
  /** Assigned to this user (or `me`) as assignee or stand-in (libs/cases); Kreis side only. */
  assigneeId?: string;
}

/** The decision proposed on an Antrag and awaiting the second pair of eyes. */
export interface PendingProposal {
  proposedBy: string;
  outcome: 'GRANT' | 'REJECTION';
}

/** What `GET /api/v1/applications` sorts by (`sort=reference,-requestedAmount`); the API declares them as its enum. */
export const APPLICATION_SORT_KEYS = ['reference', 'title', 'status', 'providerName', 'periodStart', 'requestedAmount', 'createdAt', 'submittedAt'] as const;
export type ApplicationSortKey = (typeof APPLICATION_SORT_KEYS)[number];

const applicationSort: Record<ApplicationSortKey, SortKey<Application>> = {
  reference: { sql: 'a.reference', value: (a) => a.reference },
  title: { sql: 'a.title', value: (a) => a.title },
  status: { sql: 'a.status', value: (a) => a.status },
  providerName: { sql: `COALESCE(provider.name, '')`, value: (a) => a.provider?.name ?? '' },
  periodStart: { sql: 'a.period_start', value: (a) => a.periodStart },
  requestedAmount: { sql: 'a.requested_amount', value: (a) => a.requestedAmount.toApiString() },
  createdAt: timestampSortKey('a.created_at', (a) => a.createdAt),
  // Drafts were never submitted: they come last.
  submittedAt: computedSortKey(`date_trunc('milliseconds', a.first_submitted_at)`, `'infinity'::timestamptz`),
};

/** Anträge as the caller may see them: a Träger its own, staff and auditors all (of their Kreis). */
@Injectable()
export class ApplicationRepository extends ScopedRepository<Application, ApplicationFilter> {
  protected readonly definition: RepositoryDefinition<Application, ApplicationFilter> = {
    entity: Application,
    alias: 'a',
    joins: (qb) => qb.leftJoinAndSelect('a.provider', 'provider').innerJoinAndSelect('a.call', 'call').leftJoinAndSelect('call.budgetYear', 'budgetYear'),
    visibility: { providerColumn: 'a.provider_id', districtColumn: 'a.district_id' },
    sort: applicationSort,
    defaultSort: ['reference'],
    filters: {
      districtId: (qb, v) => qb.andWhere('a.district_id = :filterDistrict', { filterDistrict: v }),
      status: anyOf('a.status'),
      callId: (qb, v) => qb.andWhere('a.call_id = :callId', { callId: v }),
      budgetYearId: (qb, v) => qb.andWhere('call.budget_year_id = :budgetYearId', { budgetYearId: v }),
      budgetYear: equals('budgetYear.year'),
      providerId: (qb, v) => qb.andWhere('a.provider_id = :providerId', { providerId: v }),
      fieldOfAction: (qb, v) => qb.andWhere(':fieldOfAction = ANY(a.fields_of_action)', { fieldOfAction: v }),
      socialArea: equals('a.social_area_code'),
      socialAreaCode: (qb, v) => qb.andWhere('a.social_area_code = :socialAreaCode', { socialAreaCode: v }),
      periodStartFrom: (qb, v) => qb.andWhere('a.period_start >= :periodStartFrom', { periodStartFrom: v }),
      periodStartTo: (qb, v) => qb.andWhere('a.period_start <= :periodStartTo', { periodStartTo: v }),
      q: (qb, v) => containsText(qb, ['a.title', 'a.reference'], v),
      assigneeId: caseAssigneeFilter('APPLICATION', 'a.id'),
    },
    // Antragsnummer, title or the Träger's name.
    search: { columns: ['a.reference', 'a.title', 'provider.name'] },
    notFound: applicationNotFound,
  };

  /**
   * Who proposed the pending original decision on each of these Anträge and with what outcome: the
   * first pair of eyes an approval of the Antrag is checked against (decisions are proposed on
   * Anträge, so the lookup is by application id and needs no scope beyond the Anträge given).
   */
  async pendingProposals(applicationIds: readonly string[], em: EntityManager = this.tx.manager): Promise<Map<string, PendingProposal>> {
    if (applicationIds.length === 0) return new Map();
    const rows = (await em.query(
      `SELECT d.application_id, d.outcome, v.proposed_by
         FROM decision d
         JOIN decision_version v ON v.decision_id = d.id AND v.status = 'PROPOSED' AND v.kind = 'ORIGINAL'
        WHERE d.application_id = ANY($1::uuid[])`,
      [applicationIds],
    )) as { application_id: string; outcome: 'GRANT' | 'REJECTION'; proposed_by: string }[];
    return new Map(rows.map((r) => [r.application_id, { proposedBy: r.proposed_by, outcome: r.outcome }]));
  }

  /** The Anträge of one call the caller may see, by reference: those named by `ids` and/or in `statuses`. */
  ofCall(scope: Scope, callId: string, only: { ids?: readonly string[]; statuses?: readonly ApplicationStatus[] }, em: EntityManager = this.tx.manager): Promise<Application[]> {
    const qb = this.scoped(scope, em).andWhere('a.call_id = :ofCall', { ofCall: callId });
    if (only.ids) qb.andWhere('a.id = ANY(:ofIds)', { ofIds: only.ids.length > 0 ? [...only.ids] : [] });
    if (only.statuses) qb.andWhere('a.status = ANY(:ofStatuses)', { ofStatuses: [...only.statuses] });
    return qb.orderBy('a.reference', 'ASC').getMany();
  }

  // The Antrag's own rows (versions, comments, consents) are read after the Antrag itself was read
  // through `get`, which applied the caller's scope; they are never read on their own.

  versions(applicationId: string, em: EntityManager = this.tx.manager): Promise<ApplicationVersion[]> {
    return em.getRepository(ApplicationVersion).find({ where: { applicationId }, order: { versionNo: 'ASC' } });
  }

  version(applicationId: string, versionNo: number, em: EntityManager = this.tx.manager): Promise<ApplicationVersion | null> {
    return em.getRepository(ApplicationVersion).findOneBy({ applicationId, versionNo });
  }

  consents(applicationId: string, em: EntityManager = this.tx.manager): Promise<EarlyStartConsent[]> {
    return em.getRepository(EarlyStartConsent).find({ where: { applicationId }, order: { consentDate: 'ASC' } });
  }
}
