import type { DataSource } from 'typeorm';
import { Role, Scope } from '@foerderfluss/core';
import { AuthenticationRow, tenantOf } from '@foerderfluss/identity';

/** Scopes of the demo users as AuthService would build them (Kreis users carry their Kreis). */
export async function demoScopes(ds: DataSource): Promise<{ byEmail: (email: string) => Scope; provider: (code: string) => Scope }> {
  const users = (await ds.query(
    `SELECT u.id, u.email, u.roles, u.organisation_id, o.kind, o.code FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id
      WHERE u.email LIKE '%@demo.foerderfluss.de' ORDER BY u.email`,
  )) as { id: string; email: string; roles: Role[]; organisation_id: string | null; kind: AuthenticationRow['organisation_kind']; code: string | null }[];
  const toScope = (u: (typeof users)[number] | undefined, what: string): Scope => {
    if (!u) throw new Error(`demo seed: user ${what} missing`);
    return {
      userId: u.id,
      email: u.email,
      roles: u.roles,
      organisationId: u.organisation_id,
      ...tenantOf({ roles: u.roles, organisation_id: u.organisation_id, organisation_kind: u.kind }),
      requestId: 'demo-seed',
    };
  };
  return {
    byEmail: (email) => toScope(users.find((u) => u.email === email), email),
    provider: (code) => toScope(users.find((u) => u.code === code && u.roles.includes(Role.PROVIDER)), `of ${code}`),
  };
}
