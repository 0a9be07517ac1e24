#!/usr/bin/env node
// CI drift check: docs/openapi.json must be exactly what the api generates.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const committed = path.join(root, 'docs/openapi.json');
const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ff-openapi-')), 'openapi.json');
const gen = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/src/cli.js'), 'openapi', fresh], { stdio: 'inherit' });
if (gen.status !== 0) process.exit(gen.status ?? 1);
const a = fs.existsSync(committed) ? fs.readFileSync(committed, 'utf8') : '';
const b = fs.readFileSync(fresh, 'utf8');
if (a !== b) {
  const al = a.split('\n');
  const bl = b.split('\n');
  const i = al.findIndex((line, n) => line !== bl[n]);
  console.error(`docs/openapi.json ist veraltet (erste Abweichung in Zeile ${i + 1}).`);
  console.error(`  committed: ${al[i] ?? '<Ende>'}\n  generated: ${bl[i] ?? '<Ende>'}`);
  console.error('Neu erzeugen mit: npm run build && npm run openapi:generate');
  process.exit(1);
}
console.log('openapi drift check: docs/openapi.json is up to date');
