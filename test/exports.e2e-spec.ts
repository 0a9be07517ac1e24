/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import Decimal from 'decimal.js';
import { BUDGET_POSITIONS, CSV_BOM, DATE_NUM_FMT, EXPORT_DEFINITIONS, EXPORT_TYPE_INFO, EXPORT_TYPES, ExportRunner, type ExportType, INFO_SHEET_NAME, MONEY_NUM_FMT } from '@foerderfluss/exports';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { TEST_REDIS_URL } from './support/env';

const root = path.resolve(__dirname, '..');
const HYPERLINK = '=HYPERLINK("http://x","y")';
const REASON = '+SUM(1)';
/** Stichtag of the interest figures, so the files do not depend on the day the suite runs. */
const AS_OF = '2026-11-25';
/** Belege added for the crash test: enough that the worker is still writing when it is killed. */
const BULK = 80000;

type Tokens = Record<keyof typeof DEMO, string>;

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

const cents = (n: number): number => Math.round(n * 100);

/** The whole sheet as {header → column number}, data rows and the totals row. */
function sheetOf(ws: ExcelJS.Worksheet, rows: number) {
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  return { headers, col: (h: string) => headers.indexOf(h) + 1, data: Array.from({ length: rows }, (_, i) => ws.getRow(i + 2)), totals: ws.getRow(rows + 2) };
}

function infoOf(wb: ExcelJS.Workbook): Map<string, unknown> {
  const info = wb.getWorksheet(INFO_SHEET_NAME)!;
  const m = new Map<string, unknown>();
  info.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string') m.set(label, row.getCell(2).value);
  });
  return m;
}

describe('exports: workbooks, CSV, safety, isolation, crash recovery', () => {
  let t: TestContext;
  let tk: Tokens;
  let storageDir: string;
  let worker: INestApplicationContext | null = null;
  let yearId: string;
  let proof7: string;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const ensureWorker = async (): Promise<INestApplicationContext> => (worker ??= await t.startWorker());
  const request = (token: string, body: Record<string, unknown>) => ok(t.http().post('/api/v1/exports').set(bearer(token)).send(body), 202);
  const finished = (token: string, id: string, timeoutMs = 30000) =>
    waitFor(
      async () => {
        const e = await ok(t.http().get(`/api/v1/exports/${id}`).set(bearer(token)));
        return e.status === 'COMPLETED' || e.status === 'FAILED' ? e : null;
      },
      timeoutMs,
      `export ${id}`,
    );
  const download = async (token: string, id: string) => {
    const res = await t.http().get(`/api/v1/exports/${id}/file`).set(bearer(token)).buffer(true).parse(binary);
    if (res.status !== 200) throw new Error(`file: ${res.status} ${res.body?.toString?.()}`);
    return { body: res.body as Buffer, headers: res.headers };
  };
  const exportFile = async (token: string, body: Record<string, unknown>) => {
    await ensureWorker();
    const requested = await request(token, body);
    const done = await finished(token, requested.id);
    expect(done).toMatchObject({ status: 'COMPLETED', state: 'COMPLETED', progress: 100, error: null, fileAvailable: true });
    return { job: done, ...(await download(token, requested.id)) };
  };
  const workbook = async (buffer: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return wb;
  };

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'ff-exports-'));
    t = await createTestContext({
      now: '2026-11-25T10:00:00+01:00',
      // Stalled jobs (a killed worker's) are looked for every second; the lock stays at its default.
      env: { FILE_STORAGE_DIR: storageDir, JOB_STALLED_INTERVAL_MS: '1000' },
    });
    const tokens = await Promise.all(Object.values(DEMO).map((e) => t.login(e)));
    tk = Object.fromEntries(Object.keys(DEMO).map((k, i) => [k, tokens[i]!])) as Tokens;
    yearId = (await t.db.query(`SELECT id FROM budget_year WHERE year = 2026 AND district_id = (SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND')`)).rows[0].id;
    proof7 = (await t.db.query(`SELECT id FROM proof_of_use WHERE reference = 'FF-2026-0007/VN'`)).rows[0].id;
    // Formula injection: a Träger whose name is a formula, a Beleg whose reason is one.
    await t.db.query(`UPDATE organisation SET name = $1 WHERE id = (SELECT provider_id FROM decision WHERE reference = 'FF-2026-0007')`, [HYPERLINK]);
    await t.db.query(`UPDATE receipt SET reason = $1 WHERE proof_id = $2 AND position = 1`, [REASON, proof7]);
  });
  afterAll(async () => {
    if (process.env.EXPORT_TEST_DEBUG) {
      console.log((await t.db.query('SELECT id, type, format, status, attempts, job_id FROM export_job')).rows);
      const { Queue } = await import('bullmq');
      const IORedis = (await import('ioredis')).default;
      const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      const q = new Queue('exports', { connection, prefix: t.config.queuePrefix });
      console.log(await q.getJobCounts(), (await q.getActive()).map((j) => [j.id, j.name, j.attemptsMade, j.processedOn, j.stacktrace]), (await q.getWaiting()).map((j) => j.id));
      await q.close();
      connection.disconnect();
    }
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('a worker killed with SIGKILL in the middle of a large export: the job is retried and exactly one complete file results', async () => {
    // 80.000 Belege in a VN of FF-2026-0004 (a Träger without demo login).
    const proof = (
      await t.db.query(
        `INSERT INTO proof_of_use (reference, decision_id, provider_id, budget_year_id, kind, status, narrative, figures, submitted_at)
         SELECT 'FF-2026-0004/VN', d.id, d.provider_id, d.budget_year_id, 'FINAL', 'SUBMITTED', '{}'::jsonb,
                '{"costLines": [], "ownFunds": "0.00", "thirdPartyFunds": "0.00"}'::jsonb, now()
           FROM decision d WHERE d.reference = 'FF-2026-0004' RETURNING id`,
      )
    ).rows[0].id as string;
    await t.db.query(
      `INSERT INTO receipt (proof_id, position, receipt_number, receipt_date, payment_date, counterparty, reason, direction, cost_category,
                            gross_amount, vat_amount, project_share_percent, eligible_amount)
       SELECT $1, g, 'B-' || g, date '2026-01-01' + (g % 300), date '2026-01-03' + (g % 300), 'Lieferant ' || (g % 97),
              'Beleg ' || g || ' der Beratungsstelle Schmölln', 'EXPENSE', 'PERSONNEL', (g % 5000) + 0.25, 0, 100, (g % 5000) + 0.25
         FROM generate_series(1, $2::int) g`,
      [proof, BULK],
    );

    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.config.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.config.queuePrefix,
      JWT_SECRET: t.config.jwtSecret,
      FILE_STORAGE_DIR: storageDir,
      // The lock of the worker to be killed expires 3 s after its last renewal.
      JOB_LOCK_DURATION_MS: '3000',
      JOB_STALLED_INTERVAL_MS: '1000',
      // Only the export under test, not the letters sweep a starting worker would run.
      SCANS_ON_START: 'false',
      LOG_LEVEL: 'log',
    };
    const child: ChildProcess = spawn(process.execPath, ['-r', path.join(root, 'scripts/ts-register.js'), path.join(root, 'apps/worker/src/main.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    try {
      await waitFor(async () => output.includes('worker ready'), 60000, `the worker process to start:\n${output}`);
      const requested = await request(tk.auditor, { type: 'RECEIPTS', format: 'xlsx', filters: { proofId: proof } });
      // Kill it once it has written some rows and is still far from done.
      const running = await waitFor(
        async () => {
          const e = await ok(t.http().get(`/api/v1/exports/${requested.id}`).set(bearer(tk.auditor)));
          return e.status === 'RUNNING' && e.rowsWritten > 0 ? e : null;
        },
        30000,
        'the export to write rows',
      ).catch(async (err: Error) => {
        const row = (await t.db.query('SELECT status, attempts, rows_written, error, job_id FROM export_job WHERE id = $1', [requested.id])).rows[0];
        const { Queue } = await import('bullmq');
        const IORedis = (await import('ioredis')).default;
        const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
        const q = new Queue('exports', { connection, prefix: t.config.queuePrefix });
        const j = await q.getJob(row.job_id);
        row.state = await j?.getState();
        row.counts = await q.getJobCounts();
        row.workers = await q.getWorkers();
        await q.close();
        connection.disconnect();
        throw new Error(`${err.message}; export ${JSON.stringify(row)}; worker output:\n${output.slice(-3000)}`);
      }
      );
      expect(running.rowsTotal).toBe(BULK);
      expect(running.progress).toBeLessThan(100);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const exportsDir = path.join(storageDir, 'exports');
      const incomplete = path.join(storageDir, '.incomplete');
      const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
      // Nothing under the export's key; the half-written file lies apart.
      expect(listing(exportsDir)).toEqual([]);
      expect(listing(incomplete).filter((n) => n.endsWith('.part')).length).toBeGreaterThanOrEqual(1);
      const killedRow = await ok(t.http().get(`/api/v1/exports/${requested.id}`).set(bearer(tk.auditor)));
      expect(killedRow).toMatchObject({ status: 'RUNNING', fileAvailable: false, attempts: 1 });
      await t.http().get(`/api/v1/exports/${requested.id}/file`).set(bearer(tk.auditor)).expect(409);

      // Another worker takes the stalled job once the lock has expired and generates it again.
      await ensureWorker();
      const done = await finished(tk.auditor, requested.id, 90000);
      expect(done).toMatchObject({ status: 'COMPLETED', attempts: 2, rowsWritten: BULK, rowsTotal: BULK, progress: 100 });
      expect(listing(exportsDir)).toEqual([`${requested.id}.xlsx`]);

      // The file is complete: every row, the totals row, and the Info sheet with the row count.
      const { body } = await download(tk.auditor, requested.id);
      expect(body.length).toBe(done.fileSize);
      const file = path.join(storageDir, 'check.xlsx');
      writeFileSync(file, body);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'ignore', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
      const rowsBySheet: Record<string, number> = {};
      let lastPosition = 0;
      for await (const sheet of reader) {
        const name = (sheet as unknown as { name: string }).name;
        rowsBySheet[name] = 0;
        for await (const row of sheet) {
          rowsBySheet[name]++;
          if (name === 'Belegliste' && row.number > 1 && row.number <= BULK + 1) lastPosition = row.getCell(4).value as number;
        }
      }
      expect(rowsBySheet).toMatchObject({ Belegliste: BULK + 2 });
      expect(lastPosition).toBe(BULK);

      // The cleanup removes what the killed worker left half-written (after its grace hour).
      const runner = (await ensureWorker()).get(ExportRunner);
      await runner.cleanup(new Date(Date.now() + 2 * 3600 * 1000));
      expect(listing(incomplete).filter((n) => n.endsWith('.part'))).toEqual([]);
      expect(listing(exportsDir)).toEqual([`${requested.id}.xlsx`]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 180000);

  /** The single-sheet row exports; the Jahresbericht (several sheets, or a PDF) has test/annual-report.e2e-spec.ts. */
  const ROW_EXPORT_TYPES = EXPORT_TYPES.filter((t): t is Exclude<ExportType, 'ANNUAL_REPORT'> => t !== 'ANNUAL_REPORT');
  const FILTERS = (): Record<Exclude<ExportType, 'ANNUAL_REPORT'>, Record<string, string | number>> => ({
    APPROVALS: { budgetYearId: yearId, to: AS_OF },
    PAYMENTS: { budgetYearId: yearId, to: AS_OF },
    PLAN_ACTUAL: { budgetYearId: yearId },
    RECEIPTS: { proofId: proof7 },
    PROOF_REVIEW: { budgetYearId: yearId },
    RECOVERIES: { budgetYearId: yearId, to: AS_OF },
    BUDGET: { budgetYearId: yearId },
    STATE_PROOF: { budgetYearId: yearId },
    AUDIT_LOG: { from: '2020-01-01', to: '2030-12-31' },
    MONITORING: { fromYear: 2025, toYear: 2026, groupBy: 'socialArea' },
  });

  it('every workbook type: German headers, frozen header and autofilter, numbers are numbers and dates are dates, totals as SUM formulas, the Info sheet with the checksum; formulas in user text stay text', async () => {
    const files = new Map<ExportType, { wb: ExcelJS.Workbook; job: any }>();
    for (const type of ROW_EXPORT_TYPES) {
      const { job, body, headers } = await exportFile(tk.auditor, { type, format: 'xlsx', filters: FILTERS()[type] });
      const info = EXPORT_TYPE_INFO[type];
      expect(headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const year = type === 'AUDIT_LOG' || type === 'MONITORING' ? '' : '_2026';
      expect(job.fileName).toBe(`${info.fileStem}${year}_2026-11-25.xlsx`);
      expect(headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(job.fileName)}`);
      expect(headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; /);
      const wb = await workbook(body);
      files.set(type, { wb, job });
      expect(wb.worksheets.map((w) => w.name)).toEqual([info.sheetName, ...(type === 'MONITORING' ? ['Kennzahlen'] : []), INFO_SHEET_NAME]);
      const ws = wb.getWorksheet(info.sheetName)!;
      const columns = EXPORT_DEFINITIONS[type].columns;
      const rows = job.rowsWritten as number;
      expect([type, rows > 0]).toEqual([type, true]);
      const s = sheetOf(ws, rows);
      expect(s.headers).toEqual(columns.map((c) => c.header));
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBe(`A1:${ws.getColumn(columns.length).letter}${rows + 1}`);

      // Cell types per column type; no formula anywhere in the data.
      columns.forEach((c, i) => {
        for (const row of s.data) {
          const cell = row.getCell(i + 1);
          expect(cell.formula).toBeUndefined();
          const v = cell.value;
          if (v === null || v === undefined) continue;
          const where = `${type} ${c.header} row ${row.number}`;
          switch (c.type) {
            case 'money':
              expect([where, typeof v, cell.numFmt]).toEqual([where, 'number', MONEY_NUM_FMT]);
              break;
            case 'date':
              expect([where, v instanceof Date, cell.numFmt]).toEqual([where, true, DATE_NUM_FMT]);
              break;
            case 'integer':
            case 'decimal':
            case 'percent':
              expect([where, typeof v]).toEqual([where, 'number']);
              break;
            case 'boolean':
              expect([where, ['ja', 'nein'].includes(v as string)]).toEqual([where, true]);
              break;
            case 'text':
              expect([where, typeof v]).toEqual([where, 'string']);
              break;
          }
        }
      });

      // Totals: a SUM over exactly the data rows, whose cached result is the exact sum of the cells.
      const totalColumns = columns.map((c, i) => ({ c, n: i + 1 })).filter((x) => x.c.total);
      if (totalColumns.length > 0) {
        expect(ws.actualRowCount).toBe(rows + 2);
        expect(s.totals.getCell(columns.findIndex((c) => !c.total) + 1).value).toBe('Summe');
        for (const { c, n } of totalColumns) {
          const letter = ws.getColumn(n).letter;
          const total = s.totals.getCell(n).value as ExcelJS.CellFormulaValue;
          expect([c.header, total.formula]).toEqual([c.header, `SUM(${letter}2:${letter}${rows + 1})`]);
          const sum = s.data.reduce((acc, r) => acc + (typeof r.getCell(n).value === 'number' ? cents(r.getCell(n).value as number) * (c.type === 'money' ? 1 : 100) : 0), 0);
          // exceljs leaves out a cached result of 0 (Excel and LibreOffice compute it on opening)
          expect([c.header, cents((total.result as number | undefined) ?? 0) * (c.type === 'money' ? 1 : 100)]).toEqual([c.header, sum]);
        }
      } else {
        expect([type, ws.actualRowCount]).toEqual([type, rows + 1]);
      }

      // Info sheet.
      const i = infoOf(wb);
      expect(i.get('Export')).toBe(info.label);
      expect(i.get('Datenzeilen')).toBe(rows);
      expect(i.get('SHA-256 der Datenzeilen')).toBe(job.sha256);
      expect(i.get('Erstellt von')).toContain(DEMO.auditor);
      expect(i.get('Erstellt von')).toContain('Rechnungsprüfung');
      expect(i.get('Datenblatt')).toBe(info.sheetName);

      // Formula injection: wherever the Träger appears, its name is text with a leading apostrophe.
      const providerColumn = s.col('Empfänger') || s.col('Träger');
      if (providerColumn > 0) {
        const names = s.data.map((r) => r.getCell(providerColumn));
        const hit = names.find((c) => c.value === `'${HYPERLINK}`);
        expect([type, hit?.type]).toEqual([type, ExcelJS.ValueType.String]);
        expect(names.some((c) => c.formula !== undefined || c.value === HYPERLINK)).toBe(false);
      }
    }

    // Domain figures against the api: the recovery of FF-2026-0007 with § 49a (3) interest to the Stichtag.
    const recoveries = (await ok(t.http().get('/api/v1/recoveries').set(bearer(tk.staff)))).items;
    const recovery = recoveries.find((r: any) => r.reference === 'FF-2026-0007/R');
    const interest = await ok(t.http().get(`/api/v1/recoveries/${recovery.id}/interest?asOf=${AS_OF}`).set(bearer(tk.staff)));
    const approvals = files.get('APPROVALS')!;
    const a = sheetOf(approvals.wb.getWorksheet('Bewilligungsliste')!, approvals.job.rowsWritten);
    const row7 = a.data.find((r) => r.getCell(1).value === 'FF-2026-0007')!;
    expect(row7.getCell(a.col('Rückforderung')).value).toBe(Number(recovery.principal));
    expect(row7.getCell(a.col('Zinsen')).value).toBe(Number(interest.interest));
    expect(row7.getCell(a.col('Bescheid-/Vertragsdatum')).value).toEqual(new Date(Date.UTC(2025, 11, 15)));
    const rec = files.get('RECOVERIES')!;
    const r = sheetOf(rec.wb.getWorksheet('Rückforderungen')!, rec.job.rowsWritten);
    const recRow = r.data.find((x) => x.getCell(1).value === 'FF-2026-0007/R')!;
    expect(recRow.getCell(r.col('Zinsen § 49a (3)')).value).toBe(Number(interest.interest));
    expect(recRow.getCell(r.col('offene Zinsen')).value).toBe(Number(interest.interestOutstanding));
    expect(recRow.getCell(r.col('Zinsen berechnet bis')).value).toEqual(new Date(Date.UTC(2026, 10, 25)));

    // The Kreis's VN: the settlement with the Land on the Info sheet, as the api computes it.
    const stateProof = await ok(t.http().get(`/api/v1/state-proofs/${yearId}`).set(bearer(tk.staff)));
    const sp = infoOf(files.get('STATE_PROOF')!.wb);
    expect(sp.get('Anerkannte Ausgaben des Kreises (A_kreis)')).toBe(Number(stateProof.districtRecognisedCosts));
    expect(sp.get('Zuwendung des Landes (Z_land)')).toBe(Number(stateProof.stateFinalGrant));

    // Haushaltsübersicht: the balances of the ledger.
    const balance = (await t.db.query('SELECT allocated_state::text, allocated_district::text FROM budget_year_balance WHERE budget_year_id = $1', [yearId])).rows[0];
    const budget = files.get('BUDGET')!;
    const b = sheetOf(budget.wb.getWorksheet('Haushaltsübersicht')!, budget.job.rowsWritten);
    expect([b.data[0]!.getCell(3).value, b.data[0]!.getCell(4).value]).toEqual([Number(balance.allocated_state), Number(balance.allocated_district)]);

    // Belegliste: the reason that looks like a formula is text.
    const receipts = files.get('RECEIPTS')!;
    const rs = sheetOf(receipts.wb.getWorksheet('Belegliste')!, receipts.job.rowsWritten);
    const reason = rs.data[0]!.getCell(rs.col('Grund der Zahlung'));
    expect([reason.value, reason.type, reason.formula]).toEqual([`'${REASON}`, ExcelJS.ValueType.String, undefined]);

    // Zahlungsübersicht: § 49a (4) per tranche, consistent with the api's computation per decision.
    const payments = files.get('PAYMENTS')!;
    const p = sheetOf(payments.wb.getWorksheet('Zahlungsübersicht')!, payments.job.rowsWritten);
    const decision6 = (await t.db.query(`SELECT id FROM decision WHERE reference = 'FF-2026-0006'`)).rows[0].id;
    const late = await ok(t.http().get(`/api/v1/decisions/${decision6}/late-use-interest?asOf=${AS_OF}`).set(bearer(tk.staff)));
    const tranches = p.data.filter((x) => x.getCell(1).value === 'FF-2026-0006' && typeof x.getCell(p.col('Betrag')).value === 'number');
    expect(tranches.length).toBeGreaterThan(0);
    const sum = tranches.reduce((acc, x) => acc.plus(String(x.getCell(p.col('Zinsen § 49a (4)')).value ?? 0)), new Decimal(0));
    // each tranche is rounded for display; the api rounds the exact total once
    expect(sum.minus(late.interest).abs().lte(new Decimal('0.01').mul(tranches.length))).toBe(true);
  }, 120000);

  it('CSV: UTF-8 with BOM, semicolons, decimal comma, German dates, the same checksum as the workbook, formula text neutralised', async () => {
    const xlsx = await exportFile(tk.auditor, { type: 'RECEIPTS', format: 'xlsx', filters: { proofId: proof7 } });
    const csv = await exportFile(tk.auditor, { type: 'RECEIPTS', format: 'csv', filters: { proofId: proof7 } });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.job.fileName).toBe('Belegliste_2026_2026-11-25.csv');
    expect(csv.job.sha256).toBe(xlsx.job.sha256);
    const text = csv.body.toString('utf8');
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1 + csv.job.rowsWritten);
    expect(lines[0]).toBe(EXPORT_DEFINITIONS.RECEIPTS.columns.map((c) => c.header).join(';'));
    const first = lines[1]!.split(';');
    expect(first[0]).toBe('FF-2026-0007/VN');
    expect(first[2]).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(first[8]).toBe(`'${REASON}`);
    expect(first[5]).toMatch(/^\d{2}\.\d{2}\.2026$/);
    expect(first[11]).toMatch(/^\d+,\d{2}$/);
    // The Träger's name with its apostrophe is in every CSV that shows Träger too.
    const approvals = await exportFile(tk.auditor, { type: 'APPROVALS', format: 'csv', filters: { budgetYearId: yearId, to: AS_OF } });
    const approvalsText = approvals.body.toString('utf8');
    expect(approvalsText).toContain(`;"'=HYPERLINK(""http://x"",""y"")";`);
    expect(approvalsText).not.toMatch(/;"?=HYPERLINK/);
  });

  it('filters are checked per type, with German messages by field; Träger may not request the Kreis-internal lists', async () => {
    const bad = await t.http().post('/api/v1/exports').set(bearer(tk.staff)).send({ type: 'BUDGET', format: 'xlsx', filters: { proofId: proof7 } }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'filters.proofId', message: 'Der Filter „Verwendungsnachweis“ ist für „Haushaltsübersicht“ nicht vorgesehen.' },
        { path: 'filters.budgetYearId', message: 'Für „Haushaltsübersicht“ ist der Filter „Haushaltsjahr“ erforderlich.' },
      ]),
    );
    const period = await t.http().post('/api/v1/exports').set(bearer(tk.staff)).send({ type: 'AUDIT_LOG', format: 'csv', filters: { from: '2026-12-01', to: '2026-01-01' } }).expect(400);
    expect(period.body.errors).toEqual([{ path: 'filters.to', message: 'Das Ende des Zeitraums darf nicht vor seinem Anfang liegen.' }]);
    const malformed = await t.http().post('/api/v1/exports').set(bearer(tk.staff)).send({ type: 'LIST', format: 'docx', filters: { from: '2026-02-30' } }).expect(400);
    expect(malformed.body.errors.map((e: any) => e.path).sort()).toEqual(['filters.from', 'format', 'type']);
    await t.http().post('/api/v1/exports').set(bearer(tk.staff)).send({ type: 'APPROVALS', format: 'xlsx', filters: { budgetYearId: '6a0b1f7e-0000-4000-8000-000000000000' } }).expect(404);
    for (const type of ['AUDIT_LOG', 'BUDGET', 'STATE_PROOF', 'PROOF_REVIEW']) {
      const res = await t.http().post('/api/v1/exports').set(bearer(tk.provider)).send({ type, format: 'csv', filters: ['BUDGET', 'STATE_PROOF'].includes(type) ? { budgetYearId: yearId } : {} });
      expect([type, res.status, res.body.code]).toEqual([type, 403, 'EXPORT_TYPE_FORBIDDEN']);
    }
  });

  it('Träger isolation: a Träger exports only its own records, never names another Träger’s, and cannot see other exports', async () => {
    const other = await t.db.query(`SELECT d.id AS decision, d.provider_id AS provider FROM decision d WHERE d.reference = 'FF-2026-0007'`);
    // Naming another Träger's records answers 404, as for a missing one.
    await t.http().post('/api/v1/exports').set(bearer(tk.provider)).send({ type: 'APPROVALS', format: 'csv', filters: { providerId: other.rows[0].provider } }).expect(404);
    await t.http().post('/api/v1/exports').set(bearer(tk.provider)).send({ type: 'PAYMENTS', format: 'csv', filters: { decisionId: other.rows[0].decision } }).expect(404);
    await t.http().post('/api/v1/exports').set(bearer(tk.provider)).send({ type: 'RECEIPTS', format: 'csv', filters: { proofId: proof7 } }).expect(404);

    // Without filters, the Träger's workbook holds its own decision only; the auditor's holds all.
    const own = await exportFile(tk.provider, { type: 'APPROVALS', format: 'xlsx', filters: { budgetYearId: yearId } });
    expect(own.job.organisationId).not.toBeNull();
    const wb = await workbook(own.body);
    const s = sheetOf(wb.getWorksheet('Bewilligungsliste')!, own.job.rowsWritten);
    const mine = (await t.db.query(`SELECT d.reference FROM decision d JOIN app_user u ON u.organisation_id = d.provider_id WHERE u.email = $1 AND d.current_version_no IS NOT NULL ORDER BY 1`, [DEMO.provider])).rows.map((x) => x.reference);
    expect(s.data.map((r) => r.getCell(1).value)).toEqual(mine);
    expect(String(infoOf(wb).get('Datenumfang'))).toContain('nur Datensätze des Trägers');
    for (const type of ['PAYMENTS', 'PLAN_ACTUAL', 'RECEIPTS', 'RECOVERIES'] as const) {
      const f = await exportFile(tk.provider, { type, format: 'csv' });
      const text = f.body.toString('utf8');
      expect([type, text.includes('HYPERLINK'), text.includes('Jugendhilfe'), text.includes('Katholischer')]).toEqual([type, false, false, false]);
    }

    // Another Träger (and another staff member) cannot see the export or its file; ADMIN can.
    await t.http().get(`/api/v1/exports/${own.job.id}`).set(bearer(tk.provider2)).expect(404);
    await t.http().get(`/api/v1/exports/${own.job.id}/file`).set(bearer(tk.provider2)).expect(404);
    await t.http().get(`/api/v1/exports/${own.job.id}/file`).set(bearer(tk.auditor)).expect(404);
    const list2 = await ok(t.http().get('/api/v1/exports').set(bearer(tk.provider2)));
    expect(list2.items.map((e: any) => e.id)).not.toContain(own.job.id);
    const listOwn = await ok(t.http().get('/api/v1/exports?limit=200').set(bearer(tk.provider)));
    expect(listOwn.items.every((e: any) => e.createdBy === listOwn.items[0].createdBy)).toBe(true);
    expect(listOwn.items.map((e: any) => e.id)).toContain(own.job.id);
    // A Kreis's ADMIN does not see a Träger's export: it may hold the Träger's records of other Kreise (issue 20).
    await t.http().get(`/api/v1/exports/${own.job.id}`).set(bearer(tk.admin)).expect(404);
    const all = await ok(t.http().get('/api/v1/exports?limit=200').set(bearer(tk.admin)));
    expect(all.items.map((e: any) => e.id)).not.toContain(own.job.id);
  });

  it('each export request and download is an audit event; the cleanup deletes expired files, and their download then answers 404', async () => {
    const { job } = await exportFile(tk.staff, { type: 'BUDGET', format: 'csv', filters: { budgetYearId: yearId } });
    const events = (await t.db.query(`SELECT action, actor_email, after FROM audit_event WHERE entity = 'ExportJob' AND entity_id = $1 ORDER BY id`, [job.id])).rows;
    expect(events.map((e) => e.action)).toEqual(['export.request', 'export.complete', 'export.downloaded']);
    expect(events[0]).toMatchObject({ actor_email: DEMO.staff, after: { type: 'BUDGET', format: 'csv', filters: { budgetYearId: yearId } } });
    expect(events[1].after).toMatchObject({ rows: BUDGET_POSITIONS.length, sha256: job.sha256 });

    await t.db.query(`UPDATE export_job SET expires_at = timestamptz '2020-01-01T00:00:00Z' WHERE id = $1`, [job.id]);
    const result = await (await ensureWorker()).get(ExportRunner).cleanup();
    expect(result.expired).toBe(1);
    expect(existsSync(path.join(storageDir, 'exports', `${job.id}.csv`))).toBe(false);
    const after = await ok(t.http().get(`/api/v1/exports/${job.id}`).set(bearer(tk.staff)));
    expect(after).toMatchObject({ status: 'COMPLETED', fileAvailable: false });
    const gone = await t.http().get(`/api/v1/exports/${job.id}/file`).set(bearer(tk.staff)).expect(404);
    expect(gone.body.code).toBe('FILE_NOT_FOUND');
  });

  // `npm test` installs LibreOffice Calc first (scripts/test-setup.js); run alone without it, the
  // test is reported as skipped with the reason, never passed without running.
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p));
  if (!soffice) console.warn('SKIPPED: LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc (npm test does this as root).');
  (soffice ? it : it.skip)('LibreOffice recalculates the totals formulas to the same amounts', async () => {
    if (!soffice) throw new Error('unreachable: skipped without LibreOffice');
    const { job, body } = await exportFile(tk.auditor, { type: 'APPROVALS', format: 'xlsx', filters: { budgetYearId: yearId, to: AS_OF } });
    const original = await workbook(body);
    const ws = original.getWorksheet('Bewilligungsliste')!;
    const rows = job.rowsWritten as number;
    const totalsRow = ws.getRow(rows + 2);
    const expected = new Map<number, number>();
    totalsRow.eachCell((cell, n) => {
      const v = cell.value as ExcelJS.CellFormulaValue;
      if (v && typeof v === 'object' && 'formula' in v) expected.set(n, v.result as number);
    });
    expect(expected.size).toBeGreaterThan(5);
    // Wipe the cached results, so the numbers LibreOffice writes can only come from computing the formulas.
    for (const n of expected.keys()) totalsRow.getCell(n).value = { formula: (totalsRow.getCell(n).value as ExcelJS.CellFormulaValue).formula, result: 0 } as ExcelJS.CellFormulaValue;
    const work = mkdtempSync(path.join(os.tmpdir(), 'ff-lo-'));
    try {
      const input = path.join(work, 'in.xlsx');
      await original.xlsx.writeFile(input);
      // A private profile that recalculates every OOXML file on load.
      mkdirSync(path.join(work, 'profile', 'user'), { recursive: true });
      writeFileSync(
        path.join(work, 'profile', 'user', 'registrymodifications.xcu'),
        `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
      );
      await promisify(execFile)(soffice, [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', path.join(work, 'out'), input], { timeout: 90000 });
      const recalculated = new ExcelJS.Workbook();
      await recalculated.xlsx.load(readFileSync(path.join(work, 'out', 'in.xlsx')) as unknown as ExcelJS.Buffer);
      const lo = recalculated.getWorksheet('Bewilligungsliste')!.getRow(rows + 2);
      for (const [n, value] of expected) {
        const cell = lo.getCell(n).value as ExcelJS.CellFormulaValue;
        expect([n, cell.formula, cents(cell.result as number)]).toEqual([n, (totalsRow.getCell(n).value as ExcelJS.CellFormulaValue).formula, cents(value)]);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120000);
});
