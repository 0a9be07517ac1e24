#!/usr/bin/env node
// `npm start`: prepare the database (create, migrate, seed), then run api and worker side by
// side. Ctrl+C or SIGTERM stops both gracefully; if one dies, the other is stopped too.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const node = process.execPath;

const prepared = spawnSync(node, [path.join(root, 'dist/apps/api/src/cli.js'), 'prepare'], { stdio: 'inherit', cwd: root });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

const env = { ...process.env, MIGRATE_ON_START: 'false' };
const children = new Map();
let stopping = false;

function run(name, script) {
  const child = spawn(node, [path.join(root, script)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
run('worker', 'dist/apps/worker/src/main.js');
