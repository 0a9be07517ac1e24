#!/usr/bin/env node
// No Docker engine runs on CI; this parses docker/compose.yml and checks what the stack needs.
// Where `docker compose` exists, .ci/run also lets it validate the file.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const file = path.resolve(__dirname, '..', 'docker/compose.yml');
const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
const problems = [];
const services = doc && doc.services ? doc.services : {};
for (const name of ['postgres', 'redis', 'api', 'worker']) if (!services[name]) problems.push(`service "${name}" fehlt`);
const redisCmd = [].concat(services.redis?.command ?? []).join(' ');
if (!/--appendonly\s+yes/.test(redisCmd)) problems.push('redis: AOF (--appendonly yes) fehlt');
if (!/--maxmemory-policy\s+noeviction/.test(redisCmd)) problems.push('redis: --maxmemory-policy noeviction fehlt (BullMQ)');
for (const app of ['api', 'worker']) {
  const s = services[app] || {};
  if (!s.build && !s.image) problems.push(`${app}: build oder image fehlt`);
  const env = s.environment || {};
  for (const v of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'NODE_ENV']) if (!(v in env)) problems.push(`${app}: ${v} fehlt`);
}
if (JSON.stringify(services.api?.build) !== JSON.stringify(services.worker?.build)) problems.push('api und worker müssen dasselbe Image bauen');
const dockerfile = path.resolve(__dirname, '..', 'docker/Dockerfile');
if (!fs.existsSync(dockerfile)) problems.push('docker/Dockerfile fehlt');
else if (!/^FROM node:24/m.test(fs.readFileSync(dockerfile, 'utf8'))) problems.push('Dockerfile: Basis-Image soll node:24 (aktuelles LTS) sein');
if (problems.length) {
  console.error(`docker/compose.yml: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('compose check: docker/compose.yml parses and has postgres, redis (AOF, noeviction), api, worker');
