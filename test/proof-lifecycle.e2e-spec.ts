/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock } from '@foerderfluss/core';
import { PROOF_ACTIONS, PROOF_LIFECYCLE, ProofAction, ProofStatus } from '@foerderfluss/proof-of-use';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, Tokens, settlementVotum } from './support/flow';

/**
 * The Verwendungsnachweis lifecycle over HTTP (issue 15): every (status, action) the table does not
 * have is refused with 409, and `allowedActions` tells the Träger, the staff and the approver what
 * each may do, before and after a transition.
 */
describe('proof of use lifecycle over HTTP', () => {
  let t: TestContext;
  let tk: Tokens;
  let decisionId: string;
  let proofId: string;
  let yearId: string;
  const clock = () => t.clock as FixedClock;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const actionsOf = async (token: string): Promise<string[]> => (await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}`).set(bearer(token)))).allowedActions;
  const listedActionsOf = async (token: string): Promise<string[]> => {
    const page = await ok(t.http().get(`/api/v1/proofs-of-use?decisionId=${decisionId}`).set(bearer(token)));
    return page.items.find((p: any) => p.id === proofId).allowedActions;
  };

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00' });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const y = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
    yearId = y.id;
    const call = await createPublishedCall(t, tk.staff, y.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    decisionId = (await approvedDecision(t, tk, { yearId: y.id, callId: call.id, year: 2025, financingType: 'DEFICIT', application: { periodEnd: '2025-06-30' } })).id;
  });
  afterAll(() => t.close());

  it('allowedActions: the Träger may update and submit its draft, staff may start the review once it is submitted; lists and details agree', async () => {
    clock().set('2025-07-20T10:00:00+02:00');
    const created = await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId, kind: 'FINAL' }), 201);
    proofId = created.id;
    expect(created.allowedActions).toEqual(['update', 'submit']);
    expect(await actionsOf(tk.provider)).toEqual(['update', 'submit']);
    expect(await listedActionsOf(tk.provider)).toEqual(['update', 'submit']);
    for (const token of [tk.staff, tk.approver, tk.auditor, tk.admin]) expect(await actionsOf(token)).toEqual([]);

    // update is a step that keeps the status: still a draft, the same actions
    const updated = await ok(
      t
        .http()
        .patch(`/api/v1/proofs-of-use/${proofId}`)
        .set(bearer(tk.provider))
        .send({ narrative: { measure: 'Sozialberatung', goalsAchieved: 'erreicht', targetGroupReached: 'ja', deviations: 'keine', indicators: [] } }),
    );
    expect(updated).toMatchObject({ status: 'DRAFT', allowedActions: ['update', 'submit'] });
    await ok(
      t
        .http()
        .post(`/api/v1/proofs-of-use/${proofId}/receipts`)
        .set(bearer(tk.provider))
        .send({ receiptNumber: 'L-1', receiptDate: '2025-03-10', paymentDate: '2025-03-12', counterparty: 'Vermieter', reason: 'Miete', direction: 'EXPENSE', costCategory: 'MATERIAL_ADMIN', grossAmount: '100.00' }),
      201,
    );

    const submitted = await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/submit`).set(bearer(tk.provider)));
    expect(submitted).toMatchObject({ status: 'SUBMITTED', allowedActions: [] });
    expect(await actionsOf(tk.provider)).toEqual([]);
    expect(await actionsOf(tk.staff)).toEqual(['startReview']);
    expect(await listedActionsOf(tk.staff)).toEqual(['startReview']);
    expect(await actionsOf(tk.approver)).toEqual([]);
    expect(await actionsOf(tk.auditor)).toEqual([]);
  });

  it('allowedActions after the review starts and ends: staff work on the Prüfvermerk, then may propose the Festsetzung; the Träger and the approver see nothing to do', async () => {
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review`).set(bearer(tk.staff)), 201);
    expect(await actionsOf(tk.staff)).toEqual(['editReview', 'completeReview']);
    expect(await actionsOf(tk.admin)).toEqual(['editReview', 'completeReview']);
    expect(await actionsOf(tk.provider)).toEqual([]);
    expect(await actionsOf(tk.approver)).toEqual([]);

    await ok(t.http().put(`/api/v1/proofs-of-use/${proofId}/review/cursory`).set(bearer(tk.staff)).send({ complete: true, plausible: true, purposeAchieved: true }));
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/sample`).set(bearer(tk.staff)).send({ seed: 'lebenszyklus' }));
    const sampled = await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}/receipts?inSample=true`).set(bearer(tk.staff)));
    for (const r of sampled.items) await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/receipts/${r.id}`).set(bearer(tk.staff)).send({ outcome: 'RECOGNISED' }));
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/complete`).set(bearer(tk.staff)).send({ conclusion: 'nachgewiesen' }));

    expect(await actionsOf(tk.staff)).toEqual(['proposeSettlement']);
    expect(await listedActionsOf(tk.staff)).toEqual(['proposeSettlement']);
    expect(await actionsOf(tk.provider)).toEqual([]);
    // settle is taken through the approval of the Festsetzung, never offered on the proof
    expect(await actionsOf(tk.approver)).toEqual([]);
  });

  it('proposeSettlement is not offered while a Festsetzung of the proof is proposed, and is again once it is returned', async () => {
    const proposed = await ok(t.http().post('/api/v1/settlements').set(bearer(tk.staff)).send({ proofId, recoveryDueDate: '2030-01-01', ...settlementVotum }), 201);
    expect(await actionsOf(tk.staff)).toEqual([]);
    expect(await listedActionsOf(tk.staff)).toEqual([]);
    expect(await actionsOf(tk.admin)).toEqual([]);
    await ok(t.http().post(`/api/v1/settlements/${proposed.id}/return`).set(bearer(tk.approver)).send({ reason: 'Bitte neu berechnen.' }));
    expect(await actionsOf(tk.staff)).toEqual(['proposeSettlement']);
    expect(await listedActionsOf(tk.staff)).toEqual(['proposeSettlement']);
  });

  /** One HTTP call per action of the table that has a route of its own, with the role the table names. */
  const CALLS: Record<Exclude<ProofAction, 'settle'>, () => PromiseLike<{ status: number; body: any }>> = {
    update: () => t.http().patch(`/api/v1/proofs-of-use/${proofId}`).set(bearer(tk.provider)).send({}),
    submit: () => t.http().post(`/api/v1/proofs-of-use/${proofId}/submit`).set(bearer(tk.provider)),
    startReview: () => t.http().post(`/api/v1/proofs-of-use/${proofId}/review`).set(bearer(tk.staff)),
    editReview: () => t.http().put(`/api/v1/proofs-of-use/${proofId}/review/cursory`).set(bearer(tk.staff)).send({ complete: true, plausible: true, purposeAchieved: true }),
    completeReview: () => t.http().post(`/api/v1/proofs-of-use/${proofId}/review/complete`).set(bearer(tk.staff)).send({ conclusion: 'x' }),
    proposeSettlement: () => t.http().post('/api/v1/settlements').set(bearer(tk.staff)).send({ proofId, recoveryDueDate: '2030-01-01', ...settlementVotum }),
  };

  it('every (status, action) pair not in the table is refused with 409 over HTTP, and the status stays', async () => {
    const refused: string[] = [];
    for (const status of Object.values(ProofStatus)) {
      for (const action of PROOF_ACTIONS) {
        if (action === 'settle' || PROOF_LIFECYCLE.step(status, action)) continue;
        // Put the proof (and its Prüfvermerk, so only the proof's status can be the reason) into the state directly.
        await t.db.query('UPDATE proof_of_use SET status = $2 WHERE id = $1', [proofId, status]);
        await t.db.query(`UPDATE proof_review SET status = 'IN_PROGRESS' WHERE proof_id = $1`, [proofId]);
        const res = await CALLS[action]();
        expect([status, action, res.status, res.body.code]).toEqual([status, action, 409, expect.stringMatching(/^PROOF_/)]);
        const { rows } = await t.db.query('SELECT status FROM proof_of_use WHERE id = $1', [proofId]);
        expect([status, action, rows[0].status]).toEqual([status, action, status]);
        refused.push(`${status}:${action}`);
      }
    }
    // 5 statuses × 6 routed actions − 6 steps in the table
    expect(refused).toHaveLength(24);
  });

  it('settle (through the approval of a Festsetzung) is refused with 409 unless the proof is REVIEWED, and nothing of the approval remains', async () => {
    await t.db.query(`UPDATE proof_of_use SET status = 'REVIEWED' WHERE id = $1`, [proofId]);
    await t.db.query(`UPDATE proof_review SET status = 'COMPLETED' WHERE proof_id = $1`, [proofId]);
    const proposed = await ok(t.http().post('/api/v1/settlements').set(bearer(tk.staff)).send({ proofId, recoveryDueDate: '2030-01-01', ...settlementVotum }), 201);
    for (const status of Object.values(ProofStatus).filter((s) => !PROOF_LIFECYCLE.step(s, 'settle'))) {
      await t.db.query('UPDATE proof_of_use SET status = $2 WHERE id = $1', [proofId, status]);
      const res = await t.http().post(`/api/v1/settlements/${proposed.id}/approve`).set(bearer(tk.approver));
      expect([status, res.status, res.body.code]).toEqual([status, 409, 'PROOF_ILLEGAL_TRANSITION']);
      const { rows } = await t.db.query('SELECT status FROM settlement WHERE id = $1', [proposed.id]);
      expect(rows[0].status).toBe('PROPOSED');
    }
    await t.db.query(`UPDATE proof_of_use SET status = 'REVIEWED' WHERE id = $1`, [proofId]);
    await ok(t.http().post(`/api/v1/settlements/${proposed.id}/approve`).set(bearer(tk.approver)));
    const settled = await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}`).set(bearer(tk.provider)));
    expect(settled).toMatchObject({ status: 'SETTLED', allowedActions: [] });
    expect(await actionsOf(tk.staff)).toEqual([]);
  });

  it("the Kreis's VN to the Land: own costs by staff and submission by the approver while a draft, nothing after; every other step is a 409", async () => {
    const actions = async (token: string): Promise<string[]> => (await ok(t.http().get(`/api/v1/state-proofs/${yearId}`).set(bearer(token)))).allowedActions;
    expect(await actions(tk.staff)).toEqual(['setOwnCosts']);
    expect(await actions(tk.approver)).toEqual(['submit']);
    expect(await actions(tk.admin)).toEqual(['setOwnCosts', 'submit']);
    expect(await actions(tk.auditor)).toEqual([]);
    const own = await ok(t.http().put(`/api/v1/state-proofs/${yearId}/own-costs`).set(bearer(tk.staff)).send({ ownEligibleCosts: '10.00' }));
    expect(own.allowedActions).toEqual(['setOwnCosts']);
    const submitted = await ok(t.http().post(`/api/v1/state-proofs/${yearId}/submit`).set(bearer(tk.approver)).send({ submittedOn: '2025-10-20', submissionReference: 'LRA 50.2' }));
    expect(submitted).toMatchObject({ status: 'SUBMITTED', allowedActions: [] });
    for (const token of [tk.staff, tk.approver, tk.admin]) expect(await actions(token)).toEqual([]);
    const again = await t.http().put(`/api/v1/state-proofs/${yearId}/own-costs`).set(bearer(tk.staff)).send({ ownEligibleCosts: '0.00' });
    expect([again.status, again.body.code]).toEqual([409, 'PROOF_ILLEGAL_STATE']);
    const twice = await t.http().post(`/api/v1/state-proofs/${yearId}/submit`).set(bearer(tk.approver)).send({ submittedOn: '2025-10-21', submissionReference: 'x' });
    expect([twice.status, twice.body.code]).toEqual([409, 'PROOF_ILLEGAL_STATE']);
  });
});
