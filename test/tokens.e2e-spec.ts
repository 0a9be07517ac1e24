import { createHmac, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { ConfigError, loadConfig } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, DEMO_PASSWORD, TestContext } from './support/harness';

/** Signs exactly these claims with HS256 (no defaults added), to probe what the api requires. */
function sign(payload: object, secret: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const PASSWORD = 'Ein-sicheres-Passwort-1';

describe('tokens (issue 18 item 8)', () => {
  let t: TestContext;
  let admin: string;
  let secretDir: string;

  beforeAll(async () => {
    secretDir = mkdtempSync(path.join(tmpdir(), 'ff-jwt-'));
    // No JWT_SECRET: the installation's own random secret, kept in a file (NODE_ENV=test is not production).
    t = await createTestContext({ env: { JWT_SECRET: '', DEV_JWT_SECRET_FILE: path.join(secretDir, 'var', 'jwt-secret') } });
    admin = await t.login(DEMO.admin);
  });
  afterAll(async () => {
    await t.close();
    rmSync(secretDir, { recursive: true, force: true });
  });

  async function newStaff(email: string): Promise<string> {
    const res = await t.http().post('/api/v1/users').set(bearer(admin)).send({ email, displayName: 'Neue Kollegin', password: PASSWORD, roles: ['STAFF'] }).expect(201);
    return res.body.id as string;
  }

  it('refuses a correctly signed token without exp, iat or jti (401 problem+json), and one whose claims are not ids', async () => {
    const me = await t.http().get('/api/v1/auth/me').set(bearer(admin)).expect(200);
    const now = Math.floor(Date.now() / 1000);
    const full = { sub: me.body.id, jti: randomUUID(), iat: now, exp: now + 300, iss: t.config.jwtIssuer, aud: t.config.jwtAudience };
    const without = (k: keyof typeof full) => Object.fromEntries(Object.entries(full).filter(([key]) => key !== k));
    const cases: [string, object][] = [
      ['no exp', without('exp')],
      ['no iat', without('iat')],
      ['no jti', without('jti')],
      ['exp as text', { ...full, exp: String(full.exp) }],
      ['jti not a uuid', { ...full, jti: 'x' }],
      ['sub not a uuid', { ...full, sub: 'admin' }],
      ['exp not after iat', { ...full, iat: full.exp }],
    ];
    for (const [label, claims] of cases) {
      const res = await t.http().get('/api/v1/auth/me').set(bearer(sign(claims, t.config.jwtSecret)));
      expect({ label, status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({
        label,
        status: 401,
        type: expect.stringMatching(/^application\/problem\+json/),
        code: 'AUTH_REQUIRED',
      });
    }
    // the same claims complete are accepted: each case above fails for its defect alone
    await t.http().get('/api/v1/auth/me').set(bearer(sign(full, t.config.jwtSecret))).expect(200);
  });

  it('a token issued before a deactivation stays invalid after the reactivation; a new login works at once', async () => {
    const email = 'reaktiviert@altenburgerland.de';
    const id = await newStaff(email);
    const before = await t.login(email, PASSWORD);
    await t.http().get('/api/v1/organisations').set(bearer(before)).expect(200);
    await t.http().post(`/api/v1/users/${id}/deactivate`).set(bearer(admin)).expect(200);
    await t.http().get('/api/v1/organisations').set(bearer(before)).expect(401);
    await t.http().post(`/api/v1/users/${id}/activate`).set(bearer(admin)).expect(200);
    const res = await t.http().get('/api/v1/organisations').set(bearer(before)).expect(401);
    expect(res.body.code).toBe('AUTH_REQUIRED');
    // within the same second as the deactivation, too: the new token's iat is not below the limit
    const after = await t.login(email, PASSWORD);
    await t.http().get('/api/v1/organisations').set(bearer(after)).expect(200);
    const { rows } = await t.db.query(`SELECT tokens_valid_after FROM app_user WHERE id = $1`, [id]);
    expect(rows[0].tokens_valid_after.getTime() % 1000).toBe(0);
    expect((jwt.decode(before) as { iat: number }).iat * 1000).toBeLessThan(rows[0].tokens_valid_after.getTime());
  });

  it('a password change ends every token issued before (not only the one used), a new login works at once', async () => {
    const email = 'passwort@altenburgerland.de';
    await newStaff(email);
    const [used, other] = [await t.login(email, PASSWORD), await t.login(email, PASSWORD)];
    await t.http().post('/api/v1/auth/password').set(bearer(used)).send({ currentPassword: PASSWORD, newPassword: 'Neues-Passwort-2026!' }).expect(204);
    await t.http().get('/api/v1/auth/me').set(bearer(used)).expect(401);
    await t.http().get('/api/v1/auth/me').set(bearer(other)).expect(401);
    const fresh = await t.login(email, 'Neues-Passwort-2026!');
    await t.http().get('/api/v1/auth/me').set(bearer(fresh)).expect(200);
  });

  it('a role change ends the tokens issued with the old roles; the next login carries the new ones; audited', async () => {
    const email = 'rollen@altenburgerland.de';
    const id = await newStaff(email);
    const old = await t.login(email, PASSWORD);
    expect((await t.http().get('/api/v1/auth/me').set(bearer(old)).expect(200)).body.roles).toEqual(['STAFF']);
    const changed = await t.http().put(`/api/v1/users/${id}/roles`).set(bearer(admin)).send({ roles: ['STAFF', 'APPROVER'] }).expect(200);
    expect(changed.body.roles).toEqual(['STAFF', 'APPROVER']);
    await t.http().get('/api/v1/auth/me').set(bearer(old)).expect(401);
    const fresh = await t.login(email, PASSWORD);
    expect((await t.http().get('/api/v1/auth/me').set(bearer(fresh)).expect(200)).body.roles).toEqual(['STAFF', 'APPROVER']);
    const { rows } = await t.db.query(`SELECT before->'roles' AS before, after->'roles' AS after FROM audit_event WHERE action = 'user.roles.change' AND entity_id = $1`, [id]);
    expect(rows).toEqual([{ before: ['STAFF'], after: ['STAFF', 'APPROVER'] }]);

    // the same roles again change nothing, and end no token
    await t.http().put(`/api/v1/users/${id}/roles`).set(bearer(admin)).send({ roles: ['APPROVER', 'STAFF'] }).expect(200);
    await t.http().get('/api/v1/auth/me').set(bearer(fresh)).expect(200);
  });

  it('role changes follow the rules of user creation, never one’s own, ADMIN only', async () => {
    const id = await newStaff('regeln@altenburgerland.de');
    const provider = await t.http().put(`/api/v1/users/${id}/roles`).set(bearer(admin)).send({ roles: ['PROVIDER'] }).expect(400);
    expect(provider.body.errors).toEqual([{ path: 'roles', message: expect.stringMatching(/Träger zugeordnet/) }]);
    const mixed = await t.http().put(`/api/v1/users/${id}/roles`).set(bearer(admin)).send({ roles: ['AUDITOR', 'STAFF'] }).expect(400);
    expect(mixed.body.errors[0].path).toBe('roles');
    const unknown = await t.http().put(`/api/v1/users/${id}/roles`).set(bearer(admin)).send({ roles: ['ROOT'] }).expect(400);
    expect(unknown.body.errors[0].path).toMatch(/^roles/);
    const traeger = (await t.http().get('/api/v1/users?role=PROVIDER').set(bearer(admin)).expect(200)).body.items[0];
    const toStaff = await t.http().put(`/api/v1/users/${traeger.id}/roles`).set(bearer(admin)).send({ roles: ['STAFF'] }).expect(400);
    expect(toStaff.body.code).toBe('USER_ROLES_INVALID');
    const me = await t.http().get('/api/v1/auth/me').set(bearer(admin)).expect(200);
    const self = await t.http().put(`/api/v1/users/${me.body.id}/roles`).set(bearer(admin)).send({ roles: ['STAFF'] }).expect(409);
    expect(self.body.code).toBe('USER_CHANGE_OWN_ROLES');
    const staff = await t.login(DEMO.staff);
    await t.http().put(`/api/v1/users/${id}/roles`).set(bearer(staff)).send({ roles: ['ADMIN'] }).expect(403);
    const { rows } = await t.db.query(`SELECT roles FROM app_user WHERE id = $1`, [id]);
    expect(rows[0].roles).toEqual(['STAFF']);
  });

  it('without JWT_SECRET outside production: a random secret, generated once, kept (0600) and reused', async () => {
    const file = path.join(secretDir, 'var', 'jwt-secret');
    const secret = readFileSync(file, 'utf8').trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(t.config.jwtSecret).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // the api signs with it: a token of this installation verifies with the secret read again
    const env = { NODE_ENV: 'development', DEV_JWT_SECRET_FILE: file };
    const again = loadConfig(env);
    expect(again.jwtSecret).toBe(secret);
    const token = await t.login(DEMO.staff, DEMO_PASSWORD);
    expect(() => jwt.verify(token, again.jwtSecret, { algorithms: ['HS256'] })).not.toThrow();
    // another installation gets another secret, not a constant
    const other = loadConfig({ NODE_ENV: 'development', DEV_JWT_SECRET_FILE: path.join(secretDir, 'other', 'jwt-secret') });
    expect(other.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(other.jwtSecret).not.toBe(secret);
    // a secret others may read is refused, like ssh refuses a readable key
    chmodSync(file, 0o644);
    expect(() => loadConfig(env)).toThrow(/DEV_JWT_SECRET_FILE.*chmod 600/s);
    chmodSync(file, 0o600);
    // production never falls back to the file
    const prod = { NODE_ENV: 'production', DEV_JWT_SECRET_FILE: file, DISTRICT_DEBTOR_IBAN: 'DE74830502001100200300', SMTP_HOST: 'relay.example' };
    expect(() => loadConfig(prod)).toThrow(ConfigError);
    expect(() => loadConfig(prod)).toThrow(/JWT_SECRET fehlt/);
    const truncated = path.join(secretDir, 'short');
    writeFileSync(truncated, 'abc', { mode: 0o600 });
    expect(() => loadConfig({ NODE_ENV: 'development', DEV_JWT_SECRET_FILE: truncated })).toThrow(/kein gültiges Geheimnis/);
  });
});
