import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, createBudgetYear, createPublishedCall } from './support/fixtures';
import { completeReview } from './support/flow';

const NOW = '2026-11-25T10:00:00Z';

type Status = 'DRAFT' | 'SUBMITTED' | 'IN_REVIEW' | 'CHANGES_REQUESTED' | 'DECISION_PROPOSED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
const STATUSES: Status[] = ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED', 'DECISION_PROPOSED', 'APPROVED', 'REJECTED', 'WITHDRAWN'];

/** The Antrag lifecycle (libs/applications/src/application-state.ts), written out once more by hand. */
const TABLE: Record<string, Status[]> = {
  update: ['DRAFT', 'CHANGES_REQUESTED'],
  submit: ['DRAFT', 'CHANGES_REQUESTED'],
  withdraw: ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED'],
  startReview: ['SUBMITTED'],
  requestChanges: ['IN_REVIEW'],
  proposeDecision: ['IN_REVIEW'],
  approve: ['DECISION_PROPOSED'],
  reject: ['DECISION_PROPOSED'],
  returnProposal: ['DECISION_PROPOSED'],
};

describe('the Antrag lifecycle over HTTP', () => {
  let t: TestContext;
  let admin: string;
  let staff: string;
  let approver: string;
  let provider: string;
  let auditor: string;
  let dual: string;
  let callId: string;

  beforeAll(async () => {
    t = await createTestContext({ now: NOW, env: { DATABASE_POOL_SIZE: '20' } });
    [admin, staff, approver, provider, auditor] = await Promise.all([
      t.login(DEMO.admin),
      t.login(DEMO.staff),
      t.login(DEMO.approver),
      t.login(DEMO.provider),
      t.login(DEMO.auditor),
    ]);
    await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'lebenszyklus.doppelrolle@altenburgerland.de', displayName: 'Doppelrolle', password: 'Ein-sicheres-Passwort-1', roles: ['STAFF', 'APPROVER'] })
      .expect(201);
    dual = await t.login('lebenszyklus.doppelrolle@altenburgerland.de', 'Ein-sicheres-Passwort-1');
    const yearId = (await createBudgetYear(t, admin, 2027, { state: '4000000.00', district: '1000000.00' })).id;
    callId = (await createPublishedCall(t, staff, yearId)).id;
  });
  afterAll(() => t.close());

  const createApp = async (): Promise<{ id: string; reference: string; allowedActions: string[] }> => {
    const res = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(callId, 2027));
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** In review with the Prüfung complete (checklist and Votum), ready for a proposal. */
  const inReview = async (votum: 'APPROVE' | 'REJECT' = 'APPROVE'): Promise<string> => {
    const a = await createApp();
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(200);
    await t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(staff)).expect(200);
    await completeReview(t, staff, a.id, votum);
    return a.id;
  };
  const setStatus = (id: string, status: Status) => t.db.query('UPDATE application SET status = $1 WHERE id = $2', [status, id]);
  const statusOf = async (id: string): Promise<string> => (await t.db.query('SELECT status FROM application WHERE id = $1', [id])).rows[0].status;
  const actions = async (token: string, id: string): Promise<string[]> =>
    (await t.http().get(`/api/v1/applications/${id}`).set(bearer(token)).expect(200)).body.allowedActions;

  it('every (status, action) pair the table does not have answers 409 and leaves the Antrag as it was', async () => {
    const victim = await createApp();
    // Two proposals awaiting approval: one grant, one rejection. Their Anträge are then put into every other status.
    const grantApp = await inReview();
    const grant = await t
      .http()
      .post(`/api/v1/applications/${grantApp}/propose-decision`)
      .set(bearer(staff))
      .send({ instrument: 'BESCHEID', financingType: 'FULL', maxAmount: '90000.00' })
      .expect(201);
    const rejectionApp = await inReview('REJECT');
    const rejection = await t.http().post(`/api/v1/applications/${rejectionApp}/propose-rejection`).set(bearer(staff)).send({ reasons: 'Kein Bedarf belegt.' }).expect(201);

    const attempts: Record<string, () => Promise<{ status: number; body: { code?: string } }>> = {
      update: () => t.http().patch(`/api/v1/applications/${victim.id}`).set(bearer(provider)).send({ title: 'Geändert' }),
      submit: () => t.http().post(`/api/v1/applications/${victim.id}/submit`).set(bearer(provider)),
      withdraw: () => t.http().post(`/api/v1/applications/${victim.id}/withdraw`).set(bearer(provider)).send({}),
      startReview: () => t.http().post(`/api/v1/applications/${victim.id}/start-review`).set(bearer(staff)),
      requestChanges: () => t.http().post(`/api/v1/applications/${victim.id}/request-changes`).set(bearer(staff)).send({ text: 'Bitte ergänzen.' }),
      proposeDecision: () =>
        t.http().post(`/api/v1/applications/${victim.id}/propose-decision`).set(bearer(staff)).send({ instrument: 'BESCHEID', financingType: 'FULL', maxAmount: '90000.00' }),
      approve: () => t.http().post(`/api/v1/decisions/${grant.body.id}/approve`).set(bearer(approver)),
      reject: () => t.http().post(`/api/v1/decisions/${rejection.body.id}/approve`).set(bearer(approver)),
      returnProposal: () => t.http().post(`/api/v1/decisions/${grant.body.id}/return`).set(bearer(approver)).send({ reason: 'Bitte prüfen.' }),
    };
    const subjectOf = (action: string) => (action === 'approve' || action === 'returnProposal' ? grantApp : action === 'reject' ? rejectionApp : victim.id);

    let refused = 0;
    for (const [action, from] of Object.entries(TABLE)) {
      for (const status of STATUSES.filter((s) => !from.includes(s))) {
        const subject = subjectOf(action);
        await setStatus(subject, status);
        const res = await attempts[action]!();
        expect({ action, status, http: res.status }).toEqual({ action, status, http: 409 });
        expect(res.body.code).toBe(action === 'update' ? 'APPLICATION_NOT_EDITABLE' : 'APPLICATION_ILLEGAL_TRANSITION');
        expect(await statusOf(subject)).toBe(status);
        refused++;
      }
    }
    expect(refused).toBe(Object.values(TABLE).reduce((n, from) => n + STATUSES.length - from.length, 0));
    // nothing was decided or committed on the way
    const decisions = (await t.db.query('SELECT status FROM decision WHERE id = ANY($1::uuid[])', [[grant.body.id, rejection.body.id]])).rows;
    expect(decisions.map((d) => d.status)).toEqual(['PROPOSED', 'PROPOSED']);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM budget_ledger_entry WHERE reference_id = $1`, [grant.body.id])).rows[0].n).toBe(0);
  });

  it('allowedActions: the Träger on its draft, staff in review, the auditor never; before and after each step', async () => {
    const a = await createApp();
    expect(a.allowedActions).toEqual(['update', 'submit', 'withdraw']);
    expect(await actions(provider, a.id)).toEqual(['update', 'submit', 'withdraw']);
    for (const token of [staff, approver, auditor, admin]) expect(await actions(token, a.id)).toEqual([]);
    const listed = await t.http().get(`/api/v1/applications?q=${a.reference}`).set(bearer(provider)).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: a.id, allowedActions: ['update', 'submit', 'withdraw'] })]);

    const submitted = await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(200);
    expect(submitted.body.allowedActions).toEqual(['withdraw']);
    expect(await actions(staff, a.id)).toEqual(['startReview']);
    expect(await actions(admin, a.id)).toEqual(['startReview']);
    expect(await actions(auditor, a.id)).toEqual([]);
    const staffList = await t.http().get(`/api/v1/applications?q=${a.reference}`).set(bearer(staff)).expect(200);
    expect(staffList.body.items[0].allowedActions).toEqual(['startReview']);

    const reviewing = await t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(staff)).expect(200);
    expect(reviewing.body.allowedActions).toEqual(['requestChanges', 'proposeDecision']);
    expect(await actions(provider, a.id)).toEqual(['withdraw']);
    expect(await actions(approver, a.id)).toEqual([]);

    const returned = await t.http().post(`/api/v1/applications/${a.id}/request-changes`).set(bearer(staff)).send({ text: 'Bitte die Honorare aufschlüsseln.' }).expect(200);
    expect(returned.body.allowedActions).toEqual([]);
    expect(await actions(provider, a.id)).toEqual(['update', 'submit', 'withdraw']);
    const edited = await t.http().patch(`/api/v1/applications/${a.id}`).set(bearer(provider)).send({ title: 'Überarbeitet' }).expect(200);
    expect(edited.body.allowedActions).toEqual(['update', 'submit', 'withdraw']);
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(200);

    const withdrawn = await t.http().post(`/api/v1/applications/${a.id}/withdraw`).set(bearer(provider)).send({}).expect(200);
    expect(withdrawn.body.allowedActions).toEqual([]);
    for (const token of [provider, staff, approver, auditor, admin]) expect(await actions(token, a.id)).toEqual([]);
  });

  it('allowedActions: the approver sees approve on a proposal someone else made, the proposer does not', async () => {
    const a = await createApp();
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(200);
    await t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(dual)).expect(200);
    expect(await actions(dual, a.id)).toEqual(['requestChanges', 'proposeDecision']);
    await completeReview(t, dual, a.id);
    const d = await t
      .http()
      .post(`/api/v1/applications/${a.id}/propose-decision`)
      .set(bearer(dual))
      .send({ instrument: 'BESCHEID', financingType: 'FULL', maxAmount: '90000.00' })
      .expect(201);
    expect(await actions(dual, a.id)).toEqual([]);
    expect(await actions(approver, a.id)).toEqual(['approve', 'returnProposal']);
    expect(await actions(staff, a.id)).toEqual([]);
    expect(await actions(provider, a.id)).toEqual([]);
    expect(await actions(auditor, a.id)).toEqual([]);
    const approverList = await t.http().get(`/api/v1/applications?status=DECISION_PROPOSED&limit=200`).set(bearer(approver)).expect(200);
    expect(approverList.body.items.find((x: { id: string }) => x.id === a.id).allowedActions).toEqual(['approve', 'returnProposal']);
    const dualList = await t.http().get(`/api/v1/applications?status=DECISION_PROPOSED&limit=200`).set(bearer(dual)).expect(200);
    expect(dualList.body.items.find((x: { id: string }) => x.id === a.id).allowedActions).toEqual([]);

    // returned: back in review, staff may act again
    await t.http().post(`/api/v1/decisions/${d.body.id}/return`).set(bearer(approver)).send({ reason: 'Bitte Zweckbindung präzisieren.' }).expect(200);
    expect(await actions(approver, a.id)).toEqual([]);
    expect(await actions(staff, a.id)).toEqual(['requestChanges', 'proposeDecision']);

    // proposed again by someone else: the dual-role user may now approve; after approval nobody may act
    await t.http().post(`/api/v1/applications/${a.id}/propose-decision`).set(bearer(staff)).send({ instrument: 'BESCHEID', financingType: 'FULL', maxAmount: '90000.00' }).expect(201);
    expect(await actions(dual, a.id)).toEqual(['approve', 'returnProposal']);
    await t.http().post(`/api/v1/decisions/${d.body.id}/approve`).set(bearer(dual)).expect(200);
    for (const token of [provider, staff, approver, dual, auditor, admin]) expect(await actions(token, a.id)).toEqual([]);
  });

  it('allowedActions: a proposed rejection offers reject, not approve', async () => {
    const id = await inReview('REJECT');
    await t.http().post(`/api/v1/applications/${id}/propose-rejection`).set(bearer(staff)).send({ reasons: 'Kein Bezug zur Zielgruppe.' }).expect(201);
    expect(await actions(approver, id)).toEqual(['reject', 'returnProposal']);
    expect(await actions(staff, id)).toEqual([]);
  });

  it('Projektaufruf: every (status, action) pair outside its table is a 409; allowedActions before and after each step', async () => {
    const created = await t
      .http()
      .post('/api/v1/calls')
      .set(bearer(staff))
      .send({
        budgetYearId: (await t.db.query('SELECT budget_year_id FROM funding_call WHERE id = $1', [callId])).rows[0].budget_year_id,
        title: 'Lebenszyklus-Aufruf',
        text: 'Zum Testen.',
        openingDate: '2026-12-01',
        deadline: '2026-12-31',
        eligibleFieldsOfAction: ['LABOUR_MARKET'],
        eligibleCostCategories: ['PERSONNEL'],
        targetSocialAreas: [],
      })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body.allowedActions).toEqual(['update', 'publish']);
    const callActions = async (token: string): Promise<string[]> => (await t.http().get(`/api/v1/calls/${id}`).set(bearer(token)).expect(200)).body.allowedActions;
    expect(await callActions(admin)).toEqual(['update', 'publish']);
    expect(await callActions(approver)).toEqual([]);
    expect(await callActions(auditor)).toEqual([]);
    await t.http().get(`/api/v1/calls/${id}`).set(bearer(provider)).expect(404);

    const table: Record<string, string[]> = { update: ['DRAFT'], publish: ['DRAFT'], extend: ['PUBLISHED'], close: ['PUBLISHED'] };
    const attempts: Record<string, () => Promise<{ status: number; body: { code?: string } }>> = {
      update: () => t.http().patch(`/api/v1/calls/${id}`).set(bearer(staff)).send({ title: 'Geändert' }),
      publish: () => t.http().post(`/api/v1/calls/${id}/publish`).set(bearer(staff)),
      extend: () => t.http().post(`/api/v1/calls/${id}/extend`).set(bearer(staff)).send({ deadline: '2027-01-31', reason: 'Test' }),
      close: () => t.http().post(`/api/v1/calls/${id}/close`).set(bearer(staff)),
    };
    for (const [action, from] of Object.entries(table)) {
      for (const status of ['DRAFT', 'PUBLISHED', 'CLOSED'].filter((s) => !from.includes(s))) {
        await t.db.query('UPDATE funding_call SET status = $1, published_at = CASE WHEN $1 = $2 THEN NULL ELSE now() END WHERE id = $3', [status, 'DRAFT', id]);
        const res = await attempts[action]!();
        expect({ action, status, http: res.status, code: res.body.code }).toEqual({ action, status, http: 409, code: 'CALL_NOT_EDITABLE' });
      }
    }
    await t.db.query(`UPDATE funding_call SET status = 'DRAFT', published_at = NULL WHERE id = $1`, [id]);
    const published = await t.http().post(`/api/v1/calls/${id}/publish`).set(bearer(staff)).expect(200);
    expect(published.body.allowedActions).toEqual(['extend', 'close']);
    expect(await callActions(provider)).toEqual([]);
    const listed = await t.http().get('/api/v1/calls?limit=200').set(bearer(staff)).expect(200);
    expect(listed.body.items.find((c: { id: string }) => c.id === id).allowedActions).toEqual(['extend', 'close']);
    const closed = await t.http().post(`/api/v1/calls/${id}/close`).set(bearer(staff)).expect(200);
    expect(closed.body.allowedActions).toEqual([]);
  });

  it('Mittelverteilung: a confirmed round refuses every change with 409, an open one cannot propose; allowedActions before and after', async () => {
    const yearId = (await t.db.query('SELECT budget_year_id FROM funding_call WHERE id = $1', [callId])).rows[0].budget_year_id;
    const call = (await createPublishedCall(t, staff, yearId, { title: 'Runden-Aufruf' })).id;
    const a = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(call, 2027)).expect(201);
    await t.http().post(`/api/v1/applications/${a.body.id}/submit`).set(bearer(provider)).expect(200);
    const round = `/api/v1/calls/${call}/allocation-round`;
    const open = await t.http().get(round).set(bearer(staff)).expect(200);
    expect(open.body.allowedActions).toEqual(['setItems', 'recordResolution', 'confirm']);
    expect((await t.http().get(round).set(bearer(approver)).expect(200)).body.allowedActions).toEqual([]);
    expect((await t.http().get(round).set(bearer(auditor)).expect(200)).body.allowedActions).toEqual([]);
    const proposeEarly = await t.http().post(`${round}/propose-decisions`).set(bearer(staff)).send({ instrument: 'BESCHEID', financingType: 'FULL' }).expect(409);
    expect(proposeEarly.body.code).toBe('ALLOCATION_ROUND_NOT_CONFIRMED');
    const items = { items: [{ applicationId: a.body.id, proposedAmount: '90000.00' }] };
    const resolution = { body: 'Ausschuss', date: '2026-11-20', number: 'BV 2026/1' };
    expect((await t.http().put(`${round}/items`).set(bearer(staff)).send(items).expect(200)).body.allowedActions).toEqual(['setItems', 'recordResolution', 'confirm']);
    await t.http().put(`${round}/resolution`).set(bearer(staff)).send(resolution).expect(200);
    const confirmed = await t.http().post(`${round}/confirm`).set(bearer(staff)).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', allowedActions: ['proposeDecisions'] });
    for (const attempt of [
      () => t.http().put(`${round}/items`).set(bearer(staff)).send(items),
      () => t.http().put(`${round}/resolution`).set(bearer(staff)).send(resolution),
      () => t.http().post(`${round}/confirm`).set(bearer(staff)),
    ]) {
      const res = await attempt();
      expect({ http: res.status, code: res.body.code }).toEqual({ http: 409, code: 'ALLOCATION_ROUND_CONFIRMED' });
    }
  });
});

