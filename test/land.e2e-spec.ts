import { extractPdfText } from '@foerderfluss/exports';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * The Land's view (issue 20 item 3): Verteilungsschlüssel → Zuweisung of the Land → the Kreis's budget
 * year from it → drawdown (the Land pays, the Kreis books the receipt) → the Kreis's Verwendungsnachweis →
 * the Land's Prüfung and Festsetzung under four eyes → the refund's receipt, with DOMAIN §6's numbers
 * (Land up to 419.250,00 €, Kreis 104.812,50 €, 80/20), every figure to the cent, also in GET /districts.
 *
 * A Kreis of its own (not one of the demo Kreise, so the demo seed can never collide with it) and the Land
 * users are created here with owner SQL.
 */
describe('Land view: Zuweisung → drawdown → Kreis VN → Land Prüfung → refund', () => {
  let t: TestContext;
  let kreisId: string;
  let homeKreisId: string;
  let landStaff: string;
  let landApprover: string;
  let landBoth: string;
  let kreisAdmin: string;
  let kreisStaff: string;
  let kreisApprover: string;
  let homeStaff: string;
  let provider: string;
  let grantId: string;
  let budgetYearId: string;
  let reviewId: string;
  const PW = 'Demo-Passwort-2026';

  beforeAll(async () => {
    // Dates of 2026 lie in the past: the payment and refund dates may not be in the future.
    t = await createTestContext({ now: '2027-04-15T09:00:00Z' });
    const hash = (await t.db.query(`SELECT password_hash FROM app_user WHERE email = $1`, [DEMO.staff])).rows[0].password_hash as string;
    const stateId = (await t.db.query(`SELECT id FROM organisation WHERE code = 'STATE_THURINGIA'`)).rows[0].id as string;
    homeKreisId = (await t.db.query(`SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND'`)).rows[0].id as string;
    kreisId = (
      await t.db.query(
        `INSERT INTO organisation (code, kind, name, street, postal_code, city) VALUES ('DISTRICT_E2E_LAND', 'DISTRICT', 'Landkreis Prüfland – Landratsamt', 'Dr.-Rathenau-Platz 11', '07973', 'Greiz') RETURNING id`,
      )
    ).rows[0].id as string;
    const user = (email: string, name: string, roles: string[], org: string) =>
      t.db.query(`INSERT INTO app_user (email, display_name, password_hash, roles, organisation_id) VALUES ($1, $2, $3, $4, $5)`, [email, name, hash, roles, org]);
    await user('land-staff@e2e.foerderfluss.de', 'Katrin Vogel (Land)', ['STAFF'], stateId);
    await user('land-approver@e2e.foerderfluss.de', 'Dr. Henrik Sommer (Land)', ['APPROVER'], stateId);
    await user('land-both@e2e.foerderfluss.de', 'Sachgebietsleitung (Land)', ['STAFF', 'APPROVER'], stateId);
    await user('kreis-admin@e2e.foerderfluss.de', 'Verwaltung Prüfland', ['ADMIN'], kreisId);
    await user('kreis-staff@e2e.foerderfluss.de', 'Jana Köhler', ['STAFF'], kreisId);
    await user('kreis-approver@e2e.foerderfluss.de', 'Thomas Wendt', ['APPROVER'], kreisId);
    [landStaff, landApprover, landBoth, kreisAdmin, kreisStaff, kreisApprover, homeStaff, provider] = await Promise.all([
      t.login('land-staff@e2e.foerderfluss.de', PW),
      t.login('land-approver@e2e.foerderfluss.de', PW),
      t.login('land-both@e2e.foerderfluss.de', PW),
      t.login('kreis-admin@e2e.foerderfluss.de', PW),
      t.login('kreis-staff@e2e.foerderfluss.de', PW),
      t.login('kreis-approver@e2e.foerderfluss.de', PW),
      t.login(DEMO.staff),
      t.login(DEMO.provider),
    ]);
  });
  afterAll(() => t.close());

  const http = () => t.http();

  it('the Verteilungsschlüssel is data: versions with who, when, why; shares sum to the annual money', async () => {
    // Only the Land edits it.
    await http()
      .put('/api/v1/state-distribution')
      .set(bearer(kreisStaff))
      .send({ year: 2026, annualAmount: '1677000.00', weights: [{ districtId: kreisId, weight: '1' }], reason: 'Versuch' })
      .expect(403);
    const before = (await http().get('/api/v1/state-distribution?year=2026').set(bearer(landStaff)).expect(200)).body.history.length as number;
    await http()
      .put('/api/v1/state-distribution')
      .set(bearer(landStaff))
      .send({ year: 2026, annualAmount: '1677000.00', weights: [{ districtId: homeKreisId, weight: '2' }, { districtId: kreisId, weight: '1' }], reason: 'Erste Fassung' })
      .expect(200);
    const v2 = await http()
      .put('/api/v1/state-distribution')
      .set(bearer(landStaff))
      .send({
        year: 2026,
        annualAmount: '1677000.00',
        weights: [{ districtId: homeKreisId, weight: '3' }, { districtId: kreisId, weight: '1' }],
        reason: 'Zahl der Geflüchteten zum Stichtag 31.12.2025',
      })
      .expect(200);
    expect(v2.body.history).toHaveLength(before + 2);
    expect(v2.body.current).toMatchObject({ version: before + 2, annualAmount: '1677000.00', reason: 'Zahl der Geflüchteten zum Stichtag 31.12.2025' });
    expect(v2.body.history[1]).toMatchObject({ version: before + 1, reason: 'Erste Fassung' });
    // Who: the display name of the Land user, not only her id (the web shows it in the history).
    const landName = (await http().get('/api/v1/auth/me').set(bearer(landStaff)).expect(200)).body.displayName as string;
    expect(landName).toBeTruthy();
    expect(v2.body.current.changedByName).toBe(landName);
    expect(v2.body.history[1].changedByName).toBe(landName);
    const share = (id: string) => v2.body.shares.find((s: { districtId: string }) => s.districtId === id);
    expect(share(kreisId)).toMatchObject({ amount: '419250.00', districtName: 'Landkreis Prüfland – Landratsamt' });
    expect(share(homeKreisId)).toMatchObject({ amount: '1257750.00' });
    // Bad weights: 400 naming the field.
    const bad = await http()
      .put('/api/v1/state-distribution')
      .set(bearer(landStaff))
      .send({ year: 2026, annualAmount: '10.00', weights: [{ districtId: kreisId, weight: '-1' }], reason: 'x' })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('weights.0.weight');
  });

  it('Zuweisung: Land staff drafts (amount from the key, 80 % default) and proposes; four eyes; a Land approver issues', async () => {
    // A Kreis user cannot create one.
    const refused = await http().post('/api/v1/state-grants').set(bearer(kreisStaff)).send({ districtId: kreisId, year: 2026, reference: 'X' }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN_LEVEL');

    const draft = await http()
      .post('/api/v1/state-grants')
      .set(bearer(landBoth))
      .send({ districtId: kreisId, year: 2026, reference: 'TLVwA 250-4.1-2026/031' })
      .expect(201);
    grantId = draft.body.id;
    expect(draft.body).toMatchObject({
      status: 'DRAFT',
      amount: '419250.00',
      stateRatePercent: '80',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      proofDue: '2027-06-30',
      districtName: 'Landkreis Prüfland – Landratsamt',
      allowedActions: ['edit', 'propose'],
    });
    // The Kreis does not see the Land's draft.
    await http().get(`/api/v1/state-grants/${grantId}`).set(bearer(kreisStaff)).expect(404);

    const proposed = await http().post(`/api/v1/state-grants/${grantId}/propose`).set(bearer(landBoth)).expect(200);
    expect(proposed.body.status).toBe('PROPOSED');
    expect(proposed.body.allowedActions).toEqual(['return']);
    // No letter before the issue.
    expect((await http().get(`/api/v1/state-grants/${grantId}/letter`).set(bearer(landStaff)).expect(409)).body.code).toBe('STATE_GRANT_NOT_ISSUED');
    // Four eyes: the proposer may not issue.
    const same = await http().post(`/api/v1/state-grants/${grantId}/issue`).set(bearer(landBoth)).expect(403);
    expect(same.body.code).toBe('STATE_GRANT_SAME_APPROVER');
    // A Kreis approver cannot issue (the proposal is not even visible to the Kreis).
    await http().post(`/api/v1/state-grants/${grantId}/issue`).set(bearer(kreisApprover)).expect(404);
    // Issuing twice is a 409 of the lifecycle.
    const issued = await http().post(`/api/v1/state-grants/${grantId}/issue`).set(bearer(landApprover)).expect(200);
    expect(issued.body).toMatchObject({ status: 'ISSUED', issuedOn: '2027-04-15', budgetYearId: null, allowedActions: [] });
    const again = await http().post(`/api/v1/state-grants/${grantId}/issue`).set(bearer(landApprover)).expect(409);
    expect(again.body.code).toBe('STATE_GRANT_ILLEGAL_TRANSITION');

    // The Zuweisungsbescheid as PDF, for the Kreis it is addressed to.
    const letter = await http().get(`/api/v1/state-grants/${grantId}/letter`).set(bearer(kreisStaff)).buffer(true).parse(binary).expect(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    const text = extractPdfText(letter.body as Buffer).pages.join('\n').replace(/\u00a0/g, ' ');
    expect(text).toContain('Zuweisungsbescheid TLVwA 250-4.1-2026/031');
    expect(text).toContain('419.250,00 €');
    expect(text).toContain('80 %');
    expect(text).toContain('30.06.2027');
    expect(text).toContain('Landkreis Prüfland');
    expect(text).toContain('Rechtsbehelfsbelehrung');
    await http().get(`/api/v1/state-grants/${grantId}/letter`).set(bearer(homeStaff)).expect(404);
  });

  it('the Kreis sees its own Zuweisung (read only) and creates its budget year from it; other Kreise see nothing', async () => {
    const own = await http().get('/api/v1/state-grants?year=2026').set(bearer(kreisAdmin)).expect(200);
    expect(own.body.map((g: { id: string }) => g.id)).toEqual([grantId]);
    expect(own.body[0].allowedActions).toEqual(['createBudgetYear']);
    await http().get(`/api/v1/state-grants/${grantId}`).set(bearer(homeStaff)).expect(404);
    const homeList = await http().get('/api/v1/state-grants?year=2026').set(bearer(homeStaff)).expect(200);
    expect(homeList.body.map((g: { id: string }) => g.id)).not.toContain(grantId);
    await http().get('/api/v1/state-grants').set(bearer(provider)).expect(403);
    // The Land cannot create the Kreis's budget year.
    await http().post(`/api/v1/state-grants/${grantId}/budget-year`).set(bearer(landStaff)).send({ districtShareAmount: '104812.50', districtBudgetLine: '1' }).expect(403);

    const linked = await http()
      .post(`/api/v1/state-grants/${grantId}/budget-year`)
      .set(bearer(kreisAdmin))
      .send({ districtShareAmount: '104812.50', districtBudgetLine: '31.5.01.7180' })
      .expect(201);
    budgetYearId = linked.body.budgetYearId;
    expect(budgetYearId).toEqual(expect.any(String));
    expect(linked.body.allowedActions).toEqual([]);
    const year = await http().get(`/api/v1/budget-years/${budgetYearId}`).set(bearer(kreisStaff)).expect(200);
    expect(year.body).toMatchObject({ year: 2026, stateGrantReference: 'TLVwA 250-4.1-2026/031', stateGrantDate: '2027-04-15', stateMaxAmount: '419250.00', districtShareAmount: '104812.50', stateRatePercent: '80', stateProofDue: '2027-06-30' });
    expect(year.body.balances.allocated).toEqual({ total: '524062.50', state: '419250.00', district: '104812.50' });
    await http().post(`/api/v1/state-grants/${grantId}/budget-year`).set(bearer(kreisAdmin)).send({ districtShareAmount: '1.00', districtBudgetLine: '1' }).expect(409);
  });

  it('drawdown: the Kreis requests, the Land pays (Land only), the Kreis books the receipt (Kreis only)', async () => {
    const d = await http()
      .post('/api/v1/state-drawdowns')
      .set(bearer(kreisStaff))
      .send({ budgetYearId, amount: '419250.00', requestedOn: '2026-02-02', reference: 'MA-PRF-2026-01' })
      .expect(201);
    const landList = await http().get(`/api/v1/land-drawdowns?year=2026&districtId=${kreisId}`).set(bearer(landStaff)).expect(200);
    expect(landList.body).toEqual([
      expect.objectContaining({ id: d.body.id, districtName: 'Landkreis Prüfland – Landratsamt', year: 2026, amount: '419250.00', status: 'REQUESTED', statePaidOn: null, allowedActions: ['pay'] }),
    ]);
    // The Kreis sees it there too, without the Land's action.
    const kreisList = await http().get('/api/v1/land-drawdowns?year=2026').set(bearer(kreisStaff)).expect(200);
    expect(kreisList.body).toEqual([expect.objectContaining({ id: d.body.id, allowedActions: [] })]);
    const homeList = await http().get('/api/v1/land-drawdowns?year=2026').set(bearer(homeStaff)).expect(200);
    expect(homeList.body.map((x: { id: string }) => x.id)).not.toContain(d.body.id);

    const kreisPays = await http().post(`/api/v1/land-drawdowns/${d.body.id}/payment`).set(bearer(kreisStaff)).send({ paidOn: '2026-02-10' }).expect(403);
    expect(kreisPays.body.code).toBe('FORBIDDEN_LEVEL');
    const paid = await http().post(`/api/v1/land-drawdowns/${d.body.id}/payment`).set(bearer(landStaff)).send({ paidOn: '2026-02-10' }).expect(200);
    expect(paid.body).toMatchObject({ statePaidOn: '2026-02-10', status: 'REQUESTED', allowedActions: [] });
    expect((await http().post(`/api/v1/land-drawdowns/${d.body.id}/payment`).set(bearer(landStaff)).send({ paidOn: '2026-02-11' }).expect(409)).body.code).toBe('STATE_DRAWDOWN_ALREADY_PAID');

    const landReceives = await http().post(`/api/v1/state-drawdowns/${d.body.id}/received`).set(bearer(landStaff)).send({ receivedOn: '2026-02-12' }).expect(403);
    expect(landReceives.body.code).toBe('FORBIDDEN_LEVEL');
    const received = await http().post(`/api/v1/state-drawdowns/${d.body.id}/received`).set(bearer(kreisStaff)).send({ receivedOn: '2026-02-12' }).expect(200);
    expect(received.body).toMatchObject({ status: 'RECEIVED', receivedOn: '2026-02-12', statePaidOn: '2026-02-10' });
  });

  it('the Kreis submits its VN; the Land reviews, proposes the Festsetzung, a second Land user settles it; the refund is received', async () => {
    // The Kreis's VN: A_kreis = 450.000,00 € (no Träger projects in this Kreis, all own costs).
    await http().put(`/api/v1/state-proofs/${budgetYearId}/own-costs`).set(bearer(kreisStaff)).send({ ownEligibleCosts: '450000.00' }).expect(200);
    // The Land cannot review a proof that is not submitted.
    expect((await http().post('/api/v1/state-proof-reviews').set(bearer(landStaff)).send({ budgetYearId }).expect(409)).body.code).toBe('STATE_PROOF_NOT_SUBMITTED');
    const submitted = await http()
      .post(`/api/v1/state-proofs/${budgetYearId}/submit`)
      .set(bearer(kreisApprover))
      .send({ submittedOn: '2027-03-01', submissionReference: 'PRF-VN-2026' })
      .expect(200);
    expect(submitted.body).toMatchObject({ districtRecognisedCosts: '450000.00', stateFinalGrant: '360000.00', refundToState: '59250.00' });

    // While not settled, GET /districts shows the Z_land of the Kreis's submitted VN.
    const provisional = await http().get('/api/v1/districts?year=2026').set(bearer(landStaff)).expect(200);
    expect(provisional.body.items.find((i: { id: string }) => i.id === kreisId).proven).toBe('360000.00');

    // A Kreis user cannot start the Land's Prüfung.
    expect((await http().post('/api/v1/state-proof-reviews').set(bearer(kreisStaff)).send({ budgetYearId }).expect(403)).body.code).toBe('FORBIDDEN_LEVEL');
    const started = await http().post('/api/v1/state-proof-reviews').set(bearer(landBoth)).send({ budgetYearId }).expect(201);
    reviewId = started.body.id;
    expect(started.body).toMatchObject({ status: 'IN_REVIEW', recognisedCosts: '450000.00', stateMaxAmount: '419250.00', stateRatePercent: '80', paidByState: '419250.00', finalStateGrant: null, allowedActions: ['edit', 'propose'] });
    await http().post('/api/v1/state-proof-reviews').set(bearer(landStaff)).send({ budgetYearId }).expect(409);

    // The Land recognises 500,00 € less of the Kreis's own costs.
    await http().patch(`/api/v1/state-proof-reviews/${reviewId}`).set(bearer(landBoth)).send({ recognisedCosts: '449500.00', note: 'Reisekosten 500,00 € nicht zuwendungsfähig.' }).expect(200);
    const proposed = await http().post(`/api/v1/state-proof-reviews/${reviewId}/propose`).set(bearer(landBoth)).expect(200);
    // Z_land = min(419.250,00; 0,8 × 449.500,00 = 359.600,00) = 359.600,00; refund = 419.250,00 − 359.600,00 = 59.650,00.
    expect(proposed.body).toMatchObject({ status: 'PROPOSED', recognisedCosts: '449500.00', finalStateGrant: '359600.00', refundAmount: '59650.00', paidByState: '419250.00' });
    expect(proposed.body.allowedActions).toEqual(['return']);
    // Four eyes.
    expect((await http().post(`/api/v1/state-proof-reviews/${reviewId}/settle`).set(bearer(landBoth)).expect(403)).body.code).toBe('STATE_SETTLEMENT_SAME_APPROVER');
    // The Kreis reads its own Prüfung but takes no step of it.
    expect((await http().post(`/api/v1/state-proof-reviews/${reviewId}/settle`).set(bearer(kreisApprover)).expect(403)).body.code).toBe('FORBIDDEN_LEVEL');
    const settled = await http().post(`/api/v1/state-proof-reviews/${reviewId}/settle`).set(bearer(landApprover)).expect(200);
    expect(settled.body).toMatchObject({ status: 'SETTLED', settledOn: '2027-04-15', allowedActions: [] });

    // The Kreis reads the Festsetzung (read only).
    const kreisView = await http().get(`/api/v1/state-proof-reviews/${reviewId}`).set(bearer(kreisStaff)).expect(200);
    expect(kreisView.body).toMatchObject({ finalStateGrant: '359600.00', refundAmount: '59650.00', allowedActions: [] });
    await http().get(`/api/v1/state-proof-reviews/${reviewId}`).set(bearer(homeStaff)).expect(404);

    // The refund: only the amount set, booked into the Kreis's ledger by the Land.
    const wrong = await http().post(`/api/v1/state-proof-reviews/${reviewId}/refund-receipt`).set(bearer(landStaff)).send({ receivedOn: '2027-04-10', amount: '59250.00' }).expect(400);
    expect(wrong.body.errors[0].path).toBe('amount');
    const closed = await http().post(`/api/v1/state-proof-reviews/${reviewId}/refund-receipt`).set(bearer(landStaff)).send({ receivedOn: '2027-04-10', amount: '59650.00' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', refundReceivedOn: '2027-04-10', refundReceivedAmount: '59650.00' });
    const year = await http().get(`/api/v1/budget-years/${budgetYearId}`).set(bearer(kreisStaff)).expect(200);
    expect(year.body.balances).toMatchObject({ receivedFromState: '419250.00', refundedToState: '59650.00' });
  });

  it('GET /districts: every figure to the cent for the Land; a Kreis sees itself; a Träger its Kreise without money', async () => {
    const land = await http().get('/api/v1/districts?year=2026').set(bearer(landApprover)).expect(200);
    expect(land.body.year).toBe(2026);
    const mine = land.body.items.find((i: { id: string }) => i.id === kreisId);
    expect(mine).toEqual({
      id: kreisId,
      code: 'DISTRICT_E2E_LAND',
      name: 'Landkreis Prüfland – Landratsamt',
      allocated: '419250.00',
      drawn: '419250.00',
      paidToProviders: '0.00',
      proven: '359600.00',
      refunded: '59650.00',
    });
    expect(land.body.items.map((i: { id: string }) => i.id)).toContain(homeKreisId);
    // The totals are the sums of the items.
    for (const key of ['allocated', 'drawn', 'paidToProviders', 'proven', 'refunded']) {
      const cents = land.body.items.reduce((s: number, i: Record<string, string>) => s + Math.round(Number(i[key]) * 100), 0);
      expect(Math.round(Number(land.body.totals[key]) * 100)).toBe(cents);
    }
    const detail = await http().get(`/api/v1/districts/${kreisId}?year=2026`).set(bearer(landStaff)).expect(200);
    expect(detail.body).toMatchObject({ ...mine, year: 2026 });
    expect(detail.body.budgetYears).toEqual([
      expect.objectContaining({
        id: budgetYearId,
        year: 2026,
        stateGrantId: grantId,
        allocatedState: '419250.00',
        receivedFromState: '419250.00',
        paidToProviders: '0.00',
        refundedToState: '59650.00',
        stateProofStatus: 'SUBMITTED',
        stateProofReviewId: reviewId,
        stateProofReviewStatus: 'CLOSED',
      }),
    ]);

    const kreis = await http().get('/api/v1/districts?year=2026').set(bearer(kreisStaff)).expect(200);
    expect(kreis.body.items).toEqual([mine]);
    expect(kreis.body.totals).toEqual({ allocated: '419250.00', drawn: '419250.00', paidToProviders: '0.00', proven: '359600.00', refunded: '59650.00' });
    await http().get(`/api/v1/districts/${kreisId}`).set(bearer(homeStaff)).expect(404);

    const home = await http().get('/api/v1/districts?year=2026').set(bearer(homeStaff)).expect(200);
    expect(home.body.items.map((i: { id: string }) => i.id)).toEqual([homeKreisId]);
    // Without a Zuweisung the Altenburger Land's allocation is its budget year's Land money (as today).
    expect(home.body.items[0].allocated).toBe('419250.00');

    const traeger = await http().get('/api/v1/districts?year=2026').set(bearer(provider)).expect(200);
    expect(traeger.body.totals).toBeNull();
    // The demo Träger of traeger@ works in the Altenburger Land and in Greiz (demo Land, issue 20).
    expect(traeger.body.items).toEqual(
      ['DISTRICT_ALTENBURGER_LAND', 'DISTRICT_GREIZ'].map((code) => ({ id: expect.any(String), code, name: expect.any(String), allocated: null, drawn: null, paidToProviders: null, proven: null, refunded: null })),
    );
    expect(traeger.body.items[0].id).toBe(homeKreisId);
  });

  it('a Land user cannot change a Kreis record (Bescheid of the Altenburger Land)', async () => {
    const proposed = (await t.db.query(`SELECT id FROM decision WHERE status = 'PROPOSED' LIMIT 1`)).rows[0].id as string;
    // The Land reads it, with no action offered …
    const read = await http().get(`/api/v1/decisions/${proposed}`).set(bearer(landApprover)).expect(200);
    expect(read.body.allowedActions).toEqual([]);
    // … and its approval is refused with the Land's 403, before any lock (the repository base refuses
    // a Land user's lock on a Kreis row; row-level security would refuse it anyway).
    const res = await http().post(`/api/v1/decisions/${proposed}/approve`).set(bearer(landApprover)).expect(403);
    expect(res.body.code).toBe('FORBIDDEN_LEVEL');
    expect((await t.db.query(`SELECT status FROM decision WHERE id = $1`, [proposed])).rows[0].status).toBe('PROPOSED');
  });

  it('a Zuweisung for a Kreis that already has its budget year links it and sets its Land money (one ALLOCATION entry)', async () => {
    const homeYear = (await t.db.query(`SELECT id FROM budget_year WHERE district_id = $1 AND year = 2026`, [homeKreisId])).rows[0].id as string;
    const before = await http().get(`/api/v1/budget-years/${homeYear}`).set(bearer(homeStaff)).expect(200);
    expect(before.body.balances.allocated.state).toBe('419250.00');
    const g = await http()
      .post('/api/v1/state-grants')
      .set(bearer(landStaff))
      .send({ districtId: homeKreisId, year: 2026, reference: 'TLVwA 250-4.1-2026/017', amount: '420000.00' })
      .expect(201);
    // One Zuweisung per Kreis and year.
    expect((await http().post('/api/v1/state-grants').set(bearer(landStaff)).send({ districtId: homeKreisId, year: 2026, reference: 'X' }).expect(409)).body.code).toBe('STATE_GRANT_EXISTS');
    await http().post(`/api/v1/state-grants/${g.body.id}/propose`).set(bearer(landStaff)).expect(200);
    const issued = await http().post(`/api/v1/state-grants/${g.body.id}/issue`).set(bearer(landApprover)).expect(200);
    expect(issued.body).toMatchObject({ status: 'ISSUED', budgetYearId: homeYear, allowedActions: [] });
    const after = await http().get(`/api/v1/budget-years/${homeYear}`).set(bearer(homeStaff)).expect(200);
    expect(after.body.balances.allocated).toMatchObject({ state: '420000.00', district: before.body.balances.allocated.district });
    const entries = await http().get(`/api/v1/budget-years/${homeYear}/ledger?limit=200`).set(bearer(homeStaff)).expect(200);
    expect(entries.body.items.filter((e: { kind: string; amount: string }) => e.kind === 'ALLOCATION' && e.amount === '750.00')).toHaveLength(1);
    const home = await http().get('/api/v1/districts?year=2026').set(bearer(homeStaff)).expect(200);
    expect(home.body.items[0].allocated).toBe('420000.00');
  });

  it('every step left its audit event', async () => {
    const actions = (await t.db.query(`SELECT action FROM audit_event WHERE entity IN ('StateGrant', 'StateProofReview', 'StateDistributionVersion', 'StateDrawdown') ORDER BY id`)).rows.map((r) => r.action as string);
    for (const a of ['state-distribution.version', 'state-grant.create', 'state-grant.propose', 'state-grant.issue', 'state-grant.budget-year', 'state-drawdown.pay', 'state-proof-review.start', 'state-proof-review.edit', 'state-proof-review.propose', 'state-proof-review.settle', 'state-proof-review.receiveRefund']) {
      expect(actions).toContain(a);
    }
  });
});
