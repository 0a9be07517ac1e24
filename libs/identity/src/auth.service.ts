import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig, isKreisSide, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { type AuthenticationRow, UserRepository } from './user.repository';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { accountKey, ipKey, LoginThrottleService } from './login-throttle.service';
import { invalidCredentials, invalidMfaCode, tooManyAttempts, unauthenticated, wrongCurrentPassword, wrongMfaCode } from './identity.errors';
import { MfaChallenge, MfaChallengeClaims, MfaCheck, MfaService } from './mfa.service';

export const JWT_ALGORITHM = 'HS256' as const;

export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface TokenClaims {
  sub: string;
  jti: string;
  iat: number;
  exp: number;
}

export interface LoginContext {
  ip: string;
  requestId: string | null;
}

export interface AuthenticatedUser extends Scope {
  readonly userId: string;
  readonly displayName: string;
  readonly tokenId: string;
  readonly tokenExpiresAt: Date;
  /** Set for the restricted token of a user who must enrol a second factor first: it opens the enrolment routes only. */
  readonly mfaEnrolmentOnly?: true;
}

/** What the enrolment confirmation hands back: the recovery codes (once), and a session when it ended a sign-in. */
export interface MfaEnrolmentResult {
  recoveryCodes: string[];
  session: AccessToken | null;
}

/**
 * The Kreis a Kreis-side user is scoped to (the organisation of kind DISTRICT it belongs to), or the
 * Land (kind STATE). Whoever is not Kreis-side (a Träger) is scoped by its organisation instead, across
 * every Kreis it works in.
 */
export function tenantOf(u: Pick<AuthenticationRow, 'organisation_id' | 'organisation_kind' | 'roles'>): { districtId: string | null; stateId: string | null } {
  if (!isKreisSide(u)) return { districtId: null, stateId: null };
  return {
    districtId: u.organisation_kind === 'DISTRICT' ? u.organisation_id : null,
    stateId: u.organisation_kind === 'STATE' ? u.organisation_id : null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every claim `authenticate` relies on, present and of its type. jsonwebtoken checks `exp` only when
 * it is there, so a token without one would never expire; `iat` is what deactivation, password and
 * role changes are compared with; `jti` is what logout revokes. Subject and token id are uuids, as
 * the columns they are looked up in.
 */
export function hasRequiredClaims(claims: unknown): claims is TokenClaims {
  if (typeof claims !== 'object' || claims === null) return false;
  const c = claims as Record<string, unknown>;
  return (
    typeof c.sub === 'string' &&
    UUID.test(c.sub) &&
    typeof c.jti === 'string' &&
    UUID.test(c.jti) &&
    Number.isSafeInteger(c.iat) &&
    Number.isSafeInteger(c.exp) &&
    (c.exp as number) > (c.iat as number)
  );
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly mfa: MfaService,
  ) {}

  async login(emailInput: string, password: string, ctx: LoginContext): Promise<AccessToken | MfaChallenge> {
    const email = normaliseEmail(emailInput);
    const keys = [accountKey(email), ipKey(ctx.ip)];

    const waitBefore = await this.throttle.retryAfterSeconds(this.tx.manager, keys);
    if (waitBefore > 0) {
      await this.recordThrottled(email, ctx, waitBefore);
      throw tooManyAttempts(waitBefore);
    }

    const user = await this.users.withPasswordHash(this.tx.manager, { email });
    // Verify against a dummy hash for unknown accounts so timing does not tell them apart.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);

    if (!user || !ok || !user.active) {
      await this.tx.run(async (em) => {
        const locked = await this.throttle.recordFailure(em, email, ctx.ip);
        await this.audit.record(em, this.anonymous(ctx), {
          action: 'auth.login.failed',
          entity: 'User',
          entityId: user?.id ?? email,
          after: { email, ip: ctx.ip, ...locked },
        });
      });
      throw invalidCredentials();
    }

    const step = await this.mfa.loginStep(user);
    if (step !== null) {
      // The failure counter is not reset here: otherwise a correct password would buy an
      // attacker fresh guesses at the code. It is reset when the whole sign-in succeeds.
      const challenge = await this.mfa.challenge(user.id, step);
      await this.tx.run(async (em) => {
        await this.audit.record(em, { ...this.anonymous(ctx), userId: user.id, email: user.email }, {
          action: 'auth.mfa.challenge',
          entity: 'User',
          entityId: user.id,
          after: { ip: ctx.ip, enrolmentRequired: step === 'enrol' },
        });
      });
      return challenge;
    }
    return this.tx.run((em) => this.issueAccessToken(em, user, ctx, { mfa: null }));
  }

  /**
   * The second step of a sign-in: the mfaToken from the password step and a TOTP or recovery code.
   * Wrong codes count against the same per-account and per-IP limits as wrong passwords.
   */
  async completeMfa(mfaToken: string, code: string, ctx: LoginContext): Promise<AccessToken> {
    const claims = await this.mfa.readChallenge(mfaToken, 'verify');
    const user = await this.users.withPasswordHash(this.tx.manager, { id: claims.sub });
    if (!user || !user.active) throw invalidMfaCode();
    const waitBefore = await this.throttle.retryAfterSeconds(this.tx.manager, [accountKey(user.email), ipKey(ctx.ip)]);
    if (waitBefore > 0) throw tooManyAttempts(waitBefore);
    const scope: Scope = { ...this.anonymous(ctx), userId: user.id, email: user.email };
    const result = await this.tx.run(async (em) => {
      const check = await this.mfa.checkCode(em, scope, user.id, code);
      if (!check) {
        await this.recordMfaFailure(em, scope, user.email, ctx);
        return null;
      }
      // The mfaToken is single use: a second request with it (replay) is refused.
      await this.users.revokeToken(em, { tokenId: claims.jti, userId: user.id, expiresAt: new Date(claims.exp * 1000) });
      return this.issueAccessToken(em, user, ctx, { mfa: check });
    });
    if (!result) throw invalidMfaCode();
    return result;
  }

  /**
   * The first code of a new factor. For a user who signed in with the restricted enrolment token
   * this also ends the sign-in: the answer carries the session, and the enrolment token is spent.
   */
  async confirmMfaEnrolment(user: AuthenticatedUser, code: string, ctx: LoginContext): Promise<MfaEnrolmentResult> {
    return this.tx.run(async (em) => {
      const recoveryCodes = await this.mfa.confirmEnrolment(em, user, code);
      if (!user.mfaEnrolmentOnly) return { recoveryCodes, session: null };
      await this.users.revokeToken(em, { tokenId: user.tokenId, userId: user.userId, expiresAt: user.tokenExpiresAt });
      const session = await this.issueAccessToken(em, { id: user.userId, email: user.email ?? '' }, ctx, { mfa: { method: 'totp' } });
      return { recoveryCodes, session };
    });
  }

  /** Removes the caller's own factor; the code is checked and throttled like at sign-in. */
  async disableMfa(user: AuthenticatedUser, code: string, ctx: LoginContext): Promise<void> {
    const email = user.email ?? '';
    const waitBefore = await this.throttle.retryAfterSeconds(this.tx.manager, [accountKey(email), ipKey(ctx.ip)]);
    if (waitBefore > 0) throw tooManyAttempts(waitBefore);
    const check = await this.tx.run(async (em) => {
      const result = await this.mfa.disable(em, user, code);
      if (!result) await this.recordMfaFailure(em, user, email, ctx);
      return result;
    });
    if (!check) throw wrongMfaCode();
  }

  /** The restricted token of a user who must enrol: the same checks as an access token, marked as such. */
  async authenticateMfaEnrolment(claims: MfaChallengeClaims, requestId: string | null): Promise<AuthenticatedUser> {
    if (claims.purpose !== 'enrol') throw unauthenticated();
    const user = await this.authenticate({ sub: claims.sub, jti: claims.jti, iat: claims.iat, exp: claims.exp }, requestId);
    return { ...user, mfaEnrolmentOnly: true };
  }

  private async recordMfaFailure(em: EntityManager, scope: Scope, email: string, ctx: LoginContext): Promise<void> {
    const locked = await this.throttle.recordFailure(em, email, ctx.ip);
    await this.audit.record(em, scope, { action: 'auth.mfa.failed', entity: 'User', entityId: scope.userId ?? email, after: { ip: ctx.ip, ...locked } });
  }

  /** Signs the access token of a completed sign-in and records it (in the caller's transaction). */
  private async issueAccessToken(
    em: EntityManager,
    user: { id: string; email: string; tokensValidAfter?: Date | null },
    ctx: LoginContext,
    how: { mfa: MfaCheck },
  ): Promise<AccessToken> {
    const jti = randomUUID();
    // Never below tokens_valid_after: a login in the same second as a deactivation, password or role
    // change would otherwise get a token that is refused at once.
    const iat = Math.max(Math.floor(Date.now() / 1000), Math.ceil((user.tokensValidAfter?.getTime() ?? 0) / 1000));
    const token = await this.jwt.signAsync(
      { iat },
      {
        algorithm: JWT_ALGORITHM,
        subject: user.id,
        jwtid: jti,
        expiresIn: this.config.jwtTtlSeconds,
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
      },
    );
    await this.throttle.reset(em, accountKey(user.email));
    await this.audit.record(em, { ...this.anonymous(ctx), userId: user.id, email: user.email }, {
      action: 'auth.login',
      entity: 'User',
      entityId: user.id,
      after: { ip: ctx.ip, tokenId: jti, ...(how.mfa ? { mfa: how.mfa.method } : {}) },
    });
    return { accessToken: token, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds };
  }

  /**
   * Turns verified JWT claims into the caller's scope. Runs on every request: a token lacking a
   * required claim, a deactivated user, a logged-out token or a token issued before the last
   * deactivation, password or role change stops working at once (one indexed lookup).
   */
  async authenticate(claims: unknown, requestId: string | null): Promise<AuthenticatedUser> {
    if (!hasRequiredClaims(claims)) throw unauthenticated();
    const u = await this.users.authenticationRow(this.tx.manager, claims.sub, claims.jti);
    if (!u || !u.active || u.revoked) throw unauthenticated();
    if (u.tokens_valid_after && claims.iat * 1000 < u.tokens_valid_after.getTime()) throw unauthenticated();
    return {
      userId: u.id,
      email: u.email,
      displayName: u.display_name,
      roles: u.roles,
      organisationId: u.organisation_id,
      ...tenantOf(u),
      requestId,
      tokenId: claims.jti,
      tokenExpiresAt: new Date(claims.exp * 1000),
    };
  }

  async logout(user: AuthenticatedUser): Promise<void> {
    await this.tx.run(async (em) => {
      await this.users.revokeToken(em, { tokenId: user.tokenId, userId: user.userId, expiresAt: user.tokenExpiresAt });
      await this.users.purgeExpiredRevocations(em);
      await this.audit.record(em, user, {
        action: 'auth.logout',
        entity: 'User',
        entityId: user.userId,
        after: { tokenId: user.tokenId },
      });
    });
  }

  async changePassword(user: AuthenticatedUser, currentPassword: string, newPassword: string): Promise<void> {
    const row = await this.users.withPasswordHash(this.tx.manager, { id: user.userId });
    if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) throw wrongCurrentPassword();
    const passwordHash = await hashPassword(newPassword);
    await this.tx.run(async (em) => {
      await this.users.setPasswordHash(em, user.userId, passwordHash);
      await this.users.revokeToken(em, { tokenId: user.tokenId, userId: user.userId, expiresAt: user.tokenExpiresAt });
      await this.audit.record(em, user, { action: 'user.password.change', entity: 'User', entityId: user.userId });
    });
  }

  /**
   * A login refused by the throttle, without looking at the password (never stored). Best effort:
   * the 429 is the protection, so a failed write is not allowed to turn it into a 500.
   */
  private async recordThrottled(email: string, ctx: LoginContext, retryAfterSeconds: number): Promise<void> {
    try {
      await this.tx.run((em) =>
        this.audit.record(em, this.anonymous(ctx), {
          action: 'auth.login.throttled',
          entity: 'User',
          entityId: email,
          after: { email, ip: ctx.ip, retryAfterSeconds },
        }),
      );
    } catch (err) {
      this.logger.warn(`auth.login.throttled for ${ctx.ip} [${ctx.requestId ?? '-'}] not recorded: ${(err as Error).message}`);
    }
  }

  private anonymous(ctx: LoginContext): Scope {
    return { userId: null, email: null, roles: [], organisationId: null, requestId: ctx.requestId };
  }
}
