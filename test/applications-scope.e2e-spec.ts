import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role, Scope } from '@foerderfluss/core';
import {
  AllocationRoundRepository,
  ApplicationCommentRepository,
  ApplicationFilter,
  ApplicationRepository,
  AttachmentFilter,
  AttachmentOwnerType,
  AttachmentRepository,
  CallStatus,
  FundingCallFilter,
  FundingCallRepository,
} from '@foerderfluss/applications';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './support/fixtures';
import { demoPdf } from '../seeds/demo/attachments';

const NOW = '2026-11-25T10:00:00Z';
const files = mkdtempSync(path.join(os.tmpdir(), 'ff-applications-scope-'));

/**
 * The Träger scope of every repository of the applications lib: a Träger never gets another
 * Träger's row from get, find, list or count, under any declared filter; staff see both (so each
 * filter below does match the other Träger's rows and the check means something).
 */
describe('applications lib repositories: the Träger scope', () => {
  let t: TestContext;
  let tokens: Record<'admin' | 'staff' | 'provider' | 'provider2', string>;
  let scopeA: Scope;
  let scopeB: Scope;
  let staffScope: Scope;
  let auditorScope: Scope;
  let yearId: string;
  let callId: string;
  let draftCallId: string;
  const appsOf: Record<'A' | 'B', string[]> = { A: [], B: [] };
  const attachmentsOf: Record<'A' | 'B', string[]> = { A: [], B: [] };

  const me = async (token: string, roles: Role[]): Promise<Scope> => {
    const body = (await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200)).body;
    return { userId: body.id, email: body.email, roles, organisationId: body.organisationId, requestId: null };
  };

  beforeAll(async () => {
    t = await createTestContext({ now: NOW, env: { FILE_STORAGE_DIR: path.join(files, 'storage') } });
    const [admin, staff, provider, provider2, auditor] = await Promise.all([DEMO.admin, DEMO.staff, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)));
    tokens = { admin: admin!, staff: staff!, provider: provider!, provider2: provider2! };
    [scopeA, scopeB, staffScope, auditorScope] = await Promise.all([
      me(provider!, [Role.PROVIDER]),
      me(provider2!, [Role.PROVIDER]),
      me(staff!, [Role.STAFF]),
      me(auditor!, [Role.AUDITOR]),
    ]);
    expect(scopeA.organisationId).not.toBe(scopeB.organisationId);
    yearId = (await createBudgetYear(t, admin!, 2027, { state: '4000000.00', district: '1000000.00' })).id;
    callId = (await createPublishedCall(t, staff!, yearId, { title: 'Scope-Aufruf' })).id;
    const draft = await t
      .http()
      .post('/api/v1/calls')
      .set(bearer(staff!))
      .send({
        budgetYearId: yearId,
        title: 'Scope-Entwurf',
        text: 'Noch nicht veröffentlicht.',
        openingDate: '2026-12-01',
        deadline: '2026-12-31',
        eligibleFieldsOfAction: ['LABOUR_MARKET'],
        eligibleCostCategories: ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES'],
        targetSocialAreas: [],
      })
      .expect(201);
    draftCallId = draft.body.id;

    // Each Träger: three Anträge with equal and different amounts (for the sort), one submitted, each with an Anlage.
    const grants = ['50000.00', '90000.00', '50000.00'];
    for (const [who, token] of [['A', provider!], ['B', provider2!]] as const) {
      for (const [i, grant] of grants.entries()) {
        const res = await t
          .http()
          .post('/api/v1/applications')
          .set(bearer(token))
          .send(applicationBody(callId, 2027, { title: `Scope ${who}${i} ${['Nord', 'Mitte', 'Süd'][i]}`, financingPlan: balancedPlan(grant) }))
          .expect(201);
        appsOf[who].push(res.body.id);
        const att = await t
          .http()
          .post(`/api/v1/applications/${res.body.id}/attachments`)
          .set(bearer(token))
          .field('kind', 'OTHER')
          .attach('file', demoPdf(['Anlage', `${who}${i}`]), `anlage-${who}${i}.pdf`)
          .expect(201);
        attachmentsOf[who].push(att.body.id);
      }
      await t.http().post(`/api/v1/applications/${appsOf[who][0]}/submit`).set(bearer(token)).expect(200);
    }
    // comments on the submitted Anträge: an internal note and one for the Träger each
    for (const who of ['A', 'B'] as const) {
      await t.http().post(`/api/v1/applications/${appsOf[who][0]}/comments`).set(bearer(staff!)).send({ text: `Intern ${who}` }).expect(201);
      await t.http().post(`/api/v1/applications/${appsOf[who][0]}/comments`).set(bearer(staff!)).send({ text: `Für den Träger ${who}`, visibleToProvider: true }).expect(201);
    }
    // a Mittelverteilung (staff only)
    await t
      .http()
      .put(`/api/v1/calls/${callId}/allocation-round/items`)
      .set(bearer(staff!))
      .send({ items: [{ applicationId: appsOf.A[0], proposedAmount: '50000.00' }, { applicationId: appsOf.B[0], proposedAmount: '50000.00' }] })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(files, { recursive: true, force: true });
  });

  describe('ApplicationRepository', () => {
    const repo = () => t.app.get(ApplicationRepository);
    const FILTERS: (() => ApplicationFilter)[] = [
      () => ({}),
      () => ({ status: 'SUBMITTED' as ApplicationFilter['status'] }),
      () => ({ status: 'DRAFT' as ApplicationFilter['status'] }),
      () => ({ callId }),
      () => ({ budgetYearId: yearId }),
      () => ({ providerId: scopeB.organisationId! }),
      () => ({ fieldOfAction: 'LABOUR_MARKET' }),
      () => ({ socialAreaCode: 'ALTENBURG' }),
      () => ({ periodStartFrom: '2027-01-01' }),
      () => ({ periodStartTo: '2027-12-31' }),
      () => ({ q: 'Scope' }),
    ];

    it('get and find: another Träger’s Antrag is a 404, the own one is found', async () => {
      await expect(repo().get(scopeA, appsOf.B[0]!)).rejects.toMatchObject({ code: 'APPLICATION_NOT_FOUND', status: 404 });
      expect(await repo().find(scopeA, appsOf.B[1]!)).toBeNull();
      expect((await repo().get(scopeA, appsOf.A[0]!)).providerId).toBe(scopeA.organisationId);
      expect((await repo().get(staffScope, appsOf.B[0]!)).providerId).toBe(scopeB.organisationId);
      await expect(repo().get({ ...scopeA, organisationId: null }, appsOf.A[0]!)).rejects.toMatchObject({ status: 404 });
    });

    it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('list and count under filter #%i never return the other Träger’s rows', async (i) => {
      const filter = FILTERS[i]!();
      const mine = await repo().list(scopeA, { ...filter, limit: 200 });
      expect(mine.items.every((a) => a.providerId === scopeA.organisationId)).toBe(true);
      expect(mine.items.some((a) => appsOf.B.includes(a.id))).toBe(false);
      expect(await repo().count(scopeA, filter)).toBe(mine.items.length);
      // the same filter does match B's rows for staff and auditors
      const all = await repo().list(staffScope, { ...filter, limit: 200 });
      expect(all.items.some((a) => appsOf.B.includes(a.id))).toBe(true);
      expect(await repo().count(auditorScope, filter)).toBe(all.items.length);
      // and B sees only its own
      const theirs = await repo().list(scopeB, { ...filter, limit: 200 });
      expect(theirs.items.every((a) => a.providerId === scopeB.organisationId)).toBe(true);
    });

    it('ofCall keeps to the scope as well', async () => {
      const ids = [...appsOf.A, ...appsOf.B];
      expect((await repo().ofCall(scopeA, callId, { ids })).map((a) => a.id).sort()).toEqual([...appsOf.A].sort());
      expect((await repo().ofCall(staffScope, callId, { ids })).map((a) => a.id).sort()).toEqual([...ids].sort());
    });

    it('sort=-requestedAmount,title with cursor paging: every row once, in order, across pages (repository and HTTP)', async () => {
      const expected = (await repo().list(staffScope, { callId, limit: 200 })).items
        .sort((x, y) => y.requestedAmount.compareTo(x.requestedAmount) || (x.title < y.title ? -1 : x.title > y.title ? 1 : 0))
        .map((a) => a.id);
      expect(expected).toHaveLength(6);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repo().list(staffScope, { callId, sort: '-requestedAmount,title', limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((a) => a.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual(expected);
      expect(pages).toBe(3);

      const overHttp: string[] = [];
      let next: string | null = null;
      do {
        const url: string = `/api/v1/applications?callId=${callId}&sort=-requestedAmount,title&limit=4${next ? `&cursor=${encodeURIComponent(next)}` : ''}`;
        const res = await t.http().get(url).set(bearer(tokens.staff)).expect(200);
        overHttp.push(...res.body.items.map((a: { id: string }) => a.id));
        next = res.body.nextCursor;
      } while (next);
      expect(overHttp).toEqual(expected);

      // the Träger pages through its own rows only, in the same order
      const own = (await t.http().get(`/api/v1/applications?sort=-requestedAmount,title&limit=200&callId=${callId}`).set(bearer(tokens.provider)).expect(200)).body.items;
      expect(own.map((a: { id: string }) => a.id)).toEqual(expected.filter((id) => appsOf.A.includes(id)));
      const bad = await t.http().get('/api/v1/applications?sort=secret').set(bearer(tokens.staff)).expect(400);
      expect(bad.body.errors[0]).toMatchObject({ path: 'sort' });
    });

    it('sort=createdAt pages every row once although PostgreSQL keeps microseconds and the cursor milliseconds', async () => {
      // Three rows within one millisecond and one just after: a cursor carrying the millisecond
      // must neither repeat nor skip a row, ascending or descending.
      const ids = [...appsOf.A, ...appsOf.B].slice(0, 4);
      const stamps = ['2026-01-05 10:00:00.123100+00', '2026-01-05 10:00:00.123400+00', '2026-01-05 10:00:00.123900+00', '2026-01-05 10:00:00.124000+00'];
      for (const [i, id] of ids.entries()) await t.db.query('UPDATE application SET created_at = $2 WHERE id = $1', [id, stamps[i]]);
      for (const sort of ['createdAt', '-createdAt']) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await repo().list(staffScope, { callId, sort, limit: 1, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((a) => a.id));
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor && pages < 20);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.filter((id) => ids.includes(id))).toHaveLength(4);
        expect(seen).toHaveLength(6);
      }
    });
  });

  describe('ApplicationCommentRepository: a Träger reads comments on its own Anträge meant for it', () => {
    const repo = () => t.app.get(ApplicationCommentRepository);

    it('get, find, list, count, ofApplication and every filter: no other Träger’s comment, no internal note', async () => {
      const all = await repo().list(staffScope, { limit: 200 });
      const ofB = all.items.filter((c) => appsOf.B.includes(c.applicationId));
      const internalOfA = all.items.filter((c) => appsOf.A.includes(c.applicationId) && !c.visibleToProvider);
      expect(ofB.length).toBeGreaterThan(1);
      expect(internalOfA.map((c) => c.text)).toEqual(['Intern A']);
      for (const c of [...ofB, ...internalOfA]) {
        await expect(repo().get(scopeA, c.id)).rejects.toMatchObject({ status: 404 });
        expect(await repo().find(scopeA, c.id)).toBeNull();
      }
      const filters = [{}, { applicationId: appsOf.A[0]! }, { applicationId: appsOf.B[0]! }, { kind: 'COMMENT' as const }, { kind: 'STATUS' as const }];
      for (const filter of filters) {
        const mine = await repo().list(scopeA, { ...filter, limit: 200 });
        expect(mine.items.every((c) => c.visibleToProvider)).toBe(true);
        const owners = (await t.db.query('SELECT DISTINCT provider_id FROM application WHERE id = ANY($1::uuid[])', [mine.items.map((c) => c.applicationId)])).rows;
        expect(owners.every((r) => r.provider_id === scopeA.organisationId)).toBe(true);
        expect(await repo().count(scopeA, filter)).toBe(mine.items.length);
        if (filter.applicationId !== appsOf.A[0]) expect((await repo().list(staffScope, { ...filter, limit: 200 })).items.some((c) => appsOf.B.includes(c.applicationId))).toBe(true);
      }
      expect((await repo().ofApplication(scopeA, appsOf.A[0]!)).map((c) => c.text)).toContain('Für den Träger A');
      expect((await repo().ofApplication(scopeA, appsOf.A[0]!)).map((c) => c.text)).not.toContain('Intern A');
      expect(await repo().ofApplication(scopeA, appsOf.B[0]!)).toEqual([]);
      expect((await repo().ofApplication(auditorScope, appsOf.B[0]!)).map((c) => c.text)).toEqual(expect.arrayContaining(['Intern B', 'Für den Träger B']));
    });
  });

  describe('FundingCallRepository: a Träger sees published calls, never a draft', () => {
    const repo = () => t.app.get(FundingCallRepository);
    const FILTERS: FundingCallFilter[] = [{}, { budgetYearId: 'YEAR' }, { status: CallStatus.DRAFT }, { status: CallStatus.PUBLISHED }, { deadlineBefore: '2100-01-01' }, { deadlineFrom: '2000-01-01' }];
    const resolve = (f: FundingCallFilter): FundingCallFilter => (f.budgetYearId ? { budgetYearId: yearId } : f);

    it('get, find: the draft is a 404 for the Träger, found by staff', async () => {
      await expect(repo().get(scopeA, draftCallId)).rejects.toMatchObject({ code: 'CALL_NOT_FOUND', status: 404 });
      expect(await repo().find(scopeB, draftCallId)).toBeNull();
      expect((await repo().get(scopeA, callId)).status).toBe(CallStatus.PUBLISHED);
      expect((await repo().get(staffScope, draftCallId)).status).toBe(CallStatus.DRAFT);
      await t.http().get(`/api/v1/calls/${draftCallId}`).set(bearer(tokens.provider)).expect(404);
    });

    it.each([0, 1, 2, 3, 4, 5])('list and count under filter #%i hold no draft for the Träger', async (i) => {
      const filter = resolve(FILTERS[i]!);
      const page = await repo().list(scopeA, { ...filter, limit: 200 });
      expect(page.items.some((c) => c.status === CallStatus.DRAFT)).toBe(false);
      expect(await repo().count(scopeA, filter)).toBe(page.items.length);
      const staffPage = await repo().list(staffScope, { ...filter, limit: 200 });
      if (filter.status !== CallStatus.PUBLISHED) expect(staffPage.items.some((c) => c.id === draftCallId)).toBe(true);
    });
  });

  describe('AllocationRoundRepository: staff only', () => {
    const repo = () => t.app.get(AllocationRoundRepository);

    it('a Träger gets no round by get, find, list, count or ofCall, under any filter', async () => {
      const round = await repo().ofCall(staffScope, callId);
      expect(round).not.toBeNull();
      await expect(repo().get(scopeA, round!.id)).rejects.toMatchObject({ status: 404 });
      expect(await repo().find(scopeB, round!.id)).toBeNull();
      expect(await repo().ofCall(scopeA, callId)).toBeNull();
      for (const filter of [{}, { callId }, { status: round!.status }]) {
        expect((await repo().list(scopeA, { ...filter, limit: 200 })).items).toEqual([]);
        expect(await repo().count(scopeA, filter)).toBe(0);
        expect(await repo().count(staffScope, filter)).toBeGreaterThan(0);
        expect(await repo().count(auditorScope, filter)).toBeGreaterThan(0);
      }
      await t.http().get(`/api/v1/calls/${callId}/allocation-round`).set(bearer(tokens.provider)).expect(403);
    });
  });

  describe('AttachmentRepository: a Träger sees its own organisation’s Anlagen', () => {
    const repo = () => t.app.get(AttachmentRepository);

    it('get and find: another Träger’s Anlage is a 404', async () => {
      await expect(repo().get(scopeA, attachmentsOf.B[0]!)).rejects.toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', status: 404 });
      expect(await repo().find(scopeA, attachmentsOf.B[1]!)).toBeNull();
      expect((await repo().get(scopeA, attachmentsOf.A[0]!)).organisationId).toBe(scopeA.organisationId);
      expect((await repo().get(staffScope, attachmentsOf.B[0]!)).organisationId).toBe(scopeB.organisationId);
      await t.http().get(`/api/v1/attachments/${attachmentsOf.B[0]}/file`).set(bearer(tokens.provider)).expect(404);
    });

    it('list and count under every filter never return the other Träger’s Anlagen', async () => {
      const filters: AttachmentFilter[] = [
        {},
        { ownerType: AttachmentOwnerType.APPLICATION },
        { ownerId: appsOf.B[0]! },
        { ownerId: appsOf.A[0]! },
        { kind: 'OTHER' },
        { ownerType: AttachmentOwnerType.APPLICATION, ownerId: appsOf.B[1]!, kind: 'OTHER' },
      ];
      for (const filter of filters) {
        const mine = await repo().list(scopeA, { ...filter, limit: 200 });
        expect(mine.items.every((a) => a.organisationId === scopeA.organisationId)).toBe(true);
        expect(mine.items.some((a) => attachmentsOf.B.includes(a.id))).toBe(false);
        expect(await repo().count(scopeA, filter)).toBe(mine.items.length);
        const all = await repo().list(staffScope, { ...filter, limit: 200 });
        if (filter.ownerId !== appsOf.A[0]) expect(all.items.some((a) => attachmentsOf.B.includes(a.id))).toBe(true);
      }
      // the list route of another Träger's Antrag answers 404 before any Anlage is read
      await t.http().get(`/api/v1/applications/${appsOf.B[0]}/attachments`).set(bearer(tokens.provider)).expect(404);
    });
  });
});
