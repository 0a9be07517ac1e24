/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock } from '@foerderfluss/core';
import { extractPdfText } from '@foerderfluss/exports';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, Tokens, checkBody, settlementVotum } from './support/flow';

/** Collects a binary response body (supertest leaves application/pdf unparsed otherwise). */
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Issue 14 items 6 and 8 over HTTP: a Verwendungsnachweis that helps (actuals from the Belegliste,
 * no final VN before the period ended, no Belege from the future) and § 49a interest that never
 * fails for want of a future Basiszinssatz, with no part of a recovery escaping interest.
 *
 * The project runs 01.01.–30.06.2025 (Fehlbedarf, plan of DOMAIN §3: Ausgaben 100.000, Eigenmittel
 * 10.000, H = 90.000). 85.000 are paid out on 03.03.2025; 5.000 more are approved in June but
 * booked only after the Festsetzung in January 2027. The reference table has Basiszinssätze up to 31.12.2026.
 */
describe('a Verwendungsnachweis that helps; interest without a future Basiszins', () => {
  let t: TestContext;
  let tk: Tokens;
  let decision: { id: string; reference: string };
  let pendingFileId: string;
  let proofId: string;
  let recoveryId: string;
  const clock = () => t.clock as FixedClock;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** One Mittelabruf, approved by the Zeichnungsbefugnis and put in a payment file; booked if asked. */
  async function payOut(amount: string, valueDate: string, due: { dueDate: string; costCategory: string; payeeType: string; amount: string }[], book: boolean): Promise<string> {
    const r = await ok(
      t
        .http()
        .post('/api/v1/payment-requests')
        .set(bearer(tk.provider))
        .send({ decisionId: decision.id, requestedAmount: amount, requestedValueDate: valueDate, duePayments: due.map((d) => ({ ...d, description: 'laufende Kosten' })) }),
      201,
    );
    await ok(t.http().post(`/api/v1/payment-requests/${r.id}/submit`).set(bearer(tk.provider)));
    await ok(t.http().post(`/api/v1/payment-requests/${r.id}/check`).set(bearer(tk.staff)).send(checkBody({ amount })));
    const approved = await ok(t.http().post(`/api/v1/payment-requests/${r.id}/approve`).set(bearer(tk.approver)));
    const file = await ok(t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [approved.disbursement.id], executionDate: valueDate }), 201);
    if (book) await ok(t.http().post(`/api/v1/payment-files/${file.id}/book`).set(bearer(tk.staff)).send({ bookedOn: valueDate }));
    return file.id as string;
  }

  const receipt = (n: number, category: string, amount: string, extra: Record<string, unknown> = {}) => ({
    receiptNumber: `H-${String(n).padStart(4, '0')}`,
    receiptDate: '2025-03-10',
    paymentDate: '2025-03-12',
    counterparty: 'Vermieter Altenburg GmbH',
    reason: 'laufende Kosten März',
    direction: 'EXPENSE',
    costCategory: category,
    grossAmount: amount,
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-01T09:00:00+01:00' });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const y = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
    const call = await createPublishedCall(t, tk.staff, y.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    decision = await approvedDecision(t, tk, { yearId: y.id, callId: call.id, year: 2025, financingType: 'DEFICIT', application: { periodEnd: '2025-06-30' } });
    clock().set('2025-02-25T09:00:00+01:00');
    await payOut(
      '85000.00',
      '2025-03-03',
      [
        { dueDate: '2025-03-31', payeeType: 'STAFF', costCategory: 'PERSONNEL', amount: '80000.00' },
        { dueDate: '2025-04-15', payeeType: 'SUPPLIER', costCategory: 'MATERIAL_ADMIN', amount: '15000.00' },
      ],
      true,
    );
    clock().set('2025-06-01T09:00:00+02:00');
    pendingFileId = await payOut('5000.00', '2025-06-16', [{ dueDate: '2025-06-30', payeeType: 'CONTRACTOR', costCategory: 'FEES', amount: '6000.00' }], false);
    await t.startWorker();
  });
  afterAll(() => t.close());

  it('a final VN cannot be submitted before the period has ended; Belege from the future or outside the period are refused with the field', async () => {
    clock().set('2025-06-10T10:00:00+02:00');
    const p = await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: decision.id, kind: 'FINAL' }), 201);
    proofId = p.id;
    const future = await t.http().post(`/api/v1/proofs-of-use/${proofId}/receipts`).set(bearer(tk.provider)).send(receipt(1, 'FEES', '100.00', { receiptDate: '2025-06-20', paymentDate: '2025-06-20' })).expect(400);
    expect(future.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'receiptDate', message: 'Das Datum liegt in der Zukunft (nach dem 10.06.2025).' },
        { path: 'paymentDate', message: 'Das Datum liegt in der Zukunft (nach dem 10.06.2025).' },
      ]),
    );
    const outside = await t.http().post(`/api/v1/proofs-of-use/${proofId}/receipts`).set(bearer(tk.provider)).send(receipt(1, 'FEES', '100.00', { receiptDate: '2024-12-20', paymentDate: '2024-12-22' })).expect(400);
    expect(outside.body.errors).toEqual(expect.arrayContaining([{ path: 'paymentDate', message: 'Datum liegt vor dem Beginn des Bewilligungszeitraums.' }]));
    expect((await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}/receipts`).set(bearer(tk.provider)))).items).toEqual([]);

    await ok(
      t
        .http()
        .patch(`/api/v1/proofs-of-use/${proofId}`)
        .set(bearer(tk.provider))
        .send({
          narrative: { measure: 'Sozialberatung', goalsAchieved: 'erreicht', targetGroupReached: 'ja', deviations: 'keine', indicators: [] },
        }),
    );
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/receipts`).set(bearer(tk.provider)).send(receipt(1, 'MATERIAL_ADMIN', '100.00')), 201);
    const early = await t.http().post(`/api/v1/proofs-of-use/${proofId}/submit`).set(bearer(tk.provider)).expect(409);
    expect(early.body).toMatchObject({ code: 'PROOF_PERIOD_NOT_ENDED', detail: expect.stringContaining('30.06.2025') });
    expect(early.body.errors).toEqual([{ path: 'kind', message: 'Einreichen ist ab dem 01.07.2025 möglich.' }]);
  });

  it('actuals per plan line come from the Belegliste; changing one needs a reason, which is stored and audited', async () => {
    clock().set('2025-07-20T10:00:00+02:00');
    const lines = [
      ['PERSONNEL', '54000.00', 'Sozialberater/in'],
      ['PERSONNEL', '18000.00', 'Verwaltungskraft'],
      ['MATERIAL_ADMIN', '13400.00', null],
      ['FEES', '4500.00', null],
    ] as const;
    for (const [i, [cat, amount, position]] of lines.entries()) {
      await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/receipts`).set(bearer(tk.provider)).send(receipt(i + 2, cat, amount, position ? { personnelPosition: position } : {})), 201);
    }
    const p = await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}`).set(bearer(tk.provider)));
    expect(p.figures.costLines.map((l: any) => [l.category, l.actual, l.fromReceipts, l.overrideReason])).toEqual([
      ['PERSONNEL', '72000.00', '72000.00', null],
      ['MATERIAL_ADMIN', '13500.00', '13500.00', null],
      ['FEES', '4500.00', '4500.00', null],
    ]);
    expect(p.actualCosts).toBe('90000.00');
    const figures = (costLines: Record<string, unknown>[]) => ({ figures: { costLines, ownFunds: '10000.00', thirdPartyFunds: '0.00' } });
    const plain = [
      { category: 'PERSONNEL', description: 'Sozialberatung' },
      { category: 'MATERIAL_ADMIN', description: 'Miete' },
      { category: 'FEES', description: 'Honorare' },
    ];
    // a different Ist without a reason is refused at the line
    const refused = await t
      .http()
      .patch(`/api/v1/proofs-of-use/${proofId}`)
      .set(bearer(tk.provider))
      .send(figures([plain[0], { ...plain[1], actual: '14000.00' }, plain[2]]))
      .expect(400);
    expect(refused.body.errors).toEqual([{ path: 'figures.costLines[1].overrideReason', message: expect.stringContaining('Die Belege dieser Kostenart ergeben 13.500,00 €') }]);
    // with a reason it is taken, stored and audited; the finding names the Kostenart in German
    const changed = await ok(
      t
        .http()
        .patch(`/api/v1/proofs-of-use/${proofId}`)
        .set(bearer(tk.provider))
        .send(figures([plain[0], { ...plain[1], actual: '14000.00', overrideReason: 'Nebenkostenabrechnung 2025 liegt noch nicht als Beleg vor.' }, plain[2]])),
    );
    expect(changed.figures.costLines[1]).toMatchObject({ actual: '14000.00', fromReceipts: '13500.00', overrideReason: 'Nebenkostenabrechnung 2025 liegt noch nicht als Beleg vor.' });
    const findings = await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}/findings`).set(bearer(tk.provider)));
    expect(findings).toEqual([expect.objectContaining({ code: 'LINE_SUM_MISMATCH', category: 'MATERIAL_ADMIN', message: expect.stringMatching(/^Sach- und Verwaltungsausgaben: /) })]);
    expect(JSON.stringify(findings)).not.toMatch(/MATERIAL_ADMIN:|PERSONNEL|INTERPRETING/);
    const audit = await t.db.query(`SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'proof.update' ORDER BY id DESC LIMIT 1`, [proofId]);
    expect(JSON.stringify(audit.rows[0].after)).toContain('Nebenkostenabrechnung 2025');
    // back to the Belegliste: the line follows the Belege again
    const back = await ok(t.http().patch(`/api/v1/proofs-of-use/${proofId}`).set(bearer(tk.provider)).send(figures(plain)));
    expect(back.figures.costLines[1]).toMatchObject({ actual: '13500.00', overrideReason: null });
    expect(await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}/findings`).set(bearer(tk.provider)))).toEqual([]);
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/submit`).set(bearer(tk.provider)));
  });

  it('Festsetzung while 5.000 are approved but not booked: the letter and the interest view work without a Basiszins for 2027, and that part bears interest from its booking', async () => {
    clock().set('2025-08-05T10:00:00+02:00');
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review`).set(bearer(tk.staff)), 201);
    await ok(t.http().put(`/api/v1/proofs-of-use/${proofId}/review/cursory`).set(bearer(tk.staff)).send({ complete: true, plausible: true, purposeAchieved: true, notes: 'schlüssig' }));
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/sample`).set(bearer(tk.staff)).send({ seed: 'hilft-2025' }));
    const sampled = await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}/receipts?inSample=true`).set(bearer(tk.staff)));
    for (const r of sampled.items) await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/receipts/${r.id}`).set(bearer(tk.staff)).send({ outcome: 'RECOGNISED' }));
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/complete`).set(bearer(tk.staff)).send({ conclusion: 'wie berechnet' }));

    // Festsetzung in January 2027: no Basiszins for 2027 yet; R = 90.000 − 80.000, due in February
    clock().set('2027-01-11T10:00:00+01:00');
    const s = await ok(t.http().post('/api/v1/settlements').set(bearer(tk.staff)).send({ proofId, recoveryDueDate: '2027-02-15', ...settlementVotum }), 201);
    expect(s).toMatchObject({ finalGrant: '80000.00', paidAmount: '90000.00', recoveryAmount: '10000.00' });
    const settled = await ok(t.http().post(`/api/v1/settlements/${s.id}/approve`).set(bearer(tk.approver)));
    recoveryId = settled.recoveryId;
    const rec = await ok(t.http().get(`/api/v1/recoveries/${recoveryId}`).set(bearer(tk.provider)));
    expect(rec.interestParts).toEqual([
      { from: null, amount: '5000.00', disbursementId: expect.any(String) },
      { from: '2025-03-03', amount: '5000.00', disbursementId: expect.any(String) },
    ]);

    // the interest view: known up to 31.12.2026, and it says why; the unbooked part bears none yet
    const view = await ok(t.http().get(`/api/v1/recoveries/${recoveryId}/interest`).set(bearer(tk.provider)));
    expect(view).toMatchObject({
      asOf: '2027-01-11',
      computedUntil: '2026-12-31',
      computedUntilReason: 'Für das 1. Halbjahr 2027 ist noch kein Basiszinssatz veröffentlicht; Zinsen sind bis 31.12.2026 berechnet und werden ergänzt, sobald er eingetragen ist.',
      parts: [
        { amount: '5000.00', paidOn: null, interestFrom: null, disbursementId: expect.any(String) },
        { amount: '5000.00', paidOn: '2025-03-03', interestFrom: '2025-03-04', disbursementId: expect.any(String) },
      ],
    });
    // 5.000 from 04.03.2025 to 31.12.2026 at Basiszins + 5: 119 d × 7,27 % + 184 d × 6,27 % (2025)
    // + 181 d × 6,27 % + 184 d × 6,52 % (2026) = 596,3507 → 596,35
    expect(view.pieces.map((p: any) => [p.from, p.to, p.principal])).toEqual([['2025-03-04', '2026-12-31', '5000.00']]);
    expect(view.interest).toBe('596.35');
    expect(JSON.stringify(view)).not.toContain('BASE_RATE_MISSING');
    // § 49a (4) is treated the same way: the unused money bears interest as far as rates are known
    const lateUse = await ok(t.http().get(`/api/v1/decisions/${decision.id}/late-use-interest`).set(bearer(tk.staff)));
    expect(lateUse).toMatchObject({ asOf: '2027-01-11', computedUntil: '2026-12-31', computedUntilReason: expect.stringContaining('Für das 1. Halbjahr 2027 ist noch kein Basiszinssatz veröffentlicht') });
    expect(Number(lateUse.interest)).toBeGreaterThan(0);

    // the Rückforderungsbescheid: rule, interest to the letter's date with the rates known, notes
    // written with the approved Festsetzung (issue 16: letters at once), rendered by the worker
    const letter = await waitFor(async () => {
      const list = await ok(t.http().get(`/api/v1/recoveries/${recoveryId}/letters`).set(bearer(tk.provider)));
      if (list.items.some((d: any) => d.status === 'FAILED')) throw new Error(`letter failed: ${JSON.stringify(list.items)}`);
      return list.items.length === 1 && list.items[0].status === 'COMPLETED' ? list.items[0] : null;
    });
    const file = await t.http().get(`/api/v1/letters/${letter.id}/file`).set(bearer(tk.provider)).buffer(true).parse(binary).expect(200);
    const text = extractPdfText(file.body as Buffer).pages.join('\n').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Der Erstattungsbetrag ist nach § 49a Abs. 3 ThürVwVfG vom Eintritt der Unwirksamkeit an bis zur Erstattung mit fünf Prozentpunkten über dem Basiszinssatz nach § 247 BGB jährlich zu verzinsen.');
    expect(text).toContain('Die bis zum 31.12.2026 aufgelaufenen Zinsen werden auf 596,35 € festgesetzt');
    expect(text).toContain('Die Zinsen laufen bis zum Tag des Zahlungseingangs weiter.');
    expect(text).toContain('Für das 1. Halbjahr 2027 ist noch kein Basiszinssatz veröffentlicht');
    expect(text).toContain('Der Teilbetrag von 5.000,00 € aus einer freigegebenen, noch nicht gebuchten Auszahlung wird vom Tag nach ihrer Buchung an verzinst.');

    // the Rückforderungen export does not fail either; it says up to which day it computed
    const exp = await ok(t.http().post('/api/v1/exports').set(bearer(tk.staff)).send({ type: 'RECOVERIES', format: 'csv', filters: {} }), 202);
    const done = await waitFor(async () => {
      const e = await ok(t.http().get(`/api/v1/exports/${exp.id}`).set(bearer(tk.staff)));
      if (e.status === 'FAILED') throw new Error(`export failed: ${JSON.stringify(e)}`);
      return e.status === 'COMPLETED' ? e : null;
    });
    const csv = (await t.http().get(`/api/v1/exports/${done.id}/file`).set(bearer(tk.staff)).buffer(true).parse(binary).expect(200)).body.toString('utf8');
    expect(csv).toContain(`${decision.reference}/R`);
    expect(csv).toContain('31.12.2026');

    // the 5.000 are booked on 14.01.2027; once the Basiszins for 2027 is entered, that part bears
    // interest from 15.01.2027 and the rest from 01.01.2027 on
    clock().set('2027-01-14T10:00:00+01:00');
    await ok(t.http().post(`/api/v1/payment-files/${pendingFileId}/book`).set(bearer(tk.staff)).send({ bookedOn: '2027-01-14' }));
    await ok(t.http().post('/api/v1/base-rates').set(bearer(tk.admin)).send({ validFrom: '2027-01-01', ratePercent: '1.50' }), 201);
    const later = await ok(t.http().get(`/api/v1/recoveries/${recoveryId}/interest?asOf=2027-02-15`).set(bearer(tk.staff)));
    expect(later).toMatchObject({ computedUntil: '2027-02-15', computedUntilReason: 'Zinsen sind bis zum Stichtag 15.02.2027 berechnet.' });
    expect(later.parts[0]).toMatchObject({ paidOn: '2027-01-14', interestFrom: '2027-01-15' });
    expect(later.pieces.map((p: any) => [p.from, p.to, p.principal])).toEqual(
      expect.arrayContaining([
        ['2027-01-15', '2027-02-15', '5000.00'],
        ['2025-03-04', '2027-02-15', '5000.00'],
      ]),
    );
  });
});
