import { AsyncLocalStorage } from 'node:async_hooks';

/** What the code below an HTTP request may want to know about it without being handed it. */
export interface RequestContext {
  readonly requestId: string;
  /**
   * Records that exist but were hidden from the caller by its scope (ScopedRepository), for the
   * api's `access.denied` audit event when the request fails. Only an HTTP request brings the list;
   * elsewhere (worker, CLI) nobody would record it, so nobody looks.
   */
  readonly deniedRecords?: DeniedRecord[];
  /** Filled once the caller is authenticated: what `TransactionRunner` hands to PostgreSQL's row-level security. */
  tenancy?: Tenancy;
}

/**
 * The caller's tenant for row-level security (issue 20): a Kreis user's Kreis, or the Land. Set per
 * transaction with `SET LOCAL`, so a query that forgets its Kreis filter still sees only its Kreis.
 */
export interface Tenancy {
  readonly districtId: string | null;
  readonly state: boolean;
}

/** A record the caller asked for by id that exists outside its scope. */
export interface DeniedRecord {
  /** The entity class name, e.g. `Decision`. */
  readonly entity: string;
  readonly id: string;
}

/** At most this many per request: enough to name what was probed, bounded however a request loops. */
const MAX_DENIED_RECORDS = 10;

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs `fn` (an Express `next`) inside the request's context. The api's request-id middleware
 * calls it, so services deep down (JobProducer) find the id without every caller passing it.
 */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The id of the HTTP request this code runs for; null outside a request (worker, cron, CLI). */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/** Whether the running request collects denied records (an api request does; jobs and the CLI do not). */
export function collectsDeniedRecords(): boolean {
  return storage.getStore()?.deniedRecords !== undefined;
}

export function noteDeniedRecord(record: DeniedRecord): void {
  const list = storage.getStore()?.deniedRecords;
  if (list && list.length < MAX_DENIED_RECORDS && !list.some((r) => r.entity === record.entity && r.id === record.id)) list.push(record);
}

/** The records hidden from the caller in this request so far (none outside a request). */
export function deniedRecords(): readonly DeniedRecord[] {
  return storage.getStore()?.deniedRecords ?? [];
}

/** Remembers the authenticated caller's tenancy for the rest of the request (api only). */
export function setRequestTenancy(tenancy: Tenancy): void {
  const store = storage.getStore();
  if (store) store.tenancy = tenancy;
}

const tenancyStorage = new AsyncLocalStorage<Tenancy>();

/** Runs `fn` with this tenancy (the worker, for a job run on a user's behalf); nests over a request's. */
export function runWithTenancy<T>(tenancy: Tenancy, fn: () => T): T {
  return tenancyStorage.run(tenancy, fn);
}

/** The tenancy the running code acts in, or null (system, Träger, a single-Kreis caller without Kreis). */
export function currentTenancy(): Tenancy | null {
  return tenancyStorage.getStore() ?? storage.getStore()?.tenancy ?? null;
}
