import { ObjectLiteral } from 'typeorm';
import type { FilterFn, SortKey } from './scoped-repository';

/**
 * The building blocks of a list's `filters` and `sort` (RepositoryDefinition), so each list
 * declares its filters as one line per query parameter and they read the same everywhere.
 * Parameter names are derived from the column, so two filters of one list never share one.
 */
function param(prefix: string, sql: string): string {
  return `${prefix}_${sql.replace(/[^A-Za-z0-9]+/g, '_')}`;
}

/** `status=A` or `status=A,B`: the column is any of the values given. */
export function anyOf<E extends ObjectLiteral>(column: string): FilterFn<E, string | readonly string[]> {
  const name = param('anyOf', column);
  return (qb, v) => {
    const values = typeof v === 'string' ? [v] : [...v];
    qb.andWhere(`${column} IN (:...${name})`, { [name]: values.length > 0 ? values : [''] });
  };
}

/** One exact value (an id, a code). */
export function equals<E extends ObjectLiteral, V extends string | number>(column: string): FilterFn<E, V> {
  const name = param('eq', column);
  return (qb, v) => qb.andWhere(`${column} = :${name}`, { [name]: v });
}

/** A date (`YYYY-MM-DD`) on or after the value; `sql` may be any date expression. */
export function onOrAfter<E extends ObjectLiteral>(sql: string): FilterFn<E, string> {
  const name = param('from', sql);
  return (qb, v) => qb.andWhere(`(${sql}) >= :${name}::date`, { [name]: v });
}

/** A date (`YYYY-MM-DD`) on or before the value; `sql` may be any date expression. */
export function onOrBefore<E extends ObjectLiteral>(sql: string): FilterFn<E, string> {
  const name = param('to', sql);
  return (qb, v) => qb.andWhere(`(${sql}) <= :${name}::date`, { [name]: v });
}

/**
 * A sort key over a nullable or computed expression: rows without a value sort after the others
 * (ascending) by the stand-in given. The cursor value is read from the database (no reader).
 */
export function computedSortKey<E>(sql: string, whenNull: string): SortKey<E> {
  return { sql: `COALESCE(${sql}, ${whenNull})` };
}
