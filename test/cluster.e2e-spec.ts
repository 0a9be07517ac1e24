import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { dropDatabase } from '@foerderfluss/database';
import { createTestDatabase, deleteRedisPrefix } from './support/harness';
import { TEST_REDIS_URL } from './support/env';

const root = path.resolve(__dirname, '..');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(probe: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One request on a connection of its own (no keep-alive), so the primary hands each to the next worker. */
function getStatus(port: number, p: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

function parentPid(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('API_WORKERS (cluster mode)', () => {
  const prefix = `ff_cluster_${process.pid}`;
  let db: { name: string; url: string };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await dropDatabase(db.url);
    await deleteRedisPrefix(prefix);
  });

  it('API_WORKERS=2 starts two api processes on one port that both answer, and SIGTERM to the primary stops them all', async () => {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, ['-r', path.join(root, 'scripts/ts-register.js'), path.join(root, 'apps/api/src/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        API_WORKERS: '2',
        DATABASE_URL: db.url,
        // The primary would migrate here; the template is migrated, and workers never do.
        MIGRATE_ON_START: 'false',
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
        SCANS_ON_START: 'false',
        LOG_LEVEL: 'log',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    type Line = { pid?: number; msg?: string; level?: number; req?: unknown };
    const lines = (): Line[] =>
      output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Line);
    const requestLines = () => lines().filter((l) => l.msg?.startsWith('GET /api/v1/organisations 401'));
    try {
      await waitFor(() => lines().filter((l) => l.msg?.startsWith('api listening')).length === 2, 120000, () => `two listening workers:\n${output}`);
      const workers = lines()
        .filter((l) => l.msg?.startsWith('api listening'))
        .map((l) => l.pid!);
      expect(new Set(workers).size).toBe(2);
      // Forked by the primary: its children, not itself.
      for (const pid of workers) {
        expect(pid).not.toBe(child.pid);
        expect(parentPid(pid)).toBe(child.pid);
      }

      // Unauthenticated requests: each writes one request line (401, warn) with the pid that answered.
      for (let i = 0; i < 8; i++) expect(await getStatus(port, '/api/v1/organisations')).toBe(401);
      await waitFor(() => requestLines().length === 8, 10000, () => `8 request lines:\n${output}`);
      const answered = new Set(requestLines().map((l) => l.pid));
      expect([...answered].sort()).toEqual([...workers].sort());
      // The app's request line (loggingModule: warn for a 4xx, method and path, no headers), not
      // pino-http's default that main.ts's prepare logger once installed in its place.
      for (const l of requestLines()) {
        expect(l.level).toBe(40);
        expect(l.req).toEqual({ method: 'GET', url: '/api/v1/organisations' });
      }

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of workers) expect(isRunning(pid)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 180000);
});
