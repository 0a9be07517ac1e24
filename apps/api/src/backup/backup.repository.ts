import { Client } from 'pg';
import { databaseNameOf } from '@foerderfluss/database';
import { BackupError, type BackupManifest } from './backup-tools';

/*
 * The SQL of backup and restore. These are operator commands, run with the owner role's
 * credentials on the whole database: no user scope applies; they read catalog facts and the heads
 * of the audit chain and migrations, never business records (pg_dump reads those).
 */

export interface SnapshotFacts {
  readonly snapshot: string;
  readonly serverMajor: number;
  readonly serverVersion: string;
  readonly migrationHead: string | null;
  readonly audit: BackupManifest['audit'];
}

async function connect(url: string, applicationName: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: applicationName, connectionTimeoutMillis: 5000 });
  await client.connect();
  return client;
}

/**
 * A REPEATABLE READ transaction whose snapshot is exported for pg_dump (`--snapshot`): the audit
 * and migration heads read here are exactly the dump's, not those of a moment before or after it.
 * It must stay open until pg_dump has finished.
 */
export class BackupSnapshot {
  private constructor(
    private readonly client: Client,
    readonly facts: SnapshotFacts,
  ) {}

  static async open(url: string): Promise<BackupSnapshot> {
    const client = await connect(url, 'foerderfluss-backup');
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [{ snapshot }] = (await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')).rows;
      const [server] = (await client.query<{ num: string; version: string; migrated: boolean }>(
        `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version,
                to_regclass('schema_migration') IS NOT NULL AND to_regclass('audit_chain_head') IS NOT NULL AS migrated`,
      )).rows;
      if (!server!.migrated) throw new BackupError(`Die Datenbank „${databaseNameOf(url)}“ enthält keine Förderfluss-Tabellen (nicht migriert); es gibt nichts zu sichern.`);
      const [migration] = (await client.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY timestamp DESC, id DESC LIMIT 1')).rows;
      const [head] = (await client.query<{ last_hash: string; last_event_id: string | null }>('SELECT last_hash, last_event_id::text AS last_event_id FROM audit_chain_head WHERE id = 1')).rows;
      const [count] = (await client.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_event')).rows;
      return new BackupSnapshot(client, {
        snapshot: snapshot!,
        serverMajor: Math.floor(Number(server!.num) / 10000),
        serverVersion: server!.version,
        migrationHead: migration?.name ?? null,
        audit: { headHash: head?.last_hash ?? null, lastEventId: head?.last_event_id ?? null, events: Number(count?.n ?? 0) },
      });
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
  }

  /** Ends the transaction (read only: nothing to commit but the snapshot's lifetime) and the connection. */
  async close(): Promise<void> {
    try {
      await this.client.query('COMMIT');
    } finally {
      await this.client.end().catch(() => undefined);
    }
  }
}

/** Tables, views, sequences and foreign tables outside the system schemas: 0 for an empty database. */
export async function userRelationCount(url: string): Promise<number> {
  const client = await connect(url, 'foerderfluss-restore');
  try {
    const [{ n }] = (
      await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
          WHERE s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg\\_toast%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
      )
    ).rows;
    return Number(n);
  } finally {
    await client.end();
  }
}

export async function serverMajor(url: string): Promise<number> {
  const client = await connect(url, 'foerderfluss-restore');
  try {
    const [{ num }] = (await client.query<{ num: string }>(`SELECT current_setting('server_version_num') AS num`)).rows;
    return Math.floor(Number(num) / 10000);
  } finally {
    await client.end();
  }
}

/** The audit chain head and length of a (restored) database. */
export async function chainHead(url: string): Promise<{ headHash: string | null; events: number }> {
  const client = await connect(url, 'foerderfluss-restore');
  try {
    const head = await client.query<{ last_hash: string }>('SELECT last_hash FROM audit_chain_head WHERE id = 1');
    const count = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_event');
    return { headHash: head.rows[0]?.last_hash ?? null, events: Number(count.rows[0]?.n ?? 0) };
  } finally {
    await client.end();
  }
}
