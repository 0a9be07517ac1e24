/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './support/fixtures';
import { TestS3Server } from '../libs/database/test/s3-server';
import { demoPdf } from '../seeds/demo/attachments';

/**
 * FILE_STORAGE=s3 end to end: the api and an in-process worker share no folder, only the bucket
 * (s3rver). An xlsx export is written by the worker and downloaded through the api; an Anlage is
 * uploaded and downloaded; nothing lands in FILE_STORAGE_DIR.
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
  let worker: INestApplicationContext;
  let localDir: string;
  let staff: string;
  let provider: string;

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
    worker = await t.startWorker();
    [staff, provider] = (await Promise.all([DEMO.staff, DEMO.provider].map((e) => t.login(e)))) as [string, string];
  });
  afterAll(async () => {
    await t?.close();
    client?.destroy();
    await s3?.close();
    rmSync(localDir, { recursive: true, force: true });
  });

  it('an xlsx export is written by the worker into the bucket and downloaded through the api', async () => {
    const requested = await t.http().post('/api/v1/exports').set(bearer(staff)).send({ type: 'APPROVALS', format: 'xlsx', filters: {} });
    expect([requested.status, requested.body]).toEqual([202, expect.anything()]);
    const id = requested.body.id as string;
    const done = await waitFor(
      async () => {
        const e = await t.http().get(`/api/v1/exports/${id}`).set(bearer(staff));
        return e.body.status === 'COMPLETED' || e.body.status === 'FAILED' ? e.body : null;
      },
      30000,
      `export ${id}`,
    );
    expect(done).toMatchObject({ status: 'COMPLETED', fileAvailable: true, error: null });
    expect(done.rowsWritten).toBeGreaterThan(0);

    expect(await objectKeys()).toContain(`${PREFIX}/exports/${id}.xlsx`);
    const res = await t.http().get(`/api/v1/exports/${id}/file`).set(bearer(staff)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThanOrEqual(done.rowsWritten + 1);
    expect(readdirSync(localDir)).toEqual([]);
    void worker;
  });

  it('an Anlage goes to the bucket, is downloaded from it, and its deletion removes the object', async () => {
    const year = await createBudgetYear(t, (await t.login(DEMO.admin))!, 2027);
    const call = await createPublishedCall(t, staff, year.id);
    const app = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(call.id, 2027, { financingPlan: balancedPlan('90000.00') }));
    expect(app.status).toBe(201);
    const pdf = demoPdf(['Satzung', 'Verein im Bucket e.V.']);
    const up = await t.http().post(`/api/v1/applications/${app.body.id}/attachments`).set(bearer(provider)).field('kind', 'OTHER').attach('file', pdf, 'Satzung.pdf');
    expect(up.status).toBe(201);
    expect((await objectKeys()).filter((k) => k.startsWith(`${PREFIX}/attachments/`))).toHaveLength(1);

    const down = await t.http().get(`/api/v1/attachments/${up.body.id}/file`).set(bearer(provider)).buffer(true).parse(binary);
    expect(down.status).toBe(200);
    expect(createHash('sha256').update(down.body as Buffer).digest('hex')).toBe(createHash('sha256').update(pdf).digest('hex'));

    await t.http().delete(`/api/v1/attachments/${up.body.id}`).set(bearer(provider)).expect(204);
    expect((await objectKeys()).filter((k) => k.startsWith(`${PREFIX}/attachments/`))).toEqual([]);
    expect(readdirSync(localDir)).toEqual([]);
  });
});
