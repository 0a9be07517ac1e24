/**
 * The state of a list page (sort and filters) as it lives in the address: `?sort=-reference&status=SUBMITTED,IN_REVIEW`.
 * Reload, back and a shared link show the same list. The parameter names are the API's, so what
 * the address says is what the server is asked; values the page does not know are dropped here
 * rather than sent. Pure functions, so the rules are tested without a browser.
 */

/** The filters list pages offer; each list names the ones its records have. */
export const FILTER_NAMES = ['status', 'providerId', 'decisionId', 'fieldOfAction', 'socialArea', 'budgetYear', 'dueAfter', 'dueBefore', 'q', 'assigneeId', 'dunning', 'districtId'] as const;

/** The Mahnwesen filter of the Rückforderungen: a Mahnstufe, or the cases waiting for "Vollstreckung prüfen". */
export const DUNNING_FILTER_VALUES = ['0', '1', '2', 'ENFORCEMENT'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** How many rows a page may ask for at once (the address parameter `limit`); the API allows up to 200. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export interface ListState {
  /** One sort key with "-" for descending, or null for the list's default order. */
  sort: string | null;
  /** Rows per page chosen by the user, or null for the list's default. */
  pageSize: number | null;
  /** Statuses shown (any of them); empty = all. */
  status: string[];
  /** The other filters as written in the address; absent = not filtered. */
  values: Partial<Record<Exclude<FilterName, 'status'>, string>>;
}

export interface ListStateOptions {
  /** Prefix of the address parameters, for a page with two lists (e.g. "datei."). */
  prefix?: string;
  filters: readonly FilterName[];
  sortKeys: readonly string[];
  statuses?: readonly string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Z0-9_]{1,60}$/;

/** A value the API would refuse (a hand-edited address) is dropped rather than sent. */
function validValue(name: Exclude<FilterName, 'status'>, value: string): boolean {
  switch (name) {
    case 'dueAfter':
    case 'dueBefore':
      return DATE.test(value);
    case 'budgetYear':
      return YEAR.test(value);
    case 'providerId':
    case 'decisionId':
    case 'districtId':
      return UUID.test(value);
    case 'fieldOfAction':
    case 'socialArea':
      return CODE.test(value);
    case 'q':
      return value.trim() !== '' && value.length <= 100;
    case 'assigneeId':
      return value === 'me' || UUID.test(value);
    case 'dunning':
      return (DUNNING_FILTER_VALUES as readonly string[]).includes(value);
  }
}

/** The list's state from the address; unknown sort keys, statuses and malformed values are ignored. */
export function readListState(params: URLSearchParams, options: ListStateOptions): ListState {
  const p = options.prefix ?? '';
  const rawSort = params.get(`${p}sort`);
  const sortKey = rawSort?.replace(/^-/, '');
  const sort = rawSort && sortKey && options.sortKeys.includes(sortKey) ? rawSort : null;
  const status = options.filters.includes('status')
    ? [...new Set((params.get(`${p}status`) ?? '').split(',').filter((s) => (options.statuses ?? []).includes(s)))]
    : [];
  const values: ListState['values'] = {};
  for (const name of options.filters) {
    if (name === 'status') continue;
    const v = params.get(`${p}${name}`);
    if (v !== null && validValue(name, v)) values[name] = v;
  }
  const limit = Number(params.get(`${p}limit`));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(limit) ? limit : null;
  return { sort, pageSize, status, values };
}

/**
 * The address after a change of sort or filters: other parameters of the page stay as they are;
 * an empty value removes its parameter.
 */
export function writeListState(
  params: URLSearchParams,
  change: Partial<Pick<ListState, 'sort' | 'status' | 'pageSize'>> & { values?: ListState['values'] },
  prefix = '',
): URLSearchParams {
  const next = new URLSearchParams(params);
  const put = (name: string, value: string | null | undefined) => {
    if (value === null || value === undefined || value === '') next.delete(`${prefix}${name}`);
    else next.set(`${prefix}${name}`, value);
  };
  if ('sort' in change) put('sort', change.sort);
  if ('pageSize' in change) put('limit', change.pageSize === null || change.pageSize === undefined ? null : String(change.pageSize));
  if (change.status) put('status', change.status.join(','));
  if (change.values) for (const [name, value] of Object.entries(change.values)) put(name, value);
  return next;
}

/** Clicking a column: ascending first, again for descending, again for ascending. */
export function nextSort(current: string | null, key: string, defaultSort: string): string {
  const active = current ?? defaultSort;
  return active === key ? `-${key}` : key;
}

/** The aria-sort value of a column under the current (or default) sort. */
export function sortDirection(current: string | null, key: string, defaultSort: string): 'ascending' | 'descending' | 'none' {
  const active = current ?? defaultSort;
  if (active === key) return 'ascending';
  if (active === `-${key}`) return 'descending';
  return 'none';
}

/** How many filters are set (for the summary "Filter (2 aktiv)"). */
export function activeFilterCount(state: ListState): number {
  return (state.status.length > 0 ? 1 : 0) + Object.values(state.values).filter((v) => v !== undefined && v !== '').length;
}
