#!/usr/bin/env node
// `npm run bench:api`: the api against a seeded database, driven by autocannon.
//   GET /api/v1/organisations?limit=20 (authenticated, 20 rows) and GET /api/v1/health,
//   50 connections for 10 s each; prints req/s and latency p50/p99.
// Goal: the authenticated list keeps p99 under 50 ms on a 2-core machine.
// Needs a build (npm run build). Uses its own database (ff_bench), dropped afterwards.
'use strict';
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { Client } = require('pg');
const autocannon = require('autocannon');

const root = path.resolve(__dirname, '..', '..');
const PORT = Number(process.env.BENCH_PORT || 3999);
const DURATION = Number(process.env.BENCH_DURATION || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const server = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbUrl = (() => {
  const u = new URL(server);
  u.pathname = '/ff_bench';
  return u.toString();
})();

const env = {
  ...process.env,
  NODE_ENV: 'development',
  DATABASE_URL: dbUrl,
  PORT: String(PORT),
  SEED_DEMO: 'true',
  LOG_LEVEL: 'warn',
  QUEUE_PREFIX: 'ff_bench',
};

async function sql(url, query) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(query);
  } finally {
    await c.end();
  }
}

function run(opts) {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

async function waitForHealth() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${PORT}/api/v1/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('api did not become healthy');
}

function report(label, r) {
  const line = `${label.padEnd(44)} ${String(Math.round(r.requests.average)).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   errors ${r.errors}   non-2xx ${r.non2xx}`;
  console.log(line);
}

async function main() {
  await sql(server, 'DROP DATABASE IF EXISTS ff_bench WITH (FORCE)');
  const prepared = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/src/cli.js'), 'prepare'], { env, stdio: 'inherit' });
  if (prepared.status !== 0) throw new Error('prepare failed (did you run npm run build?)');
  // 20 organisations in the list: the 9 demo ones plus 11 more Träger.
  await sql(
    dbUrl,
    `INSERT INTO organisation (code, kind, name, city, bank_account_status)
     SELECT 'BENCH_' || g, 'PROVIDER', 'Bench-Träger ' || lpad(g::text, 2, '0') || ' e.V.', 'Altenburg', 'MISSING'
       FROM generate_series(1, 11) g`,
  );

  const api = spawn(process.execPath, [path.join(root, 'dist/apps/api/src/main.js')], { env: { ...env, MIGRATE_ON_START: 'false' }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitForHealth();
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sachbearbeitung@demo.foerderfluss.de', password: 'Demo-Passwort-2026' }),
    });
    const { accessToken } = await login.json();
    const check = await fetch(`http://127.0.0.1:${PORT}/api/v1/organisations?limit=20`, { headers: { authorization: `Bearer ${accessToken}` } });
    const rows = (await check.json()).items.length;
    if (rows !== 20) throw new Error(`expected 20 rows, got ${rows}`);

    // short warm-up so JIT and pool are in steady state
    await run({ url: `http://127.0.0.1:${PORT}/api/v1/organisations?limit=20`, connections: 10, duration: 2, headers: { authorization: `Bearer ${accessToken}` } });

    console.log(`\nbench:api  ${CONNECTIONS} connections, ${DURATION} s each, node ${process.version}, ${require('node:os').cpus().length} cpus`);
    const list = await run({
      url: `http://127.0.0.1:${PORT}/api/v1/organisations?limit=20`,
      connections: CONNECTIONS,
      duration: DURATION,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    report('GET /api/v1/organisations?limit=20 (auth)', list);
    const health = await run({ url: `http://127.0.0.1:${PORT}/api/v1/health`, connections: CONNECTIONS, duration: DURATION });
    report('GET /api/v1/health', health);
    console.log(`goal: authenticated list p99 < 50 ms -> ${list.latency.p99 < 50 ? 'met' : 'NOT met'}`);
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await sql(server, 'DROP DATABASE IF EXISTS ff_bench WITH (FORCE)');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
