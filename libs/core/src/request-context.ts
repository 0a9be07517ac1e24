import { AsyncLocalStorage } from 'node:async_hooks';

/** What the code below an HTTP request may want to know about it without being handed it. */
export interface RequestContext {
  readonly requestId: string;
}

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
