import { createTestDatabase, testConfig, bearer, DEMO, DEMO_PASSWORD } from './support/harness';
import { createTestContext, TestContext } from './support/harness';
import { TcpProxy } from './support/tcp-proxy';
import { TEST_REDIS_URL } from './support/env';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { dropDatabase } from '@foerderfluss/database';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp, installNotFoundFallback } from '../apps/api/src/configure-app';

const PROBLEM = /^application\/problem\+json/;

describe('health with everything up', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('reports database and Redis up without login', async () => {
    const res = await t.http().get('/api/v1/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('tells the queue lag and the age of the last audit verification, as information that never fails health', async () => {
    const before = (await t.http().get('/api/v1/health').expect(200)).body;
    expect(before.details.queues).toMatchObject({ status: 'up', maxLagSeconds: 0 });
    expect(before.details.queues.queues).toEqual(expect.arrayContaining([{ queue: 'exports', waiting: 0, oldestWaitingSeconds: 0 }]));
    // Never verified: no age, not valid; still 200.
    expect(before.details.auditVerification).toEqual({ status: 'up', lastFinishedAt: null, ageSeconds: null, valid: false, lastCheckpointAt: null, checkpointAgeSeconds: null });

    // A job waiting for two minutes (no worker runs in this file), and a verification an hour old.
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('maintenance', { connection, prefix: t.config.queuePrefix });
    const finished = new Date(Date.now() - 3600_000);
    try {
      await queue.add('audit.verify-chain', {}, { jobId: 'health-lag-test', timestamp: Date.now() - 120_000 });
      await t.db.query(`INSERT INTO audit_verification (trigger, status, requested_at, finished_at, valid, checked) VALUES ('SCHEDULED', 'COMPLETED', $1, $1, true, 10)`, [finished]);
      const res = await t.http().get('/api/v1/health').expect(200);
      const maintenance = res.body.details.queues.queues.find((q: { queue: string }) => q.queue === 'maintenance');
      expect(maintenance.waiting).toBe(1);
      expect(maintenance.oldestWaitingSeconds).toBeGreaterThanOrEqual(120);
      expect(maintenance.oldestWaitingSeconds).toBeLessThan(180);
      expect(res.body.details.queues.maxLagSeconds).toBe(maintenance.oldestWaitingSeconds);
      expect(res.body.details.auditVerification).toMatchObject({ status: 'up', lastFinishedAt: finished.toISOString(), valid: true });
      expect(res.body.details.auditVerification.ageSeconds).toBeGreaterThanOrEqual(3600);
      expect(res.body.details.auditVerification.ageSeconds).toBeLessThan(3660);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });

  it('live answers without checking dependencies; ready checks database, Redis and migrations', async () => {
    expect((await t.http().get('/api/v1/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/api/v1/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } } });
  });

  it('ready answers 503 naming the schema while a migration is pending', async () => {
    const [last] = (await t.db.query('SELECT id, timestamp, name FROM schema_migration ORDER BY id DESC LIMIT 1')).rows;
    await t.db.query('DELETE FROM schema_migration WHERE id = $1', [last.id]);
    try {
      const res = await t.http().get('/api/v1/health/ready').expect(503);
      expect(res.body).toMatchObject({ code: 'HEALTH_CHECK_FAILED', checks: { database: 'up', redis: 'up', migrations: 'down' } });
      expect(res.body.detail).toBe('Nicht erreichbar: Datenbankschema (Migrationen ausstehend).');
      await t.http().get('/api/v1/health/live').expect(200);
    } finally {
      await t.db.query('INSERT INTO schema_migration (id, timestamp, name) VALUES ($1, $2, $3)', [last.id, last.timestamp, last.name]);
    }
  });
});

describe('Redis down (wrong port)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { REDIS_URL: 'redis://127.0.0.1:6399' } });
  });
  afterAll(() => t.close());

  it('health answers 503 problem+json naming Redis', async () => {
    const res = await t.http().get('/api/v1/health');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ code: 'HEALTH_CHECK_FAILED', status: 503, checks: { database: 'up', redis: 'down' } });
    expect(res.body.detail).toMatch(/Redis/);
    // The queue lag is unreadable now, but it is information: Redis alone is named as down.
    expect(res.body.checks).toMatchObject({ queues: 'up', auditVerification: 'up' });
    expect(res.body.detail).not.toMatch(/queues/);
  });

  it('live stays 200 (the process is up); ready answers 503', async () => {
    await t.http().get('/api/v1/health/live').expect(200);
    const res = await t.http().get('/api/v1/health/ready').expect(503);
    expect(res.body.checks).toMatchObject({ database: 'up', redis: 'down', migrations: 'up' });
  });

  it('read endpoints keep working', async () => {
    const token = await t.login(DEMO.auditor);
    await t.http().get('/api/v1/organisations').set(bearer(token)).expect(200);
    await t.http().get('/api/v1/audit-events/verify').set(bearer(token)).expect(200);
  });

  it('enqueueing fails fast with 503 and stores nothing', async () => {
    const token = await t.login(DEMO.admin);
    const started = Date.now();
    const res = await t.http().post('/api/v1/audit-events/verifications').set(bearer(token));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('JOBS_UNAVAILABLE');
    expect((await t.db.query('SELECT count(*)::int AS n FROM audit_verification')).rows[0].n).toBe(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'audit.verification.request'`)).rows[0].n).toBe(0);
  });
});

describe('database down during requests', () => {
  const proxy = new TcpProxy('127.0.0.1', 5432);
  let app: NestExpressApplication;
  let dbUrl: string;

  beforeAll(async () => {
    const db = await createTestDatabase();
    dbUrl = db.url;
    const port = await proxy.start();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(port);
    const config = testConfig(viaProxy.toString(), `fft_dbdown_${process.pid}`, { DATABASE_POOL_SIZE: '4' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] })
      .setLogger({ log: () => undefined, error: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined })
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
    configureApp(app, config);
    await app.init();
    installNotFoundFallback(app);
  });

  afterAll(async () => {
    await app.close();
    await proxy.stop();
    await dropDatabase(dbUrl);
  });

  it('answers 503 problem+json while the database is gone and recovers without a restart', async () => {
    const http = () => request(app.getHttpServer());
    const login = await http().post('/api/v1/auth/login').send({ email: DEMO.staff, password: DEMO_PASSWORD }).expect(200);
    const token = login.body.accessToken as string;
    const before = await http().get('/api/v1/organisations').set(bearer(token)).expect(200);

    await proxy.stop();
    const down = await http().get('/api/v1/organisations').set(bearer(token));
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(PROBLEM);
    expect(down.body.code).toMatch(/DATABASE_UNAVAILABLE/);
    const write = await http()
      .patch(`/api/v1/organisations/${before.body.items[0].id}/contact`)
      .set(bearer(token))
      .send({ contactName: 'Nie gespeichert' });
    expect(write.status).toBe(503);
    const health = await http().get('/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.body.checks).toMatchObject({ database: 'down' });

    await proxy.start(proxy.port);
    let recovered = 0;
    for (let i = 0; i < 20 && recovered !== 200; i++) {
      recovered = (await http().get('/api/v1/organisations').set(bearer(token))).status;
      if (recovered !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(200);
    const after = await http().get(`/api/v1/organisations/${before.body.items[0].id}`).set(bearer(token)).expect(200);
    expect(after.body.contactName).not.toBe('Nie gespeichert');
  });
});
