/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies and audit rows are asserted by value */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { FixedClock } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, DEMO_PASSWORD, TestContext } from './support/harness';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, checkBody, Tokens } from './support/flow';
import { waitFor } from './support/wait';
import { demoPdf } from '../seeds/demo/attachments';

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const MISSING = '00000000-0000-4000-8000-000000000000';

/**
 * Issue 18 item 7: what was refused and what was read is in the audit log. Refused access (403, and
 * the 404 a caller gets for a record that exists outside its scope) as `access.denied`; downloads of
 * exports, letters, Anlagen and SEPA files as `*.downloaded`; throttled logins. No token, password or
 * full IBAN in any event.
 */
describe('audit of refused access and of downloads', () => {
  let t: TestContext;
  let tk: Tokens;
  let storageDir: string;
  const ids: Record<string, string> = {};
  const userId: Record<string, string> = {};
  const sentPasswords = new Set<string>([DEMO_PASSWORD]);
  const usedTokens = new Set<string>();

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const events = async (action: string, where = 'TRUE', params: unknown[] = []) =>
    (await t.db.query(`SELECT actor_id, actor_email, entity, entity_id, after, request_id FROM audit_event WHERE action = $1 AND ${where} ORDER BY id`, [action, ...params])).rows;

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'ff-audit-access-'));
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00', env: { FILE_STORAGE_DIR: storageDir, LOGIN_MAX_FAILURES_PER_ACCOUNT: '2' } });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all([DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)));
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    Object.values(tk).forEach((token) => usedTokens.add(token));
    for (const row of (await t.db.query(`SELECT id, email FROM app_user`)).rows) userId[row.email] = row.id;
    await t.startWorker();

    const year = await createBudgetYear(t, tk.admin, 2025);
    const call = await createPublishedCall(t, tk.staff, year.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    const base = { yearId: year.id, callId: call.id, year: 2025, application: { periodEnd: '2025-06-30' } };
    const one = await approvedDecision(t, tk, base);
    ids.decision = one.id;
    ids.application = one.applicationId;

    // an Anlage of a draft Antrag of the first Träger
    const draft = await ok(t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(applicationBody(call.id, 2025, { financingPlan: balancedPlan('90000.00') })), 201);
    ids.draft = draft.id;
    const attachment = await ok(
      t.http().post(`/api/v1/applications/${draft.id}/attachments`).set(bearer(tk.provider)).field('kind', 'OTHER').attach('file', demoPdf(['Satzung']), 'Satzung.pdf'),
      201,
    );
    ids.attachment = attachment.id;

    // the Zuwendungsbescheid, rendered by the worker after the approval
    const letter = await waitFor(async () => {
      const list = await ok(t.http().get(`/api/v1/decisions/${one.id}/letters`).set(bearer(tk.staff)));
      return list.items.find((d: any) => d.status === 'COMPLETED');
    }, 'the Zuwendungsbescheid', 60000);
    ids.letter = letter.id;

    // a SEPA file with one payout to the first Träger
    (t.clock as FixedClock).set('2025-02-20T09:00:00+01:00');
    const due = [{ dueDate: '2025-03-31', payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter', amount: '40000.00' }];
    const pr = await ok(t.http().post('/api/v1/payment-requests').set(bearer(tk.provider)).send({ decisionId: one.id, requestedAmount: '30000.00', requestedValueDate: '2025-03-01', duePayments: due }), 201);
    await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/submit`).set(bearer(tk.provider)));
    await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/check`).set(bearer(tk.staff)).send(checkBody({ amount: '30000.00' })));
    const approved = await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/approve`).set(bearer(tk.approver)));
    (t.clock as FixedClock).set('2025-02-21T10:00:00+01:00');
    const file = await ok(t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [approved.disbursement.id], executionDate: '2025-03-01' }), 201);
    ids.paymentFile = file.id;
    ids.messageId = file.messageId;
  });
  afterAll(async () => {
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('another Träger’s Antrag, Bescheid, Anlage and Schreiben: the 404 of a missing record, and each refusal is recorded with user, route and record id', async () => {
    const missing = await t.http().get(`/api/v1/decisions/${MISSING}`).set(bearer(tk.provider2)).expect(404);
    const probes: [string, string, string, string][] = [
      [`/api/v1/applications/${ids.application}`, '/api/v1/applications/:id', 'Application', ids.application!],
      [`/api/v1/decisions/${ids.decision}`, '/api/v1/decisions/:id', 'Decision', ids.decision!],
      [`/api/v1/attachments/${ids.attachment}/file`, '/api/v1/attachments/:id/file', 'Attachment', ids.attachment!],
      [`/api/v1/letters/${ids.letter}/file`, '/api/v1/letters/:id/file', 'GeneratedDocument', ids.letter!],
    ];
    for (const [url, route, entity, id] of probes) {
      const res = await t.http().get(url).set(bearer(tk.provider2)).set('x-request-id', `probe-${entity}-0001`).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const [event, ...more] = await events('access.denied', 'request_id = $2', [`probe-${entity}-0001`]);
      expect(more).toEqual([]);
      expect(event).toMatchObject({
        actor_id: userId[DEMO.provider2],
        actor_email: DEMO.provider2,
        entity,
        entity_id: id,
        after: { method: 'GET', route, path: url, params: { id }, status: 404, code: res.body.code, records: [{ entity, id }] },
      });
    }
    // the refusal looks exactly like a missing record to the caller: nothing tells it the record exists
    const refused = await t.http().get(`/api/v1/decisions/${ids.decision}`).set(bearer(tk.provider2)).expect(404);
    expect({ ...refused.body, instance: null, requestId: null }).toEqual({ ...missing.body, instance: null, requestId: null });
    // a record that does not exist, and a record the owner reads, are no refusal
    expect(await events('access.denied', `entity_id = $2`, [MISSING])).toEqual([]);
    await t.http().get(`/api/v1/decisions/${ids.decision}`).set(bearer(tk.provider)).expect(200);
    await t.http().get(`/api/v1/decisions/${MISSING}`).set(bearer(tk.staff)).expect(404);
    expect(await events('access.denied', 'actor_id = ANY($2)', [[userId[DEMO.provider], userId[DEMO.staff]]])).toEqual([]);
  });

  it('403: a route the role may not use is recorded with the route and the record id it names; no token, no event', async () => {
    await t.http().get(`/api/v1/payment-files/${ids.paymentFile}/xml`).set(bearer(tk.provider)).set('x-request-id', 'forbidden-xml-0001').expect(403);
    expect(await events('access.denied', 'request_id = $2', ['forbidden-xml-0001'])).toEqual([
      expect.objectContaining({
        actor_id: userId[DEMO.provider],
        entity: 'Route',
        entity_id: ids.paymentFile,
        after: { method: 'GET', route: '/api/v1/payment-files/:id/xml', path: `/api/v1/payment-files/${ids.paymentFile}/xml`, params: { id: ids.paymentFile }, status: 403, code: 'FORBIDDEN', records: [] },
      }),
    ]);
    await t.http().get('/api/v1/users?q=secret').set(bearer(tk.auditor)).set('x-request-id', 'forbidden-users-0001').expect(403);
    const [users] = await events('access.denied', 'request_id = $2', ['forbidden-users-0001']);
    expect(users).toMatchObject({ actor_id: userId[DEMO.auditor], entity: 'Route', entity_id: 'GET /api/v1/users', after: { path: '/api/v1/users', status: 403 } });
    // the query string is nobody's business in the log
    expect(JSON.stringify(users)).not.toContain('secret');
    await t.http().get('/api/v1/users').set('x-request-id', 'anonymous-0001').expect(401);
    expect(await events('access.denied', 'request_id = $2', ['anonymous-0001'])).toEqual([]);
  });

  it('one user hammering: every refusal is recorded, every answer stays a 404', async () => {
    const before = (await events('access.denied', 'actor_id = $2', [userId[DEMO.provider2]])).length;
    const answers = await Promise.all(Array.from({ length: 25 }, () => t.http().get(`/api/v1/decisions/${ids.decision}`).set(bearer(tk.provider2))));
    expect(answers.map((r) => r.status)).toEqual(Array(25).fill(404));
    expect((await events('access.denied', 'actor_id = $2', [userId[DEMO.provider2]])).length).toBe(before + 25);
  });

  it('when the event cannot be written, the caller still gets its 404 (not a 500), and nothing half-written stays', async () => {
    await t.db.query(`CREATE FUNCTION test_refuse_access_denied() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.action = 'access.denied' THEN RAISE EXCEPTION 'audit store refuses'; END IF; RETURN NEW; END $$`);
    await t.db.query(`CREATE TRIGGER test_refuse_access_denied BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION test_refuse_access_denied()`);
    try {
      const res = await t.http().get(`/api/v1/decisions/${ids.decision}`).set(bearer(tk.provider2)).set('x-request-id', 'refused-write-0001');
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'DECISION_NOT_FOUND' });
      const forbidden = await t.http().get('/api/v1/users').set(bearer(tk.provider2)).set('x-request-id', 'refused-write-0002');
      expect(forbidden.status).toBe(403);
    } finally {
      await t.db.query(`DROP TRIGGER test_refuse_access_denied ON audit_event`);
      await t.db.query(`DROP FUNCTION test_refuse_access_denied()`);
    }
    expect(await events('access.denied', 'request_id = ANY($2)', [['refused-write-0001', 'refused-write-0002']])).toEqual([]);
    // and the chain is whole: the failed appends left no trace in it
    expect((await ok(t.http().get('/api/v1/audit-events/verify').set(bearer(tk.auditor)))).valid).toBe(true);
  });

  it('downloads of exports, letters, Anlagen and SEPA files are recorded: who, which file', async () => {
    // export (the Träger's own Bewilligungsliste)
    const requested = await ok(t.http().post('/api/v1/exports').set(bearer(tk.provider)).send({ type: 'APPROVALS', format: 'xlsx' }), 202);
    const done = await waitFor(async () => {
      const e = await ok(t.http().get(`/api/v1/exports/${requested.id}`).set(bearer(tk.provider)));
      return e.status === 'COMPLETED' || e.status === 'FAILED' ? e : null;
    }, 'the export', 60000);
    expect(done.status).toBe('COMPLETED');
    await t.http().get(`/api/v1/exports/${requested.id}/file`).set(bearer(tk.provider)).buffer(true).parse(binary).expect(200);
    expect(await events('export.downloaded', 'entity_id = $2', [requested.id])).toEqual([
      expect.objectContaining({ actor_id: userId[DEMO.provider], entity: 'ExportJob', after: expect.objectContaining({ type: 'APPROVALS', format: 'xlsx', fileName: done.fileName, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }) }),
    ]);
    // letter, by the Träger and by staff
    await t.http().get(`/api/v1/letters/${ids.letter}/file`).set(bearer(tk.provider)).buffer(true).parse(binary).expect(200);
    await t.http().get(`/api/v1/letters/${ids.letter}/file`).set(bearer(tk.staff)).buffer(true).parse(binary).expect(200);
    const letters = await events('letter.downloaded', 'entity_id = $2', [ids.letter]);
    expect(letters.map((e: any) => e.actor_id)).toEqual([userId[DEMO.provider], userId[DEMO.staff]]);
    expect(letters[0]).toMatchObject({ entity: 'GeneratedDocument', after: { kind: 'GRANT_DECISION', decisionId: ids.decision, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    // Anlage
    await t.http().get(`/api/v1/attachments/${ids.attachment}/file`).set(bearer(tk.staff)).buffer(true).parse(binary).expect(200);
    expect(await events('attachment.downloaded', 'entity_id = $2', [ids.attachment])).toEqual([expect.objectContaining({ actor_id: userId[DEMO.staff], after: expect.objectContaining({ fileName: 'Satzung.pdf' }) })]);
    // SEPA file: named by message id, control sum and hash, never by an IBAN
    const xml = await t.http().get(`/api/v1/payment-files/${ids.paymentFile}/xml`).set(bearer(tk.staff)).expect(200);
    expect(xml.text).toContain('<IBAN>');
    expect(await events('payment-file.downloaded', 'entity_id = $2', [ids.paymentFile])).toEqual([
      expect.objectContaining({ actor_id: userId[DEMO.staff], entity: 'PaymentFile', after: { messageId: ids.messageId, payouts: 1, controlSum: '30000.00', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } }),
    ]);
    // the Protokoll names them in German
    const log = await ok(t.http().get(`/api/v1/audit-events?action=letter.downloaded`).set(bearer(tk.auditor)));
    expect(log.items.map((e: any) => e.actionLabel)).toEqual(['Schreiben heruntergeladen', 'Schreiben heruntergeladen']);
  });

  it('a throttled login is recorded (e-mail and address, never the password)', async () => {
    const email = DEMO.sachgebietsleitung;
    for (const password of ['falsch-eins-1234', 'falsch-zwei-1234']) {
      sentPasswords.add(password);
      await t.http().post('/api/v1/auth/login').send({ email, password }).expect(401);
    }
    sentPasswords.add('falsch-drei-1234');
    const res = await t.http().post('/api/v1/auth/login').set('x-request-id', 'throttled-0001').send({ email, password: 'falsch-drei-1234' }).expect(429);
    expect(res.headers['retry-after']).toBeDefined();
    const [event] = await events('auth.login.throttled', 'request_id = $2', ['throttled-0001']);
    expect(event).toMatchObject({ actor_id: null, entity: 'User', entity_id: email, after: { email, ip: expect.any(String), retryAfterSeconds: expect.any(Number) } });
    await t.db.query('DELETE FROM auth_throttle');
  });

  it('no token, no password and no full IBAN in any event, also after a bank account change and a password change', async () => {
    const own = (await ok(t.http().get('/api/v1/auth/me').set(bearer(tk.provider2)))).organisationId as string;
    const newIban = 'DE02120300000000202051';
    await ok(t.http().put(`/api/v1/organisations/${own}/bank-account`).set(bearer(tk.provider2)).send({ iban: newIban, bic: 'BYLADEM1001', accountHolder: 'Träger Zwei e.V.' }));
    const changed = await events('organisation.bank-account.change', 'entity_id = $2', [own]);
    expect(changed.at(-1).after.iban).toBe('DE02…2051');
    const newPassword = 'Ganz-neues-Passwort-2026!';
    sentPasswords.add(newPassword);
    await t.http().post('/api/v1/auth/password').set(bearer(tk.provider2)).send({ currentPassword: DEMO_PASSWORD, newPassword }).expect(204);
    usedTokens.add(await t.login(DEMO.provider2, newPassword));

    const ibans = new Set<string>([newIban, t.config.districtDebtorIban]);
    for (const row of (await t.db.query(`SELECT iban FROM organisation WHERE iban IS NOT NULL`)).rows) ibans.add(row.iban);
    const rows = (await t.db.query(`SELECT id, action, row_to_json(e)::text AS text FROM audit_event e ORDER BY id`)).rows as { id: string; action: string; text: string }[];
    expect(rows.length).toBeGreaterThan(50);
    const leaks: string[] = [];
    for (const { id, action, text } of rows) {
      for (const token of usedTokens) if (text.includes(token) || text.includes(token.split('.')[2]!)) leaks.push(`${id} ${action}: a token`);
      for (const password of sentPasswords) if (text.includes(password)) leaks.push(`${id} ${action}: a password`);
      for (const iban of ibans) if (text.includes(iban)) leaks.push(`${id} ${action}: IBAN ${iban}`);
      for (const candidate of text.match(/[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/g) ?? []) {
        if (isValidIBAN(electronicFormatIBAN(candidate) ?? '')) leaks.push(`${id} ${action}: IBAN ${candidate}`);
      }
      if (/eyJ[\w-]*\.[\w-]+\.[\w-]+/.test(text)) leaks.push(`${id} ${action}: a JWT`);
    }
    expect(leaks).toEqual([]);
    // the scan covered the events this file caused
    for (const action of ['access.denied', 'export.downloaded', 'letter.downloaded', 'attachment.downloaded', 'payment-file.downloaded', 'auth.login.throttled', 'auth.login.failed', 'user.password.change', 'organisation.bank-account.change']) {
      expect({ action, present: rows.some((r) => r.action === action) }).toEqual({ action, present: true });
    }
  });
});
