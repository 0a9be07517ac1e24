import { runWithTenancy, type Tenancy } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import type { EntityManager } from 'typeorm';
import { createTestContext, type TestContext } from './support/harness';

/**
 * Issue 20, test "RLS": row-level security as the last line, below the repositories. Every query
 * here is raw SQL without a Kreis filter, run by the app (application role, no BYPASSRLS) inside
 * `TransactionRunner.run` with the tenancy a request of that Kreis would have.
 */
describe('row-level security per Kreis (issue 20)', () => {
  let t: TestContext;
  let tx: TransactionRunner;
  let home: string;
  let other: string;
  let otherYear: string;
  let otherCall: string;
  let rlsTables: string[];

  const inTenancy = <T>(tenancy: Tenancy | null, work: (em: EntityManager) => Promise<T>): Promise<T> =>
    tenancy ? runWithTenancy(tenancy, () => tx.run(work)) : tx.run(work);
  const kreis = (districtId: string): Tenancy => ({ districtId, state: false });

  beforeAll(async () => {
    t = await createTestContext();
    tx = t.app.get(TransactionRunner);
    home = (await t.db.query(`SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND'`)).rows[0].id;
    other = (
      await t.db.query(`INSERT INTO organisation (kind, code, name, city, active, bank_account_status) VALUES ('DISTRICT', 'DISTRICT_RLS_TEST', 'Landkreis RLS – Landratsamt', 'Greiz', true, 'MISSING') RETURNING id`)
    ).rows[0].id;
    // A budget year and a call of the second Kreis: copies of the home Kreis's rows (owner SQL, no RLS).
    otherYear = (
      await t.db.query(
        `INSERT INTO budget_year SELECT (jsonb_populate_record(NULL::budget_year, to_jsonb(b) || jsonb_build_object('id', gen_random_uuid(), 'district_id', $1::uuid, 'year', 2091))).*
           FROM budget_year b WHERE b.district_id = $2 ORDER BY b.year LIMIT 1 RETURNING id`,
        [other, home],
      )
    ).rows[0].id;
    otherCall = (
      await t.db.query(
        `INSERT INTO funding_call SELECT (jsonb_populate_record(NULL::funding_call, to_jsonb(c) || jsonb_build_object('id', gen_random_uuid(), 'district_id', $1::uuid, 'budget_year_id', $2::uuid))).*
           FROM funding_call c WHERE c.district_id = $3 LIMIT 1 RETURNING id`,
        [other, otherYear, home],
      )
    ).rows[0].id;
    rlsTables = (
      await t.db.query(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity ORDER BY 1`)
    ).rows.map((r: { name: string }) => r.name);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('covers every table holding a Kreis’s records', () => {
    for (const table of ['budget_year', 'social_area', 'payment_file', 'funding_call', 'application', 'decision', 'decision_version', 'payment_request', 'disbursement', 'proof_of_use', 'receipt', 'recovery', 'settlement', 'generated_document', 'state_drawdown', 'state_proof']) {
      expect(rlsTables).toContain(table);
    }
  });

  it('a raw SELECT without a Kreis filter in a Kreis transaction returns no row of the other Kreis, for every RLS table', async () => {
    let homeRowsHidden = 0;
    for (const table of rlsTables) {
      const all = (await t.db.query(`SELECT count(*) FILTER (WHERE district_id = $1)::int AS home, count(*) FILTER (WHERE district_id = $2)::int AS other FROM "${table}"`, [home, other])).rows[0];
      const seenByOther = await inTenancy(kreis(other), (em) => em.query(`SELECT count(*) FILTER (WHERE district_id <> $1)::int AS foreign, count(*)::int AS n FROM "${table}"`, [other]));
      expect({ table, foreign: seenByOther[0].foreign }).toEqual({ table, foreign: 0 });
      expect({ table, n: seenByOther[0].n }).toEqual({ table, n: all.other });
      const seenByHome = await inTenancy(kreis(home), (em) => em.query(`SELECT count(*) FILTER (WHERE district_id <> $1)::int AS foreign, count(*)::int AS n FROM "${table}"`, [home]));
      expect({ table, foreign: seenByHome[0].foreign }).toEqual({ table, foreign: 0 });
      expect({ table, n: seenByHome[0].n }).toEqual({ table, n: all.home });
      homeRowsHidden += all.home;
    }
    // The demo seed's history gives the home Kreis rows in many tables: the check above is not vacuous.
    expect(homeRowsHidden).toBeGreaterThan(50);
    const seen = await inTenancy(kreis(home), (em) => em.query(`SELECT id FROM budget_year WHERE id = $1`, [otherYear]));
    expect(seen).toEqual([]);
  });

  it('an INSERT of a row of another Kreis is refused', async () => {
    await expect(
      inTenancy(kreis(home), (em) =>
        em.query(
          `INSERT INTO budget_year SELECT (jsonb_populate_record(NULL::budget_year, to_jsonb(b) || jsonb_build_object('id', gen_random_uuid(), 'district_id', $1::uuid, 'year', 2092))).* FROM budget_year b WHERE b.district_id = $2 LIMIT 1`,
          [other, home],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM budget_year WHERE year = 2092`)).rows[0].n).toBe(0);
  });

  it('an UPDATE or DELETE of another Kreis’s row changes nothing', async () => {
    const before = (await t.db.query(`SELECT title FROM funding_call WHERE id = $1`, [otherCall])).rows[0].title;
    await inTenancy(kreis(home), async (em) => {
      await em.query(`UPDATE funding_call SET title = 'übernommen' WHERE id = $1`, [otherCall]);
      await em.query(`DELETE FROM funding_call WHERE id = $1`, [otherCall]);
    });
    expect((await t.db.query(`SELECT title FROM funding_call WHERE id = $1`, [otherCall])).rows[0].title).toBe(before);
    // Moving an own row into the other Kreis is refused too (WITH CHECK).
    const ownCall = (await t.db.query(`SELECT id FROM funding_call WHERE district_id = $1 LIMIT 1`, [home])).rows[0].id;
    await expect(inTenancy(kreis(home), (em) => em.query(`UPDATE funding_call SET district_id = $1 WHERE id = $2`, [other, ownCall]))).rejects.toThrow(/row-level security/);
  });

  it('the trigger refuses a child whose explicit Kreis differs from its parent’s, and fills it in when left out', async () => {
    const homeYear = (await t.db.query(`SELECT id FROM budget_year WHERE district_id = $1 LIMIT 1`, [home])).rows[0].id;
    const copy = `INSERT INTO funding_call SELECT (jsonb_populate_record(NULL::funding_call, to_jsonb(c) || jsonb_build_object('id', gen_random_uuid(), 'budget_year_id', $1::uuid, 'district_id', $2::uuid))).*
                    FROM funding_call c WHERE c.id = $3 RETURNING id, district_id`;
    await expect(inTenancy(null, (em) => em.query(copy, [homeYear, other, otherCall]))).rejects.toThrow(/differs from its parent/);
    // The system (no tenancy) inserting a child with no Kreis: it takes its parent's.
    const rows = await inTenancy(null, (em) =>
      em.query(
        `INSERT INTO funding_call SELECT (jsonb_populate_record(NULL::funding_call, (to_jsonb(c) - 'district_id') || jsonb_build_object('id', gen_random_uuid(), 'budget_year_id', $1::uuid))).*
           FROM funding_call c WHERE c.id = $2 RETURNING district_id`,
        [otherYear, otherCall],
      ),
    );
    expect(rows[0].district_id).toBe(other);
  });

  it('a Beleg takes its VN’s Kreis, and its trigger refuses another Kreis and a VN the transaction cannot see', async () => {
    // A demo Beleg of the home Kreis as the template (owner SQL, no RLS); each insert gets a fresh id and position.
    const template = (await t.db.query(`SELECT to_jsonb(r) - 'district_id' AS row FROM receipt r WHERE r.district_id = $1 ORDER BY r.proof_id, r.position LIMIT 1`, [home])).rows[0]?.row;
    expect(template).toBeDefined();
    // receipt has a trigger function of its own (the bulk table); the rules are the generic one's.
    const fn = (await t.db.query(`SELECT tgfoid::regproc::text AS fn FROM pg_trigger WHERE tgrelid = 'receipt'::regclass AND tgname = 'ff_assign_district'`)).rows[0]?.fn;
    expect(fn).toBe('ff_assign_district_receipt');
    let position = 900000;
    const insert = (em: EntityManager, district: string | null) =>
      em.query(
        `INSERT INTO receipt SELECT (jsonb_populate_record(NULL::receipt, $1::jsonb || jsonb_build_object('id', gen_random_uuid(), 'position', $2::int, 'district_id', $3::uuid))).* RETURNING id, district_id`,
        [template, position++, district],
      );
    // The home Kreis's staff, Kreis left out: the VN's.
    const [made] = await inTenancy(kreis(home), (em) => insert(em, null));
    expect(made.district_id).toBe(home);
    // (It stays: Belege are kept for their retention period, and this database is the file's own clone.)
    // The system (no tenancy) naming another Kreis than the VN's.
    await expect(inTenancy(null, (em) => insert(em, other))).rejects.toThrow(/differs from its parent/);
    // The other Kreis filing a Beleg under the home Kreis's VN: the VN is not visible to it.
    await expect(inTenancy(kreis(other), (em) => insert(em, null))).rejects.toMatchObject({ message: expect.stringMatching(/is not visible/), driverError: { code: '42501' } });
    await expect(inTenancy(kreis(other), (em) => insert(em, other))).rejects.toThrow(/is not visible/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM receipt WHERE proof_id = $1 AND position >= 900000`, [template.proof_id])).rows[0].n).toBe(1);
  });

  it('a Land transaction reads every Kreis and cannot UPDATE a decision', async () => {
    const land: Tenancy = { districtId: null, state: true };
    const years = await inTenancy(land, (em) => em.query(`SELECT DISTINCT district_id FROM budget_year`));
    // every Kreis with a budget year (the demo Land's three and this test's second), as the owner sees them
    const all = (await t.db.query(`SELECT DISTINCT district_id FROM budget_year`)).rows.map((r: { district_id: string }) => r.district_id);
    expect(all).toEqual(expect.arrayContaining([home, other]));
    expect(years.map((r: { district_id: string }) => r.district_id).sort()).toEqual(all.sort());
    const decision = (await t.db.query(`SELECT id, updated_at FROM decision WHERE district_id = $1 ORDER BY reference LIMIT 1`, [home])).rows[0];
    expect(decision).toBeDefined();
    const seen = await inTenancy(land, (em) => em.query(`SELECT id FROM decision WHERE id = $1`, [decision.id]));
    expect(seen).toHaveLength(1);
    await inTenancy(land, (em) => em.query(`UPDATE decision SET updated_at = now() + interval '1 day' WHERE id = $1`, [decision.id]));
    const after = (await t.db.query(`SELECT updated_at FROM decision WHERE id = $1`, [decision.id])).rows[0];
    expect(after.updated_at.getTime()).toBe(decision.updated_at.getTime());
    // … nor write a Kreis's call; its own part of the flow (a budget year's state side) it may.
    await expect(
      inTenancy(land, (em) =>
        em.query(
          `INSERT INTO funding_call SELECT (jsonb_populate_record(NULL::funding_call, to_jsonb(c) || jsonb_build_object('id', gen_random_uuid()))).* FROM funding_call c WHERE c.id = $1`,
          [otherCall],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
