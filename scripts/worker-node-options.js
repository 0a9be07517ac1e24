'use strict';
// The worker's node options, read from package.json start:worker
// (`node <options> dist/apps/worker/src/main.js`), so `npm start`, `npm run start:worker` and the
// benches start the worker the same way. Why each option: scripts/start.js.
const path = require('node:path');

const WORKER_MAIN = 'dist/apps/worker/src/main.js';

function workerNodeOptions() {
  const script = require(path.join(__dirname, '..', 'package.json')).scripts['start:worker'];
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'node' || words[words.length - 1] !== WORKER_MAIN) throw new Error(`start:worker is not "node [options] ${WORKER_MAIN}": ${script}`);
  return words.slice(1, -1);
}

/** For benches: BENCH_WORKER_NODE_OPTIONS replaces the production options (to compare; "" for none). */
function benchWorkerNodeOptions() {
  const override = process.env.BENCH_WORKER_NODE_OPTIONS;
  return override !== undefined ? override.split(/\s+/).filter(Boolean) : workerNodeOptions();
}

module.exports = { WORKER_MAIN, workerNodeOptions, benchWorkerNodeOptions };
