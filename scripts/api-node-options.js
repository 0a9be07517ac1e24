'use strict';
// The api's node options, read from package.json start:api (`node <options> dist/apps/api/src/main.js`),
// so `npm start`, `npm run start:api`, the Docker image and bench:api start the api the same way.
// Cluster workers (API_WORKERS > 1) inherit them from the primary.
// - A young generation of 32 MB a semi-space (Node 20's default is 16 MB): a request allocates
//   ~100 KB of short-lived objects (TypeORM query building and hydration, Nest's per-request
//   context, JSON); with twice the room, scavenges run half as often and the objects of requests
//   still in flight are copied less. bench:api: ~15-20 % less CPU per request on 2 cores, for
//   ~30-40 MB more RSS under load. V8 13 (Node 24) sizes the young generation by the host's
//   memory; the fixed value keeps the api the same on every host.
const path = require('node:path');

const API_MAIN = 'dist/apps/api/src/main.js';

function apiNodeOptions() {
  const script = require(path.join(__dirname, '..', 'package.json')).scripts['start:api'];
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'node' || words[words.length - 1] !== API_MAIN) throw new Error(`start:api is not "node [options] ${API_MAIN}": ${script}`);
  return words.slice(1, -1);
}

/** For benches: BENCH_API_NODE_OPTIONS replaces the production options (to compare; "" for none). */
function benchApiNodeOptions() {
  const override = process.env.BENCH_API_NODE_OPTIONS;
  return override !== undefined ? override.split(/\s+/).filter(Boolean) : apiNodeOptions();
}

module.exports = { API_MAIN, apiNodeOptions, benchApiNodeOptions };
