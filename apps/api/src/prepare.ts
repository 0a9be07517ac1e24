import type { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import type { AppConfig } from '@foerderfluss/core';
import { dataSourceOptions, ensureDatabase, runMigrations } from '@foerderfluss/database';
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

/**
 * Creates the database if missing, migrates (one replica at a time), applies seeds. `demoOpenCall:
 * false` leaves out the demo's open call of the year after today: the e2e template is the demo
 * history only, its tests create the budget years and calls they need.
 */
export async function prepareDatabase(config: AppConfig, logger: LoggerService, options: { demoOpenCall?: boolean } = {}): Promise<void> {
  try {
    if (await ensureDatabase(config.databaseUrl)) logger.log(`database created: ${new URL(config.databaseUrl).pathname.slice(1)}`);
  } catch (err) {
    throw new ServiceUnreachableError(`${PG_HINT}\n(${config.databaseUrl}: ${(err as Error).message})`);
  }
  const applied = await runMigrations(config.databaseUrl, MIGRATIONS);
  for (const name of applied) logger.log(`migration applied: ${name}`);

  const ds = new DataSource(dataSourceOptions({ ...config, databasePoolSize: 2 }, ALL_ENTITIES));
  await ds.initialize();
  try {
    const reference = await applyReferenceSeeds(ds);
    if (Object.keys(reference.changed).length > 0) logger.log(`reference data updated: ${JSON.stringify(reference.changed)}`);
    if (config.seedDemo) {
      const demo = await applyDemoSeeds(ds, config, { openCall: options.demoOpenCall ?? true });
      if (demo.organisations + demo.users + demo.budgetYears + demo.applications + demo.openCalls > 0) {
        logger.log(
          `demo data: ${demo.organisations} organisations, ${demo.users} users, ${demo.budgetYears} budget years, ${demo.applications} applications, ${demo.openCalls} open calls`,
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
