#!/usr/bin/env node
// `npm start`: prepare the database (create, migrate, seed), then run api and worker side by
// side. Ctrl+C or SIGTERM stops both gracefully; if one dies, the other is stopped too.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const { WORKER_MAIN, workerNodeOptions } = require('./worker-node-options');

const root = path.resolve(__dirname, '..');
const node = process.execPath;

const prepared = spawnSync(node, [path.join(root, 'dist/apps/api/src/cli.js'), 'prepare'], { stdio: 'inherit', cwd: root });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

const env = { ...process.env, MIGRATE_ON_START: 'false' };
/**
 * Node options of the worker (package.json start:worker, read by ./worker-node-options), for the Belegliste import
 * (issue 8: worker RSS under 256 MB; bench/import measures it):
 * - No allocation-site pretenuring. exceljs keeps each chunk of rows alive for a moment; when a
 *   young-generation GC happens to find such a chunk whole, V8 decides to allocate those objects in
 *   the old generation from then on, and the heap grows by about 1 KB a row until a full GC (RSS
 *   ~275 MB instead of ~210 MB for 100.000 rows, and slower). It is chance (about one import in six
 *   here, despite the precautions in the import's reader); without pretenuring it never happens.
 * - A young generation of 16 MB a semi-space, what Node 20 uses: V8 13 (Node 24, the Docker image)
 *   sizes it by the host's memory, up to 64 MB, which alone adds ~80 MB RSS to an import.
 * - An old generation of 192 MB: without a cap V8 lets the garbage of a long xlsx export pile up
 *   (bench:export: 310 MB at 1.000.000 rows); with it the worker stays flat at ~170 MB, for ~20 %
 *   more time. 200.000 import rows (the default limit) peak at ~220 MB. Raise it with the limits.
 */
const WORKER_NODE_OPTIONS = workerNodeOptions();
const children = new Map();
let stopping = false;

function run(name, script, nodeOptions = [], extraEnv = {}) {
  const child = spawn(node, [...nodeOptions, path.join(root, script)], { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (stream, out) =>
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line !== '') out.write(`[${name}] ${line}\n`);
    });
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[${name}] beendet (${signal ?? code}); stoppe die übrigen Prozesse.`);
      stop('SIGTERM', code ?? 1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  children.set(name, child);
}

function stop(signal, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  for (const child of children.values()) child.kill(signal);
  if (children.size === 0) process.exit(exitCode);
  // Give running jobs and requests time to finish, then insist.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(exitCode || 1);
  }, 30000).unref();
}

process.on('SIGINT', () => stop('SIGTERM'));
process.on('SIGTERM', () => stop('SIGTERM'));

run('api', 'dist/apps/api/src/main.js');
// The worker's own /metrics (job durations, rows, DB pool) beside the api's, unless the caller chose a port.
run('worker', WORKER_MAIN, WORKER_NODE_OPTIONS, { WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? '9464' });
