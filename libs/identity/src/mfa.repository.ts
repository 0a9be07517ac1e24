import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface FactorRow {
  secret_ciphertext: string;
  confirmed_at: Date | null;
  last_time_step: string | null;
}

/** The second-factor tables (user_mfa, mfa_recovery_code). Always the caller's own account: no scope to apply. */
@Injectable()
export class MfaRepository {
  async factor(em: EntityManager, userId: string, options: { lock?: boolean } = {}): Promise<FactorRow | null> {
    const rows = (await em.query(
      `SELECT secret_ciphertext, confirmed_at, last_time_step FROM user_mfa WHERE user_id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [userId],
    )) as FactorRow[];
    return rows[0] ?? null;
  }

  async isConfirmed(em: EntityManager, userId: string): Promise<boolean> {
    const rows = (await em.query(`SELECT 1 FROM user_mfa WHERE user_id = $1 AND confirmed_at IS NOT NULL`, [userId])) as unknown[];
    return rows.length > 0;
  }

  /** A new pending secret; replaces an earlier unconfirmed one. False when a confirmed factor is in force. */
  async savePending(em: EntityManager, userId: string, ciphertext: string): Promise<boolean> {
    const rows = (await em.query(
      `INSERT INTO user_mfa (user_id, secret_ciphertext) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_ciphertext = EXCLUDED.secret_ciphertext, last_time_step = NULL, created_at = now()
         WHERE user_mfa.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, ciphertext],
    )) as unknown[];
    return rows.length > 0;
  }

  async confirm(em: EntityManager, userId: string, timeStep: number): Promise<void> {
    await em.query(`UPDATE user_mfa SET confirmed_at = now(), last_time_step = $2 WHERE user_id = $1`, [userId, timeStep]);
  }

  async setLastTimeStep(em: EntityManager, userId: string, timeStep: number): Promise<void> {
    await em.query(`UPDATE user_mfa SET last_time_step = $2 WHERE user_id = $1`, [userId, timeStep]);
  }

  /** Removes the factor and every recovery code: nothing of the secret is kept. */
  async remove(em: EntityManager, userId: string): Promise<void> {
    await em.query(`DELETE FROM mfa_recovery_code WHERE user_id = $1`, [userId]);
    await em.query(`DELETE FROM user_mfa WHERE user_id = $1`, [userId]);
  }

  async replaceRecoveryCodes(em: EntityManager, userId: string, hashes: string[]): Promise<void> {
    await em.query(`DELETE FROM mfa_recovery_code WHERE user_id = $1`, [userId]);
    await em.query(`INSERT INTO mfa_recovery_code (user_id, code_hash) SELECT $1, unnest($2::text[])`, [userId, hashes]);
  }

  async unusedRecoveryCodes(em: EntityManager, userId: string): Promise<{ id: string; code_hash: string }[]> {
    return (await em.query(`SELECT id, code_hash FROM mfa_recovery_code WHERE user_id = $1 AND used_at IS NULL ORDER BY created_at, id`, [userId])) as {
      id: string;
      code_hash: string;
    }[];
  }

  /** True only for the caller that used it: a second request racing with the same code gets false. */
  async useRecoveryCode(em: EntityManager, id: string): Promise<boolean> {
    // `UPDATE` through the query runner answers [rows, affected].
    const [, affected] = (await em.query(`UPDATE mfa_recovery_code SET used_at = now() WHERE id = $1 AND used_at IS NULL`, [id])) as [unknown[], number];
    return affected === 1;
  }

  async countUnusedRecoveryCodes(em: EntityManager, userId: string): Promise<number> {
    const rows = (await em.query(`SELECT count(*)::int AS n FROM mfa_recovery_code WHERE user_id = $1 AND used_at IS NULL`, [userId])) as { n: number }[];
    return rows[0]?.n ?? 0;
  }

  async isTokenRevoked(em: EntityManager, jti: string): Promise<boolean> {
    const rows = (await em.query(`SELECT 1 FROM revoked_token WHERE jti = $1`, [jti])) as unknown[];
    return rows.length > 0;
  }
}
