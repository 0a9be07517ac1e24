import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from './config';

/**
 * The METRICS_TOKEN rule, shared by the api's /metrics and the worker's (WORKER_METRICS_PORT).
 * Token set: only `Bearer <token>` reads (else 401). No token: open outside production; in
 * production the endpoint is absent (404), so a deployment that forgot the token publishes nothing.
 */
export type MetricsAccess = 'allowed' | 'unauthorized' | 'absent';

export function metricsAccess(config: Pick<AppConfig, 'metricsToken' | 'nodeEnv'>, authorization: string | undefined): MetricsAccess {
  const token = config.metricsToken;
  if (token === null) return config.nodeEnv === 'production' ? 'absent' : 'allowed';
  const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  // Compare digests: equal length for timingSafeEqual, and no early exit that leaks the token.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token)) ? 'allowed' : 'unauthorized';
}

export const METRICS_ABSENT_DETAIL = 'Die angeforderte Ressource wurde nicht gefunden.';
export const METRICS_UNAUTHORIZED_DETAIL = 'Für die Metriken ist das Metrik-Token (Authorization: Bearer) nötig.';
