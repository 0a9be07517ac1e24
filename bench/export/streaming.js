#!/usr/bin/env node
// bench:export (issue 9): 1.000.000 Belege through the real export pipeline.
//
//   npm run bench:export        (starts PostgreSQL/Redis if needed; no build needed)
//
// 1. Creates a scratch database, migrates it and seeds the demo (apps/api/src/cli.ts prepare).
// 2. Adds 1.000.000 Belege to the demo decision FF-2026-0004 by COPY … FROM STDIN: 100.000 in its
//    Verwendungsnachweis, 900.000 in a Zwischennachweis (realistic texts, a sampled and reviewed
//    share, and now and then a reason that looks like a formula).
// 3. For 100.000 (filter: the VN) and 1.000.000 rows (filter: the decision) measures, each in a
//    fresh child process:
//      copy  `COPY (<the Belegliste query>) TO STDOUT` of exactly the export's SQL: the floor;
//      csv   the Belegliste as CSV   } through the worker's ExportRunner.run: an export_job row,
//      xlsx  the Belegliste workbook } pg cursor, writers, file storage, progress updates.
//    The child boots the worker's Nest module (WorkerModule, without queue consumers) compiled to
//    plain JavaScript beforehand (swc, as `nest build` would); time is measured around the export only. RSS is sampled every 100 ms; the kernel's
//    maxRSS is the cross-check. "before" is the RSS of the booted worker before the export.
// Goal: the workbook within 6× the CSV export, peak RSS < 256 MB and flat from 100.000 to 1.000.000.
//
// Environment: BENCH_ROWS (default "100000,1000000"; the first size is the VN, the sum is seeded),
// BENCH_MODES (default "copy,csv,xlsx"), TEST_DATABASE_URL (server), REDIS_URL. The database and the
// files are removed at the end.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { pipeline } = require('node:stream/promises');
const { Readable } = require('node:stream');
const { Client } = require('pg');

const root = path.resolve(__dirname, '..', '..');
const SIZES = (process.env.BENCH_ROWS || '100000,1000000').split(',').map(Number);
const MODES = (process.env.BENCH_MODES || 'copy,csv,xlsx').split(',');
const server = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = process.env.BENCH_DB_NAME || `ff_bench_export_${process.pid}`;
const dbUrl = (() => {
  const u = new URL(server);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const REGISTER = path.join(root, 'scripts', 'ts-register.js');

// ───────────────────────────── build ─────────────────────────────

/**
 * Compiles libs/ and apps/worker with swc (the .swcrc jest uses, without source maps) into
 * `<outDir>/build`, so the measured worker runs plain JavaScript as from `dist`, with neither swc
 * nor the shared dist/ (which a concurrent `nest build` may be rewriting) in its memory.
 */
function compileSources(buildDir) {
  const { transformFileSync } = require('@swc/core');
  const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
  delete swcrc.$schema;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
        const { code } = transformFileSync(path.join(root, rel), { ...swcrc, sourceMaps: false, swcrc: false, configFile: false });
        const target = path.join(buildDir, rel.replace(/\.ts$/, '.js'));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, code);
      }
    }
  };
  for (const dir of ['libs', 'apps/worker/src']) walk(dir);
}

/** In the child: `@foerderfluss/<lib>` → the compiled lib (what nest build's alias rewriting does). */
function useBuild(buildDir) {
  const Module = require('node:module');
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    const m = /^@foerderfluss\/([a-z-]+)$/.exec(request);
    return original.call(this, m ? path.join(buildDir, 'libs', m[1], 'src', 'index.js') : request, ...rest);
  };
  // Packages (pg, exceljs, …) resolve from the repository's node_modules.
  process.env.NODE_PATH = path.join(root, 'node_modules');
  Module._initPaths();
}

async function sql(url, text, params) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

// ───────────────────────────── seeding ─────────────────────────────

const COUNTERPARTIES = ['Gehaltsabrechnung Januar', 'Vermieter Altenburg GmbH', 'Sprachmittlung Mitteldeutschland eG', 'Stadtwerke Altenburg', 'Büro-Versand Leipzig', 'Deutsche Bahn AG', 'Telekom Deutschland GmbH'];
const CATEGORIES = ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES', 'INTERPRETING'];

/** One CSV line per Beleg for COPY; amounts as exact decimal text from integer cents. */
function* receiptLines(proofId, from, count) {
  for (let i = 0; i < count; i++) {
    const g = from + i;
    const cents = 1000 + ((g * 7919) % 499000);
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const day = (g % 300) + 1;
    const receiptDate = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
    const paymentDate = new Date(Date.UTC(2026, 0, day + 2)).toISOString().slice(0, 10);
    const reason = g % 1000 === 0 ? '=HYPERLINK("http://x","y")' : `Beleg ${g}: ${CATEGORIES[g % 4] === 'PERSONNEL' ? 'Gehalt Beratungsstelle' : 'Sachausgabe'} ${day}/2026`;
    const sampled = g % 10 === 0;
    const review = sampled ? (g % 70 === 0 ? 'REDUCED' : 'RECOGNISED') : 'OPEN';
    const recognised = review === 'RECOGNISED' ? amount : review === 'REDUCED' ? `${Math.floor(cents / 200)}.00` : '';
    const note = review === 'REDUCED' ? '"Beleg nur teilweise projektbezogen; gekürzt"' : '';
    yield `${proofId},${g},B-${g},${receiptDate},${paymentDate},"${COUNTERPARTIES[g % 7]}","${reason.replace(/"/g, '""')}",EXPENSE,${CATEGORIES[g % 4]},${amount},0.00,100,${amount},${sampled},${sampled ? 'RANDOM' : ''},${review},${recognised},${note},2032-07-20\n`;
  }
}

async function seed(rowsInProof, rowsInInterim) {
  await sql(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  const prepare = spawnSync(process.execPath, ['-r', REGISTER, path.join(root, 'apps/api/src/cli.ts'), 'prepare'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl, SEED_DEMO: 'true', NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (prepare.status !== 0) throw new Error('prepare (migrate and seed) failed');
  const { from } = require('pg-copy-streams');
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const proofs = (
      await c.query(
        `INSERT INTO proof_of_use (reference, decision_id, provider_id, budget_year_id, kind, covered_year, status, narrative, figures, submitted_at, retain_until)
         SELECT d.reference || x.suffix, d.id, d.provider_id, d.budget_year_id, x.kind, x.covered_year, 'IN_REVIEW', '{}'::jsonb,
                '{"costLines": [], "ownFunds": "0.00", "thirdPartyFunds": "0.00"}'::jsonb, now(), date '2032-07-20'
           FROM decision d, (VALUES ('/VN', 'FINAL', NULL::int), ('/ZN-2026', 'INTERIM', 2026)) AS x(suffix, kind, covered_year)
          WHERE d.reference = 'FF-2026-0004'
          ORDER BY x.kind
          RETURNING id, kind, decision_id`,
      )
    ).rows;
    const vn = proofs.find((p) => p.kind === 'FINAL');
    const zn = proofs.find((p) => p.kind === 'INTERIM');
    const columns = `proof_id, position, receipt_number, receipt_date, payment_date, counterparty, reason, direction, cost_category, gross_amount, vat_amount,
                     project_share_percent, eligible_amount, in_sample, sample_reason, review_status, recognised_amount, review_note, retain_until`;
    for (const [proof, count, start] of [[vn.id, rowsInProof, 1], [zn.id, rowsInInterim, rowsInProof + 1]]) {
      if (count === 0) continue;
      const copy = c.query(from(`COPY receipt (${columns}) FROM STDIN (FORMAT csv)`));
      await pipeline(Readable.from(receiptLines(proof, start, count), { objectMode: false }), copy);
    }
    await c.query('VACUUM ANALYZE receipt');
    const [{ year }] = (await c.query(`SELECT budget_year_id AS year FROM decision WHERE reference = 'FF-2026-0004'`)).rows;
    return { proofId: vn.id, decisionId: vn.decision_id, yearId: year };
  } finally {
    await c.end();
  }
}

// ───────────────────────────── child: one measurement in its own process ─────────────────────────────

/** The export's SQL with its parameters written in, for COPY (which takes no parameters). */
function inline(text, params) {
  return text.replace(/\$(\d+)/g, (_, n) => {
    const v = params[Number(n) - 1];
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return String(v);
    return `'${String(v).replace(/'/g, "''")}'`;
  });
}

async function child(mode, filters, outDir) {
  let peakRss = process.memoryUsage().rss;
  let secondHalf = false;
  let peakFirstHalf = 0;
  let peakSecondHalf = 0;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    if (secondHalf) peakSecondHalf = Math.max(peakSecondHalf, rss);
    else peakFirstHalf = Math.max(peakFirstHalf, rss);
  };
  const buildDir = path.join(outDir, 'build');
  useBuild(buildDir);
  require('reflect-metadata');
  const exportsLib = require(path.join(buildDir, 'libs/exports/src/index.js'));
  let ms;
  let rows;
  let bytes;
  let sha256 = '';
  let beforeRss;
  if (mode === 'copy') {
    const { to } = require('pg-copy-streams');
    const q = exportsLib.EXPORT_DEFINITIONS.RECEIPTS.query({ filters, organisationId: null, timeZone: 'Europe/Berlin', today: '2026-11-25', asOf: '2026-11-25' });
    const client = new Client({ connectionString: dbUrl });
    await client.connect();
    beforeRss = process.memoryUsage().rss;
    peakRss = beforeRss;
    const sampler = setInterval(sample, 100);
    const file = path.join(outDir, 'copy.csv');
    const started = process.hrtime.bigint();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const copy = client.query(to(`COPY (${inline(q.sql, q.params)}) TO STDOUT WITH (FORMAT csv, HEADER, DELIMITER ';')`));
    await pipeline(copy, fs.createWriteStream(file));
    await client.query('COMMIT');
    rows = copy.rowCount;
    ms = Number(process.hrtime.bigint() - started) / 1e6;
    clearInterval(sampler);
    await client.end();
    bytes = fs.statSync(file).size;
  } else {
    const { NestFactory } = require('@nestjs/core');
    const { loadConfig } = require(path.join(buildDir, 'libs/core/src/index.js'));
    const { WorkerModule } = require(path.join(buildDir, 'apps/worker/src/worker.module.js'));
    const { DataSource } = require('typeorm');
    const config = loadConfig({ ...process.env, NODE_ENV: 'development', DATABASE_URL: dbUrl, FILE_STORAGE_DIR: outDir });
    const app = await NestFactory.createApplicationContext(WorkerModule.register(config, { run: false }), { logger: ['error', 'warn'] });
    const ds = app.get(DataSource);
    const runner = app.get(exportsLib.ExportRunner);
    const [{ id: userId }] = await ds.query(`SELECT id FROM app_user WHERE email = 'pruefung@demo.foerderfluss.de'`);
    const [{ id }] = await ds.query(
      `INSERT INTO export_job (id, type, format, filters, status, created_by, created_at, expires_at, file_name)
       VALUES (gen_random_uuid(), 'RECEIPTS', $1, $2, 'QUEUED', $3, now(), now() + interval '1 day', 'Belegliste.' || $1) RETURNING id`,
      [mode, filters, userId],
    );
    if (global.gc) global.gc();
    beforeRss = process.memoryUsage().rss;
    peakRss = beforeRss;
    const sampler = setInterval(sample, 100);
    const started = process.hrtime.bigint();
    const outcome = await runner.run(id, {
      updateProgress: async (percent) => {
        if (percent >= 50) secondHalf = true;
      },
    });
    ms = Number(process.hrtime.bigint() - started) / 1e6;
    clearInterval(sampler);
    const [job] = await ds.query('SELECT file_size, rows_written FROM export_job WHERE id = $1', [id]);
    rows = job.rows_written;
    bytes = Number(job.file_size);
    sha256 = outcome.sha256;
    await app.close();
  }
  sample();
  const result = { mode, rows, ms, beforeRss, peakRss, peakFirstHalf, peakSecondHalf, maxRss: process.resourceUsage().maxRSS * 1024, bytes, sha256 };
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

/** The worker's node options as production starts it (package.json start:worker). */
const WORKER_NODE_OPTIONS = require('../../scripts/worker-node-options').benchWorkerNodeOptions();

function runChild(mode, filters, outDir) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...WORKER_NODE_OPTIONS, __filename, '--child', mode, JSON.stringify(filters), outDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_DB_NAME: dbName },
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`${mode}: exit ${code}\n${out}`))));
  });
}

// ───────────────────────────── parent ─────────────────────────────

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
const fmt = (n) => Number(n).toLocaleString('de-DE');

async function main() {
  const small = SIZES[0];
  const big = Math.max(...SIZES);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-bench-export-'));
  const cleanup = async () => {
    fs.rmSync(outDir, { recursive: true, force: true });
    await sql(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));
  const results = [];
  try {
    const t0 = Date.now();
    compileSources(path.join(outDir, 'build'));
    const ids = await seed(small, big - small);
    console.log(`\nbench:export  node ${process.version}, ${os.cpus().length} cpus; demo database + ${fmt(big)} Belege (COPY) in ${((Date.now() - t0) / 1000).toFixed(1)} s; worker node options: ${WORKER_NODE_OPTIONS.join(' ') || '(none)'}`);
    console.log('Belegliste (RECEIPTS, 22 columns) through ExportRunner.run; copy = COPY (same SQL) TO STDOUT');
    console.log(
      `${'mode'.padEnd(5)} ${'rows'.padStart(10)} ${'time s'.padStart(7)} ${'rows/s'.padStart(9)} ${'before MB'.padStart(10)} ${'peak MB'.padStart(8)} ${'1st half'.padStart(9)} ${'2nd half'.padStart(9)} ${'maxRSS MB'.padStart(10)} ${'file MB'.padStart(8)}  sha256`,
    );
    for (const rows of SIZES) {
      const filters = rows === small ? { proofId: ids.proofId } : { decisionId: ids.decisionId };
      for (const mode of MODES) {
        const r = await runChild(mode, filters, outDir);
        r.size = rows;
        results.push(r);
        console.log(
          `${mode.padEnd(5)} ${fmt(r.rows).padStart(10)} ${(r.ms / 1000).toFixed(1).padStart(7)} ${fmt(Math.round(r.rows / (r.ms / 1000))).padStart(9)} ${mb(r.beforeRss).padStart(10)} ${mb(r.peakRss).padStart(8)} ${(r.peakFirstHalf ? mb(r.peakFirstHalf) : '-').padStart(9)} ${(r.peakSecondHalf ? mb(r.peakSecondHalf) : '-').padStart(9)} ${mb(r.maxRss).padStart(10)} ${(r.bytes / 1024 / 1024).toFixed(1).padStart(8)}  ${r.sha256.slice(0, 12)}`,
        );
      }
    }
    const get = (mode, size) => results.find((r) => r.mode === mode && r.size === size);
    console.log('');
    const xl = get('xlsx', big);
    const csv = get('csv', big);
    if (xl && csv) console.log(`xlsx / csv at ${fmt(big)}: ${(xl.ms / csv.ms).toFixed(1)}× (goal ≤ 6×) -> ${xl.ms / csv.ms <= 6 ? 'met' : 'NOT met'}`);
    for (const mode of MODES.filter((m) => m !== 'copy')) {
      const a = get(mode, small);
      const b = get(mode, big);
      if (!a || !b) continue;
      // Flat: the 1M run peaks no more than 32 MB above the 100k run, and its second half no more
      // than 32 MB above its first (GC sawtooth; without backpressure RSS grew ~65 MB per 100k rows).
      const limit = 32 * 1024 * 1024;
      const flat = b.maxRss - a.maxRss < limit && b.peakSecondHalf - b.peakFirstHalf < limit;
      const peak = Math.max(a.maxRss, b.maxRss);
      console.log(
        `${mode.padEnd(5)} worker peak RSS ${mb(a.maxRss)} MB at ${fmt(small)} → ${mb(b.maxRss)} MB at ${fmt(big)} (1st half ${mb(b.peakFirstHalf)}, 2nd half ${mb(b.peakSecondHalf)}); goal < 256 MB and flat -> ${peak < 256 * 1024 * 1024 && flat ? 'met' : 'NOT met'}`,
      );
    }
    const shas = new Set(results.filter((r) => r.mode !== 'copy' && r.size === big).map((r) => r.sha256));
    console.log(`same SHA-256 of the data rows for xlsx and CSV: ${shas.size === 1 ? 'yes' : 'NO'}`);
  } finally {
    await cleanup();
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3], JSON.parse(process.argv[4]), process.argv[5])
    .then(() => process.exit(0))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
