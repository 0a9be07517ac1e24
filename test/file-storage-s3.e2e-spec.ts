/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { CreateMultipartUploadCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, balancedPlan } from './support/fixtures';
import { approvedDecision, type Tokens, yearWithCall } from './support/flow';
import { beleglisteXlsx, expenseRow } from './fixtures/belegliste';
import { FixedClock } from '@foerderfluss/core';
import { ExportRunner } from '@foerderfluss/exports';
import { TestS3Server } from '../libs/database/test/s3-server';
import { demoPdf } from '../seeds/demo/attachments';

/**
 * FILE_STORAGE=s3 end to end: the api and an in-process worker share no folder, only the bucket
 * (s3rver). An xlsx export is written by the worker and downloaded through the api; an Anlage is
 * uploaded and downloaded; a Belegliste uploaded to the api is imported by the worker; nothing
 * lands in FILE_STORAGE_DIR.
 */

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 30000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('files in an S3-compatible store (FILE_STORAGE=s3)', () => {
  const BUCKET = 'foerderfluss-e2e';
  const PREFIX = 'kreis';
  let s3: TestS3Server;
  let client: S3Client;
  let t: TestContext;
  let localDir: string;
  let worker: INestApplicationContext;
  let tk: Tokens;
  let ctx: { yearId: string; callId: string; year: number };

  const objectKeys = async (): Promise<string[]> => {
    const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PREFIX}/` }));
    return (page.Contents ?? []).map((o) => o.Key!).sort();
  };

  beforeAll(async () => {
    s3 = await TestS3Server.start();
    await s3.createBucket(BUCKET);
    client = s3.client();
    // The local folder is configured too, and must stay empty: proof that nothing bypasses the store.
    localDir = mkdtempSync(path.join(os.tmpdir(), 'ff-s3-e2e-local-'));
    t = await createTestContext({ now: '2026-11-25T10:00:00+01:00', env: { ...s3.env(BUCKET, PREFIX), FILE_STORAGE_DIR: localDir } });
    worker = await t.startWorker(); // closed with the context
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    ctx = await yearWithCall(t, tk, 2027);
  });
  afterAll(async () => {
    await t?.close();
    client?.destroy();
    await s3?.close();
    rmSync(localDir, { recursive: true, force: true });
  });

  it('an xlsx export is written by the worker into the bucket and downloaded through the api; the cleanup deletes it when expired and aborts a killed worker’s upload', async () => {
    const requested = await t.http().post('/api/v1/exports').set(bearer(tk.staff)).send({ type: 'APPROVALS', format: 'xlsx', filters: {} });
    expect([requested.status, requested.body]).toEqual([202, expect.anything()]);
    const id = requested.body.id as string;
    const done = await waitFor(
      async () => {
        const e = await t.http().get(`/api/v1/exports/${id}`).set(bearer(tk.staff));
        return e.body.status === 'COMPLETED' || e.body.status === 'FAILED' ? e.body : null;
      },
      30000,
      `export ${id}`,
    );
    expect(done).toMatchObject({ status: 'COMPLETED', fileAvailable: true, error: null });
    expect(done.rowsWritten).toBeGreaterThan(0);

    expect(await objectKeys()).toContain(`${PREFIX}/exports/${id}.xlsx`);
    const res = await t.http().get(`/api/v1/exports/${id}/file`).set(bearer(tk.staff)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThanOrEqual(done.rowsWritten + 1);
    expect(readdirSync(localDir)).toEqual([]);

    // The nightly cleanup on S3: the expired file goes (download then 404), and an upload a killed
    // worker left unfinished two hours ago is aborted.
    await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: `${PREFIX}/exports/abgebrochen.xlsx` }));
    await s3.ageUploads(BUCKET, new Date(Date.now() - 2 * 3600 * 1000));
    await t.db.query(`UPDATE export_job SET expires_at = timestamptz '2020-01-01T00:00:00Z' WHERE id = $1`, [id]);
    expect(await worker.get(ExportRunner).cleanup(new Date())).toMatchObject({ expired: 1, incomplete: 1 });
    expect(await objectKeys()).not.toContain(`${PREFIX}/exports/${id}.xlsx`);
    expect(await s3.uploads(BUCKET)).toEqual([]);
    const gone = await t.http().get(`/api/v1/exports/${id}/file`).set(bearer(tk.staff));
    expect([gone.status, gone.body.code]).toEqual([404, 'FILE_NOT_FOUND']);
  });

  it('an Anlage goes to the bucket, is downloaded from it, and its deletion removes the object', async () => {
    const app = await t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(applicationBody(ctx.callId, 2027, { financingPlan: balancedPlan('90000.00') }));
    expect(app.status).toBe(201);
    const pdf = demoPdf(['Satzung', 'Verein im Bucket e.V.']);
    const up = await t.http().post(`/api/v1/applications/${app.body.id}/attachments`).set(bearer(tk.provider)).field('kind', 'OTHER').attach('file', pdf, 'Satzung.pdf');
    expect(up.status).toBe(201);
    expect((await objectKeys()).filter((k) => k.startsWith(`${PREFIX}/attachments/`))).toHaveLength(1);

    const down = await t.http().get(`/api/v1/attachments/${up.body.id}/file`).set(bearer(tk.provider)).buffer(true).parse(binary);
    expect(down.status).toBe(200);
    expect(createHash('sha256').update(down.body as Buffer).digest('hex')).toBe(createHash('sha256').update(pdf).digest('hex'));

    await t.http().delete(`/api/v1/attachments/${up.body.id}`).set(bearer(tk.provider)).expect(204);
    expect((await objectKeys()).filter((k) => k.startsWith(`${PREFIX}/attachments/`))).toEqual([]);
    expect(readdirSync(localDir)).toEqual([]);
  });

  it('the Bescheid of an approval is rendered by the worker into the bucket and downloaded; a Belegliste uploaded to the api is read by the worker from the bucket and imported', async () => {
    const decision = await approvedDecision(t, tk, { ...ctx, financingType: 'DEFICIT' });
    const letter = await waitFor(
      async () => {
        const res = await t.http().get(`/api/v1/decisions/${decision.id}/letters`).set(bearer(tk.staff));
        return (res.body.items ?? []).find((l: any) => l.status === 'COMPLETED');
      },
      30000,
      'letter',
    );
    expect((await objectKeys()).filter((k) => k.startsWith(`${PREFIX}/letters/${decision.id}/`))).toHaveLength(1);
    const pdf = await t.http().get(`/api/v1/letters/${letter.id}/file`).set(bearer(tk.provider)).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const proof = await t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: decision.id, kind: 'FINAL' }).expect(201);
    // The Belege are dated in 2027: a Beleg dated after today is refused.
    (t.clock as FixedClock).set('2027-12-28T10:00:00Z');
    const file = path.join(localDir, '..', `${path.basename(localDir)}-belegliste.xlsx`);
    await beleglisteXlsx([expenseRow(1), expenseRow(2), expenseRow(3)], file);
    try {
      const up = await t.http().post(`/api/v1/proofs-of-use/${proof.body.id}/imports`).set(bearer(tk.provider)).attach('file', readFileSync(file), 'belegliste.xlsx');
      expect(up.status).toBe(202);
      expect(await objectKeys()).toContain(`${PREFIX}/imports/${proof.body.id}/${up.body.id}.xlsx`);
      const done = await waitFor(
        async () => {
          const res = await t.http().get(`/api/v1/proofs-of-use/${proof.body.id}/imports/${up.body.id}`).set(bearer(tk.provider));
          return ['COMPLETED', 'FAILED'].includes(res.body.status) ? res.body : null;
        },
        30000,
        'import',
      );
      expect(done).toMatchObject({ status: 'COMPLETED' });
      expect((await t.db.query('SELECT count(*)::int AS n FROM receipt WHERE proof_id = $1', [proof.body.id])).rows[0].n).toBe(3);
      expect(readdirSync(localDir)).toEqual([]);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
