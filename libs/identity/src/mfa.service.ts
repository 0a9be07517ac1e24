import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from 'typeorm';
import QRCode from 'qrcode';
import { APP_CONFIG, AppConfig, Role, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { MfaRepository } from './mfa.repository';
import { UserRepository } from './user.repository';
import { hashPassword, verifyPassword } from './password';
import { looksLikeTotp, MfaSecretBox, newRecoveryCode, newTotpSecret, normaliseRecoveryCode, totpUri, verifyTotp } from './mfa-crypto';
import { mfaAlreadyEnabled, mfaNotEnabled, mfaNotStarted, mfaTokenInvalid, wrongMfaCode } from './identity.errors';

/**
 * What an mfaToken allows: `verify` entering the code of an enrolled factor (POST /auth/mfa),
 * `enrol` the enrolment routes only, for a user whose role requires a factor not yet set up.
 */
export type MfaPurpose = 'verify' | 'enrol';

export interface MfaChallenge {
  mfaRequired: true;
  /** True when the user must first set up the factor (the mfaToken then opens the enrolment routes only). */
  enrolmentRequired: boolean;
  mfaToken: string;
  expiresIn: number;
}

export interface MfaChallengeClaims {
  sub: string;
  jti: string;
  iat: number;
  exp: number;
  purpose: MfaPurpose;
}

export interface MfaStatus {
  enabled: boolean;
  required: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

export interface MfaEnrolment {
  /** Base32, for typing into the app by hand; shown only while enrolling, never after. */
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as a QR code (SVG data URL). */
  qrCode: string;
}

/** How a code was accepted: the app's time-based code, or a one-time recovery code (with how many remain). */
export type MfaCheck = { method: 'totp' } | { method: 'recovery'; remaining: number } | null;

/**
 * TOTP second factor (RFC 6238) with one-time recovery codes. The secret is stored encrypted and
 * returned only while the user is enrolling; recovery codes are stored as argon2id hashes and shown
 * once. Enrolment, removal and every recovery code used are audit events.
 */
@Injectable()
export class MfaService {
  private readonly box: MfaSecretBox;
  /** mfaTokens are signed with the JWT key but for another audience, so no route takes one as an access token. */
  readonly audience: string;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: MfaRepository,
    private readonly users: UserRepository,
  ) {
    this.box = new MfaSecretBox(config.mfa.encryptionKey ?? config.jwtSecret);
    this.audience = `${config.jwtAudience}:mfa`;
  }

  isRequiredFor(roles: readonly Role[]): boolean {
    return roles.some((r) => this.config.mfa.requiredRoles.includes(r));
  }

  /** After a correct password: sign in at once (null), ask for the code, or require enrolment first. */
  async loginStep(user: { id: string; roles: readonly Role[] }): Promise<MfaPurpose | null> {
    if (await this.repo.isConfirmed(this.tx.manager, user.id)) return 'verify';
    return this.isRequiredFor(user.roles) ? 'enrol' : null;
  }

  async challenge(userId: string, purpose: MfaPurpose): Promise<MfaChallenge> {
    const ttl = this.config.mfa.tokenTtlSeconds;
    const mfaToken = await this.jwt.signAsync({ purpose }, { subject: userId, jwtid: randomUUID(), expiresIn: ttl, audience: this.audience });
    return { mfaRequired: true, enrolmentRequired: purpose === 'enrol', mfaToken, expiresIn: ttl };
  }

  /** The claims of a valid, unused mfaToken of this purpose; anything else is the same 401. */
  async readChallenge(token: string, purpose: MfaPurpose): Promise<MfaChallengeClaims> {
    let claims: MfaChallengeClaims;
    try {
      claims = await this.jwt.verifyAsync<MfaChallengeClaims>(token, { audience: this.audience });
    } catch {
      throw mfaTokenInvalid();
    }
    if (claims.purpose !== purpose || typeof claims.sub !== 'string' || typeof claims.jti !== 'string') throw mfaTokenInvalid();
    if (await this.repo.isTokenRevoked(this.tx.manager, claims.jti)) throw mfaTokenInvalid();
    return claims;
  }

  async status(user: Scope & { userId: string }): Promise<MfaStatus> {
    const em = this.tx.manager;
    const factor = await this.repo.factor(em, user.userId);
    const enabledAt = factor?.confirmed_at ?? null;
    return {
      enabled: enabledAt !== null,
      required: this.isRequiredFor(user.roles),
      enabledAt: enabledAt ? enabledAt.toISOString() : null,
      recoveryCodesLeft: enabledAt ? await this.repo.countUnusedRecoveryCodes(em, user.userId) : 0,
    };
  }

  /** A new secret for the caller's own account (replacing an unfinished enrolment); refused while a factor is in force. */
  async startEnrolment(user: Scope & { userId: string }): Promise<MfaEnrolment> {
    const secret = newTotpSecret();
    const otpauthUri = totpUri(this.config.mfa.issuer, user.email ?? user.userId, secret);
    await this.tx.run(async (em) => {
      if (!(await this.repo.savePending(em, user.userId, this.box.seal(user.userId, secret)))) throw mfaAlreadyEnabled();
      await this.audit.record(em, user, { action: 'user.mfa.enrolment.start', entity: 'User', entityId: user.userId });
    });
    const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}` };
  }

  /**
   * The first correct code puts the factor in force and hands out the recovery codes (in plain
   * text this once). Runs in the caller's transaction, so a sign-in that follows is part of it.
   */
  async confirmEnrolment(em: EntityManager, user: Scope & { userId: string }, code: string): Promise<string[]> {
    const factor = await this.repo.factor(em, user.userId, { lock: true });
    if (!factor) throw mfaNotStarted();
    if (factor.confirmed_at) throw mfaAlreadyEnabled();
    const secret = this.box.open(user.userId, factor.secret_ciphertext);
    if (secret === null) throw mfaNotStarted();
    const step = await verifyTotp(secret, code.replace(/\s/g, ''), this.config.mfa.totpWindow, null);
    if (step === null) throw wrongMfaCode();
    const codes = Array.from({ length: this.config.mfa.recoveryCodeCount }, newRecoveryCode);
    const hashes = await Promise.all(codes.map((c) => hashPassword(c)));
    await this.repo.confirm(em, user.userId, step);
    await this.repo.replaceRecoveryCodes(em, user.userId, hashes);
    await this.audit.record(em, user, { action: 'user.mfa.enable', entity: 'User', entityId: user.userId, after: { method: 'totp', recoveryCodes: codes.length } });
    return codes;
  }

  /**
   * Checks a TOTP or recovery code against the user's factor, in the caller's transaction (the
   * factor row is locked, so two requests cannot both use the same code). A TOTP code is accepted
   * once; a recovery code is used up and its use recorded.
   */
  async checkCode(em: EntityManager, scope: Scope, userId: string, input: string): Promise<MfaCheck> {
    const factor = await this.repo.factor(em, userId, { lock: true });
    if (!factor?.confirmed_at) return null;
    const code = input.trim();
    if (looksLikeTotp(code)) {
      const secret = this.box.open(userId, factor.secret_ciphertext);
      if (secret === null) return null;
      const last = factor.last_time_step === null ? null : Number(factor.last_time_step);
      const step = await verifyTotp(secret, code.replace(/\s/g, ''), this.config.mfa.totpWindow, last);
      if (step === null) return null;
      await this.repo.setLastTimeStep(em, userId, step);
      return { method: 'totp' };
    }
    const wanted = normaliseRecoveryCode(code);
    for (const row of await this.repo.unusedRecoveryCodes(em, userId)) {
      if (!(await verifyPassword(row.code_hash, wanted))) continue;
      if (!(await this.repo.useRecoveryCode(em, row.id))) return null;
      const remaining = await this.repo.countUnusedRecoveryCodes(em, userId);
      await this.audit.record(em, scope, { action: 'auth.mfa.recovery-code.use', entity: 'User', entityId: userId, after: { remaining } });
      return { method: 'recovery', remaining };
    }
    return null;
  }

  /** Removes the caller's own factor; a current code (or recovery code) proves the device is at hand. */
  async disable(em: EntityManager, user: Scope & { userId: string }, code: string): Promise<MfaCheck> {
    if (!(await this.repo.isConfirmed(em, user.userId))) throw mfaNotEnabled();
    const check = await this.checkCode(em, user, user.userId, code);
    if (!check) return null;
    await this.repo.remove(em, user.userId);
    await this.audit.record(em, user, { action: 'user.mfa.disable', entity: 'User', entityId: user.userId, after: { method: check.method } });
    return check;
  }

  /** ADMIN: removes another user's factor (device and recovery codes lost); their next sign-in asks for a new one if their role requires it. */
  async reset(scope: Scope, userId: string): Promise<void> {
    await this.tx.run(async (em) => {
      // 404 for a user the caller may not see, like every other user route.
      await this.users.get(scope, userId, { em, lock: true });
      if (!(await this.repo.factor(em, userId))) throw mfaNotEnabled();
      await this.repo.remove(em, userId);
      await this.audit.record(em, scope, { action: 'user.mfa.reset', entity: 'User', entityId: userId });
    });
  }
}
