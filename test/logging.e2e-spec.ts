import { Writable } from 'node:stream';
import { bearer, createTestContext, DEMO, DEMO_PASSWORD, TestContext } from './support/harness';

/** Issue 17 item 3: one JSON line per request, the problem+json request id in it, and no secrets in any line. */
describe('structured request logs', () => {
  let t: TestContext;
  const lines: string[] = [];
  // pino writes each line with one write() call; the captured stream keeps them apart.
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0));
      done();
    },
  });
  // Duplicate keys would parse (the last wins) but confuse log shippers: each key once per line.
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown> & { req?: { url?: string; method?: string }; res?: { statusCode?: number } });
  const requestLines = () => parsed().filter((l) => l.req !== undefined && l.responseTime !== undefined);

  beforeAll(async () => {
    t = await createTestContext({ logDestination: sink });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a failing request is one JSON line with the requestId of its problem+json body, the user, route, status and duration', async () => {
    const token = await t.login(DEMO.staff);
    const me = (await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200)).body as { id: string };
    const before = lines.length;
    const res = await t.http().get('/api/v1/organisations/00000000-0000-4000-8000-000000000000').set(bearer(token)).expect(404);
    const requestId = res.body.requestId as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    // Every line written is valid JSON, not Nest's coloured text.
    expect(() => parsed()).not.toThrow();
    for (const l of lines) for (const key of ['"userId":', '"route":', '"reqId":']) expect(l.split(key).length - 1).toBeLessThanOrEqual(1);
    const mine = requestLines().filter((l) => l.reqId === requestId);
    expect(mine).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(before);
    expect(mine[0]).toMatchObject({
      reqId: requestId,
      userId: me.id,
      route: '/api/v1/organisations/:id',
      req: { method: 'GET', url: '/api/v1/organisations/00000000-0000-4000-8000-000000000000' },
      res: { statusCode: 404 },
      level: 40,
    });
    expect(typeof mine[0].responseTime).toBe('number');
    expect(typeof mine[0].time).toBe('string');
  });

  it('a request id sent by the client is the one logged and answered', async () => {
    const res = await t.http().get('/api/v1/nirgends').set('X-Request-Id', 'trace-abc-12345').expect(404);
    expect(res.body.requestId).toBe('trace-abc-12345');
    // No token, so no user: still one line, under the client's id.
    expect(requestLines().filter((l) => l.reqId === 'trace-abc-12345')).toHaveLength(1);
  });

  it('no password, token or IBAN appears in any line', async () => {
    const login = await t.http().post('/api/v1/auth/login').send({ email: DEMO.provider, password: DEMO_PASSWORD }).expect(200);
    const token = login.body.accessToken as string;
    await t.http().post('/api/v1/auth/login').send({ email: DEMO.provider, password: 'Falsches-Passwort-99' }).expect(401);
    const ownId = (await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200)).body.organisationId as string;
    const iban = 'DE02120300000000202051';
    const put = await t
      .http()
      .put(`/api/v1/organisations/${ownId}/bank-account`)
      .set(bearer(token))
      .set('Cookie', 'session=geheim-cookie-wert')
      .send({ iban, accountHolder: 'Evangelisches Sozialwerk' })
      .expect(200);
    // An invalid IBAN is answered with field errors; neither answer may leave the IBAN in the log.
    await t.http().put(`/api/v1/organisations/${ownId}/bank-account`).set(bearer(token)).send({ iban: 'DE02120300000000202052', accountHolder: 'X' }).expect(400);
    expect(requestLines().some((l) => l.reqId === put.headers['x-request-id'] && l.res?.statusCode === 200)).toBe(true);

    const all = lines.join('\n');
    expect(requestLines().some((l) => l.req?.url === '/api/v1/auth/login')).toBe(true);
    for (const secret of [DEMO_PASSWORD, 'Falsches-Passwort-99', token, token.split('.')[2], iban, 'DE02120300000000202052', 'DE02 1203', 'geheim-cookie-wert']) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/Bearer /i);
  });

  it('health probes are not logged, so they do not drown the request log', async () => {
    const res = await t.http().get('/api/v1/health');
    expect(requestLines().filter((l) => l.reqId === res.headers['x-request-id'])).toEqual([]);
  });
});
