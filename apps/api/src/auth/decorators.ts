import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';

export const PUBLIC_KEY = 'foerderfluss:public';
export const ROLES_KEY = 'foerderfluss:roles';
export const MFA_ENROLMENT_KEY = 'foerderfluss:mfa-enrolment';

/** No login needed (login itself, health, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/**
 * The roles allowed on a route. Every non-public route must say who may call it: a route
 * without @Roles is refused (403), so forgetting it fails closed.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/**
 * The route also takes the restricted token a user gets after the password when their role
 * requires a second factor not yet set up (the enrolment routes). Every other route refuses it.
 */
export const MfaEnrolmentAllowed = (): MethodDecorator => SetMetadata(MFA_ENROLMENT_KEY, true);

/** Any logged-in user, whatever the role (e.g. /auth/me). */
export const AnyRole = (): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, Object.values(Role));

/** The caller's scope (user, roles, organisation, request id), for every service call. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  const req = ctx.switchToHttp().getRequest<{ user: AuthenticatedUser }>();
  return req.user;
});
