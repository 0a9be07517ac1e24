import { Client } from 'pg';

/** The database name of a postgres:// URL. */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) {
    throw new Error(`DATABASE_URL: ungültiger Datenbankname "${name}".`);
  }
  return name;
}

/** The same server, but the maintenance database `postgres` (for CREATE/DROP DATABASE). */
export function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** Creates the database named in the URL if it does not exist. Returns true when it was created. */
export async function ensureDatabase(url: string, template?: string): Promise<boolean> {
  const name = databaseNameOf(url);
  const client = new Client({ connectionString: maintenanceUrl(url), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount && existing.rowCount > 0) return false;
    const tpl = template ? ` TEMPLATE "${template}"` : '';
    try {
      await client.query(`CREATE DATABASE "${name}"${tpl}`);
    } catch (err) {
      // Two processes starting at once: the other one won the race, which is fine.
      if ((err as { code?: string }).code === '42P04') return false;
      throw err;
    }
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const client = new Client({ connectionString: maintenanceUrl(url), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
