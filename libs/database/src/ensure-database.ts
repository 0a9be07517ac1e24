import { Client } from 'pg';

/** The database name of a postgres:// URL. */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) {
    throw new Error(`DATABASE_URL: ungültiger Datenbankname "${name}".`);
  }
  return name;
}

/**
 * The owner role a URL takes on after login (`?options=-c role=<owner>`, libpq's startup options):
 * a developer machine logs in as the superuser and works as the owner role, so migrations create
 * objects the owner owns and run with the owner's rights only. Null when the URL names none.
 */
export function ownerRoleOf(url: string): string | null {
  const options = new URL(url).searchParams.get('options');
  const m = options ? /(?:^|\s)-c\s*role=([A-Za-z_][A-Za-z0-9_$]{0,62})(?:\s|$)/.exec(options) : null;
  return m ? m[1]! : null;
}

/** The URL without startup options: the login role itself, for what only it may do (create databases and roles). */
export function loginUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.delete('options');
  return u.toString();
}

/**
 * The same server, but the maintenance database `postgres` (for CREATE/DROP DATABASE), as the login
 * role: creating and dropping databases and roles is the login role's work, not the owner's.
 */
export function maintenanceUrl(url: string): string {
  const u = new URL(loginUrl(url));
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
    // A URL that works as an owner role gets a database that role owns (and with it the schema public).
    const owner = ownerRoleOf(url);
    const ownedBy = owner ? ` OWNER ${client.escapeIdentifier(owner)}` : '';
    try {
      await client.query(`CREATE DATABASE "${name}"${tpl}${ownedBy}`);
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
