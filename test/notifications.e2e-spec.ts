/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { EventNotificationsService, RemindersService } from '@foerderfluss/notifications';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './support/fixtures';
import { Tokens, checkBody, settlementVotum, completeReview } from './support/flow';

const URL = 'https://foerderfluss.example';

/**
 * The Träger is told (issue 14 item 4): every event of its records, driven over HTTP, leaves exactly
 * one notification and one outbox mail per user of that Träger, with a link to the record; the
 * other Träger gets none; a second trigger or a replayed event writes nothing twice.
 */
describe('notifications: the Träger is told what happens to its records', () => {
  let t: TestContext;
  let tk: Tokens;
  let callId: string;
  const clock = () => t.clock as FixedClock;
  /** Every record this file notified about, to check the other Träger saw none of them. */
  const touched = new Set<string>();
  const ids: Record<string, string> = {};

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** The Träger's notifications of one kind about one record, as the api shows them. */
  async function seen(token: string, kind: string, entityId: string): Promise<any[]> {
    const page = await ok(t.http().get('/api/v1/notifications?limit=200').set(bearer(token)));
    return page.items.filter((n: any) => n.kind === kind && n.entityId === entityId);
  }

  /** Outbox mails of one kind about one record, by recipient. */
  async function mails(kind: string, entityId: string): Promise<string[]> {
    const r = await t.db.query(
      `SELECT m.recipient FROM mail_outbox m JOIN notification n ON n.id = m.notification_id WHERE n.kind = $1 AND n.entity_id = $2 ORDER BY m.recipient`,
      [kind, entityId],
    );
    return r.rows.map((x: any) => x.recipient);
  }

  /** Exactly one notification (and one mail) for the first demo Träger, with the link given. */
  async function expectOnce(kind: string, entityId: string, path: string, extra: Record<string, unknown> = {}, mailedTo: string[] = [DEMO.provider]): Promise<any> {
    const own = await seen(tk.provider, kind, entityId);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ kind, entityId, link: `${URL}${path}`, readAt: null, mail: expect.objectContaining({ status: 'PENDING' }), ...extra });
    expect(own[0].body).toContain('Mit freundlichen Grüßen');
    expect(await mails(kind, entityId)).toEqual(mailedTo);
    expect(await seen(tk.provider2, kind, entityId)).toEqual([]);
    touched.add(entityId);
    return own[0];
  }

  async function newApplication(): Promise<{ id: string; reference: string }> {
    return ok(t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(applicationBody(callId, 2025, { financingPlan: balancedPlan('90000.00'), periodEnd: '2025-06-30' })), 201);
  }

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00', env: { APP_PUBLIC_URL: URL } });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const year = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
    callId = (await createPublishedCall(t, tk.staff, year.id, { openingDate: '2024-09-01', deadline: '2024-12-15' })).id;
  });
  afterAll(() => t?.close());

  it('the demo history leaves both demo Träger with notifications, read and unread', async () => {
    for (const email of [DEMO.provider, DEMO.provider2]) {
      const r = await t.db.query(
        `SELECT count(*) FILTER (WHERE n.read_at IS NULL)::int AS unread, count(*) FILTER (WHERE n.read_at IS NOT NULL)::int AS read, array_agg(DISTINCT n.kind) AS kinds
           FROM notification n JOIN app_user u ON u.id = n.user_id
          WHERE u.email = $1 AND n.created_at < '2026-06-01'`,
        [email],
      );
      expect(r.rows[0].read).toBeGreaterThan(0);
      expect(r.rows[0].unread).toBeGreaterThan(0);
      expect(r.rows[0].kinds).toEqual(expect.arrayContaining(['APPLICATION_RECEIVED', 'DECISION_ISSUED', 'PAYMENT_REQUEST_APPROVED']));
    }
  });

  it('Antrag received (Eingangsbestätigung), changes requested, received again, Bescheid issued', async () => {
    const a = await newApplication();
    ids.application = a.id;
    await ok(t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(tk.provider)));
    const received = await expectOnce('APPLICATION_RECEIVED', a.id, `/antraege/${a.id}`, { stage: 'RECEIVED', reference: a.reference, subject: `Eingangsbestätigung: Antrag ${a.reference}` });
    expect(received.body).toContain('ist am 02.12.2024 beim Landratsamt eingegangen');

    await ok(t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(tk.staff)));
    await ok(t.http().post(`/api/v1/applications/${a.id}/request-changes`).set(bearer(tk.staff)).send({ text: 'Bitte die Honorare aufschlüsseln.' }));
    await expectOnce('CHANGES_REQUESTED', a.id, `/antraege/${a.id}`, { subject: `Ergänzungen erbeten: Antrag ${a.reference}` });

    // the revised Antrag is received again: a second Eingangsbestätigung, for version 2
    clock().set('2024-12-04T10:00:00+01:00');
    await ok(t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(tk.provider)));
    const both = await seen(tk.provider, 'APPLICATION_RECEIVED', a.id);
    expect(both).toHaveLength(2);
    expect(both[0].body).toContain('(Fassung 2)');
    expect(await mails('APPLICATION_RECEIVED', a.id)).toEqual([DEMO.provider, DEMO.provider]);

    await ok(t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(tk.staff)));
    await completeReview(t, tk.staff, a.id);
    const d = await ok(
      t.http().post(`/api/v1/applications/${a.id}/propose-decision`).set(bearer(tk.staff)).send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '90000.00' }),
      201,
    );
    ids.decision = d.id;
    // a proposal is internal: nothing for the Träger yet
    expect(await seen(tk.provider, 'DECISION_ISSUED', d.id)).toEqual([]);
    clock().set('2024-12-10T10:00:00+01:00');
    await ok(t.http().post(`/api/v1/decisions/${d.id}/approve`).set(bearer(tk.approver)));
    const issued = await expectOnce('DECISION_ISSUED', d.id, `/bescheide/${d.id}`, { stage: 'ISSUED', reference: d.reference, subject: `Zuwendungsbescheid ${d.reference} erlassen` });
    expect(issued.body).toContain('höchstens 90.000,00 €');
    // approving again is refused and tells nobody a second time
    await t.http().post(`/api/v1/decisions/${d.id}/approve`).set(bearer(tk.approver)).expect(409);
    expect(await mails('DECISION_ISSUED', d.id)).toEqual([DEMO.provider]);
  });

  it('Ablehnung issued', async () => {
    clock().set('2024-12-11T09:00:00+01:00');
    const a = await newApplication();
    await ok(t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(tk.provider)));
    await ok(t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(tk.staff)));
    await completeReview(t, tk.staff, a.id, 'REJECT');
    const d = await ok(t.http().post(`/api/v1/applications/${a.id}/propose-rejection`).set(bearer(tk.staff)).send({ reasons: 'Doppelförderung.' }), 201);
    await ok(t.http().post(`/api/v1/decisions/${d.id}/approve`).set(bearer(tk.approver)));
    await expectOnce('APPLICATION_REJECTED', d.id, `/bescheide/${d.id}`, { subject: `Ablehnung: Antrag ${a.reference}`, reference: d.reference });
    expect(await seen(tk.provider, 'DECISION_ISSUED', d.id)).toEqual([]);
  });

  it('Mittelabruf refused, Mittelabruf approved, payout executed (once, however often the file is booked)', async () => {
    clock().set('2025-02-20T09:00:00+01:00');
    const due = [{ dueDate: '2025-03-31', payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter März/April', amount: '100000.00' }];
    const refused = await ok(t.http().post('/api/v1/payment-requests').set(bearer(tk.provider)).send({ decisionId: ids.decision, requestedAmount: '5000.00', requestedValueDate: '2025-03-01', duePayments: due }), 201);
    await ok(t.http().post(`/api/v1/payment-requests/${refused.id}/submit`).set(bearer(tk.provider)));
    await ok(t.http().post(`/api/v1/payment-requests/${refused.id}/check`).set(bearer(tk.staff)).send(checkBody()));
    await ok(t.http().post(`/api/v1/payment-requests/${refused.id}/reject`).set(bearer(tk.approver)).send({ reason: 'Bitte zusammen mit dem nächsten Abruf stellen.' }));
    const no = await expectOnce('PAYMENT_REQUEST_REFUSED', refused.id, `/mittelabrufe/${refused.id}`, { subject: `Mittelabruf ${refused.reference} abgelehnt` });
    expect(no.body).toContain('Begründung: Bitte zusammen mit dem nächsten Abruf stellen.');

    const r = await ok(t.http().post('/api/v1/payment-requests').set(bearer(tk.provider)).send({ decisionId: ids.decision, requestedAmount: '90000.00', requestedValueDate: '2025-03-01', duePayments: due }), 201);
    await ok(t.http().post(`/api/v1/payment-requests/${r.id}/submit`).set(bearer(tk.provider)));
    await ok(t.http().post(`/api/v1/payment-requests/${r.id}/check`).set(bearer(tk.staff)).send(checkBody({ amount: '90000.00' })));
    // checking is internal: the Träger hears nothing until the second pair of eyes decided
    expect(await seen(tk.provider, 'PAYMENT_REQUEST_APPROVED', r.id)).toEqual([]);
    const approved = await ok(t.http().post(`/api/v1/payment-requests/${r.id}/approve`).set(bearer(tk.approver)));
    await expectOnce('PAYMENT_REQUEST_APPROVED', r.id, `/mittelabrufe/${r.id}`, { subject: `Mittelabruf ${r.reference} freigegeben` });

    const file = await ok(t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [approved.disbursement.id], executionDate: '2025-03-01' }), 201);
    // a file generated is not a payout executed
    expect(await seen(tk.provider, 'PAYOUT_EXECUTED', r.id)).toEqual([]);
    clock().set('2025-03-01T12:00:00+01:00');
    await ok(t.http().post(`/api/v1/payment-files/${file.id}/book`).set(bearer(tk.staff)).send({ bookedOn: '2025-03-01' }));
    const paid = await expectOnce('PAYOUT_EXECUTED', r.id, `/mittelabrufe/${r.id}`, { stage: 'PAID' });
    expect(paid.body).toContain('über 90.000,00 € wurde mit Wertstellung 01.03.2025 ausgeführt');
    await t.http().post(`/api/v1/payment-files/${file.id}/book`).set(bearer(tk.staff)).send({ bookedOn: '2025-03-02' }).expect(409);
    expect(await mails('PAYOUT_EXECUTED', r.id)).toEqual([DEMO.provider]);
    ids.paymentRequest = r.id;
  });

  it('Festsetzung made and Rückforderung due; overdue later to the Träger as well, once however often the scan runs', async () => {
    clock().set('2025-07-20T10:00:00+02:00');
    const p = await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: ids.decision, kind: 'FINAL' }), 201);
    const lines = [
      ['PERSONNEL', '54000.00', 'Sozialberater/in'],
      ['PERSONNEL', '18000.00', 'Verwaltungskraft'],
      ['MATERIAL_ADMIN', '13500.00', null],
      ['FEES', '4500.00', null],
    ] as const;
    for (const [i, [category, amount, position]] of lines.entries()) {
      await ok(
        t
          .http()
          .post(`/api/v1/proofs-of-use/${p.id}/receipts`)
          .set(bearer(tk.provider))
          .send({
            receiptNumber: `B-${i + 1}`,
            receiptDate: '2025-03-10',
            paymentDate: '2025-03-12',
            counterparty: 'Gegenpartei',
            reason: `${category} März`,
            direction: 'EXPENSE',
            costCategory: category,
            grossAmount: amount,
            ...(position ? { personnelPosition: position } : {}),
          }),
        201,
      );
    }
    // The Ist per line is what the Belege give (sent as it is: a different amount would need a reason).
    await ok(
      t
        .http()
        .patch(`/api/v1/proofs-of-use/${p.id}`)
        .set(bearer(tk.provider))
        .send({
          narrative: { measure: 'Sozialberatung', goalsAchieved: 'erreicht', targetGroupReached: 'ja', deviations: 'Eine Stelle war zwei Monate unbesetzt.', indicators: [] },
          figures: {
            costLines: [
              { category: 'PERSONNEL', description: 'Sozialberatung', actual: '72000.00' },
              { category: 'MATERIAL_ADMIN', description: 'Miete', actual: '13500.00' },
              { category: 'FEES', description: 'Honorare', actual: '4500.00' },
            ],
            ownFunds: '10000.00',
            thirdPartyFunds: '0.00',
          },
        }),
    );
    await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/submit`).set(bearer(tk.provider)));
    clock().set('2025-08-05T10:00:00+02:00');
    await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/review`).set(bearer(tk.staff)), 201);
    await ok(t.http().put(`/api/v1/proofs-of-use/${p.id}/review/cursory`).set(bearer(tk.staff)).send({ complete: true, plausible: true, purposeAchieved: true, notes: 'schlüssig' }));
    await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/review/sample`).set(bearer(tk.staff)).send({ seed: 'benachrichtigung' }));
    const sampled = await ok(t.http().get(`/api/v1/proofs-of-use/${p.id}/receipts?inSample=true`).set(bearer(tk.staff)));
    for (const r of sampled.items) await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/review/receipts/${r.id}`).set(bearer(tk.staff)).send({ outcome: 'RECOGNISED' }));
    await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/review/complete`).set(bearer(tk.staff)).send({ conclusion: 'Verwendung nachgewiesen.' }));

    clock().set('2025-08-12T10:00:00+02:00');
    const s = await ok(t.http().post('/api/v1/settlements').set(bearer(tk.staff)).send({ proofId: p.id, recoveryDueDate: '2025-09-15', ...settlementVotum }), 201);
    expect(await seen(tk.provider, 'SETTLEMENT_MADE', s.id)).toEqual([]);
    const approved = await ok(t.http().post(`/api/v1/settlements/${s.id}/approve`).set(bearer(tk.approver)));
    const made = await expectOnce('SETTLEMENT_MADE', s.id, `/festsetzungen/${s.id}`);
    expect(made.body).toContain('auf 80.000,00 € festgesetzt');
    expect(made.body).toContain('Betrag von 10.000,00 € zurückzuzahlen');
    const recoveryId = approved.recoveryId as string;
    const due = await expectOnce('RECOVERY_DUE', recoveryId, `/rueckforderungen/${recoveryId}`, { dueDate: '2025-09-15', subject: expect.stringContaining('fällig am 15.09.2025') });
    expect(due.body).toContain('bis zum 15.09.2025');
    // the Träger may open what the link points to
    await ok(t.http().get(`/api/v1/settlements/${s.id}`).set(bearer(tk.provider)));
    await ok(t.http().get(`/api/v1/recoveries/${recoveryId}`).set(bearer(tk.provider)));

    clock().set('2025-10-01T07:00:00+02:00');
    const reminders = t.app.get(RemindersService);
    await reminders.scan('test-1');
    await reminders.scan('test-2');
    // staff are told too (one mail each), in their own words
    const overdue = await expectOnce('RECOVERY_OVERDUE', recoveryId, `/rueckforderungen/${recoveryId}`, { stage: 'OVERDUE' }, [DEMO.staff, DEMO.sachgebietsleitung, DEMO.provider]);
    expect(overdue.body).toContain('seit 16 Tagen überfällig');
    expect(overdue.body).toContain('Bitte überweisen Sie den Betrag umgehend');
    const staff = await ok(t.http().get('/api/v1/notifications?limit=200').set(bearer(tk.staff)));
    const toStaff = staff.items.filter((n: any) => n.kind === 'RECOVERY_OVERDUE' && n.entityId === recoveryId);
    expect(toStaff).toHaveLength(1);
    expect(toStaff[0].body).toContain('veranlassen Sie gegebenenfalls die Mahnung');
  });

  it('a replayed event writes nothing twice; the Träger marks one read; the other Träger saw none of it', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM notification`);
    const events = await t.db.query(
      `SELECT id::text AS id, action, entity, entity_id, after FROM audit_event
        WHERE action IN ('application.submit', 'application.request-changes', 'decision.approve', 'payment-request.approve', 'payment-request.reject', 'payment-file.book', 'settlement.approve')
        ORDER BY id`,
    );
    expect(events.rows.length).toBeGreaterThanOrEqual(9);
    const listener = t.app.get(EventNotificationsService);
    const written = await t.app.get(TransactionRunner).run(async (em) => {
      let n = 0;
      for (const e of events.rows) n += (await listener.onEvent(em, { action: e.action, entity: e.entity, entityId: e.entity_id, after: e.after }, e.id)).length;
      return n;
    });
    // (the demo history's events are replayed too: they had been told already)
    expect(written).toBe(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM notification`)).rows[0].n).toBe(before.rows[0].n);

    const own = await ok(t.http().get('/api/v1/notifications?limit=200').set(bearer(tk.provider)));
    const first = own.items.find((n: any) => n.kind === 'DECISION_ISSUED' && n.entityId === ids.decision);
    const read = await ok(t.http().post(`/api/v1/notifications/${first.id}/read`).set(bearer(tk.provider)));
    expect(read.readAt).toEqual(expect.any(String));
    const after = await ok(t.http().get('/api/v1/notifications?limit=1').set(bearer(tk.provider)));
    expect(after.unread).toBe(own.unread - 1);
    await t.http().post(`/api/v1/notifications/${first.id}/read`).set(bearer(tk.provider2)).expect(404);

    const other = await ok(t.http().get('/api/v1/notifications?limit=200').set(bearer(tk.provider2)));
    expect(other.items.filter((n: any) => touched.has(n.entityId))).toEqual([]);
    // Antrag, Bescheid, Ablehnung, two Mittelabrufe, Festsetzung, Rückforderung
    expect(touched.size).toBe(7);
  });
});
