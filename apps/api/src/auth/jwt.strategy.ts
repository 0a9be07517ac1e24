import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig, setRequestTenancy } from '@foerderfluss/core';
import { AuthenticatedUser, AuthService, JWT_ALGORITHM } from '@foerderfluss/identity';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
      // PEM public key on every verify, which cost ~15 % of the api's CPU in bench:api.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
      // Pinned: a token signed with "none" or another algorithm is rejected before any lookup.
      algorithms: [JWT_ALGORITHM],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /** The claims are checked (exp, iat, jti, sub required) where the token is turned into a user. */
  async validate(req: Request & { id?: string }, claims: unknown): Promise<AuthenticatedUser> {
    const user = await this.auth.authenticate(claims, req.id ? String(req.id) : null);
    // Every transaction of this request runs with the caller's Kreis (or the Land) for row-level security.
    setRequestTenancy({ districtId: user.districtId ?? null, state: !!user.stateId });
    return user;
  }
}
