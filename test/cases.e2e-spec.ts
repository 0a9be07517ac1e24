/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

const PROBLEM = /^application\/problem\+json/;
/** The business day of this file: Wiedervorlagen are due on or after it. */
const NOW = '2026-12-07T10:00:00Z';
const TODAY = '2026-12-07';

/**
 * Assignment and Wiedervorlage of cases (issue 16 item 7) over HTTP: who works on an Antrag,
 * Bescheid, VN or Rückforderung, with validation in German, one audit event per change, the people
 * named told, the lists filtered by person, the worklist's "Meine Fälle" and due Wiedervorlagen,
 * and a Träger that sees none of it.
 */
describe('cases: assignee, stand-in and Wiedervorlagen', () => {
  let t: TestContext;
  let admin: string;
  let staff: string;
  let approver: string;
  let provider: string;
  let auditor: string;
  const user: Record<string, string> = {};
  /** Demo records of each case type (Antrag and Bescheid of the first demo Träger, its VN-less decision's recovery elsewhere). */
  const cases: Record<'APPLICATION' | 'DECISION' | 'PROOF_OF_USE' | 'RECOVERY', { id: string; reference: string; providerEmail: string }> = {} as never;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const assign = (token: string, type: string, id: string, body: unknown) => t.http().put(`/api/v1/cases/${type}/${id}/assignment`).set(bearer(token)).send(body as object);
  const addFollowUp = (token: string, type: string, id: string, body: unknown) => t.http().post(`/api/v1/cases/${type}/${id}/follow-ups`).set(bearer(token)).send(body as object);
  const events = async (entityId: string, action: string) =>
    (await t.db.query(`SELECT actor_id, entity, before, after FROM audit_event WHERE entity_id = $1 AND action = $2 ORDER BY id`, [entityId, action])).rows as any[];

  beforeAll(async () => {
    t = await createTestContext({ now: NOW });
    [admin, staff, approver, provider, auditor] = await Promise.all([t.login(DEMO.admin), t.login(DEMO.staff), t.login(DEMO.approver), t.login(DEMO.provider), t.login(DEMO.auditor)]);
    for (const r of (await t.db.query(`SELECT id, email FROM app_user`)).rows) user[r.email] = r.id;
    const one = async (sql: string) => (await t.db.query(sql)).rows[0] as { id: string; reference: string; email: string };
    const owner = (org: string) => `(SELECT u.email FROM app_user u WHERE u.organisation_id = ${org} AND 'PROVIDER' = ANY(u.roles) ORDER BY u.email LIMIT 1)`;
    const pick = async (sql: string) => {
      const r = await one(sql);
      return { id: r.id, reference: r.reference, providerEmail: r.email };
    };
    cases.APPLICATION = await pick(`SELECT a.id, a.reference, ${owner('a.provider_id')} AS email FROM application a WHERE a.status = 'SUBMITTED' ORDER BY a.reference LIMIT 1`);
    cases.DECISION = await pick(`SELECT d.id, d.reference, ${owner('d.provider_id')} AS email FROM decision d WHERE d.status = 'IN_FORCE' ORDER BY d.reference LIMIT 1`);
    cases.PROOF_OF_USE = await pick(`SELECT p.id, p.reference, ${owner('p.provider_id')} AS email FROM proof_of_use p ORDER BY p.reference LIMIT 1`);
    cases.RECOVERY = await pick(`SELECT r.id, r.reference, ${owner('r.provider_id')} AS email FROM recovery r ORDER BY r.reference LIMIT 1`);
  });
  afterAll(() => t.close());

  it('staff assign each case type to an assignee and a stand-in; one audit event on the record, the case DTO carries them', async () => {
    for (const [type, c] of Object.entries(cases)) {
      const view = await ok(assign(staff, type, c.id, { assigneeId: user[DEMO.staff], standInId: user[DEMO.approver] }));
      expect(view).toMatchObject({
        type,
        id: c.id,
        reference: c.reference,
        assignee: { id: user[DEMO.staff], displayName: 'Sabine Kretzschmar (Sachbearbeitung, Demo)' },
        standIn: { id: user[DEMO.approver], displayName: 'Dr. Thomas Reinhardt (Zeichnungsbefugnis, Demo)' },
        assignedBy: { id: user[DEMO.staff] },
        allowedActions: ['assign', 'addFollowUp'],
      });
      const audit = await events(c.id, 'case.assign');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor_id: user[DEMO.staff],
        entity: { APPLICATION: 'Application', DECISION: 'Decision', PROOF_OF_USE: 'ProofOfUse', RECOVERY: 'Recovery' }[type],
        before: { assigneeId: null, standInId: null },
        after: { assigneeId: user[DEMO.staff], standInId: user[DEMO.approver] },
      });
      // The same people again change nothing and record nothing.
      await ok(assign(staff, type, c.id, { assigneeId: user[DEMO.staff], standInId: user[DEMO.approver] }));
      expect(await events(c.id, 'case.assign')).toHaveLength(1);
    }
    const a = await ok(t.http().get(`/api/v1/applications/${cases.APPLICATION.id}`).set(bearer(approver)));
    expect(a).toMatchObject({ assignee: { displayName: 'Sabine Kretzschmar (Sachbearbeitung, Demo)' }, standIn: { displayName: 'Dr. Thomas Reinhardt (Zeichnungsbefugnis, Demo)' }, nextFollowUp: null });
    const d = await ok(t.http().get(`/api/v1/decisions/${cases.DECISION.id}`).set(bearer(auditor)));
    expect(d.assignee.id).toBe(user[DEMO.staff]);
    const p = await ok(t.http().get(`/api/v1/proofs-of-use/${cases.PROOF_OF_USE.id}`).set(bearer(admin)));
    expect(p.standIn.id).toBe(user[DEMO.approver]);
    const r = await ok(t.http().get(`/api/v1/recoveries/${cases.RECOVERY.id}`).set(bearer(staff)));
    expect(r.assignee.id).toBe(user[DEMO.staff]);
    // Records nobody is assigned to carry the fields as null for the Kreis side.
    const list = await ok(t.http().get('/api/v1/decisions?limit=200').set(bearer(staff)));
    const unassigned = list.items.find((x: any) => x.id !== cases.DECISION.id);
    expect(unassigned).toMatchObject({ assignee: null, standIn: null, nextFollowUp: null });
  });

  it('the people named are told, the one who named them is not', async () => {
    const notes = async (token: string) => (await ok(t.http().get('/api/v1/notifications?limit=200').set(bearer(token)))).items.filter((n: any) => n.kind === 'CASE_ASSIGNED');
    const toApprover = (await notes(approver)).filter((n: any) => n.entityId === cases.APPLICATION.id);
    expect(toApprover).toHaveLength(1);
    expect(toApprover[0]).toMatchObject({ stage: 'STAND_IN', reference: cases.APPLICATION.reference, entity: 'Application' });
    expect(toApprover[0].subject).toBe(`Antrag ${cases.APPLICATION.reference}: Sie sind Vertretung`);
    expect(toApprover[0].body).toContain('Sabine Kretzschmar (Sachbearbeitung, Demo) hat Sie für den Vorgang');
    expect(toApprover[0].link).toContain(`/antraege/${cases.APPLICATION.id}/pruefung`);
    expect(await notes(staff)).toEqual([]);
    // The admin hands the Bescheid to the approver: now the approver hears as assignee.
    await ok(assign(admin, 'DECISION', cases.DECISION.id, { assigneeId: user[DEMO.approver], standInId: user[DEMO.staff] }));
    expect((await notes(approver)).filter((n: any) => n.entityId === cases.DECISION.id).map((n: any) => n.stage).sort()).toEqual(['ASSIGNEE', 'STAND_IN']);
    expect((await notes(staff)).filter((n: any) => n.entityId === cases.DECISION.id).map((n: any) => n.stage)).toEqual(['STAND_IN']);
    await ok(assign(staff, 'DECISION', cases.DECISION.id, { assigneeId: user[DEMO.staff], standInId: user[DEMO.approver] }));
  });

  it('refuses people who cannot take a case, in German with the field path', async () => {
    const id = cases.APPLICATION.id;
    const cases400 = [
      { body: { assigneeId: user[DEMO.provider], standInId: null }, path: 'assigneeId', message: /gehört nicht zur Sachbearbeitung, Zeichnungsbefugnis oder Administration/ },
      { body: { assigneeId: user[DEMO.auditor], standInId: null }, path: 'assigneeId', message: /gehört nicht zur Sachbearbeitung/ },
      { body: { assigneeId: '00000000-0000-4000-8000-000000000000', standInId: null }, path: 'assigneeId', message: /gibt es nicht/ },
      { body: { assigneeId: user[DEMO.staff], standInId: user[DEMO.staff] }, path: 'standInId', message: /andere Person/ },
      { body: { assigneeId: null, standInId: user[DEMO.staff] }, path: 'standInId', message: /setzt eine zuständige Person voraus/ },
      { body: { assigneeId: 'nicht-eine-id', standInId: null }, path: 'assigneeId', message: /gültige ID/ },
    ];
    for (const c of cases400) {
      const res = await assign(staff, 'APPLICATION', id, c.body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors).toEqual(expect.arrayContaining([{ path: c.path, message: expect.stringMatching(c.message) }]));
    }
    // A deactivated colleague cannot take new cases.
    const created = await ok(
      t.http().post('/api/v1/users').set(bearer(admin)).send({ email: 'ehemals@demo.foerderfluss.de', displayName: 'Erika Ehemals', password: 'Ein-langes-Passwort-2026', roles: ['STAFF'] }),
      201,
    );
    await ok(t.http().post(`/api/v1/users/${created.id}/deactivate`).set(bearer(admin)));
    const inactive = await assign(staff, 'APPLICATION', id, { assigneeId: created.id, standInId: null }).expect(400);
    expect(inactive.body.errors).toEqual([{ path: 'assigneeId', message: 'Erika Ehemals ist deaktiviert und kann keine Vorgänge übernehmen.' }]);
    const choice = await ok(t.http().get('/api/v1/cases/assignees').set(bearer(staff)));
    expect(choice.map((u: any) => u.displayName)).toEqual(['Andreas Vogel (Administration, Demo)', 'Dr. Thomas Reinhardt (Zeichnungsbefugnis, Demo)', 'Katrin Lorenz (Sachgebietsleitung, Demo)', 'Sabine Kretzschmar (Sachbearbeitung, Demo)']);
    // Nothing of it was stored.
    expect(await events(id, 'case.assign')).toHaveLength(1);
  });

  it('Wiedervorlagen: due today or later with a note of at most 2.000 characters; done once; each change audited', async () => {
    const { id } = cases.APPLICATION;
    const past = await addFollowUp(staff, 'APPLICATION', id, { dueDate: '2026-12-06', note: 'zu spät' }).expect(400);
    expect(past.headers['content-type']).toMatch(PROBLEM);
    expect(past.body.errors).toEqual([{ path: 'dueDate', message: 'Die Wiedervorlage darf nicht in der Vergangenheit liegen (frühestens heute, 07.12.2026).' }]);
    const long = await addFollowUp(staff, 'APPLICATION', id, { dueDate: TODAY, note: 'x'.repeat(2001) }).expect(400);
    expect(long.body.errors).toEqual([{ path: 'note', message: 'Bitte höchstens 2000 Zeichen angeben.' }]);
    const bad = await addFollowUp(staff, 'APPLICATION', id, { dueDate: '2026-02-30' }).expect(400);
    expect(bad.body.errors[0].path).toBe('dueDate');

    const later = await ok(addFollowUp(approver, 'APPLICATION', id, { dueDate: '2026-12-20', note: 'Stellungnahme des Trägers abwarten' }), 201);
    expect(later.nextFollowUp).toEqual({ dueDate: '2026-12-20', note: 'Stellungnahme des Trägers abwarten' });
    const today = await ok(addFollowUp(staff, 'APPLICATION', id, { dueDate: TODAY, note: 'Unterlagen nachgefordert' }), 201);
    expect(today.nextFollowUp).toEqual({ dueDate: TODAY, note: 'Unterlagen nachgefordert' });
    expect(today.followUps.map((f: any) => [f.dueDate, f.status, f.createdBy.displayName, f.allowedActions])).toEqual([
      [TODAY, 'OPEN', 'Sabine Kretzschmar (Sachbearbeitung, Demo)', ['complete']],
      ['2026-12-20', 'OPEN', 'Dr. Thomas Reinhardt (Zeichnungsbefugnis, Demo)', ['complete']],
    ]);
    const added = await events(id, 'case.follow-up.add');
    expect(added.map((e) => e.after.dueDate)).toEqual(['2026-12-20', TODAY]);
    // The assignee hears of the Wiedervorlage the approver set; the approver (stand-in) of the one staff set.
    const told = async (token: string) => (await ok(t.http().get('/api/v1/notifications?limit=200').set(bearer(token)))).items.filter((n: any) => n.kind === 'FOLLOW_UP_ADDED' && n.entityId === id);
    expect((await told(staff)).map((n: any) => n.dueDate)).toEqual(['2026-12-20']);
    expect((await told(approver)).map((n: any) => n.dueDate)).toEqual([TODAY]);

    const decisionFollowUp = await ok(addFollowUp(staff, 'DECISION', cases.DECISION.id, { dueDate: TODAY }), 201);
    expect(decisionFollowUp.followUps[0].note).toBeNull();
    const todaysId = today.followUps[0].id;
    const done = await ok(t.http().post(`/api/v1/follow-ups/${todaysId}/done`).set(bearer(approver)));
    expect(done.followUps.find((f: any) => f.id === todaysId)).toMatchObject({ status: 'DONE', doneBy: { displayName: 'Dr. Thomas Reinhardt (Zeichnungsbefugnis, Demo)' }, allowedActions: [] });
    expect(done.nextFollowUp).toEqual({ dueDate: '2026-12-20', note: 'Stellungnahme des Trägers abwarten' });
    const again = await t.http().post(`/api/v1/follow-ups/${todaysId}/done`).set(bearer(staff)).expect(409);
    expect(again.body).toMatchObject({ code: 'FOLLOW_UP_ILLEGAL_TRANSITION', detail: 'Eine Wiedervorlage im Status „erledigt“ kann nicht als erledigt markiert werden.' });
    expect(await events(id, 'case.follow-up.done')).toEqual([
      expect.objectContaining({ actor_id: user[DEMO.approver], after: expect.objectContaining({ followUpId: todaysId, followUpStatus: 'DONE' }) }),
    ]);
    // Auditors read, change nothing.
    await ok(t.http().get(`/api/v1/cases/APPLICATION/${id}`).set(bearer(auditor)));
    expect((await ok(t.http().get(`/api/v1/cases/APPLICATION/${id}`).set(bearer(auditor)))).allowedActions).toEqual([]);
    await addFollowUp(auditor, 'APPLICATION', id, { dueDate: TODAY }).expect(403);
  });

  it('a Träger sees none of it: 404 on every route, the fields absent from its records, an empty list when it filters by person', async () => {
    const own = await t.login(cases.APPLICATION.providerEmail);
    const { id } = cases.APPLICATION;
    for (const [method, url, body] of [
      ['get', `/api/v1/cases/APPLICATION/${id}`],
      ['put', `/api/v1/cases/APPLICATION/${id}/assignment`, { assigneeId: null, standInId: null }],
      ['post', `/api/v1/cases/APPLICATION/${id}/follow-ups`, { dueDate: TODAY }],
      ['post', `/api/v1/follow-ups/${(await t.db.query(`SELECT id FROM case_follow_up LIMIT 1`)).rows[0].id}/done`],
    ] as const) {
      const res = await (t.http() as any)[method](url).set(bearer(own)).send(body);
      expect([url, res.status]).toEqual([url, 404]);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    await t.http().get('/api/v1/cases/assignees').set(bearer(own)).expect(403);
    const record = await ok(t.http().get(`/api/v1/applications/${id}`).set(bearer(own)));
    for (const field of ['assignee', 'standIn', 'nextFollowUp']) expect(record).not.toHaveProperty(field);
    const listed = await ok(t.http().get('/api/v1/applications?limit=200').set(bearer(own)));
    expect(listed.items.length).toBeGreaterThan(0);
    for (const item of listed.items) expect(item).not.toHaveProperty('assignee');
    for (const path of ['applications', 'decisions', 'proofs-of-use']) {
      const byPerson = await ok(t.http().get(`/api/v1/${path}?assigneeId=${user[DEMO.staff]}`).set(bearer(own)));
      expect([path, byPerson.items]).toEqual([path, []]);
    }
    expect((await ok(t.http().get(`/api/v1/recoveries?assigneeId=me`).set(bearer(provider)))).items).toEqual([]);
    // Nor does its worklist show anything.
    for (const section of ['TASKS', 'MY_CASES', 'FOLLOW_UPS']) expect(await ok(t.http().get(`/api/v1/worklist?section=${section}`).set(bearer(own)))).toEqual([]);
  });

  it('lists filter by person: assignee OR stand-in, `me` for the caller', async () => {
    const refs = async (token: string, path: string, who: string) => {
      const body = await ok(t.http().get(`/api/v1/${path}?assigneeId=${who}`).set(bearer(token)));
      return (Array.isArray(body) ? body : body.items).map((x: any) => x.id);
    };
    expect(await refs(staff, 'applications', 'me')).toEqual([cases.APPLICATION.id]);
    expect(await refs(approver, 'applications', 'me')).toEqual([cases.APPLICATION.id]);
    expect(await refs(admin, 'applications', user[DEMO.approver]!)).toEqual([cases.APPLICATION.id]);
    expect(await refs(admin, 'applications', 'me')).toEqual([]);
    expect(await refs(staff, 'decisions', 'me')).toEqual([cases.DECISION.id]);
    expect(await refs(staff, 'proofs-of-use', 'me')).toEqual([cases.PROOF_OF_USE.id]);
    expect(await refs(staff, 'recoveries', 'me')).toEqual([cases.RECOVERY.id]);
    // Taking the approver off the Antrag takes it off the approver's list.
    await ok(assign(staff, 'APPLICATION', cases.APPLICATION.id, { assigneeId: user[DEMO.staff], standInId: null }));
    expect(await refs(approver, 'applications', 'me')).toEqual([]);
    const bad = await t.http().get('/api/v1/applications?assigneeId=jemand').set(bearer(staff)).expect(400);
    expect(bad.body.errors[0].path).toBe('assigneeId');
  });

  it('the worklist: "Meine Fälle" for assignee and stand-in, due Wiedervorlagen of the office with mine first', async () => {
    await ok(assign(staff, 'APPLICATION', cases.APPLICATION.id, { assigneeId: user[DEMO.staff], standInId: user[DEMO.approver] }));
    const mine = await ok(t.http().get('/api/v1/worklist?section=MY_CASES').set(bearer(staff)));
    // The demo's VN is festgesetzt: a finished case without an open Wiedervorlage is no longer "mine" to work on.
    expect(mine.map((w: any) => w.id).sort()).toEqual([cases.APPLICATION.id, cases.DECISION.id, cases.RECOVERY.id].sort());
    expect((await t.db.query(`SELECT status FROM proof_of_use WHERE id = $1`, [cases.PROOF_OF_USE.id])).rows[0].status).toBe('SETTLED');
    for (const w of mine) expect(w).toMatchObject({ section: 'MY_CASES', kind: 'MY_CASE', mine: true, assigneeName: 'Sabine Kretzschmar (Sachbearbeitung, Demo)' });
    const application = mine.find((w: any) => w.id === cases.APPLICATION.id);
    expect(application).toMatchObject({ entity: 'Application', reference: cases.APPLICATION.reference, dueDate: '2026-12-20' });
    expect(application.action).toContain('Wiedervorlage 20.12.2026: Stellungnahme des Trägers abwarten');
    const standIn = await ok(t.http().get('/api/v1/worklist?section=MY_CASES').set(bearer(approver)));
    expect(standIn.find((w: any) => w.id === cases.APPLICATION.id)).toMatchObject({ kind: 'STAND_IN_CASE', mine: true });
    expect(standIn.find((w: any) => w.id === cases.APPLICATION.id).action).toMatch(/^Sie vertreten · Status: /);

    // Due today: the Bescheid's (mine) and one on a case of someone else, which comes after mine.
    const other = (await t.db.query(`SELECT id, reference FROM application WHERE status = 'IN_REVIEW' ORDER BY reference LIMIT 1`)).rows[0];
    await ok(assign(admin, 'APPLICATION', other.id, { assigneeId: user[DEMO.admin], standInId: null }));
    await ok(addFollowUp(admin, 'APPLICATION', other.id, { dueDate: TODAY, note: 'Rückruf' }), 201);
    const due = await ok(t.http().get('/api/v1/worklist?section=FOLLOW_UPS').set(bearer(staff)));
    expect(due.map((w: any) => [w.reference, w.mine, w.dueDate])).toEqual([
      [cases.DECISION.reference, true, TODAY],
      [other.reference, false, TODAY],
    ]);
    expect(due[1]).toMatchObject({ kind: 'FOLLOW_UP', action: 'Wiedervorlage: Rückruf', assigneeName: 'Andreas Vogel (Administration, Demo)', followUpId: expect.any(String) });
    const adminDue = await ok(t.http().get('/api/v1/worklist?section=FOLLOW_UPS').set(bearer(admin)));
    expect(adminDue.map((w: any) => w.reference)).toEqual([other.reference, cases.DECISION.reference]);
    // A later day is not due yet; done ones are gone.
    expect(due.some((w: any) => w.dueDate > TODAY)).toBe(false);
    // Tasks say which of them are the caller's cases.
    const tasks = await ok(t.http().get('/api/v1/worklist').set(bearer(staff)));
    expect(tasks.find((w: any) => w.id === cases.APPLICATION.id)).toMatchObject({ section: 'TASKS', entity: 'Application', mine: true });
    expect(tasks.filter((w: any) => w.id !== cases.APPLICATION.id && w.entity === 'Application').every((w: any) => w.mine === false)).toBe(true);
  });
});
