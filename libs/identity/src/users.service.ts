import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { clampLimit, decodeCursor, Page, Role, Scope, toPage } from '@foerderfluss/core';
import { TransactionRunner, pgErrorCode } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { User } from './user.entity';
import { hashPassword } from './password';
import { normaliseEmail } from './auth.service';
import { cannotDeactivateSelf, emailTaken, userNotFound } from './identity.errors';

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  organisationId: string | null;
}

export interface UserQuery {
  role?: Role;
  active?: boolean;
  organisationId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

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
    return (await em.getRepository(User).countBy({ email: normaliseEmail(email) })) > 0;
  }

  async get(id: string): Promise<User> {
    const user = await this.tx.manager.getRepository(User).findOneBy({ id });
    if (!user) throw userNotFound();
    return user;
  }

  /** Display names by user id, for naming people in lists (never by their e-mail address). */
  async displayNames(ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.tx.manager.getRepository(User).findBy({ id: In(wanted) });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  async list(q: UserQuery): Promise<Page<User>> {
    const limit = clampLimit(q.limit);
    const qb = this.tx.manager.getRepository(User).createQueryBuilder('u');
    if (q.role) qb.andWhere(':role = ANY(u.roles)', { role: q.role });
    if (q.active !== undefined) qb.andWhere('u.active = :active', { active: q.active });
    if (q.organisationId) qb.andWhere('u.organisation_id = :org', { org: q.organisationId });
    if (q.q) {
      qb.andWhere(`(u.email ILIKE :q ESCAPE '\\' OR u.display_name ILIKE :q ESCAPE '\\')`, {
        q: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    const c = decodeCursor(q.cursor, 2);
    if (c) qb.andWhere('(u.email, u.id) > (:email, :id)', { email: String(c[0]), id: String(c[1]) });
    const rows = await qb.orderBy('u.email', 'ASC').addOrderBy('u.id', 'ASC').take(limit + 1).getMany();
    return toPage(rows, limit, (u) => [u.email, u.id]);
  }

  async setActive(scope: Scope, id: string, active: boolean): Promise<User> {
    if (!active && scope.userId === id) throw cannotDeactivateSelf();
    return this.tx.run(async (em) => {
      const user = await em.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw userNotFound();
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
