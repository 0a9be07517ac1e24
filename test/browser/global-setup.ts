/**
 * Starts the stack the browser tests drive: a fresh database (created, migrated and demo-seeded
 * by the built cli), then the built api (which also serves dist/web) and worker on a free port
 * with a Redis key prefix of their own. Everything is removed afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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

/** Newest modification time below the given folders (sources of a build). */
function newest(dirs: string[]): number {
  let max = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else max = Math.max(max, statSync(p).mtimeMs);
    }
  };
  dirs.forEach(walk);
  return max;
}

const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 0);

function run(command: string, args: string[]): void {
  // Vitest sets NODE_ENV=test; the app must be built as for production (React's production build).
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: false, env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status})`);
}

/**
 * The tests drive what `npm run build` produced. When the build is missing or older than its
 * sources (a developer changed code and ran only `npm run test:browser`), rebuild first.
 * FF_DIST_DIR points at another build and is taken as it is.
 */
function ensureBuilt(): void {
  if (process.env.FF_DIST_DIR) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const apiSources = newest(['apps/api/src', 'apps/worker/src', 'libs', 'migrations', 'seeds'].map((d) => path.join(root, d)));
  if (mtime(path.join(dist, 'apps/api/src/main.js')) < apiSources) {
    console.log('browser tests: api build missing or older than its sources, running `npm run build` …');
    run(npm, ['run', 'build']);
    return;
  }
  const webSources = newest([path.join(root, 'apps/web/src'), path.join(root, 'apps/web/public')]);
  if (mtime(path.join(dist, 'web/index.html')) < Math.max(webSources, mtime(path.join(root, 'apps/web/index.html')))) {
    console.log('browser tests: web build missing or older than its sources, running `npm run build:web` …');
    run(npm, ['run', 'build:web']);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBuilt();
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
