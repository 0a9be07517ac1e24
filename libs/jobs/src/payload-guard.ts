/**
 * Job payloads live in Redis, outside the audited database and its access rules, and are kept
 * there for days (retention). So they carry ids only: every key names an id (`…Id`) and every value
 * is a UUID. Names, IBANs, amounts or free text never go into a payload; the handler reads them
 * from the database by id.
 */
import { isJobMeta, JOB_META_KEY } from './job-meta';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The keys of `data` that break the rule (empty when it is an ids-only payload). */
export function payloadViolations(data: unknown): string[] {
  if (data === null || data === undefined) return [];
  if (typeof data !== 'object' || Array.isArray(data)) return ['(payload is not an object)'];
  const bad: string[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (value === undefined) continue;
    // The request id and trace context beside the payload (job-meta.ts), checked by their own rule.
    if (key === JOB_META_KEY && isJobMeta(value)) continue;
    if (!/^[a-z][A-Za-z0-9]*Id$/.test(key) || typeof value !== 'string' || !UUID.test(value)) bad.push(key);
  }
  return bad;
}

export function isIdsOnlyPayload(data: unknown): boolean {
  return payloadViolations(data).length === 0;
}

/** A programming error: refuse to put anything but ids into Redis. */
export function assertIdsOnlyPayload(name: string, data: unknown): void {
  const bad = payloadViolations(data);
  if (bad.length > 0) throw new Error(`job ${name}: payload may carry ids only (UUIDs under keys ending in "Id"); refused: ${bad.join(', ')}`);
}
