/**
 * One way for every list page to sort, filter and page on the server: `useListQuery` keeps sort
 * and filters in the address (reload, back and a shared link show the same list), asks the API
 * page by page ("Weitere laden", keyset cursors), and hands `DataTable` its sortable headers;
 * `ListFilters` draws the filters a list names, folded into one "Filter" disclosure; `LoadMore`
 * shows how many rows are there and fetches the next page.
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { useBudgetYears, useFieldsOfAction, useSocialAreas } from '../api/queries';
import { hasRole, levelOf, useCurrentUser } from '../auth/auth';
import { useVisibleDistricts } from './district';
import { DUNNING_LEVEL, optionsOf } from '../lib/labels';
import { activeFilterCount, type FilterName, type ListState, nextSort, PAGE_SIZES, readListState, sortDirection, writeListState } from '../lib/list-state';
import { plural } from '../lib/format';
import { FilterSelect, PlainInput, type SortControl } from './table';
import { Button } from './ui';

/** Rows per request; "Weitere laden" asks for the next as many. */
export const LIST_PAGE_SIZE = 50;

/** What a list asks the API: the shared filters, typed by the list's sort keys K and statuses S. */
export interface ListQuery<S extends string, K extends string> {
  limit: number;
  cursor?: string;
  sort?: (K | `-${K}`)[];
  status?: S[];
  providerId?: string;
  decisionId?: string;
  fieldOfAction?: string;
  socialArea?: string;
  budgetYear?: number;
  dueAfter?: string;
  dueBefore?: string;
  q?: string;
  /** A person's cases (assignee or stand-in), `me` for the caller's own. */
  assigneeId?: string;
  /** Rückforderungen: the Mahnstufe, or those waiting for "Vollstreckung prüfen". */
  dunningLevel?: 0 | 1 | 2;
  enforcementDue?: boolean;
  /** One Kreis (issue 20): the Land's drill-down, a Träger working in several Kreise. */
  districtId?: string;
}

export interface ListConfig<T, K extends string, S extends string> {
  /** First part of the query key; the same as other queries of these records, so their invalidation reaches the list. */
  key: string;
  filters: readonly FilterName[];
  sortKeys: readonly K[];
  defaultSort: K | `-${K}`;
  /** The status codes with their German labels (labels.ts); omitted for lists without a status filter. */
  statuses?: Readonly<Record<S, string>>;
  /** Address parameter prefix, for a second list on the same page. */
  prefix?: string;
  /** What "fällig" means on this list, for the labels of the due-date filters (e.g. "Frist", "Wertstellung"). */
  dueLabel?: string;
  fetchPage: (query: ListQuery<S, K>) => Promise<{ items: T[]; nextCursor: string | null }>;
}

export interface ListController<T> {
  state: ListState;
  filters: readonly FilterName[];
  statusOptions: { value: string; label: string }[];
  dueLabel: string;
  items: T[];
  /** For QueryView: pending until the first page is there, then the data (the rows) or the error. */
  query: { data: T[] | undefined; error: unknown; isPending: boolean };
  /** A newer sort or filter is being fetched while the previous rows still show. */
  refreshing: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  sort: SortControl;
  setStatus: (codes: string[]) => void;
  setPageSize: (size: number | null) => void;
  setFilter: (name: Exclude<FilterName, 'status'>, value: string) => void;
  reset: () => void;
}

export function useListQuery<T, K extends string, S extends string = never>(config: ListConfig<T, K, S>): ListController<T> {
  const [params, setParams] = useSearchParams();
  const prefix = config.prefix ?? '';
  const statusOptions = useMemo(() => (config.statuses ? optionsOf(config.statuses) : []), [config.statuses]);
  const state = readListState(params, { prefix, filters: config.filters, sortKeys: config.sortKeys, statuses: statusOptions.map((o) => o.value) });

  const query: ListQuery<S, K> = { limit: state.pageSize ?? LIST_PAGE_SIZE };
  const sorts = config.sortKeys.flatMap((k) => [k, `-${k}` as const]);
  const sort = sorts.find((s) => s === state.sort);
  if (sort) query.sort = [sort];
  const statuses = statusOptions.map((o) => o.value).filter((v) => state.status.includes(v));
  if (statuses.length > 0) query.status = statuses;
  const v = state.values;
  if (v.providerId) query.providerId = v.providerId;
  if (v.decisionId) query.decisionId = v.decisionId;
  if (v.fieldOfAction) query.fieldOfAction = v.fieldOfAction;
  if (v.socialArea) query.socialArea = v.socialArea;
  if (v.budgetYear) query.budgetYear = Number(v.budgetYear);
  if (v.dueAfter) query.dueAfter = v.dueAfter;
  if (v.dueBefore) query.dueBefore = v.dueBefore;
  if (v.q) query.q = v.q;
  if (v.assigneeId) query.assigneeId = v.assigneeId;
  if (v.districtId) query.districtId = v.districtId;
  if (v.dunning === 'ENFORCEMENT') query.enforcementDue = true;
  else if (v.dunning) query.dunningLevel = Number(v.dunning) as 0 | 1 | 2;

  const pages = useInfiniteQuery({
    queryKey: [config.key, 'list', query],
    queryFn: ({ pageParam }) => config.fetchPage(pageParam ? { ...query, cursor: pageParam } : query),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The old rows stay while a new sort or filter loads: the table does not jump away under the pointer.
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  // Sort and filters are steps the user can go back to: they push a new history entry.
  const write = (change: Parameters<typeof writeListState>[1]) => setParams(writeListState(params, change, prefix));
  return {
    state,
    filters: config.filters,
    statusOptions,
    dueLabel: config.dueLabel ?? 'fällig',
    items,
    query: { data: pages.data ? items : undefined, error: pages.error, isPending: pages.isPending },
    refreshing: pages.isPlaceholderData,
    hasMore: pages.hasNextPage,
    loadingMore: pages.isFetchingNextPage,
    loadMore: () => void pages.fetchNextPage(),
    sort: {
      direction: (key) => sortDirection(state.sort, key, config.defaultSort),
      toggle: (key) => write({ sort: nextSort(state.sort, key, config.defaultSort) }),
    },
    setStatus: (codes) => write({ status: codes }),
    setPageSize: (size) => write({ pageSize: size === LIST_PAGE_SIZE ? null : size }),
    setFilter: (name, value) => write({ values: { [name]: value } }),
    reset: () => write({ status: [], values: Object.fromEntries(config.filters.filter((f) => f !== 'status').map((f) => [f, ''])) }),
  };
}

/** The Träger for the Träger filter (staff and auditors only; a Träger sees its own records anyway). */
function useProviders(enabled: boolean) {
  return useQuery({
    queryKey: ['organisations', 'providers'],
    enabled,
    staleTime: 5 * 60 * 1000,
    queryFn: () => call(api.GET('/api/v1/organisations', { params: { query: { kind: 'PROVIDER', limit: 200, sort: ['name'] } } })),
  });
}

/** Wide screens open the filters at once; on a phone they start folded, above the list. */
function wideScreen(): boolean {
  return typeof window === 'undefined' || typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 768px)').matches;
}

/**
 * The filters a list names, as controls that write the address: status (several), Träger (staff),
 * Handlungsfeld, Sozialraum, Haushaltsjahr, due date from/to and a text search.
 */
export function ListFilters<T>({
  list,
  searchLabel = 'Suche',
  decisions,
}: {
  list: ListController<T>;
  searchLabel?: string;
  /** The Bescheide to choose from when the list filters by `decisionId`. */
  decisions?: { value: string; label: string }[];
}) {
  const me = useCurrentUser();
  const kreis = hasRole(me, 'ADMIN', 'STAFF', 'APPROVER', 'AUDITOR');
  const has = (f: FilterName) => list.filters.includes(f);
  const providers = useProviders(kreis && has('providerId'));
  const fields = useFieldsOfAction();
  const areas = useSocialAreas();
  const years = useBudgetYears(kreis && has('budgetYear'));
  // The Kreis filter: for the Land and a Träger working in several Kreise (a Kreis sees only itself).
  const level = levelOf(me);
  const districts = useVisibleDistricts(has('districtId') && (level === 'STATE' || level === 'PROVIDER'));
  const districtOptions = (districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));
  const assignees = useQuery({ queryKey: ['case-assignees'], staleTime: 60_000, enabled: kreis && has('assigneeId'), queryFn: () => call(api.GET('/api/v1/cases/assignees')) });
  const id = useId();
  const [open, setOpen] = useState(wideScreen);
  const active = activeFilterCount(list.state);
  const v = list.state.values;
  const toggleStatus = (code: string) => list.setStatus(list.state.status.includes(code) ? list.state.status.filter((s) => s !== code) : [...list.state.status, code]);
  return (
    <details className="ff-filter-panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="list-filters">
      <summary className="ff-filter-panel__summary">
        <span className="kern-label">Filter{active > 0 ? ` (${active} aktiv)` : ''}</span>
      </summary>
      <div className="ff-filter-panel__body">
        {has('q') ? <SearchBox label={searchLabel} value={v.q ?? ''} onSearch={(q) => list.setFilter('q', q)} /> : null}
        {has('status') && list.statusOptions.length > 0 ? (
          <fieldset className="kern-fieldset ff-status-filter">
            <legend className="kern-label">Status</legend>
            <div className="ff-status-filter__options">
              {list.statusOptions.map((o) => (
                <div className="kern-form-check" key={o.value}>
                  <input className="kern-form-check__checkbox" id={`${id}-s-${o.value}`} type="checkbox" checked={list.state.status.includes(o.value)} onChange={() => toggleStatus(o.value)} />
                  <label className="kern-label" htmlFor={`${id}-s-${o.value}`}>
                    {o.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        ) : null}
        <div className="ff-filters">
          {has('districtId') && (districtOptions.length > 1 || v.districtId) ? (
            <FilterSelect label="Kreis" value={v.districtId ?? ''} onChange={(x) => list.setFilter('districtId', x)} options={districtOptions} />
          ) : null}
          {has('providerId') && kreis ? (
            <FilterSelect label="Träger" value={v.providerId ?? ''} onChange={(x) => list.setFilter('providerId', x)} options={(providers.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          ) : null}
          {has('decisionId') && decisions ? <FilterSelect label="Bescheid" value={v.decisionId ?? ''} onChange={(x) => list.setFilter('decisionId', x)} options={decisions} /> : null}
          {has('fieldOfAction') ? (
            <FilterSelect label="Handlungsfeld" value={v.fieldOfAction ?? ''} onChange={(x) => list.setFilter('fieldOfAction', x)} options={(fields.data ?? []).map((f) => ({ value: f.code, label: f.name }))} />
          ) : null}
          {has('socialArea') ? (
            <FilterSelect label="Sozialraum" value={v.socialArea ?? ''} onChange={(x) => list.setFilter('socialArea', x)} options={(areas.data ?? []).map((a) => ({ value: a.code, label: a.name }))} />
          ) : null}
          {has('budgetYear') ? (
            kreis ? (
              <FilterSelect
                label="Haushaltsjahr"
                value={v.budgetYear ?? ''}
                onChange={(x) => list.setFilter('budgetYear', x)}
                options={[...new Set((years.data ?? []).map((y) => String(y.year)))].sort().map((y) => ({ value: y, label: y }))}
              />
            ) : (
              <YearInput value={v.budgetYear ?? ''} onChange={(x) => list.setFilter('budgetYear', x)} />
            )
          ) : null}
          {has('assigneeId') && kreis ? (
            <FilterSelect
              label="Zuständig"
              value={v.assigneeId ?? ''}
              onChange={(x) => list.setFilter('assigneeId', x)}
              options={[{ value: 'me', label: 'Meine Fälle (zuständig oder Vertretung)' }, ...(assignees.data ?? []).map((p) => ({ value: p.id, label: p.displayName }))]}
            />
          ) : null}
          {has('dunning') && kreis ? (
            <FilterSelect
              label="Mahnwesen"
              value={v.dunning ?? ''}
              onChange={(x) => list.setFilter('dunning', x)}
              options={[...Object.entries(DUNNING_LEVEL).map(([value, text]) => ({ value, label: text })), { value: 'ENFORCEMENT', label: 'Vollstreckung prüfen' }]}
            />
          ) : null}
          {has('dueAfter') ? <PlainInput label={`${list.dueLabel} ab`} type="date" value={v.dueAfter ?? ''} onChange={(x) => list.setFilter('dueAfter', x)} /> : null}
          {has('dueBefore') ? <PlainInput label={`${list.dueLabel} bis`} type="date" value={v.dueBefore ?? ''} onChange={(x) => list.setFilter('dueBefore', x)} /> : null}
        </div>
        {active > 0 ? (
          <div className="ff-actions">
            <Button variant="tertiary" onClick={list.reset}>
              Alle Filter zurücksetzen
            </Button>
          </div>
        ) : null}
      </div>
    </details>
  );
}

/**
 * A text the user edits that starts from an applied value and follows it when the address changes
 * it (back, forward, "zurücksetzen"): React's "adjust state when a prop changes" during render.
 */
function useFollowing(applied: string): { value: string; set: (v: string) => void } {
  const [text, setText] = useState(applied);
  const [seen, setSeen] = useState(applied);
  if (applied !== seen) {
    setSeen(applied);
    setText(applied);
  }
  return { value: text, set: setText };
}

/** A text search applied on Enter or the button, not on every key (each search is a step in the history). */
function SearchBox({ label, value, onSearch }: { label: string; value: string; onSearch: (q: string) => void }) {
  const text = useFollowing(value);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(text.value.trim());
  };
  return (
    <form className="ff-search-box" role="search" aria-label={label} onSubmit={submit}>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={id}>
          {label}
        </label>
        <input id={id} className="kern-form-input__input" type="search" value={text.value} onChange={(e) => text.set(e.target.value)} />
      </div>
      <Button type="submit" variant="secondary">
        Suchen
      </Button>
    </form>
  );
}

/** The Haushaltsjahr for a Träger (the list of budget years is the Kreis's): taken once four digits or nothing are typed. */
function YearInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const text = useFollowing(value);
  return (
    <PlainInput
      label="Haushaltsjahr"
      hint="z. B. 2026"
      inputMode="numeric"
      value={text.value}
      onChange={(x) => {
        text.set(x);
        if (x === '' || /^\d{4}$/.test(x)) onChange(x);
      }}
    />
  );
}

/** "12 Anträge angezeigt", while the server has more "Weitere laden", and how many to load at a time. */
export function LoadMore<T>({ list, one, many }: { list: ListController<T>; one: string; many: string }) {
  if (list.query.isPending || list.query.error) return null;
  const size = String(list.state.pageSize ?? LIST_PAGE_SIZE);
  return (
    <div className="ff-load-more">
      <p className="kern-body kern-body--small" aria-live="polite" data-testid="list-count">
        {list.refreshing ? 'Wird aktualisiert …' : `${plural(list.items.length, one, many)} angezeigt${list.hasMore ? '' : list.items.length > 0 ? ', mehr gibt es nicht' : ''}`}
      </p>
      {list.hasMore ? (
        <Button variant="secondary" busy={list.loadingMore} onClick={list.loadMore}>
          Weitere laden
        </Button>
      ) : null}
      <div className="ff-load-more__size">
        <FilterSelect
          label={`${many} je Seite`}
          value={size}
          all={null}
          onChange={(v) => list.setPageSize(v ? Number(v) : null)}
          options={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
        />
      </div>
    </div>
  );
}
