/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock } from '@foerderfluss/core';
import { RECOVERY_LIFECYCLE, RecoveryStatus, SETTLEMENT_LIFECYCLE, SettlementAction, SettlementStatus } from '@foerderfluss/proof-of-use';
import { bearer } from './support/harness';
import { insertRecovery, insertSettlement, SettlementWorld, settlementWorld } from './support/settlement-setup';

/**
 * The Festsetzung and Rückforderung tables over HTTP: every step the table does not have is a 409,
 * and every response says which actions the caller may take now (allowedActions), for the approver
 * and the proposer, for staff and the Träger, before and after each transition.
 */
describe('Festsetzung and Rückforderung lifecycle over HTTP', () => {
  let w: SettlementWorld;
  const clock = () => w.t.clock as FixedClock;
  const http = () => w.t.http();

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const settlementAs = async (token: string, id: string) => ok(http().get(`/api/v1/settlements/${id}`).set(bearer(token)));
  const recoveryAs = async (token: string, id: string) => ok(http().get(`/api/v1/recoveries/${id}`).set(bearer(token)));
  const settlementAction: Record<SettlementAction, (id: string, token: string) => any> = {
    approve: (id, token) => http().post(`/api/v1/settlements/${id}/approve`).set(bearer(token)),
    return: (id, token) => http().post(`/api/v1/settlements/${id}/return`).set(bearer(token)).send({ reason: 'Bitte die Fälligkeit prüfen.' }),
  };
  const repay = (id: string, token: string, amount: string, receivedOn = '2025-09-01') =>
    http().post(`/api/v1/recoveries/${id}/repayments`).set(bearer(token)).send({ amount, receivedOn, payer: 'Träger', paymentReference: 'Rückzahlung' });

  beforeAll(async () => {
    w = await settlementWorld(4, 0);
    // the Prüfvermerk is complete for every VN here (the Festsetzung settles the proof)
    await w.t.db.query(`UPDATE proof_of_use SET status = 'REVIEWED' WHERE id = ANY($1)`, [w.own.map((c) => c.proofId)]);
  });
  afterAll(() => w.t.close());

  it('every (status, action) of a Festsetzung not in the table is refused with 409 and changes nothing', async () => {
    const id = await insertSettlement(w.t, w.own[0]!, 'PROPOSED', w.users.staff);
    let refused = 0;
    for (const status of Object.values(SettlementStatus)) {
      for (const action of SETTLEMENT_LIFECYCLE.actions) {
        if (SETTLEMENT_LIFECYCLE.step(status, action)) continue;
        await w.t.db.query(`UPDATE settlement SET status = $2 WHERE id = $1`, [id, status]);
        const res = await settlementAction[action](id, w.tk.approver);
        expect([status, action, res.status, res.body.code]).toEqual([status, action, 409, 'SETTLEMENT_ILLEGAL_TRANSITION']);
        expect(res.body.detail).toContain(`„${SETTLEMENT_LIFECYCLE.statusLabel(status)}“`);
        expect(res.body.settlementStatus).toBe(status);
        expect((await w.t.db.query(`SELECT status FROM settlement WHERE id = $1`, [id])).rows[0].status).toBe(status);
        refused++;
      }
    }
    expect(refused).toBe(4);
    await w.t.db.query(`UPDATE settlement SET status = 'RETURNED' WHERE id = $1`, [id]);
  });

  it('every (status, action) of a Rückforderung not in the table is refused with 409 and books nothing', async () => {
    clock().set('2025-09-02T10:00:00+02:00');
    const s = await insertSettlement(w.t, w.own[3]!, 'APPROVED', w.users.staff, { recovery: '1000.00' });
    const id = await insertRecovery(w.t, s, 'OPEN');
    let refused = 0;
    for (const status of Object.values(RecoveryStatus)) {
      for (const action of RECOVERY_LIFECYCLE.actions) {
        if (RECOVERY_LIFECYCLE.step(status, action)) continue;
        await w.t.db.query(`UPDATE recovery SET status = $2 WHERE id = $1`, [id, status]);
        // `repay` and `settle` are both a Zahlungseingang; the amount picks the step (1,00 € would repay, 1.000,00 € settle)
        const res = await repay(id, w.tk.staff, action === 'settle' ? '1000.00' : '1.00');
        expect([status, action, res.status, res.body.code]).toEqual([status, action, 409, 'RECOVERY_ILLEGAL_TRANSITION']);
        expect(res.body.recoveryStatus).toBe(status);
        refused++;
      }
    }
    expect(refused).toBe(2);
    expect((await w.t.db.query(`SELECT count(*)::int AS n FROM repayment WHERE recovery_id = $1`, [id])).rows[0].n).toBe(0);
  });

  it('allowedActions of a Festsetzung proposed by staff: the approver may approve or return it, the proposer, auditor and Träger nothing; after approval nobody anything', async () => {
    const c = w.own[1]!;
    const id = await insertSettlement(w.t, c, 'PROPOSED', w.users.staff);
    expect((await settlementAs(w.tk.staff, id)).allowedActions).toEqual([]);
    expect((await settlementAs(w.tk.approver, id)).allowedActions).toEqual(['approve', 'return']);
    expect((await settlementAs(w.tk.admin, id)).allowedActions).toEqual(['approve', 'return']);
    expect((await settlementAs(w.tk.auditor, id)).allowedActions).toEqual([]);
    await http().get(`/api/v1/settlements/${id}`).set(bearer(w.tk.provider)).expect(404);
    // list items carry the same
    const listed = await ok(http().get(`/api/v1/settlements?decisionId=${c.decisionId}`).set(bearer(w.tk.approver)));
    expect(listed.map((s: any) => [s.id, s.allowedActions])).toEqual([[id, ['approve', 'return']]]);
    expect((await ok(http().get(`/api/v1/settlements?decisionId=${c.decisionId}`).set(bearer(w.tk.staff))))[0].allowedActions).toEqual([]);

    const approved = await ok(settlementAction.approve(id, w.tk.approver));
    expect(approved).toMatchObject({ status: 'APPROVED', allowedActions: [], recoveryId: null });
    for (const token of [w.tk.staff, w.tk.approver, w.tk.admin, w.tk.auditor, w.tk.provider]) {
      expect((await settlementAs(token, id)).allowedActions).toEqual([]);
    }
    // the Träger sees it now, its decision closed and its VN settled
    expect((await ok(http().get(`/api/v1/settlements?decisionId=${c.decisionId}`).set(bearer(w.tk.provider)))).map((s: any) => s.id)).toEqual([id]);
    expect((await ok(http().get(`/api/v1/decisions/${c.decisionId}`).set(bearer(w.tk.provider)))).status).toBe('CLOSED');
  });

  it('allowedActions of a Festsetzung proposed by an admin: the admin may return it but not approve it (SETTLEMENT_SAME_APPROVER); after the return nobody anything', async () => {
    const id = await insertSettlement(w.t, w.own[2]!, 'PROPOSED', w.users.admin);
    expect((await settlementAs(w.tk.admin, id)).allowedActions).toEqual(['return']);
    expect((await settlementAs(w.tk.approver, id)).allowedActions).toEqual(['approve', 'return']);
    const same = await settlementAction.approve(id, w.tk.admin).expect(403);
    expect(same.body).toMatchObject({
      code: 'SETTLEMENT_SAME_APPROVER',
      detail: 'Sie haben diese Festsetzung selbst vorgeschlagen. Nach dem Vier-Augen-Prinzip muss eine andere zeichnungsbefugte Person sie freigeben.',
    });
    await settlementAction.approve(id, w.tk.staff).expect(403);
    const returned = await ok(settlementAction.return(id, w.tk.approver));
    expect(returned).toMatchObject({ status: 'RETURNED', returnReason: 'Bitte die Fälligkeit prüfen.', allowedActions: [] });
    expect((await settlementAs(w.tk.admin, id)).allowedActions).toEqual([]);
    await http().get(`/api/v1/settlements/${id}`).set(bearer(w.tk.provider)).expect(404);
  });

  it('allowedActions of a Rückforderung: staff may book a Zahlungseingang while money is outstanding, approver, auditor and Träger never', async () => {
    clock().set('2025-09-02T10:00:00+02:00');
    const s = await insertSettlement(w.t, w.own[3]!, 'RETURNED', w.users.staff, { recovery: '1000.00' });
    const id = await insertRecovery(w.t, s, 'OPEN', '1000.00');
    const actions = async () => ({
      staff: (await recoveryAs(w.tk.staff, id)).allowedActions,
      admin: (await recoveryAs(w.tk.admin, id)).allowedActions,
      approver: (await recoveryAs(w.tk.approver, id)).allowedActions,
      auditor: (await recoveryAs(w.tk.auditor, id)).allowedActions,
      provider: (await recoveryAs(w.tk.provider, id)).allowedActions,
    });
    expect(await actions()).toEqual({ staff: ['repay'], admin: ['repay'], approver: [], auditor: [], provider: [] });
    const listed = await ok(http().get(`/api/v1/recoveries?decisionId=${w.own[3]!.decisionId}&status=OPEN`).set(bearer(w.tk.staff)));
    expect(listed.items.find((r: any) => r.id === id).allowedActions).toEqual(['repay']);
    await repay(id, w.tk.approver, '1.00').expect(403);

    const partly = await ok(repay(id, w.tk.staff, '400.00'), 201);
    expect(partly).toMatchObject({ status: 'PARTIALLY_PAID', repaidPrincipal: '400.00', allowedActions: ['repay'] });
    expect(await actions()).toEqual({ staff: ['repay'], admin: ['repay'], approver: [], auditor: [], provider: [] });

    const settled = await ok(repay(id, w.tk.staff, '600.00', '2025-09-02'), 201);
    expect(settled).toMatchObject({ status: 'SETTLED', repaidPrincipal: '1000.00', settledOn: '2025-09-02', allowedActions: [] });
    expect(await actions()).toEqual({ staff: [], admin: [], approver: [], auditor: [], provider: [] });
    const again = await repay(id, w.tk.staff, '1.00', '2025-09-02').expect(409);
    expect(again.body.code).toBe('RECOVERY_ILLEGAL_TRANSITION');
    // the body of a Zahlungseingang is validated field by field; money for another decision's recovery is refused
    const bad = await http().post(`/api/v1/recoveries/${id}/repayments`).set(bearer(w.tk.staff)).send({ amount: '-1', receivedOn: '2025-09-02', paymentReference: 'x' }).expect(400);
    expect([...new Set(bad.body.errors.map((e: any) => e.path))].sort()).toEqual(['amount', 'payer']);
    const wrong = await http()
      .post('/api/v1/repayments')
      .set(bearer(w.tk.staff))
      .send({ decisionId: w.own[0]!.decisionId, recoveryId: id, amount: '1.00', receivedOn: '2025-09-02', payer: 'Träger', paymentReference: 'x', kind: 'RECOVERY' })
      .expect(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'recoveryId' })]);
    // the settled recovery closed its decision
    expect((await ok(http().get(`/api/v1/decisions/${w.own[3]!.decisionId}`).set(bearer(w.tk.staff)))).status).toBe('CLOSED');
  });
});
