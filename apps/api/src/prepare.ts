import type { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import type { AppConfig } from '@foerderfluss/core';
import { APPEND_ONLY_TABLES } from '@foerderfluss/audit';
import { adoptOwnership, dataSourceOptions, ensureAppRole, ensureDatabase, ensureOwnerRole, grantAppRole, hasSeparateAppRole, roleOf, runMigrations } from '@foerderfluss/database';
import { MIGRATIONS } from '../../../migrations';
import { applyReferenceSeeds } from '../../../seeds/reference/apply';
import { applyDemoSeeds } from '../../../seeds/demo/apply';
import { ALL_ENTITIES } from './entities';

const PG_HINT =
  'PostgreSQL ist nicht erreichbar. Starten mit: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const REDIS_HINT =
  'Redis ist nicht erreichbar. Starten mit: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';

export class ServiceUnreachableError extends Error {
  override readonly name = 'ServiceUnreachableError';
}

/** The URL without its password, for messages. */
function shown(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Migrations as the owner role (DATABASE_MIGRATION_URL), then the application role's grants
 * (libs/database roles.ts): what `npm run migration:run` and prepare share.
 */
export async function migrateAndGrant(config: AppConfig, logger: LoggerService): Promise<string[]> {
  const applied = await runMigrations(config.databaseMigrationUrl, MIGRATIONS);
  if (hasSeparateAppRole(config)) await grantAppRole(config.databaseMigrationUrl, roleOf(config.databaseUrl), APPEND_ONLY_TABLES);
  else if (config.nodeEnv === 'production') {
    logger.warn?.(
      `api and worker connect as the owner role "${roleOf(config.databaseUrl)}": set DATABASE_MIGRATION_URL to the owner and DATABASE_URL to an application role (docs/operations.md, "PostgreSQL: two roles")`,
    );
  }
  return applied;
}

/**
 * Creates the database if missing (as the owner role), the application role if missing and the
 * owner may (a developer machine's superuser), migrates (one replica at a time), grants the
 * application role its rights and applies the seeds (as the owner). `demoOpenCall: false` leaves out
 * the demo's open call of the year after today: the e2e template is the demo history only, its tests
 * create the budget years and calls they need.
 */
export async function prepareDatabase(config: AppConfig, logger: LoggerService, options: { demoOpenCall?: boolean; demoHistory?: boolean } = {}): Promise<void> {
  const ownerUrl = config.databaseMigrationUrl;
  try {
    // The owner role first: a new database is created as its property.
    const owner = await ensureOwnerRole(ownerUrl);
    if (owner) logger.log(`database role created: ${owner}`);
    if (await ensureDatabase(ownerUrl)) logger.log(`database created: ${new URL(ownerUrl).pathname.slice(1)}`);
  } catch (err) {
    throw new ServiceUnreachableError(`${PG_HINT}\n(${shown(ownerUrl)}: ${(err as Error).message})`);
  }
  const adopted = await adoptOwnership(ownerUrl);
  if (adopted > 0) logger.log(`database objects handed to the owner role: ${adopted}`);
  if (hasSeparateAppRole(config) && (await ensureAppRole(ownerUrl, config.databaseUrl))) logger.log(`database role created: ${roleOf(config.databaseUrl)}`);
  const applied = await migrateAndGrant(config, logger);
  for (const name of applied) logger.log(`migration applied: ${name}`);

  const ds = new DataSource(dataSourceOptions({ ...config, databaseUrl: ownerUrl, databasePoolSize: 2 }, ALL_ENTITIES));
  await ds.initialize();
  try {
    const reference = await applyReferenceSeeds(ds);
    if (Object.keys(reference.changed).length > 0) logger.log(`reference data updated: ${JSON.stringify(reference.changed)}`);
    if (config.seedDemo) {
      const demo = await applyDemoSeeds(ds, config, { openCall: options.demoOpenCall ?? true, history: options.demoHistory ?? true });
      if (demo.organisations + demo.users + demo.budgetYears + demo.applications + demo.historyProjects + demo.indicatorTargets + demo.openCalls > 0) {
        logger.log(
          `demo data: ${demo.organisations} organisations, ${demo.users} users, ${demo.budgetYears} budget years, ${demo.applications} applications, ` +
            `${demo.historyProjects} settled projects of earlier years, ${demo.indicatorTargets} indicator targets, ${demo.openCalls} open calls`,
        );
      }
    }
  } finally {
    await ds.destroy();
  }
}

/** Fails with the command that starts Redis when it does not answer. */
export async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new ServiceUnreachableError(`${REDIS_HINT}\n(${url}: ${(err as Error).message})`);
  } finally {
    redis.disconnect();
  }
}
