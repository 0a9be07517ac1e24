import { createHmac } from 'node:crypto';
import { bearer, createTestContext, DEMO, DEMO_PASSWORD, TestContext } from './support/harness';

const GENERIC = 'E-Mail-Adresse oder Passwort ist falsch.';

/** Signs an arbitrary JWT with HS256 (or any alg header) to probe the verifier. */
function forge(header: object, payload: object, secret: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${b64(header)}.${b64(payload)}`;
  const sig = createHmac('sha256', secret).update(body).digest('base64url');
  return `${body}.${sig}`;
}

describe('auth', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8', LOGIN_WINDOW_SECONDS: '600' } });
  });
  afterAll(() => t.close());

  it('logs in with the demo password and answers /me with scope and organisation', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: DEMO.provider, password: DEMO_PASSWORD }).expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    const me = await t.http().get('/api/v1/auth/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ email: DEMO.provider, roles: ['PROVIDER'], organisationId: expect.any(String) });
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('treats e-mail case and surrounding spaces as the same account', async () => {
    await t.http().post('/api/v1/auth/login').send({ email: `  ${DEMO.staff.toUpperCase()} `, password: DEMO_PASSWORD }).expect(200);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const wrong = await t.http().post('/api/v1/auth/login').send({ email: DEMO.auditor, password: 'falsch-falsch-falsch' });
    const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'niemand@example.org', password: 'falsch-falsch-falsch' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', detail: GENERIC, status: 401 });
    }
    expect(Object.keys(wrong.body).sort()).toEqual(Object.keys(unknown.body).sort());
  });

  it('locks an account after too many failures: 429 with Retry-After, even with the right password', async () => {
    const email = DEMO.approver;
    for (let i = 0; i < 3; i++) {
      await t.http().post('/api/v1/auth/login').send({ email, password: `wrong-${i}-password` }).expect(401);
    }
    const locked = await t.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(500);
    expect(locked.body).toMatchObject({ code: 'AUTH_TOO_MANY_ATTEMPTS', status: 429 });
    expect(locked.body.detail).toMatch(/Anmeldeversuche/);
    // an unknown account is locked the same way, so lockout does not reveal which accounts exist
    for (let i = 0; i < 3; i++) {
      await t.http().post('/api/v1/auth/login').send({ email: 'ghost@example.org', password: `wrong-${i}-password` }).expect(401);
    }
    await t.http().post('/api/v1/auth/login').send({ email: 'ghost@example.org', password: 'x' }).expect(429);
  });

  it('limits failures per client IP across accounts', async () => {
    // 3 + 3 failures above plus 2 from the "same answer" test: the IP limit of 8 is reached now.
    await t.http().post('/api/v1/auth/login').send({ email: 'other1@example.org', password: 'nope-nope-nope' });
    const res = await t.http().post('/api/v1/auth/login').send({ email: DEMO.admin, password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    // clean up so later tests in this file can log in again
    await t.db.query('DELETE FROM auth_throttle');
  });

  it('writes audit events for logins and failures', async () => {
    const { rows } = await t.db.query<{ action: string; n: string }>(
      `SELECT action, count(*) AS n FROM audit_event WHERE action LIKE 'auth.%' GROUP BY action`,
    );
    const byAction = Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
    expect(byAction['auth.login']).toBeGreaterThanOrEqual(2);
    expect(byAction['auth.login.failed']).toBeGreaterThanOrEqual(8);
  });

  it('rejects requests without, with forged, with alg-none, wrong-audience or expired tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await t.login(DEMO.staff);
    const me = await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
    const claims = { sub: me.body.id, jti: '6a1c3a57-5f2c-4b89-9a0f-6c1d0a4f8e11', iat: now, iss: 'foerderfluss', aud: 'foerderfluss-api' };
    const secret = t.config.jwtSecret;
    const cases: [string, string | undefined][] = [
      ['no token', undefined],
      ['wrong secret', forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: now + 60 }, 'another-secret-another-secret-0000')],
      ['alg none', `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, exp: now + 60 })).toString('base64url')}.`],
      ['alg HS512', forge({ alg: 'HS512', typ: 'JWT' }, { ...claims, exp: now + 60 }, secret)],
      ['wrong audience', forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'other', exp: now + 60 }, secret)],
      ['wrong issuer', forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, iss: 'other', exp: now + 60 }, secret)],
      ['expired', forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 120, exp: now - 60 }, secret)],
    ];
    for (const [label, tok] of cases) {
      const req = t.http().get('/api/v1/auth/me');
      const res = await (tok ? req.set(bearer(tok)) : req);
      expect({ label, status: res.status, code: res.body.code }).toEqual({ label, status: 401, code: 'AUTH_REQUIRED' });
    }
    // the same claims correctly signed are accepted: the cases above fail for their defect alone
    const good = forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: now + 60 }, secret);
    await t.http().get('/api/v1/auth/me').set(bearer(good)).expect(200);
  });

  it('logout makes the token unusable at once', async () => {
    const token = await t.login(DEMO.auditor);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
    await t.http().post('/api/v1/auth/logout').set(bearer(token)).expect(204);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(401);
    // a fresh login still works
    await t.login(DEMO.auditor);
  });

  it('a deactivated user is locked out at once, also with a token issued before', async () => {
    const admin = await t.login(DEMO.admin);
    const districtUser = await t.http().get('/api/v1/users?role=STAFF').set(bearer(admin)).expect(200);
    const created = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'Neu.Kollegin@Altenburgerland.de', displayName: 'Neue Kollegin', password: 'Ein-sicheres-Passwort-1', roles: ['STAFF'] })
      .expect(201);
    expect(created.body).toMatchObject({ email: 'neu.kollegin@altenburgerland.de', active: true, roles: ['STAFF'] });
    expect(created.body.passwordHash).toBeUndefined();
    expect(districtUser.body.items.length).toBeGreaterThanOrEqual(1);

    const token = await t.login('neu.kollegin@altenburgerland.de', 'Ein-sicheres-Passwort-1');
    await t.http().get('/api/v1/organisations').set(bearer(token)).expect(200);
    await t.http().post(`/api/v1/users/${created.body.id}/deactivate`).set(bearer(admin)).expect(200);
    await t.http().get('/api/v1/organisations').set(bearer(token)).expect(401);
    const relogin = await t.http().post('/api/v1/auth/login').send({ email: 'neu.kollegin@altenburgerland.de', password: 'Ein-sicheres-Passwort-1' });
    expect(relogin.status).toBe(401);
    expect(relogin.body.detail).toBe(GENERIC);

    const list = await t.http().get('/api/v1/users?active=false').set(bearer(admin)).expect(200);
    expect(list.body.items.map((u: { email: string }) => u.email)).toEqual(['neu.kollegin@altenburgerland.de']);
  });

  it('password change ends older tokens and needs the current password', async () => {
    const token = await t.login(DEMO.provider2);
    await t.http().post('/api/v1/auth/password').set(bearer(token)).send({ currentPassword: 'falsch', newPassword: 'Neues-Passwort-2026!' }).expect(400);
    await t.http().post('/api/v1/auth/password').set(bearer(token)).send({ currentPassword: DEMO_PASSWORD, newPassword: 'kurz' }).expect(400);
    await t.http().post('/api/v1/auth/password').set(bearer(token)).send({ currentPassword: DEMO_PASSWORD, newPassword: 'Neues-Passwort-2026!' }).expect(204);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(401);
    await t.login(DEMO.provider2, 'Neues-Passwort-2026!');
  });

  it('only ADMIN manages users; roles and organisation membership are checked', async () => {
    const staff = await t.login(DEMO.staff);
    await t.http().get('/api/v1/users').set(bearer(staff)).expect(403);
    const admin = await t.login(DEMO.admin);
    const noOrg = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'p@example.org', displayName: 'Träger ohne Org', password: 'Ein-sicheres-Passwort-1', roles: ['PROVIDER'] })
      .expect(400);
    expect(noOrg.body.errors).toEqual([{ path: 'organisationId', message: expect.stringMatching(/genau einem Träger/) }]);
    const mixed = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'p@example.org', displayName: 'Gemischt', password: 'Ein-sicheres-Passwort-1', roles: ['PROVIDER', 'STAFF'] })
      .expect(400);
    expect(mixed.body.errors[0].path).toBe('roles');
    const dup = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: DEMO.staff, displayName: 'Doppelt', password: 'Ein-sicheres-Passwort-1', roles: ['STAFF'] })
      .expect(409);
    expect(dup.body.code).toBe('USER_EMAIL_TAKEN');
    const me = await t.http().get('/api/v1/auth/me').set(bearer(admin)).expect(200);
    const self = await t.http().post(`/api/v1/users/${me.body.id}/deactivate`).set(bearer(admin)).expect(409);
    expect(self.body.code).toBe('USER_DEACTIVATE_SELF');
  });
});
