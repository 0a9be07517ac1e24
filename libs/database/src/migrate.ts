import { Client } from 'pg';
import { DataSource, MixedList } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Fixed key for pg_advisory_lock so that replicas starting together migrate one after another. */
const MIGRATION_LOCK_KEY = 781_204_001;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export async function runMigrations(databaseUrl: string, migrations: MixedList<Function>): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ds = new DataSource(
      dataSourceOptions({ databaseUrl, databasePoolSize: 2, databasePoolWaitMs: 10000, databaseStatementTimeoutMs: 600000 }, [], migrations),
    );
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
