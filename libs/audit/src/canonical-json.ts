/**
 * Deterministic JSON: object keys sorted, no whitespace. PostgreSQL's jsonb reorders keys, so
 * the hash must not depend on key order, only on content.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'function') return 'null';
  // Value types (Money, Rate, CalendarDate, Date) say themselves how they serialise, as in JSON.stringify.
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof value === 'object' && typeof withToJson.toJSON === 'function') return canonicalJson(withToJson.toJSON());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

/** What goes into jsonb: Dates as ISO strings, no undefined, no class instances. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(canonicalJson(value)) as unknown;
}
