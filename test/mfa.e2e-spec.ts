import { generateSync } from 'otplib';
import { bearer, createTestContext, DEMO, DEMO_PASSWORD, TestContext } from './support/harness';

/**
 * Second factor (issue 18 item 9). The file runs with MFA_REQUIRED_ROLES as production has it for
 * STAFF, APPROVER and AUDITOR (ADMIN is left out here so the admin can act without a phone; the
 * production default itself is pinned in libs/core/src/config.spec.ts).
 */
const PERIOD = 30;

/** TOTP codes as an authenticator app shows them; each one newer than the last (the server refuses replays). */
class Authenticator {
  private lastStep = 0;
  constructor(readonly secret: string) {}

  next(): string {
    const step = Math.max(this.lastStep + 1, Math.floor(Date.now() / 1000 / PERIOD));
    this.lastStep = step;
    return generateSync({ secret: this.secret, epoch: step * PERIOD });
  }

  /** A code of a step far outside the tolerated window: well-formed, but wrong. */
  wrong(): string {
    return generateSync({ secret: this.secret, epoch: (Math.floor(Date.now() / 1000 / PERIOD) + 500) * PERIOD });
  }
}

describe('second factor (TOTP)', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext({
      env: {
        MFA_REQUIRED_ROLES: 'STAFF,APPROVER,AUDITOR',
        // Four steps either side, so one test can sign in several times within 30 s with fresh codes.
        MFA_TOTP_WINDOW: '4',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
        LOGIN_MAX_FAILURES_PER_IP: '1000',
        LOGIN_WINDOW_SECONDS: '600',
      },
    });
  });
  afterAll(() => t?.close());

  const login = (email: string, password = DEMO_PASSWORD) => t.http().post('/api/v1/auth/login').send({ email, password });
  const verify = (mfaToken: string, code: string) => t.http().post('/api/v1/auth/mfa').send({ mfaToken, code });

  /** Enrols the signed-in user (token) and returns the authenticator and the recovery codes. */
  async function enrol(token: string): Promise<{ app: Authenticator; recoveryCodes: string[] }> {
    const start = await t.http().post('/api/v1/auth/mfa/enrolment').set(bearer(token)).expect(200);
    const app = new Authenticator(start.body.secret);
    const done = await t.http().post('/api/v1/auth/mfa/enrolment/confirm').set(bearer(token)).send({ code: app.next() }).expect(200);
    return { app, recoveryCodes: done.body.recoveryCodes };
  }

  async function mfaToken(email: string): Promise<string> {
    const res = await login(email).expect(200);
    expect(res.body).toMatchObject({ mfaRequired: true, enrolmentRequired: false });
    return res.body.mfaToken;
  }

  let provider: { app: Authenticator; recoveryCodes: string[] };

  it('a Träger signs in with the password alone until they set up a factor (optional for Träger)', async () => {
    const res = await login(DEMO.provider).expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    const status = await t.http().get('/api/v1/auth/mfa').set(bearer(res.body.accessToken)).expect(200);
    expect(status.body).toEqual({ enabled: false, required: false, enabledAt: null, recoveryCodesLeft: 0 });
  });

  it('enrolment: QR code and key while enrolling, confirmed by a code; the secret is never shown again, stored encrypted; recovery codes hashed', async () => {
    const token = await t.login(DEMO.provider);
    const start = await t.http().post('/api/v1/auth/mfa/enrolment').set(bearer(token)).expect(200);
    expect(start.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(start.body.qrCode.split(',')[1], 'base64').toString('utf8')).toContain('<svg');
    expect(start.body.otpauthUri).toBe(`otpauth://totp/F%C3%B6rderfluss%20Altenburger%20Land:${encodeURIComponent(DEMO.provider)}?secret=${start.body.secret}&issuer=F%C3%B6rderfluss%20Altenburger%20Land`);
    const app = new Authenticator(start.body.secret);

    const wrong = await t.http().post('/api/v1/auth/mfa/enrolment/confirm').set(bearer(token)).send({ code: app.wrong() }).expect(400);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body).toMatchObject({ code: 'MFA_WRONG_CODE', errors: [{ path: 'code', message: expect.stringMatching(/Code stimmt nicht/) }] });
    // until confirmed, the password alone still signs in
    expect((await login(DEMO.provider).expect(200)).body.accessToken).toEqual(expect.any(String));

    const done = await t.http().post('/api/v1/auth/mfa/enrolment/confirm').set(bearer(token)).send({ code: app.next() }).expect(200);
    expect(done.body.session).toBeNull();
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(new Set(done.body.recoveryCodes).size).toBe(10);
    provider = { app, recoveryCodes: done.body.recoveryCodes };

    const status = await t.http().get('/api/v1/auth/mfa').set(bearer(token)).expect(200);
    expect(status.body).toEqual({ enabled: true, required: false, enabledAt: expect.any(String), recoveryCodesLeft: 10 });
    const again = await t.http().post('/api/v1/auth/mfa/enrolment').set(bearer(token)).expect(409);
    expect(again.body.code).toBe('MFA_ALREADY_ENABLED');

    const { rows: factor } = await t.db.query<{ secret_ciphertext: string }>(
      `SELECT m.secret_ciphertext FROM user_mfa m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1`,
      [DEMO.provider],
    );
    expect(factor[0].secret_ciphertext).toMatch(/^v1\./);
    expect(factor[0].secret_ciphertext).not.toContain(start.body.secret);
    const { rows: codes } = await t.db.query<{ code_hash: string }>(
      `SELECT c.code_hash FROM mfa_recovery_code c JOIN app_user u ON u.id = c.user_id WHERE u.email = $1`,
      [DEMO.provider],
    );
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c.code_hash).toMatch(/^\$argon2id\$/);

    const { rows: events } = await t.db.query<{ action: string; text: string }>(`SELECT action, to_jsonb(e)::text AS text FROM audit_event e WHERE action LIKE 'user.mfa.%'`);
    expect(events.map((e) => e.action).sort()).toEqual(['user.mfa.enable', 'user.mfa.enrolment.start']);
    const everything = (await t.db.query<{ text: string }>(`SELECT string_agg(to_jsonb(e)::text, ' ') AS text FROM audit_event e`)).rows[0].text;
    expect(everything).not.toContain(start.body.secret);
    for (const c of provider.recoveryCodes) expect(everything).not.toContain(c);
  });

  it('TOTP login: the password yields an mfaToken, a wrong code is refused, the right one gives the session', async () => {
    const token = await mfaToken(DEMO.provider);
    const wrong = await verify(token, provider.app.wrong()).expect(401);
    expect(wrong.body).toMatchObject({ code: 'AUTH_MFA_INVALID_CODE', errors: [{ path: 'code' }] });
    const ok = await verify(token, provider.app.next()).expect(200);
    expect(ok.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    const me = await t.http().get('/api/v1/auth/me').set(bearer(ok.body.accessToken)).expect(200);
    expect(me.body.email).toBe(DEMO.provider);
    const { rows } = await t.db.query<{ after: { mfa?: string } }>(`SELECT after FROM audit_event WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1`);
    expect(rows[0].after.mfa).toBe('totp');
  });

  it('the mfaToken is no access token, serves one sign-in only, and a code is not accepted twice', async () => {
    const token = await mfaToken(DEMO.provider);
    for (const path of ['/api/v1/auth/me', '/api/v1/organisations', '/api/v1/auth/mfa']) {
      const res = await t.http().get(path).set(bearer(token));
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'AUTH_REQUIRED' });
    }
    // nor does it open the enrolment (that takes the restricted enrolment token)
    await t.http().post('/api/v1/auth/mfa/enrolment').set(bearer(token)).expect(401);

    const code = provider.app.next();
    await verify(token, code).expect(200);
    const reused = await verify(token, provider.app.next()).expect(401);
    expect(reused.body.code).toBe('AUTH_MFA_TOKEN_INVALID');
    // the same code with a fresh mfaToken: a replay, refused
    await verify(await mfaToken(DEMO.provider), code).expect(401);
    // an access token is no mfaToken either
    const access = (await verify(await mfaToken(DEMO.provider), provider.app.next()).expect(200)).body.accessToken as string;
    expect((await verify(access, provider.app.next()).expect(401)).body.code).toBe('AUTH_MFA_TOKEN_INVALID');
    await t.db.query('DELETE FROM auth_throttle');
  });

  it('a recovery code signs in once and its use is recorded', async () => {
    const code = provider.recoveryCodes[0];
    // typed loosely: lower case, blanks instead of dashes
    const ok = await verify(await mfaToken(DEMO.provider), ` ${code.toLowerCase().replace(/-/g, ' ')} `).expect(200);
    await t.http().get('/api/v1/auth/me').set(bearer(ok.body.accessToken)).expect(200);
    const again = await verify(await mfaToken(DEMO.provider), code).expect(401);
    expect(again.body.code).toBe('AUTH_MFA_INVALID_CODE');
    const { rows } = await t.db.query<{ after: { remaining: number } }>(`SELECT after FROM audit_event WHERE action = 'auth.mfa.recovery-code.use'`);
    expect(rows.map((r) => r.after)).toEqual([{ remaining: 9 }]);
    const status = await t.http().get('/api/v1/auth/mfa').set(bearer(ok.body.accessToken)).expect(200);
    expect(status.body.recoveryCodesLeft).toBe(9);
    await t.db.query('DELETE FROM auth_throttle');
  });

  it('wrong codes are throttled like passwords: locked after the limit (429), and a correct password buys no new guesses', async () => {
    const own = await enrol(await t.login(DEMO.provider2));
    let token = await mfaToken(DEMO.provider2);
    await verify(token, own.app.wrong()).expect(401);
    await verify(token, own.app.wrong()).expect(401);
    // the right password again does not reset the count of wrong codes
    token = await mfaToken(DEMO.provider2);
    await verify(token, own.app.wrong()).expect(401);
    const locked = await verify(token, own.app.next()).expect(429);
    expect(locked.body).toMatchObject({ code: 'AUTH_TOO_MANY_ATTEMPTS' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(500);
    await login(DEMO.provider2).expect(429);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event e JOIN app_user u ON u.id::text = e.entity_id WHERE e.action = 'auth.mfa.failed' AND u.email = $1`,
      [DEMO.provider2],
    );
    expect(rows[0].n).toBe(3);
    await t.db.query('DELETE FROM auth_throttle');
    await verify(await mfaToken(DEMO.provider2), own.app.next()).expect(200);
  });

  let staff: Authenticator;

  it('staff must enrol first: the restricted token opens the enrolment only, and confirming it signs in', async () => {
    const res = await login(DEMO.staff).expect(200);
    expect(res.body).toEqual({ mfaRequired: true, enrolmentRequired: true, mfaToken: expect.any(String), expiresIn: 300 });
    const restricted = res.body.mfaToken as string;
    for (const [method, path] of [
      ['get', '/api/v1/auth/me'],
      ['get', '/api/v1/applications'],
      ['post', '/api/v1/auth/mfa/disable'],
      ['post', '/api/v1/auth/logout'],
    ] as const) {
      const r = await t.http()[method](path).set(bearer(restricted)).send({ code: '123456' });
      expect({ path, status: r.status }).toEqual({ path, status: 401 });
    }
    // it is not the token of the code step either
    expect((await verify(restricted, '123456').expect(401)).body.code).toBe('AUTH_MFA_TOKEN_INVALID');

    const status = await t.http().get('/api/v1/auth/mfa').set(bearer(restricted)).expect(200);
    expect(status.body).toMatchObject({ enabled: false, required: true });
    const start = await t.http().post('/api/v1/auth/mfa/enrolment').set(bearer(restricted)).expect(200);
    staff = new Authenticator(start.body.secret);
    const done = await t.http().post('/api/v1/auth/mfa/enrolment/confirm').set(bearer(restricted)).send({ code: staff.next() }).expect(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(done.body.session).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    await t.http().get('/api/v1/applications').set(bearer(done.body.session.accessToken)).expect(200);
    // the restricted token is spent
    await t.http().get('/api/v1/auth/mfa').set(bearer(restricted)).expect(401);

    // from now on the code step, not the enrolment
    const next = await mfaToken(DEMO.staff);
    await verify(next, staff.next()).expect(200);
  });

  it('removing the factor takes a current code; staff then enrol again at the next sign-in; ADMIN resets a lost factor', async () => {
    const session = (await verify(await mfaToken(DEMO.staff), staff.next()).expect(200)).body.accessToken as string;
    const wrong = await t.http().post('/api/v1/auth/mfa/disable').set(bearer(session)).send({ code: staff.wrong() }).expect(400);
    expect(wrong.body).toMatchObject({ code: 'MFA_WRONG_CODE', errors: [{ path: 'code' }] });
    await t.http().post('/api/v1/auth/mfa/disable').set(bearer(session)).send({ code: staff.next() }).expect(204);
    expect((await login(DEMO.staff).expect(200)).body).toMatchObject({ mfaRequired: true, enrolmentRequired: true });
    const { rows: left } = await t.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM user_mfa m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1)
            + (SELECT count(*) FROM mfa_recovery_code c JOIN app_user u ON u.id = c.user_id WHERE u.email = $1) AS n`,
      [DEMO.staff],
    );
    expect(Number(left[0].n)).toBe(0);

    // the Träger lost the phone and the codes: the admin resets, the password alone signs in again
    const admin = await t.login(DEMO.admin);
    const users = await t.http().get(`/api/v1/users?q=${encodeURIComponent(DEMO.provider)}`).set(bearer(admin)).expect(200);
    const id = users.body.items[0].id as string;
    await t.http().post(`/api/v1/users/${id}/mfa/reset`).set(bearer(admin)).expect(204);
    expect((await login(DEMO.provider).expect(200)).body.accessToken).toEqual(expect.any(String));
    expect((await t.http().post(`/api/v1/users/${id}/mfa/reset`).set(bearer(admin)).expect(409)).body.code).toBe('MFA_NOT_ENABLED');
    // only ADMIN may reset
    const own = (await login(DEMO.provider).expect(200)).body.accessToken as string;
    await t.http().post(`/api/v1/users/${id}/mfa/reset`).set(bearer(own)).expect(403);

    const { rows } = await t.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE action IN ('user.mfa.disable', 'user.mfa.reset') ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(['user.mfa.disable', 'user.mfa.reset']);
  });

  it('bad input at the code step is a 400 naming the field, never a 500', async () => {
    const res = await t.http().post('/api/v1/auth/mfa').send({ mfaToken: 'x', code: 12 }).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('code');
    expect((await verify('not-a-token', '123456').expect(401)).body.code).toBe('AUTH_MFA_TOKEN_INVALID');
  });
});
