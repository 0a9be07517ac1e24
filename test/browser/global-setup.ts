/**
 * Starts the stack the browser tests drive: a fresh database (created, migrated and demo-seeded
 * by the built cli), then the built api (which also serves dist/web) and worker on a free port
 * with a Redis key prefix of their own. Everything is removed afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ARTIFACTS, chromiumPath } from './env';

const root = path.resolve(__dirname, '..', '..');
const dist = process.env.FF_DIST_DIR ? path.resolve(process.env.FF_DIST_DIR) : path.join(root, 'dist');
const PG_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

function dbUrl(name: string): string {
  const u = new URL(PG_SERVER);
  u.pathname = `/${name}`;
  return u.toString();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`api exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`api did not become healthy within 60 s:\n${log()}`);
}

function start(name: string, script: string, env: NodeJS.ProcessEnv): { child: ChildProcess; log: () => string } {
  const child = spawn(process.execPath, [path.join(dist, script)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
    if (process.env.BROWSER_TEST_LOG) process.stderr.write(`[${name}] ${chunk.toString()}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, log: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

// One rule for "is dist/ current?", shared with `npm test`'s set-up and the import kill test.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../../scripts/ensure-build') as { ensureBuilt: (log?: (m: string) => void) => string | null };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBuilt((m) => console.log(`browser tests: ${m}`));
  for (const f of ['apps/api/src/main.js', 'apps/worker/src/main.js', 'web/index.html']) {
    if (!existsSync(path.join(dist, f))) throw new Error(`${path.join(dist, f)} fehlt: erst \`npm run build\` ausführen.`);
  }
  chromiumPath(); // fails early with the install hint
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });

  const suffix = randomBytes(5).toString('hex');
  const database = `ff_web_${suffix}`;
  const prefix = `ffw_${suffix}`;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl(database),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    MIGRATE_ON_START: 'false',
    SEED_DEMO: 'true',
    JWT_SECRET: 'browser-test-secret-browser-test-secret-0000',
    LOG_LEVEL: 'warn',
    // exports, letters and uploaded files of this run; removed afterwards
    FILE_STORAGE_DIR: path.join(root, 'var', 'e2e-exports', suffix),
  };
  const prepared = spawnSync(process.execPath, [path.join(dist, 'apps/api/src/cli.js'), 'prepare'], { cwd: root, env, encoding: 'utf8' });
  if (prepared.status !== 0) throw new Error(`cli prepare failed:\n${prepared.stdout}\n${prepared.stderr}`);

  const api = start('api', 'apps/api/src/main.js', env);
  const worker = start('worker', 'apps/worker/src/main.js', env);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, api.child, api.log);
  } catch (err) {
    await Promise.all([stop(api.child), stop(worker.child)]);
    throw err;
  }
  project.provide('baseUrl', baseUrl);

  return async () => {
    await Promise.all([stop(api.child), stop(worker.child)]);
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: PG_SERVER });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    const { default: IORedis } = await import('ioredis');
    const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    rmSync(path.join(root, 'var', 'e2e-exports', suffix), { recursive: true, force: true });
  };
}
