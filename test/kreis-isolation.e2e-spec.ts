import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_TYPES, type ExportType } from '@foerderfluss/exports';
import { bearer, createTestContext, DEMO, type TestContext } from './support/harness';
import { applicationBody, createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, type Tokens } from './support/flow';

/**
 * Issue 20, test "Isolation matrix": two Kreise × every role × every GET route of the OpenAPI
 * document (and every export type) → nothing of the other Kreis. The route list comes from
 * docs/openapi.json, so a new GET route is checked at once, or fails here until it is handled.
 */

const OPENAPI = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>> };

/** GET routes that hold no Kreis's records (reference data, the caller itself, operations of the install, public health). */
const NOT_KREIS_DATA = new Set([
  '/api/v1/auth/mfa',
  '/api/v1/auth/me',
  '/api/v1/reference/fields-of-action',
  '/api/v1/reference/cost-categories',
  '/api/v1/reference/attachment-kinds',
  '/api/v1/programmes',
  '/api/v1/programmes/{programme}',
  '/api/v1/programmes/{programme}/parameters',
  '/api/v1/base-rates',
  '/api/v1/indicators',
  '/api/v1/indicators/{id}',
  '/api/v1/indicators/{id}/versions',
  '/api/v1/indicator-targets',
  '/api/v1/health/live',
  '/api/v1/health/ready',
  '/api/v1/health',
  '/api/v1/audit-events/verify',
  '/api/v1/audit-events/checkpoints',
  '/api/v1/audit-events/verifications',
  '/api/v1/audit-events/verifications/{id}',
  '/api/v1/admin/queues',
  '/api/v1/admin/jobs',
  '/api/v1/admin/jobs/{queue}/{id}',
  '/api/v1/admin/mail-catchall',
  '/api/v1/admin/mail-catchall/{id}',
  // Public feeds: one Kreis's grants by `district` code (open-data.e2e-spec.ts); its admin routes are checked below.
  '/api/v1/open-data/360giving',
  '/api/v1/open-data/360giving.csv',
]);

/** The table whose row a path's `{id}` names, by the path's first segment(s). */
const ID_TABLE: [RegExp, string][] = [
  [/^\/api\/v1\/users\//, 'app_user'],
  // The Kreis itself (its overview and settings) and the Land's records about it.
  [/^\/api\/v1\/districts\//, 'district'],
  [/^\/api\/v1\/state-grants\//, 'state_grant'],
  [/^\/api\/v1\/state-proof-reviews\//, 'state_proof_review'],
  [/^\/api\/v1\/organisations\//, 'organisation'],
  [/^\/api\/v1\/budget-years\//, 'budget_year'],
  [/^\/api\/v1\/state-proofs\//, 'budget_year'],
  [/^\/api\/v1\/calls\//, 'funding_call'],
  [/^\/api\/v1\/applications\//, 'application'],
  [/^\/api\/v1\/decisions\//, 'decision'],
  [/^\/api\/v1\/payment-requests\//, 'payment_request'],
  [/^\/api\/v1\/payment-files\//, 'payment_file'],
  [/^\/api\/v1\/proofs-of-use\//, 'proof_of_use'],
  [/^\/api\/v1\/settlements\//, 'settlement'],
  [/^\/api\/v1\/recoveries\//, 'recovery'],
  [/^\/api\/v1\/attachments\//, 'attachment'],
  [/^\/api\/v1\/letters\//, 'generated_document'],
  [/^\/api\/v1\/exports\//, 'export_job'],
  [/^\/api\/v1\/cases\//, 'application'],
  [/^\/api\/v1\/history\//, 'application'],
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Aktenzeichen: A-2026-0003, FF-2026-0004/1, FF-2026-0006/VN … */
const REFERENCE = /\b[A-Z]{1,4}-\d{4}-\d{3,6}(?:\/[A-Z0-9]+)?/g;

interface Side {
  name: string;
  districtId: string;
  tokens: Record<'ADMIN' | 'STAFF' | 'APPROVER' | 'AUDITOR' | 'PROVIDER', string>;
  /** Ids (and Aktenzeichen) of this Kreis's records and people the other Kreis must never see. */
  ids: Set<string>;
  /** Published calls (and their budget year's id they name) are open to every Träger, whatever the Kreis. */
  callIds: Set<string>;
  references: Set<string>;
  /** One row id of this Kreis per table, for the detail routes of the other Kreis. */
  sample: Map<string, string>;
}

describe('Kreis isolation matrix (issue 20)', () => {
  let t: TestContext;
  let home: Side;
  let second: Side;
  let sharedProvider: string;
  let secondOnlyProvider: string;
  let sharedApplicationInSecond: string;

  async function copyUser(fromEmail: string, email: string, name: string, roles: string[], organisationId: string): Promise<string> {
    return (
      await t.db.query(
        `INSERT INTO app_user SELECT (jsonb_populate_record(NULL::app_user, to_jsonb(u) || jsonb_build_object('id', gen_random_uuid(), 'email', $2::text, 'display_name', $3::text, 'roles', $4::text[], 'organisation_id', $5::uuid))).*
           FROM app_user u WHERE u.email = $1 RETURNING id`,
        [fromEmail, email, name, roles, organisationId],
      )
    ).rows[0].id;
  }

  async function recordsOf(districtId: string): Promise<{ ids: Set<string>; callIds: Set<string>; references: Set<string>; sample: Map<string, string> }> {
    const tables = (
      await t.db.query(
        `SELECT c.relname AS name, EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_name = c.relname AND i.column_name = 'reference') AS has_ref
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity
            AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_name = c.relname AND i.column_name = 'id')`,
      )
    ).rows as { name: string; has_ref: boolean }[];
    const ids = new Set<string>();
    const callIds = new Set<string>();
    const references = new Set<string>();
    const sample = new Map<string, string>();
    for (const table of tables) {
      const rows = (await t.db.query(`SELECT id::text AS id${table.has_ref ? ', reference' : ''} FROM "${table.name}" WHERE district_id = $1 ORDER BY id`, [districtId])).rows;
      for (const r of rows) {
        ids.add(r.id);
        if (table.name === 'funding_call' || table.name === 'budget_year') callIds.add(r.id);
        if (r.reference) references.add(r.reference);
      }
      if (rows[0]) sample.set(table.name, rows[0].id);
    }
    for (const extra of [
      `SELECT id::text AS id FROM attachment a WHERE EXISTS (SELECT 1 FROM application x WHERE x.id = a.owner_id AND x.district_id = $1) OR EXISTS (SELECT 1 FROM proof_of_use x WHERE x.id = a.owner_id AND x.district_id = $1)`,
      `SELECT id::text AS id FROM export_job WHERE district_id = $1`,
      `SELECT id::text AS id FROM app_user WHERE organisation_id = $1`,
    ]) {
      const rows = (await t.db.query(extra, [districtId])).rows;
      for (const r of rows) ids.add(r.id);
      const table = extra.match(/FROM (\w+)/)![1]!;
      if (rows[0]) sample.set(table, rows[0].id);
    }
    sample.set('district', districtId);
    return { ids, callIds, references, sample };
  }

  beforeAll(async () => {
    t = await createTestContext({ now: '2026-11-25T10:00:00Z' });
    const homeId = (await t.db.query(`SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND'`)).rows[0].id;
    const secondId = (
      await t.db.query(
        `INSERT INTO organisation (kind, code, name, street, postal_code, city, active, bank_account_status) VALUES ('DISTRICT', 'DISTRICT_ISOLATION_TEST', 'Landkreis Isolation – Landratsamt', 'Dr.-Rathenau-Platz 11', '07973', 'Greiz', true, 'MISSING') RETURNING id`,
      )
    ).rows[0].id;
    sharedProvider = (await t.db.query(`SELECT organisation_id AS id FROM app_user WHERE email = $1`, [DEMO.provider])).rows[0].id;
    secondOnlyProvider = (
      await t.db.query(`INSERT INTO organisation (kind, name, city, active, bank_account_status) VALUES ('PROVIDER', 'Zweiter Kreis e. V.', 'Greiz', true, 'MISSING') RETURNING id`)
    ).rows[0].id;
    await copyUser(DEMO.admin, 'admin.iso@example.org', 'Iso Admin', ['ADMIN'], secondId);
    await copyUser(DEMO.staff, 'staff.iso@example.org', 'Iso Sachbearbeitung', ['STAFF'], secondId);
    await copyUser(DEMO.approver, 'approver.iso@example.org', 'Iso Zeichnung', ['APPROVER'], secondId);
    await copyUser(DEMO.auditor, 'auditor.iso@example.org', 'Iso Prüfung', ['AUDITOR'], secondId);
    await copyUser(DEMO.provider, 'traeger.iso@example.org', 'Iso Träger', ['PROVIDER'], secondOnlyProvider);

    const secondTokens = {
      ADMIN: await t.login('admin.iso@example.org'),
      STAFF: await t.login('staff.iso@example.org'),
      APPROVER: await t.login('approver.iso@example.org'),
      AUDITOR: await t.login('auditor.iso@example.org'),
      PROVIDER: await t.login('traeger.iso@example.org'),
    };
    const homeTokens = {
      ADMIN: await t.login(DEMO.admin),
      STAFF: await t.login(DEMO.staff),
      APPROVER: await t.login(DEMO.approver),
      AUDITOR: await t.login(DEMO.auditor),
      PROVIDER: await t.login(DEMO.provider2),
    };
    const sharedToken = await t.login(DEMO.provider);

    // The second Kreis's staff set up their year and call; the shared Träger gets a Bescheid there,
    // the second Kreis's own Träger an Antrag.
    const year = await createBudgetYear(t, secondTokens.ADMIN, 2027);
    const call = await createPublishedCall(t, secondTokens.STAFF, year.id, { openingDate: '2026-11-01', deadline: '2026-12-15' });
    const tk: Tokens = { admin: secondTokens.ADMIN, staff: secondTokens.STAFF, approver: secondTokens.APPROVER, provider: sharedToken, provider2: secondTokens.PROVIDER, auditor: secondTokens.AUDITOR };
    const decision = await approvedDecision(t, tk, { yearId: year.id, callId: call.id, year: 2027, application: { title: 'Beratung im zweiten Kreis' } });
    sharedApplicationInSecond = decision.applicationId;
    const own = await t.http().post('/api/v1/applications').set(bearer(secondTokens.PROVIDER)).send(applicationBody(call.id, 2027, { title: 'Eigenes Projekt im zweiten Kreis' }));
    expect(own.status).toBe(201);
    await t.http().post(`/api/v1/applications/${own.body.id}/submit`).set(bearer(secondTokens.PROVIDER)).expect(200);
    // An export of each Kreis, so the export routes have a record of the other Kreis to refuse.
    for (const token of [secondTokens.STAFF, homeTokens.STAFF]) {
      await t.http().post('/api/v1/exports').set(bearer(token)).send({ type: 'APPROVALS', format: 'csv' }).expect(202);
    }

    const homeRecords = await recordsOf(homeId);
    const secondRecords = await recordsOf(secondId);
    // The Träger of the second Kreis only is the second Kreis's; the shared one belongs to both (never foreign).
    secondRecords.ids.add(secondOnlyProvider);
    secondRecords.sample.set('organisation', secondOnlyProvider);
    homeRecords.sample.set('organisation', (await t.db.query(`SELECT organisation_id AS id FROM app_user WHERE email = $1`, [DEMO.provider2])).rows[0].id);
    home = { name: 'Altenburger Land', districtId: homeId, tokens: homeTokens, ...homeRecords };
    second = { name: 'Landkreis Isolation – Landratsamt', districtId: secondId, tokens: secondTokens, ...secondRecords };
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Ids named in the access.denied events of this Kreis's people (what they asked for, not what they got). */
  async function probed(me: Side): Promise<Set<string>> {
    const rows = (await t.db.query(`SELECT entity_id || coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_event WHERE action = 'access.denied' AND district_id = $1`, [me.districtId])).rows;
    return new Set(rows.flatMap((r: { text: string }) => r.text.match(UUID) ?? []));
  }

  /** Ids and Aktenzeichen of `other` in `body`, except those in `allowed` (the id the request itself named). */
  function leaks(body: string, other: Side, allowed: ReadonlySet<string> = new Set()): string[] {
    const found = new Set<string>();
    for (const id of body.match(UUID) ?? []) if (other.ids.has(id) && !allowed.has(id)) found.add(id);
    for (const ref of body.match(REFERENCE) ?? []) if (other.references.has(ref)) found.add(ref);
    return [...found];
  }

  function getRoutes(): { path: string; query: string[] }[] {
    return Object.entries(OPENAPI.paths)
      .filter(([, ops]) => ops.get)
      .map(([path, ops]) => ({ path, query: (ops.get!.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name) }));
  }

  function queryFor(route: { query: string[] }): string {
    const values: Record<string, string> = { q: 'Beratung', year: '2027' };
    const parts = route.query.map((name) => {
      if (!(name in values)) throw new Error(`no value for the required query parameter ${name}`);
      return `${name}=${encodeURIComponent(values[name]!)}`;
    });
    return parts.length ? `?${parts.join('&')}` : '';
  }

  it('every GET route is either checked or listed as holding no Kreis data', () => {
    for (const route of getRoutes()) {
      if (NOT_KREIS_DATA.has(route.path)) continue;
      const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      if (params.length > 0) expect([route.path, ID_TABLE.some(([re]) => re.test(route.path))]).toEqual([route.path, true]);
      expect(() => queryFor(route)).not.toThrow();
    }
  });

  for (const [mine, theirs] of [
    ['home', 'second'],
    ['second', 'home'],
  ] as const) {
    for (const role of ['ADMIN', 'STAFF', 'APPROVER', 'AUDITOR', 'PROVIDER'] as const) {
      it(`${mine} Kreis, ${role}: no GET route shows a record of the other Kreis; its details answer 404`, async () => {
        const me = mine === 'home' ? home : second;
        const other = theirs === 'home' ? home : second;
        const problems: string[] = [];
        for (const route of getRoutes()) {
          if (NOT_KREIS_DATA.has(route.path)) continue;
          let path = route.path;
          const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
          let detail = false;
          if (params.length > 0) {
            const table = ID_TABLE.find(([re]) => re.test(route.path))![1];
            const id = other.sample.get(table);
            if (!id) continue; // the other Kreis has no such record
            detail = true;
            path = path
              .replace('{type}', 'APPLICATION')
              .replace('{versionNo}', '1')
              .replace('{importId}', '00000000-0000-4000-8000-000000000000')
              .replace(/\{(id|budgetYearId)\}/, id);
          }
          const res = await t.http().get(`${path}${queryFor(route)}`).set(bearer(me.tokens[role]));
          const body = res.text ?? '';
          const allowed = new Set<string>(path.match(UUID) ?? []);
          // The log of one's own Kreis names what its people probed of the other Kreis (access.denied): that is no leak.
          if (route.path === '/api/v1/audit-events') for (const id of await probed(me)) allowed.add(id);
          if (role === 'PROVIDER') for (const id of other.callIds) allowed.add(id);
          const found = leaks(body, other, allowed);
          if (found.length > 0) problems.push(`${route.path}: ${res.status} shows ${found.slice(0, 3).join(', ')}`);
          if (detail && res.status < 300 && !(role === 'PROVIDER' && other.callIds.has(path.match(UUID)?.[0] ?? ''))) problems.push(`${route.path}: ${res.status} for the other Kreis's record`);
          if (res.status >= 500) problems.push(`${route.path}: ${res.status}`);
        }
        expect(problems).toEqual([]);
      });
    }
  }

  it('the main details of the other Kreis answer 404 (not 403), and writes on them 404', async () => {
    const cases: [string, string][] = [
      ['/api/v1/applications/', 'application'],
      ['/api/v1/decisions/', 'decision'],
      ['/api/v1/calls/', 'funding_call'],
      ['/api/v1/budget-years/', 'budget_year'],
      ['/api/v1/proofs-of-use/', 'proof_of_use'],
      ['/api/v1/payment-requests/', 'payment_request'],
      ['/api/v1/recoveries/', 'recovery'],
    ];
    for (const [me, other] of [
      [second, home],
      [home, second],
    ] as const) {
      for (const [prefix, table] of cases) {
        const id = other.sample.get(table);
        if (!id) continue;
        const res = await t.http().get(`${prefix}${id}`).set(bearer(me.tokens.STAFF));
        expect([prefix, other.name, res.status]).toEqual([prefix, other.name, 404]);
      }
      const application = other.sample.get('application')!;
      await t.http().post(`/api/v1/applications/${application}/start-review`).set(bearer(me.tokens.STAFF)).expect(404);
      await t.http().post(`/api/v1/applications/${application}/comments`).set(bearer(me.tokens.STAFF)).send({ text: 'fremd', visibleToProvider: false }).expect(404);
      await t.http().post(`/api/v1/decisions/${other.sample.get('decision')!}/approve`).set(bearer(me.tokens.APPROVER)).expect(404);
      await t.http().patch(`/api/v1/calls/${other.sample.get('funding_call')!}`).set(bearer(me.tokens.STAFF)).send({ title: 'übernommen' }).expect(404);
      await t.http().patch(`/api/v1/organisations/${other === second ? secondOnlyProvider : home.sample.get('organisation')!}`).set(bearer(me.tokens.ADMIN)).send({ name: 'übernommen' }).expect(404);
    }
  });

  it('a call cannot be filed under another Kreis’s budget year: 400 at budgetYearId in German, nothing stored', async () => {
    for (const [me, other] of [
      [second, home],
      [home, second],
    ] as const) {
      const foreignYear = other.sample.get('budget_year')!;
      const before = (await t.db.query('SELECT count(*)::int AS n FROM funding_call')).rows[0].n as number;
      const res = await t
        .http()
        .post('/api/v1/calls')
        .set(bearer(me.tokens.STAFF))
        .send({
          budgetYearId: foreignYear,
          title: 'Aufruf im fremden Haushaltsjahr',
          text: 'Darf es nicht geben.',
          openingDate: '2027-01-01',
          deadline: '2027-03-31',
          eligibleFieldsOfAction: ['LABOUR_MARKET'],
          eligibleCostCategories: ['PERSONNEL'],
          targetSocialAreas: [],
        })
        .expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([{ path: 'budgetYearId', message: 'Dieses Haushaltsjahr gibt es nicht.' }]));
      expect((await t.db.query('SELECT count(*)::int AS n FROM funding_call')).rows[0].n).toBe(before);
    }
  });

  it('the Träger active in both Kreise sees its records of both, each labelled with its Kreis; the districtId filter narrows', async () => {
    const token = await t.login(DEMO.provider);
    const all = await t.http().get('/api/v1/applications?limit=200').set(bearer(token)).expect(200);
    const byKreis = new Map<string, Set<string>>();
    for (const a of all.body.items as { districtId: string; districtName: string }[]) {
      byKreis.set(a.districtId, (byKreis.get(a.districtId) ?? new Set()).add(a.districtName));
    }
    expect(byKreis.get(second.districtId)).toEqual(new Set([second.name]));
    expect(byKreis.get(home.districtId)).toEqual(new Set(['Landkreis Altenburger Land – Landratsamt']));
    const detail = await t.http().get(`/api/v1/applications/${sharedApplicationInSecond}`).set(bearer(token)).expect(200);
    expect(detail.body).toMatchObject({ districtId: second.districtId, districtName: second.name });
    const decisions = await t.http().get(`/api/v1/decisions?districtId=${second.districtId}`).set(bearer(token)).expect(200);
    expect(decisions.body.items.length).toBeGreaterThan(0);
    expect(decisions.body.items.every((d: { districtName: string }) => d.districtName === second.name)).toBe(true);
    const homeOnly = await t.http().get(`/api/v1/applications?districtId=${home.districtId}&limit=200`).set(bearer(token)).expect(200);
    expect(homeOnly.body.items.some((a: { id: string }) => a.id === sharedApplicationInSecond)).toBe(false);
    // The Kreis staff see the Träger registered there (by its Antrag), the other Kreis's own Träger not.
    const orgs = await t.http().get('/api/v1/organisations?kind=PROVIDER&limit=200').set(bearer(second.tokens.STAFF)).expect(200);
    const names = (orgs.body.items as { id: string }[]).map((o) => o.id);
    expect(names).toContain(sharedProvider);
    expect(names).toContain(secondOnlyProvider);
    const homeOrgs = await t.http().get('/api/v1/organisations?kind=PROVIDER&limit=200').set(bearer(home.tokens.STAFF)).expect(200);
    expect((homeOrgs.body.items as { id: string }[]).map((o) => o.id)).not.toContain(secondOnlyProvider);
  });

  it('the Sozialräume: a Kreis’s staff get their own whatever districtId says, the Träger all or one Kreis’s; districtId=kaputt is a 400 in German', async () => {
    await t.db.query(`INSERT INTO social_area (code, name, municipalities, sort_order, district_id) VALUES ('ISO_MITTE', 'Isolation Mitte', '{Greiz}', 1, $1)`, [second.districtId]);
    const codesOf = async (token: string, query = ''): Promise<string[]> =>
      ((await t.http().get(`/api/v1/reference/social-areas${query}`).set(bearer(token)).expect(200)).body as { code: string }[]).map((a) => a.code);
    const homeCodes = (await t.db.query(`SELECT code FROM social_area WHERE district_id = $1 AND active ORDER BY sort_order`, [home.districtId])).rows.map((r: { code: string }) => r.code);
    expect(homeCodes.length).toBeGreaterThan(0);

    expect(await codesOf(second.tokens.STAFF)).toEqual(['ISO_MITTE']);
    expect(await codesOf(home.tokens.STAFF, `?districtId=${second.districtId}`)).toEqual(homeCodes);
    const provider = await t.login(DEMO.provider);
    expect(await codesOf(provider)).toEqual(expect.arrayContaining([...homeCodes, 'ISO_MITTE']));
    expect(await codesOf(provider, `?districtId=${second.districtId}`)).toEqual(['ISO_MITTE']);

    const broken = await t.http().get('/api/v1/reference/social-areas?districtId=kaputt').set(bearer(provider)).expect(400);
    expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(broken.body.errors).toEqual([{ path: 'districtId', message: 'Bitte eine gültige ID (UUID) angeben.' }]);
  });

  it('every export type of a Kreis holds nothing of the other Kreis', async () => {
    const worker = await t.startWorker();
    try {
      const secondYear = second.sample.get('budget_year')!;
      const homeYear = (await t.db.query(`SELECT id FROM budget_year WHERE district_id = $1 AND year = 2026`, [home.districtId])).rows[0].id;
      const problems: string[] = [];
      for (const [me, other, yearId] of [
        [second, home, secondYear],
        [home, second, homeYear],
      ] as const) {
        for (const type of EXPORT_TYPES as readonly ExportType[]) {
          const format = type === 'ANNUAL_REPORT' ? 'xlsx' : 'csv';
          const filters = type === 'BUDGET' || type === 'STATE_PROOF' ? { budgetYearId: yearId } : type === 'ANNUAL_REPORT' ? { year: me === second ? 2027 : 2026 } : {};
          const token = type === 'AUDIT_LOG' ? me.tokens.ADMIN : me.tokens.STAFF;
          const created = await t.http().post('/api/v1/exports').set(bearer(token)).send({ type, format, filters });
          if (created.status !== 202) {
            problems.push(`${type}: ${created.status} ${JSON.stringify(created.body)}`);
            continue;
          }
          let status = created.body.status as string;
          for (let i = 0; i < 200 && (status === 'QUEUED' || status === 'RUNNING'); i++) {
            await new Promise((r) => setTimeout(r, 100));
            status = (await t.http().get(`/api/v1/exports/${created.body.id}`).set(bearer(token))).body.status;
          }
          if (status !== 'COMPLETED') {
            problems.push(`${type}: ${status}`);
            continue;
          }
          if (format !== 'csv') continue; // the Jahresbericht is a zipped workbook: its figures come from monitoring and budget figures, checked above
          const file = await t.http().get(`/api/v1/exports/${created.body.id}/file`).set(bearer(token)).buffer(true).parse((res, cb) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => cb(null, Buffer.concat(chunks)));
          });
          const found = leaks((file.body as Buffer).toString('utf8'), other, type === 'AUDIT_LOG' ? await probed(me) : new Set());
          if (found.length > 0) problems.push(`${type} of ${me.name}: ${found.slice(0, 3).join(', ')}`);
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await t.stopWorker(worker);
    }
  });
});
