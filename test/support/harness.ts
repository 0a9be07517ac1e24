import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { INestApplicationContext } from '@nestjs/common';
import { Client, Pool } from 'pg';
import IORedis from 'ioredis';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppConfig, Clock, FixedClock, loadConfig, LogDestination } from '@foerderfluss/core';
import { dropDatabase, ensureDatabase } from '@foerderfluss/database';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp, installNotFoundFallback } from '../../apps/api/src/configure-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { asAppRole, asOwnerRole, databaseUrl, TEMPLATE_ENV, TEST_REDIS_URL } from './env';

export const DEMO_PASSWORD = 'Demo-Passwort-2026';

/** Quiet by default; TEST_LOG=1 shows the app's error log (e.g. the cause of an unexpected 500). */
const silent = { log: () => undefined, error: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined };
export const testLogger = process.env.TEST_LOG ? { ...silent, error: console.error, warn: console.warn } : silent;
export const DEMO = {
  admin: 'admin@demo.foerderfluss.de',
  staff: 'sachbearbeitung@demo.foerderfluss.de',
  approver: 'zeichnung@demo.foerderfluss.de',
  provider: 'traeger@demo.foerderfluss.de',
  provider2: 'traeger2@demo.foerderfluss.de',
  auditor: 'pruefung@demo.foerderfluss.de',
  /** Sachgebietsleitung: STAFF and APPROVER (issue 16), so staff and approver notifications reach her too. */
  sachgebietsleitung: 'sachgebietsleitung@demo.foerderfluss.de',
  /** ADMIN of the Land (issue 20): the programme's parameters for every Kreis. */
  landAdmin: 'land-admin@demo.foerderfluss.de',
  /** ADMIN of the Landkreis Greiz. */
  greizAdmin: 'admin.greiz@demo.foerderfluss.de',
} as const;

export interface TestContext {
  config: AppConfig;
  app: NestExpressApplication;
  http: () => TestAgent;
  /** Superuser connection to this file's own database (for setup and tampering); the app itself connects as the application role. */
  db: Pool;
  /** The business clock of the app (a FixedClock when `now` was given). */
  clock: Clock;
  login(email: string, password?: string): Promise<string>;
  /** `logDestination`: where the worker's job lines go (silent unless TEST_LOG=1). */
  startWorker(options?: { logDestination?: LogDestination }): Promise<INestApplicationContext>;
  /** Stops one worker (graceful shutdown: running jobs finish), e.g. to start another in its place. */
  stopWorker(worker: INestApplicationContext): Promise<void>;
  close(): Promise<void>;
}

export interface TestOptions {
  env?: Record<string, string>;
  /** Pin the business clock (ISO instant), so date rules give the same answer on every day the suite runs. */
  now?: string;
  /** Where the api's pino lines go (a stream to assert on them); silent unless TEST_LOG=1, so jest's output stays readable. */
  logDestination?: LogDestination;
  /** Run on this existing database (e.g. one a test restored) instead of a clone of the template; close() drops it all the same. */
  databaseUrl?: string;
}

/** A fresh database cloned from the migrated template, and a Redis key prefix of its own. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} not set: run through jest's e2e project (globalSetup)`);
  const name = `ff_t_${randomBytes(6).toString('hex')}`;
  const url = databaseUrl(name);
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureDatabase(url, template);
      return { name, url };
    } catch (err) {
      // Two files cloning the template in the same instant: PostgreSQL refuses one; try again.
      if (attempt < 20 && /being accessed by other users/.test((err as Error).message)) {
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        continue;
      }
      throw err;
    }
  }
}

/**
 * The app of a test connects as the application role (test/support/env.ts TEST_APP_ROLE), as in
 * production; migrations, seeds and `t.db` use the superuser, the owner of the test databases.
 */
export function testConfig(dbUrl: string, prefix: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: asAppRole(dbUrl),
    DATABASE_MIGRATION_URL: asOwnerRole(dbUrl),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    DATABASE_POOL_SIZE: '20',
    // Sweeps that would otherwise fire whenever the wall clock passes their minute (letters for the
    // whole demo year, reminders to demo users) run only when a test starts them.
    LETTERS_SCAN_CRON: '0 0 1 1 *',
    REMINDERS_CRON: '0 0 1 1 *',
    DUNNING_SCAN_CRON: '0 0 1 1 *',
    SCANS_ON_START: 'false',
    ...env,
  });
}

export async function createTestContext(options: TestOptions = {}): Promise<TestContext> {
  const url = asOwnerRole(options.databaseUrl ?? (await createTestDatabase()).url);
  const prefix = `fft_${randomBytes(5).toString('hex')}`;
  const config = testConfig(url, prefix, options.env);
  let builder = Test.createTestingModule({
    imports: [AppModule.register(config, { logDestination: options.logDestination ?? (process.env.TEST_LOG ? undefined : 'silent') })],
  }).setLogger(testLogger);
  if (options.now) builder = builder.overrideProvider(Clock).useValue(new FixedClock(config.timezone, new Date(options.now)));
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
  configureApp(app, config);
  await app.init();
  installNotFoundFallback(app);
  const db = new Pool({ connectionString: url, max: 5, application_name: 'ff-test-harness' });
  // close() drops the database WITH (FORCE); PostgreSQL may tell a client that is still closing
  // (57P01). Any other error on an idle connection is a real failure and must surface.
  db.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') throw err;
  });
  const workers: INestApplicationContext[] = [];

  const http = (): TestAgent => request(app.getHttpServer());
  return {
    config,
    app,
    http,
    db,
    clock: app.get(Clock),
    async login(email, password = DEMO_PASSWORD) {
      const res = await http().post('/api/v1/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { accessToken: string }).accessToken;
    },
    async startWorker(workerOptions = {}) {
      const logDestination = workerOptions.logDestination ?? (process.env.TEST_LOG ? undefined : 'silent');
      let workerBuilder = Test.createTestingModule({ imports: [WorkerModule.register(config, { logDestination })] }).setLogger(testLogger);
      // The worker stands on the same business day as the api (one FixedClock for both).
      if (options.now) workerBuilder = workerBuilder.overrideProvider(Clock).useValue(app.get(Clock));
      const ctx = await workerBuilder.compile();
      ctx.enableShutdownHooks();
      await ctx.init();
      workers.push(ctx);
      return ctx;
    },
    async stopWorker(worker) {
      const i = workers.indexOf(worker);
      if (i >= 0) workers.splice(i, 1);
      await worker.close();
    },
    async close() {
      for (const w of workers) await w.close();
      await app.close();
      await db.end();
      await dropDatabase(url);
      await deleteRedisPrefix(prefix);
    },
  };
}

export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A superuser connection that bypasses triggers, for tampering tests only. */
export async function superuserClient(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}
