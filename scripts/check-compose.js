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
// Files: api and worker must see the same store: the same S3 bucket (then a minio service with a
// healthcheck and a bucket that exists before they start) or one volume mounted at FILE_STORAGE_DIR.
const storageOf = (app) => {
  const env = services[app]?.environment || {};
  return env.FILE_STORAGE === 's3' ? { kind: 's3', bucket: env.S3_BUCKET, endpoint: env.S3_ENDPOINT, key: env.S3_ACCESS_KEY_ID } : { kind: 'local', dir: env.FILE_STORAGE_DIR };
};
const apiStorage = storageOf('api');
if (JSON.stringify(apiStorage) !== JSON.stringify(storageOf('worker'))) problems.push('api und worker müssen denselben Dateispeicher verwenden (FILE_STORAGE, S3_* bzw. FILE_STORAGE_DIR)');
if (apiStorage.kind === 's3') {
  if (!apiStorage.bucket) problems.push('api: FILE_STORAGE=s3 ohne S3_BUCKET');
  const host = apiStorage.endpoint ? new URL(apiStorage.endpoint.replace(/\$\{[^}]*\}/g, 'x')).hostname : null;
  if (host && services[host]) {
    if (!services[host].healthcheck) problems.push(`${host}: healthcheck fehlt`);
    const waits = (app) => Object.entries(services[app]?.depends_on || {}).some(([name, cond]) => name !== host && /bucket|init/i.test(name) && cond?.condition === 'service_completed_successfully');
    if (!waits('api')) problems.push('api: muss auf das Anlegen des Buckets warten (depends_on … service_completed_successfully)');
  }
} else {
  const mounts = (app) => (services[app]?.volumes || []).filter((v) => typeof v === 'string' && v.endsWith(`:${apiStorage.dir}`));
  if (!apiStorage.dir || mounts('api').length === 0 || JSON.stringify(mounts('api')) !== JSON.stringify(mounts('worker'))) {
    problems.push('api und worker brauchen dasselbe Volume unter FILE_STORAGE_DIR (oder FILE_STORAGE=s3)');
  }
}
const dockerfile = path.resolve(__dirname, '..', 'docker/Dockerfile');
if (!fs.existsSync(dockerfile)) problems.push('docker/Dockerfile fehlt');
else if (!/^FROM node:24/m.test(fs.readFileSync(dockerfile, 'utf8'))) problems.push('Dockerfile: Basis-Image soll node:24 (aktuelles LTS) sein');
if (problems.length) {
  console.error(`docker/compose.yml: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(`compose check: docker/compose.yml parses and has postgres, redis (AOF, noeviction), api, worker; files: ${apiStorage.kind === 's3' ? `S3 bucket ${apiStorage.bucket}` : `volume at ${apiStorage.dir}`}`);
