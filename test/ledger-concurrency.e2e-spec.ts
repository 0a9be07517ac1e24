import { Money, systemScope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { BudgetYearsService, LedgerKind, LedgerService } from '@foerderfluss/funding';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

/** Rounds per run; the issue asks for ten clean runs in a row: LEDGER_CONCURRENCY_ROUNDS=10 npm run test:e2e -- ledger-concurrency */
const ROUNDS = Number(process.env.LEDGER_CONCURRENCY_ROUNDS ?? 2);

describe('no overcommitment under concurrency', () => {
  let t: TestContext;
  let admin: string;
  let programmeId: string;

  beforeAll(async () => {
    // 200 transactions queue for 50 connections behind one row lock: on a busy CI machine the last
    // ones wait longer than the default 10 s for a connection. This test is about overcommitment,
    // not about queueing speed, so they may wait.
    t = await createTestContext({ env: { DATABASE_POOL_SIZE: '50', DATABASE_POOL_WAIT_MS: '60000' } });
    admin = await t.login(DEMO.admin);
    programmeId = (await t.db.query(`SELECT id FROM programme WHERE code = 'SOZIALBERATUNG_FLUECHTLINGE'`)).rows[0].id;
  });
  afterAll(() => t.close());

  it.each(Array.from({ length: ROUNDS }, (_, i) => [i + 1]))(
    'round %i: 200 concurrent commitments of 1.000,00 against 100.000,00: exactly 100 succeed',
    async (round) => {
      const y = (
        await t
          .http()
          .post('/api/v1/budget-years')
          .set(bearer(admin))
          .send({
            programmeId,
            year: 2040 + Number(round),
            stateGrantReference: `KONKURRENZ-${round}`,
            stateGrantDate: '2039-12-01',
            stateMaxAmount: '80000.00',
            stateRatePercent: '80',
            periodStart: `${2040 + Number(round)}-01-01`,
            periodEnd: `${2040 + Number(round)}-12-31`,
            stateProofDue: '2060-06-30',
            districtShareAmount: '20000.00',
            districtBudgetLine: '31.5.01.7180',
          })
          .expect(201)
      ).body;
      const tx = t.app.get(TransactionRunner);
      const ledger = t.app.get(LedgerService);
      const results = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) =>
          tx.run((em) =>
            ledger.post(em, systemScope(), {
              budgetYearId: y.id,
              kind: LedgerKind.COMMITMENT,
              amount: Money.of('1000.00'),
              referenceType: 'ConcurrencyTest',
              referenceId: String(i),
            }),
          ),
        ),
      );
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      const refused = results.filter((r) => r.status === 'rejected');
      expect(ok).toBe(100);
      expect(refused).toHaveLength(100);
      for (const r of refused) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'BUDGET_INSUFFICIENT', status: 409 });
      }
      const served = (await t.http().get(`/api/v1/budget-years/${y.id}`).set(bearer(admin)).expect(200)).body.balances;
      expect(served.committed).toEqual({ total: '100000.00', state: '80000.00', district: '20000.00' });
      expect(served.freeToCommit.total).toBe('0.00');
      const computed = await t.app.get(BudgetYearsService).balancesFromLedger(y.id);
      expect(computed.committed.total.toApiString()).toBe('100000.00');
      expect(computed.entryCount).toBe(102);
      expect(served.entryCount).toBe(102);
    },
    60000,
  );
});
