// Builds dist/ when it is missing or older than its sources. Tests that run the compiled api or
// worker (the import kill test, the browser journeys) call this instead of skipping: a test that
// cannot run for want of a build would otherwise pass without testing anything.
// FF_DIST_DIR points at another build, which is taken as it is.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = process.env.FF_DIST_DIR ? path.resolve(process.env.FF_DIST_DIR) : path.join(root, 'dist');

/** Newest modification time of the files below the given folders. */
function newest(dirs) {
  let max = 0;
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else max = Math.max(max, fs.statSync(p).mtimeMs);
    }
  };
  dirs.forEach(walk);
  return max;
}

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

function run(args) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // The app is built as for production (React's production build), whatever the test runner set.
  const r = spawnSync(npm, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status})`);
}

/** Returns what was built: 'all', 'web' or null (up to date). */
function ensureBuilt(log = console.log) {
  if (process.env.FF_DIST_DIR) return null;
  const apiSources = newest(['apps/api/src', 'apps/worker/src', 'libs', 'migrations', 'seeds'].map((d) => path.join(root, d)));
  const apiBuilt = Math.min(mtime(path.join(dist, 'apps/api/src/main.js')), mtime(path.join(dist, 'apps/worker/src/main.js')));
  if (apiBuilt < apiSources) {
    log('build missing or older than its sources: running `npm run build` …');
    run(['run', 'build']);
    return 'all';
  }
  const webSources = Math.max(newest([path.join(root, 'apps/web/src'), path.join(root, 'apps/web/public')]), mtime(path.join(root, 'apps/web/index.html')));
  if (mtime(path.join(dist, 'web/index.html')) < webSources) {
    log('web build missing or older than its sources: running `npm run build:web` …');
    run(['run', 'build:web']);
    return 'web';
  }
  return null;
}

module.exports = { ensureBuilt, dist };
