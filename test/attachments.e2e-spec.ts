/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, Tokens } from './support/flow';
import { zipArchive } from './fixtures/belegliste';
import { demoPdf } from '../seeds/demo/attachments';

const PROBLEM = /^application\/problem\+json/;
const files = mkdtempSync(path.join(os.tmpdir(), 'ff-attachment-test-'));
const storageDir = path.join(files, 'storage');
const MAX_BYTES = 64 * 1024;

const PDF = demoPdf(['Satzung', 'Testverein e.V.']);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), Buffer.from([0xff, 0xd9])]);
const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${s}`, 'utf8');
const DOCX = zipArchive([
  { name: '[Content_Types].xml', data: xml('<Types/>') },
  { name: 'word/document.xml', data: xml('<w:document/>') },
]);
const XLSX = zipArchive([
  { name: '[Content_Types].xml', data: xml('<Types/>') },
  { name: 'xl/workbook.xml', data: xml('<workbook/>') },
]);
const ODT = zipArchive([
  { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text'), store: true },
  { name: 'content.xml', data: xml('<office:document-content/>') },
]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0', 'latin1'), Buffer.alloc(200, 1)]);
const HTML = Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>', 'utf8');
const PLAIN_ZIP = zipArchive([{ name: 'readme.txt', data: Buffer.from('hallo') }]);

/**
 * A multipart body built by hand: supertest (form-data) reduces file names to their base name and
 * cannot send what a hostile client sends. `fileNameStar` goes as RFC 5987 `filename*`, which
 * busboy decodes (so CR/LF and U+202E arrive as characters).
 */
function multipart(file: { data: Buffer; fileName?: string; fileNameStar?: string } | null, fields: Record<string, string>): { body: Buffer; type: string } {
  const boundary = `----ff${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  if (file) {
    const name = file.fileNameStar !== undefined ? `filename*=UTF-8''${encodeURIComponent(file.fileNameStar)}` : `filename="${file.fileName ?? 'datei.bin'}"`;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; ${name}\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('Anlagen: upload, content check, list, download, delete, Pflichtanlagen, isolation', () => {
  let t: TestContext;
  let tk: Tokens;
  let year: number;
  let callId: string;
  let appId: string;

  const upload = (token: string, owner: string, data: Buffer, fileName: string, kind = 'OTHER') =>
    t.http().post(`/api/v1/${owner}/attachments`).set(bearer(token)).field('kind', kind).attach('file', data, fileName);
  const uploadRaw = (token: string, owner: string, file: Parameters<typeof multipart>[0], fields: Record<string, string> = { kind: 'OTHER' }) => {
    const m = multipart(file, fields);
    return t.http().post(`/api/v1/${owner}/attachments`).set(bearer(token)).set('content-type', m.type).send(m.body);
  };
  const download = (token: string, id: string) => t.http().get(`/api/v1/attachments/${id}/file`).set(bearer(token)).buffer(true).parse(binary);
  const newApplication = async () => {
    const res = await t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(applicationBody(callId, year, { financingPlan: balancedPlan('90000.00') }));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestContext({ now: '2026-11-25T10:00:00Z', env: { FILE_STORAGE_DIR: storageDir, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    year = 2027;
    const y = await createBudgetYear(t, tk.admin, year);
    const call = await createPublishedCall(t, tk.staff, y.id, { requiredAttachments: ['STATUTES', 'SIGNED_APPLICATION_FORM'] });
    callId = call.id;
    appId = await newApplication();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('the call names its Pflichtanlagen by code and German label; unknown codes are refused', async () => {
    const call = await t.http().get(`/api/v1/calls/${callId}`).set(bearer(tk.provider)).expect(200);
    expect(call.body.requiredAttachments).toEqual(['STATUTES', 'SIGNED_APPLICATION_FORM']);
    expect(call.body.requiredAttachmentKinds).toEqual([
      { kind: 'STATUTES', kindLabel: 'Satzung' },
      { kind: 'SIGNED_APPLICATION_FORM', kindLabel: 'unterschriebenes Antragsformular' },
    ]);
    const y = (await t.db.query(`SELECT budget_year_id FROM funding_call WHERE id = $1`, [callId])).rows[0].budget_year_id;
    const bad = await t.http().post('/api/v1/calls').set(bearer(tk.staff)).send({
      budgetYearId: y, title: 'X', text: 'Y', openingDate: '2026-09-01', deadline: '2026-12-15',
      eligibleFieldsOfAction: ['LANGUAGE_EDUCATION'], eligibleCostCategories: ['PERSONNEL'], targetSocialAreas: [], requiredAttachments: ['PASSPORT'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'requiredAttachments[0]' })]);
    const kinds = await t.http().get('/api/v1/reference/attachment-kinds').set(bearer(tk.provider)).expect(200);
    expect(kinds.body).toContainEqual({ kind: 'TAX_EXEMPTION', kindLabel: 'Freistellungsbescheid', requirable: true });
  });

  it('accepts PDF, PNG, JPEG, DOCX, XLSX and ODT by content and lists them with German kinds and the uploader by name', async () => {
    const cases: [Buffer, string, string, string][] = [
      [PDF, 'Satzung 2024.pdf', 'STATUTES', 'application/pdf'],
      [PNG, 'scan.png', 'OTHER', 'image/png'],
      [JPEG, 'foto.jpeg', 'OTHER', 'image/jpeg'],
      [DOCX, 'Konzept.docx', 'OTHER', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [XLSX, 'Stellenplan.xlsx', 'OTHER', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [ODT, 'Bericht.odt', 'OTHER', 'application/vnd.oasis.opendocument.text'],
    ];
    for (const [data, name, kind, type] of cases) {
      const res = await upload(tk.provider, `applications/${appId}`, data, name, kind);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind, fileName: name, contentType: type, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
      expect(res.body.uploadedBy.displayName).toBeTruthy();
      expect(res.body.uploadedBy.displayName).not.toContain('@');
    }
    const list = await t.http().get(`/api/v1/applications/${appId}/attachments`).set(bearer(tk.provider)).expect(200);
    // One clock instant in the test: the order within it is by id, so compare as a set.
    expect(list.body.items.map((i: any) => [i.fileName, i.kindLabel]).sort()).toEqual([
      ['Satzung 2024.pdf', 'Satzung'],
      ['scan.png', 'Sonstige Anlage'],
      ['foto.jpeg', 'Sonstige Anlage'],
      ['Konzept.docx', 'Sonstige Anlage'],
      ['Stellenplan.xlsx', 'Sonstige Anlage'],
      ['Bericht.odt', 'Sonstige Anlage'],
    ].sort());
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.requirements).toEqual([
      { kind: 'STATUTES', kindLabel: 'Satzung', fulfilled: true },
      { kind: 'SIGNED_APPLICATION_FORM', kindLabel: 'unterschriebenes Antragsformular', fulfilled: false },
    ]);
    expect(list.body.allowedKinds.map((k: any) => k.kind)).toEqual(['STATUTES', 'SIGNED_APPLICATION_FORM', 'OTHER']);
    const page = await t.http().get(`/api/v1/applications/${appId}/attachments?limit=4`).set(bearer(tk.provider)).expect(200);
    const rest = await t.http().get(`/api/v1/applications/${appId}/attachments?limit=4&cursor=${page.body.nextCursor}`).set(bearer(tk.provider)).expect(200);
    expect([...page.body.items, ...rest.body.items].map((i: any) => i.id)).toEqual(list.body.items.map((i: any) => i.id));
  });

  it('refuses by content what is not an allowed type, whatever its name, and stores nothing', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM attachment')).rows[0].n;
    for (const [data, name] of [
      [EXE, 'Satzung.pdf'],
      [HTML, 'Freistellungsbescheid.pdf'],
      [PLAIN_ZIP, 'Antrag.docx'],
      [Buffer.from('nur Text'), 'brief.odt'],
    ] as [Buffer, string][]) {
      const res = await upload(tk.provider, `applications/${appId}`, data, name);
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toBe('ATTACHMENT_UNSUPPORTED_TYPE');
      expect(res.body.detail).toContain('Erlaubt sind PDF');
    }
    const empty = await upload(tk.provider, `applications/${appId}`, Buffer.alloc(0), 'leer.pdf');
    expect(empty.status).toBe(400);
    const badKind = await upload(tk.provider, `applications/${appId}`, PDF, 'a.pdf', 'TAX_EXEMPTION');
    expect(badKind.status).toBe(422);
    expect(badKind.body.errors).toEqual([expect.objectContaining({ path: 'kind' })]);
    const noFile = await uploadRaw(tk.provider, `applications/${appId}`, null);
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors).toEqual([expect.objectContaining({ path: 'file' })]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM attachment')).rows[0].n).toBe(before);
  });

  it('refuses a file above ATTACHMENT_MAX_BYTES with 413 in German', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 0x20)]);
    const res = await upload(tk.provider, `applications/${appId}`, big, 'gross.pdf');
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(res.body.detail).toBe('Die Datei ist zu groß. Eine Anlage darf höchstens 0,1 MB groß sein.');
  });

  it('cleans file names of path parts, control characters and direction overrides; the name fits the content', async () => {
    const cases: [Parameters<typeof multipart>[0], string][] = [
      [{ data: PDF, fileNameStar: '../../etc/passwd.pdf' }, 'passwd.pdf'],
      [{ data: PDF, fileNameStar: 'C:\\Users\\x\\Satzung.pdf' }, 'Satzung.pdf'],
      [{ data: PDF, fileNameStar: 'Satz\r\nung\u0007.pdf' }, 'Satzung.pdf'],
      [{ data: PDF, fileNameStar: 'rechnung\u202Efdp.exe' }, 'rechnungfdp.exe.pdf'],
      [{ data: PNG, fileNameStar: '\u202E\u2066.png' }, 'Anlage.png'],
      [{ data: PDF, fileName: '../geheim.pdf' }, 'geheim.pdf'],
    ];
    for (const [file, expected] of cases) {
      const res = await uploadRaw(tk.provider, `applications/${appId}`, file);
      expect(res.status).toBe(201);
      expect(res.body.fileName).toBe(expected);
      const d = await download(tk.provider, res.body.id).expect(200);
      expect(d.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(expected)}`);
      expect(d.headers['content-disposition']).not.toMatch(/[\r\n]/);
      await t.http().delete(`/api/v1/attachments/${res.body.id}`).set(bearer(tk.provider)).expect(204);
    }
  });

  it('downloads the exact bytes with their content type; another Träger gets 404 everywhere, auditors and staff read', async () => {
    const list = await t.http().get(`/api/v1/applications/${appId}/attachments`).set(bearer(tk.provider)).expect(200);
    const pdf = list.body.items.find((i: any) => i.kind === 'STATUTES');
    const d = await download(tk.provider, pdf.id).expect(200);
    expect(d.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(d.body, PDF)).toBe(0);

    const other = tk.provider2;
    expect((await t.http().get(`/api/v1/applications/${appId}/attachments`).set(bearer(other))).status).toBe(404);
    expect((await download(other, pdf.id)).status).toBe(404);
    expect((await t.http().delete(`/api/v1/attachments/${pdf.id}`).set(bearer(other))).status).toBe(404);
    const up = await upload(other, `applications/${appId}`, PDF, 'fremd.pdf');
    expect(up.status).toBe(404);
    expect(up.body.code).toBe('APPLICATION_NOT_FOUND');

    const audited = await t.http().get(`/api/v1/applications/${appId}/attachments`).set(bearer(tk.auditor)).expect(200);
    expect(audited.body.items).toHaveLength(list.body.items.length);
    expect(Buffer.compare((await download(tk.auditor, pdf.id).expect(200)).body, PDF)).toBe(0);
    await t.http().get(`/api/v1/applications/${appId}/attachments`).set(bearer(tk.staff)).expect(200);
    expect((await upload(tk.staff, `applications/${appId}`, PDF, 'amt.pdf')).status).toBe(403);
    expect((await t.http().delete(`/api/v1/attachments/${pdf.id}`).set(bearer(tk.auditor))).status).toBe(403);
  });

  it('deletes while a draft (file gone), refuses submit naming the missing Pflichtanlage, then accepts; after submit nothing is deleted', async () => {
    const odt = (await t.http().get(`/api/v1/applications/${appId}/attachments`).set(bearer(tk.provider))).body.items.find((i: any) => i.fileName === 'Bericht.odt');
    const key = (await t.db.query('SELECT storage_key FROM attachment WHERE id = $1', [odt.id])).rows[0].storage_key;
    expect(existsSync(path.join(storageDir, key))).toBe(true);
    await t.http().delete(`/api/v1/attachments/${odt.id}`).set(bearer(tk.provider)).expect(204);
    expect(existsSync(path.join(storageDir, key))).toBe(false);
    expect((await download(tk.provider, odt.id)).status).toBe(404);

    const refused = await t.http().post(`/api/v1/applications/${appId}/submit`).set(bearer(tk.provider));
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.body.code).toBe('ATTACHMENTS_MISSING');
    expect(refused.body.detail).toBe('Es fehlt die Pflichtanlage: unterschriebenes Antragsformular.');
    expect(refused.body.errors).toEqual([{ path: 'attachments', message: expect.stringContaining('unterschriebenes Antragsformular') }]);

    const fresh = await newApplication();
    const both = await t.http().post(`/api/v1/applications/${fresh}/submit`).set(bearer(tk.provider));
    expect(both.body.detail).toBe('Es fehlen Pflichtanlagen: Satzung, unterschriebenes Antragsformular.');

    const signed = await upload(tk.provider, `applications/${appId}`, PDF, 'Antrag unterschrieben.pdf', 'SIGNED_APPLICATION_FORM').expect(201);
    await t.http().post(`/api/v1/applications/${appId}/submit`).set(bearer(tk.provider)).expect(200);
    const locked = await t.http().delete(`/api/v1/attachments/${signed.body.id}`).set(bearer(tk.provider));
    expect(locked.status).toBe(409);
    expect(locked.body.detail).toContain('Anlagen können nur');
    expect((await upload(tk.provider, `applications/${appId}`, PDF, 'spaet.pdf')).status).toBe(409);

    // After a request for changes the Träger adds to the Antrag; what went in with the submitted version stays.
    await t.http().post(`/api/v1/applications/${appId}/start-review`).set(bearer(tk.staff)).expect(200);
    await t.http().post(`/api/v1/applications/${appId}/request-changes`).set(bearer(tk.staff)).send({ text: 'Bitte die aktuelle Satzung nachreichen.' }).expect(200);
    expect((await t.http().delete(`/api/v1/attachments/${signed.body.id}`).set(bearer(tk.provider))).status).toBe(409);
    const newer = await upload(tk.provider, `applications/${appId}`, PDF, 'Satzung 2026.pdf', 'STATUTES').expect(201);
    await t.http().delete(`/api/v1/attachments/${newer.body.id}`).set(bearer(tk.provider)).expect(204);
  });

  it('Verwendungsnachweis: upload, list and delete on the draft; another Träger 404; kept with the proof', async () => {
    const plain = await createPublishedCall(t, tk.staff, (await t.db.query(`SELECT budget_year_id FROM funding_call WHERE id = $1`, [callId])).rows[0].budget_year_id);
    const decision = await approvedDecision(t, tk, { yearId: '', callId: plain.id, year });
    const proof = await t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: decision.id, kind: 'FINAL' }).expect(201);
    const owner = `proofs-of-use/${proof.body.id}`;
    const a = await upload(tk.provider, owner, PDF, 'Sachbericht Anlage.pdf').expect(201);
    expect(a.body).toMatchObject({ ownerType: 'PROOF_OF_USE', kindLabel: 'Sonstige Anlage' });
    const list = await t.http().get(`/api/v1/${owner}/attachments`).set(bearer(tk.provider)).expect(200);
    expect(list.body.items.map((i: any) => i.id)).toEqual([a.body.id]);
    expect(list.body.requirements).toEqual([]);
    expect((await upload(tk.provider, owner, PDF, 'x.pdf', 'STATUTES')).status).toBe(422);
    expect((await t.http().get(`/api/v1/${owner}/attachments`).set(bearer(tk.provider2))).status).toBe(404);
    expect((await upload(tk.provider2, owner, PDF, 'x.pdf')).status).toBe(404);
    await t.http().get(`/api/v1/${owner}/attachments`).set(bearer(tk.auditor)).expect(200);
    const b = await upload(tk.provider, owner, PNG, 'Foto.png').expect(201);
    await t.http().delete(`/api/v1/attachments/${b.body.id}`).set(bearer(tk.provider)).expect(204);

    // Retention: once the proof's retention date is set, the database keeps the row whoever deletes.
    await t.db.query(`UPDATE attachment SET retain_until = '2036-12-31' WHERE id = $1`, [a.body.id]);
    await expect(t.db.query('DELETE FROM attachment WHERE id = $1', [a.body.id])).rejects.toThrow(/retention/);
  });

  it('audits every upload, download and deletion', async () => {
    const rows = (await t.db.query(`SELECT action, count(*)::int AS n FROM audit_event WHERE entity = 'Attachment' GROUP BY action`)).rows;
    const n = Object.fromEntries(rows.map((r: any) => [r.action, r.n]));
    expect(n['attachment.uploaded']).toBeGreaterThanOrEqual(15);
    expect(n['attachment.downloaded']).toBeGreaterThanOrEqual(8);
    expect(n['attachment.deleted']).toBeGreaterThanOrEqual(9);
    const auditorDownloads = await t.db.query(
      `SELECT e.entity_id FROM audit_event e JOIN app_user u ON u.id = e.actor_id WHERE e.action = 'attachment.downloaded' AND u.email = $1`,
      [DEMO.auditor],
    );
    expect(auditorDownloads.rows).toHaveLength(1);
    const deleted = await t.db.query(`SELECT before FROM audit_event WHERE action = 'attachment.deleted' AND before->>'fileName' = 'Bericht.odt'`);
    expect(deleted.rows[0].before).toMatchObject({ kind: 'OTHER', contentType: 'application/vnd.oasis.opendocument.text' });
  });
});
