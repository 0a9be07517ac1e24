import { DECISION_TRANSITIONS, DecisionAction, DecisionStatus } from '@foerderfluss/decisions';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, createBudgetYear, createPublishedCall } from './support/fixtures';
import { completeReview } from './support/flow';

const NOW = '2026-11-25T10:00:00Z';
const STATUSES = Object.values(DecisionStatus);

function inTable(from: DecisionStatus, action: DecisionAction): boolean {
  return DECISION_TRANSITIONS.some((t) => t.action === action && (typeof t.from === 'string' ? t.from === from : t.from.includes(from)));
}

describe('decision lifecycle over HTTP: the table decides, allowedActions tells', () => {
  let t: TestContext;
  let admin: string;
  let staff: string;
  let approver: string;
  let provider: string;
  let auditor: string;
  /** STAFF and APPROVER at once: proposes, and must not be offered the approval of its own proposal. */
  let dual: string;
  let callId: string;

  /** An Antrag in review with its Prüfung complete (checklist and Votum), ready for a proposal. */
  const inReview = async (votum: 'APPROVE' | 'REJECT' = 'APPROVE'): Promise<string> => {
    const a = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(callId, 2027)).expect(201);
    await t.http().post(`/api/v1/applications/${a.body.id}/submit`).set(bearer(provider)).expect(200);
    await t.http().post(`/api/v1/applications/${a.body.id}/start-review`).set(bearer(staff)).expect(200);
    await completeReview(t, staff, a.body.id, votum);
    return a.body.id as string;
  };
  const proposeGrant = async (token: string, applicationId: string) =>
    t.http().post(`/api/v1/applications/${applicationId}/propose-decision`).set(bearer(token)).send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '90000.00' });
  const actions = async (token: string, id: string): Promise<string[]> => (await t.http().get(`/api/v1/decisions/${id}`).set(bearer(token)).expect(200)).body.allowedActions;
  const listed = async (token: string, id: string): Promise<string[] | undefined> => {
    const page = await t.http().get('/api/v1/decisions?limit=200').set(bearer(token)).expect(200);
    return page.body.items.find((d: { id: string }) => d.id === id)?.allowedActions;
  };
  const statusOf = async (id: string): Promise<string> => (await t.db.query(`SELECT status FROM decision WHERE id = $1`, [id])).rows[0].status;
  const setStatus = (id: string, status: string) => t.db.query(`UPDATE decision SET status = $2 WHERE id = $1`, [id, status]);

  beforeAll(async () => {
    t = await createTestContext({ now: NOW });
    [admin, staff, approver, provider, auditor] = await Promise.all([t.login(DEMO.admin), t.login(DEMO.staff), t.login(DEMO.approver), t.login(DEMO.provider), t.login(DEMO.auditor)]);
    await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'vier.augen@altenburgerland.de', displayName: 'Vier Augen', password: 'Ein-sicheres-Passwort-1', roles: ['STAFF', 'APPROVER'] })
      .expect(201);
    dual = await t.login('vier.augen@altenburgerland.de', 'Ein-sicheres-Passwort-1');
    const yearId = (await createBudgetYear(t, admin, 2027)).id;
    callId = (await createPublishedCall(t, staff, yearId)).id;
  });
  afterAll(() => t.close());

  it('allowedActions: approver vs proposer, Träger vs staff, before and after each step', async () => {
    const appId = await inReview();
    const proposed = await proposeGrant(dual, appId);
    expect(proposed.status).toBe(201);
    const id = proposed.body.id as string;
    // PROPOSED: another approver may approve or return; the proposer (also an approver) may only return
    expect(await actions(approver, id)).toEqual(['approve', 'return']);
    expect(await listed(approver, id)).toEqual(['approve', 'return']);
    expect(await actions(dual, id)).toEqual(['return']);
    expect(await listed(dual, id)).toEqual(['return']);
    expect(proposed.body.allowedActions).toEqual(['return']);
    expect(await actions(staff, id)).toEqual([]);
    expect(await actions(auditor, id)).toEqual([]);
    await t.http().get(`/api/v1/decisions/${id}`).set(bearer(provider)).expect(404);

    // returned: staff may propose again (on the Antrag), nobody signs
    const returned = await t.http().post(`/api/v1/decisions/${id}/return`).set(bearer(approver)).send({ reason: 'Bitte Zeitraum prüfen' }).expect(200);
    expect(returned.body).toMatchObject({ status: 'RETURNED', allowedActions: [] });
    expect(await actions(staff, id)).toEqual(['propose']);
    expect(await actions(approver, id)).toEqual([]);
    const again = await proposeGrant(staff, appId);
    expect(again.body).toMatchObject({ id, status: 'PROPOSED', allowedActions: [] });
    expect(await actions(dual, id)).toEqual(['approve', 'return']);

    // approved: in force; staff and admin may propose a change, approvers have nothing to sign, Träger nothing at all
    const approved = await t.http().post(`/api/v1/decisions/${id}/approve`).set(bearer(dual)).expect(200);
    expect(approved.body).toMatchObject({ status: 'IN_FORCE', allowedActions: ['proposeAmendment', 'proposeRevocation'] });
    expect(await actions(staff, id)).toEqual(['proposeAmendment', 'proposeRevocation']);
    expect(await listed(staff, id)).toEqual(['proposeAmendment', 'proposeRevocation']);
    expect(await actions(admin, id)).toEqual(['proposeAmendment', 'proposeRevocation']);
    expect(await actions(dual, id)).toEqual(['proposeAmendment', 'proposeRevocation']);
    expect(await actions(approver, id)).toEqual([]);
    expect(await actions(provider, id)).toEqual([]);
    expect(await listed(provider, id)).toEqual([]);
    expect(await actions(auditor, id)).toEqual([]);

    // an Änderung proposed by the dual-role user: only the other approver is offered its approval
    const amended = await t.http().post(`/api/v1/decisions/${id}/amendments`).set(bearer(dual)).send({ reason: 'Mehrbedarf', maxAmount: '85000.00' }).expect(201);
    expect(amended.body.allowedActions).toEqual(['return']);
    expect(await actions(approver, id)).toEqual(['approve', 'return']);
    expect(await actions(staff, id)).toEqual([]);
    expect(await actions(provider, id)).toEqual([]);
    const same = await t.http().post(`/api/v1/decisions/${id}/approve`).set(bearer(dual)).expect(403);
    expect(same.body.code).toBe('DECISION_SAME_APPROVER');
    const v2 = await t.http().post(`/api/v1/decisions/${id}/approve`).set(bearer(approver)).expect(200);
    expect(v2.body).toMatchObject({ status: 'IN_FORCE', currentVersionNo: 2, allowedActions: [] });

    // a full revocation approved: REVOKED, nothing left to do for anyone
    await t.http().post(`/api/v1/decisions/${id}/revocations`).set(bearer(staff)).send({ reason: 'Verzicht', newMaxAmount: '0.00', effectiveDate: '2027-01-10' }).expect(201);
    expect(await actions(approver, id)).toEqual(['approve', 'return']);
    const revoked = await t.http().post(`/api/v1/decisions/${id}/approve`).set(bearer(approver)).expect(200);
    expect(revoked.body).toMatchObject({ status: 'REVOKED', allowedActions: [] });
    for (const token of [staff, approver, dual, admin, provider, auditor]) expect(await actions(token, id)).toEqual([]);

    // a proposed Ablehnung: approving it is `approve` for another approver
    const rejApp = await inReview('REJECT');
    const rej = await t.http().post(`/api/v1/applications/${rejApp}/propose-rejection`).set(bearer(staff)).send({ reasons: 'Kein Bezug zur Richtlinie.' }).expect(201);
    expect(await actions(approver, rej.body.id)).toEqual(['approve', 'return']);
    const rejected = await t.http().post(`/api/v1/decisions/${rej.body.id}/approve`).set(bearer(approver)).expect(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', allowedActions: [] });
    expect(await actions(provider, rej.body.id)).toEqual([]);
  });

  it('every (status, action) pair not in the table is refused with 409 over HTTP and changes nothing', async () => {
    // A decision in force (v1), a proposed grant and a proposed Ablehnung; statuses are then set directly.
    const inForceApp = await inReview();
    const inForce = (await proposeGrant(staff, inForceApp)).body.id as string;
    await t.http().post(`/api/v1/decisions/${inForce}/approve`).set(bearer(approver)).expect(200);
    const grantApp = await inReview();
    const grant = (await proposeGrant(staff, grantApp)).body.id as string;
    const rejection = (await t.http().post(`/api/v1/applications/${await inReview('REJECT')}/propose-rejection`).set(bearer(staff)).send({ reasons: 'Kein Bezug.' }).expect(201)).body.id as string;

    let refused = 0;
    const expectRefused = async (id: string, status: string, req: () => PromiseLike<{ status: number; body: { code?: string } }>, code: string) => {
      const res = await req();
      expect({ status, code: res.body.code, http: res.status }).toEqual({ status, code, http: 409 });
      expect(await statusOf(id)).toBe(status);
      refused++;
    };
    const approve = (id: string) => () => t.http().post(`/api/v1/decisions/${id}/approve`).set(bearer(approver));
    const giveBack = (id: string) => () => t.http().post(`/api/v1/decisions/${id}/return`).set(bearer(approver)).send({ reason: 'zurück' });
    const amend = (id: string) => () => t.http().post(`/api/v1/decisions/${id}/amendments`).set(bearer(staff)).send({ reason: 'Änderung', maxAmount: '80000.00' });
    const revoke = (id: string) => () => t.http().post(`/api/v1/decisions/${id}/revocations`).set(bearer(staff)).send({ reason: 'Widerruf', newMaxAmount: '10000.00', effectiveDate: '2027-02-01' });

    for (const status of STATUSES) {
      // first proposals: approving a proposed grant is `approve`, a proposed Ablehnung `reject`; both may be returned
      await setStatus(grant, status);
      await setStatus(rejection, status);
      if (!inTable(status, 'approve')) await expectRefused(grant, status, approve(grant), 'DECISION_ILLEGAL_TRANSITION');
      if (!inTable(status, 'reject')) await expectRefused(rejection, status, approve(rejection), 'DECISION_ILLEGAL_TRANSITION');
      if (!inTable(status, 'return')) await expectRefused(grant, status, giveBack(grant), 'DECISION_ILLEGAL_TRANSITION');
      // a new proposal on the Antrag (kept in review for the test) only after a return
      if (!inTable(status, 'propose')) {
        await t.db.query(`UPDATE application SET status = 'IN_REVIEW' WHERE id = $1`, [grantApp]);
        await expectRefused(grant, status, () => proposeGrant(staff, grantApp), 'DECISION_PROPOSAL_PENDING');
        await t.db.query(`UPDATE application SET status = 'DECISION_PROPOSED' WHERE id = $1`, [grantApp]);
      }
      // changes are proposed only in force
      await setStatus(inForce, status);
      if (!inTable(status, 'proposeAmendment')) await expectRefused(inForce, status, amend(inForce), 'DECISION_NOT_IN_FORCE');
      if (!inTable(status, 'proposeRevocation')) await expectRefused(inForce, status, revoke(inForce), 'DECISION_NOT_IN_FORCE');
    }
    await setStatus(grant, 'PROPOSED');
    await setStatus(rejection, 'PROPOSED');

    // the approval of each kind of change, in every status but the one the table allows
    const changes: [DecisionAction, () => PromiseLike<unknown>][] = [
      ['approveAmendment', amend(inForce)],
      ['approveRevocation', revoke(inForce)],
      ['revoke', () => t.http().post(`/api/v1/decisions/${inForce}/revocations`).set(bearer(staff)).send({ reason: 'Verzicht', newMaxAmount: '0.00', effectiveDate: '2027-02-01' })],
    ];
    for (const [action, proposeChange] of changes) {
      await setStatus(inForce, 'IN_FORCE');
      const proposedChange = (await proposeChange()) as { status: number };
      expect(proposedChange.status).toBe(201);
      for (const status of STATUSES) {
        await setStatus(inForce, status);
        if (!inTable(status, action)) await expectRefused(inForce, status, approve(inForce), 'DECISION_ILLEGAL_TRANSITION');
        if (!inTable(status, 'return')) await expectRefused(inForce, status, giveBack(inForce), 'DECISION_ILLEGAL_TRANSITION');
      }
      await setStatus(inForce, 'IN_FORCE');
      await t.http().post(`/api/v1/decisions/${inForce}/return`).set(bearer(approver)).send({ reason: 'zurück' }).expect(200);
    }
    // nothing was approved along the way
    const d = await t.http().get(`/api/v1/decisions/${inForce}`).set(bearer(staff)).expect(200);
    expect(d.body).toMatchObject({ status: 'IN_FORCE', currentVersionNo: 1, pending: null });
    expect(d.body.versions.map((v: { status: string }) => v.status)).toEqual(['APPROVED', 'RETURNED', 'RETURNED', 'RETURNED']);
    expect(refused).toBeGreaterThan(40);
    // steps that are in the table still work afterwards
    await t.http().post(`/api/v1/decisions/${grant}/approve`).set(bearer(approver)).expect(200);
    await t.http().post(`/api/v1/decisions/${rejection}/approve`).set(bearer(approver)).expect(200);
  });
});
