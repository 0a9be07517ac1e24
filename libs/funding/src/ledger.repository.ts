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

/**
 * One row of the monitoring sums: signed committed, approved (angewiesen, paid or not) and paid
 * (ausgezahlt) shares per group, as decimal text. `listed` is false for an inactive reference row
 * (a retired Sozialraum), which the service shows only when money was booked on it.
 */
export interface LedgerGroupSums {
  key: string | null;
  name: string | null;
  listed: boolean;
  cs: string;
  cd: string;
  ds: string;
  dd: string;
  ps: string;
  pd: string;
}

export type LedgerGrouping = 'fieldOfAction' | 'socialArea' | 'provider';

/** Σ state and district share of the entries of some kinds, per business record they refer to. */
export interface LedgerReferenceSums {
  referenceId: string;
  kind: string;
  state: string;
  district: string;
}

/** The signed effect on the committed balance, in SQL, for the monitoring sums. */
const COMMITTED_SIGN = `CASE e.kind WHEN 'COMMITMENT' THEN 1 WHEN 'COMMITMENT_CHANGE' THEN 1 WHEN 'RELEASE' THEN -1 ELSE 0 END`;
const DISBURSED_SIGN = `CASE e.kind WHEN 'DISBURSEMENT' THEN 1 ELSE 0 END`;
const PAID_SIGN = `CASE e.kind WHEN 'DISBURSEMENT_PAID' THEN 1 ELSE 0 END`;

/**
 * Where the names of a grouping come from. Handlungsfelder and Sozialräume are reference lists: every
 * one of them is a row, with 0 where nothing was booked (the Leitlinien monitor where money does
 * *not* go, too). Träger appear when money was booked for them.
 */
const GROUPINGS: Record<LedgerGrouping, { column: string; reference: string | null; name: string }> = {
  fieldOfAction: { column: 'field_of_action_code', reference: 'SELECT code AS key, name, active, sort_order FROM field_of_action', name: 'r.name' },
  // Sozialräume are the Kreis's own (issue 20): those of the year's Kreis only.
  socialArea: {
    column: 'social_area_code',
    reference: 'SELECT code AS key, name, active, sort_order FROM social_area WHERE district_id = (SELECT district_id FROM budget_year WHERE id = $1)',
    name: 'r.name',
  },
  provider: { column: 'provider_id', reference: null, name: 'o.name' },
};

/** The budget ledger (append-only): the Kreis's books, never shown to a Träger. */
@Injectable()
export class LedgerRepository extends ScopedRepository<LedgerEntry, LedgerFilter> {
  protected readonly definition: RepositoryDefinition<LedgerEntry, LedgerFilter> = {
    entity: LedgerEntry,
    alias: 'e',
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'e.district_id', landWrites: true },
    sort: {
      bookingDate: { sql: 'e.booking_date', value: (e) => e.bookingDate },
      amount: { sql: 'e.amount', value: (e) => e.amount.toApiString() },
      kind: { sql: 'e.kind', value: (e) => e.kind },
    },
    // In date order: by booking date (the value date of the money), ties in the order of posting (id).
    // Posting order alone is not date order: a payment file is booked days after its payouts were
    // approved, an allocation change can carry the date of the Land's Bescheid.
    defaultSort: ['bookingDate'],
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

  /**
   * Committed, approved and paid shares of one year grouped by Handlungsfeld, Sozialraum or Träger;
   * for the reference groupings every reference row (0 where nothing was booked), and a row with key
   * null for money booked without one.
   */
  async groupSums(em: EntityManager, budgetYearId: string, grouping: LedgerGrouping): Promise<LedgerGroupSums[]> {
    const g = GROUPINGS[grouping];
    const sums = `SELECT e.${g.column}::text AS key,
              sum(e.state_share * ${COMMITTED_SIGN}) AS cs, sum(e.district_share * ${COMMITTED_SIGN}) AS cd,
              sum(e.state_share * ${DISBURSED_SIGN}) AS ds, sum(e.district_share * ${DISBURSED_SIGN}) AS dd,
              sum(e.state_share * ${PAID_SIGN}) AS ps, sum(e.district_share * ${PAID_SIGN}) AS pd
         FROM budget_ledger_entry e
        WHERE e.budget_year_id = $1 AND e.kind IN ('COMMITMENT','COMMITMENT_CHANGE','RELEASE','DISBURSEMENT','DISBURSEMENT_PAID')
        GROUP BY e.${g.column}`;
    const money = (c: string) => `coalesce(s.${c}, 0)::text AS ${c}`;
    const columns = ['cs', 'cd', 'ds', 'dd', 'ps', 'pd'].map(money).join(', ');
    const sql = g.reference
      ? `WITH s AS (${sums})
         SELECT coalesce(r.key, s.key) AS key, ${g.name} AS name, coalesce(r.active, false) AS listed, ${columns}
           FROM (${g.reference}) r FULL JOIN s ON s.key = r.key
          ORDER BY r.sort_order NULLS LAST, ${g.name} NULLS LAST`
      : `WITH s AS (${sums})
         SELECT s.key, ${g.name} AS name, false AS listed, ${columns}
           FROM s LEFT JOIN organisation o ON o.id::text = s.key
          ORDER BY ${g.name} NULLS LAST`;
    return (await em.query(sql, [budgetYearId])) as LedgerGroupSums[];
  }

  /** Σ shares per referenced record (e.g. per Bescheid) of the given kinds in one year. */
  async sumsByReference(em: EntityManager, budgetYearId: string, referenceType: string, kinds: readonly string[]): Promise<LedgerReferenceSums[]> {
    return (await em.query(
      `SELECT e.reference_id AS "referenceId", e.kind, sum(e.state_share)::text AS state, sum(e.district_share)::text AS district
         FROM budget_ledger_entry e
        WHERE e.budget_year_id = $1 AND e.reference_type = $2 AND e.kind = ANY($3::text[])
        GROUP BY e.reference_id, e.kind`,
      [budgetYearId, referenceType, [...kinds]],
    )) as LedgerReferenceSums[];
  }

  /** Number of entries per kind in one year (the BUDGET export names how many entries stand behind a figure). */
  async countsByKind(em: EntityManager, budgetYearId: string): Promise<Record<string, number>> {
    const rows = (await em.query(`SELECT kind, count(*)::int AS n FROM budget_ledger_entry WHERE budget_year_id = $1 GROUP BY kind`, [budgetYearId])) as { kind: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
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
         coalesce(sum(state_share) FILTER (WHERE kind = 'DISBURSEMENT_PAID'), 0)::text AS ps,
         coalesce(sum(district_share) FILTER (WHERE kind = 'DISBURSEMENT_PAID'), 0)::text AS pd,
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
