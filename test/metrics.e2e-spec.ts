import { buildOpenApiDocument } from '../apps/api/src/configure-app';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

const PROBLEM = /^application\/problem\+json/;

/** The value of one sample line (`name{labels} value`), or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) return undefined;
  const value = line.slice(series.length + 1);
  return value === '+Inf' ? Infinity : Number(value);
}

describe('GET /metrics without METRICS_TOKEN (outside production)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('answers Prometheus text without any token, with route patterns instead of raw paths', async () => {
    const token = await t.login(DEMO.admin);
    const orgs = await t.http().get('/api/v1/organisations?limit=1').set(bearer(token)).expect(200);
    const orgId = (orgs.body as { items: { id: string }[] }).items[0].id;
    await t.http().get(`/api/v1/organisations/${orgId}`).set(bearer(token)).expect(200);
    await t.http().get('/api/v1/organisations').expect(401);

    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(/^ff_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/api\/v1\/organisations",status="200"\} \d+$/m);
    expect(text).toMatch(/^ff_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/organisations\/:id",status="200"\} 1$/m);
    // A refused request still counts, under its route, with its status.
    expect(text).toMatch(/^ff_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/organisations",status="401"\} 1$/m);
    // Never a raw URL with an id in it.
    expect(text).not.toContain(orgId);
    // Default process metrics carry the prefix.
    expect(text).toMatch(/^ff_process_cpu_user_seconds_total /m);
  });

  it('counts unmatched paths under one label', async () => {
    await t.http().get('/api/v1/gibt-es-nicht/12345').expect(404);
    const text = (await t.http().get('/metrics').expect(200)).text;
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).not.toContain('*path');
    expect(text).not.toContain('12345');
  });

  it('reads queue depth per queue and state at scrape time', async () => {
    const text = (await t.http().get('/metrics').expect(200)).text;
    for (const queue of ['maintenance', 'imports', 'exports', 'letters', 'notifications']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(sample(text, `ff_queue_jobs{queue="${queue}",state="${state}"}`)).toEqual(expect.any(Number));
      }
    }
  });

  it('reports the mail outbox backlog as the database has it', async () => {
    const { rows } = await t.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM mail_outbox WHERE status IN ('PENDING', 'SENDING')`);
    const text = (await t.http().get('/metrics').expect(200)).text;
    expect(sample(text, 'ff_mail_outbox_backlog')).toBe(Number(rows[0].n));
  });

  it('reports the age and result of the newest finished audit-chain verification', async () => {
    await t.db.query('DELETE FROM audit_verification');
    const never = (await t.http().get('/metrics').expect(200)).text;
    // Never verified: infinitely old and not valid, so an age alert fires on a fresh system too.
    expect(sample(never, 'ff_audit_verification_age_seconds')).toBe(Infinity);
    expect(sample(never, 'ff_audit_verification_valid')).toBe(0);

    await t.db.query(
      `INSERT INTO audit_verification (trigger, status, requested_at, finished_at, valid, checked)
       VALUES ('SCHEDULED', 'COMPLETED', now() - interval '2 hours', now() - interval '1 hour', true, 10)`,
    );
    let text = (await t.http().get('/metrics').expect(200)).text;
    expect(sample(text, 'ff_audit_verification_valid')).toBe(1);
    const age = sample(text, 'ff_audit_verification_age_seconds');
    expect(age).toBeGreaterThanOrEqual(3600);
    expect(age).toBeLessThan(3700);

    // A newer run that found the chain broken takes over.
    await t.db.query(
      `INSERT INTO audit_verification (trigger, status, requested_at, finished_at, valid, checked, first_broken_id)
       VALUES ('MANUAL', 'COMPLETED', now() - interval '10 minutes', now() - interval '5 minutes', false, 10, 3)`,
    );
    text = (await t.http().get('/metrics').expect(200)).text;
    expect(sample(text, 'ff_audit_verification_valid')).toBe(0);
    expect(sample(text, 'ff_audit_verification_age_seconds')).toBeLessThan(400);
  });

  it('is not part of the OpenAPI document and not under /api/v1', async () => {
    const paths = Object.keys(buildOpenApiDocument(t.app).paths);
    expect(paths).toContain('/api/v1/organisations');
    expect(paths.filter((p) => p.includes('metrics'))).toEqual([]);
    await t.http().get('/api/v1/metrics').expect(404);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const METRICS_TOKEN = 'scrape-token-0123456789abcdef';
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { METRICS_TOKEN } });
  });
  afterAll(() => t.close());

  it('refuses a scrape without the token (401 problem+json)', async () => {
    const res = await t.http().get('/metrics').expect(401);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ code: 'METRICS_UNAUTHORIZED', status: 401 });
  });

  it('refuses a wrong token and a user JWT', async () => {
    await t.http().get('/metrics').set(bearer('wrong-token')).expect(401);
    const jwt = await t.login(DEMO.admin);
    await t.http().get('/metrics').set(bearer(jwt)).expect(401);
  });

  it('answers the right token', async () => {
    const res = await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(res.text).toContain('ff_queue_jobs{');
  });
});
