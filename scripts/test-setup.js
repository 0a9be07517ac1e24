#!/usr/bin/env node
// What `npm test` needs before its first test, so that the README's test command works on a fresh
// machine on its own (the README promises two commands, not a list of preparations):
//   1. PostgreSQL and Redis answer (scripts/ensure-services.js starts them where installed);
//   2. the Debian packages the suites drive: Chromium (browser journeys) and LibreOffice Calc
//      (the formula recalculation test). As root with apt-get they are installed here; otherwise
//      the script stops at once with the one command to run, instead of a suite failing later;
//   3. a build in dist/ that is not older than its sources (the import kill test and the browser
//      journeys run the compiled api and worker).
'use strict';
const { execSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureBuilt } = require('./ensure-build');

const root = path.resolve(__dirname, '..');

const packages = [
  {
    what: 'Chromium (Browser-Tests)',
    debian: 'chromium',
    present: () => fs.existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium'),
  },
  {
    what: 'LibreOffice Calc (Nachrechnen der Summenformeln)',
    debian: 'libreoffice-calc',
    aptFlags: ['--no-install-recommends'],
    present: () => ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].some((p) => fs.existsSync(p)),
  },
  {
    // Debian's server package depends on it, so it is missing only where PostgreSQL runs elsewhere
    // (a container); Debian's pg_dump wrapper picks the version of the local cluster.
    what: 'pg_dump und pg_restore (Sicherung und Wiederherstellung)',
    debian: 'postgresql-client',
    present: () => ['pg_dump', 'pg_restore'].every((bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0),
  },
];

function hasApt() {
  try {
    execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
}

function ensurePackages() {
  const missing = packages.filter((p) => !p.present());
  if (missing.length === 0) return;
  const installCmd = `apt-get install -y ${[...new Set(missing.flatMap((p) => p.aptFlags ?? []))].join(' ')} ${missing.map((p) => p.debian).join(' ')}`.replace(/\s+/g, ' ');
  const root_ = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root_ || !hasApt()) {
    console.error(`Für die Tests fehlt: ${missing.map((p) => p.what).join(', ')}.\nBitte einmal installieren:\n  sudo apt-get update && sudo ${installCmd}`);
    process.exit(1);
  }
  console.log(`test-setup: installiere ${missing.map((p) => p.debian).join(', ')} aus den Debian-Paketen …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...new Set(missing.flatMap((p) => p.aptFlags ?? [])), ...missing.map((p) => p.debian)]]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} ist fehlgeschlagen (${r.status}). Bitte von Hand ausführen:\n  apt-get update && ${installCmd}`);
      process.exit(1);
    }
  }
  const still = missing.filter((p) => !p.present());
  if (still.length > 0) {
    console.error(`Nach der Installation fehlt weiterhin: ${still.map((p) => p.what).join(', ')}.`);
    process.exit(1);
  }
}

function main() {
  const services = spawnSync(process.execPath, [path.join(__dirname, 'ensure-services.js')], { stdio: 'inherit', cwd: root });
  if (services.status !== 0) process.exit(services.status ?? 1);
  ensurePackages();
  ensureBuilt();
}

main();
