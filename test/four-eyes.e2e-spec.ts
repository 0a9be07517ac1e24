/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock } from '@foerderfluss/core';
import { extractPdfText } from '@foerderfluss/exports';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { applicationBody, createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, checkBody, completeReviewBody, Tokens } from './support/flow';

const PROBLEM = /^application\/problem\+json/;
const DUAL = 'sachgebietsleitung@demo.foerderfluss.de';
const CHECKLIST_PATHS = [
  'checklist.FORMAL_COMPLETE',
  'checklist.FORMAL_SIGNED',
  'checklist.FORMAL_DEADLINE_MET',
  'checklist.FORMAL_PROVIDER_ELIGIBLE',
  'checklist.SUBJECT_FITS_FIELD',
  'checklist.SUBJECT_LOCAL_NEED',
  'checklist.SUBJECT_COSTS_PLAUSIBLE',
];

/** Collects a binary response body (supertest leaves application/pdf unparsed otherwise). */
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The whole text of a PDF, no-break spaces as spaces and white space collapsed. */
const text = (pdf: Buffer): string =>
  extractPdfText(pdf)
    .pages.join('\n')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

/**
 * Four eyes with context (issue 16 item 2) over HTTP: a proposal needs the checklist decided and a
 * Votum with reasons (409 naming what is missing), the approver gets Votum, checklist, proposer and
 * the effect on the budget, a draft of the letter marked "Entwurf", and is not offered Freigeben on
 * their own proposal (with the reason). The same for Festsetzung and Mittelabruf.
 */
describe('four eyes with context', () => {
  let t: TestContext;
  let tk: Tokens;
  let dual: string;
  let ids: { staff: string; dual: string };
  let yearId: string;
  let callId: string;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const inReview = async (token = tk.staff): Promise<string> => {
    const a = await ok(t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(applicationBody(callId, 2027)), 201);
    await ok(t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(tk.provider)));
    await ok(t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(token)));
    return a.id;
  };
  const proposeGrant = (token: string, applicationId: string) =>
    t.http().post(`/api/v1/applications/${applicationId}/propose-decision`).set(bearer(token)).send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '90000.00' });
  const review = (token: string, applicationId: string, body: object) => ok(t.http().put(`/api/v1/applications/${applicationId}/review`).set(bearer(token)).send(body));
  const preview = (path: string, token: string) => t.http().get(path).set(bearer(token)).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestContext({ now: '2026-11-25T10:00:00Z' });
    const [admin, staff, approver, provider, provider2, auditor, d] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor, DUAL].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    dual = d!;
    const rows = (await t.db.query(`SELECT email, id FROM app_user WHERE email = ANY($1)`, [[DEMO.staff, DUAL]])).rows as { email: string; id: string }[];
    ids = { staff: rows.find((r) => r.email === DEMO.staff)!.id, dual: rows.find((r) => r.email === DUAL)!.id };
    yearId = (await createBudgetYear(t, tk.admin, 2027)).id;
    callId = (await createPublishedCall(t, tk.staff, yearId)).id;
  });
  afterAll(() => t.close());

  it('the demo has a Sachgebietsleitung with both STAFF and APPROVER', async () => {
    const me = await ok(t.http().get('/api/v1/auth/me').set(bearer(dual)));
    expect(me).toMatchObject({ email: DUAL, displayName: 'Katrin Lorenz (Sachgebietsleitung, Demo)', roles: ['STAFF', 'APPROVER'] });
  });

  it('a proposal with the checklist open or without a reasoned Votum is refused with 409 naming each missing point', async () => {
    const appId = await inReview();
    // Nothing recorded yet: every point, the Votum and its reasons.
    const none = await proposeGrant(tk.staff, appId).expect(409);
    expect(none.headers['content-type']).toMatch(PROBLEM);
    expect(none.body).toMatchObject({ code: 'DECISION_PROPOSAL_INCOMPLETE', status: 409 });
    expect(none.body.detail).toBe(
      'Die Bewilligung kann noch nicht zur Freigabe vorgeschlagen werden. Es fehlt noch: 7 Prüfpunkte „Antrag vollständig“, „rechtsverbindlich unterschrieben“, „Frist eingehalten“, ' +
        '„Träger antragsberechtigt“, „passt zum Handlungsfeld“, „Bedarf im Sozialraum belegt“, „Kosten plausibel“, ein passendes Votum, die Begründung des Votums.',
    );
    expect(none.body.errors.map((e: any) => e.path)).toEqual([...CHECKLIST_PATHS, 'votum.recommendation', 'votum.reasons']);

    // One point still open, one not fulfilled without a Vermerk, a Votum without reasons.
    const partial = completeReviewBody('APPROVE', '   ');
    partial.checklist[5] = { code: 'SUBJECT_LOCAL_NEED', result: 'OPEN', note: null };
    partial.checklist[6] = { code: 'SUBJECT_COSTS_PLAUSIBLE', result: 'NOT_OK', note: null };
    await review(tk.staff, appId, partial);
    const gaps = await proposeGrant(tk.staff, appId).expect(409);
    expect(gaps.body.errors).toEqual([
      { path: 'checklist.SUBJECT_LOCAL_NEED', message: 'Der Prüfpunkt „Bedarf im Sozialraum belegt“ ist noch offen.' },
      { path: 'checklist.SUBJECT_COSTS_PLAUSIBLE', message: 'Der Prüfpunkt „Kosten plausibel“ ist nicht erfüllt: bitte im Vermerk begründen.' },
      { path: 'votum.reasons', message: 'Die Begründung des Votums fehlt.' },
    ]);
    // An Ablehnung on a Votum for a Bewilligung is refused too.
    const rejection = await t.http().post(`/api/v1/applications/${appId}/propose-rejection`).set(bearer(tk.staff)).send({ reasons: 'Kein Bedarf.' }).expect(409);
    expect(rejection.body.errors.map((e: any) => e.path)).toEqual(['checklist.SUBJECT_LOCAL_NEED', 'checklist.SUBJECT_COSTS_PLAUSIBLE', 'votum.recommendation', 'votum.reasons']);
    // Nothing was proposed: the Antrag is still in review.
    expect((await ok(t.http().get(`/api/v1/applications/${appId}`).set(bearer(tk.staff)))).status).toBe('IN_REVIEW');

    const complete = completeReviewBody('APPROVE', 'Bedarf im Sozialraum Altenburg belegt; Arbeitsmarktintegration.');
    complete.checklist[6] = { code: 'SUBJECT_COSTS_PLAUSIBLE', result: 'NOT_OK', note: 'Personal über TV-L wird gekürzt.' };
    await review(tk.staff, appId, complete);
    await proposeGrant(tk.staff, appId).expect(201);
  });

  it('the decision carries Votum, checklist, proposer, date and the budget effect, with the figures the ledger then shows; a Träger sees none of it', async () => {
    const appId = await inReview();
    const body = completeReviewBody('APPROVE_PARTIAL', 'Bedarf belegt, Honorare nur zum Teil.');
    body.votum.proposedAmount = '85000.00';
    body.checklist[1] = { code: 'FORMAL_SIGNED', result: 'OK', note: 'Antragsformular vom 02.11. unterschrieben.' };
    await review(tk.staff, appId, body);
    const before = (await ok(t.http().get(`/api/v1/budget-years/${yearId}`).set(bearer(tk.admin)))).balances.freeToCommit;
    const proposed = await ok(
      t.http().post(`/api/v1/applications/${appId}/propose-decision`).set(bearer(tk.staff)).send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '85000.00' }),
      201,
    );
    const d = await ok(t.http().get(`/api/v1/decisions/${proposed.id}`).set(bearer(tk.approver)));
    expect(d.votum).toEqual({ recommendation: 'APPROVE_PARTIAL', proposedAmount: '85000.00', reasons: 'Bedarf belegt, Honorare nur zum Teil.' });
    expect(d.checklist).toHaveLength(7);
    expect(d.checklist[0]).toEqual({ code: 'FORMAL_COMPLETE', label: 'Antrag vollständig', result: 'OK', note: null });
    expect(d.checklist[1]).toEqual({ code: 'FORMAL_SIGNED', label: 'rechtsverbindlich unterschrieben', result: 'OK', note: 'Antragsformular vom 02.11. unterschrieben.' });
    expect(d.proposedBy).toEqual({ id: ids.staff, displayName: 'Sabine Kretzschmar (Sachbearbeitung, Demo)' });
    expect(d.proposedAt).toBe('2026-11-25T10:00:00.000Z');
    expect(d.approvalBlockedReason).toBeNull();
    // 85.000,00 at the year's 80 % Land rate: 68.000,00 Land, 17.000,00 Kreis.
    const sub = (a: string, b: string) => (Math.round(Number(a) * 100) - Math.round(Number(b) * 100)) / 100;
    expect(d.budgetEffect).toEqual({
      years: [
        {
          budgetYear: 2027,
          stateFreeBefore: before.state,
          stateFreeAfter: sub(before.state, '68000.00').toFixed(2),
          districtFreeBefore: before.district,
          districtFreeAfter: sub(before.district, '17000.00').toFixed(2),
        },
      ],
    });
    // The Träger does not see the proposal at all, and no internal context once it is issued.
    await t.http().get(`/api/v1/decisions/${proposed.id}`).set(bearer(tk.provider)).expect(404);
    const approved = await ok(t.http().post(`/api/v1/decisions/${proposed.id}/approve`).set(bearer(tk.approver)));
    // What "after" promised is what the budget year shows now.
    const after = (await ok(t.http().get(`/api/v1/budget-years/${yearId}`).set(bearer(tk.admin)))).balances.freeToCommit;
    expect([after.state, after.district]).toEqual([d.budgetEffect.years[0].stateFreeAfter, d.budgetEffect.years[0].districtFreeAfter]);
    // Issued: the Votum of the version in force stays readable for the Kreis; no effect left to show.
    expect(approved).toMatchObject({ status: 'IN_FORCE', votum: { recommendation: 'APPROVE_PARTIAL' }, budgetEffect: null, proposedBy: { displayName: 'Sabine Kretzschmar (Sachbearbeitung, Demo)' } });
    const seen = await ok(t.http().get(`/api/v1/decisions/${proposed.id}`).set(bearer(tk.provider)));
    expect(seen).toMatchObject({ status: 'IN_FORCE', votum: null, checklist: null, budgetEffect: null });
    // An Änderung: its effect is the difference (+5.000,00 → 4.000,00 Land, 1.000,00 Kreis).
    await ok(t.http().post(`/api/v1/decisions/${proposed.id}/amendments`).set(bearer(tk.staff)).send({ reason: 'Mehrbedarf Dolmetschleistungen', maxAmount: '90000.00' }), 201);
    const amendment = await ok(t.http().get(`/api/v1/decisions/${proposed.id}`).set(bearer(tk.approver)));
    expect(amendment.budgetEffect.years[0]).toEqual({
      budgetYear: 2027,
      stateFreeBefore: after.state,
      stateFreeAfter: sub(after.state, '4000.00').toFixed(2),
      districtFreeBefore: after.district,
      districtFreeAfter: sub(after.district, '1000.00').toFixed(2),
    });
    expect(amendment.votum).toBeNull();
    const providerView = await ok(t.http().get(`/api/v1/decisions/${proposed.id}`).set(bearer(tk.provider)));
    expect(providerView).toMatchObject({ votum: null, checklist: null, budgetEffect: null });
    // The Träger gets no draft either: 404, as for any record outside its scope.
    await preview(`/api/v1/decisions/${proposed.id}/letter-preview`, tk.provider).expect(404);
    const draft = await preview(`/api/v1/decisions/${proposed.id}/letter-preview`, tk.approver).expect(200);
    expect(text(draft.body)).toContain('Änderungsbescheid');
    expect(text(draft.body)).toContain('ENTWURF');
  });

  it('Freigeben is not offered on one’s own proposal, and the record says why; another approver may', async () => {
    const appId = await inReview(dual);
    await review(dual, appId, completeReviewBody());
    const proposed = await ok(proposeGrant(dual, appId), 201);
    const own = await ok(t.http().get(`/api/v1/decisions/${proposed.id}`).set(bearer(dual)));
    expect(own.allowedActions).not.toContain('approve');
    expect(own.allowedActions).toContain('return');
    expect(own.approvalBlockedReason).toBe('Sie haben diesen Bescheid selbst vorgeschlagen; die Freigabe muss eine andere Person mit Zeichnungsbefugnis erteilen.');
    expect(own.proposedBy).toEqual({ id: ids.dual, displayName: 'Katrin Lorenz (Sachgebietsleitung, Demo)' });
    // The list says the same as the detail.
    const listed = (await ok(t.http().get('/api/v1/decisions?limit=200&pendingApproval=true').set(bearer(dual)))).items.find((x: any) => x.id === proposed.id);
    expect(listed.allowedActions).not.toContain('approve');
    const other = await ok(t.http().get(`/api/v1/decisions/${proposed.id}`).set(bearer(tk.approver)));
    expect(other.allowedActions).toEqual(['approve', 'return']);
    expect(other.approvalBlockedReason).toBeNull();
    // A STAFF user without Zeichnungsbefugnis is not told about four eyes: approving is not theirs anyway.
    expect((await ok(t.http().get(`/api/v1/decisions/${proposed.id}`).set(bearer(tk.staff)))).approvalBlockedReason).toBeNull();
    // The API refuses what the page does not offer.
    const refused = await t.http().post(`/api/v1/decisions/${proposed.id}/approve`).set(bearer(dual)).expect(403);
    expect(refused.body.code).toBe('DECISION_SAME_APPROVER');
  });

  it('letter-preview: the Bescheid approval would issue, as a PDF marked "Entwurf", not stored; 404 for a Träger, 409 without a proposal', async () => {
    const appId = await inReview();
    await review(tk.staff, appId, completeReviewBody());
    const proposed = await ok(proposeGrant(tk.staff, appId), 201);
    const res = await preview(`/api/v1/decisions/${proposed.id}/letter-preview`, tk.approver).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^inline; filename="Entwurf_Zuwendungsbescheid_FF-2027-\d{4}_v1\.pdf"/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = extractPdfText(pdf).pages.map((p) => p.replace(/\u00a0/g, ' '));
    // On every page, and as the PDF's title.
    for (const page of pages) expect(page).toContain('Entwurf – nicht freigegeben, nicht versandt · ENTWURF');
    // pdfkit writes the title as a UTF-16BE string with a byte order mark.
    expect(pdf.includes(Buffer.from('\ufeffEntwurf: Zuwendungsbescheid', 'utf16le').swap16())).toBe(true);
    const all = text(pdf);
    expect(all).toContain(proposed.reference);
    expect(all).toContain('90.000,00 €');
    expect(all).toContain('Rechtsbehelfsbelehrung');
    // Staff and auditors may read it; nothing was stored or queued.
    await preview(`/api/v1/decisions/${proposed.id}/letter-preview`, tk.staff).expect(200);
    await preview(`/api/v1/decisions/${proposed.id}/letter-preview`, tk.auditor).expect(200);
    expect((await t.db.query('SELECT count(*)::int AS n FROM generated_document WHERE decision_id = $1', [proposed.id])).rows[0].n).toBe(0);
    const provider = await preview(`/api/v1/decisions/${proposed.id}/letter-preview`, tk.provider).expect(404);
    expect(provider.headers['content-type']).toMatch(PROBLEM);

    // An Ablehnung: the Ablehnungsbescheid.
    const rejApp = await inReview();
    await review(tk.staff, rejApp, completeReviewBody('REJECT', 'Doppelförderung aus Landesmitteln.'));
    const rejection = await ok(t.http().post(`/api/v1/applications/${rejApp}/propose-rejection`).set(bearer(tk.staff)).send({ reasons: 'Doppelförderung aus Landesmitteln.' }), 201);
    const rejected = await preview(`/api/v1/decisions/${rejection.id}/letter-preview`, tk.approver).expect(200);
    expect(text(rejected.body)).toMatch(/Ablehnung.*Doppelförderung aus Landesmitteln\./);
    expect(text(rejected.body)).toContain('ENTWURF');

    // Issued: nothing waits for approval, so there is no draft to show.
    await ok(t.http().post(`/api/v1/decisions/${proposed.id}/approve`).set(bearer(tk.approver)));
    const none = await t.http().get(`/api/v1/decisions/${proposed.id}/letter-preview`).set(bearer(tk.approver)).expect(409);
    expect(none.body).toMatchObject({ code: 'LETTER_PREVIEW_UNAVAILABLE', detail: expect.stringContaining('kein Vorschlag zur Freigabe') });
  });
});

/**
 * The same for the Festsetzung (Votum required, Prüfvermerk as checklist, preview of the
 * Rückforderungsbescheid) and the Mittelabruf (checklist of "sachlich richtig" and a Prüfvermerk).
 */
describe('four eyes with context: Festsetzung and Mittelabruf', () => {
  let t: TestContext;
  let tk: Tokens;
  let dual: string;
  let decision: { id: string; reference: string };
  const clock = () => t.clock as FixedClock;
  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00' });
    const [admin, staff, approver, provider, provider2, auditor, d] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor, DUAL].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    dual = d!;
    const y = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
    const call = await createPublishedCall(t, tk.staff, y.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    decision = await approvedDecision(t, tk, { yearId: y.id, callId: call.id, year: 2025, application: { periodEnd: '2025-06-30' } });
  });
  afterAll(() => t.close());

  it('Mittelabruf: the check needs the checklist and a Prüfvermerk (409 naming them); the approver reads both and who checked; the checker is told why not', async () => {
    clock().set('2025-02-20T09:00:00+01:00');
    const due = [{ dueDate: '2025-03-31', payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter März', amount: '80000.00' }];
    const r = await ok(t.http().post('/api/v1/payment-requests').set(bearer(tk.provider)).send({ decisionId: decision.id, requestedAmount: '70000.00', requestedValueDate: '2025-03-01', duePayments: due }), 201);
    await ok(t.http().post(`/api/v1/payment-requests/${r.id}/submit`).set(bearer(tk.provider)));
    const bare = await t.http().post(`/api/v1/payment-requests/${r.id}/check`).set(bearer(dual)).send({}).expect(409);
    expect(bare.headers['content-type']).toMatch(PROBLEM);
    expect(bare.body.code).toBe('PAYMENT_CHECK_INCOMPLETE');
    expect(bare.body.errors.map((e: any) => e.path)).toEqual([
      'checklist.DECISION_IN_FORCE',
      'checklist.AMOUNT_WITHIN_LIMIT',
      'checklist.NEED_WITHIN_HORIZON',
      'checklist.BANK_ACCOUNT_CONFIRMED',
      'note',
    ]);
    const open = checkBody();
    open.checklist[2] = { code: 'NEED_WITHIN_HORIZON', result: 'OPEN', note: null };
    const one = await t.http().post(`/api/v1/payment-requests/${r.id}/check`).set(bearer(dual)).send(open).expect(409);
    expect(one.body.errors).toEqual([{ path: 'checklist.NEED_WITHIN_HORIZON', message: 'Der Prüfpunkt „Bedarf für fällige Zahlungen im Abrufzeitraum belegt (2-Monats-Regel)“ ist noch offen.' }]);
    await ok(t.http().post(`/api/v1/payment-requests/${r.id}/check`).set(bearer(dual)).send(checkBody({ note: 'Gehälter März belegt.' })));

    const own = await ok(t.http().get(`/api/v1/payment-requests/${r.id}`).set(bearer(dual)));
    expect(own.allowedActions).not.toContain('approve');
    expect(own.approvalBlockedReason).toBe('Sie haben diesen Mittelabruf selbst sachlich geprüft; die Freigabe der Auszahlung muss eine andere Person mit Zeichnungsbefugnis erteilen.');
    const other = await ok(t.http().get(`/api/v1/payment-requests/${r.id}`).set(bearer(tk.approver)));
    expect(other.allowedActions).toContain('approve');
    expect(other).toMatchObject({ approvalBlockedReason: null, checkNote: 'Gehälter März belegt.', checkedByUser: { displayName: 'Katrin Lorenz (Sachgebietsleitung, Demo)' }, checkedAt: '2025-02-20T08:00:00.000Z' });
    expect(other.checkChecklist).toEqual([
      { code: 'DECISION_IN_FORCE', label: 'Bescheid oder Vertrag erlassen und in Kraft', result: 'OK', note: null },
      { code: 'AMOUNT_WITHIN_LIMIT', label: 'Betrag im Rahmen des Höchstbetrags und des abrufbaren Anteils', result: 'OK', note: null },
      { code: 'NEED_WITHIN_HORIZON', label: 'Bedarf für fällige Zahlungen im Abrufzeitraum belegt (2-Monats-Regel)', result: 'OK', note: null },
      { code: 'BANK_ACCOUNT_CONFIRMED', label: 'Bankverbindung des Trägers bestätigt', result: 'OK', note: null },
    ]);
    const mine = await ok(t.http().get(`/api/v1/payment-requests/${r.id}`).set(bearer(tk.provider)));
    expect(mine).toMatchObject({ checkChecklist: null, checkedByUser: null, approvalBlockedReason: null });
    await ok(t.http().post(`/api/v1/payment-requests/${r.id}/approve`).set(bearer(tk.approver)));
  });

  it('Festsetzung: a Votum with reasons is required (409), the approver reads it with the Prüfvermerk as checklist and the proposer; the draft of the Rückforderungsbescheid is marked "Entwurf"', async () => {
    // Pay out what the approved request released, then prove less than was paid.
    const [disbursement] = (await ok(t.http().get(`/api/v1/disbursements?decisionId=${decision.id}`).set(bearer(tk.staff)))).items;
    const file = await ok(t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [disbursement.id], executionDate: '2025-03-01' }), 201);
    clock().set('2025-03-01T12:00:00+01:00');
    await ok(t.http().post(`/api/v1/payment-files/${file.id}/book`).set(bearer(tk.staff)).send({ bookedOn: '2025-03-01' }));

    clock().set('2025-07-20T10:00:00+02:00');
    const proof = await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: decision.id, kind: 'FINAL' }), 201);
    await ok(
      t
        .http()
        .patch(`/api/v1/proofs-of-use/${proof.id}`)
        .set(bearer(tk.provider))
        .send({ narrative: { measure: 'Sozialberatung', goalsAchieved: 'erreicht', targetGroupReached: 'ja', deviations: 'Stelle unbesetzt', indicators: [] } }),
    );
    await ok(
      t
        .http()
        .post(`/api/v1/proofs-of-use/${proof.id}/receipts`)
        .set(bearer(tk.provider))
        .send({ receiptNumber: 'M-1', receiptDate: '2025-03-10', paymentDate: '2025-03-12', counterparty: 'Vermieter Altenburg GmbH', reason: 'Miete', direction: 'EXPENSE', costCategory: 'MATERIAL_ADMIN', grossAmount: '15000.00' }),
      201,
    );
    await ok(t.http().post(`/api/v1/proofs-of-use/${proof.id}/submit`).set(bearer(tk.provider)));
    clock().set('2025-08-05T10:00:00+02:00');
    await ok(t.http().post(`/api/v1/proofs-of-use/${proof.id}/review`).set(bearer(tk.staff)), 201);
    await ok(t.http().put(`/api/v1/proofs-of-use/${proof.id}/review/cursory`).set(bearer(tk.staff)).send({ complete: true, plausible: true, purposeAchieved: false, notes: 'Beratung nur in Teilen erbracht.' }));
    await ok(t.http().post(`/api/v1/proofs-of-use/${proof.id}/review/sample`).set(bearer(tk.staff)).send({ seed: 'vier-augen' }));
    const sampled = await ok(t.http().get(`/api/v1/proofs-of-use/${proof.id}/receipts?inSample=true`).set(bearer(tk.staff)));
    for (const s of sampled.items) await ok(t.http().post(`/api/v1/proofs-of-use/${proof.id}/review/receipts/${s.id}`).set(bearer(tk.staff)).send({ outcome: 'RECOGNISED' }));
    await ok(t.http().post(`/api/v1/proofs-of-use/${proof.id}/review/complete`).set(bearer(tk.staff)).send({ conclusion: 'Nur die Sachausgaben sind nachgewiesen.' }));

    clock().set('2025-08-12T10:00:00+02:00');
    const noVotum = await t.http().post('/api/v1/settlements').set(bearer(dual)).send({ proofId: proof.id, recoveryDueDate: '2025-09-15' }).expect(409);
    expect(noVotum.headers['content-type']).toMatch(PROBLEM);
    expect(noVotum.body).toMatchObject({ code: 'SETTLEMENT_PROPOSAL_INCOMPLETE', errors: [{ path: 'votum.reasons', message: 'Die Begründung der Festsetzung (Votum) fehlt.' }] });
    const s = await ok(
      t.http().post('/api/v1/settlements').set(bearer(dual)).send({ proofId: proof.id, recoveryDueDate: '2025-09-15', votum: { reasons: 'Personal nicht nachgewiesen; Rückforderung.' } }),
      201,
    );
    const own = await ok(t.http().get(`/api/v1/settlements/${s.id}`).set(bearer(dual)));
    expect(own.allowedActions).toEqual(['return']);
    expect(own.approvalBlockedReason).toBe('Sie haben diese Festsetzung selbst vorgeschlagen; die Freigabe muss eine andere Person mit Zeichnungsbefugnis erteilen.');
    const seen = await ok(t.http().get(`/api/v1/settlements/${s.id}`).set(bearer(tk.approver)));
    expect(seen).toMatchObject({
      allowedActions: ['approve', 'return'],
      approvalBlockedReason: null,
      votum: { reasons: 'Personal nicht nachgewiesen; Rückforderung.' },
      proposedBy: { displayName: 'Katrin Lorenz (Sachgebietsleitung, Demo)' },
      proposedAt: '2025-08-12T08:00:00.000Z',
    });
    expect(seen.checklist.map((c: any) => [c.code, c.result, c.note])).toEqual([
      ['CURSORY_COMPLETE', 'OK', null],
      ['CURSORY_PLAUSIBLE', 'OK', null],
      ['CURSORY_PURPOSE_ACHIEVED', 'NOT_OK', 'Beratung nur in Teilen erbracht.'],
      ['SAMPLE_CHECKED', 'OK', '1 von 1 Beleg geprüft (Startwert vier-augen)'],
      ['REVIEW_COMPLETED', 'OK', 'Nur die Sachausgaben sind nachgewiesen.'],
    ]);
    expect(Number(seen.recoveryAmount)).toBeGreaterThan(0);

    await t.http().get(`/api/v1/settlements/${s.id}/letter-preview`).set(bearer(tk.provider)).expect(404);
    const res = await t.http().get(`/api/v1/settlements/${s.id}/letter-preview`).set(bearer(tk.approver)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const all = text(res.body as Buffer);
    expect(all).toContain('Rückforderungsbescheid');
    expect(all).toContain('ENTWURF');
    expect(all).toContain(new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2 }).format(Number(seen.recoveryAmount)));
    expect((await t.db.query('SELECT count(*)::int AS n FROM recovery WHERE decision_id = $1', [decision.id])).rows[0].n).toBe(0);

    await ok(t.http().post(`/api/v1/settlements/${s.id}/approve`).set(bearer(tk.approver)));
    const approved = await ok(t.http().get(`/api/v1/settlements/${s.id}`).set(bearer(tk.provider)));
    expect(approved).toMatchObject({ status: 'APPROVED', votum: null, checklist: null });
  });
});
