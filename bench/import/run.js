#!/usr/bin/env node
// `npm run bench:import`: a Belegliste of 100.000 rows imported through the real job, against the
// time exceljs alone needs to stream-read the same file.
//
//   1. generates the xlsx as Excel writes it (shared strings, date and money formats);
//   2. bare read: exceljs WorkbookReader with the options the import uses (worksheets 'emit',
//      sharedStrings 'cache', styles 'cache', hyperlinks and entries 'ignore') over the file,
//      touching every cell, in a child process of its own with the worker's node options;
//      BENCH_READS runs (default 3), the fastest is the baseline (the conservative choice);
//   3. the job: the compiled worker (dist/apps/worker/src/main.js) started as production starts it
//      (the node options of package.json start:worker), as a separate process; an import row is created and the job
//      `proof-of-use.import-receipts` enqueued directly (no api upload). Time = the job's
//      processedOn → finishedOn in BullMQ (and enqueue → COMPLETED as seen by a client); the
//      worker's RSS is sampled from /proc/<pid>/status (VmRSS every 20 ms, and VmHWM). BENCH_RUNS
//      imports (default 3), each in a fresh worker; every ratio is against the same run's baseline;
//      optionally once more with a V8 old-space cap (BENCH_HEAP_CAP_MB, off by default);
//   4. (BENCH_COMPARE, default on) the same import run directly (ReceiptImportJobService.process in a
//      child, no queue): COPY per 5.000, 10.000 and 20.000 rows, and 1.000-row INSERTs.
// Goal (issue 8): the whole import within 2× the bare read, worker RSS under 256 MB.
//
// Needs a build (npm run build / npx nest build api). Environment: BENCH_ROWS (default 100000),
// BENCH_READS, BENCH_RUNS, BENCH_COMPARE (1/0), BENCH_HEAP_CAP_MB, BENCH_WORKER_NODE_OPTIONS (instead
// of start:worker's, "" for none), BENCH_DIST (compiled build, default ./dist),
// TEST_DATABASE_URL, TEST_REDIS_URL. Own database and queue prefix, removed afterwards.
'use strict';
require('reflect-metadata');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { Client } = require('pg');

const root = path.resolve(__dirname, '..', '..');
const DIST = path.resolve(root, process.env.BENCH_DIST || 'dist');
const dist = (p) => path.join(DIST, p);
const ROWS = Number(process.env.BENCH_ROWS || 100000);
const COMPARE = (process.env.BENCH_COMPARE ?? '1') !== '0';
const READS = Math.max(1, Number(process.env.BENCH_READS || 3));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 3));
const server = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const dbName = process.env.BENCH_DB_NAME || `ff_bench_import_${process.pid}`;
const dbUrl = (() => {
  const u = new URL(server);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const JOB = 'proof-of-use.import-receipts';

const WORKER_NODE_OPTIONS = require('../../scripts/worker-node-options').benchWorkerNodeOptions();

async function sql(url, text, params) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

const childEnv = (extra) => ({
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL: dbUrl,
  REDIS_URL: redisUrl,
  SEED_DEMO: 'true',
  LOG_LEVEL: 'warn',
  IMPORT_MAX_BYTES: String(64 * 1024 * 1024),
  ...extra,
});

// ───────────────────────────── children ─────────────────────────────

function peakSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  };
}

/** exceljs alone: what any import of this file costs at least. */
async function childRead(file) {
  const ExcelJS = require('exceljs');
  const stop = peakSampler();
  const t0 = process.hrtime.bigint();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let rows = 0;
  let cells = 0;
  for await (const ws of reader) {
    for await (const row of ws) {
      rows++;
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== undefined) cells++;
      });
    }
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(`${JSON.stringify({ ms, rows, cells, peakRss: stop() })}\n`);
}

/** The import logic without the queue, with a chosen sink (COPY vs INSERT). */
async function childDirect(importId, strategy, batchSize) {
  const { NestFactory } = require('@nestjs/core');
  const { loadConfig } = require(dist('libs/core/src'));
  const { WorkerModule } = require(dist('apps/worker/src/worker.module'));
  const { ReceiptImportJobService } = require(dist('libs/proof-of-use/src'));
  const app = await NestFactory.createApplicationContext(WorkerModule.register(loadConfig(), { run: false }), { logger: ['error'] });
  const service = app.get(ReceiptImportJobService);
  service.sink = { strategy, batchSize: Number(batchSize) };
  const stop = peakSampler();
  const t0 = process.hrtime.bigint();
  const outcome = await service.process(importId, {});
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const peakRss = stop();
  await app.close();
  process.stdout.write(`${JSON.stringify({ ms, outcome, peakRss })}\n`);
}

function runChild(args, env) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...WORKER_NODE_OPTIONS, __filename, '--child', ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`${args[0]}: exit ${code}`))));
  });
}

// ───────────────────────────── parent ─────────────────────────────

const MB = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmt = (n) => Math.round(n).toLocaleString('de-DE');

/** 100.000 receipts inside the decision's period, booked to its plan lines, as Excel would store them. */
async function generate(file, ctx) {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('Belegliste');
  ws.addRow(['lfd. Nr.', 'Belegnummer', 'Belegdatum', 'Zahlungsdatum', 'Empfänger/Einzahler', 'Grund', 'Einnahme/Ausgabe', 'Kostenart', 'Bruttobetrag', 'USt.', 'Projektanteil %', 'zuwendungsfähiger Betrag', 'Personalstelle']).commit();
  const date = { numFmt: 'dd.mm.yyyy' };
  const money = { numFmt: '#,##0.00 "€"' };
  const percent = { numFmt: '0.00%' };
  const start = Date.UTC(...ctx.from);
  const days = Math.max(1, Math.floor((Date.UTC(...ctx.to) - start) / 86400000));
  for (let i = 1; i <= ROWS; i++) {
    const day = new Date(start + ((i * 37) % (days + 1)) * 86400000);
    const cents = 1000 + ((i * 7919) % 250000);
    const gross = cents / 100;
    const row = ws.addRow([
      i,
      `RE-${String(i).padStart(6, '0')}`,
      day,
      day,
      `Lieferant ${(i * 13) % 700}`,
      `Beleg ${i}: Büro- und Verwaltungsbedarf`,
      'Ausgabe',
      ctx.categories[i % ctx.categories.length],
      gross,
      i % 3 === 0 ? Math.floor(cents * 0.19) / 100 : null,
      i % 5 === 0 ? 0.8 : null,
      null,
      null,
    ]);
    row.getCell(3).style = date;
    row.getCell(4).style = date;
    row.getCell(9).style = money;
    row.getCell(10).style = money;
    row.getCell(11).style = percent;
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

function rssOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status) || [])[1] || 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

async function main() {
  if (!fs.existsSync(dist('apps/worker/src/processors/receipt-import.processor.js'))) throw new Error('no build with the import job: run "npm run build" first');
  const { Queue } = require('bullmq');
  const IORedis = require('ioredis');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-bench-import-'));
  const storage = path.join(work, 'files');
  const prefix = `ffbench${process.pid}`;
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('imports', { connection: redis, prefix });
  let worker = null;
  const cleanup = async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await queue.close().catch(() => undefined);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    fs.rmSync(work, { recursive: true, force: true });
    await sql(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  };
  try {
    console.log(`\nbench:import  node ${process.version}, ${os.cpus().length} cpus, ${fmt(ROWS)} rows, worker node options: ${WORKER_NODE_OPTIONS.join(' ') || '(none)'}`);
    await sql(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    const prepared = spawnSync(process.execPath, [dist('apps/api/src/cli.js'), 'prepare'], { env: childEnv({}), stdio: ['ignore', 'ignore', 'inherit'] });
    if (prepared.status !== 0) throw new Error('prepare failed (did you run npm run build?)');

    // a granted decision of the demo data and a draft proof of use for it
    const { rows: decisions } = await sql(
      dbUrl,
      `SELECT d.id, d.reference, d.provider_id, d.budget_year_id, v.period_start::text AS start, v.period_end::text AS "end", coalesce(v.eligible_from, v.period_start)::text AS eligible, v.approved_plan
         FROM decision d JOIN decision_version v ON v.decision_id = d.id AND v.version_no = d.current_version_no
        WHERE d.status = 'IN_FORCE' AND d.outcome = 'GRANT'
          AND NOT EXISTS (SELECT 1 FROM proof_of_use p WHERE p.decision_id = d.id AND p.kind = 'FINAL')
        ORDER BY d.reference LIMIT 1`,
    );
    const d = decisions[0];
    if (!d) throw new Error('no granted demo decision without a final proof');
    const { rows: proofs } = await sql(
      dbUrl,
      `INSERT INTO proof_of_use (reference, decision_id, provider_id, budget_year_id, kind, status, narrative, figures)
       VALUES ($1, $2, $3, $4, 'FINAL', 'DRAFT', '{}'::jsonb, '{"costLines": [], "ownFunds": "0.00", "thirdPartyFunds": "0.00"}'::jsonb) RETURNING id`,
      [`${d.reference}/VN`, d.id, d.provider_id, d.budget_year_id],
    );
    const proofId = proofs[0].id;
    const ymd = (t) => {
      const [y, m, day] = t.split('-').map(Number);
      return [y, m - 1, day];
    };
    const from = d.eligible > d.start ? d.eligible : d.start;
    const categories = [...new Set(d.approved_plan.costLines.map((l) => l.category))];

    const file = path.join(work, 'belegliste.xlsx');
    let t0 = Date.now();
    await generate(file, { from: ymd(from), to: ymd(d.end), categories });
    console.log(`generated ${path.basename(file)}: ${MB(fs.statSync(file).size)} in ${s(Date.now() - t0)} (decision ${d.reference}, ${from} … ${d.end}, ${categories.join('/')})`);

    const newImport = async () => {
      const { rows } = await sql(
        dbUrl,
        `INSERT INTO receipt_import (proof_id, status, format, mode, file_key, original_name, size_bytes) VALUES ($1, 'QUEUED', 'XLSX', 'REPLACE', 'pending', 'belegliste.xlsx', $2) RETURNING id`,
        [proofId, fs.statSync(file).size],
      );
      const id = rows[0].id;
      const key = `imports/${proofId}/${id}.xlsx`;
      fs.mkdirSync(path.join(storage, 'imports', proofId), { recursive: true });
      fs.copyFileSync(file, path.join(storage, key));
      await sql(dbUrl, 'UPDATE receipt_import SET file_key = $2 WHERE id = $1', [id, key]);
      return id;
    };
    const check = async (id) => {
      const { rows } = await sql(dbUrl, 'SELECT status, rows_imported, errors FROM receipt_import WHERE id = $1', [id]);
      if (rows[0].status !== 'COMPLETED' || rows[0].rows_imported !== ROWS) throw new Error(`import ${id}: ${rows[0].status}, ${rows[0].rows_imported} rows, ${JSON.stringify(rows[0].errors).slice(0, 500)}`);
      const { rows: n } = await sql(dbUrl, 'SELECT count(*)::int AS n FROM receipt WHERE proof_id = $1', [proofId]);
      if (n[0].n !== ROWS) throw new Error(`expected ${ROWS} receipts, found ${n[0].n}`);
    };
    const env = childEnv({ FILE_STORAGE_DIR: storage, QUEUE_PREFIX: prefix });

    // 2. bare read: once to warm the page cache (like the imports after it), then READS times; the
    //    fastest is the baseline.
    await runChild(['read', file], env);
    const reads = [];
    for (let i = 0; i < READS; i++) reads.push(await runChild(['read', file], env));
    const read = reads.reduce((a, b) => (b.ms < a.ms ? b : a));
    console.log(
      `bare read (exceljs WorkbookReader, styles: 'cache'): ${s(read.ms)}  ${fmt((read.rows / read.ms) * 1000)} rows/s  peak RSS ${MB(read.peakRss)}` +
        (reads.length > 1 ? `  (fastest of ${reads.length}: ${reads.map((r) => s(r.ms)).join(', ')}; peak RSS ${reads.map((r) => MB(r.peakRss)).join(', ')})` : ''),
    );

    // 3. the real job in a separate worker process, as started in production (RUNS times, a fresh
    //    worker each), and, with BENCH_HEAP_CAP_MB, as many times more with a V8 old-space cap
    const runJob = async (nodeOptions) => {
      await sql(dbUrl, 'DELETE FROM receipt WHERE proof_id = $1', [proofId]);
      worker = spawn(process.execPath, [...nodeOptions, dist('apps/worker/src/main.js')], { env: { ...env, LOG_LEVEL: 'log' }, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((resolve, reject) => {
        let out = '';
        worker.stdout.on('data', (c) => {
          out += c;
          if (/worker ready/.test(out)) resolve();
        });
        worker.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${out.slice(-2000)}`)));
      });
      worker.stdout.resume();
      const bootRss = rssOf(worker.pid).rss;
      const id = await newImport();
      let peakRss = 0;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(worker.pid).rss)), 20);
      const t0 = Date.now();
      const job = await queue.add(JOB, { importId: id }, { jobId: `${JOB}.${id}`, attempts: 1 });
      const db = new Client({ connectionString: dbUrl });
      await db.connect();
      try {
        for (;;) {
          const { rows } = await db.query('SELECT status FROM receipt_import WHERE id = $1', [id]);
          if (rows[0].status === 'COMPLETED' || rows[0].status === 'FAILED') break;
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await db.end();
      }
      const wall = Date.now() - t0;
      // The import commits before the job returns; BullMQ records finishedOn a moment later.
      let done = await queue.getJob(job.id);
      for (let i = 0; i < 500 && !done?.finishedOn; i++) {
        await new Promise((r) => setTimeout(r, 20));
        done = await queue.getJob(job.id);
      }
      clearInterval(sampler);
      const peak = Math.max(peakRss, rssOf(worker.pid).hwm);
      if (!done?.finishedOn) throw new Error(`job ${job.id} has not finished`);
      await check(id);
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
      return { jobMs: done.finishedOn - done.processedOn, wall, peak, bootRss };
    };
    const configurations = [['import job (worker process, as started in production)', WORKER_NODE_OPTIONS]];
    const capMb = Number(process.env.BENCH_HEAP_CAP_MB || 0);
    if (capMb > 0) configurations.push([`import job, + --max-old-space-size=${capMb}`, [...WORKER_NODE_OPTIONS, `--max-old-space-size=${capMb}`]]);
    for (const [label, options] of configurations) {
      const results = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await runJob(options);
        results.push(r);
        console.log(
          `${label} #${i + 1}: ${s(r.jobMs)} in the job (${s(r.wall)} enqueue → COMPLETED)  ${fmt((ROWS / r.jobMs) * 1000)} rows/s  ${(r.jobMs / read.ms).toFixed(2)}× bare read  ` +
            `worker RSS peak ${MB(r.peak)} (${MB(r.bootRss)} after boot)`,
        );
      }
      const ratios = results.map((r) => r.jobMs / read.ms).sort((a, b) => a - b);
      const peaks = results.map((r) => r.peak).sort((a, b) => a - b);
      // The upper median for an even count (the conservative one).
      const median = (xs) => xs[Math.floor(xs.length / 2)];
      console.log(
        `  ${results.length} runs: ratio median ${median(ratios).toFixed(2)}× (${ratios[0].toFixed(2)}–${ratios[ratios.length - 1].toFixed(2)}), ` +
          `worker RSS peak median ${MB(median(peaks))} (${MB(peaks[0])}–${MB(peaks[peaks.length - 1])})`,
      );
      console.log(
        `  goal: ≤ 2× bare read -> ${median(ratios) <= 2 ? 'met' : 'NOT met'} (median); worker RSS < 256 MB -> ${peaks[peaks.length - 1] < 256 * 1024 * 1024 ? 'met' : 'NOT met'} (every run)`,
      );
    }

    // 4. COPY vs multi-row INSERT, same logic without the queue
    if (COMPARE) {
      for (const [strategy, batch] of [
        ['copy', 5000],
        ['copy', 10000],
        ['copy', 20000],
        ['insert', 1000],
      ]) {
        await sql(dbUrl, 'DELETE FROM receipt WHERE proof_id = $1', [proofId]);
        const direct = await runChild(['direct', await newImport(), strategy, String(batch)], env);
        if (direct.outcome.status !== 'COMPLETED') throw new Error(`direct ${strategy}: ${JSON.stringify(direct.outcome)}`);
        console.log(`  direct, ${strategy.padEnd(6)} per ${String(batch).padStart(5)} rows: ${s(direct.ms)}  ${fmt((ROWS / direct.ms) * 1000)} rows/s  ${(direct.ms / read.ms).toFixed(2)}× bare read  peak RSS ${MB(direct.peakRss)}`);
      }
    }
  } finally {
    await cleanup();
  }
}

if (process.argv[2] === '--child') {
  const [mode, ...args] = process.argv.slice(3);
  (mode === 'read' ? childRead(args[0]) : childDirect(...args)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
