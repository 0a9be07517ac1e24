/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, Tokens, checkBody } from './support/flow';

/**
 * Issue 16 items 5 and 6 over HTTP, on the demo data: every staff list sorts, filters and pages on
 * the server, filters never leave the caller's scope, the search finds records across types within
 * it, and the two bulk steps (accept the rest of a sample, approve several payouts) keep the rules
 * of the single step.
 */

type Row = Record<string, any>;

/** When each decision was created (its list shows no date), at the millisecond precision the server sorts by. */
const decisionCreated = new Map<string, string>();

/** Every page of a list, following nextCursor with small pages. */
async function allPages(t: TestContext, token: string, url: string, limit = 2): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 500; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const res: { status: number; body: { items: Row[]; nextCursor: string | null } } = await t
      .http()
      .get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      .set(bearer(token));
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    rows.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return rows;
  }
  throw new Error(`${url}: more than 500 pages`);
}

/** "1234.5" → 123450n: amounts compared exactly. */
const cents = (v: string): bigint => {
  const negative = v.startsWith('-');
  const [i, f = ''] = v.replace(/^-/, '').split('.');
  const abs = BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2));
  return negative ? -abs : abs;
};

interface SortCase {
  key: string;
  read: (r: Row) => string;
  kind: 'unique' | 'date' | 'amount';
}

/** The lists, the id of a row as the list shows it, and the keys each must sort by. */
const LISTS: { path: string; sorts: SortCase[] }[] = [
  {
    path: '/api/v1/applications',
    sorts: [
      { key: 'reference', read: (r) => r.reference, kind: 'unique' },
      { key: 'periodStart', read: (r) => r.periodStart, kind: 'date' },
      { key: 'requestedAmount', read: (r) => r.totals.requestedAmount, kind: 'amount' },
      // computed (a draft was never submitted: last), its cursor value read from the database
      { key: 'submittedAt', read: (r) => r.firstSubmittedAt ?? '9999', kind: 'date' },
    ],
  },
  {
    path: '/api/v1/decisions',
    sorts: [
      { key: 'reference', read: (r) => r.reference, kind: 'unique' },
      { key: 'createdAt', read: (r) => decisionCreated.get(r.id)!, kind: 'date' },
      { key: 'maxAmount', read: (r) => r.maxAmount, kind: 'amount' },
    ],
  },
  {
    path: '/api/v1/payment-requests',
    sorts: [
      { key: 'reference', read: (r) => r.reference, kind: 'unique' },
      { key: 'requestedValueDate', read: (r) => r.requestedValueDate, kind: 'date' },
      { key: 'requestedAmount', read: (r) => r.requestedAmount, kind: 'amount' },
      // computed (not yet checked: first), its cursor value read from the database
      { key: 'checkedAmount', read: (r) => r.checkedAmount ?? '-1', kind: 'amount' },
    ],
  },
  {
    path: '/api/v1/disbursements',
    sorts: [
      { key: 'reference', read: (r) => r.paymentRequestReference, kind: 'unique' },
      { key: 'requestedValueDate', read: (r) => r.requestedValueDate, kind: 'date' },
      { key: 'amount', read: (r) => r.amount, kind: 'amount' },
    ],
  },
  {
    path: '/api/v1/payment-files',
    sorts: [
      { key: 'reference', read: (r) => r.messageId, kind: 'unique' },
      { key: 'executionDate', read: (r) => r.executionDate, kind: 'date' },
      { key: 'controlSum', read: (r) => r.controlSum, kind: 'amount' },
    ],
  },
  {
    path: '/api/v1/proofs-of-use',
    sorts: [
      { key: 'reference', read: (r) => r.reference, kind: 'unique' },
      { key: 'submittedAt', read: (r) => r.submittedAt ?? '9999', kind: 'date' },
      { key: 'actualCosts', read: (r) => r.actualCosts, kind: 'amount' },
    ],
  },
  {
    path: '/api/v1/recoveries',
    sorts: [
      { key: 'reference', read: (r) => r.reference, kind: 'unique' },
      { key: 'dueDate', read: (r) => r.dueDate, kind: 'date' },
      { key: 'principal', read: (r) => r.principal, kind: 'amount' },
    ],
  },
  {
    path: '/api/v1/organisations',
    sorts: [
      { key: 'reference', read: (r) => r.code ?? '', kind: 'unique' },
      { key: 'name', read: (r) => r.name, kind: 'unique' },
      { key: 'createdAt', read: (r) => r.createdAt, kind: 'date' },
    ],
  },
];

/**
 * What each filter must give, written independently of the repositories as SQL on the tables: the
 * ids of the rows a staff member sees under `<filter>` (all rows: staff see the whole Kreis).
 */
const DUE_OF_PROOF = `(SELECT CASE WHEN p.kind = 'FINAL' THEN v.proof_due ELSE (SELECT (e->>'due')::date FROM jsonb_array_elements(v.interim_proofs_due) e WHERE (e->>'year')::int = p.covered_year) END
                       FROM decision_version v WHERE v.decision_id = d.id AND v.version_no = d.current_version_no)`;
const EXPECTED: Record<string, { from: string; statuses: string[]; filters: Record<string, string> }> = {
  '/api/v1/applications': {
    statuses: ['APPROVED,SUBMITTED', 'REJECTED'],
    from: 'application a JOIN funding_call c ON c.id = a.call_id JOIN budget_year y ON y.id = c.budget_year_id',
    filters: { status: 'a.status = ANY($1)', providerId: 'a.provider_id = $1', fieldOfAction: '$1 = ANY(a.fields_of_action)', socialArea: 'a.social_area_code = $1', budgetYear: 'y.year = $1' },
  },
  '/api/v1/decisions': {
    statuses: ['IN_FORCE,CLOSED', 'PROPOSED'],
    from: 'decision a JOIN decision d ON d.id = a.id JOIN budget_year y ON y.id = d.budget_year_id',
    filters: {
      status: 'a.status = ANY($1)',
      providerId: 'a.provider_id = $1',
      fieldOfAction: 'd.field_of_action_code = $1',
      socialArea: 'd.social_area_code = $1',
      budgetYear: 'y.year = $1',
      dueAfter: '(SELECT v.proof_due FROM decision_version v WHERE v.decision_id = d.id AND v.version_no = d.current_version_no) >= $1::date',
      dueBefore: '(SELECT v.proof_due FROM decision_version v WHERE v.decision_id = d.id AND v.version_no = d.current_version_no) <= $1::date',
    },
  },
  '/api/v1/payment-requests': {
    statuses: ['PAID', 'CHECKED,SUBMITTED'],
    from: 'payment_request a JOIN decision d ON d.id = a.decision_id JOIN budget_year y ON y.id = a.budget_year_id',
    filters: {
      status: 'a.status = ANY($1)',
      providerId: 'a.provider_id = $1',
      fieldOfAction: 'd.field_of_action_code = $1',
      socialArea: 'd.social_area_code = $1',
      budgetYear: 'y.year = $1',
      dueAfter: 'a.requested_value_date >= $1::date',
      dueBefore: 'a.requested_value_date <= $1::date',
    },
  },
  '/api/v1/disbursements': {
    statuses: ['PAID', 'APPROVED'],
    from: 'disbursement a JOIN decision d ON d.id = a.decision_id JOIN budget_year y ON y.id = a.budget_year_id',
    filters: {
      status: 'a.status = ANY($1)',
      providerId: 'a.provider_id = $1',
      fieldOfAction: 'd.field_of_action_code = $1',
      socialArea: 'd.social_area_code = $1',
      budgetYear: 'y.year = $1',
      dueAfter: 'a.requested_value_date >= $1::date',
      dueBefore: 'a.requested_value_date <= $1::date',
    },
  },
  '/api/v1/payment-files': {
    statuses: ['BOOKED', 'CREATED'],
    from: 'payment_file a',
    filters: { status: 'a.status = ANY($1)', dueAfter: 'a.execution_date >= $1::date', dueBefore: 'a.execution_date <= $1::date' },
  },
  '/api/v1/proofs-of-use': {
    statuses: ['SETTLED', 'DRAFT,SUBMITTED'],
    from: 'proof_of_use a JOIN proof_of_use p ON p.id = a.id JOIN decision d ON d.id = a.decision_id JOIN budget_year y ON y.id = a.budget_year_id',
    filters: {
      status: 'a.status = ANY($1)',
      providerId: 'a.provider_id = $1',
      fieldOfAction: 'd.field_of_action_code = $1',
      socialArea: 'd.social_area_code = $1',
      budgetYear: 'y.year = $1',
      dueAfter: `${DUE_OF_PROOF} >= $1::date`,
      dueBefore: `${DUE_OF_PROOF} <= $1::date`,
    },
  },
  '/api/v1/recoveries': {
    statuses: ['OPEN', 'SETTLED,PARTIALLY_PAID'],
    from: 'recovery a JOIN decision d ON d.id = a.decision_id JOIN budget_year y ON y.id = d.budget_year_id',
    filters: {
      status: 'a.status = ANY($1)',
      providerId: 'a.provider_id = $1',
      fieldOfAction: 'd.field_of_action_code = $1',
      socialArea: 'd.social_area_code = $1',
      budgetYear: 'y.year = $1',
      dueAfter: 'a.due_date >= $1::date',
      dueBefore: 'a.due_date <= $1::date',
    },
  },
};

describe('lists, search and bulk steps on the demo data', () => {
  let t: TestContext;
  let tk: Tokens;
  let ownOrg: string;
  let otherOrg: string;

  beforeAll(async () => {
    t = await createTestContext();
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const orgs = (await t.db.query(`SELECT u.email, u.organisation_id FROM app_user u WHERE u.email = ANY($1)`, [[DEMO.provider, DEMO.provider2]])).rows as { email: string; organisation_id: string }[];
    ownOrg = orgs.find((o) => o.email === DEMO.provider)!.organisation_id;
    const created = await t.db.query(`SELECT id, to_char(date_trunc('milliseconds', created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at FROM decision`);
    for (const r of created.rows as { id: string; at: string }[]) decisionCreated.set(r.id, r.at);
    otherOrg = orgs.find((o) => o.email === DEMO.provider2)!.organisation_id;
  });
  afterAll(() => t.close());

  describe.each(LISTS)('$path', ({ path, sorts }) => {
    it.each(sorts.map((s) => s.key))('sorts by %s both ways; pages of two carry every row once, in the order of one big page', async (key) => {
      const sort = sorts.find((s) => s.key === key)!;
      const everything = (await allPages(t, tk.staff, path, 200)).map((r) => r.id).sort();
      expect(everything.length).toBeGreaterThan(0);
      for (const dir of ['', '-']) {
        const paged = await allPages(t, tk.staff, `${path}?sort=${dir}${key}`);
        const onePage = await allPages(t, tk.staff, `${path}?sort=${dir}${key}`, 200);
        expect(paged.map((r) => r.id)).toEqual(onePage.map((r) => r.id));
        expect(new Set(paged.map((r) => r.id)).size).toBe(paged.length);
        expect([...paged.map((r) => r.id)].sort()).toEqual(everything);
        const values = paged.map(sort.read);
        for (let i = 1; i < values.length; i++) {
          const [a, b] = [values[i - 1]!, values[i]!];
          const order = sort.kind === 'amount' ? (cents(a) < cents(b) ? -1 : cents(a) > cents(b) ? 1 : 0) : sort.kind === 'date' ? (a < b ? -1 : a > b ? 1 : 0) : 0;
          if (sort.kind !== 'unique') expect({ key: `${dir}${key}`, a, b, inOrder: dir === '-' ? order >= 0 : order <= 0 }).toMatchObject({ inOrder: true });
        }
      }
      if (sort.kind === 'unique') {
        // Unique keys: descending is ascending backwards (the id tie-break never decides).
        const up = (await allPages(t, tk.staff, `${path}?sort=${key}`)).map((r) => r.id);
        const down = (await allPages(t, tk.staff, `${path}?sort=-${key}`)).map((r) => r.id);
        expect(down).toEqual([...up].reverse());
      }
    });

    it('refuses an unknown sort key with 400 at path sort, naming it and the possible keys in German', async () => {
      const res = await t.http().get(`${path}?sort=reference,-geheim`).set(bearer(tk.staff)).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual([{ path: 'sort', message: expect.stringContaining('Nach „geheim“ kann diese Liste nicht sortiert werden. Möglich: ') }]);
      expect(res.body.errors[0].message).toContain(sorts[0]!.key);
    });

    it('a cursor of another sort is a 400 at path cursor, not a wrong page', async () => {
      const first = (await t.http().get(`${path}?sort=${sorts[0]!.key}&limit=1`).set(bearer(tk.staff)).expect(200)).body;
      if (!first.nextCursor) return expect(first.items.length).toBeLessThanOrEqual(1);
      const res = await t.http().get(`${path}?sort=-${sorts[1]!.key}&cursor=${encodeURIComponent(first.nextCursor)}`).set(bearer(tk.staff)).expect(400);
      expect(res.body.errors).toEqual([{ path: 'cursor', message: expect.stringContaining('Sortierung') }]);
    });
  });

  const FILTER_VALUES: Record<string, string[]> = {
    providerId: ['<own>', '<other>'],
    fieldOfAction: ['LANGUAGE_EDUCATION', 'POLITICAL_SOCIAL_PARTICIPATION'],
    socialArea: ['SCHMOELLN_SPROTTENTAL', 'MEUSELWITZ_LUCKA_ROSITZ'],
    budgetYear: ['2026', '2025'],
    dueAfter: ['2026-03-10', '2026-11-01'],
    dueBefore: ['2026-03-10', '2026-12-31'],
  };

  it.each(Object.keys(EXPECTED))('%s: every filter gives exactly the rows the tables say (staff), several statuses at once', async (path) => {
    const { from, statuses, filters } = EXPECTED[path]!;
    const all = (await allPages(t, tk.staff, path, 200)).length;
    let narrowed = 0;
    for (const [name, where] of Object.entries(filters)) {
      for (const raw of name === 'status' ? statuses : FILTER_VALUES[name]!) {
        const value = raw === '<own>' ? ownOrg : raw === '<other>' ? otherOrg : raw;
        const param = name === 'status' ? value.split(',') : name === 'budgetYear' ? Number(value) : value;
        // The staff's Kreis only (issue 20: the demo has three Kreise, the template holds the others' Anträge).
        const expected = (
          (await t.db.query(`SELECT a.id FROM ${from} WHERE ${where} AND a.district_id = (SELECT organisation_id FROM app_user WHERE email = $2)`, [param, DEMO.staff])).rows as { id: string }[]
        )
          .map((r) => r.id)
          .sort();
        const got = (await allPages(t, tk.staff, `${path}?${name}=${encodeURIComponent(value)}`, 200)).map((r) => r.id).sort();
        expect({ path, name, value, got }).toEqual({ path, name, value, got: expected });
        if (got.length < all) narrowed++;
      }
    }
    // The values are chosen so that filters do narrow on the demo data (no filter is a no-op by accident).
    expect(narrowed).toBeGreaterThan(0);
  });

  it('filters combine (AND) and statuses combine (OR)', async () => {
    const both = await allPages(t, tk.staff, `/api/v1/payment-requests?status=PAID,CHECKED&providerId=${ownOrg}`, 200);
    const expected = (await t.db.query(`SELECT id FROM payment_request WHERE status IN ('PAID', 'CHECKED') AND provider_id = $1`, [ownOrg])).rows.map((r: any) => r.id).sort();
    expect(both.map((r) => r.id).sort()).toEqual(expected);
    expect(new Set(both.map((r) => r.status))).toEqual(new Set(['PAID', 'CHECKED']));
  });

  it('unknown filter values are a 400 at their path, in German', async () => {
    const cases: [string, string, RegExp][] = [
      ['/api/v1/applications?status=SUBMITTED,GEHEIM', 'status', /Erlaubt sind nur diese Werte/],
      ['/api/v1/decisions?fieldOfAction=GIBT_ES_NICHT', 'fieldOfAction', /Ein Handlungsfeld „GIBT_ES_NICHT“ gibt es nicht/],
      ['/api/v1/payment-requests?socialArea=MOND', 'socialArea', /Einen Sozialraum „MOND“ gibt es nicht/],
      ['/api/v1/proofs-of-use?budgetYear=zwanzig', 'budgetYear', /ganze Zahl/],
      ['/api/v1/recoveries?dueBefore=2026-02-30', 'dueBefore', /Datum/],
      ['/api/v1/disbursements?providerId=keine-id', 'providerId', /UUID/],
      ['/api/v1/applications?q=%00', 'q', /Steuerzeichen/],
    ];
    for (const [url, path, message] of cases) {
      const res = await t.http().get(url).set(bearer(tk.staff));
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]));
    }
  });

  it('old parameters keep working: socialAreaCode, budgetYearId, proofDueFrom/To, single status', async () => {
    const yearId = (await t.db.query(`SELECT id FROM budget_year WHERE year = 2026 AND district_id = (SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND')`)).rows[0].id as string;
    const a = await allPages(t, tk.staff, `/api/v1/applications?socialAreaCode=ALTENBURG&budgetYearId=${yearId}&status=APPROVED`, 200);
    expect(a.map((r) => r.reference).sort()).toEqual(['A-2026-0001']);
    const d = await allPages(t, tk.staff, '/api/v1/decisions?proofDueFrom=2026-01-01&proofDueTo=2026-12-31', 200);
    const viaDue = await allPages(t, tk.staff, '/api/v1/decisions?dueAfter=2026-01-01&dueBefore=2026-12-31', 200);
    expect(d.map((r) => r.id).sort()).toEqual(viaDue.map((r) => r.id).sort());
  });

  it('a Träger filtering by another Träger gets an empty list on every list; its own filters stay within its records', async () => {
    for (const path of [...Object.keys(EXPECTED).filter((p) => p !== '/api/v1/payment-files'), '/api/v1/organisations']) {
      expect({ path, rows: await allPages(t, tk.provider, `${path}?providerId=${otherOrg}`, 200) }).toEqual({ path, rows: [] });
      const own = await allPages(t, tk.provider, `${path}?providerId=${ownOrg}`, 200);
      const mine = await allPages(t, tk.provider, path, 200);
      expect({ path, own: own.map((r) => r.id).sort() }).toEqual({ path, own: mine.map((r) => r.id).sort() });
      for (const r of mine) expect({ path, owner: r.providerId ?? r.id }).toEqual({ path, owner: ownOrg });
    }
    // Even a filter that matches only the other Träger's records shows nothing of them.
    const other = await allPages(t, tk.provider, '/api/v1/applications?socialArea=SCHMOELLN_SPROTTENTAL', 200);
    expect(other.every((r) => r.providerId === ownOrg)).toBe(true);
    await t.http().get('/api/v1/payment-files').set(bearer(tk.provider)).expect(403);
  });

  describe('GET /api/v1/search', () => {
    const search = async (token: string, q: string) => {
      const res = await t.http().get(`/api/v1/search?q=${encodeURIComponent(q)}`).set(bearer(token));
      if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.items as { type: string; id: string; reference: string; title: string; organisationName: string | null; status: string }[];
    };

    it('staff find every type of a case by its Aktenzeichen, case-insensitively, the exact number first', async () => {
      const hits = await search(tk.staff, 'ff-2026-0007');
      expect(new Set(hits.map((h) => h.type))).toEqual(new Set(['DECISION', 'SETTLEMENT', 'PAYMENT_REQUEST', 'PROOF_OF_USE', 'RECOVERY']));
      expect(hits[0]).toMatchObject({ type: 'DECISION', reference: 'FF-2026-0007', title: 'Lernbegleitung Schmölln (1. Halbjahr 2026)', status: 'IN_FORCE' });
      expect(hits.find((h) => h.type === 'RECOVERY')).toMatchObject({ reference: 'FF-2026-0007/R', status: 'OPEN' });
      expect(hits.every((h) => h.organisationName === 'Jugendhilfe Pleißetal e.V. (Demo)')).toBe(true);
    });

    it('finds by Antragsnummer, by title and by the Träger’s name', async () => {
      expect((await search(tk.staff, 'A-2026-0012')).map((h) => [h.type, h.reference])).toEqual(expect.arrayContaining([['APPLICATION', 'A-2026-0012']]));
      const byTitle = await search(tk.staff, 'frauencafé');
      expect(byTitle.map((h) => `${h.type} ${h.reference}`)).toEqual(expect.arrayContaining(['APPLICATION A-2026-0012', 'DECISION FF-2026-0008', 'PAYMENT_REQUEST FF-2026-0008/1']));
      const byName = await search(tk.staff, 'Katholischer Sozialdienst');
      expect(byName.some((h) => h.type === 'ORGANISATION' && h.id === otherOrg)).toBe(true);
      expect(byName.filter((h) => h.type !== 'ORGANISATION').every((h) => h.organisationName?.startsWith('Katholischer Sozialdienst'))).toBe(true);
      expect(byName.some((h) => h.type === 'APPLICATION')).toBe(true);
    });

    it('a Träger never finds another Träger’s record, whatever it searches for', async () => {
      const otherNames = (await t.db.query(`SELECT name FROM organisation WHERE id = $1`, [otherOrg])).rows[0].name as string;
      for (const q of ['FF-2026', 'A-2026', 'Demo', otherNames.slice(0, 12), 'FF-2026-0003', 'Psychosoziale']) {
        const hits = await search(tk.provider, q);
        for (const h of hits) expect({ q, type: h.type, reference: h.reference, organisationName: h.organisationName }).toMatchObject({ organisationName: 'Evangelisches Sozialwerk Pleißenland e.V. (Demo)' });
      }
      expect(await search(tk.provider, 'FF-2026-0003')).toEqual([]);
      expect(await search(tk.provider2, 'Frauencafé')).toEqual([]);
      // …and finds its own.
      expect((await search(tk.provider2, 'FF-2026-0003')).map((h) => h.type)).toEqual(expect.arrayContaining(['DECISION', 'PAYMENT_REQUEST']));
      // Not a proposal that was never issued: FF-2026-0002 is proposed, its Träger sees the Antrag only.
      const proposalOwner = (await t.db.query(`SELECT u.email FROM decision d JOIN app_user u ON u.organisation_id = d.provider_id WHERE d.reference = 'FF-2026-0002' LIMIT 1`)).rows[0];
      if (proposalOwner) {
        const token = await t.login(proposalOwner.email);
        expect((await search(token, 'FF-2026-0002')).filter((h) => h.type === 'DECISION')).toEqual([]);
      }
    });

    it('% and _ are characters, not wildcards; limit caps the hits', async () => {
      expect(await search(tk.staff, '%%')).toEqual([]);
      expect((await search(tk.staff, 'A_2026')).filter((h) => h.type === 'APPLICATION')).toEqual([]);
      const few = (await t.http().get('/api/v1/search?q=2026&limit=3').set(bearer(tk.staff)).expect(200)).body.items;
      expect(few).toHaveLength(3);
      const many = (await t.http().get('/api/v1/search?q=2026').set(bearer(tk.staff)).expect(200)).body.items;
      expect(many).toHaveLength(20);
    });

    it('refuses a term under two characters, a NUL byte or a missing term with 400 in German', async () => {
      for (const [url, message] of [
        ['/api/v1/search?q=F', /mindestens 2 Zeichen/],
        ['/api/v1/search?q=%20F%20', /mindestens 2 Zeichen/],
        ['/api/v1/search?q=FF%00', /Steuerzeichen/],
        ['/api/v1/search', /erforderlich/],
      ] as const) {
        const res = await t.http().get(url).set(bearer(tk.staff));
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'q', message: expect.stringMatching(message) })]));
      }
    });
  });

  describe('POST /api/v1/payment-requests/approve (bulk, each under four eyes)', () => {
    it('approves the checked one, refuses the one its approver checked, the one in a wrong state and an unknown one, each with its reason', async () => {
      const byRef = async (reference: string) => (await t.db.query(`SELECT id, status FROM payment_request WHERE reference = $1`, [reference])).rows[0] as { id: string; status: string };
      const approverId = (await t.db.query(`SELECT id FROM app_user WHERE email = $1`, [DEMO.approver])).rows[0].id as string;
      const checked = await byRef('FF-2026-0001/2');
      const ownCheck = await byRef('FF-2026-0004/2');
      const draft = await byRef('FF-2026-0003/2');
      expect([checked.status, ownCheck.status, draft.status]).toEqual(['CHECKED', 'SUBMITTED', 'DRAFT']);
      await t.http().post(`/api/v1/payment-requests/${ownCheck.id}/check`).set(bearer(tk.staff)).send(checkBody()).expect(200);
      // The approver did the sachliche Prüfung of this one (a second role of the same person).
      await t.db.query(`UPDATE payment_request SET checked_by = $2 WHERE id = $1`, [ownCheck.id, approverId]);
      const unknown = '7d1f1f7e-0b6a-4f57-9a1e-3d3c3b0b9a11';
      const auditBefore = Number((await t.db.query(`SELECT count(*) FROM audit_event WHERE action = 'payment-request.approve'`)).rows[0].count);

      const res = await t.http().post('/api/v1/payment-requests/approve').set(bearer(tk.approver)).send({ ids: [checked.id, ownCheck.id, draft.id, unknown] }).expect(200);
      expect(res.body).toMatchObject({ approved: 1, refused: 3 });
      expect(res.body.items).toEqual([
        { id: checked.id, outcome: 'APPROVED', reference: 'FF-2026-0001/2', amount: '15500.00', code: null, detail: null },
        { id: ownCheck.id, outcome: 'REFUSED', reference: 'FF-2026-0004/2', amount: null, code: 'PAYMENT_SAME_APPROVER', detail: 'Sie haben diesen Mittelabruf selbst geprüft. Nach dem Vier-Augen-Prinzip muss eine andere Person die Auszahlung freigeben.' },
        { id: draft.id, outcome: 'REFUSED', reference: 'FF-2026-0003/2', amount: null, code: 'PAYMENT_REQUEST_ILLEGAL_TRANSITION', detail: expect.stringContaining('Entwurf') },
        { id: unknown, outcome: 'REFUSED', reference: null, amount: null, code: 'PAYMENT_REQUEST_NOT_FOUND', detail: 'Der Mittelabruf wurde nicht gefunden.' },
      ]);
      // The approved one went the way of a single approval (payout, audit); the refused ones are as they were.
      expect((await byRef('FF-2026-0001/2')).status).toBe('APPROVED');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM disbursement WHERE payment_request_id = $1`, [checked.id])).rows[0].n).toBe(1);
      expect([(await byRef('FF-2026-0004/2')).status, (await byRef('FF-2026-0003/2')).status]).toEqual(['CHECKED', 'DRAFT']);
      expect(Number((await t.db.query(`SELECT count(*) FROM audit_event WHERE action = 'payment-request.approve'`)).rows[0].count)).toBe(auditBefore + 1);
    });

    it('is for approvers only, at most 100 ids, each once', async () => {
      const id = '7d1f1f7e-0b6a-4f57-9a1e-3d3c3b0b9a12';
      await t.http().post('/api/v1/payment-requests/approve').set(bearer(tk.staff)).send({ ids: [id] }).expect(403);
      await t.http().post('/api/v1/payment-requests/approve').set(bearer(tk.provider)).send({ ids: [id] }).expect(403);
      const twice = await t.http().post('/api/v1/payment-requests/approve').set(bearer(tk.approver)).send({ ids: [id, id] }).expect(400);
      expect(twice.body.errors[0]).toMatchObject({ path: 'ids', message: 'Jeder Eintrag darf nur einmal vorkommen.' });
      const tooMany = Array.from({ length: 101 }, (_, i) => `7d1f1f7e-0b6a-4f57-9a1e-${String(i).padStart(12, '0')}`);
      const res = await t.http().post('/api/v1/payment-requests/approve').set(bearer(tk.approver)).send({ ids: tooMany }).expect(400);
      expect(res.body.errors[0]).toMatchObject({ path: 'ids', message: 'Bitte höchstens 100 Einträge angeben.' });
      await t.http().post('/api/v1/payment-requests/approve').set(bearer(tk.approver)).send({ ids: [] }).expect(400);
    });
  });
});

describe('POST /api/v1/proofs-of-use/{id}/review/receipts/accept-remaining', () => {
  let t: TestContext;
  let tk: Tokens;
  let proofId: string;
  const clock = () => t.clock as FixedClock;
  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const acceptRemaining = (token: string) => t.http().post(`/api/v1/proofs-of-use/${proofId}/review/receipts/accept-remaining`).set(bearer(token));
  const receiptEvents = async () =>
    (await t.db.query(`SELECT after FROM audit_event WHERE action = 'proof.review.receipt' AND entity = 'ProofOfUse' AND entity_id = $1 ORDER BY id`, [proofId])).rows.map(
      (r: any) => r.after as { receiptId: string; outcome: string },
    );

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00' });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const y = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
    const call = await createPublishedCall(t, tk.staff, y.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    const decisionId = (await approvedDecision(t, tk, { yearId: y.id, callId: call.id, year: 2025, application: { periodEnd: '2025-06-30' } })).id;
    clock().set('2025-07-20T10:00:00+02:00');
    proofId = (await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId, kind: 'FINAL' }), 201)).id;
    await ok(
      t
        .http()
        .patch(`/api/v1/proofs-of-use/${proofId}`)
        .set(bearer(tk.provider))
        .send({ narrative: { measure: 'Sozialberatung', goalsAchieved: 'erreicht', targetGroupReached: 'ja', deviations: 'keine', indicators: [] } }),
    );
    for (let i = 1; i <= 30; i++) {
      await ok(
        t
          .http()
          .post(`/api/v1/proofs-of-use/${proofId}/receipts`)
          .set(bearer(tk.provider))
          .send({ receiptNumber: `M-${i}`, receiptDate: '2025-03-10', paymentDate: '2025-03-12', counterparty: 'Vermieter', reason: 'Miete', direction: 'EXPENSE', costCategory: 'MATERIAL_ADMIN', grossAmount: `${100 + i}.00` }),
        201,
      );
    }
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/submit`).set(bearer(tk.provider)));
  });
  afterAll(() => t.close());

  it('is refused (409, German) before the review and before the sample is drawn', async () => {
    const early = await acceptRemaining(tk.staff).expect(409);
    expect(early.body.detail).toBe('Der Verwendungsnachweis ist nicht (mehr) in Prüfung.');
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review`).set(bearer(tk.staff)), 201);
    const noSample = await acceptRemaining(tk.staff).expect(409);
    expect(noSample.body).toMatchObject({ code: 'PROOF_ILLEGAL_STATE', detail: 'Es ist noch keine Stichprobe gezogen. Erst die Stichprobe ziehen, dann ihre Belege anerkennen.' });
    expect(await receiptEvents()).toEqual([]);
  });

  it('accepts every sampled Beleg still open in one step, one audit event per Beleg like the single decision; decided and unsampled ones stay as they are', async () => {
    const review = await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/sample`).set(bearer(tk.staff)).send({ seed: 'sammelannahme' }));
    expect(review.sampleSize).toBeGreaterThanOrEqual(3);
    expect(review.openSampleReceipts).toBe(review.sampleSize);
    const sampled = (await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}/receipts?inSample=true&limit=200`).set(bearer(tk.staff)))).items as any[];
    const [reduced, ...rest] = sampled;
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/receipts/${reduced.id}`).set(bearer(tk.staff)).send({ outcome: 'REDUCED', amount: '50.00', note: 'nur zur Hälfte belegt' }));
    expect((await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}/review`).set(bearer(tk.staff)))).openSampleReceipts).toBe(rest.length);

    await acceptRemaining(tk.provider).expect(403);
    await acceptRemaining(tk.approver).expect(403);
    expect(await ok(acceptRemaining(tk.staff))).toEqual({ accepted: rest.length });

    const after = (await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}/receipts?limit=200`).set(bearer(tk.staff)))).items as any[];
    for (const r of after) {
      if (r.id === reduced.id) expect(r).toMatchObject({ reviewStatus: 'REDUCED', recognisedAmount: '50.00' });
      else if (rest.some((x) => x.id === r.id)) expect(r).toMatchObject({ reviewStatus: 'RECOGNISED', recognisedAmount: r.eligibleAmount, reviewNote: null });
      else expect(r).toMatchObject({ inSample: false, reviewStatus: 'OPEN' });
    }
    const events = await receiptEvents();
    expect(events).toHaveLength(1 + rest.length);
    expect(events[0]).toMatchObject({ receiptId: reduced.id, outcome: 'REDUCED' });
    expect(events.slice(1)).toEqual(rest.map((r) => ({ receiptId: r.id, outcome: 'RECOGNISED', amount: null, note: null })));
    // Nothing left: a second step accepts none and records nothing.
    expect(await ok(acceptRemaining(tk.staff))).toEqual({ accepted: 0 });
    expect(await receiptEvents()).toHaveLength(1 + rest.length);
  });

  it('the Belegliste pages by cursor (the page’s ids first, then its rows): every Beleg once, in order, in the caller’s scope', async () => {
    const url = `/api/v1/proofs-of-use/${proofId}/receipts`;
    const staffPages = await allPages(t, tk.staff, url, 7);
    expect(staffPages.map((r) => r.position)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(staffPages.map((r) => r.id)).size).toBe(30);
    // The Träger pages through its own VN alike; another Träger does not see it.
    expect((await allPages(t, tk.provider, url, 4)).map((r) => r.id)).toEqual(staffPages.map((r) => r.id));
    await t.http().get(`${url}?limit=5`).set(bearer(tk.provider2)).expect(404);
    // A filter pages the same way.
    const sampled = await allPages(t, tk.staff, `${url}?inSample=true`, 2);
    expect(sampled.length).toBeGreaterThanOrEqual(3);
    expect(sampled.every((r) => r.inSample)).toBe(true);
    expect(sampled.map((r) => r.position)).toEqual(staffPages.filter((r) => r.inSample).map((r) => r.position));
  });

  it('is refused (409) once the Prüfvermerk is completed', async () => {
    await ok(t.http().put(`/api/v1/proofs-of-use/${proofId}/review/cursory`).set(bearer(tk.staff)).send({ complete: true, plausible: true, purposeAchieved: true }));
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/complete`).set(bearer(tk.staff)).send({ conclusion: 'nachgewiesen' }));
    const res = await acceptRemaining(tk.staff).expect(409);
    expect(res.body.detail).toMatch(/nicht \(mehr\) in Prüfung|abgeschlossen/);
  });
});
