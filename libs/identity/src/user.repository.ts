import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Role } from '@foerderfluss/core';
import { containsText, RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { User } from './user.entity';
import { userNotFound } from './identity.errors';

/** The filters of `GET /api/v1/users`; each is declared once below. */
export interface UserFilter {
  role?: Role;
  active?: boolean;
  organisationId?: string;
  q?: string;
}

/** The row `authenticate` turns into the caller's scope, read on every request. */
export interface AuthenticationRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  organisation_id: string | null;
  /** Kind of the user's organisation: a DISTRICT user is scoped to that Kreis, a STATE user is the Land. */
  organisation_kind: 'STATE' | 'DISTRICT' | 'PROVIDER' | null;
  active: boolean;
  /** Tokens with an `iat` before this instant are refused (deactivation, password or role change). */
  tokens_valid_after: Date | null;
  revoked: boolean;
}

/**
 * The instant from which tokens are valid again after a deactivation, password or role change: the
 * next whole second. `iat` has second resolution, so a token issued earlier in the same second
 * (before the change) has an `iat` below it and is refused; login issues no token with an `iat`
 * below it (AuthService). Taken from the api's clock, which also sets `iat`.
 */
export function tokensValidFrom(now: number = Date.now()): Date {
  return new Date((Math.floor(now / 1000) + 1) * 1000);
}

/** User accounts as the caller may see them: a Träger only its own organisation's, staff all. */
@Injectable()
export class UserRepository extends ScopedRepository<User, UserFilter> {
  protected readonly definition: RepositoryDefinition<User, UserFilter> = {
    entity: User,
    alias: 'u',
    // A Kreis user (its ADMIN): the accounts of its Kreis and of the Träger registered there (issue 20).
    visibility: {
      providerColumn: 'u.organisation_id',
      districtCondition: `u.organisation_id = :scopeDistrict OR EXISTS (SELECT 1 FROM district_provider dp WHERE dp.provider_id = u.organisation_id AND dp.district_id = :scopeDistrict)`,
    },
    sort: {
      email: { sql: 'u.email', value: (u) => u.email },
      displayName: { sql: 'u.display_name', value: (u) => u.displayName },
      createdAt: timestampSortKey('u.created_at', (u) => u.createdAt),
    },
    defaultSort: ['email'],
    filters: {
      role: (qb, v) => qb.andWhere(':role = ANY(u.roles)', { role: v }),
      active: (qb, v) => qb.andWhere('u.active = :active', { active: v }),
      organisationId: (qb, v) => qb.andWhere('u.organisation_id = :organisationId', { organisationId: v }),
      q: (qb, v) => containsText(qb, ['u.email', 'u.display_name'], v),
    },
    notFound: userNotFound,
  };

  /** Display names by id, for naming the people in a list the caller already may see. */
  async displayNames(em: EntityManager, ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    return em.getRepository(User).findBy({ id: In([...ids]) });
  }

  async emailExists(em: EntityManager, email: string): Promise<boolean> {
    return (await em.getRepository(User).countBy({ email })) > 0;
  }

  /** The account with its password hash, for checking a password (login, password change). */
  async withPasswordHash(em: EntityManager, by: { email: string } | { id: string }): Promise<User | null> {
    const qb = em.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash');
    if ('email' in by) qb.where('u.email = :email', { email: by.email });
    else qb.where('u.id = :id', { id: by.id });
    return qb.getOne();
  }

  async authenticationRow(em: EntityManager, userId: string, tokenId: string): Promise<AuthenticationRow | null> {
    const rows = (await em.query(
      `SELECT u.id, u.email, u.display_name, u.roles, u.organisation_id, u.active,
              u.tokens_valid_after, o.kind AS organisation_kind,
              EXISTS (SELECT 1 FROM revoked_token r WHERE r.jti = $2) AS revoked
         FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
      [userId, tokenId],
    )) as AuthenticationRow[];
    return rows[0] ?? null;
  }

  /** Sets the hash and ends every token issued before (`tokens_valid_after`). */
  async setPasswordHash(em: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await em.query(
      `UPDATE app_user SET password_hash = $2, password_changed_at = now(),
              tokens_valid_after = greatest(tokens_valid_after, $3::timestamptz),
              updated_at = now(), version = version + 1 WHERE id = $1`,
      [userId, passwordHash, tokensValidFrom()],
    );
  }

  async revokeToken(em: EntityManager, token: { tokenId: string; userId: string; expiresAt: Date }): Promise<void> {
    await em.query(`INSERT INTO revoked_token (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      token.tokenId,
      token.userId,
      token.expiresAt,
    ]);
  }

  /** Expired tokens are rejected by their exp claim anyway; keep the table small. */
  async purgeExpiredRevocations(em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM revoked_token WHERE expires_at < now() - interval '1 minute'`);
  }
}
