/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import Decimal from 'decimal.js';
import { FixedClock } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, Tokens, checkBody, settlementVotum } from './support/flow';

const PROBLEM = /^application\/problem\+json/;

/**
 * The Verwendungsnachweis from submission to settled, over HTTP, with the DOMAIN examples as
 * end-to-end cases: every decision is the plan of DOMAIN §3 (Ausgaben 100.000 = Personal 80.000,
 * Sach 15.000, Honorare 5.000; Eigenmittel 10.000; H = 90.000) paid out with 90.000 on 01.03.2025,
 * the payout date of the interest example in §5. The project runs 01.01.–30.06.2025.
 */
describe('proof of use: Verwendungsnachweis, Prüfung, Festsetzung, Rückforderung, VN an das Land', () => {
  let t: TestContext;
  let tk: Tokens;
  let yearId: string;
  const clock = () => t.clock as FixedClock;
  const cases: Record<string, { id: string; reference: string }> = {};

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Mittelabruf 90.000 for 01.03.2025: 100.000 due within the 2 months, 90 % share → 90.000 allowed. */
  async function payOut(decisionId: string): Promise<void> {
    clock().set('2025-02-20T09:00:00+01:00');
    const due = [
      { dueDate: '2025-03-31', payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter März/April', amount: '80000.00' },
      { dueDate: '2025-04-15', payeeType: 'SUPPLIER', costCategory: 'MATERIAL_ADMIN', description: 'Miete, Büro', amount: '15000.00' },
      { dueDate: '2025-04-20', payeeType: 'CONTRACTOR', costCategory: 'FEES', description: 'Honorare', amount: '5000.00' },
    ];
    const r = await ok(t.http().post('/api/v1/payment-requests').set(bearer(tk.provider)).send({ decisionId, requestedAmount: '90000.00', requestedValueDate: '2025-03-01', duePayments: due }), 201);
    await ok(t.http().post(`/api/v1/payment-requests/${r.id}/submit`).set(bearer(tk.provider)));
    await ok(t.http().post(`/api/v1/payment-requests/${r.id}/check`).set(bearer(tk.staff)).send(checkBody({ amount: '90000.00' })));
    const approved = await ok(t.http().post(`/api/v1/payment-requests/${r.id}/approve`).set(bearer(tk.approver)));
    const file = await ok(t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [approved.disbursement.id], executionDate: '2025-03-01' }), 201);
    clock().set('2025-03-01T12:00:00+01:00');
    await ok(t.http().post(`/api/v1/payment-files/${file.id}/book`).set(bearer(tk.staff)).send({ bookedOn: '2025-03-01' }));
  }

  const receipt = (n: number, category: string, amount: string, extra: Record<string, unknown> = {}) => ({
    receiptNumber: `B-${String(n).padStart(4, '0')}`,
    receiptDate: '2025-03-10',
    paymentDate: '2025-03-12',
    counterparty: category === 'PERSONNEL' ? 'Gehaltsabrechnung' : category === 'FEES' ? 'Sprachmittlung Weber' : 'Vermieter Altenburg GmbH',
    reason: `${category} März`,
    direction: 'EXPENSE',
    costCategory: category,
    grossAmount: amount,
    ...extra,
  });

  /** The Träger fills in and submits the final VN; actuals per line, all backed by Belege. */
  async function submitProof(decisionId: string, actual: { PERSONNEL: string; MATERIAL_ADMIN: string; FEES: string }, ownFunds = '10000.00'): Promise<string> {
    clock().set('2025-07-20T10:00:00+02:00');
    const p = await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId, kind: 'FINAL' }), 201);
    // The Sachbericht reports against a seeded Kennzahl of the project's Handlungsfeld, by its id.
    const kennzahlen = await ok(t.http().get('/api/v1/indicators?fieldOfAction=LABOUR_MARKET').set(bearer(tk.provider)));
    const consultations = kennzahlen.items.find((k: any) => k.code === 'CONSULTATIONS');
    await ok(
      t
        .http()
        .patch(`/api/v1/proofs-of-use/${p.id}`)
        .set(bearer(tk.provider))
        .send({
          narrative: {
            measure: 'Sozialberatung in Altenburg-Nord, offene Sprechstunde zweimal wöchentlich.',
            goalsAchieved: 'Die Beratungsziele wurden erreicht.',
            targetGroupReached: 'Anerkannte Geflüchtete aus Altenburg und Umgebung.',
            deviations: 'keine',
            indicators: [{ indicatorId: consultations.id, value: 412 }],
          },
          figures: {
            costLines: [
              { category: 'PERSONNEL', description: 'Sozialberatung 1,0 VZÄ' },
              { category: 'MATERIAL_ADMIN', description: 'Miete, Telefon, Büro' },
              { category: 'FEES', description: 'Honorare Sprachmittlung' },
            ],
            ownFunds,
            thirdPartyFunds: '0.00',
          },
        }),
    );
    // Belege: personnel in ten salary slips, 3/4 Sozialberater/in and 1/4 Verwaltungskraft (both within
    // the Besserstellung caps of 60.000 and 19.000), one Beleg per other line.
    const slip = (share: string) => new Decimal(actual.PERSONNEL).mul(share).div(5).toFixed(2);
    let n = 1;
    for (let i = 0; i < 5; i++) {
      await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/receipts`).set(bearer(tk.provider)).send(receipt(n++, 'PERSONNEL', slip('0.75'), { personnelPosition: 'Sozialberater/in' })), 201);
      await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/receipts`).set(bearer(tk.provider)).send(receipt(n++, 'PERSONNEL', slip('0.25'), { personnelPosition: 'Verwaltungskraft' })), 201);
    }
    await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/receipts`).set(bearer(tk.provider)).send(receipt(n++, 'MATERIAL_ADMIN', actual.MATERIAL_ADMIN)), 201);
    await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/receipts`).set(bearer(tk.provider)).send(receipt(n, 'FEES', actual.FEES)), 201);
    const findings = await ok(t.http().get(`/api/v1/proofs-of-use/${p.id}/findings`).set(bearer(tk.provider)));
    expect(findings).toEqual([]);
    const submitted = await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/submit`).set(bearer(tk.provider)));
    expect(submitted).toMatchObject({ status: 'SUBMITTED', retainUntil: '2030-07-20' });
    return p.id;
  }

  /** Staff: cursory check, sample with a stored seed, every sampled Beleg recognised, Prüfvermerk. */
  async function review(proofId: string, consents: { category: string; amount: string; note: string }[] = []): Promise<any> {
    clock().set('2025-08-05T10:00:00+02:00');
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review`).set(bearer(tk.staff)), 201);
    await ok(t.http().put(`/api/v1/proofs-of-use/${proofId}/review/cursory`).set(bearer(tk.staff)).send({ complete: true, plausible: true, purposeAchieved: true, notes: 'Sachbericht schlüssig.' }));
    if (consents.length) await ok(t.http().put(`/api/v1/proofs-of-use/${proofId}/review/line-consents`).set(bearer(tk.staff)).send({ consents }));
    const sample = await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/sample`).set(bearer(tk.staff)).send({ seed: 'pruefung-2025' }));
    expect(sample.sampleSeed).toBe('pruefung-2025');
    const sampled = await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}/receipts?inSample=true`).set(bearer(tk.staff)));
    // at least 10 % of the Belege (rounded up), risk-based plus at least one drawn at random
    expect(sampled.items.length).toBeGreaterThanOrEqual(2);
    expect(sampled.items.map((r: any) => r.sampleReason)).toEqual(expect.arrayContaining(['RISK_AMOUNT', 'RANDOM']));
    expect(sampled.items.length).toBe(sample.sampleSize);
    for (const r of sampled.items) {
      await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/receipts/${r.id}`).set(bearer(tk.staff)).send({ outcome: 'RECOGNISED' }));
    }
    const calc = await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}/review/calculation`).set(bearer(tk.staff)));
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/review/complete`).set(bearer(tk.staff)).send({ conclusion: 'Verwendung nachgewiesen; Festsetzung wie berechnet.' }));
    return calc;
  }

  async function settle(proofId: string, dueDate: string | null): Promise<any> {
    clock().set('2025-08-12T10:00:00+02:00');
    const s = await ok(t.http().post('/api/v1/settlements').set(bearer(tk.staff)).send({ proofId, recoveryDueDate: dueDate, ...settlementVotum }), 201);
    return ok(t.http().post(`/api/v1/settlements/${s.id}/approve`).set(bearer(tk.approver)));
  }

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00' });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const y = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
    yearId = y.id;
    const call = await createPublishedCall(t, tk.staff, yearId, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    const half = { periodEnd: '2025-06-30' };
    const base = { yearId, callId: call.id, year: 2025, application: half };
    cases.deficit = await approvedDecision(t, tk, { ...base, financingType: 'DEFICIT' });
    cases.share = await approvedDecision(t, tk, { ...base, financingType: 'SHARE', fundingRatePercent: '90', instrument: 'VERTRAG' });
    cases.overrun = await approvedDecision(t, tk, { ...base, financingType: 'DEFICIT' });
    cases.consent = await approvedDecision(t, tk, { ...base, financingType: 'DEFICIT' });
    for (const c of Object.values(cases)) await payOut(c.id);
  });
  afterAll(() => t.close());

  it('lists the VN deadline (6 months after the period end) for staff and for the Träger, and nothing of it for another Träger', async () => {
    clock().set('2025-07-01T10:00:00+02:00');
    const staff = await ok(t.http().get('/api/v1/proofs-of-use/deadlines').set(bearer(tk.staff)));
    const mine = staff.filter((d: any) => d.decisionId === cases.deficit!.id);
    expect(mine).toEqual([expect.objectContaining({ kind: 'FINAL', due: '2025-12-31', proofId: null, overdue: false })]);
    const own = await ok(t.http().get('/api/v1/proofs-of-use/deadlines?onlyOpen=true').set(bearer(tk.provider)));
    expect(own.map((d: any) => d.decisionId)).toEqual(expect.arrayContaining(Object.values(cases).map((c) => c.id)));
    const other = await ok(t.http().get('/api/v1/proofs-of-use/deadlines').set(bearer(tk.provider2)));
    expect(other.filter((d: any) => Object.values(cases).some((c) => c.id === d.decisionId))).toEqual([]);
  });

  it('refuses a Beleg outside the period or with a Kostenart not in the plan, field by field in German, and stores nothing', async () => {
    clock().set('2025-07-10T10:00:00+02:00');
    const p = await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: cases.deficit!.id, kind: 'FINAL' }), 201);
    const bad = await t
      .http()
      .post(`/api/v1/proofs-of-use/${p.id}/receipts`)
      .set(bearer(tk.provider))
      .send(receipt(1, 'CATERING', '100.00', { paymentDate: '2024-12-20', receiptDate: '2024-12-18' }))
      .expect(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'paymentDate', message: 'Datum liegt vor dem Beginn des Bewilligungszeitraums.' },
        expect.objectContaining({ path: 'costCategory', message: expect.stringContaining('kommt im bewilligten Finanzierungsplan nicht vor') }),
      ]),
    );
    const list = await ok(t.http().get(`/api/v1/proofs-of-use/${p.id}/receipts`).set(bearer(tk.provider)));
    expect(list.items).toEqual([]);
    // Besserstellungsverbot: the Verwaltungskraft is paid 4.000 a month against a TV-L comparison of 3.800
    const above = await ok(
      t.http().post(`/api/v1/proofs-of-use/${p.id}/receipts`).set(bearer(tk.provider)).send(receipt(1, 'PERSONNEL', '20000.00', { personnelPosition: 'Verwaltungskraft' })),
      201,
    );
    const findings = await ok(t.http().get(`/api/v1/proofs-of-use/${p.id}/findings`).set(bearer(tk.provider)));
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'PERSONNEL_ABOVE_COMPARISON', receiptIds: [above.id], message: expect.stringContaining('höchstens 19.000,00 €') }),
      ]),
    );
    // the Ist of the line is what its Belege give: no mismatch to report, and it is in the view
    expect(findings.map((f: any) => f.code)).not.toContain('LINE_SUM_MISMATCH');
    expect((await ok(t.http().get(`/api/v1/proofs-of-use/${p.id}`).set(bearer(tk.provider)))).figures.costLines[0]).toMatchObject({ category: 'PERSONNEL', actual: '20000.00', fromReceipts: '20000.00' });
    // still a draft: the Träger corrects it
    await t.http().delete(`/api/v1/proofs-of-use/${p.id}/receipts/${above.id}`).set(bearer(tk.provider)).expect(204);
    // incomplete Sachbericht and no Belegliste: the submission names what is missing
    const refused = await t.http().post(`/api/v1/proofs-of-use/${p.id}/submit`).set(bearer(tk.provider)).expect(422);
    expect(refused.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['narrative.measure', 'receipts']));
    // the draft is the Träger's own: another Träger sees nothing of it, and a second FINAL VN is refused
    await t.http().get(`/api/v1/proofs-of-use/${p.id}`).set(bearer(tk.provider2)).expect(404);
    await t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: cases.deficit!.id, kind: 'FINAL' }).expect(409);
    // restart cleanly for the next test: staff cannot write it, the Träger deletes nothing here
    await t.http().patch(`/api/v1/proofs-of-use/${p.id}`).set(bearer(tk.staff)).send({}).expect(403);
  });

  it('DOMAIN §3 Fehlbedarf with A = 90.000 → Z = 80.000, R = 10.000; § 49a (3) interest as in DOMAIN §5 (424,81 to 15.10.2025); partial repayment lowers it; full repayment closes the case', async () => {
    // The draft from the previous test is the one to complete.
    const list = await ok(t.http().get(`/api/v1/proofs-of-use?decisionId=${cases.deficit!.id}`).set(bearer(tk.provider)));
    const proofId = list.items[0].id as string;
    clock().set('2025-07-20T10:00:00+02:00');
    await ok(
      t
        .http()
        .patch(`/api/v1/proofs-of-use/${proofId}`)
        .set(bearer(tk.provider))
        .send({
          narrative: { measure: 'Sozialberatung', goalsAchieved: 'erreicht', targetGroupReached: 'ja', deviations: 'Eine Stelle war zwei Monate unbesetzt.', indicators: [] },
          figures: {
            costLines: [
              { category: 'PERSONNEL', description: 'Sozialberatung' },
              { category: 'MATERIAL_ADMIN', description: 'Miete' },
              { category: 'FEES', description: 'Honorare' },
            ],
            ownFunds: '10000.00',
            thirdPartyFunds: '0.00',
          },
        }),
    );
    const lines = [
      ['PERSONNEL', '54000.00', 'Sozialberater/in'],
      ['PERSONNEL', '18000.00', 'Verwaltungskraft'],
      ['MATERIAL_ADMIN', '13500.00', null],
      ['FEES', '4500.00', null],
    ] as const;
    for (const [i, [cat, amount, position]] of lines.entries()) {
      await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/receipts`).set(bearer(tk.provider)).send(receipt(i + 1, cat, amount, position ? { personnelPosition: position } : {})), 201);
    }
    await ok(t.http().post(`/api/v1/proofs-of-use/${proofId}/submit`).set(bearer(tk.provider)));
    await t.http().patch(`/api/v1/proofs-of-use/${proofId}`).set(bearer(tk.provider)).send({}).expect(409);

    const calc = await review(proofId);
    expect(calc).toMatchObject({ recognisedCosts: '90000.00', finalGrant: '80000.00', paidAmount: '90000.00', recovery: '10000.00' });

    // four eyes: whoever proposed cannot approve
    clock().set('2025-08-12T10:00:00+02:00');
    const proposed = await ok(t.http().post('/api/v1/settlements').set(bearer(tk.admin)).send({ proofId, recoveryDueDate: '2025-09-15', ...settlementVotum }), 201);
    const same = await t.http().post(`/api/v1/settlements/${proposed.id}/approve`).set(bearer(tk.admin)).expect(403);
    expect(same.body.code).toBe('SETTLEMENT_SAME_APPROVER');
    const approved = await ok(t.http().post(`/api/v1/settlements/${proposed.id}/approve`).set(bearer(tk.approver)));
    expect(approved).toMatchObject({ status: 'APPROVED', finalGrant: '80000.00', recoveryAmount: '10000.00', releaseAmount: '10000.00', decisionDate: '2025-08-12' });
    const recoveryId = approved.recoveryId as string;

    const rec = await ok(t.http().get(`/api/v1/recoveries/${recoveryId}`).set(bearer(tk.provider)));
    expect(rec).toMatchObject({ principal: '10000.00', status: 'OPEN', dueDate: '2025-09-15', instrument: 'BESCHEID', interestParts: [{ from: '2025-03-01', amount: '10000.00' }] });
    const interest = await ok(t.http().get(`/api/v1/recoveries/${recoveryId}/interest?asOf=2025-10-15`).set(bearer(tk.staff)));
    expect(interest).toMatchObject({ interest: '424.81', outstandingPrincipal: '10000.00' });
    expect(interest.pieces[0].segments.map((s: any) => [s.from, s.to, s.days])).toEqual([
      ['2025-03-02', '2025-06-30', 121],
      ['2025-07-01', '2025-10-15', 107],
    ]);

    // a partial repayment of 5.000 on 01.09. reduces the principal from that day on
    clock().set('2025-09-02T10:00:00+02:00');
    await ok(t.http().post(`/api/v1/recoveries/${recoveryId}/repayments`).set(bearer(tk.staff)).send({ amount: '5000.00', receivedOn: '2025-09-01', payer: 'Träger', paymentReference: `${cases.deficit!.reference} Rückzahlung` }), 201);
    const after = await ok(t.http().get(`/api/v1/recoveries/${recoveryId}/interest?asOf=2025-10-15`).set(bearer(tk.staff)));
    // 10.000 × 7,27 % × 121/365 + 10.000 × 6,27 % × 63/365 + 5.000 × 6,27 % × 44/365
    const expected = new Decimal(10000).mul('0.0727').mul(121).div(365).plus(new Decimal(10000).mul('0.0627').mul(63).div(365)).plus(new Decimal(5000).mul('0.0627').mul(44).div(365));
    expect(after.interest).toBe(expected.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    expect(after.interest).toBe('387.02');
    expect(after.outstandingPrincipal).toBe('5000.00');
    expect((await ok(t.http().get(`/api/v1/recoveries/${recoveryId}`).set(bearer(tk.staff)))).status).toBe('PARTIALLY_PAID');

    // the rest with the interest to the repayment day settles it and closes the decision
    clock().set('2025-10-16T10:00:00+02:00');
    await ok(t.http().post(`/api/v1/recoveries/${recoveryId}/repayments`).set(bearer(tk.staff)).send({ amount: '5387.02', receivedOn: '2025-10-15', payer: 'Träger', paymentReference: `${cases.deficit!.reference} Rest` }), 201);
    const settled = await ok(t.http().get(`/api/v1/recoveries/${recoveryId}`).set(bearer(tk.staff)));
    expect(settled).toMatchObject({ status: 'SETTLED', settledOn: '2025-10-15', repaidPrincipal: '10000.00', repaidInterest: '387.02' });
    const decision = await ok(t.http().get(`/api/v1/decisions/${cases.deficit!.id}`).set(bearer(tk.staff)));
    expect(decision.status).toBe('CLOSED');
    // RECOVERY_DUE once, RECOVERY_RECEIVED per repayment, each with the Land/Kreis split (80/20)
    const ledger = (
      await t.db.query(
      `SELECT kind, amount::text, state_share::text AS state_amount, district_share::text AS district_amount FROM budget_ledger_entry WHERE kind IN ('RECOVERY_DUE', 'RECOVERY_RECEIVED') AND (reference_id = $1 OR reference_id = $2) ORDER BY id`,
        [cases.deficit!.id, recoveryId],
      )
    ).rows as { kind: string; amount: string; state_amount: string; district_amount: string }[];
    expect(ledger.map((e) => e.kind)).toEqual(['RECOVERY_DUE', 'RECOVERY_RECEIVED', 'RECOVERY_RECEIVED']);
    expect(ledger[1]).toMatchObject({ amount: '5000.00', state_amount: '4000.00', district_amount: '1000.00' });
    // a settled recovery takes no more money
    await t.http().post(`/api/v1/recoveries/${recoveryId}/repayments`).set(bearer(tk.staff)).send({ amount: '1.00', receivedOn: '2025-10-16', payer: 'Träger', paymentReference: 'x' }).expect(409);
  });

  it('DOMAIN §3 Anteilfinanzierung p = 90 % with A = 90.000 → Z = 81.000, R = 9.000 (by Vertrag: a contractual claim)', async () => {
    const proofId = await submitProof(cases.share!.id, { PERSONNEL: '72000.00', MATERIAL_ADMIN: '13500.00', FEES: '4500.00' });
    const calc = await review(proofId);
    expect(calc).toMatchObject({ recognisedCosts: '90000.00', finalGrant: '81000.00', recovery: '9000.00' });
    const approved = await settle(proofId, '2025-09-30');
    expect(approved).toMatchObject({ finalGrant: '81000.00', recoveryAmount: '9000.00' });
    const rec = await ok(t.http().get(`/api/v1/recoveries/${approved.recoveryId}`).set(bearer(tk.provider)));
    expect(rec).toMatchObject({ principal: '9000.00', status: 'OPEN', instrument: 'VERTRAG' });
    // money booked as a RECOVERY Zahlungseingang on the decision goes to its open recovery
    clock().set('2025-09-30T10:00:00+02:00');
    const rp = await ok(
      t.http().post('/api/v1/repayments').set(bearer(tk.staff)).send({ decisionId: cases.share!.id, amount: '9000.00', receivedOn: '2025-09-29', payer: 'Träger', paymentReference: 'Rückforderung', kind: 'RECOVERY' }),
      201,
    );
    expect(rp.recoveryId).toBe(approved.recoveryId);
    // the principal is back, the interest up to that day is still owed
    expect(await ok(t.http().get(`/api/v1/recoveries/${approved.recoveryId}`).set(bearer(tk.staff)))).toMatchObject({ status: 'PARTIALLY_PAID', repaidPrincipal: '9000.00', repaidInterest: '0.00' });
    const i = await ok(t.http().get(`/api/v1/recoveries/${approved.recoveryId}/interest?asOf=2025-12-31`).set(bearer(tk.staff)));
    expect(i.outstandingPrincipal).toBe('0.00');
    expect(new Decimal(i.interestOutstanding).gt(0)).toBe(true);
    expect(i.interestOutstanding).toBe(i.interest);
  });

  it('DOMAIN §4: Honorare 7.000 (+40 %) are recognised at 6.000 → A = 99.000, Z = 89.000, R = 1.000, flagged', async () => {
    const proofId = await submitProof(cases.overrun!.id, { PERSONNEL: '76000.00', MATERIAL_ADMIN: '17000.00', FEES: '7000.00' });
    const calc = await review(proofId);
    expect(calc).toMatchObject({ recognisedCosts: '99000.00', finalGrant: '89000.00', recovery: '1000.00' });
    const fees = calc.lines.find((l: any) => l.category === 'FEES');
    expect(fees).toMatchObject({ recognised: '6000.00', flags: expect.arrayContaining([expect.objectContaining({ code: 'LINE_CAPPED' })]) });
    expect(calc.lines.filter((l: any) => l.flags.length > 0).map((l: any) => l.category)).toEqual(['FEES']);
    const approved = await settle(proofId, '2025-09-30');
    expect(approved).toMatchObject({ finalGrant: '89000.00', recoveryAmount: '1000.00', releaseAmount: '1000.00' });
  });

  it('with a recorded Zustimmung for the Honorare, nothing is recovered and the Festsetzung closes the decision', async () => {
    const proofId = await submitProof(cases.consent!.id, { PERSONNEL: '76000.00', MATERIAL_ADMIN: '17000.00', FEES: '7000.00' });
    const calc = await review(proofId, [{ category: 'FEES', amount: '7000.00', note: 'Zustimmung vom 12.05.2025, Az. 50.2-7' }]);
    expect(calc).toMatchObject({ recognisedCosts: '100000.00', finalGrant: '90000.00', recovery: '0.00' });
    const approved = await settle(proofId, null);
    expect(approved).toMatchObject({ finalGrant: '90000.00', recoveryAmount: '0.00', recoveryId: null });
    const decision = await ok(t.http().get(`/api/v1/decisions/${cases.consent!.id}`).set(bearer(tk.provider)));
    expect(decision.status).toBe('CLOSED');
    expect((await ok(t.http().get(`/api/v1/proofs-of-use/${proofId}`).set(bearer(tk.provider)))).status).toBe('SETTLED');
  });

  it('Träger isolation: another Träger gets 404 on every record and sees nothing in lists; auditors read all and write nothing', async () => {
    const proofs = await ok(t.http().get(`/api/v1/proofs-of-use?budgetYearId=${yearId}`).set(bearer(tk.staff)));
    const proof = proofs.items[0];
    const [settlement] = await ok(t.http().get(`/api/v1/settlements?decisionId=${proof.decisionId}`).set(bearer(tk.staff)));
    const recoveries = (await ok(t.http().get('/api/v1/recoveries').set(bearer(tk.staff)))).items;
    const recovery = recoveries.find((r: any) => r.decisionId === cases.share!.id);
    const other = tk.provider2;
    for (const path of [
      `/api/v1/proofs-of-use/${proof.id}`,
      `/api/v1/proofs-of-use/${proof.id}/receipts`,
      `/api/v1/proofs-of-use/${proof.id}/findings`,
      `/api/v1/settlements/${settlement.id}`,
      `/api/v1/recoveries/${recovery.id}`,
      `/api/v1/recoveries/${recovery.id}/interest`,
      `/api/v1/recoveries/${recovery.id}/repayments`,
    ]) {
      const res = await t.http().get(path).set(bearer(other));
      expect([path, res.status]).toEqual([path, 404]);
    }
    await t.http().post(`/api/v1/proofs-of-use/${proof.id}/receipts`).set(bearer(other)).send(receipt(99, 'FEES', '1.00')).expect(404);
    await t.http().post(`/api/v1/proofs-of-use/${proof.id}/submit`).set(bearer(other)).expect(404);
    expect((await ok(t.http().get(`/api/v1/proofs-of-use?budgetYearId=${yearId}`).set(bearer(other)))).items).toEqual([]);
    expect((await ok(t.http().get('/api/v1/recoveries').set(bearer(other)))).items).toEqual([]);
    expect(await ok(t.http().get(`/api/v1/settlements?decisionId=${proof.decisionId}`).set(bearer(other)))).toEqual([]);
    // the review itself is the Landratsamt's working paper
    await t.http().get(`/api/v1/proofs-of-use/${proof.id}/review`).set(bearer(tk.provider)).expect(403);
    // auditors read everything, change nothing
    expect((await ok(t.http().get(`/api/v1/proofs-of-use?budgetYearId=${yearId}`).set(bearer(tk.auditor)))).items.length).toBe(proofs.items.length);
    await ok(t.http().get(`/api/v1/proofs-of-use/${proof.id}/review`).set(bearer(tk.auditor)));
    await t.http().post('/api/v1/settlements').set(bearer(tk.auditor)).send({ proofId: proof.id }).expect(403);
    await t.http().post(`/api/v1/recoveries/${recovery.id}/repayments`).set(bearer(tk.auditor)).send({ amount: '1.00', receivedOn: '2025-10-01', payer: 'x', paymentReference: 'x' }).expect(403);
  });

  it('Belege of a submitted VN cannot be deleted within their retention period, not even in the database', async () => {
    const proofs = await ok(t.http().get(`/api/v1/proofs-of-use?budgetYearId=${yearId}&status=SETTLED`).set(bearer(tk.staff)));
    const proof = proofs.items[0];
    const receipts = await ok(t.http().get(`/api/v1/proofs-of-use/${proof.id}/receipts`).set(bearer(tk.provider)));
    expect(receipts.items[0].retainUntil).toBe('2030-07-20');
    await t.http().delete(`/api/v1/proofs-of-use/${proof.id}/receipts/${receipts.items[0].id}`).set(bearer(tk.provider)).expect(409);
    await expect(t.db.query('DELETE FROM receipt WHERE id = $1', [receipts.items[0].id])).rejects.toThrow(/retention/i);
    await expect(t.db.query('DELETE FROM proof_of_use WHERE id = $1', [proof.id])).rejects.toThrow(/retention/i);
  });

  it("the Kreis's VN to the Land: A_kreis from the Festsetzungen, Z_land = min(H_land, 80 % × A_kreis), refund and recovery split", async () => {
    clock().set('2025-10-20T10:00:00+02:00');
    const v = await ok(t.http().get(`/api/v1/state-proofs/${yearId}`).set(bearer(tk.staff)));
    // Z: 80.000 + 81.000 + 89.000 + 90.000 = 340.000
    expect(v).toMatchObject({ status: 'DRAFT', providerGrants: '340000.00', settledDecisions: 4, openSettlements: 0, provisional: false, districtRecognisedCosts: '340000.00', stateMaxAmount: '400000.00' });
    // own costs of the Kreis (Integrationsmanagement) 10.000 → A_kreis 350.000, Z_land = 280.000
    const withOwn = await ok(t.http().put(`/api/v1/state-proofs/${yearId}/own-costs`).set(bearer(tk.staff)).send({ ownEligibleCosts: '10000.00' }));
    expect(withOwn).toMatchObject({ districtRecognisedCosts: '350000.00', stateFinalGrant: '280000.00' });
    // recovered so far: 10.387,02 (Fehlbedarf case) + 9.000 (Anteil case) → Land 80 % (15.509,616 → 15.509,62), the Kreis the rest
    expect(withOwn.recoveredFromProviders).toBe('19387.02');
    expect(withOwn.recoverySplit).toEqual({ state: '15509.62', district: '3877.40' });
    await t.http().get(`/api/v1/state-proofs/${yearId}`).set(bearer(tk.provider)).expect(403);
    const submitted = await ok(t.http().post(`/api/v1/state-proofs/${yearId}/submit`).set(bearer(tk.approver)).send({ submittedOn: '2025-10-20', submissionReference: 'LRA ABG 50.2-VN-2025' }));
    expect(submitted).toMatchObject({ status: 'SUBMITTED', submissionReference: 'LRA ABG 50.2-VN-2025' });
    await t.http().put(`/api/v1/state-proofs/${yearId}/own-costs`).set(bearer(tk.staff)).send({ ownEligibleCosts: '0.00' }).expect(409);
  });
});
