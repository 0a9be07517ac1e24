#!/usr/bin/env node
// `npm run migration:generate -- <Name>`: builds, migrates a scratch database to the current
// state and writes the difference to the entities as migrations/<timestamp>-<Name>.ts.
// Add the new class to migrations/index.ts afterwards (a unit test reminds you).
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { withScratchDatabase } = require('./scratch-db');

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Aufruf: npm run migration:generate -- <NameInPascalCase>');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const build = spawnSync('npx', ['nest', 'build', 'api'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

withScratchDatabase('ff_gen', async (url) => {
  const env = { ...process.env, DATABASE_URL: url };
  const run = (args) => spawnSync(process.execPath, args, { env, cwd: root, stdio: 'inherit' });
  if (run([path.join(root, 'dist/apps/api/src/cli.js'), 'migrate']).status !== 0) throw new Error('migrate failed');
  const gen = run([path.join(root, 'node_modules/typeorm/cli.js'), 'migration:generate', `migrations/${name}`, '-d', path.join(root, 'dist/apps/api/src/data-source.js')]);
  if (gen.status !== 0) throw new Error('generate failed');
}).catch((err) => {
  console.error(err.message);
  process.exit(1);
});
