import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page, Role, Scope } from '@foerderfluss/core';
import { ListParams, TransactionRunner, pgErrorCode } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { User } from './user.entity';
import { tokensValidFrom, UserFilter, UserRepository } from './user.repository';
import { hashPassword } from './password';
import { normaliseEmail } from './auth.service';
import { cannotChangeOwnRoles, cannotDeactivateSelf, emailTaken } from './identity.errors';

const laterOf = (a: Date | null, b: Date): Date => (a && a > b ? a : b);
const sameRoles = (a: readonly Role[], b: readonly Role[]): boolean => a.length === b.length && a.every((r) => b.includes(r));

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  organisationId: string | null;
}

export interface UserQuery extends UserFilter, ListParams {}

/** The public shape of a user: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  organisationId: string | null;
  active: boolean;
  createdAt: string;
  deactivatedAt: string | null;
}

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    organisationId: u.organisationId,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    deactivatedAt: u.deactivatedAt ? u.deactivatedAt.toISOString() : null,
  };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly repo: UserRepository,
  ) {}

  /** Creates a user inside the caller's transaction (the caller has checked the organisation). */
  async createInTransaction(em: EntityManager, scope: Scope, input: NewUser): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    const user = em.create(User, {
      email: normaliseEmail(input.email),
      displayName: input.displayName.trim(),
      passwordHash,
      roles: [...new Set(input.roles)],
      organisationId: input.organisationId,
      active: true,
      deactivatedAt: null,
      passwordChangedAt: null,
      tokensValidAfter: null,
    });
    try {
      await em.save(User, user);
    } catch (err) {
      if (pgErrorCode(err) === '23505') throw emailTaken();
      throw err;
    }
    await this.audit.record(em, scope, {
      action: 'user.create',
      entity: 'User',
      entityId: user.id,
      after: toUserView(user),
    });
    return user;
  }

  async emailExists(em: EntityManager, email: string): Promise<boolean> {
    return this.repo.emailExists(em, normaliseEmail(email));
  }

  async get(scope: Scope, id: string): Promise<User> {
    return this.repo.get(scope, id);
  }

  /** Display names by user id, for naming people in lists (never by their e-mail address). */
  async displayNames(ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
    const users = await this.repo.displayNames(this.tx.manager, wanted);
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  async list(scope: Scope, q: UserQuery): Promise<Page<User>> {
    return this.repo.list(scope, q);
  }

  /**
   * New roles for a user, inside the caller's transaction; `check` (the organisation rules, which
   * live above this lib) sees the locked row first. Every token issued before ends: a token stands
   * for the roles it was issued with, and a demoted user must not keep acting with the old ones.
   */
  async setRoles(em: EntityManager, scope: Scope, id: string, roles: Role[], check: (user: User) => Promise<void>): Promise<User> {
    if (scope.userId === id) throw cannotChangeOwnRoles();
    const user = await this.repo.get(scope, id, { em, lock: true });
    await check(user);
    if (sameRoles(user.roles, roles)) return user;
    const before = toUserView(user);
    user.roles = roles;
    user.tokensValidAfter = laterOf(user.tokensValidAfter, tokensValidFrom());
    await em.save(User, user);
    await this.audit.record(em, scope, { action: 'user.roles.change', entity: 'User', entityId: id, before, after: toUserView(user) });
    return user;
  }

  async setActive(scope: Scope, id: string, active: boolean): Promise<User> {
    if (!active && scope.userId === id) throw cannotDeactivateSelf();
    return this.tx.run(async (em) => {
      const user = await this.repo.get(scope, id, { em, lock: true });
      if (user.active === active) return user;
      const before = toUserView(user);
      user.active = active;
      user.deactivatedAt = active ? null : new Date();
      // Reactivation does not move it back: tokens from before the deactivation stay dead.
      if (!active) user.tokensValidAfter = laterOf(user.tokensValidAfter, tokensValidFrom());
      await em.save(User, user);
      await this.audit.record(em, scope, {
        action: active ? 'user.activate' : 'user.deactivate',
        entity: 'User',
        entityId: id,
        before,
        after: toUserView(user),
      });
      return user;
    });
  }
}
