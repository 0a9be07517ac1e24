import type { AppConfig } from '@foerderfluss/core';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

/**
 * One place that knows how Förderfluss talks to PostgreSQL. `synchronize` is off for good:
 * the schema changes only through migrations/.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize' | 'databasePoolWaitMs' | 'databaseStatementTimeoutMs'>,
  entities: EntityList,
  migrations: MigrationList = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    // gen_random_uuid() is built into PostgreSQL 13+; no uuid-ossp extension needed.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    // Off: TypeORM would print failed queries with their parameters (password hashes, IBANs).
    logging: false,
    applicationName: 'foerderfluss',
    extra: {
      // TypeORM parses `url` itself and drops its query; libpq's startup options (e.g. the owner role
      // a migration connection works as, `?options=-c role=…`) are handed to pg here.
      ...startupOptions(config.databaseUrl),
      max: config.databasePoolSize,
      // Also the longest wait for a free pooled connection under load. A database that is gone
      // refuses at once (ECONNREFUSED) whatever this says; the pool reconnects on a later request.
      connectionTimeoutMillis: config.databasePoolWaitMs,
      statement_timeout: config.databaseStatementTimeoutMs,
      idle_in_transaction_session_timeout: 60000,
    },
  };
}

function startupOptions(url: string): { options?: string } {
  const options = new URL(url).searchParams.get('options');
  return options ? { options } : {};
}
