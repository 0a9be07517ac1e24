import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { AuthenticatedUser, AuthService, JWT_ALGORITHM, TokenClaims, unauthenticated } from '@foerderfluss/identity';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      // Pinned: a token signed with "none" or another algorithm is rejected before any lookup.
      algorithms: [JWT_ALGORITHM],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(req: Request & { id?: string }, claims: TokenClaims): Promise<AuthenticatedUser> {
    if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string') {
      throw unauthenticated();
    }
    return this.auth.authenticate(claims, req.id ? String(req.id) : null);
  }
}
