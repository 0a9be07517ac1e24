/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './support/fixtures';

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The local catch-all (issue 17 item 6): without SMTP_HOST outside production, a mail the worker
 * delivers lands in mail_catchall, its outbox row SENT (not FAILED after every attempt), and ADMIN
 * reads it over the api; nobody else does. Real PostgreSQL, Redis and worker; no SMTP server at all.
 */
describe('mail catch-all: a demo without SMTP_HOST shows its mails', () => {
  let t: TestContext;
  let admin: string;
  let staff: string;
  let provider: string;
  let outboxId: string;
  let caughtId: string;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00', env: { MAIL_SEND_ATTEMPTS: '2', MAIL_RETRY_DELAY_MS: '100' } });
    expect(t.config.smtp.host).toBeNull();
    [admin, staff, provider] = (await Promise.all([DEMO.admin, DEMO.staff, DEMO.provider].map((e) => t.login(e)))) as string[];
    const year = await createBudgetYear(t, admin, 2025, { state: '400000.00', district: '100000.00' });
    const callId = (await createPublishedCall(t, staff, year.id, { openingDate: '2024-09-01', deadline: '2024-12-15' })).id;
    // The Träger submits an Antrag: its users are told (APPLICATION_RECEIVED), one mail each in the outbox.
    const a = await ok(t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(callId, 2025, { financingPlan: balancedPlan('90000.00') })), 201);
    await ok(t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)));
    const r = await t.db.query(
      `SELECT m.id, m.status FROM mail_outbox m JOIN notification n ON n.id = m.notification_id JOIN app_user u ON u.id = n.user_id
        WHERE n.kind = 'APPLICATION_RECEIVED' AND n.entity_id = $1 AND u.email = $2`,
      [a.id, DEMO.provider],
    );
    expect(r.rows).toEqual([{ id: expect.any(String), status: 'PENDING' }]);
    outboxId = r.rows[0].id;
  });
  afterAll(() => t?.close());

  it('the worker delivers the mail into the catch-all: the outbox row is SENT after one attempt, the mail kept whole', async () => {
    await t.startWorker();
    await ok(t.http().post('/api/v1/admin/schedules/mail.drain/run').set(bearer(admin)), 202);
    const row = await waitFor(async () => {
      const r = await t.db.query(`SELECT status, attempts, last_error, smtp_response, subject, body, message_id, recipient FROM mail_outbox WHERE id = $1`, [outboxId]);
      return ['SENT', 'FAILED'].includes(r.rows[0].status) ? r.rows[0] : null;
    });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, last_error: null, recipient: DEMO.provider });
    expect(row.smtp_response).toMatch(/^250 caught locally \(mail_catchall [0-9a-f-]{36}\)/);

    const caught = await t.db.query(`SELECT id, sender, recipient, subject, body, message_id FROM mail_catchall WHERE outbox_id = $1`, [outboxId]);
    expect(caught.rows).toHaveLength(1);
    expect(caught.rows[0]).toMatchObject({ recipient: DEMO.provider, subject: row.subject, body: row.body, message_id: row.message_id, sender: t.config.smtp.from });
    expect(row.smtp_response).toContain(caught.rows[0].id);
    caughtId = caught.rows[0].id;
    expect(row.subject).toContain('Antrag');
  });

  it('ADMIN lists the caught mails (newest first, addressee by name) and reads one whole', async () => {
    const page = await ok(t.http().get('/api/v1/admin/mail-catchall?limit=200').set(bearer(admin)));
    expect(page.active).toBe(true);
    const item = page.items.find((m: any) => m.id === caughtId);
    expect(item).toMatchObject({ outboxId, recipient: DEMO.provider, recipientName: expect.any(String), messageId: expect.stringMatching(/^<.+@.+>$/) });
    expect(item.recipientName.length).toBeGreaterThan(0);
    expect(item).not.toHaveProperty('body');
    const times = page.items.map((m: any) => Date.parse(m.createdAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));

    const one = await ok(t.http().get(`/api/v1/admin/mail-catchall/${caughtId}`).set(bearer(admin)));
    expect(one).toMatchObject({ id: caughtId, subject: item.subject, recipientName: item.recipientName });
    expect(one.body).toContain('Mit freundlichen Grüßen');

    // the Postausgang names the addressee too, and shows the mail SENT
    const outbox = await ok(t.http().get('/api/v1/admin/mail-outbox?status=SENT&limit=200').set(bearer(admin)));
    expect(outbox.items.find((m: any) => m.id === outboxId)).toMatchObject({ status: 'SENT', recipientName: item.recipientName });
  });

  it('paging by cursor, and German problems for malformed ids and unknown mails (both 404, as everywhere)', async () => {
    const first = await ok(t.http().get('/api/v1/admin/mail-catchall?limit=1').set(bearer(admin)));
    expect(first.items).toHaveLength(1);
    if (first.nextCursor) {
      const second = await ok(t.http().get(`/api/v1/admin/mail-catchall?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`).set(bearer(admin)));
      expect(second.items[0]?.id).not.toBe(first.items[0].id);
    }
    const bad = await t.http().get('/api/v1/admin/mail-catchall/nicht-da').set(bearer(admin));
    expect(bad.status).toBe(404);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.detail).toBe('Der angeforderte Datensatz wurde nicht gefunden.');
    const missing = await t.http().get('/api/v1/admin/mail-catchall/00000000-0000-4000-8000-000000000000').set(bearer(admin));
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('Die E-Mail wurde im lokalen Demo-Postfach nicht gefunden.');
  });

  it('STAFF and the Träger may not read the catch-all', async () => {
    for (const token of [staff, provider]) {
      const list = await t.http().get('/api/v1/admin/mail-catchall').set(bearer(token));
      expect(list.status).toBe(403);
      const one = await t.http().get(`/api/v1/admin/mail-catchall/${caughtId}`).set(bearer(token));
      expect(one.status).toBe(403);
    }
    await t.http().get('/api/v1/admin/mail-catchall').expect(401);
  });
});
