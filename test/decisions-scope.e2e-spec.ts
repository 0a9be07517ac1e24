import { Role, Scope } from '@foerderfluss/core';
import { DecisionFilter, DecisionRepository, DecisionVersionFilter, DecisionVersionRepository, VersionStatus } from '@foerderfluss/decisions';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, createBudgetYear, createPublishedCall } from './support/fixtures';
import { completeReview } from './support/flow';

const NOW = '2026-11-25T10:00:00Z';

/**
 * The decision repositories never hand a Träger another Träger's row (get, list, count, every
 * filter) and never a decision before it is issued, nor a version that is not approved.
 */
describe('decision repositories: Träger scope and "issued only"', () => {
  let t: TestContext;
  let staff: string;
  let approver: string;
  let provider: string;
  let provider2: string;
  let yearId: string;
  let callId: string;
  let decisions: DecisionRepository;
  let versions: DecisionVersionRepository;
  let p1: Scope;
  let p2: Scope;
  const staffScope: Scope = { userId: null, email: null, roles: [Role.STAFF], organisationId: null, requestId: null };
  /** P2's issued decision (in force, with a pending amendment) and P1's issued and proposed ones. */
  let other: { id: string; providerId: string };
  let ownIssued: string;
  let ownProposed: string;

  const scopeOf = async (email: string): Promise<Scope> => {
    const row = (await t.db.query(`SELECT id, organisation_id FROM app_user WHERE email = $1`, [email])).rows[0];
    return { userId: row.id, email, roles: [Role.PROVIDER], organisationId: row.organisation_id, requestId: null };
  };

  const propose = async (token: string, overrides: Record<string, unknown> = {}): Promise<string> => {
    const a = await t.http().post('/api/v1/applications').set(bearer(token)).send(applicationBody(callId, 2027, overrides)).expect(201);
    await t.http().post(`/api/v1/applications/${a.body.id}/submit`).set(bearer(token)).expect(200);
    await t.http().post(`/api/v1/applications/${a.body.id}/start-review`).set(bearer(staff)).expect(200);
    await completeReview(t, staff, a.body.id);
    const d = await t
      .http()
      .post(`/api/v1/applications/${a.body.id}/propose-decision`)
      .set(bearer(staff))
      .send({ instrument: 'VERTRAG', financingType: 'DEFICIT', maxAmount: '90000.00' })
      .expect(201);
    return d.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestContext({ now: NOW });
    let admin: string;
    [admin, staff, approver, provider, provider2] = await Promise.all([
      t.login(DEMO.admin),
      t.login(DEMO.staff),
      t.login(DEMO.approver),
      t.login(DEMO.provider),
      t.login(DEMO.provider2),
    ]);
    yearId = (await createBudgetYear(t, admin, 2027)).id;
    callId = (await createPublishedCall(t, staff, yearId)).id;
    decisions = t.app.get(DecisionRepository);
    versions = t.app.get(DecisionVersionRepository);
    p1 = await scopeOf(DEMO.provider);
    p2 = await scopeOf(DEMO.provider2);

    const otherId = await propose(provider2, { fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE'], socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ', municipality: 'Meuselwitz' });
    await t.http().post(`/api/v1/decisions/${otherId}/approve`).set(bearer(approver)).expect(200);
    await t.http().post(`/api/v1/decisions/${otherId}/amendments`).set(bearer(staff)).send({ reason: 'Mehrbedarf', maxAmount: '85000.00' }).expect(201);
    other = { id: otherId, providerId: p2.organisationId! };
    ownIssued = await propose(provider);
    await t.http().post(`/api/v1/decisions/${ownIssued}/approve`).set(bearer(approver)).expect(200);
    ownProposed = await propose(provider);
  });
  afterAll(() => t.close());

  it("get: another Träger's decision is a 404 like a missing one, in the repository and over HTTP", async () => {
    await expect(decisions.get(p1, other.id)).rejects.toMatchObject({ code: 'DECISION_NOT_FOUND', status: 404 });
    expect(await decisions.find(p1, other.id)).toBeNull();
    expect(await decisions.find(p2, other.id)).not.toBeNull();
    const res = await t.http().get(`/api/v1/decisions/${other.id}`).set(bearer(provider)).expect(404);
    expect(res.body.code).toBe('DECISION_NOT_FOUND');
  });

  it("list and count under every filter never return another Träger's row", async () => {
    // Each filter set to the value of the other Träger's row: staff find it, Träger 1 never does.
    const filters: DecisionFilter[] = [
      {},
      { status: 'IN_FORCE' as DecisionFilter['status'] },
      { budgetYearId: yearId },
      { providerId: other.providerId },
      { instrument: 'VERTRAG' as DecisionFilter['instrument'] },
      { fieldOfAction: 'HOUSING_SOCIAL_INFRASTRUCTURE' },
      { socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ' },
      { pendingApproval: true },
      { proofDueFrom: '2027-01-01' },
      { proofDueTo: '2030-12-31' },
      { proofDueFrom: '2027-01-01', proofDueTo: '2030-12-31', status: 'IN_FORCE' as DecisionFilter['status'] },
    ];
    for (const filter of filters) {
      const staffSees = await decisions.list(staffScope, { ...filter, limit: 200 });
      expect(staffSees.items.map((d) => d.id)).toContain(other.id);
      const page = await decisions.list(p1, { ...filter, limit: 200 });
      expect(page.items.every((d) => d.providerId === p1.organisationId)).toBe(true);
      expect(page.items.map((d) => d.id)).not.toContain(other.id);
      expect(await decisions.count(p1, filter)).toBe(page.items.length);
      expect(await decisions.count(staffScope, filter)).toBe(staffSees.items.length);
    }
    // over HTTP, the same with the query string
    const http = await t.http().get(`/api/v1/decisions?providerId=${other.providerId}&pendingApproval=true`).set(bearer(provider)).expect(200);
    expect(http.body.items).toEqual([]);
    const staffHttp = await t.http().get(`/api/v1/decisions?providerId=${other.providerId}&pendingApproval=true`).set(bearer(staff)).expect(200);
    expect(staffHttp.body.items.map((d: { id: string }) => d.id)).toEqual([other.id]);
  });

  it('the filters narrow for staff as declared', async () => {
    // within this file's budget year (the template database may hold demo cases of other years)
    const ids = async (f: DecisionFilter) => (await decisions.list(staffScope, { ...f, budgetYearId: yearId, limit: 200 })).items.map((d) => d.id).sort();
    expect(await ids({ status: 'PROPOSED' as DecisionFilter['status'] })).toEqual([ownProposed]);
    expect(await ids({ providerId: p1.organisationId! })).toEqual([ownIssued, ownProposed].sort());
    expect(await ids({ pendingApproval: true })).toEqual([other.id, ownProposed].sort());
    expect(await ids({ pendingApproval: false })).toHaveLength(3);
    expect(await ids({ fieldOfAction: 'HOUSING_SOCIAL_INFRASTRUCTURE' })).toEqual([other.id]);
    expect(await ids({ socialAreaCode: 'ALTENBURG' })).toEqual([ownIssued, ownProposed].sort());
    // proof due of the version in force: 2028-06-30 for a 2027 measure; a proposal has no version in force
    expect(await ids({ proofDueFrom: '2028-06-30', proofDueTo: '2028-06-30' })).toEqual([other.id, ownIssued].sort());
    expect(await ids({ proofDueFrom: '2028-07-01' })).toEqual([]);
    expect(await ids({ instrument: 'BESCHEID' as DecisionFilter['instrument'] })).toEqual([]);
  });

  it('issued only: a proposal is invisible to its own Träger until approved; versions a Träger sees are approved ones only', async () => {
    // the proposal: staff see it, the Träger it belongs to does not (get, list, count, versions)
    expect(await decisions.find(staffScope, ownProposed)).not.toBeNull();
    expect(await decisions.find(p1, ownProposed)).toBeNull();
    expect((await decisions.list(p1, { budgetYearId: yearId, limit: 200 })).items.map((d) => d.id)).toEqual([ownIssued]);
    expect(await decisions.count(p1, { status: 'PROPOSED' as DecisionFilter['status'] })).toBe(0);
    expect(await decisions.count(staffScope, { status: 'PROPOSED' as DecisionFilter['status'], budgetYearId: yearId })).toBe(1);
    expect(await versions.ofDecision(p1, ownProposed)).toEqual([]);
    expect(await versions.count(p1, { decisionId: ownProposed })).toBe(0);
    await t.http().get(`/api/v1/decisions/${ownProposed}`).set(bearer(provider)).expect(404);

    // the other Träger's issued decision has a pending amendment: its own Träger sees v1 only
    const seen = await versions.ofDecision(p2, other.id);
    expect(seen.map((v) => [v.versionNo, v.status])).toEqual([[1, 'APPROVED']]);
    expect(await versions.pending(p2, other.id)).toBeNull();
    expect(await versions.pending(staffScope, other.id)).not.toBeNull();
    expect((await versions.ofDecision(staffScope, other.id)).map((v) => v.status)).toEqual(['APPROVED', 'PROPOSED']);
    // … and Träger 1 sees none of its versions, under any filter
    expect(await versions.ofDecision(p1, other.id)).toEqual([]);
    const versionFilters: DecisionVersionFilter[] = [{}, { decisionId: other.id }, { status: VersionStatus.APPROVED }, { status: VersionStatus.PROPOSED }];
    for (const f of versionFilters) {
      const page = await versions.list(p1, { ...f, limit: 200 });
      expect(page.items.map((v) => v.decisionId)).not.toContain(other.id);
      expect(page.items.every((v) => v.status === 'APPROVED')).toBe(true);
      expect(await versions.count(p1, f)).toBe(page.items.length);
    }
    await expect(versions.get(p1, seen[0]!.id)).rejects.toMatchObject({ code: 'DECISION_NOT_FOUND' });

    // approval issues it: now the Träger sees it, with the approved version only
    await t.http().post(`/api/v1/decisions/${ownProposed}/approve`).set(bearer(approver)).expect(200);
    expect(await decisions.find(p1, ownProposed)).not.toBeNull();
    expect((await versions.ofDecision(p1, ownProposed)).map((v) => v.status)).toEqual(['APPROVED']);
    expect(await decisions.find(p2, ownProposed)).toBeNull();
    const detail = await t.http().get(`/api/v1/decisions/${other.id}`).set(bearer(provider2)).expect(200);
    expect(detail.body).toMatchObject({ pending: null, allowedActions: [] });
    expect(detail.body.versions.map((v: { status: string }) => v.status)).toEqual(['APPROVED']);
  });
});
