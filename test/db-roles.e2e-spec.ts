import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APPEND_ONLY_TABLES } from '@foerderfluss/audit';
import { dropDatabase, ensureAppRole, grantAppRole, roleOf } from '@foerderfluss/database';
import { loadConfig } from '@foerderfluss/core';
import { prepareDatabase } from '../apps/api/src/prepare';
import { bearer, createTestContext, DEMO, type TestContext } from './support/harness';
import { databaseUrl, TEST_APP_ROLE, TEST_PG_SERVER } from './support/env';

/** Issue 18 item 5: api and worker connect as an application role that cannot rewrite the audit log. */
describe('least privilege in PostgreSQL: the application role', () => {
  let t: TestContext;
  let app: Client;

  beforeAll(async () => {
    t = await createTestContext();
    app = new Client({ connectionString: t.config.databaseUrl });
    await app.connect();
  });

  afterAll(async () => {
    await app?.end();
    await t?.close();
  });

  it('the app connects as the application role, which is no superuser and owns nothing', async () => {
    expect(roleOf(t.config.databaseUrl)).toBe(TEST_APP_ROLE);
    expect(roleOf(t.config.databaseMigrationUrl)).not.toBe(TEST_APP_ROLE);
    const [{ user }] = (await t.app.get(DataSource).query('SELECT current_user AS user')) as { user: string }[];
    expect(user).toBe(TEST_APP_ROLE);
    const role = await app.query('SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user');
    expect(role.rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await app.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`);
    expect(owned.rows[0].n).toBe(0);
  });

  it('cannot switch the append-only trigger off: neither session_replication_role nor ALTER TABLE … DISABLE TRIGGER', async () => {
    await expect(app.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied to set parameter "session_replication_role"/);
    await expect(app.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete')).rejects.toThrow(/must be owner of table audit_event/);
    await expect(app.query('ALTER TABLE audit_event DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner of table audit_event/);
    await expect(app.query('DROP TRIGGER audit_event_no_update_delete ON audit_event')).rejects.toThrow(/must be owner of (table|relation) audit_event/);
    // The triggers are still enabled ('O': fires in origin mode, the default).
    const triggers = await t.db.query(`SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_event'::regclass AND NOT tgisinternal ORDER BY tgname`);
    expect(triggers.rows).toEqual([
      { tgname: 'audit_event_no_truncate', tgenabled: 'O' },
      { tgname: 'audit_event_no_update_delete', tgenabled: 'O' },
    ]);
  });

  /** A text column of each append-only table (ids are identity columns and cannot be set at all). */
  const someColumn: Record<string, string> = { audit_event: 'action', audit_checkpoint: 'head_hash' };

  it.each(APPEND_ONLY_TABLES.map((table) => [table]))('UPDATE, DELETE and TRUNCATE on %s are refused by the privileges, before any trigger', async (table) => {
    expect(someColumn[table]).toBeDefined();
    await expect(app.query(`UPDATE ${table} SET ${someColumn[table]} = ${someColumn[table]}`)).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
    await expect(app.query(`DELETE FROM ${table} WHERE false`)).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
    await expect(app.query(`TRUNCATE ${table}`)).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
    const privileges = await app.query(
      `SELECT p AS privilege, has_table_privilege(current_user, $1, p) AS granted FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p`,
      [table],
    );
    expect(Object.fromEntries(privileges.rows.map((r: { privilege: string; granted: boolean }) => [r.privilege, r.granted]))).toEqual({
      SELECT: true,
      INSERT: true,
      UPDATE: false,
      DELETE: false,
      TRUNCATE: false,
      REFERENCES: false,
      TRIGGER: false,
    });
  });

  it('no DDL: no new tables in the schema, no changes to existing ones, and the migrations table is read-only', async () => {
    await expect(app.query('CREATE TABLE intruder (id int)')).rejects.toThrow(/permission denied for schema public/);
    await expect(app.query('ALTER TABLE organisation ADD COLUMN x int')).rejects.toThrow(/must be owner of table organisation/);
    await expect(app.query(`DELETE FROM schema_migration WHERE false`)).rejects.toThrow(/permission denied for table schema_migration/);
    const read = await app.query('SELECT count(*)::int AS n FROM schema_migration');
    expect(read.rows[0].n).toBeGreaterThan(0);
  });

  it('still appends audit events through the app (INSERT on the log, UPDATE of the chain head)', async () => {
    const before = await t.db.query('SELECT max(id)::text AS id FROM audit_event');
    const admin = await t.login(DEMO.admin);
    await t.http().post('/api/v1/audit-events/verifications').set(bearer(admin)).expect(202);
    const after = await t.db.query(`SELECT action FROM audit_event WHERE id > $1::bigint ORDER BY id`, [before.rows[0].id]);
    expect(after.rows.map((r: { action: string }) => r.action)).toContain('audit.verification.request');
    const verify = await t.http().get('/api/v1/audit-events/verify').set(bearer(admin)).expect(200);
    expect(verify.body).toMatchObject({ valid: true, firstBrokenId: null });
  });

  it('grants follow tables a later migration creates (default privileges), and the grant step keeps the audit log append-only', async () => {
    const table = `future_${randomBytes(4).toString('hex')}`;
    // A migration as the owner role (the superuser in the tests).
    await t.db.query(`CREATE TABLE ${table} (id int)`);
    await app.query(`INSERT INTO ${table} VALUES (1)`);
    await app.query(`UPDATE ${table} SET id = 2`);
    expect((await app.query(`SELECT id FROM ${table}`)).rows).toEqual([{ id: 2 }]);
    await expect(app.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
    // The step after the migrations: run twice, the audit log stays INSERT/SELECT only.
    await grantAppRole(t.config.databaseMigrationUrl, TEST_APP_ROLE, APPEND_ONLY_TABLES);
    await grantAppRole(t.config.databaseMigrationUrl, TEST_APP_ROLE, APPEND_ONLY_TABLES);
    await expect(app.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/permission denied for table audit_event/);
    await app.query(`DELETE FROM ${table}`);
  });

  it('prepare creates a missing application role once, even when several processes try at the same time', async () => {
    const role = `ff_role_test_${randomBytes(4).toString('hex')}`;
    const owner = new URL(TEST_PG_SERVER);
    const appUrl = new URL(TEST_PG_SERVER);
    appUrl.username = role;
    try {
      const created = await Promise.all([1, 2, 3].map(() => ensureAppRole(owner.toString(), appUrl.toString())));
      expect(created.filter(Boolean)).toHaveLength(1);
      expect(await ensureAppRole(owner.toString(), appUrl.toString())).toBe(false);
      const facts = await t.db.query('SELECT rolsuper, rolcanlogin FROM pg_roles WHERE rolname = $1', [role]);
      expect(facts.rows).toEqual([{ rolsuper: false, rolcanlogin: true }]);
    } finally {
      await t.db.query(`DROP ROLE IF EXISTS ${role}`);
    }
  });

  it('refuses an application role that is a superuser', async () => {
    const appUrl = new URL(TEST_PG_SERVER);
    await expect(ensureAppRole(TEST_PG_SERVER, appUrl.toString())).rejects.toThrow(/ist Superuser; sie darf nur Zeilen lesen und schreiben/);
  });
});

/**
 * `npm start` on a developer machine (issue 18 item 5): logged in as the local superuser, prepare
 * creates both roles and works as the owner role, so the schema never belongs to the superuser.
 */
describe('prepare on a developer machine: an owner role and an application role', () => {
  // Roles are cluster-wide: fixed names, created once, shared by every run, never dropped (like TEST_APP_ROLE).
  const OWNER = 'foerderfluss_test_owner';
  const quiet = { log: () => undefined, error: () => undefined, warn: () => undefined };
  const su = new Client({ connectionString: TEST_PG_SERVER });
  const made: string[] = [];

  beforeAll(() => su.connect());
  afterAll(async () => {
    for (const url of made) await dropDatabase(url);
    await su.end();
  });

  function urls(name: string, withOwner: boolean) {
    const app = new URL(databaseUrl(name));
    app.username = TEST_APP_ROLE;
    const migration = new URL(databaseUrl(name));
    if (withOwner) migration.searchParams.set('options', `-c role=${OWNER}`);
    made.push(migration.toString());
    return { DATABASE_URL: app.toString(), DATABASE_MIGRATION_URL: migration.toString() };
  }

  async function owners(name: string): Promise<{ database: string; objects: Record<string, number> }> {
    const c = new Client({ connectionString: databaseUrl(name) });
    await c.connect();
    try {
      const db = await c.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()');
      const objects = await c.query<{ owner: string; n: number }>(
        `SELECT owner, count(*)::int AS n FROM (
           SELECT pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
           UNION ALL SELECT pg_get_userbyid(p.proowner) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
             -- pgcrypto's functions belong to the extension (and the superuser that bootstraps it)
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')) o
         GROUP BY owner`,
      );
      return { database: db.rows[0]!.owner, objects: Object.fromEntries(objects.rows.map((r) => [r.owner, r.n])) };
    } finally {
      await c.end();
    }
  }

  it('a new database belongs to the owner role, which migrated it without superuser rights; the app role still cannot touch the audit log', async () => {
    const name = `ff_t_owner_${randomBytes(5).toString('hex')}`;
    const env = urls(name, true);
    await prepareDatabase(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', ...env }), quiet);
    const role = await su.query('SELECT rolsuper, rolcanlogin, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1', [OWNER]);
    expect(role.rows).toEqual([{ rolsuper: false, rolcanlogin: false, rolcreatedb: false, rolcreaterole: false }]);
    const o = await owners(name);
    expect(o.database).toBe(OWNER);
    expect(Object.keys(o.objects)).toEqual([OWNER]);
    expect(o.objects[OWNER]).toBeGreaterThan(40);
    // The owner URL works as the owner, not as the superuser it logs in with.
    const owner = new Client({ connectionString: env.DATABASE_MIGRATION_URL });
    await owner.connect();
    try {
      expect((await owner.query('SELECT current_user AS u, session_user AS s')).rows[0]).toEqual({ u: OWNER, s: 'postgres' });
      await expect(owner.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied to set parameter "session_replication_role"/);
    } finally {
      await owner.end();
    }
    const app = new Client({ connectionString: env.DATABASE_URL });
    await app.connect();
    try {
      expect((await app.query('SELECT count(*)::int AS n FROM app_user')).rows[0].n).toBe(0);
      await expect(app.query('DELETE FROM audit_event')).rejects.toThrow(/permission denied for table audit_event/);
      await expect(app.query('ALTER TABLE audit_event DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner of table audit_event/);
    } finally {
      await app.end();
    }
  });

  it('an older database the superuser still owns is handed to the owner role on the next start, and migrations go on as the owner', async () => {
    const name = `ff_t_owner_${randomBytes(5).toString('hex')}`;
    await prepareDatabase(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', ...urls(name, false) }), quiet);
    expect(Object.keys((await owners(name)).objects)).toEqual(['postgres']);
    const env = urls(name, true);
    await prepareDatabase(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', ...env }), quiet);
    const o = await owners(name);
    expect(o.database).toBe(OWNER);
    expect(Object.keys(o.objects)).toEqual([OWNER]);
    // A third start changes nothing and still migrates (nothing left to apply) as the owner.
    await prepareDatabase(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', ...env }), quiet);
    expect(await owners(name)).toEqual(o);
  });
});
