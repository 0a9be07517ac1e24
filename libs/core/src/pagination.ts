import { validationError } from './domain-error';

/** Lists answer `{items, nextCursor}` (ARCHITECTURE.md). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * Opaque keyset cursor: the sort key of the last row seen. Keyset (not offset) pagination
 * keeps pages stable while rows are appended and costs the same on page 1 and page 10.000.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null, arity: number): (string | number)[] | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return parsed as (string | number)[];
    }
  } catch {
    // fall through to the validation error below
  }
  throw validationError([{ path: 'cursor', message: 'Der Cursor ist ungültig. Bitte die Liste neu laden.' }]);
}

/** Fetch `limit + 1` rows, then call this: the extra row only tells whether a next page exists. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(keyOf(items[items.length - 1]!)) };
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isInteger(limit) || limit < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(limit, MAX_PAGE_SIZE);
}
