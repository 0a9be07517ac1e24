/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { Role, Scope } from '@foerderfluss/core';
import { RecoveryRepaymentRepository, RecoveryRepository, SettlementRepository } from '@foerderfluss/proof-of-use';
import { bearer } from './support/harness';
import { insertRecovery, insertSettlement, SettlementWorld, settlementWorld } from './support/settlement-setup';

/**
 * Who sees which Festsetzung and Rückforderung, declared once in SettlementRepository /
 * RecoveryRepository: a Träger its own approved Festsetzungen (never a proposal or a returned one,
 * never another Träger's) and its own Rückforderungen with their Zahlungseingänge; staff and
 * auditors everything. Checked on the repositories (get, find, list, count and every filter) and
 * over HTTP.
 */
describe('settlements and recoveries: the Träger scope lives in the repositories', () => {
  let w: SettlementWorld;
  let settlements: SettlementRepository;
  let recoveries: RecoveryRepository;
  let repayments: RecoveryRepaymentRepository;
  const ids = {} as {
    ownApproved: string;
    ownReturned: string;
    ownProposed: string;
    otherApproved: string;
    otherProposed: string;
    ownRecovery: string;
    otherOpen: string;
    otherSettled: string;
    otherRepayment: string;
    ownRepayment: string;
  };
  let ownOrg: string;
  let otherOrg: string;
  const scope = (roles: Role[], organisationId: string | null, userId: string): Scope => ({ userId, email: null, roles, organisationId, requestId: null });
  let provider: Scope;
  let staff: Scope;
  let auditor: Scope;

  beforeAll(async () => {
    w = await settlementWorld(2, 2);
    const { t, users, own, other } = w;
    ids.ownReturned = await insertSettlement(t, own[0]!, 'RETURNED', users.staff);
    ids.ownApproved = await insertSettlement(t, own[0]!, 'APPROVED', users.staff, { recovery: '1000.00' });
    ids.ownProposed = await insertSettlement(t, own[1]!, 'PROPOSED', users.staff);
    ids.otherApproved = await insertSettlement(t, other[0]!, 'APPROVED', users.staff, { recovery: '1000.00' });
    ids.otherProposed = await insertSettlement(t, other[1]!, 'PROPOSED', users.staff);
    ids.ownRecovery = await insertRecovery(t, ids.ownApproved, 'OPEN');
    ids.otherOpen = await insertRecovery(t, ids.otherApproved, 'OPEN');
    ids.otherSettled = await insertRecovery(t, ids.otherApproved, 'SETTLED');
    const repayment = async (recoveryId: string) =>
      (
        await t.db.query(
          `INSERT INTO repayment (decision_id, provider_id, budget_year_id, recovery_id, kind, received_on, amount, state_share, district_share, payer, payment_reference, ledger_entry_id)
           SELECT r.decision_id, r.provider_id, d.budget_year_id, r.id, 'RECOVERY', '2025-09-01', 100, 80, 20, 'Träger', 'Rückzahlung', 0
             FROM recovery r JOIN decision d ON d.id = r.decision_id WHERE r.id = $1 RETURNING id`,
          [recoveryId],
        )
      ).rows[0].id as string;
    ids.ownRepayment = await repayment(ids.ownRecovery);
    ids.otherRepayment = await repayment(ids.otherOpen);
    const org = async (decisionId: string) => (await t.db.query(`SELECT provider_id FROM decision WHERE id = $1`, [decisionId])).rows[0].provider_id as string;
    ownOrg = await org(own[0]!.decisionId);
    otherOrg = await org(other[0]!.decisionId);
    expect(ownOrg).not.toBe(otherOrg);
    provider = scope([Role.PROVIDER], ownOrg, users.provider);
    staff = scope([Role.STAFF], null, users.staff);
    auditor = scope([Role.AUDITOR], null, users.auditor);
    settlements = t.app.get(SettlementRepository);
    recoveries = t.app.get(RecoveryRepository);
    repayments = t.app.get(RecoveryRepaymentRepository);
  });
  afterAll(() => w.t.close());

  /** Every page of a list, following the cursor with the smallest page size. */
  async function allPages<T extends { id: string }>(list: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(cursor);
      out.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  it('Festsetzung: a Träger gets its own approved one only, for get, find, list, count and every filter', async () => {
    const otherOnes = [ids.otherApproved, ids.otherProposed];
    const notYet = [ids.ownProposed, ids.ownReturned];
    for (const id of [...otherOnes, ...notYet]) {
      expect(await settlements.find(provider, id)).toBeNull();
      await expect(settlements.get(provider, id)).rejects.toMatchObject({ code: 'SETTLEMENT_NOT_FOUND', status: 404 });
    }
    expect((await settlements.get(provider, ids.ownApproved)).id).toBe(ids.ownApproved);

    // every declared filter, with values that match the hidden rows
    const filters: Record<string, unknown>[] = [
      {},
      ...[...w.other, ...w.own].flatMap((c) => [{ decisionId: c.decisionId }, { proofId: c.proofId }]),
      { status: 'APPROVED' },
      { status: 'PROPOSED' },
      { status: 'RETURNED' },
    ];
    for (const f of filters) {
      const visible = await settlements.all(provider, f);
      expect(visible.map((s) => s.id).filter((id) => id !== ids.ownApproved)).toEqual([]);
      expect(await settlements.count(provider, f)).toBe(visible.length);
      for (const sort of ['proposedAt', '-finalGrant', 'status', 'decisionReference']) {
        const listed = await allPages((cursor) => settlements.list(provider, { ...f, sort, limit: 1, cursor }));
        expect(listed).toEqual(visible.map((s) => s.id));
      }
    }
    expect(await settlements.count(provider, {})).toBe(1);
    // staff and auditors see every row (the demo data's too), the Träger condition does not apply to them
    const mine = [ids.ownApproved, ids.ownReturned, ids.ownProposed, ids.otherApproved, ids.otherProposed];
    for (const s of [staff, auditor]) {
      expect((await settlements.all(s, {})).map((x) => x.id)).toEqual(expect.arrayContaining(mine));
      const proposed = (await settlements.all(s, { status: 'PROPOSED' })).map((x) => x.id);
      expect(proposed).toEqual(expect.arrayContaining([ids.ownProposed, ids.otherProposed]));
      expect(await settlements.count(s, { status: 'PROPOSED' })).toBe(proposed.length);
      expect((await settlements.get(s, ids.otherProposed)).id).toBe(ids.otherProposed);
    }
    // a Träger user without an organisation sees nothing at all
    expect(await settlements.count(scope([Role.PROVIDER], null, w.users.provider), {})).toBe(0);
  });

  it('the Träger condition: a Festsetzung appears for its Träger once approved, not while proposed or after being returned', async () => {
    const http = w.t.http;
    await http().get(`/api/v1/settlements/${ids.ownProposed}`).set(bearer(w.tk.provider)).expect(404);
    await http().get(`/api/v1/settlements/${ids.ownReturned}`).set(bearer(w.tk.provider)).expect(404);
    expect((await http().get(`/api/v1/settlements/${ids.ownApproved}`).set(bearer(w.tk.provider)).expect(200)).body.id).toBe(ids.ownApproved);
    await w.t.db.query(`UPDATE settlement SET status = 'APPROVED', approved_by = $2 WHERE id = $1`, [ids.ownProposed, w.users.approver]);
    try {
      expect((await http().get(`/api/v1/settlements/${ids.ownProposed}`).set(bearer(w.tk.provider)).expect(200)).body.status).toBe('APPROVED');
      expect(await settlements.count(provider, {})).toBe(2);
    } finally {
      await w.t.db.query(`UPDATE settlement SET status = 'PROPOSED', approved_by = NULL WHERE id = $1`, [ids.ownProposed]);
    }
  });

  it('Festsetzung over HTTP: another Träger gets 404 and empty lists, whatever the filter', async () => {
    const http = w.t.http;
    for (const id of [ids.otherApproved, ids.otherProposed]) {
      const res = await http().get(`/api/v1/settlements/${id}`).set(bearer(w.tk.provider)).expect(404);
      expect(res.body.code).toBe('SETTLEMENT_NOT_FOUND');
    }
    const list = async (q: string) => ((await http().get(`/api/v1/settlements${q}`).set(bearer(w.tk.provider)).expect(200)).body as any[]).map((s) => s.id);
    expect(await list('')).toEqual([ids.ownApproved]);
    for (const c of w.other) {
      expect(await list(`?decisionId=${c.decisionId}`)).toEqual([]);
      expect(await list(`?proofId=${c.proofId}`)).toEqual([]);
    }
    expect(await list('?status=PROPOSED')).toEqual([]);
    expect(await list('?status=APPROVED')).toEqual([ids.ownApproved]);
    const staffList = (await http().get('/api/v1/settlements').set(bearer(w.tk.staff)).expect(200)).body as any[];
    expect(staffList.map((s) => s.id)).toEqual(expect.arrayContaining([ids.ownApproved, ids.ownReturned, ids.ownProposed, ids.otherApproved, ids.otherProposed]));
  });

  it('Rückforderung and its Zahlungseingänge: a Träger gets its own only, for get, find, list, count and every filter', async () => {
    for (const id of [ids.otherOpen, ids.otherSettled]) {
      expect(await recoveries.find(provider, id)).toBeNull();
      await expect(recoveries.get(provider, id)).rejects.toMatchObject({ code: 'RECOVERY_NOT_FOUND', status: 404 });
    }
    const filters: Record<string, unknown>[] = [
      {},
      ...[...w.other, ...w.own].map((c) => ({ decisionId: c.decisionId })),
      { status: 'OPEN' },
      { status: 'PARTIALLY_PAID' },
      { status: 'SETTLED' },
    ];
    for (const f of filters) {
      const visible = await recoveries.all(provider, f);
      expect(visible.map((r) => r.id).filter((id) => id !== ids.ownRecovery)).toEqual([]);
      expect(await recoveries.count(provider, f)).toBe(visible.length);
      for (const sort of ['createdAt', 'reference', '-dueDate', 'status', 'principal']) {
        expect(await allPages((cursor) => recoveries.list(provider, { ...f, sort, limit: 1, cursor }))).toEqual(visible.map((r) => r.id));
      }
    }
    expect(await recoveries.count(provider, {})).toBe(1);
    expect((await recoveries.all(staff, {})).map((r) => r.id)).toEqual(expect.arrayContaining([ids.ownRecovery, ids.otherOpen, ids.otherSettled]));
    expect((await recoveries.all(auditor, { decisionId: w.other[0]!.decisionId, status: 'SETTLED' })).map((r) => r.id)).toEqual([ids.otherSettled]);

    // Zahlungseingänge: the same rule for every read and filter
    expect(await repayments.find(provider, ids.otherRepayment)).toBeNull();
    await expect(repayments.get(provider, ids.otherRepayment)).rejects.toMatchObject({ status: 404 });
    expect((await repayments.ofRecovery(provider, ids.otherOpen)).map((p) => p.id)).toEqual([]);
    expect((await repayments.ofRecovery(provider, ids.ownRecovery)).map((p) => p.id)).toEqual([ids.ownRepayment]);
    for (const f of [{}, { recoveryId: ids.otherOpen }, { recoveryId: ids.ownRecovery }]) {
      const listed = await allPages((cursor) => repayments.list(provider, { ...f, limit: 1, cursor }));
      expect(listed.filter((id) => id !== ids.ownRepayment)).toEqual([]);
      expect(await repayments.count(provider, f)).toBe(listed.length);
    }
    expect((await repayments.list(staff, { recoveryId: ids.otherOpen })).items.map((p) => p.id)).toEqual([ids.otherRepayment]);
  });

  it('Rückforderung over HTTP: another Träger gets 404 on the record, its interest and its payments, and empty lists', async () => {
    const http = w.t.http;
    for (const path of [`/api/v1/recoveries/${ids.otherOpen}`, `/api/v1/recoveries/${ids.otherOpen}/interest`, `/api/v1/recoveries/${ids.otherOpen}/repayments`]) {
      const res = await http().get(path).set(bearer(w.tk.provider));
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'RECOVERY_NOT_FOUND']);
    }
    const list = async (q: string) => ((await http().get(`/api/v1/recoveries${q}`).set(bearer(w.tk.provider)).expect(200)).body.items as any[]).map((r) => r.id);
    expect(await list('')).toEqual([ids.ownRecovery]);
    expect(await list(`?decisionId=${w.other[0]!.decisionId}`)).toEqual([]);
    expect(await list('?status=SETTLED')).toEqual([]);
    const own = (await http().get(`/api/v1/recoveries/${ids.ownRecovery}/repayments`).set(bearer(w.tk.provider)).expect(200)).body as any[];
    expect(own.map((p) => p.id)).toEqual([ids.ownRepayment]);
    expect(((await http().get('/api/v1/recoveries').set(bearer(w.tk.provider2)).expect(200)).body.items as any[]).map((r) => r.id).sort()).toEqual([ids.otherOpen, ids.otherSettled].sort());
  });
});
