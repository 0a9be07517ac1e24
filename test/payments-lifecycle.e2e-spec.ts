import { FixedClock } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { approvedDecision, checkBody, Tokens, yearWithCall } from './support/flow';

const STATUSES = ['DRAFT', 'SUBMITTED', 'CHECKED', 'APPROVED', 'PAID', 'REJECTED', 'WITHDRAWN'] as const;
/** The request's lifecycle table (libs/payments/src/payment-request-state.ts), as pairs. */
const TABLE: Record<string, readonly string[]> = {
  update: ['DRAFT'],
  submit: ['DRAFT'],
  withdraw: ['DRAFT', 'SUBMITTED'],
  check: ['SUBMITTED'],
  approve: ['CHECKED'],
  reject: ['SUBMITTED', 'CHECKED'],
  pay: ['APPROVED'],
};
const DUE = [{ dueDate: '2027-01-31', payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter Januar', amount: '8000.00' }];

describe('payments: lifecycle tables over HTTP and allowedActions', () => {
  let t: TestContext;
  let tk: Tokens;
  let both: string;
  let bothId: string;
  let decision: { id: string; reference: string };

  beforeAll(async () => {
    t = await createTestContext({ now: '2026-11-25T10:00:00Z' });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const ctx = await yearWithCall(t, tk, 2027);
    decision = await approvedDecision(t, tk, { ...ctx, financingType: 'FULL' });
    const user = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(tk.admin))
      .send({ email: 'pruefen.und.zeichnen@altenburgerland.de', displayName: 'Prüfen und Zeichnen', password: 'Ein-sicheres-Passwort-1', roles: ['STAFF', 'APPROVER'] })
      .expect(201);
    bothId = user.body.id;
    both = await t.login('pruefen.und.zeichnen@altenburgerland.de', 'Ein-sicheres-Passwort-1');
    (t.clock as FixedClock).set('2027-01-10T09:00:00+01:00');
  });
  afterAll(() => t.close());

  const create = async (amount = '100.00'): Promise<string> =>
    (await t.http().post('/api/v1/payment-requests').set(bearer(tk.provider)).send({ decisionId: decision.id, requestedAmount: amount, requestedValueDate: '2027-01-15', duePayments: DUE }).expect(201)).body.id;
  const post = (token: string, id: string, action: string, body: Record<string, unknown> = {}) => t.http().post(`/api/v1/payment-requests/${id}/${action}`).set(bearer(token)).send(body);
  const approvedRequest = async (amount = '100.00'): Promise<{ id: string; disbursementId: string }> => {
    const id = await create(amount);
    await post(tk.provider, id, 'submit').expect(200);
    await post(tk.staff, id, 'check', checkBody()).expect(200);
    const res = await post(tk.approver, id, 'approve').expect(200);
    return { id, disbursementId: res.body.disbursement.id };
  };
  const actionsOf = async (token: string, id: string): Promise<string[]> => (await t.http().get(`/api/v1/payment-requests/${id}`).set(bearer(token)).expect(200)).body.allowedActions;

  it('every (status, action) pair of a Mittelabruf not in the table is refused with 409', async () => {
    const id = await create();
    /** Each action by a caller whose role may take it, so only the table can refuse. */
    const calls: Record<string, () => ReturnType<typeof post>> = {
      update: () => t.http().patch(`/api/v1/payment-requests/${id}`).set(bearer(tk.provider)).send({ requestedAmount: '90.00' }),
      submit: () => post(tk.provider, id, 'submit'),
      withdraw: () => post(tk.provider, id, 'withdraw'),
      check: () => post(tk.staff, id, 'check', checkBody()),
      approve: () => post(tk.approver, id, 'approve'),
      reject: () => post(tk.staff, id, 'reject', { reason: 'Test' }),
    };
    let refused = 0;
    for (const status of STATUSES) {
      for (const [action, call] of Object.entries(calls)) {
        if (TABLE[action]!.includes(status)) continue;
        await t.db.query('UPDATE payment_request SET status = $2, checked_by = $3 WHERE id = $1', [id, status, status === 'DRAFT' || status === 'SUBMITTED' ? null : bothId]);
        const res = await call();
        expect({ status, action, http: res.status }).toEqual({ status, action, http: 409 });
        expect(res.body.code).toBe(action === 'update' ? 'PAYMENT_REQUEST_NOT_EDITABLE' : 'PAYMENT_REQUEST_ILLEGAL_TRANSITION');
        const row = await t.db.query('SELECT status FROM payment_request WHERE id = $1', [id]);
        expect(row.rows[0].status).toBe(status);
        refused++;
      }
    }
    expect(refused).toBe(STATUSES.length * 6 - 8);
  });

  it('pay (booking the file) refuses a request outside APPROVED, and a payout outside IN_FILE, with 409; a file is filed and booked once', async () => {
    const a = await approvedRequest('200.00');
    const file = await t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [a.disbursementId], executionDate: '2027-01-14' }).expect(201);
    // (IN_FILE, file): the payout is already in a file
    const again = await t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [a.disbursementId], executionDate: '2027-01-14' }).expect(409);
    expect(again.body.code).toBe('PAYMENT_FILE_NOT_SELECTABLE');
    for (const status of STATUSES.filter((s) => s !== 'APPROVED')) {
      await t.db.query('UPDATE payment_request SET status = $2 WHERE id = $1', [a.id, status]);
      const res = await t.http().post(`/api/v1/payment-files/${file.body.id}/book`).set(bearer(tk.staff)).send({ bookedOn: '2027-01-14' });
      expect({ status, http: res.status, code: res.body.code }).toEqual({ status, http: 409, code: 'PAYMENT_REQUEST_ILLEGAL_TRANSITION' });
    }
    await t.db.query(`UPDATE payment_request SET status = 'APPROVED' WHERE id = $1`, [a.id]);
    // (PAID, pay): the payout was already paid
    await t.db.query(`UPDATE disbursement SET status = 'PAID' WHERE id = $1`, [a.disbursementId]);
    const paidTwice = await t.http().post(`/api/v1/payment-files/${file.body.id}/book`).set(bearer(tk.staff)).send({ bookedOn: '2027-01-14' }).expect(409);
    expect(paidTwice.body.code).toBe('DISBURSEMENT_ILLEGAL_TRANSITION');
    await t.db.query(`UPDATE disbursement SET status = 'IN_FILE' WHERE id = $1`, [a.disbursementId]);
    // (APPROVED, pay) cannot be stored: a payout without a file is APPROVED and a file's payouts are not (ck_disbursement_file)
    await t.http().post(`/api/v1/payment-files/${file.body.id}/book`).set(bearer(tk.staff)).send({ bookedOn: '2027-01-14' }).expect(200);
    expect((await t.http().get(`/api/v1/payment-requests/${a.id}`).set(bearer(tk.provider)).expect(200)).body).toMatchObject({ status: 'PAID', allowedActions: [] });
    // (PAID, file) and (BOOKED, book)
    expect((await t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [a.disbursementId], executionDate: '2027-01-14' }).expect(409)).body.code).toBe('PAYMENT_FILE_NOT_SELECTABLE');
    expect((await t.http().post(`/api/v1/payment-files/${file.body.id}/book`).set(bearer(tk.staff)).send({ bookedOn: '2027-01-14' }).expect(409)).body.code).toBe('PAYMENT_FILE_ALREADY_BOOKED');
  });

  it('allowedActions: Träger vs staff, checker vs another approver, before and after each step (detail and list)', async () => {
    const id = await create('300.00');
    expect(await actionsOf(tk.provider, id)).toEqual(['update', 'submit', 'withdraw']);
    expect(await actionsOf(tk.staff, id)).toEqual([]);
    expect(await actionsOf(tk.approver, id)).toEqual([]);
    expect(await actionsOf(tk.auditor, id)).toEqual([]);
    await t.http().get(`/api/v1/payment-requests/${id}`).set(bearer(tk.provider2)).expect(404);

    const submitted = await post(tk.provider, id, 'submit').expect(200);
    expect(submitted.body.allowedActions).toEqual(['withdraw']);
    expect(await actionsOf(tk.staff, id)).toEqual(['check', 'reject']);
    expect(await actionsOf(both, id)).toEqual(['check', 'reject']);
    expect(await actionsOf(tk.approver, id)).toEqual(['reject']);

    const checked = await post(both, id, 'check', checkBody()).expect(200);
    // the checker's own view has no approve (four eyes); another approver's has
    expect(checked.body.allowedActions).toEqual(['reject']);
    expect(await actionsOf(tk.approver, id)).toEqual(['approve', 'reject']);
    expect(await actionsOf(tk.staff, id)).toEqual(['reject']);
    expect(await actionsOf(tk.provider, id)).toEqual([]);
    const list = await t.http().get(`/api/v1/payment-requests?decisionId=${decision.id}&status=CHECKED`).set(bearer(tk.approver)).expect(200);
    expect(list.body.items.find((r: { id: string }) => r.id === id).allowedActions).toEqual(['approve', 'reject']);
    const ownList = await t.http().get(`/api/v1/payment-requests?decisionId=${decision.id}&status=CHECKED`).set(bearer(both)).expect(200);
    expect(ownList.body.items.find((r: { id: string }) => r.id === id).allowedActions).toEqual(['reject']);
    const same = await post(both, id, 'approve').expect(403);
    expect(same.body.code).toBe('PAYMENT_SAME_APPROVER');

    const approved = await post(tk.approver, id, 'approve').expect(200);
    expect(approved.body.request.allowedActions).toEqual([]);
    for (const token of [tk.provider, tk.staff, tk.approver, both]) expect(await actionsOf(token, id)).toEqual([]);
  });
});
