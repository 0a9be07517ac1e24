/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, createBudgetYear } from './support/fixtures';
import { Tokens } from './support/flow';

const PROBLEM = /^application\/problem\+json/;
const NOW = '2026-11-25T10:00:00Z';
const URL = 'https://foerderfluss.example';

/**
 * Projektaufrufe over HTTP (issue 16 item 1): the list pages like every other list, a draft is
 * edited and published, a published call is never edited again but its Ausschlussfrist can be
 * extended with a reason (audited, every Träger told), and a call past its deadline reads
 * "Frist abgelaufen" on the business clock, not "veröffentlicht".
 */
describe('Projektaufrufe: list, edit, publish, extend, Frist abgelaufen', () => {
  let t: TestContext;
  let tk: Tokens;
  let yearId: string;
  const clock = () => t.clock as FixedClock;

  const body = (overrides: Record<string, unknown> = {}) => ({
    budgetYearId: yearId,
    title: 'Projektaufruf 2027: Soziale Beratung',
    text: 'Gefördert werden Beratungsangebote für anerkannte Geflüchtete.',
    openingDate: '2026-12-01',
    deadline: '2027-01-31',
    eligibleFieldsOfAction: ['LANGUAGE_EDUCATION', 'LABOUR_MARKET'],
    eligibleCostCategories: ['PERSONNEL', 'MATERIAL_ADMIN'],
    targetSocialAreas: ['ALTENBURG'],
    requiredAttachments: ['STATUTES'],
    budgetIndication: '250000.00',
    ...overrides,
  });

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const create = (overrides: Record<string, unknown> = {}) => ok(t.http().post('/api/v1/calls').set(bearer(tk.staff)).send(body(overrides)), 201);
  const publish = (id: string) => ok(t.http().post(`/api/v1/calls/${id}/publish`).set(bearer(tk.staff)));
  const read = (id: string, token = tk.staff) => ok(t.http().get(`/api/v1/calls/${id}`).set(bearer(token)));
  const list = (query: string, token = tk.staff) => ok(t.http().get(`/api/v1/calls?${query}`).set(bearer(token)));

  beforeAll(async () => {
    t = await createTestContext({ now: NOW, env: { APP_PUBLIC_URL: URL } });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all([
      t.login(DEMO.admin),
      t.login(DEMO.staff),
      t.login(DEMO.approver),
      t.login(DEMO.provider),
      t.login(DEMO.provider2),
      t.login(DEMO.auditor),
    ]);
    tk = { admin, staff, approver, provider, provider2, auditor };
    yearId = (await createBudgetYear(t, admin, 2027)).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  afterEach(() => clock().set(NOW));

  it('creates a draft with every field, the Richtwert as a decimal string, read back as it was sent', async () => {
    const c = await create();
    expect(c).toMatchObject({
      status: 'DRAFT',
      displayStatus: 'DRAFT',
      deadlinePassed: false,
      openForApplications: false,
      budgetYear: 2027,
      budgetIndication: '250000.00',
      eligibleFieldsOfAction: ['LANGUAGE_EDUCATION', 'LABOUR_MARKET'],
      eligibleCostCategories: ['PERSONNEL', 'MATERIAL_ADMIN'],
      targetSocialAreas: ['ALTENBURG'],
      requiredAttachments: ['STATUTES'],
      requiredAttachmentKinds: [{ kind: 'STATUTES', kindLabel: 'Satzung' }],
      originalDeadline: null,
      deadlineExtensionReason: null,
      allowedActions: ['update', 'publish'],
    });
    expect(await read(c.id)).toEqual(c);
    // Cleared with null, kept when omitted.
    expect((await ok(t.http().patch(`/api/v1/calls/${c.id}`).set(bearer(tk.staff)).send({ title: 'Neuer Titel' }))).budgetIndication).toBe('250000.00');
    const cleared = await ok(t.http().patch(`/api/v1/calls/${c.id}`).set(bearer(tk.staff)).send({ budgetIndication: null }));
    expect(cleared).toMatchObject({ title: 'Neuer Titel', budgetIndication: null, budgetYear: 2027 });
  });

  it('checks every code against the reference data and answers German field errors as problem+json', async () => {
    const res = await t
      .http()
      .post('/api/v1/calls')
      .set(bearer(tk.staff))
      .send(body({ eligibleFieldsOfAction: ['LABOUR_MARKET', 'ASTRONAUTICS'], eligibleCostCategories: ['INVESTMENT'], targetSocialAreas: ['ATLANTIS'], requiredAttachments: ['OTHER'] }))
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'eligibleFieldsOfAction[1]', message: 'Unbekanntes Handlungsfeld ASTRONAUTICS.' },
        { path: 'eligibleCostCategories[0]', message: expect.stringContaining('nicht zuwendungsfähig') },
        { path: 'targetSocialAreas[0]', message: 'Unbekannter Sozialraum ATLANTIS.' },
        { path: 'requiredAttachments[0]', message: expect.stringContaining('Unbekannte Pflichtanlage OTHER') },
      ]),
    );
    const money = await t.http().post('/api/v1/calls').set(bearer(tk.staff)).send(body({ budgetIndication: '-5.00' })).expect(400);
    expect(money.body.errors).toEqual([{ path: 'budgetIndication', message: expect.stringMatching(/negativ/) }]);
    const float = await t.http().post('/api/v1/calls').set(bearer(tk.staff)).send(body({ budgetIndication: 1000.5 })).expect(400);
    expect(float.body.errors.map((e: any) => e.path)).toEqual(['budgetIndication']);
  });

  it('refuses a deadline in the past and an empty title, with the message at the field', async () => {
    const past = await t.http().post('/api/v1/calls').set(bearer(tk.staff)).send(body({ openingDate: '2026-11-01', deadline: '2026-11-24' })).expect(400);
    expect(past.body.errors).toEqual([{ path: 'deadline', message: 'Die Ausschlussfrist darf nicht in der Vergangenheit liegen.' }]);
    const blank = await t.http().post('/api/v1/calls').set(bearer(tk.staff)).send(body({ title: '   ' })).expect(400);
    expect(blank.body.errors).toEqual([{ path: 'title', message: 'Bitte geben Sie einen Titel an.' }]);
    // Today itself is still a valid Ausschlussfrist (it runs to the end of the day).
    await create({ openingDate: '2026-11-25', deadline: '2026-11-25', title: 'Heute endend' });
  });

  it('a published call is never edited (409 in German); publishing a draft whose deadline has passed is refused', async () => {
    const c = await create({ title: 'Wird veröffentlicht' });
    const published = await publish(c.id);
    // It opens on 01.12.: published, but nobody can apply yet.
    expect(published).toMatchObject({ status: 'PUBLISHED', displayStatus: 'PUBLISHED', openForApplications: false, allowedActions: ['extend', 'close'] });
    expect(published.publishedAt).toBe(new Date(NOW).toISOString());
    const refused = await t.http().patch(`/api/v1/calls/${c.id}`).set(bearer(tk.staff)).send({ title: 'Geändert' }).expect(409);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.body).toMatchObject({ code: 'CALL_NOT_EDITABLE', detail: expect.stringContaining('kann nicht mehr geändert werden') });
    expect((await read(c.id)).title).toBe('Wird veröffentlicht');

    const stale = await create({ title: 'Liegengeblieben', openingDate: '2026-11-25', deadline: '2026-11-30' });
    clock().set('2026-12-01T08:00:00+01:00');
    // The button is not offered either; changing the draft (to a new deadline) still is.
    expect((await read(stale.id)).allowedActions).toEqual(['update']);
    const late = await t.http().post(`/api/v1/calls/${stale.id}/publish`).set(bearer(tk.staff)).expect(409);
    expect(late.body).toMatchObject({ code: 'CALL_DEADLINE_PASSED', detail: expect.stringContaining('30.11.2026'), errors: [{ path: 'deadline', message: expect.any(String) }] });
    expect((await read(stale.id)).status).toBe('DRAFT');
  });

  it('the Träger may read published calls only and change nothing (403)', async () => {
    const draft = await create({ title: 'Nur für das Amt' });
    const open = await publish((await create({ title: 'Für alle' })).id);
    await t.http().get(`/api/v1/calls/${draft.id}`).set(bearer(tk.provider)).expect(404);
    expect(await read(open.id, tk.provider)).toMatchObject({ title: 'Für alle', allowedActions: [] });
    const own = await list('limit=200', tk.provider);
    expect(own.items.some((c: any) => c.status === 'DRAFT')).toBe(false);
    await t.http().post('/api/v1/calls').set(bearer(tk.provider)).send(body()).expect(403);
    await t.http().patch(`/api/v1/calls/${open.id}`).set(bearer(tk.provider)).send({ title: 'x' }).expect(403);
    await t.http().post(`/api/v1/calls/${open.id}/extend`).set(bearer(tk.provider)).send({ deadline: '2027-03-31', reason: 'Wir brauchen mehr Zeit.' }).expect(403);
    await t.http().post(`/api/v1/calls/${open.id}/close`).set(bearer(tk.provider)).expect(403);
    await t.http().post(`/api/v1/calls/${open.id}/extend`).set(bearer(tk.approver)).send({ deadline: '2027-03-31', reason: 'x' }).expect(403);
    await t.http().post(`/api/v1/calls/${open.id}/extend`).set(bearer(tk.auditor)).send({ deadline: '2027-03-31', reason: 'x' }).expect(403);
    expect((await read(open.id)).deadline).toBe('2027-01-31');
  });

  describe('extending the Ausschlussfrist', () => {
    let id: string;
    const extend = (payload: Record<string, unknown>, token = tk.staff) => t.http().post(`/api/v1/calls/${id}/extend`).set(bearer(token)).send(payload);

    beforeAll(async () => {
      // No Pflichtanlage and the Kostenarten of the fixture's plan: an Antrag of it can be handed in.
      const c = await create({ title: 'Aufruf mit Verlängerung', deadline: '2026-12-15', requiredAttachments: [], eligibleCostCategories: ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES'] });
      id = (await publish(c.id)).id;
    });

    it('needs a reason and a later date that is not in the past', async () => {
      const none = await extend({ deadline: '2027-01-15' }).expect(400);
      expect(none.headers['content-type']).toMatch(PROBLEM);
      expect(new Set(none.body.errors.map((e: any) => e.path))).toEqual(new Set(['reason']));
      expect(none.body.errors).toContainEqual({ path: 'reason', message: 'Dieses Feld darf nicht leer sein.' });
      const blank = await extend({ deadline: '2027-01-15', reason: '   ' }).expect(400);
      expect(blank.body.errors).toEqual([{ path: 'reason', message: expect.stringContaining('Grund') }]);
      const earlier = await extend({ deadline: '2026-12-10', reason: 'Früher' }).expect(400);
      expect(earlier.body.errors).toEqual([{ path: 'deadline', message: 'Die neue Ausschlussfrist muss nach der bisherigen (15.12.2026) liegen.' }]);
      const same = await extend({ deadline: '2026-12-15', reason: 'Gleich' }).expect(400);
      expect(same.body.errors.map((e: any) => e.path)).toEqual(['deadline']);
      const draft = await create({ title: 'Entwurf' });
      const onDraft = await t.http().post(`/api/v1/calls/${draft.id}/extend`).set(bearer(tk.staff)).send({ deadline: '2027-02-28', reason: 'x' }).expect(409);
      expect(onDraft.body).toMatchObject({ code: 'CALL_NOT_EDITABLE', detail: expect.stringContaining('Entwurf') });
      expect((await read(id)).deadline).toBe('2026-12-15');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'call.extend' AND entity_id = $1`, [id])).rows[0].n).toBe(0);
    });

    it('after the old deadline has passed: the call reads "Frist abgelaufen", then is open again, audited, and every Träger is told', async () => {
      // 23:59 on the deadline in Berlin: still open.
      clock().set('2026-12-15T22:59:00Z');
      expect(await read(id, tk.provider)).toMatchObject({ deadlinePassed: false, displayStatus: 'PUBLISHED', openForApplications: true });
      // A Träger starts an Antrag on the last day …
      const app = await ok(t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(applicationBody(id, 2027)), 201);
      // … and the day is over in Berlin (still the 15th in UTC).
      clock().set('2026-12-15T23:00:00Z');
      const passed = await read(id, tk.provider);
      expect(passed).toMatchObject({ status: 'PUBLISHED', deadlinePassed: true, displayStatus: 'DEADLINE_PASSED', openForApplications: false });
      const inList = (await list('limit=200&deadlinePassed=true', tk.provider)).items.find((c: any) => c.id === id);
      expect(inList).toMatchObject({ displayStatus: 'DEADLINE_PASSED' });
      expect((await list('limit=200&deadlinePassed=false', tk.provider)).items.some((c: any) => c.id === id)).toBe(false);
      const refused = await t.http().post(`/api/v1/applications/${app.id}/submit`).set(bearer(tk.provider)).expect(409);
      expect(refused.body).toMatchObject({ code: 'APPLICATION_DEADLINE_PASSED', detail: expect.stringContaining('15.12.2026') });

      clock().set('2026-12-17T09:00:00+01:00');
      const past = await extend({ deadline: '2026-12-16', reason: 'Zu spät' }).expect(400);
      expect(past.body.errors).toEqual([{ path: 'deadline', message: expect.stringContaining('nicht in der Vergangenheit') }]);
      const extended = await ok(extend({ deadline: '2027-01-15', reason: '  Wegen der Feiertage erhalten alle Träger mehr Zeit.  ' }));
      expect(extended).toMatchObject({
        deadline: '2027-01-15',
        originalDeadline: '2026-12-15',
        deadlineExtensionReason: 'Wegen der Feiertage erhalten alle Träger mehr Zeit.',
        deadlineExtendedAt: new Date('2026-12-17T08:00:00Z').toISOString(),
        status: 'PUBLISHED',
        displayStatus: 'PUBLISHED',
        deadlinePassed: false,
        openForApplications: true,
        allowedActions: ['extend', 'close'],
      });

      const audit = (await t.db.query(`SELECT actor_email, before, after FROM audit_event WHERE action = 'call.extend' AND entity_id = $1`, [id])).rows;
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor_email: DEMO.staff,
        before: expect.objectContaining({ deadline: '2026-12-15', originalDeadline: null }),
        after: expect.objectContaining({ deadline: '2027-01-15', originalDeadline: '2026-12-15', reason: 'Wegen der Feiertage erhalten alle Träger mehr Zeit.' }),
      });

      // Every active user of every Träger, one notification and one mail each; nobody of the Kreis.
      const providerUsers = (await t.db.query(`SELECT email FROM app_user WHERE active AND 'PROVIDER' = ANY(roles) ORDER BY email`)).rows.map((r: any) => r.email);
      expect(providerUsers).toEqual(expect.arrayContaining([DEMO.provider, DEMO.provider2]));
      const mails = await t.db.query(
        `SELECT m.recipient, n.subject, n.body, n.link, n.due_date::text AS due FROM mail_outbox m JOIN notification n ON n.id = m.notification_id
          WHERE n.kind = 'CALL_DEADLINE_EXTENDED' AND n.entity_id = $1 ORDER BY m.recipient`,
        [id],
      );
      expect(mails.rows.map((r: any) => r.recipient)).toEqual(providerUsers);
      expect(mails.rows[0]).toMatchObject({
        subject: 'Frist verlängert: Aufruf mit Verlängerung – Anträge bis 15.01.2027',
        link: `${URL}/aufrufe/${id}`,
        due: '2027-01-15',
        body: expect.stringContaining('vom 15.12.2026 auf den 15.01.2027 verlängert'),
      });
      expect(mails.rows[0].body).toContain('Grund: Wegen der Feiertage erhalten alle Träger mehr Zeit.');
      for (const token of [tk.provider, tk.provider2]) {
        const seen = (await ok(t.http().get('/api/v1/notifications?limit=200').set(bearer(token)))).items.filter((n: any) => n.kind === 'CALL_DEADLINE_EXTENDED' && n.entityId === id);
        expect(seen).toHaveLength(1);
        expect(seen[0]).toMatchObject({ entity: 'FundingCall', reference: 'Aufruf mit Verlängerung', dueDate: '2027-01-15' });
      }
      const kreis = (await ok(t.http().get('/api/v1/notifications?limit=200').set(bearer(tk.staff)))).items.filter((n: any) => n.kind === 'CALL_DEADLINE_EXTENDED');
      expect(kreis).toEqual([]);

      // The Antrag started before can be handed in again; a second extension is told again and keeps the original deadline.
      await ok(t.http().post(`/api/v1/applications/${app.id}/submit`).set(bearer(tk.provider)));
      const again = await ok(extend({ deadline: '2027-01-31', reason: 'Noch einmal verlängert.' }));
      expect(again).toMatchObject({ deadline: '2027-01-31', originalDeadline: '2026-12-15', deadlineExtensionReason: 'Noch einmal verlängert.' });
      const told = await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'CALL_DEADLINE_EXTENDED' AND entity_id = $1`, [id]);
      expect(told.rows[0].n).toBe(providerUsers.length * 2);
    });

    it('closing is the end: no extension after it', async () => {
      await ok(t.http().post(`/api/v1/calls/${id}/close`).set(bearer(tk.staff)));
      const closed = await read(id, tk.provider);
      expect(closed).toMatchObject({ status: 'CLOSED', displayStatus: 'CLOSED', openForApplications: false });
      const res = await extend({ deadline: '2027-06-30', reason: 'Zu spät' }).expect(409);
      expect(res.body).toMatchObject({ code: 'CALL_NOT_EDITABLE', detail: expect.stringContaining('geschlossen') });
    });
  });

  describe('the list: {items, nextCursor}, paging, sorting, filters', () => {
    let year2: string;
    const titles = ['Gamma', 'alpha', 'Beta', 'Delta', 'Epsilon'];

    beforeAll(async () => {
      year2 = (await createBudgetYear(t, tk.admin, 2029)).id;
      for (const [i, title] of titles.entries()) {
        const c = await create({ budgetYearId: year2, title: `Liste ${title}`, deadline: `2027-0${i + 1}-15` });
        if (i % 2 === 0) {
          clock().set(`2026-11-2${5 + i}T10:00:00Z`);
          await publish(c.id);
        }
      }
      clock().set(NOW);
    });

    it('answers a page with items and nextCursor; following the cursor yields every call once', async () => {
      const first = await list(`budgetYearId=${year2}&limit=2`);
      expect(Object.keys(first).sort()).toEqual(['items', 'nextCursor']);
      expect(first.items).toHaveLength(2);
      expect(typeof first.nextCursor).toBe('string');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await list(`budgetYearId=${year2}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...page.items.map((c: any) => c.title));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      // Default: latest Ausschlussfrist first.
      expect(seen).toEqual(['Liste Epsilon', 'Liste Delta', 'Liste Beta', 'Liste alpha', 'Liste Gamma']);
    });

    it('sorts by title, deadline, publishedAt and budget year; an unknown field is a 400 naming the possible ones', async () => {
      const titlesBy = async (sort: string) => (await list(`budgetYearId=${year2}&limit=200&sort=${sort}`)).items.map((c: any) => c.title.replace('Liste ', ''));
      // Sorted by PostgreSQL (its collation decides upper and lower case), not by the browser.
      const collated = (await t.db.query(`SELECT title FROM funding_call WHERE budget_year_id = $1 ORDER BY title, id`, [year2])).rows.map((r: any) => r.title.replace('Liste ', ''));
      expect(await titlesBy('title')).toEqual(collated);
      expect(await titlesBy('-title')).toEqual([...collated].reverse());
      expect(await titlesBy('deadline')).toEqual(['Gamma', 'alpha', 'Beta', 'Delta', 'Epsilon']);
      expect(await titlesBy('-deadline')).toEqual(['Epsilon', 'Delta', 'Beta', 'alpha', 'Gamma']);
      // Drafts have no publication date and come first ascending; the published ones in the order they were published.
      const published = await titlesBy('publishedAt,title');
      expect(published.slice(2)).toEqual(['Gamma', 'Beta', 'Epsilon']);
      expect(await titlesBy('-publishedAt,title')).toEqual(['Epsilon', 'Beta', 'Gamma', ...published.slice(0, 2)]);
      // Paging over a sort with NULLs (drafts) keeps pages disjoint.
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await list(`budgetYearId=${year2}&limit=2&sort=publishedAt${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        paged.push(...page.items.map((c: any) => c.title));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(paged).size).toBe(5);
      const mixed = await list(`limit=200&sort=-budgetYear,title`);
      const years = mixed.items.map((c: any) => c.budgetYear);
      expect(years).toEqual([...years].sort((a: number, b: number) => b - a));
      const bad = await t.http().get('/api/v1/calls?sort=amount').set(bearer(tk.staff)).expect(400);
      expect(bad.headers['content-type']).toMatch(PROBLEM);
      expect(bad.body.errors[0]).toMatchObject({ path: 'sort', message: expect.stringContaining('deadline') });
    });

    it('filters by status, budget year and whether the deadline has passed', async () => {
      const drafts = await list(`budgetYearId=${year2}&status=DRAFT&limit=200`);
      expect(drafts.items.map((c: any) => c.title).sort()).toEqual(['Liste Delta', 'Liste alpha']);
      const published = await list(`budgetYearId=${year2}&status=PUBLISHED&limit=200`);
      expect(published.items).toHaveLength(3);
      expect(published.items.every((c: any) => c.budgetYearId === year2 && c.budgetYear === 2029)).toBe(true);
      // On 16.02.2027 the January deadlines have passed.
      clock().set('2027-02-16T09:00:00+01:00');
      const passed = await list(`budgetYearId=${year2}&status=PUBLISHED&deadlinePassed=true&limit=200`);
      expect(passed.items.map((c: any) => [c.title, c.displayStatus])).toEqual([['Liste Gamma', 'DEADLINE_PASSED']]);
      const running = await list(`budgetYearId=${year2}&status=PUBLISHED&deadlinePassed=false&limit=200`);
      expect(running.items.map((c: any) => [c.title, c.displayStatus])).toEqual([
        ['Liste Epsilon', 'PUBLISHED'],
        ['Liste Beta', 'PUBLISHED'],
      ]);
      // The Träger sees the same three published calls, never the drafts.
      const own = await list(`budgetYearId=${year2}&limit=200`, tk.provider);
      expect(own.items).toHaveLength(3);
      const badFlag = await t.http().get('/api/v1/calls?deadlinePassed=vielleicht').set(bearer(tk.staff)).expect(400);
      expect(badFlag.body.errors.map((e: any) => e.path)).toEqual(['deadlinePassed']);
    });
  });
});
