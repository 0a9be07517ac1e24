import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FixedClock } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { approvedDecision, Tokens, yearWithCall } from './support/flow';
import { applicationBody, balancedPlan } from './support/fixtures';
import { waitFor } from './support/wait';
import { beleglisteXlsx, expenseRow, HEADERS } from './fixtures/belegliste';
import { demoPdf } from '../seeds/demo/attachments';

const PROBLEM = /^application\/problem\+json/;
const files = mkdtempSync(path.join(os.tmpdir(), 'ff-uploads-test-'));
const storage = path.join(files, 'storage');
const BYTES_PER_HOUR = 100 * 1000;
const PENDING_RETRY_AFTER = 45;
const RETENTION_DAYS = 7;
/** An Anlage of 40 KB (a PDF with trailing white space, accepted by content). */
const PDF_40K = (() => {
  const pdf = demoPdf(['Satzung', 'Testverein e.V.']);
  return Buffer.concat([pdf, Buffer.alloc(40 * 1000 - pdf.length, 0x20)]);
})();

/** A hand-built multipart body: `filename*` (RFC 5987) delivers CR/LF and U+202E as characters, as a hostile client sends them. */
function multipart(data: Buffer, fileNameStar: string, fields: Record<string, string> = {}): { body: Buffer; type: string } {
  const boundary = `----ff${randomUUID()}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(fileNameStar)}\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Issue 18 item 4: per-user limits on pending uploads and on bytes per hour (429 problem+json in
 * German with Retry-After, nothing stored), original names stored clean, and the nightly cleanup of
 * failed imports' files and upload files no record names (the import rows stay, marked).
 */
describe('uploads: per-user limits, clean names, nightly cleanup', () => {
  let t: TestContext;
  let tk: Tokens;
  let proofA: string;
  let proofB: string;
  let applicationId: string;
  let providerUserId: string;
  let xlsx: Buffer;

  const uploadImport = (proofId: string, data: Buffer, name: string) => {
    const m = multipart(data, name, { mode: 'REPLACE' });
    return t.http().post(`/api/v1/proofs-of-use/${proofId}/imports`).set(bearer(tk.provider)).set('content-type', m.type).send(m.body);
  };
  const uploadAttachment = (data: Buffer, name: string) => {
    const m = multipart(data, name, { kind: 'OTHER' });
    return t.http().post(`/api/v1/applications/${applicationId}/attachments`).set(bearer(tk.provider)).set('content-type', m.type).send(m.body);
  };
  const importRow = async (id: string) => (await t.db.query('SELECT * FROM receipt_import WHERE id = $1', [id])).rows[0];
  const importsOf = async (proofId: string) => Number((await t.db.query('SELECT count(*) AS n FROM receipt_import WHERE proof_id = $1', [proofId])).rows[0].n);
  const ended = (id: string) => waitFor(async () => ['COMPLETED', 'FAILED'].includes((await importRow(id)).status) && importRow(id), `import ${id} ended`);
  const ageFile = (key: string, days: number) => {
    const at = new Date(Date.now() - days * 24 * 3600 * 1000);
    utimesSync(path.join(storage, key), at, at);
  };
  const putFile = (key: string, days: number) => {
    mkdirSync(path.dirname(path.join(storage, key)), { recursive: true });
    writeFileSync(path.join(storage, key), 'liegengeblieben');
    ageFile(key, days);
  };

  beforeAll(async () => {
    t = await createTestContext({
      now: '2026-11-25T10:00:00Z',
      env: {
        FILE_STORAGE_DIR: storage,
        UPLOAD_MAX_PENDING_PER_USER: '1',
        UPLOAD_MAX_BYTES_PER_HOUR: String(BYTES_PER_HOUR),
        UPLOAD_PENDING_RETRY_AFTER_SECONDS: String(PENDING_RETRY_AFTER),
        UPLOAD_RETENTION_DAYS: String(RETENTION_DAYS),
        UPLOAD_CLEANUP_CRON: '0 0 1 1 *',
        MAIL_DRAIN_CRON: '0 0 1 1 *',
        JOB_RECONCILE_CRON: '0 0 1 1 *',
      },
    });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const ctx = await yearWithCall(t, tk, 2027);
    const a = await approvedDecision(t, tk, { ...ctx, financingType: 'DEFICIT' });
    const b = await approvedDecision(t, tk, { ...ctx, financingType: 'DEFICIT' });
    // A draft Antrag takes (and gives up) Anlagen.
    applicationId = (await t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(applicationBody(ctx.callId, ctx.year, { financingPlan: balancedPlan('90000.00') })).expect(201)).body.id;
    proofA = (await t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: a.id, kind: 'FINAL' }).expect(201)).body.id;
    proofB = (await t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: b.id, kind: 'FINAL' }).expect(201)).body.id;
    providerUserId = (await t.db.query('SELECT id FROM app_user WHERE email = $1', [DEMO.provider])).rows[0].id;
    // The Belege are dated in 2027 (a Beleg dated after today is refused).
    (t.clock as FixedClock).set('2027-12-28T10:00:00Z');
    const file = path.join(files, 'liste.xlsx');
    await beleglisteXlsx([expenseRow(1), expenseRow(2)], file);
    xlsx = readFileSync(file);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('one pending import per user (as configured): the next upload to another VN is 429 with Retry-After, in German, and stores nothing; the stored name is clean, umlauts kept', async () => {
    const first = await uploadImport(proofA, xlsx, 'Beleg\r\nliste\u202E Müller\u0000.xlsx').expect(202);
    expect(first.body.originalName).toBe('Belegliste Müller.xlsx');
    expect((await importRow(first.body.id)).original_name).toBe('Belegliste Müller.xlsx');
    const event = (await t.db.query(`SELECT after FROM audit_event WHERE action = 'receipt-import.request' AND entity_id = $1`, [first.body.id])).rows[0];
    expect(event.after.originalName).toBe('Belegliste Müller.xlsx');

    const refused = await uploadImport(proofB, xlsx, 'liste.xlsx').expect(429);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.headers['retry-after']).toBe(String(PENDING_RETRY_AFTER));
    expect(refused.body).toMatchObject({ status: 429, code: 'UPLOAD_TOO_MANY_PENDING', errors: [{ path: 'file', message: 'Zu viele Uploads in Bearbeitung.' }] });
    expect(refused.body.detail).toBe('Es wird bereits eine Ihrer Beleglisten verarbeitet. Bitte warten Sie, bis sie abgeschlossen ist, und laden Sie die Datei dann erneut hoch.');
    expect(await importsOf(proofB)).toBe(0);
    expect(existsSync(path.join(storage, 'imports', proofB))).toBe(false);

    // Once the first is done, the next one is taken.
    await t.startWorker();
    expect((await ended(first.body.id)).status).toBe('COMPLETED');
    const second = await uploadImport(proofB, xlsx, 'liste.xlsx').expect(202);
    expect((await ended(second.body.id)).status).toBe('COMPLETED');
  });

  it('bytes per hour (as configured): the upload that would pass the limit is 429 with Retry-After until the oldest leaves the hour; nothing stored', async () => {
    // Both Beleglisten of the first test are in the user's ledger, beside the Anlagen of the Anträge (they share the hour).
    expect((await t.db.query(`SELECT bytes FROM upload_usage WHERE user_id = $1 AND kind = 'IMPORT'`, [providerUserId])).rows).toEqual([{ bytes: String(xlsx.length) }, { bytes: String(xlsx.length) }]);
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM upload_usage WHERE user_id = $1 AND kind = 'ATTACHMENT'`, [providerUserId])).rows[0].n)).toBeGreaterThan(0);
    await t.db.query('DELETE FROM upload_usage WHERE user_id = $1', [providerUserId]);
    await uploadAttachment(PDF_40K, 'Satzung 1.pdf').expect(201);
    const second = await uploadAttachment(PDF_40K, 'Satzung 2.pdf').expect(201);
    // Deleting an Anlage does not give its bytes back: the limit counts what was received.
    await t.http().delete(`/api/v1/attachments/${second.body.id}`).set(bearer(tk.provider)).expect(204);
    const before = Number((await t.db.query('SELECT count(*) AS n FROM attachment WHERE owner_id = $1', [applicationId])).rows[0].n);

    const refused = await uploadAttachment(PDF_40K, 'Satzung 3.pdf').expect(429);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.body).toMatchObject({ status: 429, code: 'UPLOAD_RATE_LIMITED', errors: [{ path: 'file' }] });
    expect(refused.body.detail).toBe('Sie haben in der letzten Stunde bereits 0,1 MB hochgeladen; je Stunde sind 0,1 MB möglich. Bitte versuchen Sie es in 60 Minuten erneut.');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(Number((await t.db.query('SELECT count(*) AS n FROM attachment WHERE owner_id = $1', [applicationId])).rows[0].n)).toBe(before);

    // An hour later the first upload has left the window.
    await t.db.query(`UPDATE upload_usage SET created_at = created_at - interval '61 minutes' WHERE user_id = $1`, [providerUserId]);
    await uploadAttachment(PDF_40K, 'Satzung 3.pdf').expect(201);
  });

  it('nightly cleanup: files of failed imports and upload files no record names go after the retention; the rows stay, marked; everything else stays', async () => {
    const failed = await uploadImport(proofA, Buffer.from(`${HEADERS.join(';')}\n`, 'utf8'), 'leer.csv').expect(202);
    expect((await ended(failed.body.id)).status).toBe('FAILED');
    const failedRow = await importRow(failed.body.id);
    const completed = (await t.db.query(`SELECT id, file_key FROM receipt_import WHERE proof_id = $1 AND status = 'COMPLETED' LIMIT 1`, [proofB])).rows[0];
    const attachment = (await t.db.query('SELECT storage_key FROM attachment WHERE owner_id = $1 LIMIT 1', [applicationId])).rows[0];
    await t.db.query(`UPDATE receipt_import SET finished_at = now() - interval '8 days' WHERE id = ANY($1)`, [[failed.body.id, completed.id]]);
    for (const key of [failedRow.file_key, completed.file_key, attachment.storage_key]) ageFile(key, RETENTION_DAYS + 1);
    const oldImportOrphan = `imports/${proofA}/${randomUUID()}.csv`;
    const oldAttachmentOrphan = `attachments/application/${applicationId}/${randomUUID()}.pdf`;
    const freshOrphan = `imports/${proofA}/${randomUUID()}.csv`;
    putFile(oldImportOrphan, RETENTION_DAYS + 1);
    putFile(oldAttachmentOrphan, RETENTION_DAYS + 1);
    putFile(freshOrphan, 0);
    await t.db.query(`INSERT INTO upload_usage (user_id, kind, bytes, created_at) VALUES ($1, 'IMPORT', 1, now() - interval '2 days')`, [providerUserId]);

    await t.http().post('/api/v1/admin/schedules/uploads.cleanup/run').set(bearer(tk.admin)).expect(202);
    await waitFor(async () => (await importRow(failed.body.id)).file_deleted_at !== null, 'failed import file deleted');
    await waitFor(() => !existsSync(path.join(storage, oldAttachmentOrphan)), 'attachment orphan deleted');

    expect(existsSync(path.join(storage, failedRow.file_key))).toBe(false);
    expect(existsSync(path.join(storage, oldImportOrphan))).toBe(false);
    // The failed import's row keeps what the Träger reads.
    const after = await importRow(failed.body.id);
    expect(after).toMatchObject({ status: 'FAILED', original_name: 'leer.csv' });
    expect(after.errors).toEqual(failedRow.errors);
    expect((await t.http().get(`/api/v1/proofs-of-use/${proofA}/imports/${failed.body.id}`).set(bearer(tk.provider)).expect(200)).body.status).toBe('FAILED');
    // What a record names, and what is younger than the retention, stays.
    expect(existsSync(path.join(storage, completed.file_key))).toBe(true);
    expect(existsSync(path.join(storage, attachment.storage_key))).toBe(true);
    expect(existsSync(path.join(storage, freshOrphan))).toBe(true);
    expect((await importRow(completed.id)).file_deleted_at).toBeNull();
    // Audited; the ledger keeps a day.
    const events = (await t.db.query(`SELECT action, after FROM audit_event WHERE action IN ('receipt-import.cleanup', 'attachment.cleanup') ORDER BY id`)).rows;
    expect(events).toEqual([
      { action: 'receipt-import.cleanup', after: { failedImportFiles: [failed.body.id], orphanFiles: 1, retentionDays: RETENTION_DAYS } },
      { action: 'attachment.cleanup', after: { orphanFiles: 1, keys: [oldAttachmentOrphan] } },
    ]);
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM upload_usage WHERE created_at < now() - interval '1 day'`)).rows[0].n)).toBe(0);
  });
});
