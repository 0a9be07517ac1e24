/**
 * The typed API client, generated from docs/openapi.json (`npm run web:api` rewrites
 * schema.d.ts). Every call goes through `call()`, which returns the data or throws an ApiError
 * with the German problem detail. A 401 anywhere but at the login ends the session as expired.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ApiError, toProblem } from './problem';
import { session } from './session';

export type Schemas = components['schemas'];
export type { paths };

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/auth/login') && session.token()) {
      session.end('expired');
    }
    return response;
  },
};

// List parameters with several values (status, sort) go comma-separated, as the API declares them
// (`status=SUBMITTED,IN_REVIEW`), which is also how the list pages write them into the address.
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost', querySerializer: { array: { style: 'form', explode: false } } });
api.use(auth);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call; returns its data or throws ApiError (also for network failures). */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError({ status: 0 });
  }
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) throw new ApiError(toProblem(response.status, error));
  return data as T;
}

/** Lists answer {items, nextCursor}; this follows the cursor up to `max` items. */
export async function all<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>, max = 1000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out;
}
