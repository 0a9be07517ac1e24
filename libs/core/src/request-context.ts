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
