/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { Client } from 'pg';
import { systemScope } from '@foerderfluss/core';
import { BudgetFiguresService, type LedgerBalances } from '@foerderfluss/funding';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import type { Generated, LandSizes } from '../bench/land/generate';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bench is plain JavaScript (run by node without a build)
const { generate } = require('../bench/land/generate') as typeof import('../bench/land/generate');

/**
 * The generator of `npm run bench:land` at a tiny size produces a database the app itself finds
 * consistent: every child in its parent's Kreis, each generated year's materialised balance equal to
 * what its ledger entries add up to (BudgetFiguresService.ledgerBalancesFromEntries, the invariant
 * the api relies on), real figures through the api, and a Kreis user who sees only its own Kreis.
 */
describe('bench:land generator', () => {
  const sizes: LandSizes = { districts: 3, providers: 2, years: 2, receiptsPerProof: 3 };
  let t: TestContext;
  let filled: Generated;

  beforeAll(async () => {
    t = await createTestContext();
    const owner = new Client({ connectionString: t.config.databaseMigrationUrl });
    await owner.connect();
    try {
      filled = await generate(owner, sizes);
    } finally {
      await owner.end();
    }
  });
  afterAll(() => t?.close());

  it('writes the sizes asked for, every row in its parent’s Kreis', async () => {
    const projects = sizes.districts * sizes.providers * sizes.years;
    const [c] = (
      await t.db.query(`
        SELECT (SELECT count(*) FROM organisation WHERE kind = 'DISTRICT' AND code LIKE 'BENCH_DISTRICT_%')::int + 1 AS districts,
               (SELECT count(*) FROM organisation WHERE code LIKE 'BENCH_P_%')::int AS providers,
               (SELECT count(*) FROM budget_year WHERE state_grant_reference LIKE 'TLVwA-BENCH-%')::int AS years,
               (SELECT count(*) FROM decision WHERE reference LIKE 'FF-B%' AND status = 'IN_FORCE')::int AS decisions,
               (SELECT count(*) FROM proof_of_use WHERE reference LIKE 'FF-B%')::int AS proofs,
               (SELECT count(*) FROM receipt r JOIN proof_of_use p ON p.id = r.proof_id WHERE p.reference LIKE 'FF-B%')::int AS receipts`)
    ).rows;
    expect(c).toEqual({
      districts: sizes.districts,
      providers: sizes.districts * sizes.providers,
      years: sizes.districts * sizes.years,
      decisions: projects,
      proofs: projects,
      receipts: projects * sizes.receiptsPerProof,
    });
    const [wrong] = (
      await t.db.query(`
        SELECT (SELECT count(*) FROM receipt r JOIN proof_of_use p ON p.id = r.proof_id WHERE r.district_id <> p.district_id)::int AS receipts,
               (SELECT count(*) FROM proof_of_use p JOIN decision d ON d.id = p.decision_id WHERE p.district_id <> d.district_id)::int AS proofs,
               (SELECT count(*) FROM decision d JOIN budget_year y ON y.id = d.budget_year_id WHERE d.district_id <> y.district_id)::int AS decisions,
               (SELECT count(*) FROM decision_version v JOIN decision d ON d.id = v.decision_id WHERE v.district_id <> d.district_id)::int AS versions,
               (SELECT count(*) FROM application a JOIN funding_call f ON f.id = a.call_id WHERE a.district_id <> f.district_id)::int AS applications,
               (SELECT count(*) FROM budget_ledger_entry e JOIN budget_year y ON y.id = e.budget_year_id WHERE e.district_id <> y.district_id)::int AS entries,
               (SELECT count(*) FROM social_area s JOIN application a ON a.social_area_code = s.code WHERE s.district_id <> a.district_id)::int AS areas`)
    ).rows;
    expect(wrong).toEqual({ receipts: 0, proofs: 0, decisions: 0, versions: 0, applications: 0, entries: 0, areas: 0 });
    // The trigger is back on after the bulk load: a Beleg filed under another Kreis than its VN's is refused.
    const [other] = (await t.db.query(`SELECT id FROM organisation WHERE kind = 'DISTRICT' AND id <> $1 LIMIT 1`, [filled.homeDistrictId])).rows;
    await expect(
      t.db.query(
        `INSERT INTO receipt (proof_id, position, receipt_number, receipt_date, payment_date, counterparty, reason, direction, cost_category,
                              gross_amount, vat_amount, project_share_percent, eligible_amount, district_id)
         VALUES ($1, 9999, 'X', '2020-01-01', '2020-01-01', 'x', 'y', 'EXPENSE', 'PERSONNEL', 1, 0, 100, 1, $2)`,
        [filled.proofId, other.id],
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('keeps each generated year’s balance row equal to the sum of its ledger entries, with real money in it', async () => {
    const figures = t.app.get(BudgetFiguresService);
    const years = (await t.db.query(`SELECT id FROM budget_year WHERE state_grant_reference LIKE 'TLVwA-BENCH-%'`)).rows as { id: string }[];
    expect(years).toHaveLength(sizes.districts * sizes.years);
    const plain = (b: LedgerBalances) => JSON.parse(JSON.stringify(b, (_k, v) => (v && typeof v === 'object' && typeof v.toApiString === 'function' ? v.toApiString() : v)));
    for (const { id } of years) {
      const served = await figures.ledgerBalances(systemScope(), id);
      const summed = await figures.ledgerBalancesFromEntries(id);
      expect(plain(served)).toEqual(plain(summed));
      expect(served.committed.total.isZero()).toBe(false);
      expect(served.paid.total.isZero()).toBe(false);
      expect(served.approvedNotPaid.total.isZero()).toBe(false);
      expect(served.freeToCommit.state.isNegative()).toBe(false);
      expect(served.entryCount).toBe(2 + sizes.providers * (1 + 12 + 10) + 4);
    }
  });

  it('serves the home Kreis’s figures, lists and Belege to its Sachbearbeitung, and nothing of the other Kreise', async () => {
    const token = await t.login(DEMO.staff);
    const year = filled.homeYears.at(-1)!;
    const y = await t.http().get(`/api/v1/budget-years/${year.id}`).set(bearer(token));
    expect(y.status).toBe(200);
    const monthlies = (await t.db.query(`SELECT sum(max_amount)::text AS committed FROM decision WHERE budget_year_id = $1`, [year.id])).rows[0];
    expect(y.body.balances.committed.total).toBe(monthlies.committed);
    expect(y.body.balances.entryCount).toBe(2 + sizes.providers * (1 + 12 + 10) + 4);

    const list = await t.http().get('/api/v1/decisions?limit=200').set(bearer(token));
    expect(list.status).toBe(200);
    const refs = (list.body.items as any[]).map((d) => d.reference as string);
    expect(refs.filter((r) => r.startsWith('FF-B01-'))).toHaveLength(sizes.providers * sizes.years);
    expect(refs.filter((r) => /^FF-B0[23]-/.test(r))).toEqual([]);

    const receipts = await t.http().get(`/api/v1/proofs-of-use/${filled.proofId}/receipts?limit=50`).set(bearer(token));
    expect(receipts.status).toBe(200);
    expect(receipts.body.items).toHaveLength(sizes.receiptsPerProof);

    // Another Kreis's year answers 404, as a missing one would.
    const [foreign] = (await t.db.query(`SELECT id FROM budget_year WHERE state_grant_reference LIKE 'TLVwA-BENCH-%' AND district_id <> $1 LIMIT 1`, [filled.homeDistrictId])).rows;
    expect((await t.http().get(`/api/v1/budget-years/${foreign.id}`).set(bearer(token))).status).toBe(404);
  });
});
