import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page, Role, Scope } from '@foerderfluss/core';
import { ListParams, TransactionRunner, pgErrorCode } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { User } from './user.entity';
import { UserFilter, UserRepository } from './user.repository';
import { hashPassword } from './password';
import { normaliseEmail } from './auth.service';
import { cannotDeactivateSelf, emailTaken } from './identity.errors';

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

  async setActive(scope: Scope, id: string, active: boolean): Promise<User> {
    if (!active && scope.userId === id) throw cannotDeactivateSelf();
    return this.tx.run(async (em) => {
      const user = await this.repo.get(scope, id, { em, lock: true });
      if (user.active === active) return user;
      const before = toUserView(user);
      user.active = active;
      user.deactivatedAt = active ? null : new Date();
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
