#!/usr/bin/env node
// CI drift check: after all migrations ran on an empty database, the entities must describe
// exactly that schema. Fails with the SQL TypeORM would generate otherwise.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { withScratchDatabase } = require('./scratch-db');

const root = path.resolve(__dirname, '..');
const dataSource = path.join(root, 'dist/apps/api/src/data-source.js');
const typeormCli = path.join(root, 'node_modules/typeorm/cli.js');

withScratchDatabase('ff_drift', async (url) => {
  const env = { ...process.env, DATABASE_URL: url };
  const migrate = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/src/cli.js'), 'migrate'], { env, stdio: 'inherit' });
  if (migrate.status !== 0) throw new Error('Migrationen ließen sich nicht ausführen.');
  const check = spawnSync(process.execPath, [typeormCli, 'migration:generate', 'migrations/Drift', '--dr', '--check', '-d', dataSource], {
    env,
    encoding: 'utf8',
    cwd: root,
  });
  if (check.status !== 0) {
    process.stderr.write(check.stdout + check.stderr);
    throw new Error('Entities und Migrationen weichen voneinander ab. Neue Migration erzeugen: npm run migration:generate -- <Name>');
  }
  console.log('migration drift check: schema matches the entities');
}).catch((err) => {
  console.error(err.message);
  process.exit(1);
});
