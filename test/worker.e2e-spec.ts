import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { JOB_NAMES, JOBS } from '@foerderfluss/jobs';
import { JobRegistry } from '../apps/worker/src/job-registry';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { TEST_REDIS_URL } from './support/env';

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('worker', () => {
  let t: TestContext;
  let admin: string;

  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login(DEMO.admin);
  });
  afterAll(() => t.close());

  it('has exactly one handler for every declared job name, and none for undeclared ones', async () => {
    const worker = await t.startWorker();
    const names = worker.get(JobRegistry).discoveredNames();
    expect([...names].sort()).toEqual([...JOB_NAMES].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(() => worker.get(JobRegistry).resolve()).not.toThrow();
  });

  it('runs a requested chain verification through Redis and stores its result once', async () => {
    const requested = await t.http().post('/api/v1/audit-events/verifications').set(bearer(admin)).expect(202);
    expect(requested.body).toMatchObject({ status: 'PENDING', trigger: 'MANUAL' });
    const done = await waitFor(async () => {
      const res = await t.http().get(`/api/v1/audit-events/verifications/${requested.body.id}`).set(bearer(admin)).expect(200);
      return res.body.status === 'COMPLETED' ? res.body : null;
    });
    const total = await t.db.query('SELECT count(*)::int AS n FROM audit_event');
    // the request itself wrote one event, after the verification counted the chain or before it
    expect(done).toMatchObject({ valid: true, firstBrokenId: null });
    expect([total.rows[0].n, total.rows[0].n - 1]).toContain(done.checked);
    const list = await t.http().get('/api/v1/audit-events/verifications').set(bearer(admin)).expect(200);
    expect(list.body.items.filter((v: { id: string }) => v.id === requested.body.id)).toHaveLength(1);
    await t.http().get('/api/v1/audit-events/verifications').set(bearer(await t.login(DEMO.staff))).expect(403);
  });

  it('a duplicated job (same id, re-added after completion) does not store a second result', async () => {
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(JOBS['audit.verify-chain'].queue, { connection, prefix: t.config.queuePrefix });
    try {
      const before = (await t.db.query('SELECT count(*)::int AS n FROM audit_verification')).rows[0].n;
      await queue.add('audit.verify-chain', {}, { jobId: 'audit.verify-chain.manual-dup-test' });
      await waitFor(async () => {
        const r = await t.db.query(`SELECT status FROM audit_verification WHERE job_id = 'audit.verify-chain.manual-dup-test'`);
        return r.rows[0]?.status === 'COMPLETED' ? true : null;
      });
      // run the same job id again after removal: the handler finds the completed row and stops
      await queue.remove('audit.verify-chain.manual-dup-test');
      await queue.add('audit.verify-chain', {}, { jobId: 'audit.verify-chain.manual-dup-test' });
      await waitFor(async () => ((await queue.getJobCounts('completed')).completed >= 1 ? true : null));
      await new Promise((r) => setTimeout(r, 500));
      const after = (await t.db.query('SELECT count(*)::int AS n FROM audit_verification')).rows[0].n;
      expect(after).toBe(before + 1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('registers each schedule of the maintenance queue exactly once', async () => {
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(JOBS['audit.verify-chain'].queue, { connection, prefix: t.config.queuePrefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => ({ key: s.key, pattern: s.pattern })).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
        { key: 'audit.checkpoint.schedule', pattern: t.config.auditCheckpointCron },
        { key: 'audit.verify-chain.schedule', pattern: t.config.auditVerifyCron },
        { key: 'jobs.reconcile.schedule', pattern: t.config.jobReconcileCron },
        { key: 'uploads.cleanup.schedule', pattern: t.config.uploadCleanupCron },
      ]);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
