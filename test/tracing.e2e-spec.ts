import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import path from 'node:path';
import { dropDatabase } from '@foerderfluss/database';
import { createTestDatabase, deleteRedisPrefix, DEMO, DEMO_PASSWORD } from './support/harness';
import { TEST_REDIS_URL } from './support/env';
import { freePort, waitFor as waitUpTo30s } from './support/wait';

// Two real processes starting with the SDK loaded: give them longer than the default.
const waitFor: typeof waitUpTo30s = (probe, what, timeoutMs = 60000) => waitUpTo30s(probe, what, timeoutMs, 150);

const root = path.resolve(__dirname, '..');

/** A span as OTLP/HTTP JSON carries it (ids as hex strings). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}
interface ReceivedSpan extends OtlpSpan {
  service: string;
}

const SERVER = 2;
const CONSUMER = 5;


const attr = (s: OtlpSpan, key: string) => s.attributes?.find((a) => a.key === key)?.value.stringValue;

/**
 * Issue 17 item 5: with OTEL_EXPORTER_OTLP_ENDPOINT set, api and worker (real processes: the
 * instrumentations patch modules as Node loads them, which jest's module system bypasses) send
 * spans to an OTLP/HTTP receiver, and the job an api request enqueues continues that request's
 * trace in the worker.
 */
describe('traces: a job continues the trace of the request that enqueued it', () => {
  const spans: ReceivedSpan[] = [];
  let receiver: Server;
  let api: ChildProcess;
  let worker: ChildProcess;
  let apiPort: number;
  let db: { name: string; url: string };
  const prefix = `fft_${randomBytes(5).toString('hex')}`;
  const output: Record<'api' | 'worker', string> = { api: '', worker: '' };

  function run(name: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, ['-r', path.join(root, 'scripts/ts-register.js'), path.join(root, `apps/${name}/src/main.ts`)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (output[name] += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output[name] += d.toString()));
    return child;
  }

  beforeAll(async () => {
    receiver = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
          };
          for (const rs of body.resourceSpans) {
            const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
            for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ ...s, service });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const otlpPort = (receiver.address() as { port: number }).port;
    db = await createTestDatabase();
    apiPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(apiPort),
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      MIGRATE_ON_START: 'false',
      SCANS_ON_START: 'false',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'log',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${otlpPort}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Send spans at once instead of every 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    api = run('api', env);
    worker = run('worker', env);
    await waitFor(() => output.api.includes('api listening'), `the api process to start:\n${output.api}`);
    await waitFor(() => output.worker.includes('worker ready'), `the worker process to start:\n${output.worker}`);
  }, 120000);

  afterAll(async () => {
    const stopped = [api, worker].filter(Boolean).map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve))));
    api?.kill('SIGTERM');
    worker?.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(stopped), new Promise((r) => (timer = setTimeout(r, 15000)))]);
    clearTimeout(timer);
    api?.kill('SIGKILL');
    worker?.kill('SIGKILL');
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
    if (db) await dropDatabase(db.url);
    await deleteRedisPrefix(prefix);
  });

  it('the worker span of an enqueued verification has the trace id of the api request, and the worker queries in it', async () => {
    const base = `http://127.0.0.1:${apiPort}/api/v1`;
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.admin, password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const requested = await fetch(`${base}/audit-events/verifications`, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}`, 'X-Request-Id': 'trace-test-request-01' } });
    expect(requested.status).toBe(202);

    const server = await waitFor(
      () => spans.find((s) => s.service === 'foerderfluss-api' && s.kind === SERVER && attr(s, 'http.route') === '/api/v1/audit-events/verifications'),
      "the api's server span",
    );
    const job = await waitFor(
      () => spans.find((s) => s.service === 'foerderfluss-worker' && s.kind === CONSUMER && s.name === 'job audit.verify-chain'),
      `the worker's job span:\n${output.worker.slice(-2000)}`,
    );
    expect(job.traceId).toBe(server.traceId);
    expect(server.name).toBe('POST /api/v1/audit-events/verifications');
    // Its parent is a span of the request (the one active when JobProducer enqueued).
    expect(spans.some((s) => s.service === 'foerderfluss-api' && s.traceId === server.traceId && s.spanId === job.parentSpanId)).toBe(true);
    // The worker's database queries (pg instrumentation) hang below the job span.
    const query = await waitFor(() => spans.find((s) => s.service === 'foerderfluss-worker' && s.traceId === job.traceId && s.parentSpanId === job.spanId && attr(s, 'db.system.name') === 'postgresql'), 'a pg span under the job span');
    // SQL text only, never bound values.
    expect(query.attributes?.some((a) => a.key === 'db.postgresql.values')).toBe(false);
    // Redis commands of the api request (ioredis instrumentation: BullMQ's enqueue) are in its trace, by command name only.
    const redis = spans.filter((s) => s.service === 'foerderfluss-api' && s.traceId === server.traceId && attr(s, 'db.system.name') === 'redis');
    expect(redis.map((s) => s.name)).toContain('evalsha');
    for (const s of redis) expect(attr(s, 'db.query.text')).toBe(s.name);
    // Health probes make no spans.
    await fetch(`${base}/health`);
    await new Promise((r) => setTimeout(r, 500));
    expect(spans.some((s) => attr(s, 'url.path')?.startsWith('/api/v1/health'))).toBe(false);

    // The job's log lines name the trace and the request.
    const start = output.worker
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { event?: string; trace_id?: string; requestId?: string; name?: string })
      .find((l) => l.event === 'job.start' && l.name === 'audit.verify-chain');
    expect(start).toMatchObject({ trace_id: server.traceId, requestId: 'trace-test-request-01' });
  }, 120000);
});
