import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { AuthenticatedUser, AuthService, JWT_ALGORITHM, MfaChallengeClaims, MfaService, unauthenticated } from '@foerderfluss/identity';

/**
 * The restricted token of a user who must set up a second factor before signing in: an mfaToken
 * with purpose `enrol`, signed for the mfa audience, so the ordinary `jwt` strategy refuses it.
 * Only routes marked @MfaEnrolmentAllowed() try this strategy.
 */
@Injectable()
export class MfaEnrolmentStrategy extends PassportStrategy(Strategy, 'mfa-enrolment') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    mfa: MfaService,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
      algorithms: [JWT_ALGORITHM],
      issuer: config.jwtIssuer,
      audience: mfa.audience,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(req: Request & { id?: string }, claims: MfaChallengeClaims): Promise<AuthenticatedUser> {
    if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string' || claims.purpose !== 'enrol') throw unauthenticated();
    return this.auth.authenticateMfaEnrolment(claims, req.id ? String(req.id) : null);
  }
}
