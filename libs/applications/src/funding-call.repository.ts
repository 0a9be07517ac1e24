import { Injectable } from '@nestjs/common';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { isKreisSide, Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { BudgetYear } from '@foerderfluss/funding';
import { FieldOfAction, SocialArea } from '@foerderfluss/programmes';
import { CallStatus, FundingCall } from './funding-call.entity';
import { callNotFound } from './applications.errors';

/** The filters of `GET /api/v1/calls`. */
export interface FundingCallFilter {
  /** Only records of this Kreis (issue 20: the Land's drill-down, a Träger's lists). */
  districtId?: string;
  budgetYearId?: string;
  status?: CallStatus;
  /** Ausschlussfrist before this day (YYYY-MM-DD): the service passes today for "Frist abgelaufen". */
  deadlineBefore?: string;
  /** Ausschlussfrist on or after this day: the service passes today for "Frist läuft". */
  deadlineFrom?: string;
}

/**
 * Projektaufrufe. A call belongs to no Träger: every Träger sees the published and closed ones,
 * never a draft (404 like a missing one); staff and auditors see all. Loaded with its budget year.
 */
@Injectable()
export class FundingCallRepository extends ScopedRepository<FundingCall, FundingCallFilter> {
  protected readonly definition: RepositoryDefinition<FundingCall, FundingCallFilter> = {
    entity: FundingCall,
    alias: 'c',
    joins: (qb) => qb.leftJoinAndSelect('c.budgetYear', 'budgetYear'),
    // No Träger owns a call; what a Träger sees is said in `scoped` below (published, not owned).
    visibility: { providerColumn: null, districtColumn: 'c.district_id' },
    sort: {
      deadline: { sql: 'c.deadline', value: (c) => c.deadline },
      openingDate: { sql: 'c.opening_date', value: (c) => c.openingDate },
      title: { sql: 'c.title', value: (c) => c.title },
      budgetYear: { sql: 'budgetYear.year', value: (c) => c.budgetYear!.year },
      // A draft has no publication date: it sorts as the earliest (never NULL in a keyset).
      publishedAt: {
        sql: `COALESCE(date_trunc('milliseconds', c.published_at), '-infinity'::timestamptz)`,
        value: (c) => c.publishedAt?.toISOString() ?? '-infinity',
      },
      createdAt: timestampSortKey('c.created_at', (c) => c.createdAt),
    },
    defaultSort: ['-deadline'],
    filters: {
      districtId: (qb, v) => qb.andWhere('c.district_id = :filterDistrict', { filterDistrict: v }),
      budgetYearId: (qb, v) => qb.andWhere('c.budget_year_id = :budgetYearId', { budgetYearId: v }),
      status: (qb, v) => qb.andWhere('c.status = :callStatus', { callStatus: v }),
      deadlineBefore: (qb, v) => qb.andWhere('c.deadline < :deadlineBefore', { deadlineBefore: v }),
      deadlineFrom: (qb, v) => qb.andWhere('c.deadline >= :deadlineFrom', { deadlineFrom: v }),
    },
    notFound: callNotFound,
  };

  /** Calls are public once published: the one visibility rule of this record type. */
  override scoped(scope: Scope, em: EntityManager = this.tx.manager): SelectQueryBuilder<FundingCall> {
    const qb = this.definition.joins!(em.getRepository(FundingCall).createQueryBuilder('c'));
    if (!isKreisSide(scope)) qb.andWhere(`c.status <> :draftCall`, { draftCall: CallStatus.DRAFT });
    // A Kreis user sees its Kreis's calls only (issue 20); Träger see the published calls of every Kreis.
    if (scope.districtId) qb.andWhere('c.district_id = :scopeDistrict', { scopeDistrict: scope.districtId });
    return qb;
  }

  /** The budget year a call is to be created in, or null when there is none (a field error, not a 404). */
  /** The budget year a call is for; for a Kreis user only one of its own Kreis (another Kreis's year does not exist for it). */
  budgetYear(id: string, em: EntityManager = this.tx.manager, districtId: string | null = null): Promise<BudgetYear | null> {
    return em.getRepository(BudgetYear).findOneBy(districtId ? { id, districtId } : { id });
  }

  /**
   * Handlungsfelder by code (all of them without `codes`), inactive ones included: calls and
   * Anträge name them, the Mittelverteilung groups by them. Reference data of the programmes lib.
   */
  fieldsOfAction(codes?: readonly string[], em: EntityManager = this.tx.manager): Promise<FieldOfAction[]> {
    return codes ? em.getRepository(FieldOfAction).findBy({ code: In([...codes]) }) : em.getRepository(FieldOfAction).find();
  }

  /** Sozialräume by code (all of them without `codes`), inactive ones included. */
  socialAreas(codes?: readonly string[], em: EntityManager = this.tx.manager): Promise<SocialArea[]> {
    return codes ? em.getRepository(SocialArea).findBy({ code: In([...codes]) }) : em.getRepository(SocialArea).find();
  }
}
