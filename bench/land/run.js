#!/usr/bin/env node
// `npm run bench:land` (issue 20): does a Kreis's work slow down when it shares its database with
// the whole Land? Two databases, built in the same run, measured side by side:
//   Land       22 Kreise (the demo's Altenburger Land and 21 generated), 30 Träger each, 5 budget
//              years, one Bescheid and one VN per Träger and year, ≈ 5 million Belege and the ledger
//              (bench/land/generate.js);
//   one Kreis  the same demo and the same generated data for one Kreis only (the same per-Kreis size).
// Both are measured through the real api (dist/apps/api/src/main.js, connected as the application
// role, so row-level security is on), logged in as the Altenburger Land's Sachbearbeitung:
//   - GET /api/v1/decisions?limit=50                                   (a Kreis list)
//   - GET /api/v1/proofs-of-use/{id}/receipts?limit=50                 (the Belege of a VN)
//   - GET /api/v1/budget-years/{id}  and  …/{id}/breakdown             (a Kreis's budget figures)
//   - the Belegliste (RECEIPTS, csv) of one of its budget years through the worker's ExportRunner.run
//     in a child process (WorkerModule from dist, as bench:export does);
//   - the Land's overview of all Kreise (landOverview: GET /api/v1/districts?year= as a Land user
//     once branch land-view is merged, until then the equivalent SQL);
//   - the database size.
// Requests run one at a time (latency, not throughput), alternating request by request between the two
// databases so both see the same noise from the rest of the machine. One line per figure: Land, one Kreis, ratio.
// Goals: every Kreis figure within 1.2× of the one-Kreis database; the Land overview under 500 ms.
// Figures are printed, not asserted: the exit code is 0 unless something broke.
//
// Env: BENCH_LAND_SCALE (or --scale; 1 = full size, 0.02 runs in about a minute), BENCH_LAND_REQUESTS
// (per list and round, 100), BENCH_LAND_ROUNDS (2), BENCH_LAND_EXPORTS (export runs per database, 3),
// BENCH_LAND_TRIGGERS=all (keep ff_assign_district on for the bulk tables too, slower),
// BENCH_LAND_KEEP=1 (keep the databases), BENCH_PORT (4100; the one-Kreis api uses +1),
// TEST_DATABASE_URL (server, superuser), BENCH_APP_ROLE / BENCH_OWNER_ROLE (the roles prepare uses).
// Needs a build (npm run build). Its databases ff_bench_land and ff_bench_land_one are dropped afterwards,
// with the Redis keys of their queue prefixes (ff_ff_bench_land:*, ff_ff_bench_land_one:*).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { Client } = require('pg');
const { generate, sizes } = require('./generate');

const root = path.resolve(__dirname, '..', '..');
const argScale = (() => {
  const i = process.argv.indexOf('--scale');
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith('--scale='));
  return eq ? eq.slice('--scale='.length) : undefined;
})();
const SCALE = Number(argScale ?? process.env.BENCH_LAND_SCALE ?? 1);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error(`scale must be in (0, 1], is ${argScale ?? process.env.BENCH_LAND_SCALE}`);
const REQUESTS = Number(process.env.BENCH_LAND_REQUESTS || 100);
const ROUNDS = Number(process.env.BENCH_LAND_ROUNDS || 2);
const EXPORTS = Number(process.env.BENCH_LAND_EXPORTS || 3);
const PORT = Number(process.env.BENCH_PORT || 4100);
const server = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const APP_ROLE = process.env.BENCH_APP_ROLE || 'foerderfluss_test_app';
const OWNER_ROLE = process.env.BENCH_OWNER_ROLE || 'foerderfluss_test_owner';
const KREIS_USER = 'sachbearbeitung@demo.foerderfluss.de';
const LAND_USER = 'land@demo.foerderfluss.de';
const PASSWORD = 'Demo-Passwort-2026';

/** The URLs of one database: the application role (api, worker) and the owner role (migrations, generator). */
function urls(name) {
  const app = new URL(server);
  app.pathname = `/${name}`;
  app.username = APP_ROLE;
  const owner = new URL(server);
  owner.pathname = `/${name}`;
  owner.searchParams.set('options', `-c role=${OWNER_ROLE}`);
  const superuser = new URL(server);
  superuser.pathname = `/${name}`;
  return { name, app: app.toString(), owner: owner.toString(), superuser: superuser.toString() };
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

function appEnv(db, extra = {}) {
  return {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: db.app,
    DATABASE_MIGRATION_URL: db.owner,
    SEED_DEMO: 'true',
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    LOG_FORMAT: 'json',
    QUEUE_PREFIX: `ff_${db.name}`,
    JWT_SECRET: process.env.JWT_SECRET || 'bench-secret-bench-secret-bench-secret-0000',
    DATABASE_POOL_SIZE: '10',
    API_WORKERS: '1',
    ...extra,
  };
}

/** Migrates and seeds (reference + demo) a fresh database through the app's own cli. */
function prepare(db) {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/src/cli.js'), 'prepare'], { env: appEnv(db), encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new Error('prepare failed (did you run npm run build?)');
  }
}

/**
 * The apis register their BullMQ queues under QUEUE_PREFIX (`ff_<database>`): the Redis keys of
 * those prefixes go with the databases, else every run leaves them behind.
 */
async function dropQueueKeys(prefixes) {
  const IORedis = require('ioredis');
  const redis = new IORedis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    for (const prefix of prefixes) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

// ───────────────────────────── measuring ─────────────────────────────

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const now = () => Number(process.hrtime.bigint()) / 1e6;

function startApi(db, port) {
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/api/src/main.js')], { env: appEnv(db, { PORT: String(port) }), stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((r) => child.once('exit', r));
  return { db, child, exited, url: `http://127.0.0.1:${port}` };
}

async function stopApi(api) {
  if (!api || api.child.exitCode !== null) return;
  api.child.kill('SIGTERM');
  await api.exited;
}

async function waitForHealth(api) {
  for (let i = 0; i < 300; i++) {
    if (api.child.exitCode !== null) throw new Error(`api on ${api.db.name} exited with ${api.child.exitCode}`);
    try {
      if ((await fetch(`${api.url}/api/v1/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`api on ${api.db.name} did not become healthy`);
}

async function login(api, email) {
  const r = await fetch(`${api.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!r.ok) return null;
  return (await r.json()).accessToken ?? null;
}

async function getJson(api, token, route) {
  const r = await fetch(`${api.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`${api.db.name}: ${r.status} for ${route}: ${(await r.text()).slice(0, 300)}`);
  return r.json();
}

/** `count` requests one after the other; the latencies in ms. */
async function timeRoute(api, token, route, count) {
  const ms = [];
  for (let i = 0; i < count; i++) {
    const t0 = now();
    const r = await fetch(`${api.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`${api.db.name}: ${r.status} for ${route}`);
    ms.push(now() - t0);
  }
  return ms;
}

/**
 * The Land's overview of all Kreise for a year, measured once per call: through the api
 * (GET /api/v1/districts?year=, branch land-view) when a Land user can log in and the route answers,
 * otherwise the equivalent SQL as the application role without a Kreis (what a Land user's
 * transaction sees). Returns the label of what was measured and the latencies.
 */
async function landOverview(api, year, count) {
  const token = await login(api, LAND_USER);
  if (token) {
    const probe = await fetch(`${api.url}/api/v1/districts?year=${year}`, { headers: { authorization: `Bearer ${token}` } });
    if (probe.ok) return { via: `GET /api/v1/districts?year=${year}`, ms: await timeRoute(api, token, `/api/v1/districts?year=${year}`, count) };
  }
  const c = new Client({ connectionString: api.db.app });
  await c.connect();
  try {
    const ms = [];
    for (let i = 0; i < count; i++) {
      const t0 = now();
      await c.query('BEGIN');
      await c.query(`SELECT set_config('ff.tier', 'STATE', true)`);
      await c.query(LAND_OVERVIEW_SQL, [year]);
      await c.query('COMMIT');
      ms.push(now() - t0);
    }
    return { via: `SQL equivalent of GET /api/v1/districts?year=${year} (route not there yet)`, ms };
  } finally {
    await c.end();
  }
}

/**
 * What GET /api/v1/districts?year= adds up per Kreis (CONTRACT.md): allocated = the Kreis's Land
 * allocation, drawn = drawdowns received from the Land, paidToProviders = payouts paid to Träger,
 * proven = the Kreis's submitted Landesnachweis (own eligible costs), refunded = refunds to the Land;
 * all from the materialised balance rows, which the ledger keeps exact in the posting transaction.
 */
const LAND_OVERVIEW_SQL = `
  SELECT o.id, o.code, o.name,
         coalesce(b.allocated_state, 0)::text AS allocated,
         coalesce(b.received_from_state, 0)::text AS drawn,
         coalesce(b.paid_state + b.paid_district, 0)::text AS paid_to_providers,
         coalesce(sp.own_eligible_costs, 0)::text AS proven,
         coalesce(b.refunded_to_state, 0)::text AS refunded
    FROM organisation o
    LEFT JOIN budget_year y ON y.district_id = o.id AND y.year = $1
    LEFT JOIN budget_year_balance b ON b.budget_year_id = y.id
    LEFT JOIN state_proof sp ON sp.budget_year_id = y.id AND sp.status = 'SUBMITTED'
   WHERE o.kind = 'DISTRICT'
   ORDER BY o.name`;

/** One RECEIPTS export (csv) through ExportRunner.run in a fresh child process; its wall time in ms. */
function runExport(db, budgetYearId, outDir) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [__filename, '--export-child', JSON.stringify({ budgetYearId, outDir })], { stdio: ['ignore', 'pipe', 'inherit'], env: appEnv(db) });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`export child: exit ${code}\n${out}`))));
  });
}

async function exportChild({ budgetYearId, outDir }) {
  require('reflect-metadata');
  const { NestFactory } = require('@nestjs/core');
  const { DataSource } = require('typeorm');
  const { loadConfig } = require(path.join(root, 'dist/libs/core/src'));
  const { ExportRunner } = require(path.join(root, 'dist/libs/exports/src'));
  const { WorkerModule } = require(path.join(root, 'dist/apps/worker/src/worker.module'));
  const config = loadConfig({ ...process.env, FILE_STORAGE_DIR: outDir });
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, { run: false }), { logger: ['error', 'warn'] });
  try {
    const ds = app.get(DataSource);
    const [{ id: userId }] = await ds.query(`SELECT id FROM app_user WHERE email = $1`, [KREIS_USER]);
    const [{ id }] = await ds.query(
      `INSERT INTO export_job (id, type, format, filters, status, created_by, created_at, expires_at, file_name)
       VALUES (gen_random_uuid(), 'RECEIPTS', 'csv', $1, 'QUEUED', $2, now(), now() + interval '1 day', 'Belegliste.csv') RETURNING id`,
      [{ budgetYearId }, userId],
    );
    const t0 = now();
    await app.get(ExportRunner).run(id, { updateProgress: async () => undefined });
    const ms = now() - t0;
    const [job] = await ds.query('SELECT status, rows_written FROM export_job WHERE id = $1', [id]);
    if (job.status !== 'COMPLETED') throw new Error(`export ended ${job.status}`);
    process.stdout.write(`\n${JSON.stringify({ ms, rows: Number(job.rows_written) })}\n`);
  } finally {
    await app.close();
  }
}

// ───────────────────────────── report ─────────────────────────────

const fmt = (n) => Number(n).toLocaleString('de-DE');
const f1 = (v) => `${v.toFixed(1).padStart(8)} ms`;

function line(label, land, one, goal) {
  const ratio = land / one;
  const verdict = goal === undefined ? '' : `   (goal ≤ ${goal}×: ${ratio <= goal ? 'met' : 'NOT met'})`;
  console.log(`${label.padEnd(58)} Land ${f1(land)}   one Kreis ${f1(one)}   ratio ${ratio.toFixed(2)}×${verdict}`);
  return ratio;
}

async function main() {
  const s = { ...sizes(SCALE), triggers: process.env.BENCH_LAND_TRIGGERS === 'all' ? 'all' : 'bulk-checked' };
  const land = urls('ff_bench_land');
  const one = urls('ff_bench_land_one');
  const seed = urls('ff_bench_land_seed');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-bench-land-'));
  const dropAll = async () => {
    for (const db of [seed, land, one]) await sql(server, `DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
    await dropQueueKeys([seed, land, one].map((db) => appEnv(db).QUEUE_PREFIX));
  };
  const apis = [];
  process.once('SIGINT', () => {
    for (const a of apis) a.child.kill('SIGTERM');
    (process.env.BENCH_LAND_KEEP ? Promise.resolve() : dropAll()).finally(() => process.exit(130));
  });
  try {
    const t0 = Date.now();
    await dropAll();
    prepare(seed);
    // The same starting point for both: the migrated schema with reference data and demo.
    await sql(server, `CREATE DATABASE ${land.name} TEMPLATE ${seed.name}`);
    await sql(server, `CREATE DATABASE ${one.name} TEMPLATE ${seed.name}`);
    await sql(server, `DROP DATABASE ${seed.name}`);
    const log = (m) => console.log(m);
    const filled = {};
    for (const [db, districts] of [
      [one, 1],
      [land, s.districts],
    ]) {
      console.log(`generating ${db.name}: ${districts} Kreis(e) × ${s.providers} Träger × ${s.years} Jahre, ${fmt(s.receiptsPerProof)} Belege per VN`);
      const c = new Client({ connectionString: db.owner });
      await c.connect();
      try {
        filled[db.name] = await generate(c, { ...s, districts }, log);
        const t = Date.now();
        await c.query('VACUUM ANALYZE');
        console.log(`  VACUUM ANALYZE in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      } finally {
        await c.end();
      }
    }
    const counts = async (db) =>
      (
        await sql(
          db.superuser,
          `SELECT (SELECT count(*) FROM receipt) AS receipts, (SELECT count(*) FROM budget_ledger_entry) AS entries, (SELECT count(*) FROM decision) AS decisions,
                  (SELECT count(*) FROM organisation WHERE kind = 'DISTRICT') AS districts, pg_database_size(current_database()) AS bytes`,
        )
      ).rows[0];
    const [cl, co] = [await counts(land), await counts(one)];
    console.log(
      `\nbench:land  scale ${SCALE}, node ${process.version}, ${os.cpus().length} cpus; built in ${((Date.now() - t0) / 1000).toFixed(0)} s\n` +
        `  Land      ${cl.districts} Kreise, ${fmt(cl.decisions)} Bescheide, ${fmt(cl.receipts)} Belege, ${fmt(cl.entries)} Buchungen\n` +
        `  one Kreis ${co.districts} Kreis,  ${fmt(co.decisions)} Bescheide, ${fmt(co.receipts)} Belege, ${fmt(co.entries)} Buchungen`,
    );

    const apiLand = startApi(land, PORT);
    const apiOne = startApi(one, PORT + 1);
    apis.push(apiLand, apiOne);
    await Promise.all([waitForHealth(apiLand), waitForHealth(apiOne)]);
    const targets = [apiLand, apiOne];
    const tokens = await Promise.all(targets.map((a) => login(a, KREIS_USER)));
    if (tokens.some((t) => !t)) throw new Error(`login as ${KREIS_USER} failed`);
    const ids = targets.map((a) => filled[a.db.name]);
    const year = ids[0].homeYears[ids[0].homeYears.length - 1];
    const routes = [
      { label: 'GET /decisions?limit=50', route: () => '/api/v1/decisions?limit=50' },
      { label: 'GET /proofs-of-use/{VN}/receipts?limit=50', route: (i) => `/api/v1/proofs-of-use/${ids[i].proofId}/receipts?limit=50` },
      { label: 'GET /budget-years/{id} (figures)', route: (i) => `/api/v1/budget-years/${ids[i].homeYears.at(-1).id}` },
      { label: 'GET /budget-years/{id}/breakdown', route: (i) => `/api/v1/budget-years/${ids[i].homeYears.at(-1).id}/breakdown` },
    ];
    // The same answers in both (the Kreis sees only its own rows): same number of items, same figures.
    for (const r of routes) {
      const [a, b] = await Promise.all(targets.map((t, i) => getJson(t, tokens[i], r.route(i))));
      const shape = (x) => (Array.isArray(x.items) ? x.items.length : JSON.stringify(x.figures ?? x.balances ?? Object.keys(x)).length);
      if (shape(a) !== shape(b)) throw new Error(`${r.label}: Land and one-Kreis answers differ (${shape(a)} vs ${shape(b)})`);
    }
    // Warm-up: JIT, pools, plan caches.
    for (const r of routes) for (let i = 0; i < 2; i++) await timeRoute(targets[i], tokens[i], r.route(i), 10);

    console.log(`\n${REQUESTS} × ${ROUNDS} requests one at a time per route and database, alternating Land / one Kreis; Kreis user ${KREIS_USER}`);
    const ratios = [];
    for (const r of routes) {
      const ms = [[], []];
      // Interleaved request by request, so a burst of load elsewhere on the machine hits both alike.
      for (let round = 0; round < ROUNDS; round++) {
        for (let k = 0; k < REQUESTS; k++) for (let i = 0; i < 2; i++) ms[i].push(...(await timeRoute(targets[i], tokens[i], r.route(i), 1)));
      }
      for (const m of ms) m.sort((a, b) => a - b);
      ratios.push(line(`${r.label} p50`, pct(ms[0], 50), pct(ms[1], 50), 1.2));
      line(`${r.label} p99`, pct(ms[0], 99), pct(ms[1], 99));
    }

    // The Belegliste of the Kreis's latest budget year through the worker path.
    const ex = [[], []];
    let rows = [0, 0];
    for (let round = 0; round < EXPORTS; round++) {
      for (let i = 0; i < 2; i++) {
        const r = await runExport(targets[i].db, ids[i].homeYears.at(-1).id, outDir);
        ex[i].push(r.ms);
        rows[i] = r.rows;
      }
    }
    if (rows[0] !== rows[1]) throw new Error(`export rows differ: Land ${rows[0]}, one Kreis ${rows[1]}`);
    for (const m of ex) m.sort((a, b) => a - b);
    ratios.push(line(`Belegliste ${year.year} (RECEIPTS csv, ${fmt(rows[0])} rows), median of ${EXPORTS}`, pct(ex[0], 50), pct(ex[1], 50), 1.2));

    // The Land's overview of all Kreise.
    const ov = [];
    for (const t of targets) ov.push(await landOverview(t, year.year, REQUESTS));
    for (const o of ov) o.ms.sort((a, b) => a - b);
    console.log(`Land overview: ${ov[0].via}`);
    line('Land overview p50', pct(ov[0].ms, 50), pct(ov[1].ms, 50));
    line('Land overview p99', pct(ov[0].ms, 99), pct(ov[1].ms, 99));
    console.log(`goal: Land overview under 500 ms (p99 ${pct(ov[0].ms, 99).toFixed(1)} ms) -> ${pct(ov[0].ms, 99) < 500 ? 'met' : 'NOT met'}`);

    const mb = (b) => Number(b) / 1024 / 1024;
    console.log(`${'database size'.padEnd(58)} Land ${mb(cl.bytes).toFixed(0).padStart(8)} MB   one Kreis ${mb(co.bytes).toFixed(0).padStart(8)} MB   ratio ${(Number(cl.bytes) / Number(co.bytes)).toFixed(2)}×`);
    const worst = Math.max(...ratios);
    console.log(`goal: Kreis figures within 1.2× of the one-Kreis database (worst p50 ratio ${worst.toFixed(2)}×) -> ${worst <= 1.2 ? 'met' : 'NOT met'}`);
  } finally {
    await Promise.all(apis.map(stopApi));
    fs.rmSync(outDir, { recursive: true, force: true });
    if (!process.env.BENCH_LAND_KEEP) await dropAll();
  }
}

if (process.argv[2] === '--export-child') {
  exportChild(JSON.parse(process.argv[3]))
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
