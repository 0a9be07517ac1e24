import { Money, systemScope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { BudgetYearsService, LedgerKind, LedgerService } from '@foerderfluss/funding';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

const PROBLEM = /^application\/problem\+json/;

describe('budget years and ledger', () => {
  let t: TestContext;
  let admin: string;
  let staff: string;
  let auditor: string;
  let provider: string;
  let programmeId: string;

  const body = (year: number, extra: Record<string, unknown> = {}) => ({
    programmeId,
    year,
    stateGrantReference: `TLVwA 250-4.1-${year}/001`,
    stateGrantDate: `${year - 1}-12-15`,
    stateMaxAmount: '80000.00',
    stateRatePercent: '80',
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    stateProofDue: `${year + 1}-06-30`,
    districtShareAmount: '20000.00',
    districtBudgetLine: '31.5.01.7180',
    applicationDeadline: `${year - 1}-10-12`,
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestContext({ env: { DATABASE_POOL_SIZE: '40' } });
    [admin, staff, auditor, provider] = await Promise.all([t.login(DEMO.admin), t.login(DEMO.staff), t.login(DEMO.auditor), t.login(DEMO.provider)]);
    programmeId = (await t.db.query(`SELECT id FROM programme WHERE code = 'SOZIALBERATUNG_FLUECHTLINGE'`)).rows[0].id;
  });
  afterAll(() => t.close());

  it('the demo year 2026 has 419.250,00 + 104.812,50 = 524.062,50 available, 80/20', async () => {
    const list = await t.http().get('/api/v1/budget-years').set(bearer(staff)).expect(200);
    const y2026 = list.body.find((y: { year: number }) => y.year === 2026);
    expect(y2026).toMatchObject({
      stateMaxAmount: '419250.00',
      districtShareAmount: '104812.50',
      stateRatePercent: '80',
      applicationDeadline: '2025-10-12',
      status: 'OPEN',
    });
    expect(y2026.balances.allocated).toEqual({ total: '524062.50', state: '419250.00', district: '104812.50' });
  });

  it('ADMIN creates a budget year; allocations are ledger entries; providers have no access', async () => {
    await t.http().post('/api/v1/budget-years').set(bearer(staff)).send(body(2031)).expect(403);
    const created = await t.http().post('/api/v1/budget-years').set(bearer(admin)).send(body(2031)).expect(201);
    expect(created.body.balances).toMatchObject({
      allocated: { total: '100000.00', state: '80000.00', district: '20000.00' },
      committed: { total: '0.00', state: '0.00', district: '0.00' },
      freeToCommit: { total: '100000.00', state: '80000.00', district: '20000.00' },
      entryCount: 2,
    });
    const ledger = await t.http().get(`/api/v1/budget-years/${created.body.id}/ledger`).set(bearer(auditor)).expect(200);
    expect(ledger.body.items.map((e: { kind: string; amount: string; stateShare: string }) => [e.kind, e.amount, e.stateShare])).toEqual([
      ['ALLOCATION', '80000.00', '80000.00'],
      ['ALLOCATION', '20000.00', '0.00'],
    ]);
    await t.http().get('/api/v1/budget-years').set(bearer(provider)).expect(403);
    await t.http().get(`/api/v1/budget-years/${created.body.id}/ledger`).set(bearer(provider)).expect(403);
    const dup = await t.http().post('/api/v1/budget-years').set(bearer(admin)).send(body(2031)).expect(409);
    expect(dup.body.code).toBe('BUDGET_YEAR_EXISTS');
  });

  it('refuses bad input with field paths and stores nothing', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM budget_year')).rows[0].n;
    const bad = await t
      .http()
      .post('/api/v1/budget-years')
      .set(bearer(admin))
      .send(body(2032, { stateMaxAmount: '-1.00', districtShareAmount: '1.234', stateRatePercent: '180', periodEnd: '2031-12-31' }))
      .expect(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['stateMaxAmount', 'districtShareAmount']));
    const rate = await t.http().post('/api/v1/budget-years').set(bearer(admin)).send(body(2032, { stateRatePercent: '180' })).expect(400);
    expect(rate.body.errors[0].path).toBe('stateRatePercent');
    const period = await t.http().post('/api/v1/budget-years').set(bearer(admin)).send(body(2032, { periodEnd: '2031-12-31' })).expect(400);
    expect(period.body.errors[0]).toEqual({ path: 'periodEnd', message: expect.stringMatching(/vor seinem Beginn/) });
    expect((await t.db.query('SELECT count(*)::int AS n FROM budget_year')).rows[0].n).toBe(before);
  });

  it('allocation changes are entries; lowering below the committed amount is refused with 409', async () => {
    const y = (await t.http().post('/api/v1/budget-years').set(bearer(admin)).send(body(2033)).expect(201)).body;
    const tx = t.app.get(TransactionRunner);
    const ledger = t.app.get(LedgerService);
    await tx.run((em) => ledger.post(em, systemScope(), { budgetYearId: y.id, kind: LedgerKind.COMMITMENT, amount: Money.of('90000.00') }));
    const lower = await t
      .http()
      .post(`/api/v1/budget-years/${y.id}/allocations`)
      .set(bearer(admin))
      .send({ source: 'DISTRICT', amount: '-15000.00', reason: 'Haushaltssperre' })
      .expect(409);
    expect(lower.body).toMatchObject({ code: 'BUDGET_ALLOCATION_BELOW_COMMITTED' });
    expect(lower.body.detail).toMatch(/90\.000,00 €/);
    const raised = await t
      .http()
      .post(`/api/v1/budget-years/${y.id}/allocations`)
      .set(bearer(admin))
      .send({ source: 'STATE', amount: '4000.00', reason: 'Änderungsbescheid des Landes' })
      .expect(201);
    expect(raised.body).toMatchObject({ stateMaxAmount: '84000.00', balances: { freeToCommit: { total: '14000.00' } } });
  });

  it('a commitment larger than the free amount is 409 with the free amount in German; nothing is written', async () => {
    const y = (await t.http().post('/api/v1/budget-years').set(bearer(admin)).send(body(2034)).expect(201)).body;
    const tx = t.app.get(TransactionRunner);
    const ledger = t.app.get(LedgerService);
    await tx.run((em) => ledger.post(em, systemScope(), { budgetYearId: y.id, kind: LedgerKind.COMMITMENT, amount: Money.of('98765.43') }));
    const entriesBefore = (await t.db.query('SELECT count(*)::int AS n FROM budget_ledger_entry WHERE budget_year_id = $1', [y.id])).rows[0].n;
    const auditBefore = (await t.db.query('SELECT count(*)::int AS n FROM audit_event')).rows[0].n;
    await expect(
      tx.run((em) => ledger.post(em, systemScope(), { budgetYearId: y.id, kind: LedgerKind.COMMITMENT, amount: Money.of('1234.58') })),
    ).rejects.toMatchObject({ code: 'BUDGET_INSUFFICIENT', status: 409, detail: expect.stringMatching(/nur noch 1\.234,57 € frei/) });
    expect((await t.db.query('SELECT count(*)::int AS n FROM budget_ledger_entry WHERE budget_year_id = $1', [y.id])).rows[0].n).toBe(entriesBefore);
    expect((await t.db.query('SELECT count(*)::int AS n FROM audit_event')).rows[0].n).toBe(auditBefore);
    // exactly the free amount still fits
    await tx.run((em) => ledger.post(em, systemScope(), { budgetYearId: y.id, kind: LedgerKind.COMMITMENT, amount: Money.of('1234.57') }));
  });

  it('a failing business transaction after a posting leaves no entry and an unchanged balance', async () => {
    const y = (await t.http().post('/api/v1/budget-years').set(bearer(admin)).send(body(2035)).expect(201)).body;
    const tx = t.app.get(TransactionRunner);
    const ledger = t.app.get(LedgerService);
    await expect(
      tx.run(async (em) => {
        await ledger.post(em, systemScope(), { budgetYearId: y.id, kind: LedgerKind.COMMITMENT, amount: Money.of('500.00') });
        throw new Error('decision could not be saved');
      }),
    ).rejects.toThrow('decision could not be saved');
    const after = await t.http().get(`/api/v1/budget-years/${y.id}`).set(bearer(staff)).expect(200);
    expect(after.body.balances.committed.total).toBe('0.00');
    expect(after.body.balances.entryCount).toBe(2);
  });

  it('shares always sum to the amount; balances equal the sum of entries; kinds move the right buckets', async () => {
    const y = (await t.http().post('/api/v1/budget-years').set(bearer(admin)).send(body(2036, { stateRatePercent: '66.666667' })).expect(201)).body;
    const tx = t.app.get(TransactionRunner);
    const ledger = t.app.get(LedgerService);
    const orgs = await t.db.query(`SELECT id FROM organisation WHERE kind = 'PROVIDER' ORDER BY name LIMIT 2`);
    const post = (kind: LedgerKind, amount: string, extra: Record<string, unknown> = {}) =>
      tx.run((em) => ledger.post(em, systemScope(), { budgetYearId: y.id, kind, amount: Money.of(amount), providerId: orgs.rows[0].id, ...extra }));
    await post(LedgerKind.COMMITMENT, '10000.01', { fieldOfActionCode: 'LABOUR_MARKET', socialAreaCode: 'ALTENBURG' });
    await post(LedgerKind.COMMITMENT, '3333.33', { providerId: orgs.rows[1].id, fieldOfActionCode: 'LANGUAGE_EDUCATION', socialAreaCode: 'SCHMOELLN_SPROTTENTAL' });
    await post(LedgerKind.COMMITMENT_CHANGE, '-0.01', { fieldOfActionCode: 'LABOUR_MARKET', socialAreaCode: 'ALTENBURG' });
    await post(LedgerKind.DISBURSEMENT, '4000.00');
    await post(LedgerKind.DISBURSEMENT_PAID, '1500.00');
    await post(LedgerKind.RELEASE, '1000.00', { fieldOfActionCode: 'LABOUR_MARKET', socialAreaCode: 'ALTENBURG' });
    await post(LedgerKind.RECOVERY_DUE, '333.33');
    await post(LedgerKind.RECOVERY_RECEIVED, '100.00');
    await post(LedgerKind.STATE_DRAWDOWN, '5000.00', { providerId: null });
    await post(LedgerKind.STATE_REFUND, '10.00', { providerId: null });
    await expect(post(LedgerKind.DISBURSEMENT, '-5.00')).rejects.toMatchObject({ code: 'BUDGET_INVALID_AMOUNT' });
    await expect(post(LedgerKind.STATE_DRAWDOWN, '80000.00', { providerId: null })).rejects.toMatchObject({ code: 'BUDGET_DRAWDOWN_EXCEEDS_STATE_MAX' });
    await expect(post(LedgerKind.DISBURSEMENT, '9000.00')).rejects.toMatchObject({ code: 'BUDGET_DISBURSEMENT_EXCEEDS_COMMITMENT' });
    // only what was approved can be booked as paid: 4.000 angewiesen, 1.500 of it ausgezahlt
    await expect(post(LedgerKind.DISBURSEMENT_PAID, '2500.01')).rejects.toMatchObject({ code: 'BUDGET_PAYOUT_EXCEEDS_APPROVED', status: 409 });

    const { rows } = await t.db.query('SELECT amount, state_share, district_share FROM budget_ledger_entry WHERE budget_year_id = $1', [y.id]);
    for (const r of rows) expect(Money.of(r.state_share).plus(Money.of(r.district_share)).equals(Money.of(r.amount))).toBe(true);

    const served = (await t.http().get(`/api/v1/budget-years/${y.id}`).set(bearer(auditor)).expect(200)).body.balances;
    const computed = await t.app.get(BudgetYearsService).balancesFromLedger(y.id);
    expect(served.committed.total).toBe(computed.committed.total.toApiString());
    expect(served.committed.state).toBe(computed.committed.state.toApiString());
    expect(served.paid.district).toBe(computed.paid.district.toApiString());
    expect(served.approvedNotPaid.state).toBe(computed.approvedNotPaid.state.toApiString());
    expect(served.recoveriesDue.state).toBe(computed.recoveriesDue.state.toApiString());
    expect(served.receivedFromState).toBe(computed.receivedFromState.toApiString());
    expect(served).toMatchObject({
      committed: { total: '12333.33' },
      approvedNotPaid: { total: '2500.00' },
      paid: { total: '1500.00' },
      notYetApproved: { total: '8333.33' },
      freeToCommit: { total: '87666.67' },
      recoveriesDue: { total: '333.33' },
      recoveriesReceived: { total: '100.00' },
      receivedFromState: '5000.00',
      refundedToState: '10.00',
    });

    const breakdown = await t.http().get(`/api/v1/budget-years/${y.id}/breakdown`).set(bearer(staff)).expect(200);
    const labour = breakdown.body.byFieldOfAction.find((r: { key: string }) => r.key === 'LABOUR_MARKET');
    expect(labour.committed.total).toBe('9000.00');
    expect(labour.name).toMatch(/Arbeitsmarkt/);
    const schmoelln = breakdown.body.bySocialArea.find((r: { key: string }) => r.key === 'SCHMOELLN_SPROTTENTAL');
    expect(schmoelln.committed.total).toBe('3333.33');
    const byProvider = breakdown.body.byProvider.reduce((s: Money, r: { committed: { total: string } }) => s.plus(Money.of(r.committed.total)), Money.ZERO);
    expect(byProvider.toApiString()).toBe('12333.33');
  });

  it('a closed year refuses new commitments and allocations but still takes recoveries', async () => {
    const y = (await t.http().post('/api/v1/budget-years').set(bearer(admin)).send(body(2037)).expect(201)).body;
    const tx = t.app.get(TransactionRunner);
    const ledger = t.app.get(LedgerService);
    await tx.run((em) => ledger.post(em, systemScope(), { budgetYearId: y.id, kind: LedgerKind.COMMITMENT, amount: Money.of('100.00') }));
    await t.http().patch(`/api/v1/budget-years/${y.id}`).set(bearer(admin)).send({ status: 'CLOSED' }).expect(200);
    await expect(
      tx.run((em) => ledger.post(em, systemScope(), { budgetYearId: y.id, kind: LedgerKind.COMMITMENT, amount: Money.of('1.00') })),
    ).rejects.toMatchObject({ code: 'BUDGET_YEAR_CLOSED', status: 409 });
    const alloc = await t.http().post(`/api/v1/budget-years/${y.id}/allocations`).set(bearer(admin)).send({ source: 'STATE', amount: '1.00', reason: 'x' }).expect(409);
    expect(alloc.body.detail).toMatch(/abgeschlossen/);
    await tx.run((em) => ledger.post(em, systemScope(), { budgetYearId: y.id, kind: LedgerKind.RECOVERY_DUE, amount: Money.of('50.00') }));
  });

  it('a posting into another programme’s year is refused (422)', async () => {
    const y = (await t.http().post('/api/v1/budget-years').set(bearer(admin)).send(body(2038)).expect(201)).body;
    const tx = t.app.get(TransactionRunner);
    await expect(
      tx.run((em) =>
        t.app.get(LedgerService).post(em, systemScope(), {
          budgetYearId: y.id,
          kind: LedgerKind.COMMITMENT,
          amount: Money.of('1.00'),
          expectedProgrammeId: '00000000-0000-4000-8000-000000000001',
        }),
      ),
    ).rejects.toMatchObject({ code: 'BUDGET_WRONG_PROGRAMME', status: 422 });
  });

  it('the ledger is append-only', async () => {
    await expect(t.db.query(`UPDATE budget_ledger_entry SET amount = amount WHERE id = (SELECT min(id) FROM budget_ledger_entry)`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM budget_ledger_entry`)).rejects.toThrow(/append-only/);
  });
});
