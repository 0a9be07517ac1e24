import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';

export const accountKey = (email: string): string => `account:${email}`;
export const ipKey = (ip: string): string => `ip:${ip}`;

/**
 * Counts failed logins per account and per client IP in a fixed window. Reaching the limit
 * locks the key for one window. Counters live in PostgreSQL, so every api replica enforces
 * the same limit and a restart does not reset an attack.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Seconds until the longest lock among these keys ends; 0 when none is locked. */
  async retryAfterSeconds(em: EntityManager, keys: string[]): Promise<number> {
    const rows = (await em.query(
      `SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS wait
         FROM auth_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    )) as { wait: number | null }[];
    return rows[0]?.wait ?? 0;
  }

  async registerFailure(em: EntityManager, key: string, maxFailures: number): Promise<boolean> {
    const window = this.config.loginWindowSeconds;
    const rows = (await em.query(
      `INSERT INTO auth_throttle (key, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN auth_throttle.window_started_at < now() - make_interval(secs => $2)
                         THEN 1 ELSE auth_throttle.failures + 1 END,
         window_started_at = CASE WHEN auth_throttle.window_started_at < now() - make_interval(secs => $2)
                         THEN now() ELSE auth_throttle.window_started_at END
       RETURNING failures`,
      [key, window],
    )) as { failures: number }[];
    const failures = rows[0]?.failures ?? 0;
    if (failures >= maxFailures) {
      await em.query(
        `UPDATE auth_throttle SET locked_until = now() + make_interval(secs => $2) WHERE key = $1`,
        [key, window],
      );
      return true;
    }
    return false;
  }

  async recordFailure(em: EntityManager, email: string, ip: string): Promise<{ accountLocked: boolean; ipLocked: boolean }> {
    const accountLocked = await this.registerFailure(em, accountKey(email), this.config.loginMaxFailuresPerAccount);
    const ipLocked = await this.registerFailure(em, ipKey(ip), this.config.loginMaxFailuresPerIp);
    return { accountLocked, ipLocked };
  }

  async reset(em: EntityManager, key: string): Promise<void> {
    await em.query('DELETE FROM auth_throttle WHERE key = $1', [key]);
  }
}
