import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { clampLimit, collectsDeniedRecords, decodeCursor, DomainError, encodeCursor, forbidden, isKreisSide, isStateLevel, noteDeniedRecord, Page, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from './transaction';
import { pgErrorCode } from './errors';

/**
 * A key a list can be sorted by: its SQL (never NULL: wrap nullable columns in COALESCE) and the
 * same value read off a row. Without `value` (a computed key such as a deadline from another
 * table, or a COALESCE whose fallback the entity does not carry) the base selects the SQL as text
 * next to the row and takes the cursor value from there.
 */
export interface SortKey<E> {
  readonly sql: string;
  readonly value?: (row: E) => string | number;
}

/**
 * Narrows the scoped query by one API filter; the value is already validated by the DTO. `scope` is
 * the caller's, for filters whose meaning depends on who asks (`assigneeId=me`).
 */
export type FilterFn<E extends ObjectLiteral, V> = (qb: SelectQueryBuilder<E>, value: V, scope?: Scope) => void;

/**
 * Who may see a row of this record type. The base applies it to every read, so a service cannot
 * forget it: a Träger sees its own organisation's rows only (and, where `providerCondition` says so,
 * only some of them, e.g. issued decisions); a Kreis user sees its Kreis's rows only.
 */
export interface Visibility {
  /** Alias-qualified column holding the owning Träger's organisation id; null for records no Träger owns. */
  readonly providerColumn: string | null;
  /** What a Träger must see besides ownership (SQL on the query's aliases), e.g. "d.status <> 'PROPOSED'". */
  readonly providerCondition?: string;
  /** Alias-qualified column holding the Kreis (organisation of kind DISTRICT); the second scope of a Land-wide install. */
  readonly districtColumn?: string | null;
  /**
   * Rows of a Kreis the Land changes too (its part of the funds flow: budget year, ledger, drawdowns,
   * the Kreis's proof to the Land). For every other Kreis record a Land user's attempt to change it
   * (a `get`/`find` with `lock`) is a 403 `FORBIDDEN_LEVEL`, the same refusal the lifecycle gives.
   */
  readonly landWrites?: boolean;
  /**
   * For records that belong to a Kreis other than through one column (organisations: the Träger
   * registered there): SQL on the query's aliases with the parameter `:scopeDistrict`, applied
   * instead of `districtColumn` for a Kreis user.
   */
  readonly districtCondition?: string;
  /** Record types Träger never see at all (budget, payment files …). */
  readonly staffOnly?: boolean;
  /**
   * Alias-qualified column holding the one user who may see the row, whatever the role (a user's
   * own notifications). When set, it replaces the Träger rule: ownership is by person, not organisation.
   */
  readonly addresseeColumn?: string;
}

export interface RepositoryDefinition<E extends ObjectLiteral, F extends object> {
  readonly entity: EntityTarget<E>;
  readonly alias: string;
  /** To-one joins that visibility, filters or sort keys need (and that callers want loaded). */
  readonly joins?: (qb: SelectQueryBuilder<E>) => SelectQueryBuilder<E>;
  readonly visibility: Visibility;
  /** API name → sort key; `defaultSort` uses the same names, e.g. ['reference'] or ['-createdAt']. */
  readonly sort: Readonly<Record<string, SortKey<E>>>;
  readonly defaultSort: readonly string[];
  readonly filters: { readonly [K in keyof F]-?: FilterFn<E, NonNullable<F[K]>> };
  /** The lib's 404 ("Antrag nicht gefunden."), the same for a missing row and one the caller may not see. */
  readonly notFound: () => DomainError;
  /**
   * What `search` (GET /api/v1/search) looks in: columns compared case-insensitively as "contains",
   * and `extend` for further to-one joins those columns (or the hit's names) need beyond `joins`,
   * or a condition on what counts as a hit.
   */
  readonly search?: {
    readonly columns: readonly string[];
    readonly extend?: (qb: SelectQueryBuilder<E>) => SelectQueryBuilder<E>;
  };
  /**
   * `list` picks the page's ids first (a subquery with the same scope, filters, cursor, order and
   * limit that selects only the id) and reads the rows by id after. For large child tables with an
   * index that covers filter + sort key + id + district (receipt: ix_receipt_page): the subquery is
   * an index-only walk that stops after one page, whatever the planner thinks the row-level
   * security filter leaves over (in a Land database it expects 1/22 of a VN's Belege and would
   * otherwise read and sort all of them). Same rows, same order, same cursor as without.
   */
  readonly pageByIndex?: boolean;
}

/** What every list takes besides its filters: `sort=field,-field`, the page size and the cursor. */
export interface ListParams {
  /** `field,-field` as one string or as the list of its parts. */
  sort?: string | readonly string[];
  limit?: number;
  cursor?: string;
}

export interface GetOptions {
  /** SELECT … FOR UPDATE of this record's row (not of the joined rows). */
  lock?: boolean;
  /** Read inside this transaction (defaults to the running one). */
  em?: EntityManager;
}

/** The organisation a Träger's query is restricted to, or null for staff and auditors. */
function ownOrganisation(scope: Scope): string | null {
  if (isKreisSide(scope)) return null;
  // A PROVIDER without an organisation sees nothing rather than everything.
  return scope.organisationId ?? '00000000-0000-0000-0000-000000000000';
}

/**
 * The one place where visibility, filters, sorting and cursor paging are applied
 * (ARCHITECTURE.md "Scope lives in the repository"). A lib declares a `RepositoryDefinition` per
 * aggregate; its services read only through `get`/`find`/`list`/`count`/`scoped`, and raw
 * `getRepository`/`createQueryBuilder`/`.query` stay inside repository files (lint enforces it).
 */
/** Every aggregate root has a uuid `id`; cursors end with it so equal sort keys never skip a row. */
export type Identified = ObjectLiteral & { id: string };

@Injectable()
export abstract class ScopedRepository<E extends Identified, F extends object = Record<string, never>> {
  protected abstract readonly definition: RepositoryDefinition<E, F>;

  constructor(protected readonly tx: TransactionRunner) {}

  /** The base query with the caller's visibility applied: every read of this record type starts here. */
  scoped(scope: Scope, em: EntityManager = this.tx.manager): SelectQueryBuilder<E> {
    const d = this.definition;
    let qb = em.getRepository(d.entity).createQueryBuilder(d.alias);
    if (d.joins) qb = d.joins(qb);
    const own = ownOrganisation(scope);
    if (d.visibility.addresseeColumn) {
      qb.andWhere(`${d.visibility.addresseeColumn} = :scopeAddressee`, { scopeAddressee: scope.userId ?? '00000000-0000-0000-0000-000000000000' });
    } else if (own !== null) {
      if (d.visibility.staffOnly || d.visibility.providerColumn === null) {
        qb.andWhere('FALSE');
      } else {
        qb.andWhere(`${d.visibility.providerColumn} = :scopeOwnOrganisation`, { scopeOwnOrganisation: own });
        if (d.visibility.providerCondition) qb.andWhere(`(${d.visibility.providerCondition})`);
      }
    }
    if (scope.districtId && d.visibility.districtCondition) {
      qb.andWhere(`(${d.visibility.districtCondition})`, { scopeDistrict: scope.districtId });
    } else if (scope.districtId && d.visibility.districtColumn) {
      qb.andWhere(`${d.visibility.districtColumn} = :scopeDistrict`, { scopeDistrict: scope.districtId });
    }
    return qb;
  }

  /** The record, or the lib's 404 when it is missing or the caller may not see it. */
  async get(scope: Scope, id: string, options: GetOptions = {}): Promise<E> {
    const row = await this.find(scope, id, options);
    if (!row) throw this.definition.notFound();
    return row;
  }

  async find(scope: Scope, id: string, options: GetOptions = {}): Promise<E | null> {
    if (options.lock && isStateLevel(scope) && this.definition.visibility.districtColumn && !this.definition.visibility.landWrites) {
      throw forbidden('FORBIDDEN_LEVEL', 'Das Land sieht die Vorgänge der Kreise ein; ändern kann sie nur der Kreis.');
    }
    const qb = this.scoped(scope, options.em).andWhere(`${this.definition.alias}.id = :scopedId`, { scopedId: id });
    if (options.lock) qb.setLock('pessimistic_write', undefined, [this.definition.alias]);
    const row = await qb.getOne();
    if (row === null && this.restricts(scope) && collectsDeniedRecords()) await this.noteIfHidden(id, options.em);
    return row;
  }

  /**
   * The one place that knows a miss was the scope's doing: when the row exists, the api's error
   * filter records `access.denied` (the caller still gets the same 404 as for a missing row). Costs
   * one primary-key lookup, only on a miss, only for callers whose scope hides rows.
   */
  private async noteIfHidden(id: string, em: EntityManager = this.tx.manager): Promise<void> {
    const d = this.definition;
    const exists = await em.getRepository(d.entity).createQueryBuilder(d.alias).select('1', 'one').where(`${d.alias}.id = :id`, { id }).limit(1).getRawOne();
    if (exists) noteDeniedRecord({ entity: entityName(d.entity), id });
  }

  /** Whether `scoped` narrows anything for this caller (staff of a single-Kreis install see every row). */
  private restricts(scope: Scope): boolean {
    const v = this.definition.visibility;
    return v.addresseeColumn !== undefined || ownOrganisation(scope) !== null || (!!scope.districtId && (!!v.districtColumn || !!v.districtCondition));
  }

  async count(scope: Scope, filter: Partial<F> = {}): Promise<number> {
    const qb = this.scoped(scope);
    this.applyFilters(qb, filter, scope);
    return qb.getCount();
  }

  async list(scope: Scope, params: ListParams & Partial<F>): Promise<Page<E>> {
    const d = this.definition;
    const limit = clampLimit(params.limit);
    let qb = this.scoped(scope);
    this.applyFilters(qb, params, scope);
    const { keys, spec } = this.sortKeys(params.sort);
    const idKey: ResolvedKey<E> = { sql: `${d.alias}.id`, value: (r) => r.id, desc: false };
    const all = [...keys, idKey];
    // The cursor names the sort it was made for: a cursor of another sort would compare a date
    // with an Aktenzeichen (a database error) or silently skip rows.
    const decoded = decodeCursor(params.cursor, all.length + 1);
    if (decoded && decoded[0] !== spec) {
      throw validationError([{ path: 'cursor', message: 'Der Cursor gehört zu einer anderen Sortierung. Bitte die Liste neu laden.' }]);
    }
    const cursor = decoded ? decoded.slice(1) : null;
    if (cursor) qb.andWhere(keysetAfter(all, cursor));
    for (const k of all) qb.addOrderBy(k.sql, k.desc ? 'DESC' : 'ASC');
    if (d.pageByIndex) {
      // The page's ids (scope, filters, cursor, order, limit as built above), then the rows by id
      // in the same order: the outer query adds the scope again, which costs one index probe per row.
      qb.select(`${d.alias}.id`).limit(limit + 1);
      const outer = this.scoped(scope).andWhere(`${d.alias}.id IN (${qb.getQuery()})`).setParameters(qb.getParameters());
      for (const k of all) outer.addOrderBy(k.sql, k.desc ? 'DESC' : 'ASC');
      qb = outer;
    }
    // Keys without a reader are selected as text beside the row (sortkey_<i>).
    const computed = all.map((k, i) => (k.value ? null : `sortkey_${i}`));
    computed.forEach((name, i) => {
      if (name) qb.addSelect(`(${all[i]!.sql})::text`, name);
    });
    qb.limit(limit + 1);
    let rows: E[];
    let raws: Record<string, unknown>[] = [];
    try {
      if (computed.some((c) => c !== null)) {
        const result = await qb.getRawAndEntities();
        rows = result.entities;
        raws = result.raw as Record<string, unknown>[];
      } else {
        rows = await qb.getMany();
      }
    } catch (err) {
      // 22xxx (data exception): a forged cursor whose values do not fit the keys' types.
      if (cursor && pgErrorCode(err)?.startsWith('22')) {
        throw validationError([{ path: 'cursor', message: 'Der Cursor ist ungültig. Bitte die Liste neu laden.' }]);
      }
      throw err;
    }
    if (rows.length <= limit) return { items: rows, nextCursor: null };
    const items = rows.slice(0, limit);
    const last = items[items.length - 1]!;
    const lastRaw = raws.find((r) => r[`${d.alias}_id`] === last.id);
    const values = all.map((k, i) => (k.value ? k.value(last) : String(lastRaw?.[computed[i]!] ?? '')));
    return { items, nextCursor: encodeCursor([spec, ...values]) };
  }

  /**
   * Rows of this type whose search columns contain `text` (case-insensitive; % and _ literal),
   * within the caller's scope like every read, in the default order, at most `limit`.
   */
  async search(scope: Scope, text: string, limit: number): Promise<E[]> {
    const d = this.definition;
    if (!d.search) return [];
    let qb = this.scoped(scope);
    if (d.search.extend) qb = d.search.extend(qb);
    containsText(qb, d.search.columns, text, 'searchText');
    for (const k of this.sortKeys(undefined).keys) qb.addOrderBy(k.sql, k.desc ? 'DESC' : 'ASC');
    qb.addOrderBy(`${d.alias}.id`, 'ASC');
    return qb.limit(limit).getMany();
  }

  /** Names a list may be sorted by, for the OpenAPI description of `sort`. */
  get sortableFields(): string[] {
    return Object.keys(this.definition.sort);
  }

  protected applyFilters(qb: SelectQueryBuilder<E>, filter: Partial<F>, scope?: Scope): void {
    const fns = this.definition.filters as Record<string, FilterFn<E, unknown>>;
    for (const [name, fn] of Object.entries(fns)) {
      const value = (filter as Record<string, unknown>)[name];
      if (value !== undefined && value !== null && value !== '') fn(qb, value, scope);
    }
  }

  private sortKeys(sort: string | readonly string[] | undefined): { keys: ResolvedKey<E>[]; spec: string } {
    const d = this.definition;
    const given = (Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []).map((s: string) => s.trim()).filter((s: string) => s !== '');
    const names = given.length > 0 ? given : [...d.defaultSort];
    const keys = names.map((name) => {
      const desc = name.startsWith('-');
      const field = desc ? name.slice(1) : name;
      const key = d.sort[field];
      if (!key) {
        throw validationError(
          [{ path: 'sort', message: `Nach „${field}“ kann diese Liste nicht sortiert werden. Möglich: ${Object.keys(d.sort).join(', ')}.` }],
          'Die Sortierung ist ungültig.',
        );
      }
      return { ...key, desc };
    });
    return { keys, spec: names.join(',') };
  }
}

function entityName(target: EntityTarget<ObjectLiteral>): string {
  if (typeof target === 'function') return target.name;
  if (typeof target === 'string') return target;
  return 'name' in target ? String(target.name) : 'Record';
}

interface ResolvedKey<E> extends SortKey<E> {
  desc: boolean;
}

/**
 * Rows after the cursor in a sort of mixed directions: (k1 > v1) OR (k1 = v1 AND k2 < v2) OR …
 * Row-value comparison `(a, b) > (x, y)` only works when every key runs the same way.
 */
function keysetAfter<E>(keys: ResolvedKey<E>[], cursor: (string | number)[]): Brackets {
  return new Brackets((outer) => {
    keys.forEach((key, i) => {
      outer.orWhere(
        new Brackets((inner) => {
          for (let j = 0; j < i; j++) inner.andWhere(`${keys[j]!.sql} = :cursorKey${j}`, { [`cursorKey${j}`]: cursor[j] });
          inner.andWhere(`${key.sql} ${key.desc ? '<' : '>'} :cursorKey${i}`, { [`cursorKey${i}`]: cursor[i] });
        }),
      );
    });
  });
}

/** `ILIKE %text%` over several columns with LIKE's wildcards escaped, for the `q` filter of a list. */
export function containsText<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, columns: readonly string[], text: string, param = 'containsText'): void {
  const escaped = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  qb.andWhere(`(${columns.map((c) => `${c} ILIKE :${param} ESCAPE '\\'`).join(' OR ')})`, { [param]: escaped });
}

/**
 * A sort key over a timestamp. PostgreSQL keeps microseconds, a JS Date only milliseconds: the
 * cursor would carry a value a little below the row's, and the next page would start with that
 * row again. Comparing at millisecond precision on both sides keeps pages disjoint (the id
 * breaks ties within the same millisecond).
 */
export function timestampSortKey<E>(column: string, read: (row: E) => Date): SortKey<E> {
  return { sql: `date_trunc('milliseconds', ${column})`, value: (row) => read(row).toISOString() };
}
