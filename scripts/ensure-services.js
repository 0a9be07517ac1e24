#!/usr/bin/env node
// Makes sure PostgreSQL and Redis answer before tests or the app start. Where one is installed
// but not running, it is started with the command from README.md; where it is missing, the
// message says so. Used by `npm test`, `npm start` and .ci/run.
'use strict';
const net = require('node:net');
const { execSync } = require('node:child_process');
const fs = require('node:fs');

const services = [
  {
    name: 'PostgreSQL',
    url: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    defaultPort: 5432,
    installed: () => fs.existsSync('/etc/postgresql'),
    start: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  },
  {
    name: 'Redis',
    url: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    defaultPort: 6379,
    installed: () => {
      try {
        execSync('command -v redis-server', { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    },
    start: 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
  },
];

function answers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(host, port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await answers(host, port, 250)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main() {
  let failed = false;
  for (const s of services) {
    const u = new URL(s.url);
    const host = u.hostname || '127.0.0.1';
    const port = Number(u.port || s.defaultPort);
    if (await answers(host, port)) continue;
    const local = host === '127.0.0.1' || host === 'localhost';
    if (local && s.installed()) {
      console.log(`${s.name} antwortet nicht auf ${host}:${port}; starte: ${s.start}`);
      try {
        execSync(s.start, { stdio: 'inherit', shell: '/bin/bash' });
      } catch (err) {
        console.error(`${s.name} konnte nicht gestartet werden: ${err.message}`);
      }
      if (await waitFor(host, port, 30)) continue;
    }
    console.error(`${s.name} ist auf ${host}:${port} nicht erreichbar. Starten mit:\n  ${s.start}`);
    failed = true;
  }
  if (failed) process.exit(1);
}

main();
