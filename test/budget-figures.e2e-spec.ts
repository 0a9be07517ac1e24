/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { FixedClock, Money } from '@foerderfluss/core';
import { INFO_SHEET_NAME } from '@foerderfluss/exports';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, Tokens, completeReview, checkBody } from './support/flow';

/**
 * One truth for money (issue 16): for the demo year and for a year built here, every page's and
 * export's totals equal what the ledger entries add up to, summed here from the ledger list itself:
 * the budget year, the breakdown by Handlungsfeld and Sozialraum, the cash position, the
 * Vergaberunde, the Landesnachweis and the BUDGET and STATE_PROOF workbooks. And "ausgezahlt" is
 * only what an executed payment file carried: an approved payout in no file, or in a file not yet
 * executed, is "angewiesen".
 */

interface Src {
  state: Money;
  district: Money;
}
interface Entry {
  id: string;
  kind: string;
  amount: string;
  stateShare: string;
  districtShare: string;
  fieldOfActionCode: string | null;
  socialAreaCode: string | null;
  bookingDate: string;
}

const ZERO: Src = { state: Money.ZERO, district: Money.ZERO };
const plus = (a: Src, b: Src): Src => ({ state: a.state.plus(b.state), district: a.district.plus(b.district) });
const minus = (a: Src, b: Src): Src => ({ state: a.state.minus(b.state), district: a.district.minus(b.district) });
const src = (e: Entry): Src => ({ state: Money.of(e.stateShare), district: Money.of(e.districtShare) });
/** As the api writes source amounts. */
const api = (a: Src) => ({ total: a.state.plus(a.district).toApiString(), state: a.state.toApiString(), district: a.district.toApiString() });
const sumOf = (entries: Entry[], kinds: string[]): Src => entries.filter((e) => kinds.includes(e.kind)).reduce((s, e) => plus(s, src(e)), ZERO);

/** The figures as the definitions say, from nothing but the ledger entries. */
function fromLedger(entries: Entry[]) {
  const allocated = sumOf(entries, ['ALLOCATION']);
  const committed = minus(sumOf(entries, ['COMMITMENT', 'COMMITMENT_CHANGE']), sumOf(entries, ['RELEASE']));
  const approved = sumOf(entries, ['DISBURSEMENT']);
  const paid = sumOf(entries, ['DISBURSEMENT_PAID']);
  const recoveriesDue = sumOf(entries, ['RECOVERY_DUE']);
  const recoveriesReceived = sumOf(entries, ['RECOVERY_RECEIVED']);
  return {
    allocated,
    committed,
    freeToCommit: minus(allocated, committed),
    approvedNotPaid: minus(approved, paid),
    paid,
    notYetApproved: minus(committed, approved),
    recoveriesDue,
    recoveriesReceived,
    recoveriesOpen: minus(recoveriesDue, recoveriesReceived),
    receivedFromState: sumOf(entries, ['STATE_DRAWDOWN']).state,
    refundedToState: sumOf(entries, ['STATE_REFUND']).state,
  };
}

/** Per group (Handlungsfeld or Sozialraum) what the ledger says, keyed by code ('' = none). */
function groupsFromLedger(entries: Entry[], keyOf: (e: Entry) => string | null) {
  const groups = new Map<string, { committed: Src; approvedNotPaid: Src; paid: Src }>();
  for (const e of entries) {
    const key = keyOf(e) ?? '';
    const g = groups.get(key) ?? { committed: ZERO, approvedNotPaid: ZERO, paid: ZERO };
    if (['COMMITMENT', 'COMMITMENT_CHANGE'].includes(e.kind)) g.committed = plus(g.committed, src(e));
    else if (e.kind === 'RELEASE') g.committed = minus(g.committed, src(e));
    else if (e.kind === 'DISBURSEMENT') g.approvedNotPaid = plus(g.approvedNotPaid, src(e));
    else if (e.kind === 'DISBURSEMENT_PAID') {
      g.approvedNotPaid = minus(g.approvedNotPaid, src(e));
      g.paid = plus(g.paid, src(e));
    } else continue;
    groups.set(key, g);
  }
  return groups;
}

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** A money cell of a workbook (a number, or the exact result of a totals formula) as a decimal string. */
const cellMoney = (cell: ExcelJS.Cell): string => {
  const v = cell.value as number | ExcelJS.CellFormulaValue | null;
  if (typeof v === 'number') return v.toFixed(2);
  if (v && typeof v === 'object' && 'formula' in v) {
    // exceljs leaves out a cached result of 0 (Excel and LibreOffice compute it on opening)
    return ((v.result as number | undefined) ?? 0).toFixed(2);
  }
  throw new Error(`cell ${cell.address} holds no number: ${JSON.stringify(v)}`);
};

describe('budget figures: every page and export agrees with the ledger', () => {
  let t: TestContext;
  let tk: Tokens;
  let storageDir: string;
  let staffId: string;
  const clock = () => t.clock as FixedClock;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  async function ledgerOf(yearId: string, sort?: string): Promise<Entry[]> {
    const entries: Entry[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=200${sort ? `&sort=${sort}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { items: Entry[]; nextCursor: string | null } = await ok(t.http().get(`/api/v1/budget-years/${yearId}/ledger?${query}`).set(bearer(tk.auditor)));
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return entries;
  }

  async function exportWorkbook(type: 'BUDGET' | 'STATE_PROOF', yearId: string): Promise<{ wb: ExcelJS.Workbook; rows: number }> {
    const requested = await ok(t.http().post('/api/v1/exports').set(bearer(tk.staff)).send({ type, format: 'xlsx', filters: { budgetYearId: yearId } }), 202);
    const end = Date.now() + 60000;
    let job: any;
    for (;;) {
      job = await ok(t.http().get(`/api/v1/exports/${requested.id}`).set(bearer(tk.staff)));
      if (job.status === 'COMPLETED' || job.status === 'FAILED') break;
      if (Date.now() > end) throw new Error(`export ${type} did not finish`);
      await new Promise((r) => setTimeout(r, 150));
    }
    expect([type, job.status, job.error]).toEqual([type, 'COMPLETED', null]);
    const file = await t.http().get(`/api/v1/exports/${requested.id}/file`).set(bearer(tk.staff)).buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as ExcelJS.Buffer);
    return { wb, rows: job.rowsWritten as number };
  }

  /** Σ of the decisions proposed and not yet issued in a year, from the decisions api (not from the figures). */
  async function proposedDecisions(yearId: string): Promise<{ sum: Src; byApplication: Map<string, string> }> {
    const list = await ok(t.http().get(`/api/v1/decisions?budgetYearId=${yearId}&pendingApproval=true&limit=200`).set(bearer(tk.staff)));
    let sum = ZERO;
    const byApplication = new Map<string, string>();
    for (const item of list.items) {
      const d = await ok(t.http().get(`/api/v1/decisions/${item.id}`).set(bearer(tk.staff)));
      if (d.outcome !== 'GRANT') {
        byApplication.set(d.applicationId, '0.00');
        continue;
      }
      const before = d.current ?? { maxAmount: '0', stateShare: '0', districtShare: '0' };
      sum = plus(sum, { state: Money.of(d.pending.stateShare).minus(Money.of(before.stateShare)), district: Money.of(d.pending.districtShare).minus(Money.of(before.districtShare)) });
      byApplication.set(d.applicationId, Money.of(d.pending.maxAmount).minus(Money.of(before.maxAmount)).toApiString());
    }
    return { sum, byApplication };
  }

  /** Everything the brief lists, for one budget year and the Projektaufruf of that year. */
  async function expectFiguresAgree(yearId: string, callId: string): Promise<ReturnType<typeof fromLedger>> {
    const entries = await ledgerOf(yearId);
    const L = fromLedger(entries);
    const proposed = await proposedDecisions(yearId);

    // The ledger lists in date order: booking date, then the order of posting; newest first on request.
    const key = (e: Entry) => `${e.bookingDate}|${e.id.padStart(20, '0')}`;
    expect(entries.map(key)).toEqual([...entries.map(key)].sort());
    const newestFirst = await ledgerOf(yearId, '-bookingDate');
    expect(newestFirst.map((e) => e.bookingDate)).toEqual([...entries.map((e) => e.bookingDate)].sort().reverse());
    expect(newestFirst).toHaveLength(entries.length);

    // Haushalt: the budget year
    const year = await ok(t.http().get(`/api/v1/budget-years/${yearId}`).set(bearer(tk.staff)));
    const b = year.balances;
    expect(b).toMatchObject({
      allocated: api(L.allocated),
      committed: api(L.committed),
      freeToCommit: api(L.freeToCommit),
      approvedNotPaid: api(L.approvedNotPaid),
      paid: api(L.paid),
      notYetApproved: api(L.notYetApproved),
      recoveriesDue: api(L.recoveriesDue),
      recoveriesReceived: api(L.recoveriesReceived),
      recoveriesOpen: api(L.recoveriesOpen),
      receivedFromState: L.receivedFromState.toApiString(),
      refundedToState: L.refundedToState.toApiString(),
      entryCount: entries.length,
      proposed: api(proposed.sum),
      freeAfterProposals: api(minus(L.freeToCommit, proposed.sum)),
    });
    expect([year.stateMaxAmount, year.districtShareAmount]).toEqual([L.allocated.state.toApiString(), L.allocated.district.toApiString()]);
    // The list shows the same.
    const listed = (await ok(t.http().get('/api/v1/budget-years').set(bearer(tk.auditor)))).find((y: any) => y.id === yearId);
    expect(listed.balances).toEqual(b);

    // Haushalt: breakdown by Handlungsfeld and Sozialraum; every reference row is there, 0 included
    const breakdown = await ok(t.http().get(`/api/v1/budget-years/${yearId}/breakdown`).set(bearer(tk.staff)));
    const fields = await ok(t.http().get('/api/v1/reference/fields-of-action').set(bearer(tk.staff)));
    const areas = await ok(t.http().get('/api/v1/reference/social-areas').set(bearer(tk.staff)));
    const grouped: [string, any[], { code: string }[], (e: Entry) => string | null][] = [
      ['byFieldOfAction', breakdown.byFieldOfAction, fields, (e) => e.fieldOfActionCode],
      ['bySocialArea', breakdown.bySocialArea, areas, (e) => e.socialAreaCode],
    ];
    for (const [name, rows, reference, keyOf] of grouped) {
      expect([name, rows.map((r) => r.key).filter((k) => k !== null)]).toEqual([name, expect.arrayContaining(reference.map((r) => r.code))]);
      expect([name, rows.some((r) => r.committed.total === '0.00' && r.paid.total === '0.00')]).toEqual([name, true]);
      const fromEntries = groupsFromLedger(entries, keyOf);
      for (const r of rows) {
        const g = fromEntries.get(r.key ?? '') ?? { committed: ZERO, approvedNotPaid: ZERO, paid: ZERO };
        expect([name, r.key, r.committed, r.approvedNotPaid, r.paid]).toEqual([name, r.key, api(g.committed), api(g.approvedNotPaid), api(g.paid)]);
      }
      const column = (k: 'committed' | 'proposed' | 'approvedNotPaid' | 'paid') => rows.reduce((s, r) => plus(s, { state: Money.of(r[k].state), district: Money.of(r[k].district) }), ZERO);
      expect([name, api(column('committed')), api(column('approvedNotPaid')), api(column('paid')), api(column('proposed'))]).toEqual([
        name,
        api(L.committed),
        api(L.approvedNotPaid),
        api(L.paid),
        api(proposed.sum),
      ]);
    }

    // Kassenlage
    const cash = await ok(t.http().get(`/api/v1/budget-years/${yearId}/cash-position`).set(bearer(tk.staff)));
    expect(cash).toMatchObject({
      state: {
        receivedFromState: L.receivedFromState.toApiString(),
        refundedToState: L.refundedToState.toApiString(),
        paidOut: L.paid.state.toApiString(),
        recoveriesReceived: L.recoveriesReceived.state.toApiString(),
        balance: L.receivedFromState.minus(L.refundedToState).minus(L.paid.state).plus(L.recoveriesReceived.state).toApiString(),
      },
      district: { paidOut: L.paid.district.toApiString(), recoveriesReceived: L.recoveriesReceived.district.toApiString() },
      approvedNotPaid: api(L.approvedNotPaid).total,
    });

    // Vergaberunde: free money from the ledger, every proposed decision counted at its amount
    const round = await ok(t.http().get(`/api/v1/calls/${callId}/allocation-round`).set(bearer(tk.staff)));
    expect(round.freeBudget).toEqual(api(L.freeToCommit));
    for (const item of round.items) {
      const decided = proposed.byApplication.get(item.applicationId);
      if (decided !== undefined) expect([item.reference, item.proposalSource, item.proposedAmount]).toEqual([item.reference, 'DECISION', decided]);
    }
    const roundSum = round.items.reduce((s: Money, i: any) => s.plus(Money.of(i.proposedAmount ?? '0')), Money.ZERO);
    expect(round.proposedTotal.total).toBe(roundSum.toApiString());
    expect(round.remaining.total).toBe(L.freeToCommit.state.plus(L.freeToCommit.district).minus(roundSum).toApiString());
    // One Projektaufruf per year here: what the round proposes is the year's "vorgeschlagen".
    expect(round.proposedTotal).toEqual(api(proposed.sum));

    // Landesnachweis
    const proof = await ok(t.http().get(`/api/v1/state-proofs/${yearId}`).set(bearer(tk.staff)));
    expect(proof).toMatchObject({
      stateMaxAmount: L.allocated.state.toApiString(),
      stateDisbursed: L.receivedFromState.minus(L.refundedToState).toApiString(),
      recoveredFromProviders: api(L.recoveriesReceived).total,
      paidToProviders: api(L.paid),
      approvedNotPaid: api(L.approvedNotPaid),
    });

    // Haushaltsübersicht (BUDGET): every position is the figure of the pages
    const budget = await exportWorkbook('BUDGET', yearId);
    const bs = budget.wb.getWorksheet('Haushaltsübersicht')!;
    const positions = new Map<string, ExcelJS.Row>();
    for (let r = 2; r < budget.rows + 2; r++) positions.set(String(bs.getRow(r).getCell(2).value), bs.getRow(r));
    const position = (label: string, value: Src) => {
      const row = positions.get(label);
      expect([label, row ? [cellMoney(row.getCell(3)), cellMoney(row.getCell(4)), cellMoney(row.getCell(5))] : null]).toEqual([label, [api(value).state, api(value).district, api(value).total]]);
    };
    position('Bereitgestellt (Zuweisung des Landes, Eigenanteil des Kreises)', L.allocated);
    position('Gebunden durch erlassene Bescheide und Verträge', L.committed);
    position('Vorgeschlagen, noch nicht erlassen', proposed.sum);
    position('Frei (bereitgestellt − gebunden)', L.freeToCommit);
    position('Angewiesen, noch nicht ausgezahlt', L.approvedNotPaid);
    position('Ausgezahlt an Träger (ausgeführte Zahlungsdateien)', L.paid);
    position('Rückforderungen festgesetzt', L.recoveriesDue);
    position('Rückforderungen eingegangen', L.recoveriesReceived);
    expect(cellMoney(positions.get('Vom Land erhalten (Mittelabrufe beim Land)')!.getCell(3))).toBe(L.receivedFromState.toApiString());
    expect(cellMoney(positions.get('An das Land erstattet')!.getCell(3))).toBe(L.refundedToState.toApiString());
    expect(positions.get('Ausgezahlt an Träger (ausgeführte Zahlungsdateien)')!.getCell(6).value).toBe(entries.filter((e) => e.kind === 'DISBURSEMENT_PAID').length);

    // Kreis-Verwendungsnachweis (STATE_PROOF): per project, totals as the ledger; the Info sheet as the page
    const sp = await exportWorkbook('STATE_PROOF', yearId);
    const ws = sp.wb.getWorksheet('Verwendungsnachweis')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const totals = ws.getRow(sp.rows + 2);
    const total = (header: string) => cellMoney(totals.getCell(headers.indexOf(header) + 1));
    expect([total('ausgezahlt'), total('ausgezahlt Land'), total('ausgezahlt Kreis')]).toEqual([api(L.paid).total, api(L.paid).state, api(L.paid).district]);
    expect(total('angewiesen, noch nicht ausgezahlt')).toBe(api(L.approvedNotPaid).total);
    expect(total('Rückflüsse eingegangen')).toBe(api(L.recoveriesReceived).total);
    expect([total('davon Land'), total('davon Kreis')]).toEqual([api(L.recoveriesReceived).state, api(L.recoveriesReceived).district]);
    const info = new Map<string, unknown>();
    sp.wb.getWorksheet(INFO_SHEET_NAME)!.eachRow((row) => {
      if (typeof row.getCell(1).value === 'string') info.set(row.getCell(1).value as string, row.getCell(2).value);
    });
    expect(info.get('Stand der Zahlen')).toBe(proof.provisionalReason ?? 'endgültig: alle Verwendungsnachweise der Träger sind festgesetzt');
    expect(info.get('An Träger ausgezahlt')).toBe(Number(api(L.paid).total));
    expect(info.get('Angewiesen, noch nicht ausgezahlt')).toBe(Number(api(L.approvedNotPaid).total));
    expect(info.get('Erstattung an das Land')).toBe(Number(proof.refundToState));
    expect(info.get('Vom Land erhalten (abzüglich Erstattungen)')).toBe(Number(L.receivedFromState.minus(L.refundedToState).toApiString()));
    return L;
  }

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'ff-figures-'));
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00', env: { FILE_STORAGE_DIR: storageDir } });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    staffId = (await t.db.query(`SELECT id FROM app_user WHERE email = $1`, [DEMO.staff])).rows[0].id;
    await t.startWorker();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('the demo year 2026: Haushalt, breakdown, Kassenlage, Vergaberunde, Landesnachweis and both exports equal the ledger', async () => {
    const yearId = (await t.db.query(`SELECT id FROM budget_year WHERE year = 2026 AND district_id = (SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND')`)).rows[0].id as string;
    const callId = (await t.db.query(`SELECT id FROM funding_call WHERE budget_year_id = $1`, [yearId])).rows[0].id as string;
    const L = await expectFiguresAgree(yearId, callId);
    // The demo has a released Abruf waiting for the next payment file (FF-2026-0003/1): angewiesen, not ausgezahlt.
    expect(L.approvedNotPaid.state.plus(L.approvedNotPaid.district).isPositive()).toBe(true);
    const proof = await ok(t.http().get(`/api/v1/state-proofs/${yearId}`).set(bearer(tk.staff)));
    expect(proof).toMatchObject({ provisional: true, provisionalReason: expect.stringMatching(/^Vorläufig: \d+ Verwendungsnachweise der Träger sind noch nicht festgesetzt; die Erstattung an das Land kann sich noch ändern\.$/) });
  }, 180000);

  it('a year built here: Bescheide, payouts in and out of payment files, a booked file, a settlement with recovery, a refund – all pages and exports equal the ledger, and "ausgezahlt" is only what an executed file carried', async () => {
    const y = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
    const call = await createPublishedCall(t, tk.staff, y.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    const base = { yearId: y.id, callId: call.id, year: 2025 };
    const other = { ...tk, provider: tk.provider2 };
    // Three Bescheide (two Träger, three Handlungsfelder and Sozialräume) …
    const d1 = await approvedDecision(t, tk, { ...base, grant: '90000.00' });
    const d2 = await approvedDecision(t, other, { ...base, grant: '60000.00', application: { fieldsOfAction: ['LANGUAGE_EDUCATION'], socialAreaCode: 'SCHMOELLN_SPROTTENTAL', municipality: 'Schmölln' } });
    const d3 = await approvedDecision(t, tk, { ...base, grant: '45000.00', application: { fieldsOfAction: ['HEALTH_PSYCHOSOCIAL_CARE'], socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ', municipality: 'Meuselwitz' } });
    // … and one proposed from the Antrag, outside any round: the Vergaberunde showed it as 0,00 €.
    const a4 = await ok(
      t.http().post('/api/v1/applications').set(bearer(tk.provider2)).send(applicationBody(call.id, 2025, { financingPlan: balancedPlan('30000.00'), socialAreaCode: 'PLEISSENAUE', municipality: 'Treben' })),
      201,
    );
    await ok(t.http().post(`/api/v1/applications/${a4.id}/submit`).set(bearer(tk.provider2)));
    await ok(t.http().post(`/api/v1/applications/${a4.id}/start-review`).set(bearer(tk.staff)));
    await completeReview(t, tk.staff, a4.id);
    await ok(t.http().post(`/api/v1/applications/${a4.id}/propose-decision`).set(bearer(tk.staff)).send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '30000.00' }), 201);
    const round = await ok(t.http().get(`/api/v1/calls/${call.id}/allocation-round`).set(bearer(tk.staff)));
    expect(round.proposedTotal).toEqual({ total: '30000.00', state: '24000.00', district: '6000.00' });
    expect(round.items.find((i: any) => i.applicationId === a4.id)).toMatchObject({ proposedAmount: '30000.00', proposalSource: 'DECISION' });

    // A Haushaltsbeschluss booked with an earlier date than the Bescheide: the ledger still lists in date order.
    await ok(t.http().post(`/api/v1/budget-years/${y.id}/allocations`).set(bearer(tk.admin)).send({ source: 'DISTRICT', amount: '5000.00', reason: 'Nachtragshaushalt', bookingDate: '2024-11-20' }), 201);

    // Money from the Land
    clock().set('2025-01-20T09:00:00+01:00');
    const drawdown = await ok(t.http().post('/api/v1/state-drawdowns').set(bearer(tk.staff)).send({ budgetYearId: y.id, amount: '100000.00', requestedOn: '2025-01-20', reference: 'Abruf 1/2025' }), 201);
    await ok(t.http().post(`/api/v1/state-drawdowns/${drawdown.id}/received`).set(bearer(tk.staff)).send({ receivedOn: '2025-01-31' }));

    // Payouts: approved under four eyes; some in a file the bank executed, one in a file not yet executed, one in no file.
    const payout = async (token: string, decisionId: string, amount: string, valueDate: string, due: string): Promise<string> => {
      const duePayments = [{ dueDate: valueDate, payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter', amount: due }];
      const r = await ok(t.http().post('/api/v1/payment-requests').set(bearer(token)).send({ decisionId, requestedAmount: amount, requestedValueDate: valueDate, duePayments }), 201);
      await ok(t.http().post(`/api/v1/payment-requests/${r.id}/submit`).set(bearer(token)));
      await ok(t.http().post(`/api/v1/payment-requests/${r.id}/check`).set(bearer(tk.staff)).send(checkBody({ amount })));
      return (await ok(t.http().post(`/api/v1/payment-requests/${r.id}/approve`).set(bearer(tk.approver)))).disbursement.id;
    };
    clock().set('2025-02-20T09:00:00+01:00');
    const p1 = await payout(tk.provider, d1.id, '40000.00', '2025-03-01', '50000.00');
    const p3 = await payout(tk.provider, d3.id, '45000.00', '2025-03-01', '100000.00');
    const executed = await ok(t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [p1, p3], executionDate: '2025-03-01' }), 201);
    clock().set('2025-03-03T09:00:00+01:00');
    await ok(t.http().post(`/api/v1/payment-files/${executed.id}/book`).set(bearer(tk.staff)).send({ bookedOn: '2025-03-01' }));
    clock().set('2025-04-01T09:00:00+02:00');
    const p1b = await payout(tk.provider, d1.id, '20000.00', '2025-04-10', '25000.00');
    await payout(tk.provider2, d2.id, '30000.00', '2025-04-10', '50000.00');
    await ok(t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [p1b], executionDate: '2025-04-10' }), 201);

    // Festsetzung of FF d3 at 40.000 of the 45.000 paid: 5.000 released, 5.000 recovered; 2.000 come back.
    const proofId = (await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: d3.id, kind: 'FINAL' }), 201)).id;
    await t.db.query(`UPDATE proof_of_use SET status = 'REVIEWED' WHERE id = $1`, [proofId]);
    const settlementId = (
      await t.db.query(
        `INSERT INTO settlement (decision_id, proof_id, status, final_grant, recognised_costs, paid_amount, recovery_amount, release_amount, calculation,
                                 recovery_due_date, proposed_by, proposed_at)
         VALUES ($1, $2, 'PROPOSED', 40000, 44444.44, 45000, 5000, 5000, '{}'::jsonb, '2025-06-30', $3, now()) RETURNING id`,
        [d3.id, proofId, staffId],
      )
    ).rows[0].id as string;
    clock().set('2025-05-05T09:00:00+02:00');
    await ok(t.http().post(`/api/v1/settlements/${settlementId}/approve`).set(bearer(tk.approver)));
    const recovery = (await ok(t.http().get(`/api/v1/recoveries?decisionId=${d3.id}`).set(bearer(tk.staff)))).items[0];
    clock().set('2025-05-20T09:00:00+02:00');
    await ok(t.http().post(`/api/v1/recoveries/${recovery.id}/repayments`).set(bearer(tk.staff)).send({ amount: '2000.00', receivedOn: '2025-05-20', payer: 'Evangelisches Sozialwerk', paymentReference: 'R 1' }), 201);
    // A refund to the Land
    await ok(t.http().post(`/api/v1/state-proofs/${y.id}/refunds`).set(bearer(tk.staff)).send({ amount: '1000.00', refundedOn: '2025-05-25' }));

    const L = await expectFiguresAgree(y.id, call.id);
    const total = (a: Src) => a.state.plus(a.district).toApiString();
    // ausgezahlt: the two payouts of the executed file only; angewiesen: the one in a file not yet executed and the one in no file.
    expect([total(L.paid), total(L.approvedNotPaid)]).toEqual(['85000.00', '50000.00']);
    expect([total(L.allocated), total(L.committed), total(L.recoveriesDue), total(L.recoveriesReceived)]).toEqual(['505000.00', '190000.00', '5000.00', '2000.00']);
    expect([L.receivedFromState.toApiString(), L.refundedToState.toApiString()]).toEqual(['100000.00', '1000.00']);
    const paidOn = (await t.db.query(`SELECT DISTINCT booking_date::text AS d FROM budget_ledger_entry WHERE budget_year_id = $1 AND kind = 'DISBURSEMENT_PAID'`, [y.id])).rows;
    expect(paidOn).toEqual([{ d: '2025-03-01' }]);

    // The Landesnachweis says it is provisional while d1 and d2 wait for their Festsetzung, and cannot be submitted.
    const proof = await ok(t.http().get(`/api/v1/state-proofs/${y.id}`).set(bearer(tk.approver)));
    expect(proof).toMatchObject({
      provisional: true,
      openSettlements: 2,
      provisionalReason: 'Vorläufig: 2 Verwendungsnachweise der Träger sind noch nicht festgesetzt; die Erstattung an das Land kann sich noch ändern.',
    });
    expect(proof.allowedActions).not.toContain('submit');
    const refused = await t.http().post(`/api/v1/state-proofs/${y.id}/submit`).set(bearer(tk.approver)).send({ submittedOn: '2025-06-01', submissionReference: 'LRA 50.2' });
    expect([refused.status, refused.body.code, refused.body.detail]).toEqual([409, 'PROOF_ILLEGAL_STATE', expect.stringMatching(/vorläufig: 2 Verwendungsnachweise der Träger sind noch nicht festgesetzt/)]);
    expect((await t.db.query(`SELECT status FROM state_proof WHERE budget_year_id = $1`, [y.id])).rows.map((r) => r.status)).not.toContain('SUBMITTED');
  }, 240000);
});
