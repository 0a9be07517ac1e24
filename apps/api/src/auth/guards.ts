import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, Role } from '@foerderfluss/core';
import { AuthenticatedUser, unauthenticated } from '@foerderfluss/identity';
import { MFA_ENROLMENT_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators';

/** Any token defect gets the same German 401 (see JwtAuthGuard.handleRequest). */
function userOrUnauthenticated<T>(err: unknown, user: T): T {
  if (err) throw err;
  if (!user) throw unauthenticated();
  return user;
}

/** An access token or, failing that, the restricted enrolment token (strategy `mfa-enrolment`). */
class AccessOrMfaEnrolmentGuard extends AuthGuard(['jwt', 'mfa-enrolment']) {
  override handleRequest<T>(err: unknown, user: T): T {
    return userOrUnauthenticated(err, user);
  }
}

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly accessOrEnrolment = new AccessOrMfaEnrolmentGuard();

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext): ReturnType<CanActivate['canActivate']> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(MFA_ENROLMENT_KEY, targets)) return this.accessOrEnrolment.canActivate(context);
    return super.canActivate(context);
  }

  /**
   * Any token defect (missing, expired, forged, revoked) gets the same German 401. Other
   * failures while checking the user (database down) keep their own answer (503), so a
   * valid session is not mistaken for an expired one.
   */
  override handleRequest<T>(err: unknown, user: T): T {
    return userOrUnauthenticated(err, user);
  }
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    if (!roles || !user || !user.roles.some((r) => roles.includes(r))) {
      throw new DomainError('FORBIDDEN', 403, 'Für diese Aktion fehlt Ihnen die Berechtigung.');
    }
    return true;
  }
}
