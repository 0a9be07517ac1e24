import { FixedClock, Role, Scope } from '@foerderfluss/core';
import { ScopedRepository } from '@foerderfluss/database';
import {
  DisbursementRepository,
  FundUseRepository,
  LateUseInterestDecisionRepository,
  PaymentFileRepository,
  PaymentRequestRepository,
  RepaymentRepository,
  StateDrawdownRepository,
} from '@foerderfluss/payments';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { approvedDecision, Tokens, yearWithCall, checkBody } from './support/flow';

const DUE = [{ dueDate: '2027-01-31', payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter Januar', amount: '8000.00' }];

describe('payments: a Träger scope never returns another Träger’s row', () => {
  let t: TestContext;
  let tk: Tokens;
  let own: Scope;
  let foreign: Scope;
  let staff: Scope;
  let decision: { id: string; reference: string };
  let yearId: string;
  const ids: Record<string, string> = {};

  const scopeOf = async (token: string): Promise<Scope> => {
    const me = (await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200)).body;
    return { userId: me.id, email: me.email, roles: me.roles as Role[], organisationId: me.organisationId, requestId: null };
  };

  beforeAll(async () => {
    t = await createTestContext({ now: '2026-11-25T10:00:00Z' });
    const [admin, staffToken, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staffToken!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const ctx = await yearWithCall(t, tk, 2027);
    yearId = ctx.yearId;
    decision = await approvedDecision(t, tk, { ...ctx, financingType: 'FULL' });
    [own, foreign, staff] = await Promise.all([scopeOf(tk.provider), scopeOf(tk.provider2), scopeOf(tk.staff)]);
    (t.clock as FixedClock).set('2027-01-10T09:00:00+01:00');
    const http = t.http();
    const r = await http.post('/api/v1/payment-requests').set(bearer(tk.provider)).send({ decisionId: decision.id, requestedAmount: '500.00', requestedValueDate: '2027-01-15', duePayments: DUE }).expect(201);
    ids.request = r.body.id;
    await t.http().post(`/api/v1/payment-requests/${r.body.id}/submit`).set(bearer(tk.provider)).expect(200);
    await t.http().post(`/api/v1/payment-requests/${r.body.id}/check`).set(bearer(tk.staff)).send(checkBody()).expect(200);
    const approved = await t.http().post(`/api/v1/payment-requests/${r.body.id}/approve`).set(bearer(tk.approver)).expect(200);
    ids.disbursement = approved.body.disbursement.id;
    const file = await t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [ids.disbursement], executionDate: '2027-01-14' }).expect(201);
    ids.file = file.body.id;
    (t.clock as FixedClock).set('2027-02-20T09:00:00+01:00');
    ids.fundUse = (await t.http().post(`/api/v1/decisions/${decision.id}/fund-uses`).set(bearer(tk.provider)).send({ usedOn: '2027-02-10', amount: '100.00' }).expect(201)).body.id;
    await t.http().post('/api/v1/base-rates').set(bearer(tk.admin)).send({ validFrom: '2027-01-01', ratePercent: '1.52' }).expect(201);
    ids.lateUse = (
      await t.http().post(`/api/v1/decisions/${decision.id}/late-use-interest-decisions`).set(bearer(tk.staff)).send({ outcome: 'WAIVE', reason: 'Test', asOf: '2027-02-15' }).expect(201)
    ).body.id;
    ids.repayment = (
      await t
        .http()
        .post('/api/v1/repayments')
        .set(bearer(tk.staff))
        .send({ decisionId: decision.id, amount: '10.00', receivedOn: '2027-02-15', payer: 'Träger', paymentReference: 'Rückzahlung', kind: 'VOLUNTARY' })
        .expect(201)
    ).body.id;
    ids.drawdown = (
      await t.http().post('/api/v1/state-drawdowns').set(bearer(tk.staff)).send({ budgetYearId: yearId, amount: '1000.00', requestedOn: '2027-01-10', reference: 'Abruf 1/2027' }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  /** The owning Träger of a row: its provider column, or the decision's for rows owned through it. */
  async function ownerOf(row: { providerId?: string; decisionId?: string }): Promise<string> {
    if (row.providerId) return row.providerId;
    const { rows } = await t.db.query('SELECT provider_id FROM decision WHERE id = $1', [row.decisionId]);
    return rows[0].provider_id;
  }

  /**
   * get, list, count and every declared filter: the own Träger sees its row, the other Träger
   * never (the demo data gives it rows of its own, which are all it sees).
   */
  async function proveScope<E extends { id: string }, F extends object>(repo: ScopedRepository<E, F>, id: string, filters: Partial<F>[], ownSees: boolean): Promise<void> {
    for (const filter of [{} as Partial<F>, ...filters]) {
      const [foreignList, foreignCount, ownList, staffList] = await Promise.all([
        repo.list(foreign, { ...filter, limit: 200 }),
        repo.count(foreign, filter),
        repo.list(own, { ...filter, limit: 200 }),
        repo.list(staff, { ...filter, limit: 200 }),
      ]);
      expect({ filter, seen: foreignList.items.some((x) => x.id === id) }).toEqual({ filter, seen: false });
      for (const row of foreignList.items) expect({ filter, owner: await ownerOf(row as never) }).toEqual({ filter, owner: foreign.organisationId });
      expect({ filter, count: foreignCount }).toEqual({ filter, count: foreignList.items.length });
      expect({ filter, seen: ownList.items.some((x) => x.id === id) }).toEqual({ filter, seen: ownSees });
      expect({ filter, seen: staffList.items.some((x) => x.id === id) }).toEqual({ filter, seen: true });
    }
    await expect(repo.get(foreign, id)).rejects.toMatchObject({ status: 404 });
    expect(await repo.find(foreign, id)).toBeNull();
    if (ownSees) expect((await repo.get(own, id)).id).toBe(id);
    else await expect(repo.get(own, id)).rejects.toMatchObject({ status: 404 });
    expect((await repo.get(staff, id)).id).toBe(id);
  }

  it('Mittelabrufe', async () => {
    await proveScope(t.app.get(PaymentRequestRepository), ids.request!, [
      { status: 'APPROVED' as never },
      { decisionId: decision.id },
      { budgetYearId: yearId },
      { providerId: own.organisationId! },
    ], true);
  });

  it('Auszahlungen', async () => {
    await proveScope(t.app.get(DisbursementRepository), ids.disbursement!, [{ status: 'IN_FILE' as never }, { decisionId: decision.id }, { paymentFileId: ids.file! }, { budgetYearId: yearId }], true);
  });

  it('Mittelverwendungen and Zinsentscheidungen (owner through the decision)', async () => {
    await proveScope(t.app.get(FundUseRepository), ids.fundUse!, [{ decisionId: decision.id }, { usedUntil: '2027-02-10' }], true);
    await proveScope(t.app.get(LateUseInterestDecisionRepository), ids.lateUse!, [{ decisionId: decision.id }], true);
  });

  it('Zahlungseingänge', async () => {
    await proveScope(t.app.get(RepaymentRepository), ids.repayment!, [{ decisionId: decision.id }, { budgetYearId: yearId }], true);
  });

  it('Zahlungsdateien and Landesabrufe are staff only: no Träger sees them', async () => {
    await proveScope(t.app.get(PaymentFileRepository), ids.file!, [{ status: 'CREATED' as never }], false);
    await proveScope(t.app.get(StateDrawdownRepository), ids.drawdown!, [{ budgetYearId: yearId }, { status: 'REQUESTED' as never }], false);
  });

  it('issued only: while the decision is not issued, its Träger sees none of its payment records; staff still do', async () => {
    const { rows } = await t.db.query('SELECT current_version_no FROM decision WHERE id = $1', [decision.id]);
    await t.db.query('UPDATE decision SET current_version_no = NULL WHERE id = $1', [decision.id]);
    try {
      const hidden = async <E extends { id: string }, F extends object>(repo: ScopedRepository<E, F>, id: string): Promise<void> => {
        expect(await repo.find(own, id)).toBeNull();
        expect((await repo.list(own, { ...({} as Partial<F>), limit: 200 })).items.some((x) => x.id === id)).toBe(false);
        expect((await repo.find(staff, id))?.id).toBe(id);
      };
      await hidden(t.app.get(PaymentRequestRepository), ids.request!);
      await hidden(t.app.get(DisbursementRepository), ids.disbursement!);
      await hidden(t.app.get(FundUseRepository), ids.fundUse!);
      await hidden(t.app.get(LateUseInterestDecisionRepository), ids.lateUse!);
      await hidden(t.app.get(RepaymentRepository), ids.repayment!);
      // over HTTP as well
      await t.http().get(`/api/v1/payment-requests/${ids.request}`).set(bearer(tk.provider)).expect(404);
      expect((await t.http().get('/api/v1/disbursements').set(bearer(tk.provider)).expect(200)).body.items.map((d: { id: string }) => d.id)).not.toContain(ids.disbursement);
    } finally {
      await t.db.query('UPDATE decision SET current_version_no = $2 WHERE id = $1', [decision.id, rows[0].current_version_no]);
    }
    await t.http().get(`/api/v1/payment-requests/${ids.request}`).set(bearer(tk.provider)).expect(200);
  });

  it('over HTTP: the other Träger reads none of it', async () => {
    await t.http().get(`/api/v1/payment-requests/${ids.request}`).set(bearer(tk.provider2)).expect(404);
    const theirs = (await t.http().get('/api/v1/payment-requests?limit=200').set(bearer(tk.provider2)).expect(200)).body.items;
    expect(theirs.every((r: { providerId: string }) => r.providerId === foreign.organisationId)).toBe(true);
    const payouts = (await t.http().get('/api/v1/disbursements').set(bearer(tk.provider2)).expect(200)).body.items;
    expect(payouts.every((d: { providerId: string }) => d.providerId === foreign.organisationId)).toBe(true);
    expect((await t.http().get(`/api/v1/repayments?decisionId=${decision.id}`).set(bearer(tk.provider2)).expect(200)).body).toEqual([]);
    await t.http().get(`/api/v1/decisions/${decision.id}/fund-uses`).set(bearer(tk.provider2)).expect(404);
    await t.http().get(`/api/v1/decisions/${decision.id}/late-use-interest-decisions`).set(bearer(tk.provider2)).expect(404);
    await t.http().get(`/api/v1/payment-files/${ids.file}`).set(bearer(tk.provider)).expect(403);
  });
});
