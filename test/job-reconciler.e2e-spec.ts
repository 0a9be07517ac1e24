import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { INestApplicationContext } from '@nestjs/common';
import type { Client } from 'pg';
import { FixedClock } from '@foerderfluss/core';
import { jobId, JOB_RECORD_SOURCES, type JobRecordSource, JOBS } from '@foerderfluss/jobs';
import { JobReconciler } from '../apps/worker/src/job-reconciler';
import { WorkerMetrics } from '../apps/worker/src/worker-metrics';
import { bearer, createTestContext, DEMO, deleteRedisPrefix, superuserClient, TestContext } from './support/harness';
import { TEST_REDIS_URL } from './support/env';
import { approvedDecision, Tokens, yearWithCall } from './support/flow';
import { waitFor } from './support/wait';
import { beleglisteXlsx, expenseRow } from './fixtures/belegliste';

const IMPORT = 'proof-of-use.import-receipts' as const;
const EXPORT = 'exports.generate' as const;
const GRACE_SECONDS = 2;
const files = mkdtempSync(path.join(os.tmpdir(), 'ff-reconciler-test-'));

/**
 * Issue 18 item 3, "no job lost": records whose BullMQ job vanished (Redis flushed, keys deleted
 * mid-flight, a job taken and completed by another installation on the same prefix) are queued again
 * under the same job id, by the worker's check at start, by `jobs.reconcile` and by the admin retry,
 * and complete exactly once: one file, one set of rows, one mail, one completion event each.
 */
describe('job reconciler: no job lost', () => {
  let t: TestContext;
  let tk: Tokens;
  let yearId: string;
  let decisionId: string;
  let proofId: string;
  let worker: INestApplicationContext | null = null;
  let redis: IORedis;

  const startWorker = async () => (worker ??= await t.startWorker());
  const stopWorker = async () => {
    if (worker) await t.stopWorker(worker);
    worker = null;
  };
  const flushQueues = () => deleteRedisPrefix(t.config.queuePrefix);
  const pastGrace = () => new Promise((r) => setTimeout(r, GRACE_SECONDS * 1000 + 300));
  const one = async (sql: string, params: unknown[]) => (await t.db.query(sql, params)).rows[0];
  const count = async (sql: string, params: unknown[]) => Number((await t.db.query(sql, params)).rows[0].n);
  const auditCount = (action: string, entityId: string) => count('SELECT count(*) AS n FROM audit_event WHERE action = $1 AND entity_id = $2', [action, entityId]);
  const requestExport = async () =>
    (await t.http().post('/api/v1/exports').set(bearer(tk.staff)).send({ type: 'APPROVALS', format: 'csv', filters: { budgetYearId: yearId } }).expect(202)).body.id as string;
  const uploadImport = async (rows: number) => {
    const file = path.join(files, `liste-${rows}.xlsx`);
    await beleglisteXlsx(Array.from({ length: rows }, (_, i) => expenseRow(i + 1)), file);
    const res = await t.http().post(`/api/v1/proofs-of-use/${proofId}/imports`).set(bearer(tk.provider)).attach('file', readFileSync(file), 'liste.xlsx').expect(202);
    return res.body.id as string;
  };
  const exportDone = async (id: string) => {
    try {
      await waitFor(async () => ((await one('SELECT status FROM export_job WHERE id = $1', [id])).status === 'COMPLETED' ? true : null), `export ${id} completed`);
    } catch (err) {
      const row = await one('SELECT status, error, attempts FROM export_job WHERE id = $1', [id]);
      throw new Error(`${(err as Error).message}: ${JSON.stringify(row)}`, { cause: err });
    }
  };
  const importDone = (id: string) =>
    waitFor(async () => ((await one('SELECT status FROM receipt_import WHERE id = $1', [id])).status === 'COMPLETED' ? true : null), `import ${id} completed`);
  const receipts = () => count('SELECT count(*) AS n FROM receipt WHERE proof_id = $1', [proofId]);

  beforeAll(async () => {
    t = await createTestContext({
      now: '2026-11-25T10:00:00Z',
      env: {
        FILE_STORAGE_DIR: path.join(files, 'storage'),
        JOB_RECONCILE_GRACE_SECONDS: String(GRACE_SECONDS),
        // Only the runs this test starts: the schedules would otherwise hide what the start check did.
        JOB_RECONCILE_CRON: '0 0 1 1 *',
        MAIL_DRAIN_CRON: '0 0 1 1 *',
      },
    });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const ctx = await yearWithCall(t, tk, 2027);
    yearId = ctx.yearId;
    decisionId = (await approvedDecision(t, tk, { ...ctx, financingType: 'DEFICIT' })).id;
    proofId = (await t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId, kind: 'FINAL' }).expect(201)).body.id;
    // The Belege are dated in 2027 (a Beleg dated after today is refused).
    (t.clock as FixedClock).set('2027-12-28T10:00:00Z');
    redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('Redis flushed before any worker ran: the check at worker start queues every open export, import, letter and mail again, and each completes once', async () => {
    const queuedExport = await requestExport();
    const deadExport = await requestExport();
    const importId = await uploadImport(3);
    // A worker claimed this export and died (RUNNING, no lock held); then Redis lost everything.
    await t.db.query(`UPDATE export_job SET status = 'RUNNING', attempts = 1 WHERE id = $1`, [deadExport]);
    await flushQueues();

    const letters = (await t.db.query(`SELECT id FROM generated_document WHERE decision_id = $1 AND status IN ('PENDING', 'RENDERING')`, [decisionId])).rows.map((r) => r.id as string);
    const mails = (await t.db.query(`SELECT id FROM mail_outbox WHERE status = 'PENDING'`)).rows.map((r) => r.id as string);
    expect(letters.length).toBeGreaterThan(0);
    expect(mails.length).toBeGreaterThan(0);
    // The symptom of the issue: the VN is blocked by an import that will never run.
    const blocked = await t.http().post(`/api/v1/proofs-of-use/${proofId}/imports`).set(bearer(tk.provider)).attach('file', Buffer.from('x'), 'x.csv').expect(409);
    expect(blocked.body.code).toBe('IMPORT_ALREADY_RUNNING');

    await pastGrace();
    const w = await startWorker();
    await exportDone(queuedExport);
    await exportDone(deadExport);
    await importDone(importId);
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM generated_document WHERE id = ANY($1) AND status = 'COMPLETED'`, [letters])) === letters.length, 'letters rendered');
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM mail_outbox WHERE id = ANY($1) AND status = 'SENT'`, [mails])) === mails.length, 'mails sent');

    // Each once: one completion event, one file, the rows once, one mail each.
    for (const id of [queuedExport, deadExport]) {
      expect(await auditCount('export.complete', id)).toBe(1);
      expect(await auditCount('job.requeue', id)).toBe(1);
      const row = await one('SELECT file_key, attempts FROM export_job WHERE id = $1', [id]);
      expect(readFileSync(path.join(files, 'storage', row.file_key), 'utf8').length).toBeGreaterThan(0);
    }
    expect(await auditCount('receipt-import.complete', importId)).toBe(1);
    expect(await receipts()).toBe(3);
    for (const id of letters) {
      expect(await auditCount('letter.generate', id)).toBe(1);
      expect(await auditCount('job.requeue', id)).toBe(1);
    }
    for (const id of mails) expect(await count('SELECT count(*) AS n FROM mail_catchall WHERE outbox_id = $1', [id])).toBe(1);

    const requeued = (await t.db.query(`SELECT entity, entity_id, after FROM audit_event WHERE action = 'job.requeue' AND entity_id = $1`, [importId])).rows[0];
    expect(requeued).toMatchObject({ entity: 'ReceiptImport', after: { status: 'QUEUED', name: IMPORT, queue: 'imports', jobId: jobId(IMPORT, importId), previousState: 'missing', action: 'added', trigger: 'start' } });
    expect((await one(`SELECT after FROM audit_event WHERE action = 'job.requeue' AND entity_id = $1`, [deadExport])).after).toMatchObject({ status: 'RUNNING', action: 'added' });

    const metrics = await w.get(WorkerMetrics).registry.metrics();
    expect(metrics).toMatch(/^ff_jobs_reconciled_total\{name="exports.generate"\} 2$/m);
    expect(metrics).toMatch(/^ff_jobs_reconciled_total\{name="proof-of-use.import-receipts"\} 1$/m);
    expect(metrics).toMatch(new RegExp(`^ff_jobs_reconciled_total\\{name="mail.send"\\} ${mails.length}$`, 'm'));

    // Nothing open any more: a further run queues nothing.
    expect(await w.get(JobReconciler).reconcile('schedule', null)).toEqual({ checked: 0, requeued: 0 });
  });

  it('job keys deleted mid-flight: the running import and export are left to their worker (they hold their lock) and complete once; nothing is queued twice', async () => {
    await stopWorker();
    const exportId = await requestExport();
    const importId = await uploadImport(2);
    // Hold both runs at a point where they have begun: the import waits for its proof, the export for its row.
    const holder: Client = await superuserClient(t.config.databaseMigrationUrl);
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM proof_of_use WHERE id = $1 FOR UPDATE', [proofId]);
      await holder.query('SELECT id FROM export_job WHERE id = $1 FOR UPDATE', [exportId]);
      const w = await startWorker();
      await waitFor(async () => (await one('SELECT status FROM receipt_import WHERE id = $1', [importId])).status === 'RUNNING', 'import running');
      const exports = w.get<JobRecordSource[]>(JOB_RECORD_SOURCES).find((s) => s.name === EXPORT)!;
      const exportRecord = await waitFor(async () => (await exports.open({ id: exportId })).find((r) => r.busy), 'export locked by its run');
      expect(exportRecord.status).toBe('QUEUED');

      // Redis forgets both jobs while their workers run them.
      await flushQueues();
      await pastGrace();
      expect(await w.get(JobReconciler).reconcile('schedule', null)).toEqual({ checked: 0, requeued: 0 });
      await holder.query('COMMIT');
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    await importDone(importId);
    await exportDone(exportId);
    const w = worker!;
    expect(await w.get(JobReconciler).reconcile('schedule', null)).toEqual({ checked: 0, requeued: 0 });
    expect(await auditCount('export.complete', exportId)).toBe(1);
    expect(await auditCount('receipt-import.complete', importId)).toBe(1);
    expect(await auditCount('job.requeue', exportId)).toBe(0);
    expect(await auditCount('job.requeue', importId)).toBe(0);
    // REPLACE: the second list replaced the first, once.
    expect(await receipts()).toBe(2);
    expect((await one('SELECT attempts FROM export_job WHERE id = $1', [exportId])).attempts).toBe(1);
  });

  it('admin retry works on an orphan: an import whose job another installation completed, an export whose job is gone; a live job stays JOB_NOT_FAILED', async () => {
    await stopWorker();
    const importId = await uploadImport(4);
    const importJob = jobId(IMPORT, importId);
    // Another installation on the same QUEUE_PREFIX takes the job and "completes" it against its own database.
    const other = new Worker(JOBS[IMPORT].queue, async () => ({ status: 'MISSING' }), { connection: redis, prefix: t.config.queuePrefix });
    const queue = new Queue(JOBS[IMPORT].queue, { connection: redis, prefix: t.config.queuePrefix });
    try {
      await waitFor(async () => (await (await queue.getJob(importJob))?.getState()) === 'completed', 'job taken by the other installation');
    } finally {
      await other.close();
    }
    expect((await one('SELECT status FROM receipt_import WHERE id = $1', [importId])).status).toBe('QUEUED');

    const retried = await t.http().post(`/api/v1/admin/jobs/imports/${importJob}/retry`).set(bearer(tk.admin)).expect(200);
    expect(retried.body).toMatchObject({ id: importJob, name: IMPORT, state: 'waiting' });
    const event = await one(`SELECT after FROM audit_event WHERE action = 'job.retry' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [`imports/${importJob}`]);
    expect(event.after).toMatchObject({ name: IMPORT, orphan: { entity: 'ReceiptImport', id: importId, status: 'QUEUED', previousState: 'completed' } });
    // Now it waits for a worker: nothing to retry.
    expect((await t.http().post(`/api/v1/admin/jobs/imports/${importJob}/retry`).set(bearer(tk.admin)).expect(409)).body.code).toBe('JOB_NOT_FAILED');

    const exportId = await requestExport();
    const exportJob = jobId(EXPORT, exportId);
    await queue.close();
    const exports = new Queue(JOBS[EXPORT].queue, { connection: redis, prefix: t.config.queuePrefix });
    await (await exports.getJob(exportJob))!.remove();
    const again = await t.http().post(`/api/v1/admin/jobs/exports/${exportJob}/retry`).set(bearer(tk.admin)).expect(200);
    expect(again.body).toMatchObject({ id: exportJob, state: 'waiting' });
    await exports.close();
    // A job id no record waits for is still unknown.
    expect((await t.http().post(`/api/v1/admin/jobs/exports/${jobId(EXPORT, '00000000-0000-4000-8000-000000000000')}/retry`).set(bearer(tk.admin)).expect(404)).body.code).toBe('JOB_NOT_FOUND');

    await startWorker();
    await importDone(importId);
    await exportDone(exportId);
    expect(await auditCount('receipt-import.complete', importId)).toBe(1);
    expect(await auditCount('export.complete', exportId)).toBe(1);
    expect(await receipts()).toBe(4);
  });
});
