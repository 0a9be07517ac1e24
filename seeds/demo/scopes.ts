import type { DataSource } from 'typeorm';
import { Role, Scope } from '@foerderfluss/core';

/** Scopes of the demo users as AuthService would build them (Kreis users carry their Kreis). */
export async function demoScopes(ds: DataSource): Promise<{ byEmail: (email: string) => Scope; provider: (code: string) => Scope }> {
  const users = (await ds.query(
    `SELECT u.id, u.email, u.roles, u.organisation_id, o.kind, o.code FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id
      WHERE u.email LIKE '%@demo.foerderfluss.de' ORDER BY u.email`,
  )) as { id: string; email: string; roles: Role[]; organisation_id: string | null; kind: string | null; code: string | null }[];
  const toScope = (u: (typeof users)[number] | undefined, what: string): Scope => {
    if (!u) throw new Error(`demo seed: user ${what} missing`);
    const provider = u.roles.length === 1 && u.roles[0] === Role.PROVIDER;
    return {
      userId: u.id,
      email: u.email,
      roles: u.roles,
      organisationId: u.organisation_id,
      districtId: !provider && u.kind === 'DISTRICT' ? u.organisation_id : null,
      stateId: !provider && u.kind === 'STATE' ? u.organisation_id : null,
      requestId: 'demo-seed',
    };
  };
  return {
    byEmail: (email) => toScope(users.find((u) => u.email === email), email),
    provider: (code) => toScope(users.find((u) => u.code === code && u.roles.includes(Role.PROVIDER)), `of ${code}`),
  };
}
