import { FixedClock } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './support/fixtures';
import { completeReview, completeReviewBody } from './support/flow';

const PROBLEM = /^application\/problem\+json/;
const NOW = '2026-11-25T10:00:00Z';

describe('applications and decisions: the whole path over HTTP', () => {
  let t: TestContext;
  let admin: string;
  let staff: string;
  let approver: string;
  let provider: string;
  let provider2: string;
  let auditor: string;
  let yearId: string;
  let callId: string;

  beforeAll(async () => {
    t = await createTestContext({ now: NOW, env: { DATABASE_POOL_SIZE: '30' } });
    [admin, staff, approver, provider, provider2, auditor] = await Promise.all([
      t.login(DEMO.admin),
      t.login(DEMO.staff),
      t.login(DEMO.approver),
      t.login(DEMO.provider),
      t.login(DEMO.provider2),
      t.login(DEMO.auditor),
    ]);
    yearId = (await createBudgetYear(t, admin, 2027)).id;
    callId = (await createPublishedCall(t, staff, yearId)).id;
  });
  afterAll(() => t.close());

  const createApp = async (token: string, overrides: Record<string, unknown> = {}) => {
    const res = await t.http().post('/api/v1/applications').set(bearer(token)).send(applicationBody(callId, 2027, overrides));
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; reference: string; status: string };
  };

  it('draft → submit → review → round → propose → approve → v1 with budget committed → Änderungsbescheid v2 → ledger delta', async () => {
    // Träger: draft and submit
    const draft = await createApp(provider);
    expect(draft).toMatchObject({ status: 'DRAFT', reference: expect.stringMatching(/^A-2027-\d{4}$/) });
    const submitted = await t.http().post(`/api/v1/applications/${draft.id}/submit`).set(bearer(provider)).expect(200);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', submittedVersion: 1, totals: { totalCosts: '100000.00', requestedAmount: '90000.00', balance: '0.00' } });
    // Staff: review with checklist, checks and Votum
    await t.http().post(`/api/v1/applications/${draft.id}/start-review`).set(bearer(staff)).expect(200);
    const checks = await t.http().get(`/api/v1/applications/${draft.id}/checks`).set(bearer(staff)).expect(200);
    expect(checks.body).toMatchObject({ deadlineMet: true, approvalBlocked: false, personnelDisallowed: '1000.00', eligibleFrom: '2027-01-01' });
    expect(checks.body.personnelPositions.find((p: { label: string }) => p.label === 'Verwaltungskraft')).toMatchObject({ flagged: true, disallowed: '1000.00' });
    await t
      .http()
      .put(`/api/v1/applications/${draft.id}/review`)
      .set(bearer(staff))
      .send({
        checklist: [
          { code: 'FORMAL_COMPLETE', result: 'OK' },
          { code: 'FORMAL_DEADLINE_MET', result: 'OK' },
          { code: 'SUBJECT_FITS_FIELD', result: 'OK', note: 'Arbeitsmarktintegration' },
        ],
        votum: { recommendation: 'APPROVE', proposedAmount: '90000.00', reasons: 'Bedarf im Sozialraum Altenburg belegt.' },
      })
      .expect(200);
    // Allocation round: propose, resolution, confirm, decisions in one step
    const round = await t
      .http()
      .put(`/api/v1/calls/${callId}/allocation-round/items`)
      .set(bearer(staff))
      .send({ items: [{ applicationId: draft.id, proposedAmount: '90000.00' }] })
      .expect(200);
    expect(round.body).toMatchObject({ freeBudget: { total: '500000.00' }, proposedTotal: { total: '90000.00', state: '72000.00', district: '18000.00' } });
    expect(round.body.items.find((i: { applicationId: string }) => i.applicationId === draft.id)).toMatchObject({ votum: 'APPROVE', withinBudget: true });
    await t.http().post(`/api/v1/calls/${callId}/allocation-round/confirm`).set(bearer(staff)).expect(409);
    await t
      .http()
      .put(`/api/v1/calls/${callId}/allocation-round/resolution`)
      .set(bearer(staff))
      .send({ body: 'Ausschuss für Soziales, Gesundheit und Integration', date: '2026-11-20', number: 'BV 2026/118' })
      .expect(200);
    await t.http().post(`/api/v1/calls/${callId}/allocation-round/confirm`).set(bearer(staff)).expect(200);
    const proposeRound = () =>
      t
        .http()
        .post(`/api/v1/calls/${callId}/allocation-round/propose-decisions`)
        .set(bearer(staff))
        .send({ instrument: 'BESCHEID', financingType: 'DEFICIT', specialConditions: ['Quartalsweise Kurzberichte an das Integrationsmanagement.'] })
        .expect(200);
    // Four points of the checklist are still open: the round proposes nothing for this Antrag and says why.
    const waiting = (await proposeRound()).body.find((r: { applicationId: string }) => r.applicationId === draft.id);
    expect(waiting).toMatchObject({ outcome: 'SKIPPED', decisionId: null, detail: expect.stringContaining('„rechtsverbindlich unterschrieben“ ist noch offen') });
    await t.http().put(`/api/v1/applications/${draft.id}/review`).set(bearer(staff)).send(completeReviewBody('APPROVE', 'Bedarf im Sozialraum Altenburg belegt.')).expect(200);
    const proposed = await proposeRound();
    const mine = proposed.body.find((r: { applicationId: string }) => r.applicationId === draft.id);
    expect(mine).toMatchObject({ outcome: 'GRANT_PROPOSED', decisionId: expect.any(String) });
    const decisionId = mine.decisionId as string;

    // Träger cannot see the proposal yet
    await t.http().get(`/api/v1/decisions/${decisionId}`).set(bearer(provider)).expect(404);
    // Approver approves: v1 in force, budget committed
    const approved = await t.http().post(`/api/v1/decisions/${decisionId}/approve`).set(bearer(approver)).expect(200);
    expect(approved.body).toMatchObject({
      reference: expect.stringMatching(/^FF-2027-\d{4}$/),
      status: 'IN_FORCE',
      instrument: 'BESCHEID',
      currentVersionNo: 1,
      current: {
        versionNo: 1,
        kind: 'ORIGINAL',
        maxAmount: '90000.00',
        stateShare: '72000.00',
        districtShare: '18000.00',
        financingType: 'DEFICIT',
        decisionDate: '2026-11-25',
        proofDue: '2028-06-30',
        eligibleFrom: '2027-01-01',
        conditions: { general: ['ANBest-P'], special: ['Quartalsweise Kurzberichte an das Integrationsmanagement.'] },
      },
    });
    expect(approved.body.current.approvedPlan.totals).toMatchObject({ totalCosts: '100000.00', requestedGrant: '90000.00' });
    const app = await t.http().get(`/api/v1/applications/${draft.id}`).set(bearer(provider)).expect(200);
    expect(app.body.status).toBe('APPROVED');
    expect(app.body.review).toBeNull();
    const year = await t.http().get(`/api/v1/budget-years/${yearId}`).set(bearer(auditor)).expect(200);
    expect(year.body.balances.committed).toEqual({ total: '90000.00', state: '72000.00', district: '18000.00' });

    // Änderungsbescheid: v2 with +5.000,00 → COMMITMENT_CHANGE 5.000,00; v1 stays readable
    const amended = await t
      .http()
      .post(`/api/v1/decisions/${decisionId}/amendments`)
      .set(bearer(staff))
      .send({ reason: 'Mehrbedarf Dolmetschleistungen', maxAmount: '95000.00' })
      .expect(201);
    expect(amended.body).toMatchObject({ currentVersionNo: 1, pending: { kind: 'AMENDMENT', maxAmount: '95000.00', versionNo: null } });
    const v2 = await t.http().post(`/api/v1/decisions/${decisionId}/approve`).set(bearer(approver)).expect(200);
    expect(v2.body).toMatchObject({ currentVersionNo: 2, current: { versionNo: 2, kind: 'AMENDMENT', maxAmount: '95000.00', reason: 'Mehrbedarf Dolmetschleistungen' } });
    expect(v2.body.versions.filter((v: { status: string }) => v.status === 'APPROVED').map((v: { versionNo: number; maxAmount: string }) => [v.versionNo, v.maxAmount])).toEqual([
      [1, '90000.00'],
      [2, '95000.00'],
    ]);
    const ledger = await t.http().get(`/api/v1/budget-years/${yearId}/ledger?limit=200`).set(bearer(auditor)).expect(200);
    const forDecision = ledger.body.items.filter((e: { referenceId: string }) => e.referenceId === decisionId);
    expect(forDecision.map((e: { kind: string; amount: string; stateShare: string }) => [e.kind, e.amount, e.stateShare])).toEqual([
      ['COMMITMENT', '90000.00', '72000.00'],
      ['COMMITMENT_CHANGE', '5000.00', '4000.00'],
    ]);
    // the Träger now sees the decision, but only approved versions
    const seen = await t.http().get(`/api/v1/decisions/${decisionId}`).set(bearer(provider)).expect(200);
    expect(seen.body.versions.every((v: { status: string }) => v.status === 'APPROVED')).toBe(true);
    await t.http().get(`/api/v1/decisions/${decisionId}`).set(bearer(provider2)).expect(404);
    // every step left audit events
    const actions = (await t.db.query(`SELECT DISTINCT action FROM audit_event`)).rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'application.create', 'application.submit', 'application.start-review', 'application.review', 'allocation-round.items',
        'allocation-round.resolution', 'allocation-round.confirm', 'decision.propose', 'decision.approve', 'ledger.commitment',
        'decision.propose-amendment', 'ledger.commitment-change', 'application.approve',
      ]),
    );
  });

  it('four eyes: the proposer cannot approve (403), a STAFF user cannot approve at all', async () => {
    const both = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'doppelrolle@altenburgerland.de', displayName: 'Doppelrolle', password: 'Ein-sicheres-Passwort-1', roles: ['STAFF', 'APPROVER'] })
      .expect(201);
    expect(both.body.roles).toEqual(['STAFF', 'APPROVER']);
    const dual = await t.login('doppelrolle@altenburgerland.de', 'Ein-sicheres-Passwort-1');
    const a = await createApp(provider);
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(200);
    await t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(dual)).expect(200);
    await completeReview(t, dual, a.id);
    const d = await t
      .http()
      .post(`/api/v1/applications/${a.id}/propose-decision`)
      .set(bearer(dual))
      .send({ instrument: 'VERTRAG', financingType: 'SHARE', fundingRatePercent: '90', maxAmount: '90000.00' })
      .expect(201);
    const same = await t.http().post(`/api/v1/decisions/${d.body.id}/approve`).set(bearer(dual)).expect(403);
    expect(same.headers['content-type']).toMatch(PROBLEM);
    expect(same.body).toMatchObject({ code: 'DECISION_SAME_APPROVER', detail: expect.stringMatching(/Vier-Augen-Prinzip/) });
    await t.http().post(`/api/v1/decisions/${d.body.id}/approve`).set(bearer(staff)).expect(403);
    const ok = await t.http().post(`/api/v1/decisions/${d.body.id}/approve`).set(bearer(approver)).expect(200);
    expect(ok.body).toMatchObject({ instrument: 'VERTRAG', current: { financingType: 'SHARE', fundingRatePercent: '90' } });
  });

  it('a rejection needs reasons and four eyes; the application ends REJECTED', async () => {
    const a = await createApp(provider2, { title: 'Begegnungscafé', fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE'], socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ', municipality: 'Meuselwitz' });
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider2)).expect(200);
    await t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(staff)).expect(200);
    const noReason = await t.http().post(`/api/v1/applications/${a.id}/propose-rejection`).set(bearer(staff)).send({}).expect(400);
    expect(noReason.body.errors[0].path).toBe('reasons');
    await completeReview(t, staff, a.id, 'REJECT');
    const d = await t.http().post(`/api/v1/applications/${a.id}/propose-rejection`).set(bearer(staff)).send({ reasons: 'Kein Bezug zur Zielgruppe der Richtlinie.' }).expect(201);
    expect(d.body).toMatchObject({ outcome: 'REJECTION', status: 'PROPOSED' });
    await t.http().post(`/api/v1/decisions/${d.body.id}/approve`).set(bearer(approver)).expect(200);
    const app = await t.http().get(`/api/v1/applications/${a.id}`).set(bearer(provider2)).expect(200);
    expect(app.body.status).toBe('REJECTED');
    const decision = await t.http().get(`/api/v1/decisions/${d.body.id}`).set(bearer(provider2)).expect(200);
    expect(decision.body).toMatchObject({ status: 'REJECTED', current: { reason: 'Kein Bezug zur Zielgruppe der Richtlinie.', maxAmount: '0.00' } });
  });

  it("Träger B can neither see nor act on Träger A's application (404) and it never shows in B's lists", async () => {
    const a = await createApp(provider);
    await t.http().get(`/api/v1/applications/${a.id}`).set(bearer(provider2)).expect(404);
    await t.http().patch(`/api/v1/applications/${a.id}`).set(bearer(provider2)).send({ title: 'gekapert' }).expect(404);
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider2)).expect(404);
    await t.http().post(`/api/v1/applications/${a.id}/withdraw`).set(bearer(provider2)).send({}).expect(404);
    await t.http().get(`/api/v1/applications/${a.id}/versions`).set(bearer(provider2)).expect(404);
    await t.http().get(`/api/v1/applications/${a.id}/comments`).set(bearer(provider2)).expect(404);
    const list = await t.http().get('/api/v1/applications?limit=200').set(bearer(provider2)).expect(200);
    expect(list.body.items.some((x: { id: string }) => x.id === a.id)).toBe(false);
    const myOrg = (await t.http().get('/api/v1/auth/me').set(bearer(provider2))).body.organisationId;
    expect(list.body.items.every((x: { providerId: string }) => x.providerId === myOrg)).toBe(true);
    // filtering for the other Träger explicitly still yields nothing
    const otherOrg = (await t.http().get('/api/v1/auth/me').set(bearer(provider))).body.organisationId;
    const filtered = await t.http().get(`/api/v1/applications?providerId=${otherOrg}`).set(bearer(provider2)).expect(200);
    expect(filtered.body.items).toEqual([]);
    // auditors read everything but change nothing
    await t.http().get(`/api/v1/applications/${a.id}`).set(bearer(auditor)).expect(200);
    await t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(auditor)).expect(403);
  });

  it('refuses a submission after the Ausschlussfrist (409 with the date)', async () => {
    // Published while its deadline still lay ahead (a past deadline cannot be set or published).
    (t.clock as FixedClock).set('2026-09-01T10:00:00Z');
    const late = await createPublishedCall(t, staff, yearId, { title: 'Früher Aufruf', openingDate: '2026-06-01', deadline: '2026-10-12' }).finally(() => (t.clock as FixedClock).set(NOW));
    const res = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(late.id, 2027)).expect(201);
    const refused = await t.http().post(`/api/v1/applications/${res.body.id}/submit`).set(bearer(provider)).expect(409);
    expect(refused.body).toMatchObject({ code: 'APPLICATION_DEADLINE_PASSED', detail: expect.stringContaining('12.10.2026') });
    const after = await t.http().get(`/api/v1/applications/${res.body.id}`).set(bearer(provider)).expect(200);
    expect(after.body).toMatchObject({ status: 'DRAFT', submittedVersion: 0 });
    expect((await t.db.query('SELECT count(*)::int AS n FROM application_version WHERE application_id = $1', [res.body.id])).rows[0].n).toBe(0);
  });

  it('an unbalanced plan cannot be submitted: 422 with the difference', async () => {
    const plan = balancedPlan();
    plan.fundingLines[1]!.amount = '89000.00';
    const a = await createApp(provider, { financingPlan: plan });
    const res = await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(422);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ code: 'APPLICATION_INCOMPLETE' });
    expect(res.body.errors).toContainEqual({ path: 'financingPlan', message: expect.stringContaining('Differenz beträgt 1.000,00 €') });
    const draft = await t.http().get(`/api/v1/applications/${a.id}`).set(bearer(provider)).expect(200);
    expect(draft.body).toMatchObject({ status: 'DRAFT', totals: { balance: '1000.00' } });
  });

  it('an ineligible Kostenart (Investitionen) is refused with its field path; nothing stored', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM application')).rows[0].n;
    const plan = balancedPlan();
    plan.costLines.push({ category: 'INVESTMENT', description: 'Fahrzeug', amount: '0.00' });
    const res = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(callId, 2027, { financingPlan: plan })).expect(400);
    expect(res.body.errors).toEqual([{ path: 'financingPlan.costLines[3].category', message: expect.stringContaining('INVESTMENT') }]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM application')).rows[0].n).toBe(before);
  });

  it('bad input: more than two decimals, end before start, outside the budget year, unknown Handlungsfeld', async () => {
    const plan = balancedPlan();
    plan.costLines[0]!.amount = '80000.001';
    const decimals = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(callId, 2027, { financingPlan: plan })).expect(400);
    expect(decimals.body.errors[0]).toMatchObject({ path: 'financingPlan.costLines[0].amount', message: expect.stringMatching(/Nachkommastellen/) });
    const numeric = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(callId, 2027, { financingPlan: { ...balancedPlan(), costLines: [{ category: 'FEES', description: 'x', amount: 100 }] } })).expect(400);
    expect(numeric.body.errors[0].path).toBe('financingPlan.costLines[0].amount');
    const order = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(callId, 2027, { periodStart: '2027-06-01', periodEnd: '2027-05-31', plannedStart: '2027-05-01' })).expect(400);
    expect(order.body.errors.map((e: { path: string }) => e.path)).toContain('periodEnd');
    const outside = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(callId, 2027, { periodEnd: '2028-03-31' })).expect(400);
    expect(outside.body.errors[0]).toMatchObject({ path: 'periodStart', message: expect.stringMatching(/Bewilligungszeitraum des Haushaltsjahres/) });
    const field = await t.http().post('/api/v1/applications').set(bearer(provider)).send(applicationBody(callId, 2027, { fieldsOfAction: ['ASTRONAUTIK'] })).expect(400);
    expect(field.body.errors).toEqual([{ path: 'fieldsOfAction[0]', message: 'Unbekanntes Handlungsfeld ASTRONAUTIK.' }]);
    const extra = await t.http().post('/api/v1/applications').set(bearer(provider)).send({ ...applicationBody(callId, 2027), status: 'APPROVED', providerId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    expect(extra.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['providerId', 'status']);
  });

  it('a submitted application is not editable; changes requested → edit → resubmit keeps both versions', async () => {
    const a = await createApp(provider);
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(200);
    const locked = await t.http().patch(`/api/v1/applications/${a.id}`).set(bearer(provider)).send({ title: 'Neuer Titel' }).expect(409);
    expect(locked.body.code).toBe('APPLICATION_NOT_EDITABLE');
    await t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(staff)).expect(200);
    await t.http().post(`/api/v1/applications/${a.id}/comments`).set(bearer(staff)).send({ text: 'Interne Notiz: Träger ist bekannt.' }).expect(201);
    await t.http().post(`/api/v1/applications/${a.id}/request-changes`).set(bearer(staff)).send({ text: 'Bitte die Honorare aufschlüsseln.' }).expect(200);
    const comments = await t.http().get(`/api/v1/applications/${a.id}/comments`).set(bearer(provider)).expect(200);
    expect(comments.body.map((c: { text: string }) => c.text)).toContain('Bitte die Honorare aufschlüsseln.');
    // people are named by their display name, never by e-mail address
    const request = comments.body.find((c: { text: string }) => c.text === 'Bitte die Honorare aufschlüsseln.');
    expect(request.authorName).toBe('Sabine Kretzschmar (Sachbearbeitung, Demo)');
    expect(comments.body.map((c: { authorName: string | null }) => c.authorName).join(' ')).not.toContain('@');
    expect(comments.body.map((c: { text: string }) => c.text)).not.toContain('Interne Notiz: Träger ist bekannt.');
    const staffComments = await t.http().get(`/api/v1/applications/${a.id}/comments`).set(bearer(staff)).expect(200);
    expect(staffComments.body.map((c: { text: string }) => c.text)).toContain('Interne Notiz: Träger ist bekannt.');
    await t.http().patch(`/api/v1/applications/${a.id}`).set(bearer(provider)).send({ title: 'Migrationsberatung Altenburg-Nord (überarbeitet)' }).expect(200);
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(200);
    const versions = await t.http().get(`/api/v1/applications/${a.id}/versions`).set(bearer(provider)).expect(200);
    expect(versions.body.map((v: { versionNo: number; snapshot: { title: string } }) => [v.versionNo, v.snapshot.title])).toEqual([
      [1, 'Migrationsberatung Altenburg-Nord'],
      [2, 'Migrationsberatung Altenburg-Nord (überarbeitet)'],
    ]);
    const v1 = await t.http().get(`/api/v1/applications/${a.id}/versions/1`).set(bearer(auditor)).expect(200);
    expect(v1.body.snapshot.totals.requestedAmount).toBe('90000.00');
    await expect(t.db.query('UPDATE application_version SET snapshot = $1 WHERE application_id = $2', ['{}', a.id])).rejects.toThrow(/append-only/);
  });

  it('a withdrawn application cannot be approved or proposed', async () => {
    const a = await createApp(provider);
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(200);
    await t.http().post(`/api/v1/applications/${a.id}/withdraw`).set(bearer(provider)).send({ reason: 'Projekt wird anders finanziert' }).expect(200);
    const res = await t.http().post(`/api/v1/applications/${a.id}/propose-decision`).set(bearer(staff)).send({ instrument: 'BESCHEID', financingType: 'FULL', maxAmount: '90000.00' }).expect(409);
    expect(res.body).toMatchObject({ code: 'APPLICATION_ILLEGAL_TRANSITION', detail: expect.stringContaining('zurückgezogen') });
    await t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(staff)).expect(409);
  });

  it('an early start without consent blocks approval (409); with a consent it goes through', async () => {
    const a = await createApp(provider, { projectBegun: true, projectBegunOn: '2026-11-01', plannedStart: '2027-01-01' });
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(200);
    await t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(staff)).expect(200);
    const checks = await t.http().get(`/api/v1/applications/${a.id}/checks`).set(bearer(staff)).expect(200);
    expect(checks.body.approvalBlocked).toBe(true);
    await completeReview(t, staff, a.id);
    const d = await t.http().post(`/api/v1/applications/${a.id}/propose-decision`).set(bearer(staff)).send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '90000.00' }).expect(201);
    const blocked = await t.http().post(`/api/v1/decisions/${d.body.id}/approve`).set(bearer(approver)).expect(409);
    expect(blocked.body).toMatchObject({ code: 'DECISION_EARLY_START_BLOCKED', detail: expect.stringMatching(/vorzeitigen Maßnahmebeginn/) });
    const still = await t.http().get(`/api/v1/decisions/${d.body.id}`).set(bearer(staff)).expect(200);
    expect(still.body).toMatchObject({ status: 'PROPOSED', currentVersionNo: null });
    // return, record the consent, propose again, approve
    await t.http().post(`/api/v1/decisions/${d.body.id}/return`).set(bearer(approver)).send({ reason: 'Zustimmung fehlt' }).expect(200);
    await t.http().post(`/api/v1/applications/${a.id}/early-start-consents`).set(bearer(staff)).send({ consentDate: '2026-10-15', scope: 'gesamte Maßnahme' }).expect(201);
    const again = await t.http().post(`/api/v1/applications/${a.id}/propose-decision`).set(bearer(staff)).send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '90000.00' }).expect(201);
    expect(again.body.id).toBe(d.body.id);
    const ok = await t.http().post(`/api/v1/decisions/${d.body.id}/approve`).set(bearer(approver)).expect(200);
    expect(ok.body.current.eligibleFrom).toBe('2027-01-01');
  });

  it('worklist: staff see applications to review, approvers see proposals that are not their own, by due date', async () => {
    const a = await createApp(provider, { periodStart: '2027-03-01', plannedStart: '2027-03-01' });
    await t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(provider)).expect(200);
    const staffList = await t.http().get('/api/v1/worklist').set(bearer(staff)).expect(200);
    expect(staffList.body.find((i: { id: string }) => i.id === a.id)).toMatchObject({ kind: 'START_REVIEW', dueDate: '2027-03-01' });
    const dues = staffList.body.map((i: { dueDate: string }) => i.dueDate);
    expect(dues).toEqual([...dues].sort());
    await t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(staff)).expect(200);
    await completeReview(t, staff, a.id);
    const d = await t.http().post(`/api/v1/applications/${a.id}/propose-decision`).set(bearer(staff)).send({ instrument: 'BESCHEID', financingType: 'FULL', maxAmount: '90000.00' }).expect(201);
    const approverList = await t.http().get('/api/v1/worklist').set(bearer(approver)).expect(200);
    expect(approverList.body.find((i: { id: string }) => i.id === d.body.id)).toMatchObject({ kind: 'APPROVE_DECISION', entity: 'Decision' });
    const providerList = await t.http().get('/api/v1/worklist').set(bearer(provider)).expect(200);
    expect(providerList.body).toEqual([]);
  });
});

describe('two approvers approving concurrently the last free budget', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext({ now: NOW, env: { DATABASE_POOL_SIZE: '20' } });
  });
  afterAll(() => t.close());

  it('exactly one wins; the other gets 409 and its decision stays a proposal', async () => {
    const [admin, staff, approver, provider, provider2] = await Promise.all([
      t.login(DEMO.admin),
      t.login(DEMO.staff),
      t.login(DEMO.approver),
      t.login(DEMO.provider),
      t.login(DEMO.provider2),
    ]);
    await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'zweite.zeichnung@altenburgerland.de', displayName: 'Zweite Zeichnung', password: 'Ein-sicheres-Passwort-1', roles: ['APPROVER'] })
      .expect(201);
    const approver2 = await t.login('zweite.zeichnung@altenburgerland.de', 'Ein-sicheres-Passwort-1');
    // 100.000,00 in the year: room for one grant of 90.000,00, not two
    const year = await createBudgetYear(t, admin, 2028, { state: '80000.00', district: '20000.00' });
    const call = await createPublishedCall(t, staff, year.id);
    const decisionIds: string[] = [];
    for (const p of [provider, provider2]) {
      const a = await t.http().post('/api/v1/applications').set(bearer(p)).send(applicationBody(call.id, 2028)).expect(201);
      await t.http().post(`/api/v1/applications/${a.body.id}/submit`).set(bearer(p)).expect(200);
      await t.http().post(`/api/v1/applications/${a.body.id}/start-review`).set(bearer(staff)).expect(200);
      await completeReview(t, staff, a.body.id);
      const d = await t.http().post(`/api/v1/applications/${a.body.id}/propose-decision`).set(bearer(staff)).send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '90000.00' }).expect(201);
      decisionIds.push(d.body.id);
    }
    const [r1, r2] = await Promise.all([
      t.http().post(`/api/v1/decisions/${decisionIds[0]}/approve`).set(bearer(approver)),
      t.http().post(`/api/v1/decisions/${decisionIds[1]}/approve`).set(bearer(approver2)),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const loser = r1.status === 409 ? r1 : r2;
    expect(loser.body).toMatchObject({ code: 'BUDGET_INSUFFICIENT', detail: expect.stringMatching(/nur noch 10\.000,00 € frei/) });
    const balances = (await t.http().get(`/api/v1/budget-years/${year.id}`).set(bearer(admin)).expect(200)).body.balances;
    expect(balances.committed.total).toBe('90000.00');
    const loserId = r1.status === 409 ? decisionIds[0] : decisionIds[1];
    const stillProposed = await t.http().get(`/api/v1/decisions/${loserId}`).set(bearer(staff)).expect(200);
    expect(stillProposed.body).toMatchObject({ status: 'PROPOSED', currentVersionNo: null });
  });
});
