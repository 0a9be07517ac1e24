import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RepositoryDefinition, ScopedRepository } from '@foerderfluss/database';
import { LedgerEntry } from './ledger-entry.entity';
import { budgetYearNotFound } from './funding.errors';
import { LedgerKind } from './ledger-kind';

/** The filters of `GET /api/v1/budget-years/{id}/ledger`. */
export interface LedgerFilter {
  budgetYearId?: string;
  kind?: LedgerKind;
  providerId?: string;
  from?: string;
  to?: string;
}

/** One row of the monitoring sums: signed committed and disbursed shares per group. */
export interface LedgerGroupSums {
  key: string | null;
  name: string | null;
  cs: string;
  cd: string;
  ds: string;
  dd: string;
}

export type LedgerGrouping = 'fieldOfAction' | 'socialArea' | 'provider';

/** The signed effect on the committed balance, in SQL, for the monitoring sums. */
const COMMITTED_SIGN = `CASE e.kind WHEN 'COMMITMENT' THEN 1 WHEN 'COMMITMENT_CHANGE' THEN 1 WHEN 'RELEASE' THEN -1 ELSE 0 END`;
const DISBURSED_SIGN = `CASE e.kind WHEN 'DISBURSEMENT' THEN 1 ELSE 0 END`;

const GROUPINGS: Record<LedgerGrouping, { column: string; join: string; name: string }> = {
  fieldOfAction: { column: 'field_of_action_code', join: 'LEFT JOIN field_of_action f ON f.code = e.field_of_action_code', name: 'f.name' },
  socialArea: { column: 'social_area_code', join: 'LEFT JOIN social_area s ON s.code = e.social_area_code', name: 's.name' },
  provider: { column: 'provider_id', join: 'LEFT JOIN organisation o ON o.id = e.provider_id', name: 'o.name' },
};

/** The budget ledger (append-only): the Kreis's books, never shown to a Träger. */
@Injectable()
export class LedgerRepository extends ScopedRepository<LedgerEntry, LedgerFilter> {
  protected readonly definition: RepositoryDefinition<LedgerEntry, LedgerFilter> = {
    entity: LedgerEntry,
    alias: 'e',
    visibility: { providerColumn: null, staffOnly: true },
    sort: {
      bookingDate: { sql: 'e.booking_date', value: (e) => e.bookingDate },
    },
    // Chronological by id: the order of posting.
    defaultSort: [],
    filters: {
      budgetYearId: (qb, v) => qb.andWhere('e.budget_year_id = :budgetYearId', { budgetYearId: v }),
      kind: (qb, v) => qb.andWhere('e.kind = :kind', { kind: v }),
      providerId: (qb, v) => qb.andWhere('e.provider_id = :providerId', { providerId: v }),
      from: (qb, v) => qb.andWhere('e.booking_date >= :from', { from: v }),
      to: (qb, v) => qb.andWhere('e.booking_date <= :to', { to: v }),
    },
    notFound: budgetYearNotFound,
  };

  async findInYear(em: EntityManager, id: string, budgetYearId: string): Promise<LedgerEntry | null> {
    return em.getRepository(LedgerEntry).findOneBy({ id, budgetYearId });
  }

  /** Committed and disbursed shares of one year grouped by Handlungsfeld, Sozialraum or Träger. */
  async groupSums(em: EntityManager, budgetYearId: string, grouping: LedgerGrouping): Promise<LedgerGroupSums[]> {
    const g = GROUPINGS[grouping];
    return (await em.query(
      `SELECT e.${g.column} AS key, ${g.name} AS name,
              sum(e.state_share * ${COMMITTED_SIGN})::text AS cs, sum(e.district_share * ${COMMITTED_SIGN})::text AS cd,
              sum(e.state_share * ${DISBURSED_SIGN})::text AS ds, sum(e.district_share * ${DISBURSED_SIGN})::text AS dd
         FROM budget_ledger_entry e ${g.join}
        WHERE e.budget_year_id = $1 AND e.kind IN ('COMMITMENT','COMMITMENT_CHANGE','RELEASE','DISBURSEMENT')
        GROUP BY e.${g.column}, ${g.name}
        ORDER BY ${g.name} NULLS LAST`,
      [budgetYearId],
    )) as LedgerGroupSums[];
  }

  /** Every balance column summed from the entries (for the invariant tests and the bench). */
  async sumsFromEntries(em: EntityManager, budgetYearId: string): Promise<Record<string, string>> {
    const [r] = (await em.query(
      `SELECT
         coalesce(sum(state_share) FILTER (WHERE kind = 'ALLOCATION'), 0)::text AS as_,
         coalesce(sum(district_share) FILTER (WHERE kind = 'ALLOCATION'), 0)::text AS ad,
         coalesce(sum(CASE kind WHEN 'RELEASE' THEN -state_share ELSE state_share END) FILTER (WHERE kind IN ('COMMITMENT','COMMITMENT_CHANGE','RELEASE')), 0)::text AS cs,
         coalesce(sum(CASE kind WHEN 'RELEASE' THEN -district_share ELSE district_share END) FILTER (WHERE kind IN ('COMMITMENT','COMMITMENT_CHANGE','RELEASE')), 0)::text AS cd,
         coalesce(sum(state_share) FILTER (WHERE kind = 'DISBURSEMENT'), 0)::text AS ds,
         coalesce(sum(district_share) FILTER (WHERE kind = 'DISBURSEMENT'), 0)::text AS dd,
         coalesce(sum(state_share) FILTER (WHERE kind = 'RECOVERY_DUE'), 0)::text AS rds,
         coalesce(sum(district_share) FILTER (WHERE kind = 'RECOVERY_DUE'), 0)::text AS rdd,
         coalesce(sum(state_share) FILTER (WHERE kind = 'RECOVERY_RECEIVED'), 0)::text AS rrs,
         coalesce(sum(district_share) FILTER (WHERE kind = 'RECOVERY_RECEIVED'), 0)::text AS rrd,
         coalesce(sum(state_share) FILTER (WHERE kind = 'STATE_DRAWDOWN'), 0)::text AS sd,
         coalesce(sum(state_share) FILTER (WHERE kind = 'STATE_REFUND'), 0)::text AS sr,
         count(*)::text AS n
       FROM budget_ledger_entry WHERE budget_year_id = $1`,
      [budgetYearId],
    )) as Record<string, string>[];
    return r!;
  }
}
