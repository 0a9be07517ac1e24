/** Where the test suite finds PostgreSQL and Redis; override with TEST_DATABASE_URL / TEST_REDIS_URL. */
export const TEST_PG_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEMPLATE_ENV = 'FF_TEST_TEMPLATE_DB';

export function databaseUrl(name: string): string {
  const u = new URL(TEST_PG_SERVER);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The application role the e2e apps connect as (issue 18: least privilege), created by the global
 * setup when missing. Roles are cluster-wide: one fixed name, created idempotently, shared by
 * parallel runs and never dropped (it owns nothing; every test database only grants it rights).
 * The template's grants travel into every clone (CREATE DATABASE … TEMPLATE copies the ACLs).
 */
export const TEST_APP_ROLE = process.env.TEST_APP_ROLE ?? 'foerderfluss_test_app';

/** The same database as the application role (the superuser's password, if the server wants one). */
export function asAppRole(url: string): string {
  const u = new URL(url);
  u.username = TEST_APP_ROLE;
  return u.toString();
}

/** The same database as the server's superuser (TEST_DATABASE_URL's user): the owner role of the tests. */
export function asOwnerRole(url: string): string {
  const u = new URL(url);
  const su = new URL(TEST_PG_SERVER);
  u.username = su.username;
  u.password = su.password;
  return u.toString();
}
