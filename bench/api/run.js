#!/usr/bin/env node
// `npm run bench:api`: the api against its stack's floor, driven by autocannon.
//   Target: GET /api/v1/organisations?limit=20 (authenticated, 20 rows).
//   The api (dist/apps/api/src/main.js) and the floor server (bench/api/floor-server.js: express +
//   pg + jsonwebtoken doing the same token check and the same list query) run side by side on the
//   same database; closed-loop runs at BENCH_CONNECTIONS alternate api, floor, api, floor … so
//   both see the same noise from whatever else the machine is doing.
//   Prints one line per target (label, req/s, p50, p99), the ratios and whether the goals hold:
//     throughput ≥ 0.9× the floor and p99 ≤ 1.3× the floor's at 50 connections;
//     open loop at BENCH_RATE (200) requests per second against the api: p99 < 50 ms.
//   Then cluster mode (API_WORKERS > 1) when the machine has more than 2 cores, otherwise why not.
//   Figures are printed, not asserted: the exit code is 0 unless something broke.
// Env: BENCH_DURATION (s per closed-loop run, 10), BENCH_ROUNDS (alternations, 2),
//      BENCH_CONNECTIONS (50), BENCH_RATE (200), BENCH_OPEN_DURATION (s, 10), BENCH_PORT (3999;
//      the floor uses +1, cluster mode +2), BENCH_WORKERS (cluster size, default cores − 1, max 4),
//      BENCH_NODE_ARGS (node flags for the api), BENCH_CLUSTER=force (the cluster run even on ≤ 2 cores).
// Needs a build (npm run build). Uses its own database (ff_bench), dropped afterwards.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { spawn, spawnSync } = require('node:child_process');
const { Client } = require('pg');
const autocannon = require('autocannon');

const root = path.resolve(__dirname, '..', '..');
const PORT = Number(process.env.BENCH_PORT || 3999);
const FLOOR_PORT = PORT + 1;
const CLUSTER_PORT = PORT + 2;
const DURATION = Number(process.env.BENCH_DURATION || 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const RATE = Number(process.env.BENCH_RATE || 200);
const OPEN_DURATION = Number(process.env.BENCH_OPEN_DURATION || 10);
const CORES = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const WORKERS = Number(process.env.BENCH_WORKERS || Math.min(Math.max(CORES - 1, 2), 4));
const LIST = '/api/v1/organisations?limit=20';
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
  // JSON lines like production (development would default to pretty); request lines are info.
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  LOG_FORMAT: 'json',
  QUEUE_PREFIX: 'ff_bench',
  // Explicit, so the floor verifies with exactly what the api signs with.
  JWT_SECRET: process.env.JWT_SECRET || 'bench-secret-bench-secret-bench-secret-0000',
  JWT_ISSUER: process.env.JWT_ISSUER || 'foerderfluss',
  JWT_AUDIENCE: process.env.JWT_AUDIENCE || 'foerderfluss-api',
  DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE || '10',
  API_WORKERS: '1',
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

function cannon(opts) {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

// Extra node flags for the api, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it under load.
const NODE_ARGS = (process.env.BENCH_NODE_ARGS || '').split(' ').filter(Boolean);

function start(label, file, port, extraEnv = {}, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, file], { env: { ...env, MIGRATE_ON_START: 'false', ...extraEnv, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((r) => child.once('exit', r));
  return { label, port, child, exited, url: `http://127.0.0.1:${port}` };
}

async function stop(target) {
  if (!target || target.child.exitCode !== null) return;
  target.child.kill('SIGTERM');
  await target.exited;
}

async function waitForHealth(target) {
  for (let i = 0; i < 150; i++) {
    if (target.child.exitCode !== null) throw new Error(`${target.label} exited with ${target.child.exitCode}`);
    try {
      const r = await fetch(`${target.url}/api/v1/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${target.label} did not become healthy`);
}

async function items(target, token) {
  const r = await fetch(`${target.url}${LIST}`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`${target.label}: ${r.status} for ${LIST}`);
  return (await r.json()).items;
}

/**
 * CPU seconds the target's process (and its cluster workers) used so far (Linux /proc; null elsewhere). Per request it
 * is the figure that other load on the machine disturbs least: contention stretches latency and
 * cuts req/s, but barely changes how much work one request is.
 */
function cpuSeconds(target) {
  const stat = (pid) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const used = (fields) => (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in USER_HZ (100)
  try {
    let total = used(stat(target.child.pid));
    // Cluster mode: the workers are the primary's children and do the work.
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const fields = stat(entry);
        if (Number(fields[1]) === target.child.pid) total += used(fields);
      } catch {
        /* gone meanwhile */
      }
    }
    return total;
  } catch {
    return null;
  }
}

async function closedLoop(target, token, duration = DURATION, connections = CONNECTIONS) {
  const before = cpuSeconds(target);
  const r = await cannon({ url: `${target.url}${LIST}`, connections, duration, headers: { authorization: `Bearer ${token}` } });
  const after = cpuSeconds(target);
  r.cpuSeconds = before === null || after === null ? null : after - before;
  return r;
}

const ms = (v) => `${Number(v).toFixed(1).padStart(6)} ms`;

function line(label, f) {
  const broken = f.errors || f.non2xx ? `   errors ${f.errors}   non-2xx ${f.non2xx}` : '';
  const cpu = f.cpuMsPerRequest === null ? '' : `   cpu ${f.cpuMsPerRequest.toFixed(2)} ms/req`;
  console.log(`${label.padEnd(46)} ${String(Math.round(f.rps)).padStart(6)} req/s   p50 ${ms(f.p50)}   p99 ${ms(f.p99)}${cpu}${broken}`);
}

/** One figure per target from several runs: requests over the whole time, latencies the mean of the runs'. */
function combine(results) {
  const n = results.length;
  const sum = (fn) => results.reduce((s, r) => s + fn(r), 0);
  return {
    rps: sum((r) => r.requests.total) / sum((r) => r.duration),
    p50: sum((r) => r.latency.p50) / n,
    p99: sum((r) => r.latency.p99) / n,
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    cpuMsPerRequest: results.some((r) => r.cpuSeconds == null) ? null : (1000 * sum((r) => r.cpuSeconds)) / sum((r) => r.requests.total),
  };
}
const single = (r) => combine([r]);
const verdict = (ok) => (ok ? 'met' : 'NOT met');

async function main() {
  await sql(server, 'DROP DATABASE IF EXISTS ff_bench WITH (FORCE)');
  const prepared = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/src/cli.js'), 'prepare'], { env, encoding: 'utf8' });
  if (prepared.status !== 0) {
    process.stderr.write(`${prepared.stdout ?? ''}${prepared.stderr ?? ''}`);
    throw new Error('prepare failed (did you run npm run build?)');
  }
  // 20 organisations in the list: the 9 demo ones plus 11 more Träger.
  await sql(
    dbUrl,
    `INSERT INTO organisation (code, kind, name, city, bank_account_status)
     SELECT 'BENCH_' || g, 'PROVIDER', 'Bench-Träger ' || lpad(g::text, 2, '0') || ' e.V.', 'Altenburg', 'MISSING'
       FROM generate_series(1, 11) g`,
  );

  const mainJs = path.join(root, 'dist/apps/api/src/main.js');
  const api = start('Förderfluss api', mainJs, PORT, {}, NODE_ARGS);
  const floor = start('floor (express + pg + jsonwebtoken)', path.join(__dirname, 'floor-server.js'), FLOOR_PORT);
  let cluster = null;
  try {
    await Promise.all([waitForHealth(api), waitForHealth(floor)]);
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sachbearbeitung@demo.foerderfluss.de', password: 'Demo-Passwort-2026' }),
    });
    if (!login.ok) throw new Error(`login: ${login.status}`);
    const { accessToken } = await login.json();
    // Both must do the same work: the same 20 rows, field for field.
    const [apiItems, floorItems] = await Promise.all([items(api, accessToken), items(floor, accessToken)]);
    if (apiItems.length !== 20) throw new Error(`expected 20 rows, got ${apiItems.length}`);
    if (!isDeepStrictEqual(apiItems, floorItems)) throw new Error('the floor answers other rows than the api');

    // Warm-up: JIT, pools and PostgreSQL's plan caches in steady state on both sides.
    for (const t of [api, floor]) await closedLoop(t, accessToken, 3, 10);

    console.log(
      `\nbench:api  GET ${LIST}  ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION} s per target (alternating), node ${process.version}, ${CORES} cpus`,
    );
    const runs = { api: [], floor: [] };
    for (let i = 0; i < ROUNDS; i++) {
      runs.api.push(await closedLoop(api, accessToken));
      runs.floor.push(await closedLoop(floor, accessToken));
      if (ROUNDS > 1) {
        line(`  round ${i + 1}: ${api.label}`, single(runs.api[i]));
        line(`  round ${i + 1}: ${floor.label}`, single(runs.floor[i]));
      }
    }
    const a = combine(runs.api);
    const f = combine(runs.floor);
    line(api.label, a);
    line(floor.label, f);
    const tput = a.rps / f.rps;
    const p99 = a.p99 / f.p99;
    const cpu = a.cpuMsPerRequest !== null && f.cpuMsPerRequest !== null ? `   cpu per request ${(a.cpuMsPerRequest / f.cpuMsPerRequest).toFixed(2)}×` : '';
    console.log(`ratio api/floor: throughput ${tput.toFixed(2)}× (goal ≥ 0.9×: ${verdict(tput >= 0.9)})   p99 ${p99.toFixed(2)}× (goal ≤ 1.3×: ${verdict(p99 <= 1.3)})${cpu}`);

    // Open loop: requests arrive at a fixed rate whether or not earlier ones are done, so a slow
    // answer shows up as latency instead of as fewer requests (no coordinated omission).
    // autocannon's overallRate is a per-second quota per connection: at each second's start every
    // connection sends its share back to back, so the 200 requests arrive as a burst of up to
    // CONNECTIONS at once, not spread evenly. The floor's line shows what that burst costs the
    // stack underneath.
    const openLoop = (t) => cannon({ url: `${t.url}${LIST}`, connections: CONNECTIONS, overallRate: RATE, duration: OPEN_DURATION, headers: { authorization: `Bearer ${accessToken}` } });
    const open = await openLoop(api);
    line(`${api.label}, open loop ${RATE} req/s`, single(open));
    line(`${floor.label}, open loop ${RATE} req/s`, single(await openLoop(floor)));
    console.log(`goal: open loop ${RATE} req/s p99 < 50 ms -> ${verdict(open.latency.p99 < 50)}`);

    if (CORES > 2 || process.env.BENCH_CLUSTER === 'force') {
      // Alone on the machine: the single-process api and the floor are idle now.
      cluster = start(`Förderfluss api, API_WORKERS=${WORKERS}`, mainJs, CLUSTER_PORT, { API_WORKERS: String(WORKERS) });
      await waitForHealth(cluster);
      await closedLoop(cluster, accessToken, 3, 10);
      const c = single(await closedLoop(cluster, accessToken));
      line(cluster.label, c);
      console.log(`cluster/single throughput ${(c.rps / a.rps).toFixed(2)}×, cluster/floor ${(c.rps / f.rps).toFixed(2)}×`);
    } else {
      console.log(`cluster mode (API_WORKERS > 1): skipped, ${CORES} cpus: with 2 or fewer cores a second api process competes with PostgreSQL and the first one`);
    }
  } finally {
    await Promise.all([stop(api), stop(floor), stop(cluster)]);
    await sql(server, 'DROP DATABASE IF EXISTS ff_bench WITH (FORCE)');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
