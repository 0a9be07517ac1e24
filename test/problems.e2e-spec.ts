import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

const PROBLEM = /^application\/problem\+json/;

function expectNoInternals(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/at \w+ \(|\.ts:\d+|\.js:\d+|SELECT |INSERT |QueryFailedError|TypeError|Exception|node_modules/);
}

describe('errors as application/problem+json', () => {
  let t: TestContext;
  let staff: string;

  beforeAll(async () => {
    t = await createTestContext({ env: { BODY_LIMIT: '10kb' } });
    staff = await t.login(DEMO.staff);
  });
  afterAll(() => t.close());

  it('validation errors carry type, title, status, German detail, code and field paths', async () => {
    const organisations = (await t.db.query(`SELECT count(*)::int AS n FROM organisation`)).rows[0].n as number;
    const res = await t
      .http()
      .post('/api/v1/organisations')
      .set(bearer(staff))
      .send({ kind: 'KONZERN', name: 42, bankAccount: { iban: 'DE', accountHolder: 'x', extra: true }, unknownField: 1 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({
      type: expect.stringMatching(/^https:\/\//),
      title: 'Ungültige Anfrage',
      status: 400,
      detail: 'Die Eingaben sind ungültig.',
      code: 'VALIDATION_FAILED',
    });
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath).toMatchObject({
      kind: 'Erlaubt sind nur diese Werte: STATE, DISTRICT, PROVIDER.',
      name: 'Bitte einen Text angeben.',
      unknownField: 'Dieses Feld ist nicht vorgesehen und darf nicht gesendet werden.',
      'bankAccount.extra': 'Dieses Feld ist nicht vorgesehen und darf nicht gesendet werden.',
    });
    expectNoInternals(res.body);
    // nothing half-stored
    expect((await t.db.query(`SELECT count(*)::int AS n FROM organisation`)).rows[0].n).toBe(organisations);
  });

  it('malformed JSON is 400, an oversized body 413, both problem+json', async () => {
    const bad = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": "a",');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    expect(bad.body).toMatchObject({ code: 'MALFORMED_JSON', detail: 'Der Inhalt der Anfrage ist kein gültiges JSON.' });
    expect(bad.body.requestId).toEqual(expect.any(String));
    expectNoInternals(bad.body);

    const big = await t
      .http()
      .patch('/api/v1/organisations/00000000-0000-4000-8000-000000000000/contact')
      .set(bearer(staff))
      .send({ contactName: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(PROBLEM);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('wrong top-level type (array instead of object) is a 400', async () => {
    const res = await t.http().post('/api/v1/auth/login').send([1, 2]);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('unknown routes and methods answer problem+json 404', async () => {
    const res = await t.http().get('/api/v1/gibt-es-nicht').set(bearer(staff));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Nicht gefunden' });
    const outside = await t.http().get('/irgendwas');
    expect(outside.status).toBe(404);
    expect(outside.headers['content-type']).toMatch(PROBLEM);
  });

  it('401 and 403 are problem+json with German details', async () => {
    const anon = await t.http().get('/api/v1/organisations');
    expect(anon.status).toBe(401);
    expect(anon.headers['content-type']).toMatch(PROBLEM);
    expect(anon.body.detail).toMatch(/melden Sie sich an/);
    const forbidden = await t.http().get('/api/v1/users').set(bearer(staff));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN', title: 'Keine Berechtigung' });
  });

  it('sets security headers and no-store on data responses, and no CORS without configured origins', async () => {
    const res = await t.http().get('/api/v1/organisations').set(bearer(staff)).set('Origin', 'https://evil.example').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS for configured origins', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { CORS_ORIGINS: 'https://foerderfluss.altenburgerland.de' } });
  });
  afterAll(() => t.close());

  it('answers allowed origins only', async () => {
    const ok = await t.http().options('/api/v1/auth/login').set('Origin', 'https://foerderfluss.altenburgerland.de').set('Access-Control-Request-Method', 'POST');
    expect(ok.headers['access-control-allow-origin']).toBe('https://foerderfluss.altenburgerland.de');
    const evil = await t.http().options('/api/v1/auth/login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});
