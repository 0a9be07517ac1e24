import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The failed-login counters (auth_throttle), shared by every api replica. No caller scope: a login has none yet. */
@Injectable()
export class LoginThrottleRepository {
  /** Seconds until the longest lock among these keys ends; 0 when none is locked. */
  async retryAfterSeconds(em: EntityManager, keys: string[]): Promise<number> {
    const rows = (await em.query(
      `SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS wait
         FROM auth_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    )) as { wait: number | null }[];
    return rows[0]?.wait ?? 0;
  }

  /** Counts one failure in the key's window (a new window when the old one ran out); returns the count. */
  async countFailure(em: EntityManager, key: string, windowSeconds: number): Promise<number> {
    const rows = (await em.query(
      `INSERT INTO auth_throttle (key, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN auth_throttle.window_started_at < now() - make_interval(secs => $2)
                         THEN 1 ELSE auth_throttle.failures + 1 END,
         window_started_at = CASE WHEN auth_throttle.window_started_at < now() - make_interval(secs => $2)
                         THEN now() ELSE auth_throttle.window_started_at END
       RETURNING failures`,
      [key, windowSeconds],
    )) as { failures: number }[];
    return rows[0]?.failures ?? 0;
  }

  async lock(em: EntityManager, key: string, seconds: number): Promise<void> {
    await em.query(`UPDATE auth_throttle SET locked_until = now() + make_interval(secs => $2) WHERE key = $1`, [key, seconds]);
  }

  async reset(em: EntityManager, key: string): Promise<void> {
    await em.query('DELETE FROM auth_throttle WHERE key = $1', [key]);
  }
}
