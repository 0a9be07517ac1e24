import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isKreisSide, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { MonitoringGroupBy, MonitoringQuery } from './monitoring.types';

/** One Kennzahl in one group as the database sums it; numbers as decimal text. */
export interface IndicatorSqlRow {
  key: string;
  label: string;
  definition_id: string;
  code: string;
  name: string;
  unit: string;
  aggregation: 'SUM' | 'AVERAGE';
  field_of_action_code: string;
  actual: string;
  target: string | null;
  deviation: string | null;
  reports: number;
}

/** Ledger sums of one group, as decimal text. */
export interface FundingSqlRow {
  key: string | null;
  label: string | null;
  cs: string;
  cd: string;
  ps: string;
  pd: string;
  rds: string;
  rdd: string;
  rrs: string;
  rrd: string;
  projects: number;
}

/** One approved Festsetzung: its group, Z and the Land's rate of its budget year (to split Z like the ledger does). */
export interface ProvenSqlRow {
  key: string;
  final_grant: string;
  state_rate_percent: string;
}

/**
 * The query's values as positional parameters, with the SQL that names each: a condition is
 * written only for what applies, so a Träger's restriction is a plain AND-ed equality
 * (`provider_id = $3`), never an "IS NULL OR" a wrong parameter could open.
 */
interface Binds {
  readonly from: string;
  readonly to: string;
  /** The caller's own Träger (PROVIDER), null on the Kreis side. */
  readonly own: string | null;
  /** The caller's Kreis (a Kreis user, issue 20), null for the Land, Träger and the system. */
  readonly district: string | null;
  readonly provider: string | null;
  readonly field: string | null;
  readonly social: string | null;
  readonly values: readonly unknown[];
}

/** A Träger without an organisation sees nothing rather than everything. */
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

function bind(scope: Scope, q: MonitoringQuery): Binds {
  const values: unknown[] = [];
  const add = (v: unknown, type: string): string => {
    values.push(v);
    return `$${values.length}::${type}`;
  };
  const own = isKreisSide(scope) ? null : (scope.organisationId ?? NO_ORGANISATION);
  return {
    from: add(q.from, 'int'),
    to: add(q.to, 'int'),
    own: own === null ? null : add(own, 'uuid'),
    district: scope.districtId ? add(scope.districtId, 'uuid') : null,
    provider: q.providerId ? add(q.providerId, 'uuid') : null,
    field: q.fieldOfAction ? add(q.fieldOfAction, 'text') : null,
    social: q.socialArea ? add(q.socialArea, 'text') : null,
    values,
  };
}

/** The scope and filter conditions on a record's Träger, Handlungsfeld and Sozialraum columns. */
function filtersOn(b: Binds, provider: string, field: string, socialArea: string): string {
  const parts = ['TRUE'];
  if (b.own) parts.push(`${provider} = ${b.own}`);
  // Every figure query joins its budget year as `y`: a Kreis user's figures are its Kreis's only.
  if (b.district) parts.push(`y.district_id = ${b.district}`);
  if (b.provider) parts.push(`${provider} = ${b.provider}`);
  if (b.field) parts.push(`${field} = ${b.field}`);
  if (b.social) parts.push(`${socialArea} = ${b.social}`);
  return parts.join(' AND ');
}

/**
 * The Träger that appear in a provider grouping: those in scope with an issued Bescheid/Vertrag of
 * a budget year in range, or a submitted Sachbericht counting for a year in range (CTE `active_providers`).
 */
const activeProviders = (b: Binds): string => `
  active_providers AS (
    SELECT d.provider_id FROM decision d JOIN budget_year y ON y.id = d.budget_year_id
     WHERE d.outcome = 'GRANT' AND d.current_version_no IS NOT NULL AND y.year BETWEEN ${b.from} AND ${b.to}
       AND ${filtersOn(b, 'd.provider_id', 'd.field_of_action_code', 'd.social_area_code')}
    UNION
    SELECT p.provider_id FROM proof_of_use p JOIN decision d ON d.id = p.decision_id JOIN budget_year y ON y.id = p.budget_year_id
     WHERE p.status <> 'DRAFT' AND (CASE WHEN p.kind = 'INTERIM' THEN p.covered_year ELSE y.year END) BETWEEN ${b.from} AND ${b.to}
       AND ${filtersOn(b, 'p.provider_id', 'd.field_of_action_code', 'd.social_area_code')}
  )`;

/**
 * The groups of a grouping with their German names and order. Handlungsfelder and Sozialräume are
 * reference lists: every active one is a group, with 0 where nothing happened (the Leitlinien
 * monitor where money does *not* go, too); a retired one only where `withData` (a subquery of keys)
 * has something. Years: every year in range.
 */
function groupsSql(b: Binds, groupBy: MonitoringGroupBy, withData: string): string {
  switch (groupBy) {
    case 'fieldOfAction':
      return `SELECT f.code AS key, f.name AS label, f.sort_order AS sort1, f.name AS sort2 FROM field_of_action f
               WHERE (f.active OR f.code IN (${withData})) ${b.field ? `AND f.code = ${b.field}` : ''}`;
    case 'socialArea':
      return `SELECT s.code AS key, s.name AS label, s.sort_order AS sort1, s.name AS sort2 FROM social_area s
               WHERE (s.active OR s.code IN (${withData})) ${b.social ? `AND s.code = ${b.social}` : ''} ${b.district ? `AND s.district_id = ${b.district}` : ''}`;
    case 'year':
      return `SELECT y::text AS key, y::text AS label, y AS sort1, '' AS sort2 FROM generate_series(${b.from}, ${b.to}) y`;
    case 'provider':
      return `SELECT o.id::text AS key, o.name AS label, 0 AS sort1, o.name AS sort2 FROM organisation o
               WHERE o.id IN (SELECT provider_id FROM active_providers) OR o.id::text IN (${withData})`;
  }
}

/** The column of a value's row that decides its group. */
const KEY_COLUMN: Record<MonitoringGroupBy, string> = { fieldOfAction: 'field', socialArea: 'social_area', provider: 'provider', year: 'year::text' };

/**
 * The Sachbericht values that count (CONTRACT.md, docs/architecture.md "Monitoring"): every
 * indicator item of a proof that is no longer a draft, for the year it covers (a Zwischennachweis
 * its covered_year, a Verwendungsnachweis its budget year's year). An item names its definition by
 * id; an item written before Kennzahlen were data carries (fieldOfAction, code) instead and counts
 * for the definition with that code, or not at all.
 */
const values = (b: Binds): string => `
  vals AS (
    SELECT p.provider_id::text AS provider, d.social_area_code AS social_area, def.field_of_action_code AS field,
           CASE WHEN p.kind = 'INTERIM' THEN p.covered_year ELSE y.year END AS year,
           def.id AS definition_id, (item.elem->>'value')::numeric AS value
      FROM proof_of_use p
      JOIN decision d ON d.id = p.decision_id
      JOIN budget_year y ON y.id = p.budget_year_id
      CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(p.narrative->'indicators') = 'array' THEN p.narrative->'indicators' ELSE '[]'::jsonb END) AS item(elem)
      JOIN indicator_definition def ON CASE WHEN item.elem->>'indicatorId' IS NOT NULL THEN def.id::text = item.elem->>'indicatorId'
                                            ELSE def.field_of_action_code = item.elem->>'fieldOfAction' AND def.code = item.elem->>'code' END
     WHERE p.status <> 'DRAFT' AND jsonb_typeof(item.elem->'value') = 'number'
       AND ${filtersOn(b, 'p.provider_id', 'def.field_of_action_code', 'd.social_area_code')}
  ),
  in_range AS (SELECT * FROM vals WHERE year BETWEEN ${b.from} AND ${b.to})`;

/** Soll per grouping: a year's own target, over the range per Handlungsfeld (Σ or mean), none per Sozialraum or Träger (targets are Kreis-wide). */
function targetSql(b: Binds, groupBy: MonitoringGroupBy): string {
  switch (groupBy) {
    case 'year':
      return `(SELECT t.target FROM indicator_target t WHERE t.definition_id = def.id AND t.year = g.key::int)`;
    case 'fieldOfAction':
      return `(SELECT CASE def.aggregation WHEN 'SUM' THEN sum(t.target) ELSE round(avg(t.target), 2) END
                 FROM indicator_target t WHERE t.definition_id = def.id AND t.year BETWEEN ${b.from} AND ${b.to})`;
    default:
      return 'NULL::numeric';
  }
}

const LEDGER_KINDS = `('COMMITMENT','COMMITMENT_CHANGE','RELEASE','DISBURSEMENT_PAID','RECOVERY_DUE','RECOVERY_RECEIVED')`;
const COMMITTED_SIGN = `CASE e.kind WHEN 'COMMITMENT' THEN 1 WHEN 'COMMITMENT_CHANGE' THEN 1 WHEN 'RELEASE' THEN -1 ELSE 0 END`;

/**
 * The ledger sums per group (one row per group, zero groups included, in display order), as SQL:
 * the repository runs it, and the MONITORING export streams the same rows, so both list the same
 * groups in the same order.
 */
export function fundingQuery(scope: Scope, q: MonitoringQuery): { sql: string; params: readonly unknown[] } {
  const b = bind(scope, q);
  const key = KEY_COLUMN[q.groupBy];
  const money = (c: string) => `coalesce(s.${c}, 0)::text AS ${c}`;
  const sql = `
    WITH ${activeProviders(b)},
    e AS (
      SELECT e.kind, e.state_share, e.district_share, e.provider_id::text AS provider, e.field_of_action_code AS field,
             e.social_area_code AS social_area, y.year, e.reference_type, e.reference_id
        FROM budget_ledger_entry e JOIN budget_year y ON y.id = e.budget_year_id
       WHERE y.year BETWEEN ${b.from} AND ${b.to} AND e.kind IN ${LEDGER_KINDS}
         AND ${filtersOn(b, 'e.provider_id', 'e.field_of_action_code', 'e.social_area_code')}
    ),
    s AS (
      SELECT ${key} AS key,
             sum(e.state_share * ${COMMITTED_SIGN}) AS cs, sum(e.district_share * ${COMMITTED_SIGN}) AS cd,
             sum(e.state_share) FILTER (WHERE e.kind = 'DISBURSEMENT_PAID') AS ps, sum(e.district_share) FILTER (WHERE e.kind = 'DISBURSEMENT_PAID') AS pd,
             sum(e.state_share) FILTER (WHERE e.kind = 'RECOVERY_DUE') AS rds, sum(e.district_share) FILTER (WHERE e.kind = 'RECOVERY_DUE') AS rdd,
             sum(e.state_share) FILTER (WHERE e.kind = 'RECOVERY_RECEIVED') AS rrs, sum(e.district_share) FILTER (WHERE e.kind = 'RECOVERY_RECEIVED') AS rrd,
             count(DISTINCT e.reference_id) FILTER (WHERE e.kind = 'COMMITMENT' AND e.reference_type = 'Decision')::int AS projects
        FROM e GROUP BY 1
    ),
    g AS (${groupsSql(b, q.groupBy, 'SELECT key FROM s WHERE key IS NOT NULL')})
    SELECT coalesce(g.key, s.key) AS key, g.label, ${['cs', 'cd', 'ps', 'pd', 'rds', 'rdd', 'rrs', 'rrd'].map(money).join(', ')},
           coalesce(s.projects, 0) AS projects
      FROM g FULL JOIN s ON s.key = g.key
     ORDER BY g.sort1 NULLS LAST, g.sort2 NULLS LAST, g.key`;
  return { sql, params: b.values };
}

/**
 * The monitoring's reads: sums over Sachberichte, ledger and Festsetzungen across years. Raw SQL
 * because every figure is an aggregate over several libs' tables; scope is applied here, in every
 * query, as the repository base does for single records: a Träger's query is restricted to its
 * own organisation (an AND-ed equality, see `bind`), whatever else it asks for.
 */
@Injectable()
export class MonitoringRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async indicators(scope: Scope, q: MonitoringQuery, em: EntityManager = this.tx.manager): Promise<IndicatorSqlRow[]> {
    const b = bind(scope, q);
    const key = KEY_COLUMN[q.groupBy];
    const sql = `
      WITH ${values(b)},
      ${activeProviders(b)},
      agg AS (
        SELECT ${key} AS key, definition_id, sum(value) AS total, round(avg(value), 2) AS mean, count(*)::int AS reports
          FROM in_range GROUP BY 1, 2
      ),
      g AS (${groupsSql(b, q.groupBy, 'SELECT key FROM agg')}),
      r AS (
        SELECT g.key, g.label, g.sort1, g.sort2, f.sort_order AS field_sort, def.sort_order, def.id AS definition_id, def.code, def.name, def.unit,
               def.aggregation, def.field_of_action_code,
               coalesce(CASE def.aggregation WHEN 'SUM' THEN a.total ELSE a.mean END, 0) AS actual,
               coalesce(a.reports, 0) AS reports,
               ${targetSql(b, q.groupBy)} AS target
          FROM g
          CROSS JOIN indicator_definition def
          JOIN field_of_action f ON f.code = def.field_of_action_code
          LEFT JOIN agg a ON a.key = g.key AND a.definition_id = def.id
         WHERE ${b.field ? `def.field_of_action_code = ${b.field}` : 'TRUE'}
           ${q.groupBy === 'fieldOfAction' ? 'AND def.field_of_action_code = g.key' : ''}
           -- A retired Kennzahl stays visible where it was reported in the range.
           AND (def.active OR a.reports > 0)
      )
      SELECT key, label, definition_id, code, name, unit, aggregation, field_of_action_code, reports,
             actual::text AS actual, target::text AS target, (actual - target)::text AS deviation
        FROM r
       ORDER BY sort1, sort2, key, field_sort, sort_order, code`;
    return (await em.query(sql, [...b.values])) as IndicatorSqlRow[];
  }

  async funding(scope: Scope, q: MonitoringQuery, em: EntityManager = this.tx.manager): Promise<FundingSqlRow[]> {
    const { sql, params } = fundingQuery(scope, q);
    return (await em.query(sql, [...params])) as FundingSqlRow[];
  }

  /** German names of the Handlungsfelder, retired ones included (old figures keep their name). */
  async fieldOfActionNames(em: EntityManager = this.tx.manager): Promise<{ code: string; name: string }[]> {
    return (await em.query(`SELECT code, name FROM field_of_action ORDER BY sort_order, name`)) as { code: string; name: string }[];
  }

  /**
   * The approved Festsetzungen of the decisions in scope and range (year = the decision's budget
   * year), each with its group: "nachgewiesen" is their festgesetzte Zuwendung.
   */
  async proven(scope: Scope, q: MonitoringQuery, em: EntityManager = this.tx.manager): Promise<ProvenSqlRow[]> {
    const b = bind(scope, q);
    const key = { fieldOfAction: 'd.field_of_action_code', socialArea: 'd.social_area_code', provider: 'd.provider_id::text', year: 'y.year::text' }[q.groupBy];
    return (await em.query(
      `SELECT ${key} AS key, s.final_grant::text AS final_grant, y.state_rate_percent::text AS state_rate_percent
         FROM settlement s JOIN decision d ON d.id = s.decision_id JOIN budget_year y ON y.id = d.budget_year_id
        WHERE s.status = 'APPROVED' AND y.year BETWEEN ${b.from} AND ${b.to}
          AND ${filtersOn(b, 'd.provider_id', 'd.field_of_action_code', 'd.social_area_code')}`,
      [...b.values],
    )) as ProvenSqlRow[];
  }
}
