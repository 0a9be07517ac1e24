/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock, systemScope } from '@foerderfluss/core';
import { extractPdfText } from '@foerderfluss/exports';
import { DistrictOnboardingService } from '@foerderfluss/programmes';
import { bearer, createTestContext, DEMO, DEMO_PASSWORD, TestContext } from './support/harness';
import { approvedDecision, checkBody, completeReview, Tokens } from './support/flow';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './support/fixtures';

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const pdfText = (buf: Buffer): string => extractPdfText(buf).pages.map((p) => p.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ')).join('\n');

const GREIZ_IBAN = 'DE43830944950003171906';

/**
 * Per-Kreis settings (issue 20): a Greiz record's letter carries Greiz's letterhead, its
 * Aktenzeichen the WAK prefix, its payment file Greiz's debtor account; the home Kreis keeps the
 * configuration. Access: the Kreis's ADMIN for its own Kreis only.
 */
// The demo Land already has Greiz (GRZ) and Saale-Orla (SOK): the Kreise onboarded here take other
// codes and prefixes (DISTRICT_WARTBURG/WAK, DISTRICT_KYFFHAEUSER/KYF), since both are unique.
describe('District settings: letterhead, reference prefix and debtor account per Kreis', () => {
  let t: TestContext;
  let greizId: string;
  let homeId: string;
  let greiz: Tokens;
  let homeAdmin: string;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00' });
    homeId = (await t.db.query(`SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND'`)).rows[0].id;
    const onboarded = await t.app.get(DistrictOnboardingService).onboard(systemScope('test'), {
      code: 'DISTRICT_WARTBURG',
      name: 'Landkreis Greiz – Landratsamt',
      street: 'Dr.-Rathenau-Platz 11',
      postalCode: '07973',
      city: 'Greiz',
      socialAreasCsv: 'code;name;gemeinden\nGREIZ_STADT;Stadt Greiz;Greiz\nZEULENRODA;Zeulenroda-Triebes;Zeulenroda-Triebes,Auma-Weidatal\n',
      admin: { email: 'verwaltung.greiz@test.foerderfluss.de', displayName: 'Petra Lang' },
    });
    greizId = onboarded.district.id;
    const greizAdmin = await t.login(onboarded.admin!.email, onboarded.admin!.initialPassword);
    for (const [email, name, roles] of [
      ['sachbearbeitung.greiz@test.foerderfluss.de', 'Jana Köhler', ['STAFF']],
      ['zeichnung.greiz@test.foerderfluss.de', 'Thomas Wendt', ['APPROVER']],
    ] as const) {
      await ok(t.http().post('/api/v1/users').set(bearer(greizAdmin)).send({ email, displayName: name, password: DEMO_PASSWORD, roles, organisationId: greizId }), 201);
    }
    const [staff, approver, provider, provider2, auditor] = await Promise.all(
      ['sachbearbeitung.greiz@test.foerderfluss.de', 'zeichnung.greiz@test.foerderfluss.de', DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    greiz = { admin: greizAdmin, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    homeAdmin = await t.login(DEMO.admin);
  });
  afterAll(() => t.close());

  it('the Kreis ADMIN sets prefix, letterhead and debtor account; German errors for a wrong IBAN and prefix; audited', async () => {
    const before = await ok(t.http().get(`/api/v1/districts/${greizId}/settings`).set(bearer(greiz.admin)));
    // the onboarding stored the (empty) settings row
    expect(before).toMatchObject({ districtId: greizId, districtCode: 'DISTRICT_WARTBURG', home: false, version: 1 });
    // a new Kreis without settings: letterhead from its organisation, no debtor account yet
    expect(before.effective.letterhead).toMatchObject({ name: 'Landkreis Greiz – Landratsamt', districtName: 'Landkreis Greiz', city: 'Greiz' });
    expect(before.effective.debtor.iban).toBeNull();

    const bad = await t.http().put(`/api/v1/districts/${greizId}/settings`).set(bearer(greiz.admin)).send({ referencePrefix: 'grz1', debtorIban: 'DE00123456780000000000' }).expect(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['debtorIban', 'referencePrefix']);
    expect(JSON.stringify(bad.body.errors)).toContain('Die IBAN ist ungültig');

    const saved = await ok(
      t
        .http()
        .put(`/api/v1/districts/${greizId}/settings`)
        .set(bearer(greiz.admin))
        .send({
          version: before.version,
          referencePrefix: 'WAK',
          letterheadName: 'Landkreis Greiz – Landratsamt',
          letterheadDepartment: 'Fachdienst Integration',
          letterheadDistrictName: 'Landkreis Greiz',
          letterheadAuthorityName: 'Landratsamt Greiz',
          letterheadPhone: '03661 876-0',
          letterheadEmail: 'integration@landkreis-greiz.de',
          letterheadWebsite: 'www.landkreis-greiz.de',
          letterheadBankName: 'Sparkasse Gera-Greiz',
          debtorName: 'Landkreis Greiz',
          debtorIban: 'DE43 8309 4495 0003 1719 06',
          debtorBic: 'GENODEF1ETK',
          budgetLines: [{ code: '36300.71810', label: 'Zuwendungen Integration' }],
        }),
    );
    expect(saved.version).toBe(2);
    expect(saved.stored).toMatchObject({ referencePrefix: 'WAK', debtorIban: GREIZ_IBAN });
    expect(saved.effective.letterhead).toMatchObject({ department: 'Fachdienst Integration', street: 'Dr.-Rathenau-Platz 11', place: 'Greiz' });
    const audit = await t.db.query(`SELECT after FROM audit_event WHERE action = 'district.settings.change' AND entity_id = $1`, [greizId]);
    expect(audit.rows).toHaveLength(1);
    // IBANs are masked in the audit log
    expect(JSON.stringify(audit.rows[0].after)).not.toContain(GREIZ_IBAN);

    // a stale version is refused
    await t.http().put(`/api/v1/districts/${greizId}/settings`).set(bearer(greiz.admin)).send({ version: 1, letterheadPhone: '03661 1' }).expect(409);
    // another Kreis's prefix is taken
    const taken = await t.http().put(`/api/v1/districts/${homeId}/settings`).set(bearer(homeAdmin)).send({ referencePrefix: 'WAK' }).expect(409);
    expect(taken.body.code).toBe('DISTRICT_PREFIX_TAKEN');
  });

  it('a Kreis ADMIN reads and changes only its own Kreis; staff are refused', async () => {
    await t.http().get(`/api/v1/districts/${homeId}/settings`).set(bearer(greiz.admin)).expect(404);
    await t.http().put(`/api/v1/districts/${homeId}/settings`).set(bearer(greiz.admin)).send({ letterheadPhone: '1' }).expect(404);
    await t.http().get(`/api/v1/districts/${greizId}/settings`).set(bearer(homeAdmin)).expect(404);
    await t.http().get(`/api/v1/districts/${greizId}/settings`).set(bearer(greiz.staff)).expect(403);
    await t.http().get(`/api/v1/districts/${greizId}/settings`).set(bearer(greiz.provider)).expect(403);
    // the home Kreis without settings: the configuration, as before issue 20
    const home = await ok(t.http().get(`/api/v1/districts/${homeId}/settings`).set(bearer(homeAdmin)));
    expect(home.home).toBe(true);
    expect(home.effective.letterhead.name).toBe(t.config.letterhead.name);
    expect(home.effective.debtor.iban).toBe(t.config.districtDebtorIban);
  });

  it('a Greiz record: WAK references, the letter with Greiz letterhead, the payment file with the Greiz debtor IBAN', async () => {
    const year = await createBudgetYear(t, greiz.admin, 2025);
    const call = await createPublishedCall(t, greiz.staff, year.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    const base = { yearId: year.id, callId: call.id, year: 2025, application: { periodEnd: '2025-06-30', socialAreaCode: 'GREIZ_STADT', municipality: 'Greiz' } };
    const decision = await approvedDecision(t, greiz, base);
    expect(decision.reference).toMatch(/^WAK-FF-2025-\d{4}$/);
    const application = await ok(t.http().get(`/api/v1/applications/${decision.applicationId}`).set(bearer(greiz.staff)));
    expect(application.reference).toMatch(/^WAK-A-2025-\d{4}$/);

    // the letter of a pending proposal (preview): Greiz's letterhead, not the home Kreis's
    const a = await ok(
      t.http().post('/api/v1/applications').set(bearer(greiz.provider2)).send(applicationBody(call.id, 2025, { financingPlan: balancedPlan('50000.00'), periodEnd: '2025-06-30', socialAreaCode: 'ZEULENRODA', municipality: 'Auma-Weidatal' })),
      201,
    );
    await ok(t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(greiz.provider2)));
    await ok(t.http().post(`/api/v1/applications/${a.id}/start-review`).set(bearer(greiz.staff)));
    await completeReview(t, greiz.staff, a.id);
    const proposed = await ok(
      t.http().post(`/api/v1/applications/${a.id}/propose-decision`).set(bearer(greiz.staff)).send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '50000.00' }),
      201,
    );
    const preview = await t.http().get(`/api/v1/decisions/${proposed.id}/letter-preview`).set(bearer(greiz.approver)).buffer(true).parse(binary).expect(200);
    const letter = pdfText(preview.body as Buffer);
    expect(letter).toContain('Landkreis Greiz – Landratsamt');
    expect(letter).toContain('Fachdienst Integration');
    expect(letter).toContain('Dr.-Rathenau-Platz 11');
    expect(letter).toContain('Landratsamt Greiz');
    // (the Träger and its financing plan name the Altenburger Land; the authority does not)
    expect(letter).not.toContain('Landratsamt Altenburger Land');
    expect(letter).not.toContain('altenburgerland.de');
    expect(letter).toContain('IBAN: DE43 8309 4495 0003 1719 06');
    expect(letter).not.toContain('Lindenaustraße');

    // Mittelabruf, Auszahlung, Zahlungsdatei
    (t.clock as FixedClock).set('2025-02-20T09:00:00+01:00');
    const due = [{ dueDate: '2025-03-31', payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter', amount: '40000.00' }];
    const pr = await ok(
      t.http().post('/api/v1/payment-requests').set(bearer(greiz.provider)).send({ decisionId: decision.id, requestedAmount: '30000.00', requestedValueDate: '2025-03-01', duePayments: due }),
      201,
    );
    await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/submit`).set(bearer(greiz.provider)));
    await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/check`).set(bearer(greiz.staff)).send(checkBody({ amount: '30000.00' })));
    const approved = await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/approve`).set(bearer(greiz.approver)));
    (t.clock as FixedClock).set('2025-02-21T10:00:00+01:00');
    const file = await ok(t.http().post('/api/v1/payment-files').set(bearer(greiz.staff)).send({ disbursementIds: [approved.disbursement.id], executionDate: '2025-03-01' }), 201);
    expect(file.messageId).toMatch(/^WAK-PF-2025-\d{4}$/);
    const row = (await t.db.query(`SELECT xml, district_id FROM payment_file WHERE id = $1`, [file.id])).rows[0];
    expect(row.district_id).toBe(greizId);
    const debtorAccount = /<DbtrAcct>\s*<Id>\s*<IBAN>([A-Z0-9]+)<\/IBAN>/.exec(row.xml as string)?.[1];
    expect(debtorAccount).toBe(GREIZ_IBAN);
    expect(row.xml).toContain('<Nm>Landkreis Greiz</Nm>');
    expect(row.xml).not.toContain(t.config.districtDebtorIban);

    // the Auszahlungsanordnung is a Greiz letter too
    const order = await t.http().get(`/api/v1/payment-files/${file.id}/payment-order.pdf`).set(bearer(greiz.staff)).buffer(true).parse(binary);
    if (order.status !== 200) throw new Error(JSON.stringify(order.body?.toString()));
    expect(pdfText(order.body as Buffer)).toContain('Landkreis Greiz – Landratsamt');
  });

  it('the home Kreis keeps its unprefixed series and the configured debtor', async () => {
    const home = await Promise.all([DEMO.staff, DEMO.approver].map((e) => t.login(e)));
    const tk: Tokens = { ...greiz, admin: homeAdmin, staff: home[0]!, approver: home[1]! };
    (t.clock as FixedClock).set('2024-12-02T09:00:00+01:00');
    const year = await createBudgetYear(t, homeAdmin, 2028);
    const call = await createPublishedCall(t, tk.staff, year.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    const decision = await approvedDecision(t, tk, { yearId: year.id, callId: call.id, year: 2028, application: { periodEnd: '2028-06-30' } });
    expect(decision.reference).toMatch(/^FF-2028-\d{4}$/);
  });
});
