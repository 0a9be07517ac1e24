/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Clock, FixedClock } from '@foerderfluss/core';
import { RemindersService } from '@foerderfluss/notifications';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { bearer, createTestContext, DEMO, TestContext, testLogger } from './support/harness';
import { approvedDecision, Tokens, checkBody } from './support/flow';
import { createBudgetYear, createPublishedCall } from './support/fixtures';
import { TEST_REDIS_URL } from './support/env';
import { TestSmtpServer } from './support/smtp';

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Row {
  notification_id: string;
  kind: string;
  stage: string;
  due_date: string | null;
  email: string;
  outbox_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string;
}

/**
 * Reminders and the mail outbox (issue 9 item 6) and the job administration (item 7), against a
 * real SMTP server on a local port, real PostgreSQL and Redis, and real workers.
 */
describe('reminders: transactional outbox, SMTP delivery exactly once, failures visible', () => {
  const smtp = new TestSmtpServer();
  let t: TestContext;
  let tk: Tokens;
  let decision: { id: string; reference: string };
  let paymentRequestId: string;
  let worker: INestApplicationContext;
  const clock = () => t.clock as FixedClock;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Notifications (with their mail) about one record, optionally of one stage. */
  async function rows(entityId: string, stage?: string): Promise<Row[]> {
    const r = await t.db.query(
      `SELECT n.id AS notification_id, n.kind, n.stage, to_char(n.due_date, 'YYYY-MM-DD') AS due_date, u.email,
              m.id AS outbox_id, m.status, m.attempts, m.last_error, m.message_id
         FROM notification n JOIN mail_outbox m ON m.notification_id = n.id JOIN app_user u ON u.id = n.user_id
        WHERE n.entity_id = $1 AND ($2::text IS NULL OR n.stage = $2) ORDER BY u.email`,
      [entityId, stage ?? null],
    );
    return r.rows as Row[];
  }

  /** Runs the reminder scan through the admin api and waits until the worker completed it. */
  async function scan(): Promise<void> {
    const run = await ok(t.http().post('/api/v1/admin/schedules/reminders.scan/run').set(bearer(tk.admin)), 202);
    await waitFor(async () => {
      const job = await ok(t.http().get(`/api/v1/admin/jobs/notifications/${run.jobId}`).set(bearer(tk.admin)));
      if (job.state === 'failed') throw new Error(`scan failed: ${job.failedReason}`);
      return job.state === 'completed' ? job : null;
    });
  }

  const allSent = (entityId: string, stage: string, count: number) =>
    waitFor(async () => {
      const r = await rows(entityId, stage);
      return r.length === count && r.every((x) => x.status === 'SENT') ? r : null;
    });

  beforeAll(async () => {
    const port = await smtp.start();
    t = await createTestContext({
      now: '2024-12-02T09:00:00+01:00',
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(port),
        SMTP_FROM: 'Förderfluss Test <foerderfluss@test.example>',
        SMTP_TIMEOUT_MS: '500',
        MAIL_SEND_ATTEMPTS: '3',
        MAIL_RETRY_DELAY_MS: '200',
        MAIL_CLAIM_TIMEOUT_SECONDS: '2',
        MAIL_DRAIN_CRON: '*/1 * * * * *',
        REMINDER_DAYS_BEFORE: '30,7',
        APP_PUBLIC_URL: 'https://foerderfluss.example',
      },
    });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const year = await createBudgetYear(t, tk.admin, 2025);
    const call = await createPublishedCall(t, tk.staff, year.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    // Bewilligungszeitraum to 30.06.2025: the Verwendungsnachweis is due 31.12.2025.
    decision = await approvedDecision(t, tk, { yearId: year.id, callId: call.id, year: 2025, financingType: 'DEFICIT', application: { periodEnd: '2025-06-30' } });
    // a Mittelabruf checked by staff and waiting for the second pair of eyes
    clock().set('2025-02-20T09:00:00+01:00');
    const pr = await ok(
      t
        .http()
        .post('/api/v1/payment-requests')
        .set(bearer(tk.provider))
        .send({
          decisionId: decision.id,
          requestedAmount: '20000.00',
          requestedValueDate: '2025-03-01',
          duePayments: [{ dueDate: '2025-03-31', payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter März', amount: '25000.00' }],
        }),
      201,
    );
    await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/submit`).set(bearer(tk.provider)));
    await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/check`).set(bearer(tk.staff)).send(checkBody({ amount: '20000.00' })));
    paymentRequestId = pr.id;
  });

  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('30 days ahead the Träger is reminded and the approver asked: one notification and one mail per finding, though the scan runs twice and the first delivery fails once', async () => {
    clock().set('2025-12-10T07:00:00+01:00');
    // The mails already in the outbox (the demo history, and what the set-up told the Träger: Eingang,
    // Bescheid) are not what this test is about; they would take the refusal below.
    await t.db.query(`UPDATE mail_outbox SET status = 'SENT', sent_at = now() WHERE status = 'PENDING'`);
    smtp.refuse(DEMO.provider, 1);
    worker = await t.startWorker();
    await Promise.all([scan(), scan()]);

    const [vn] = await allSent(decision.id, 'BEFORE_30', 1);
    expect(vn).toMatchObject({ kind: 'PROOF_DUE', due_date: '2025-12-31', email: DEMO.provider, attempts: 2, last_error: null });
    expect(vn!.message_id).toBe(`<${vn!.outbox_id}@test.example>`);
    const delivered = smtp.byOutboxId(vn!.outbox_id);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ to: [DEMO.provider], messageId: vn!.message_id });

    // four eyes: the approvers are asked (Zeichnung and the Sachgebietsleitung), not the person who checked it
    const approvals = await allSent(paymentRequestId, 'WAITING', 2);
    expect(approvals.map((a) => [a.kind, a.email])).toEqual([
      ['PAYMENT_APPROVAL', DEMO.sachgebietsleitung],
      ['PAYMENT_APPROVAL', DEMO.approver],
    ]);
    for (const approval of approvals) expect(smtp.byOutboxId(approval.outbox_id)).toHaveLength(1);
    expect((await rows(decision.id)).filter((r) => r.kind === 'PROOF_DUE')).toHaveLength(1);

    // the Träger sees its notification (German), nobody else does
    const own = await ok(t.http().get('/api/v1/notifications').set(bearer(tk.provider)));
    const item = own.items.find((n: any) => n.id === vn!.notification_id);
    expect(item).toMatchObject({
      kind: 'PROOF_DUE',
      stage: 'BEFORE_30',
      reference: decision.reference,
      dueDate: '2025-12-31',
      subject: `Erinnerung: Verwendungsnachweis ${decision.reference} fällig am 31.12.2025`,
      link: `https://foerderfluss.example/bescheide/${decision.id}`,
      readAt: null,
      mail: { status: 'SENT', attempts: 2, lastError: null, sentAt: expect.any(String) },
    });
    expect(item.body).toContain('ist bis zum 31.12.2025 vorzulegen, also in 21 Tagen.');
    expect(own.unread).toBeGreaterThanOrEqual(1);
    const other = await ok(t.http().get('/api/v1/notifications').set(bearer(tk.provider2)));
    expect(other.items.map((n: any) => n.id)).not.toContain(vn!.notification_id);
    await t.http().post(`/api/v1/notifications/${vn!.notification_id}/read`).set(bearer(tk.provider2)).expect(404);
    const staff = await ok(t.http().get('/api/v1/notifications').set(bearer(tk.staff)));
    expect(staff.items.filter((n: any) => n.entityId === paymentRequestId)).toEqual([]);

    const read = await ok(t.http().post(`/api/v1/notifications/${vn!.notification_id}/read`).set(bearer(tk.provider)));
    expect(read.readAt).toEqual(expect.any(String));
    const unread = await ok(t.http().get('/api/v1/notifications?unreadOnly=true').set(bearer(tk.provider)));
    expect(unread.items.map((n: any) => n.id)).not.toContain(vn!.notification_id);
    expect(unread.unread).toBe(own.unread - 1);
    const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'reminders.scan'`);
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('a worker that stops between finding and sending: the next worker sends the mail, exactly once', async () => {
    clock().set('2025-12-26T07:00:00+01:00');
    await t.stopWorker(worker);
    // The finding commits, then the process is gone before it queued any mail.
    const finder = await Test.createTestingModule({ imports: [WorkerModule.register(t.config, { run: false })] })
      .overrideProvider(Clock)
      .useValue(t.clock)
      .setLogger(testLogger)
      .compile();
    await finder.init();
    const found = await finder.get(RemindersService).scan('test-finding-only');
    await finder.close();
    const [pending] = await rows(decision.id, 'BEFORE_7');
    expect(found.outboxIds).toContain(pending!.outbox_id);
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 0, email: DEMO.provider });
    expect(smtp.byOutboxId(pending!.outbox_id)).toHaveLength(0);

    worker = await t.startWorker();
    await allSent(decision.id, 'BEFORE_7', 1);
    await scan();
    const after = await rows(decision.id, 'BEFORE_7');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(smtp.byOutboxId(pending!.outbox_id)).toHaveLength(1);
    expect(smtp.received.filter((m) => m.to.includes(DEMO.provider) && m.raw.includes(decision.reference) && m.raw.includes('Verwendungsnachweis'))).toHaveLength(2);
  });

  it('a send interrupted after the SMTP server took the mail is repeated once its claim runs out, under the same Message-ID (at least once)', async () => {
    const [row] = await rows(decision.id, 'BEFORE_7');
    // The worker died between handing the mail to SMTP and marking it sent; its job is gone.
    await t.db.query(`UPDATE mail_outbox SET status = 'SENDING', sent_at = NULL, claimed_at = now() WHERE id = $1`, [row!.outbox_id]);
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('notifications', { connection, prefix: t.config.queuePrefix });
    try {
      await queue.remove(`mail.send.${row!.outbox_id}`);
    } finally {
      await queue.close();
      connection.disconnect();
    }
    // while the claim is fresh (another sender could still be at it) nothing is sent
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.byOutboxId(row!.outbox_id)).toHaveLength(1);
    const [again] = await allSent(decision.id, 'BEFORE_7', 1);
    expect(again!.attempts).toBe(2);
    const copies = smtp.byOutboxId(row!.outbox_id);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((c) => c.messageId))).toEqual(new Set([row!.message_id]));
  });

  it('SMTP refusing: retried with backoff, then FAILED with the error, visible to administrators only; a retry delivers once', async () => {
    clock().set('2026-01-05T07:00:00+01:00');
    smtp.refuse(() => true);
    await scan();
    const failed = await waitFor(async () => {
      const r = await rows(decision.id, 'OVERDUE');
      return r.length === 3 && r.every((x) => x.status === 'FAILED') ? r : null;
    });
    // overdue: the Träger and the staff (Sachbearbeitung, Sachgebietsleitung)
    expect(failed.map((r) => r.email)).toEqual([DEMO.staff, DEMO.sachgebietsleitung, DEMO.provider].sort());
    for (const r of failed) {
      expect(r.attempts).toBe(3);
      expect(r.last_error).toMatch(/451/);
      expect(smtp.byOutboxId(r.outbox_id)).toHaveLength(0);
    }

    const outbox = await ok(t.http().get('/api/v1/admin/mail-outbox?status=FAILED').set(bearer(tk.admin)));
    expect(outbox.items.filter((m: any) => failed.some((r) => r.outbox_id === m.id))).toHaveLength(3);
    expect(outbox.items[0]).toMatchObject({ status: 'FAILED', attempts: 3, lastError: expect.stringMatching(/451/) });

    const jobs = await ok(t.http().get('/api/v1/admin/jobs?state=failed&queue=notifications').set(bearer(tk.admin)));
    const job = jobs.items.find((j: any) => j.id === `mail.send.${failed[0]!.outbox_id}`);
    expect(job).toMatchObject({
      queue: 'notifications',
      name: 'mail.send',
      state: 'failed',
      attemptsMade: 3,
      maxAttempts: 3,
      failedReason: expect.stringMatching(/451/),
      data: { outboxId: failed[0]!.outbox_id },
      payloadIdsOnly: true,
    });
    const queues = await ok(t.http().get('/api/v1/admin/queues').set(bearer(tk.admin)));
    const notifications = queues.items.find((q: any) => q.queue === 'notifications');
    expect(notifications.counts.failed).toBeGreaterThanOrEqual(2);
    expect(notifications.schedules.map((s: any) => [s.name, s.pattern])).toEqual(
      expect.arrayContaining([
        ['reminders.scan', t.config.remindersCron],
        ['mail.drain', '*/1 * * * * *'],
      ]),
    );
    for (const token of [tk.staff, tk.approver, tk.provider, tk.auditor]) {
      await t.http().get('/api/v1/admin/jobs').set(bearer(token)).expect(403);
      await t.http().get('/api/v1/admin/queues').set(bearer(token)).expect(403);
      await t.http().post(`/api/v1/admin/jobs/notifications/${job.id}/retry`).set(bearer(token)).expect(403);
    }
    // the Träger sees that the mail did not go out
    const own = await ok(t.http().get('/api/v1/notifications').set(bearer(tk.provider)));
    expect(own.items.find((n: any) => n.stage === 'OVERDUE' && n.entityId === decision.id)?.mail).toMatchObject({ status: 'FAILED', lastError: expect.stringMatching(/451/) });

    smtp.accept();
    const retried = await ok(t.http().post(`/api/v1/admin/jobs/notifications/${job.id}/retry`).set(bearer(tk.admin)));
    expect(['waiting', 'active', 'completed']).toContain(retried.state);
    const viaOutbox = await ok(t.http().post(`/api/v1/admin/mail-outbox/${failed[1]!.outbox_id}/retry`).set(bearer(tk.admin)), 202);
    expect(viaOutbox.status).toBe('PENDING');
    await ok(t.http().post(`/api/v1/admin/mail-outbox/${failed[2]!.outbox_id}/retry`).set(bearer(tk.admin)), 202);
    await allSent(decision.id, 'OVERDUE', 3);
    for (const r of failed) expect(smtp.byOutboxId(r.outbox_id)).toHaveLength(1);
    await t.http().post(`/api/v1/admin/jobs/notifications/${job.id}/retry`).set(bearer(tk.admin)).expect(409);
    await t.http().post(`/api/v1/admin/mail-outbox/${failed[1]!.outbox_id}/retry`).set(bearer(tk.admin)).expect(409);
    await t.http().post('/api/v1/admin/schedules/nope/run').set(bearer(tk.admin)).expect(404);
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE action IN ('job.retry', 'mail.retry', 'job.run') GROUP BY action ORDER BY action`);
    expect(audit.rows.map((r: any) => r.action)).toEqual(['job.retry', 'job.run', 'mail.retry']);
  });

  it('every job in Redis carries ids only', async () => {
    let seen = 0;
    for (const state of ['completed', 'failed', 'waiting', 'delayed', 'active']) {
      const jobs = await ok(t.http().get(`/api/v1/admin/jobs?state=${state}&limit=500`).set(bearer(tk.admin)));
      for (const j of jobs.items) expect({ id: j.id, idsOnly: j.payloadIdsOnly }).toEqual({ id: j.id, idsOnly: true });
      seen += jobs.items.length;
    }
    expect(seen).toBeGreaterThan(5);
  });
});
