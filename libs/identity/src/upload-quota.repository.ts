import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UploadUsage } from './upload-usage.entity';

/** The upload ledger (upload_usage); the per-user lock that serialises one user's uploads. */
@Injectable()
export class UploadQuotaRepository {
  /** Held to the end of the upload's transaction. */
  async lockUser(em: EntityManager, userId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('upload_usage'), hashtext($1))`, [userId]);
  }

  /** The user's uploads of the last `windowSeconds`, oldest first, with their age in seconds. */
  async lastHour(em: EntityManager, userId: string, windowSeconds: number): Promise<{ bytes: number; ageSeconds: number }[]> {
    const rows = (await em.query(
      `SELECT bytes::text AS bytes, extract(epoch FROM now() - created_at)::float8 AS age FROM upload_usage
        WHERE user_id = $1 AND created_at > now() - make_interval(secs => $2) ORDER BY created_at`,
      [userId, windowSeconds],
    )) as { bytes: string; age: number }[];
    return rows.map((r) => ({ bytes: Number(r.bytes), ageSeconds: Number(r.age) }));
  }

  async insert(em: EntityManager, row: Pick<UploadUsage, 'userId' | 'kind' | 'bytes'>): Promise<void> {
    await em.insert(UploadUsage, row);
  }

  async deleteOlderThan(em: EntityManager, seconds: number): Promise<number> {
    const [, count] = (await em.query(`DELETE FROM upload_usage WHERE created_at < now() - make_interval(secs => $1)`, [seconds])) as [unknown, number];
    return count;
  }
}
