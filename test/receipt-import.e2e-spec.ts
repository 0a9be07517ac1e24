/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import IORedis from 'ioredis';
import type { INestApplicationContext } from '@nestjs/common';
import { FixedClock } from '@foerderfluss/core';
import { JOBS, jobId } from '@foerderfluss/jobs';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { TEST_REDIS_URL } from './support/env';
import { approvedDecision, Tokens, yearWithCall } from './support/flow';
import { beleglisteXlsx, expenseRow, HEADERS, SheetCell, xlsxBomb, xlsxLyingAboutItsSheet } from './fixtures/belegliste';

const PROBLEM = /^application\/problem\+json/;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const JOB = 'proof-of-use.import-receipts' as const;
const root = path.resolve(__dirname, '..');
const files = mkdtempSync(path.join(os.tmpdir(), 'ff-import-test-'));
const storageDir = path.join(files, 'storage');
/** Small limits so refusals are cheap to provoke; the kill test's 60.000 rows stay inside them. */
const ENV = {
  FILE_STORAGE_DIR: storageDir,
  // The spawned worker runs only the job under test, not the letters sweep a starting worker would run.
  SCANS_ON_START: 'false',
  IMPORT_MAX_BYTES: String(8 * 1024 * 1024),
  IMPORT_MAX_UNZIPPED_BYTES: String(100 * 1024 * 1024),
  IMPORT_MAX_ZIP_RATIO: '100',
  IMPORT_MAX_ROWS: '100000',
  // A dead worker's job is taken over within seconds, not the production 30-60 s.
  JOB_LOCK_DURATION_MS: '3000',
  JOB_STALLED_INTERVAL_MS: '1000',
};
const KILL_ROWS = 60000;

/**
 * The kill test runs the compiled worker (dist) as a child process, so it needs a build of the
 * current sources: it makes one itself when dist/ is missing or older (scripts/ensure-build.js)
 * rather than skipping, which would let the test pass without testing.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../scripts/ensure-build') as { ensureBuilt: (log?: (m: string) => void) => string | null };
ensureBuilt((m) => console.log(`receipt-import: ${m}`));

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 20000, stepMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

describe('Belegliste: template, upload checks, import job', () => {
  let t: TestContext;
  let tk: Tokens;
  let decision: { id: string; reference: string };
  let proofId: string;
  let worker: INestApplicationContext | null = null;
  let redis: IORedis;
  let queue: Queue;

  const upload = (token: string, content: Buffer | string, name: string, mode?: string) => {
    const req = t.http().post(`/api/v1/proofs-of-use/${proofId}/imports`).set(bearer(token));
    if (mode) req.field('mode', mode);
    return req.attach('file', typeof content === 'string' ? Buffer.from(content, 'utf8') : content, name);
  };
  const importRow = async (id: string) => (await t.db.query('SELECT * FROM receipt_import WHERE id = $1', [id])).rows[0];
  const receiptCount = async () => (await t.db.query('SELECT count(*)::int AS n FROM receipt WHERE proof_id = $1', [proofId])).rows[0].n as number;
  const storedFiles = () => (existsSync(path.join(storageDir, 'imports', proofId)) ? readdirSync(path.join(storageDir, 'imports', proofId)) : []);
  const jobCount = async () => Object.values(await queue.getJobCounts()).reduce((a, b) => a + b, 0);
  const ensureWorker = async () => {
    worker ??= await t.startWorker();
  };
  const finished = (id: string, timeoutMs = 30000) =>
    waitFor(async () => {
      const res = await t.http().get(`/api/v1/proofs-of-use/${proofId}/imports/${id}`).set(bearer(tk.provider));
      return ['COMPLETED', 'FAILED'].includes(res.body.status) ? res.body : null;
    }, timeoutMs);

  beforeAll(async () => {
    t = await createTestContext({ now: '2026-11-25T10:00:00Z', env: ENV });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const ctx = await yearWithCall(t, tk, 2027);
    decision = await approvedDecision(t, tk, { ...ctx, financingType: 'DEFICIT' });
    const proof = await t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: decision.id, kind: 'FINAL' }).expect(201);
    proofId = proof.body.id;
    // The Belege are dated in 2027: the business clock stands at the end of that year (a Beleg
    // dated after today is refused).
    (t.clock as FixedClock).set('2027-12-28T10:00:00Z');
    redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(JOBS[JOB].queue, { connection: redis, prefix: t.config.queuePrefix });
  });
  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await t?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('template: German headers, frozen header row, formats, drop-downs from the approved plan, Hinweise; 404 for another Träger', async () => {
    const res = await t
      .http()
      .get(`/api/v1/decisions/${decision.id}/receipt-template`)
      .set(bearer(tk.provider))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain(`filename="Belegliste_${decision.reference}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Belegliste', 'visible'],
      ['Hinweise', 'visible'],
      ['Listen', 'hidden'],
    ]);
    const sheet = wb.getWorksheet('Belegliste')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect([3, 4].map((c) => sheet.getColumn(c).numFmt)).toEqual(['dd.mm.yyyy', 'dd.mm.yyyy']);
    expect([9, 10, 12].map((c) => sheet.getColumn(c).numFmt)).toEqual(Array(3).fill('#,##0.00 "€"'));
    expect(sheet.getColumn(11).numFmt).toBe('0.00%');
    const dv = (sheet as any).dataValidations.model as Record<string, ExcelJS.DataValidation>;
    expect(dv.H2).toMatchObject({ type: 'list', formulae: ['Listen!$A$2:$A$7'] });
    // the drop-down offers German names; the codes stand beside them for the import
    expect(dv.H100001).toEqual(dv.H2);
    expect(dv.G2).toMatchObject({ type: 'list', formulae: ['"Einnahme,Ausgabe"'] });
    expect(dv.M2).toMatchObject({ type: 'list', formulae: ['Listen!$C$2:$C$3'] });
    const lists = wb.getWorksheet('Listen')!;
    expect((lists.getColumn(1).values as unknown[]).slice(2)).toEqual(['Personalausgaben', 'Sach- und Verwaltungsausgaben', 'Honorare', 'Eigenmittel', 'Drittmittel', 'Einnahmen/Erlöse']);
    expect((lists.getColumn(2).values as unknown[]).slice(2)).toEqual(['PERSONNEL', 'MATERIAL_ADMIN', 'FEES', 'OWN_FUNDS', 'THIRD_PARTY', 'REVENUE']);
    expect((lists.getColumn(3).values as unknown[]).slice(2)).toEqual(['Sozialberater/in', 'Verwaltungskraft']);
    const notes = (wb.getWorksheet('Hinweise')!.getSheetValues() as unknown[][]).flat().filter((v) => typeof v === 'string').join('\n');
    expect(notes).toContain(decision.reference);
    expect(notes).toContain('01.01.2027 – 31.12.2027');
    expect(notes).toMatch(/Bruttobetrag einschließlich Umsatzsteuer|Nettobeträge/);
    expect(notes).toContain('Zeile 17, Spalte Zahlungsdatum');

    await t.http().get(`/api/v1/decisions/${decision.id}/receipt-template`).set(bearer(tk.staff)).expect(200);
    await t.http().get(`/api/v1/decisions/${decision.id}/receipt-template`).set(bearer(tk.auditor)).expect(200);
    const other = await t.http().get(`/api/v1/decisions/${decision.id}/receipt-template`).set(bearer(tk.provider2)).expect(404);
    expect(other.headers['content-type']).toMatch(PROBLEM);
  });

  it('refuses before storing or queueing: oversized file (413), zip bomb (413 / 400), text named .xlsx (415); nothing left behind', async () => {
    const jobsBefore = await jobCount();
    const tooBig = await upload(tk.provider, Buffer.alloc(9 * 1024 * 1024, 0x41), 'gross.xlsx').expect(413);
    expect(tooBig.headers['content-type']).toMatch(PROBLEM);
    expect(tooBig.body).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', status: 413 });
    expect(tooBig.body.detail).toMatch(/höchstens 8 MB/);

    // 120 MB of spaces in 120 KB: more unpacked than allowed
    const bomb = await upload(tk.provider, xlsxBomb(120 * 1024 * 1024), 'belegliste.xlsx').expect(413);
    expect(bomb.body).toMatchObject({ code: 'IMPORT_UNPACKED_TOO_LARGE' });
    // 4 MB in 4 KB: within the size limit, but a compression ratio no spreadsheet has
    const dense = await upload(tk.provider, xlsxBomb(4 * 1024 * 1024), 'belegliste.xlsx').expect(400);
    expect(dense.body).toMatchObject({ code: 'IMPORT_SUSPICIOUS_COMPRESSION' });
    expect(dense.body.detail).toMatch(/Sicherheitsgründen/);

    const text = await upload(tk.provider, 'Sehr geehrte Damen und Herren,\nanbei die Belege.\n', 'belegliste.xlsx').expect(415);
    expect(text.headers['content-type']).toMatch(PROBLEM);
    expect(text.body).toMatchObject({ code: 'IMPORT_UNSUPPORTED_FORMAT', status: 415 });
    expect(text.body.detail).toMatch(/weder eine Excel-Datei/);
    const legacy = await upload(tk.provider, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'alt.xls').expect(415);
    expect(legacy.body.detail).toMatch(/\.xls/);

    const none = await t.http().post(`/api/v1/proofs-of-use/${proofId}/imports`).set(bearer(tk.provider)).field('mode', 'REPLACE').expect(400);
    expect(none.body.code).toBe('IMPORT_FILE_MISSING');

    expect((await t.db.query('SELECT count(*)::int AS n FROM receipt_import WHERE proof_id = $1', [proofId])).rows[0].n).toBe(0);
    expect(storedFiles()).toEqual([]);
    expect(await jobCount()).toBe(jobsBefore);
  });

  it('Träger isolation: another Träger gets 404 on upload, list and status; staff and auditors read', async () => {
    const file = path.join(files, 'isolation.xlsx');
    await beleglisteXlsx([expenseRow(1)], file);
    const own = await upload(tk.provider, readFileSync(file), 'isolation.xlsx').expect(202);
    expect(own.body).toMatchObject({ status: 'QUEUED', format: 'XLSX', mode: 'REPLACE', originalName: 'isolation.xlsx', progress: 0 });
    const foreign = await upload(tk.provider2, readFileSync(file), 'fremd.xlsx').expect(404);
    expect(foreign.headers['content-type']).toMatch(PROBLEM);
    await t.http().get(`/api/v1/proofs-of-use/${proofId}/imports`).set(bearer(tk.provider2)).expect(404);
    await t.http().get(`/api/v1/proofs-of-use/${proofId}/imports/${own.body.id}`).set(bearer(tk.provider2)).expect(404);
    await upload(tk.staff, readFileSync(file), 'staff.xlsx').expect(403);
    const list = await t.http().get(`/api/v1/proofs-of-use/${proofId}/imports`).set(bearer(tk.auditor)).expect(200);
    expect(list.body.items.map((i: any) => i.id)).toEqual([own.body.id]);
    // a second upload while the first waits is refused
    expect((await upload(tk.provider, readFileSync(file), 'noch-einmal.xlsx').expect(409)).body.code).toBe('IMPORT_ALREADY_RUNNING');
    // the worker is not running yet: the queued import runs once a worker starts (see the kill test)
    await ensureWorker();
    expect((await finished(own.body.id)).status).toBe('COMPLETED');
  });

  it(
    'a worker killed with SIGKILL mid-import leaves no partial rows; BullMQ hands the job to the next worker, which completes it once',
    async () => {
      // stop the in-process worker: only the child may take the job
      if (worker) await t.stopWorker(worker);
      worker = null;
      const before = (await t.db.query('SELECT id FROM receipt WHERE proof_id = $1 ORDER BY id', [proofId])).rows.map((r) => r.id);
      expect(before.length).toBe(1);
      const file = path.join(files, 'gross.xlsx');
      await beleglisteXlsx((function* () {
        for (let i = 1; i <= KILL_ROWS; i++) yield expenseRow(i);
      })(), file);
      const up = await upload(tk.provider, readFileSync(file), 'gross.xlsx').expect(202);
      const id = up.body.id as string;

      // exceljs's reader buffers sheets in temp files, which a killed process cannot remove: give
      // the child a temp dir inside this file's own folder, deleted in afterAll.
      const childTmp = mkdtempSync(path.join(files, 'tmp-'));
      let child: ChildProcess | null = spawn(process.execPath, [path.join(root, 'dist/apps/worker/src/main.js')], {
        env: { ...process.env, ...ENV, TMPDIR: childTmp, NODE_ENV: 'test', TEST_CLOCK_NOW: t.clock.now().toISOString(), DATABASE_URL: t.config.databaseUrl, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: t.config.queuePrefix, JWT_SECRET: t.config.jwtSecret, LOG_LEVEL: 'error' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      try {
        // RUNNING with rows read but not all: the child's transaction is open mid-file
        const mid = await waitFor(async () => {
          const r = await importRow(id);
          return r.status === 'RUNNING' && r.rows_read > 0 ? r : null;
        }, 30000, 20);
        expect(mid.rows_read).toBeLessThan(KILL_ROWS);
        const exited = new Promise((resolve) => child!.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        child = null;
      } finally {
        child?.kill('SIGKILL');
      }
      // PostgreSQL rolls the dead connection's transaction back; then its advisory lock is free
      await waitFor(async () => {
        const c = await t.db.connect();
        try {
          await c.query('BEGIN');
          const { rows } = await c.query(`SELECT pg_try_advisory_xact_lock(hashtext('receipt_import'), hashtext($1)) AS free`, [id]);
          return rows[0].free as boolean;
        } finally {
          await c.query('ROLLBACK');
          c.release();
        }
      });
      expect((await t.db.query('SELECT id FROM receipt WHERE proof_id = $1 ORDER BY id', [proofId])).rows.map((r) => r.id)).toEqual(before);
      expect((await importRow(id)).status).toBe('RUNNING');

      // BullMQ's stalled-job recovery: the dead worker's lock expires (JOB_LOCK_DURATION_MS), the next
      // worker's stalled check moves the job back to wait, and `process` takes the RUNNING import over.
      const job = jobId(JOB, id);
      expect(await queue.getJobState(job)).toBe('active');
      await ensureWorker();
      const done = await finished(id, 40000);
      expect(done).toMatchObject({ status: 'COMPLETED', rowsRead: KILL_ROWS, rowsImported: KILL_ROWS, progress: 100, errors: [] });
      expect(await receiptCount()).toBe(KILL_ROWS);
      const completions = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'receipt-import.complete' AND entity_id = $1`, [id]);
      expect(completions.rows[0].n).toBe(1);
      const finishedJob = (await queue.getJob(job))!;
      expect(await finishedJob.getState()).toBe('completed');
      // it ran twice (the killed attempt and the recovered one) but counts as one stalled job, not a failure
      expect({ stalled: finishedJob.stalledCounter, attemptsMade: finishedJob.attemptsMade }).toEqual({ stalled: 1, attemptsMade: 1 });
      // a duplicated job for the same import finds it COMPLETED and does nothing
      await queue.add(JOB, { importId: id }, { jobId: `${job}.dup` });
      await waitFor(async () => ((await queue.getJobState(`${job}.dup`)) === 'completed' ? true : null));
      expect((await queue.getJob(`${job}.dup`))!.returnvalue).toMatchObject({ status: 'COMPLETED', processed: false });
      expect(await receiptCount()).toBe(KILL_ROWS);
    },
    60000,
  );

  it('imports a good xlsx (REPLACE): dates, amounts from number, text and formula cells, percent cells; progress and audit', async () => {
    await ensureWorker();
    const rows: SheetCell[][] = [
      [1, 'R-2027-001', { date: '2027-01-10' }, { date: '2027-01-15' }, 'Vermieter Altenburg GmbH', 'Miete Januar', 'Ausgabe', 'MATERIAL_ADMIN', 1190, 190, null, null, null],
      // =100*0.7 + 0.1 + 0.2 is stored as 70.30000000000001; Excel shows (and we take) 70.3
      [2, 'R-2027-002', { date: '2027-02-01' }, { date: '2027-02-03' }, 'Weber Sprachmittlung', 'Dolmetschen', 'ausgabe', 'fees', { formula: '100*0.7+0.1+0.2', result: 70.30000000000001 }, null, { percent: 0.5 }, null, null],
      [3, 'G-01/2027', '31.01.2027', '2027-01-31', 'Gehaltsabrechnung', 'Gehalt Januar', 'Ausgabe', 'Personalausgaben', '5.000,00', null, null, '5000', 'Sozialberater/in'],
      [4, 'E-1', { date: '2027-03-01' }, { date: '2027-03-01' }, 'Stiftung Bürgerhilfe', 'Zuschuss', 'Einnahme', 'THIRD_PARTY', 2500.5, null, null, null, null],
      [null, null, null, null, null, null, null, null, null, null, null, null, null],
    ];
    const file = path.join(files, 'gut.xlsx');
    await beleglisteXlsx(rows, file);
    const up = await upload(tk.provider, readFileSync(file), 'Belegliste Januar.xlsx').expect(202);
    const done = await finished(up.body.id);
    expect(done).toMatchObject({ status: 'COMPLETED', rowsRead: 4, rowsImported: 4, progress: 100, errors: [] });
    const receipts = await t.db.query(
      `SELECT position, receipt_number, to_char(receipt_date, 'YYYY-MM-DD') AS rd, to_char(payment_date, 'YYYY-MM-DD') AS pd, direction, cost_category,
              gross_amount::text AS gross, vat_amount::text AS vat, project_share_percent::text AS share, eligible_amount::text AS eligible, personnel_position
         FROM receipt WHERE proof_id = $1 ORDER BY position`,
      [proofId],
    );
    expect(receipts.rows).toEqual([
      { position: 1, receipt_number: 'R-2027-001', rd: '2027-01-10', pd: '2027-01-15', direction: 'EXPENSE', cost_category: 'MATERIAL_ADMIN', gross: '1190.00', vat: '190.00', share: '100.000000', eligible: '1190.00', personnel_position: null },
      { position: 2, receipt_number: 'R-2027-002', rd: '2027-02-01', pd: '2027-02-03', direction: 'EXPENSE', cost_category: 'FEES', gross: '70.30', vat: '0.00', share: '50.000000', eligible: '35.15', personnel_position: null },
      { position: 3, receipt_number: 'G-01/2027', rd: '2027-01-31', pd: '2027-01-31', direction: 'EXPENSE', cost_category: 'PERSONNEL', gross: '5000.00', vat: '0.00', share: '100.000000', eligible: '5000.00', personnel_position: 'Sozialberater/in' },
      { position: 4, receipt_number: 'E-1', rd: '2027-03-01', pd: '2027-03-01', direction: 'INCOME', cost_category: 'THIRD_PARTY', gross: '2500.50', vat: '0.00', share: '100.000000', eligible: '2500.50', personnel_position: null },
    ]);
    const audit = await t.db.query(
      `SELECT after, e.district_id = p.district_id AS own_kreis FROM audit_event e JOIN proof_of_use p ON p.id = $2 WHERE action = 'receipt-import.complete' AND entity_id = $1`,
      [up.body.id, proofId],
    );
    // The import runs as the proof's Kreis (issue 20): its event is in that Kreis's audit log.
    expect(audit.rows[0].own_kreis).toBe(true);
    expect(audit.rows[0].after).toMatchObject({ proofId, mode: 'REPLACE', rowsImported: 4, receiptsReplaced: receiptsBeforeGoodImport(), eligibleExpenses: '6225.15', income: '2500.50' });
    expect(storedFiles()).toContain(`${up.body.id}.xlsx`);
    const list = await t.http().get(`/api/v1/proofs-of-use/${proofId}/imports?limit=1`).set(bearer(tk.provider)).expect(200);
    expect(list.body.items[0].id).toBe(up.body.id);
    expect(list.body.nextCursor).toEqual(expect.any(String));
  });

  it('imports a CSV (APPEND, semicolon, BOM, German numbers and dates) after the existing receipts', async () => {
    await ensureWorker();
    const csv =
      '\uFEFFlfd. Nr.;Belegnummer;Belegdatum;Zahlungsdatum;Empfänger/Einzahler;Grund;Einnahme/Ausgabe;Kostenart;Bruttobetrag;USt.;Projektanteil %;zuwendungsfähiger Betrag;Personalstelle\r\n' +
      ';R-2027-101;05.04.2027;07.04.2027;"Büro & Co; GmbH";Toner;Ausgabe;MATERIAL_ADMIN;1.234,56 €;;80 %;;\r\n' +
      ';R-2027-102;2027-04-10;2027-04-12;Weber Sprachmittlung;Honorar;Ausgabe;FEES;99.90;;;;\r\n';
    const up = await upload(tk.provider, csv, 'belege.csv', 'APPEND').expect(202);
    expect(up.body).toMatchObject({ format: 'CSV', mode: 'APPEND' });
    expect(await finished(up.body.id)).toMatchObject({ status: 'COMPLETED', rowsImported: 2 });
    const added = await t.db.query(`SELECT position, counterparty, gross_amount::text AS gross, eligible_amount::text AS eligible FROM receipt WHERE proof_id = $1 AND position > 4 ORDER BY position`, [proofId]);
    expect(added.rows).toEqual([
      { position: 5, counterparty: 'Büro & Co; GmbH', gross: '1234.56', eligible: '987.65' },
      { position: 6, counterparty: 'Weber Sprachmittlung', gross: '99.90', eligible: '99.90' },
    ]);
    expect(await receiptCount()).toBe(6);
  });

  it('a file with errors stores nothing and lists every error by row and column, in German', async () => {
    await ensureWorker();
    const rows: SheetCell[][] = [
      expenseRow(1, '2027-05-02'),
      [2, 'R-2', { date: '2026-12-20' }, { date: '2026-12-20' }, 'Vermieter', 'Miete Dezember', 'Ausgabe', 'MATERIAL_ADMIN', 100, null, null, null, null],
      [3, 'R-3', { date: '2027-05-02' }, { date: '2027-05-02' }, 'Fahrschule', 'Führerschein', 'Ausgabe', 'TRAVEL', 12.345, null, null, null, null],
      [4, null, 'dreißigster Mai', { date: '2027-05-30' }, 'Kiosk', 'Getränke', 'Spende', 'MATERIAL_ADMIN', 10, 20, null, null, null],
      [3, 'R-5', { date: '2027-05-02' }, { date: '2027-05-02' }, 'Vermieter', 'Miete Mai', 'Ausgabe', 'MATERIAL_ADMIN', 100, null, null, 150, null],
      [7, 'R-7', { date: '2027-12-20' }, { date: '2028-01-05' }, 'Vermieter', 'Miete Januar', 'Ausgabe', 'Sach- und Verwaltungsausgaben', 100, null, null, null, null],
    ];
    const file = path.join(files, 'fehler.xlsx');
    await beleglisteXlsx(rows, file);
    const up = await upload(tk.provider, readFileSync(file), 'fehler.xlsx').expect(202);
    const done = await finished(up.body.id);
    expect(done).toMatchObject({ status: 'FAILED', rowsRead: 6, rowsImported: 0 });
    const errors = done.errors as { row: number; column: string; message: string }[];
    expect(errors).toContainEqual({ row: 3, column: 'Zahlungsdatum', message: 'Zeile 3, Spalte Zahlungsdatum: Datum liegt vor dem Beginn des Bewilligungszeitraums.' });
    expect(errors).toContainEqual({ row: 4, column: 'Bruttobetrag', message: expect.stringMatching(/^Zeile 4, Spalte Bruttobetrag: Der Betrag 12,345 hat mehr als zwei Nachkommastellen/) });
    expect(errors).toContainEqual({ row: 4, column: 'Kostenart', message: expect.stringMatching(/^Zeile 4, Spalte Kostenart: Die Kostenart „TRAVEL“ kommt im bewilligten Finanzierungsplan nicht vor \(zulässig: Personalausgaben, Sach- und Verwaltungsausgaben, Honorare\)/) });
    // a payment after today is refused with row and column; the German Kostenart is read
    expect(errors).toContainEqual({ row: 7, column: 'Zahlungsdatum', message: 'Zeile 7, Spalte Zahlungsdatum: Das Datum liegt in der Zukunft (nach dem 28.12.2027).' });
    expect(errors.filter((e) => e.row === 7)).toHaveLength(1);
    expect(errors).toContainEqual({ row: 5, column: 'Belegnummer', message: 'Zeile 5, Spalte Belegnummer: Angabe fehlt.' });
    expect(errors).toContainEqual({ row: 5, column: 'Belegdatum', message: expect.stringMatching(/^Zeile 5, Spalte Belegdatum: „dreißigster Mai“ ist kein Datum/) });
    expect(errors).toContainEqual({ row: 5, column: 'Einnahme/Ausgabe', message: expect.stringMatching(/„Einnahme“ oder „Ausgabe“/) });
    expect(errors).toContainEqual({ row: 6, column: 'lfd. Nr.', message: 'Zeile 6, Spalte lfd. Nr.: Die lfd. Nr. 3 kommt bereits in Zeile 4 vor.' });
    expect(errors).toContainEqual({ row: 6, column: 'zuwendungsfähiger Betrag', message: expect.stringMatching(/höchstens 100,00 €/) });
    for (const e of errors) expect(e.message.startsWith(`Zeile ${e.row}, Spalte ${e.column}: `)).toBe(true);
    // all or nothing: the six receipts from before are untouched
    expect(await receiptCount()).toBe(6);
    // a sheet that inflates to far more than the directory declares passes the upload check, but not the worker
    const lying = xlsxLyingAboutItsSheet();
    const liar = await upload(tk.provider, lying, 'luegt.xlsx').expect(202);
    const liarDone = await finished(liar.body.id);
    expect(liarDone).toMatchObject({ status: 'FAILED', rowsImported: 0 });
    expect(liarDone.errors[0].message).toMatch(/mehr Daten, als ihr Inhaltsverzeichnis angibt/);
    expect(await receiptCount()).toBe(6);
    const header = await upload(tk.provider, 'Belegnummer;Grund\r\nR-1;Miete\r\n', 'kopf.csv').expect(202);
    const headerDone = await finished(header.body.id);
    expect(headerDone.status).toBe('FAILED');
    expect(headerDone.errors).toContainEqual({ row: 1, column: 'Zahlungsdatum', message: 'Zeile 1, Spalte Zahlungsdatum: Die Spalte fehlt in der Kopfzeile.' });
  });
});

/** Receipts the good import replaces: the kill test's rows. */
function receiptsBeforeGoodImport(): number {
  return KILL_ROWS;
}
