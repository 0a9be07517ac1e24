import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { WorkerMetrics } from '../apps/worker/src/worker-metrics';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { freePort, waitFor } from './support/wait';

const PROBLEM = /^application\/problem\+json/;


type JobLine = { event?: string; jobId?: string; queue?: string; name?: string; requestId?: string | null; status?: string; durationMs?: number; level?: number; msg?: string };

/**
 * Issue 17 items 3 and 4 in the worker: the request id of the api request that enqueued a job is in
 * that job's log lines (and in the audit events and problem+json of the request), and the worker
 * serves its own /metrics on WORKER_METRICS_PORT under the METRICS_TOKEN rule.
 */
describe('worker: job log lines with the request id, and the worker /metrics', () => {
  let t: TestContext;
  let worker: INestApplicationContext;
  let port: number;
  let storageDir: string;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0));
      done();
    },
  });
  const jobLines = (): JobLine[] => lines.map((l) => JSON.parse(l) as JobLine).filter((l) => typeof l.event === 'string' && l.event.startsWith('job.'));
  const scrape = (token?: string) => fetch(`http://127.0.0.1:${port}/metrics`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    port = await freePort();
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'ff-obs-'));
    t = await createTestContext({ env: { WORKER_METRICS_PORT: String(port), METRICS_TOKEN: 'worker-scrape-token-0123456789', FILE_STORAGE_DIR: storageDir } });
    worker = await t.startWorker({ logDestination: sink });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it("an export's job lines carry the id of the request that asked for it, as do its problem+json answers and audit events", async () => {
    const token = await t.login(DEMO.staff);
    const requestId = 'obs-export-request-0001';
    const res = await t.http().post('/api/v1/exports').set(bearer(token)).set('X-Request-Id', requestId).send({ type: 'AUDIT_LOG', format: 'csv', filters: {} }).expect(202);
    expect(res.headers['x-request-id']).toBe(requestId);
    const exportId = res.body.id as string;

    const finish = await waitFor(() => jobLines().find((l) => l.event === 'job.finish' && l.requestId === requestId), 'the job.finish line of the export');
    expect(finish).toMatchObject({ queue: 'exports', name: 'exports.generate', status: 'completed', level: 30 });
    expect(finish.jobId).toContain(exportId);
    expect(typeof finish.durationMs).toBe('number');
    const start = jobLines().filter((l) => l.event === 'job.start' && l.jobId === finish.jobId);
    expect(start).toHaveLength(1);
    expect(start[0]).toMatchObject({ requestId, queue: 'exports', name: 'exports.generate' });

    // The same id on the audit event the request wrote.
    const events = await t.db.query(`SELECT action FROM audit_event WHERE request_id = $1`, [requestId]);
    expect(events.rows.map((r) => r.action)).toContain('export.request');
    // And in a problem+json answer under that id.
    const bad = await t.http().post('/api/v1/exports').set(bearer(token)).set('X-Request-Id', requestId).send({ type: 'LIST', format: 'pdf' }).expect(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    expect(bad.body.requestId).toBe(requestId);

    // The admin's job view names the request too, and the handler's payload stays ids only.
    const admin = await t.login(DEMO.admin);
    const job = (await t.http().get(`/api/v1/admin/jobs/exports/${encodeURIComponent(finish.jobId!)}`).set(bearer(admin)).expect(200)).body;
    expect(job).toMatchObject({ requestId, payloadIdsOnly: true, data: { exportId } });
    // No token reaches a worker line.
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toMatch(/Bearer /i);
  });

  it('a failing job is one error line with the request id, its duration and the reason', async () => {
    // A job no handler takes fails at once and for good. JobProducer refuses unknown names, so it
    // goes straight to BullMQ, with the meta JobProducer would have written.
    const { Queue } = await import('bullmq');
    const IORedis = (await import('ioredis')).default;
    const connection = new IORedis(t.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('maintenance', { connection, prefix: t.config.queuePrefix });
    try {
      await queue.add('no.such-job', { _meta: { requestId: 'obs-failing-request-0002' } }, { jobId: 'obs-no-handler', attempts: 1 });
      const fail = await waitFor(() => jobLines().find((l) => l.event === 'job.fail' && l.jobId === 'obs-no-handler'), 'the job.fail line');
      expect(fail).toMatchObject({ requestId: 'obs-failing-request-0002', queue: 'maintenance', name: 'no.such-job', status: 'failed', level: 50 });
      expect(typeof fail.durationMs).toBe('number');
      expect(fail.msg).toContain('no handler for job no.such-job');
      // One line for the failure, not a second one from BullMQ's failed event.
      await new Promise((r) => setTimeout(r, 300));
      expect(jobLines().filter((l) => l.event === 'job.fail' && l.jobId === 'obs-no-handler')).toHaveLength(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('serves /metrics on WORKER_METRICS_PORT: job durations, export rows, queue depth and the database pool, only with the token', async () => {
    expect(worker.get(WorkerMetrics).port).toBe(port);
    const refused = await scrape();
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(PROBLEM);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/Metrik-Token/);
    expect((await scrape('wrong-token')).status).toBe(401);

    const res = await scrape('worker-scrape-token-0123456789');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^ff_job_duration_seconds_count\{queue="exports",name="exports.generate",status="completed"\} 1$/m);
    expect(text).toMatch(/^ff_job_duration_seconds_count\{queue="maintenance",name="no.such-job",status="failed"\} 1$/m);
    const rows = /^ff_export_rows_total\{name="exports.generate"\} (\d+)$/m.exec(text);
    expect(Number(rows?.[1])).toBeGreaterThan(0);
    const written = (await t.db.query(`SELECT sum(rows_written)::int AS n FROM export_job WHERE status = 'COMPLETED'`)).rows[0].n as number;
    expect(Number(rows?.[1])).toBe(written);
    expect(text).toMatch(/^ff_queue_jobs\{queue="exports",state="waiting"\} 0$/m);
    expect(text).toMatch(/^ff_db_pool_connections\{state="total"\} \d+$/m);
    expect(text).toMatch(/^ff_db_pool_connections\{state="waiting"\} 0$/m);
    expect(text).toMatch(/^ff_db_pool_max 20$/m);
    expect(text).toMatch(/^ff_process_cpu_user_seconds_total /m);
    // Nothing but /metrics.
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
  });

  it('the api exports its database pool too', async () => {
    const text = (await t.http().get('/metrics').set('Authorization', 'Bearer worker-scrape-token-0123456789').expect(200)).text;
    expect(text).toMatch(/^ff_db_pool_connections\{state="idle"\} \d+$/m);
    expect(text).toMatch(/^ff_db_pool_max 20$/m);
  });
});
