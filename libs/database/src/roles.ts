import { Client } from 'pg';
import { databaseNameOf, loginUrl, maintenanceUrl, ownerRoleOf } from './ensure-database';

/*
 * Least privilege in PostgreSQL (issue 18): the owner role (DATABASE_MIGRATION_URL) owns the schema
 * and runs the migrations; api and worker connect as the application role (DATABASE_URL), which may
 * only read and write rows. It owns nothing, so it cannot alter or disable the audit log's
 * append-only triggers; it is no superuser, so it cannot set session_replication_role; and on the
 * append-only tables it holds INSERT and SELECT only.
 */

/** The login role of a postgres:// URL (libpq's default, the OS user, is not guessed: a URL without one is refused). */
export function roleOf(url: string): string {
  const role = decodeURIComponent(new URL(url).username);
  if (!/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/.test(role)) throw new Error(`Die Datenbank-URL nennt keine gültige Rolle (Benutzername "${role}").`);
  return role;
}

/** Whether the application connects as a role of its own (two URLs with different users). */
export function hasSeparateAppRole(config: { databaseUrl: string; databaseMigrationUrl: string }): boolean {
  return roleOf(config.databaseUrl) !== roleOf(config.databaseMigrationUrl);
}

export interface RoleFacts {
  readonly exists: boolean;
  readonly superuser: boolean;
  readonly createRole: boolean;
}

async function roleFacts(client: Client, role: string): Promise<RoleFacts> {
  const { rows } = await client.query<{ rolsuper: boolean; rolcreaterole: boolean }>('SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = $1', [role]);
  return rows[0] ? { exists: true, superuser: rows[0].rolsuper, createRole: rows[0].rolcreaterole } : { exists: false, superuser: false, createRole: false };
}

/**
 * Creates the application role of DATABASE_URL (LOGIN, with the URL's password if it has one) when
 * it is missing and the owner connection may create roles (a developer machine's superuser, the
 * compose file's POSTGRES_USER). In production the operator creates it (docs/operations.md); then a
 * missing role is an error with that hint. Idempotent and safe when several processes (parallel test
 * runs, replicas) do it at once: roles are cluster-wide, the loser of the race finds the role there.
 * Returns whether it created the role.
 */
export async function ensureAppRole(ownerUrl: string, appUrl: string): Promise<boolean> {
  const app = roleOf(appUrl);
  const client = new Client({ connectionString: maintenanceUrl(ownerUrl), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const facts = await roleFacts(client, app);
    if (facts.exists) {
      if (facts.superuser) throw new Error(`Die Anwendungsrolle "${app}" (DATABASE_URL) ist Superuser; sie darf nur Zeilen lesen und schreiben. ALTER ROLE "${app}" NOSUPERUSER;`);
      return false;
    }
    const [me] = (await client.query<{ rolsuper: boolean; rolcreaterole: boolean }>('SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user')).rows;
    if (!me?.rolsuper && !me?.rolcreaterole) {
      throw new Error(
        `Die Anwendungsrolle "${app}" (DATABASE_URL) gibt es nicht, und die Rolle von DATABASE_MIGRATION_URL darf keine Rollen anlegen. Bitte anlegen, wie in docs/operations.md („PostgreSQL: two roles“) beschrieben.`,
      );
    }
    const password = decodeURIComponent(new URL(appUrl).password);
    const withPassword = password ? ` PASSWORD ${client.escapeLiteral(password)}` : '';
    try {
      await client.query(`CREATE ROLE ${client.escapeIdentifier(app)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT${withPassword}`);
    } catch (err) {
      // 42710 duplicate_object, or 23505 when two CREATE ROLE race on pg_authid's unique index.
      const code = (err as { code?: string }).code;
      if (code === '42710' || code === '23505') return false;
      throw err;
    }
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Creates the owner role a migration URL works as (`?options=-c role=<owner>`, the developer
 * default: log in as the local superuser, work as `foerderfluss_owner`) when it is missing: NOLOGIN,
 * no superuser, no CREATEDB or CREATEROLE; it only owns the schema's objects. Idempotent and safe
 * when several processes do it at once. Returns the role when it created it, otherwise null.
 */
export async function ensureOwnerRole(ownerUrl: string): Promise<string | null> {
  const owner = ownerRoleOf(ownerUrl);
  if (!owner) return null;
  const client = new Client({ connectionString: maintenanceUrl(ownerUrl), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    if ((await roleFacts(client, owner)).exists) return null;
    try {
      await client.query(`CREATE ROLE ${client.escapeIdentifier(owner)} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === '42710' || code === '23505') return null;
      throw err;
    }
    return owner;
  } finally {
    await client.end();
  }
}

/**
 * Hands the database and everything in its schema `public` to the owner role the URL works as, where
 * the login role (or anyone else) still owns it: a developer database made before the owner role
 * existed, migrated by the superuser. Afterwards migrations run as the owner on objects it owns.
 * Tables take their column sequences and row types with them. Returns how many objects changed hands.
 */
export async function adoptOwnership(ownerUrl: string): Promise<number> {
  const owner = ownerRoleOf(ownerUrl);
  if (!owner) return 0;
  const client = new Client({ connectionString: loginUrl(ownerUrl), connectionTimeoutMillis: 5000 });
  await client.connect();
  const to = client.escapeIdentifier(owner);
  let changed = 0;
  try {
    await client.query('BEGIN');
    const db = databaseNameOf(ownerUrl);
    const dbOwner = (await client.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [db])).rows[0]?.owner;
    if (dbOwner !== owner) {
      await client.query(`ALTER DATABASE ${client.escapeIdentifier(db)} OWNER TO ${to}`);
      changed++;
    }
    // Objects of another owner, except an extension's own (pgcrypto's functions stay with the extension).
    const others = `pg_get_userbyid(%s) <> $1 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %o AND d.deptype = 'e')`;
    const relations = await client.query<{ name: string; kind: string }>(
      `SELECT c.oid::regclass::text AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${others.replace('%s', 'c.relowner').replace('%o', 'c.oid')} ORDER BY c.relkind, c.relname`,
      [owner],
    );
    for (const r of relations.rows) {
      await client.query(`ALTER ${r.kind === 'v' ? 'VIEW' : r.kind === 'm' ? 'MATERIALIZED VIEW' : r.kind === 'f' ? 'FOREIGN TABLE' : 'TABLE'} ${r.name} OWNER TO ${to}`);
      changed++;
    }
    // Sequences not tied to a table column (those moved with their table above).
    const sequences = await client.query<{ name: string }>(
      `SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S' AND ${others.replace('%s', 'c.relowner').replace('%o', 'c.oid')}`,
      [owner],
    );
    for (const q of sequences.rows) {
      await client.query(`ALTER SEQUENCE ${q.name} OWNER TO ${to}`);
      changed++;
    }
    const types = await client.query<{ name: string }>(
      `SELECT t.oid::regtype::text AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND ${others.replace('%s', 't.typowner').replace('%o', 't.oid')}`,
      [owner],
    );
    for (const t of types.rows) {
      await client.query(`ALTER TYPE ${t.name} OWNER TO ${to}`);
      changed++;
    }
    const functions = await client.query<{ name: string }>(
      `SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND ${others.replace('%s', 'p.proowner').replace('%o', 'p.oid')}`,
      [owner],
    );
    for (const f of functions.rows) {
      await client.query(`ALTER ROUTINE ${f.name} OWNER TO ${to}`);
      changed++;
    }
    await client.query('COMMIT');
    return changed;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/**
 * The grants of the application role, applied by the owner after every migration run (idempotent,
 * one transaction, so the role never sees a moment with more rights than it should have):
 * - SELECT, INSERT, UPDATE, DELETE on every table, USAGE and SELECT on every sequence;
 * - on the append-only tables (the audit log and its checkpoints) only SELECT and INSERT;
 * - on schema_migration only SELECT (the readiness probe compares it with the build);
 * - never TRUNCATE, REFERENCES, TRIGGER, and no CREATE on the schema.
 * ALTER DEFAULT PRIVILEGES makes tables a later migration creates readable and writable by the role
 * even before this step runs again; an append-only table added later belongs in `appendOnlyTables`.
 */
export async function grantAppRole(ownerUrl: string, appRole: string, appendOnlyTables: readonly string[]): Promise<void> {
  const client = new Client({ connectionString: ownerUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  const app = client.escapeIdentifier(appRole);
  try {
    await client.query('BEGIN');
    const db = client.escapeIdentifier(databaseNameOf(ownerUrl));
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${app}`);
    // PostgreSQL 15 no longer lets PUBLIC create in `public`; older servers did. Only the schema's
    // owner can take it away; for anyone else this is a warning, not an error.
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await client.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    const restricted = (await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`, [[...appendOnlyTables]])).rows;
    for (const { name } of restricted) await client.query(`REVOKE UPDATE, DELETE ON ${client.escapeIdentifier(name)} FROM ${app}`);
    if ((await client.query(`SELECT to_regclass('public.schema_migration') IS NOT NULL AS present`)).rows[0]?.present) {
      await client.query(`REVOKE INSERT, UPDATE, DELETE ON schema_migration FROM ${app}`);
    }
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
