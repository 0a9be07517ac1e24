import { currentRequestId, currentTraceCarrier } from '@foerderfluss/core';

/**
 * Where a job's origin travels with it: the request id of the api request that enqueued it (so its
 * worker log lines carry the id of the problem+json body and the audit events) and the W3C trace
 * context (so the worker's span continues the request's trace). Beside the ids-only payload under
 * one reserved key; it holds no personal data (a request id and hex trace ids).
 */
export const JOB_META_KEY = '_meta';

export interface JobMeta {
  requestId?: string;
  traceparent?: string;
  tracestate?: string;
}

const META_FIELDS = ['requestId', 'traceparent', 'tracestate'] as const;
/** Request ids are checked at the edge (X-Request-Id: [A-Za-z0-9._-]{8,100}); trace headers are W3C. */
const META_VALUE = /^[A-Za-z0-9._=,;:@*/+-]{1,512}$/;

/** The meta of the code running now (inside an api request, or nothing at all). */
export function currentJobMeta(): JobMeta {
  const meta: JobMeta = {};
  const requestId = currentRequestId();
  if (requestId) meta.requestId = requestId;
  const carrier = currentTraceCarrier();
  if (carrier.traceparent) meta.traceparent = carrier.traceparent;
  if (carrier.tracestate) meta.tracestate = carrier.tracestate;
  return meta;
}

/** Payload plus meta, as stored in Redis; just the payload when there is no meta. */
export function withJobMeta<T extends object>(payload: T, meta: JobMeta): T {
  return Object.keys(meta).length === 0 ? payload : { ...payload, [JOB_META_KEY]: meta };
}

/** Whether `value` is a meta object this module wrote (only its fields, only plain strings). */
export function isJobMeta(value: unknown): value is JobMeta {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value as Record<string, unknown>).every(
    ([k, v]) => (META_FIELDS as readonly string[]).includes(k) && typeof v === 'string' && META_VALUE.test(v),
  );
}

/** A job's data split into the handler's payload and the meta (empty for jobs without one, e.g. schedules). */
export function splitJobData(data: unknown): { payload: Record<string, unknown>; meta: JobMeta } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { payload: {}, meta: {} };
  const { [JOB_META_KEY]: meta, ...payload } = data as Record<string, unknown>;
  // Anything else under the key stays in the payload, where the ids-only rule and the admin view see it.
  return isJobMeta(meta) ? { payload, meta } : { payload: data as Record<string, unknown>, meta: {} };
}
