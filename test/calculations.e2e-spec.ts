import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

const PROBLEM = /^application\/problem\+json/;

interface Flag {
  code: string;
  message: string;
}
interface Line {
  category: string;
  planned: string;
  actual: string;
  recognised: string;
  flags: Flag[];
}
interface FieldError {
  path: string;
  message: string;
}

// DOMAIN §3: plan Ausgaben 100.000 (Personal 80.000, Sach 15.000, Honorare 5.000), Eigenmittel 10.000.
const PLAN = {
  costLines: [
    { category: 'PERSONNEL', amount: '80000.00' },
    { category: 'MATERIAL_ADMIN', amount: '15000.00' },
    { category: 'FEES', amount: '5000.00' },
  ],
  ownFunds: '10000.00',
  thirdPartyFunds: '0.00',
};

function actual(personnel: string, material: string, fees: string) {
  return {
    costLines: [
      { category: 'PERSONNEL', amount: personnel },
      { category: 'MATERIAL_ADMIN', amount: material },
      { category: 'FEES', amount: fees },
    ],
    ownFunds: '10000.00',
    thirdPartyFunds: '0.00',
  };
}

/** H = 90.000, paid 90.000; actual A = 90.000 as in DOMAIN §3. */
const SECTION_3 = { maxAmount: '90000.00', paidAmount: '90000.00', plan: PLAN, actual: actual('72000.00', '13000.00', '5000.00') };
/** DOMAIN §4: Personal 76.000, Sach 17.000 (+13 %), Honorare 7.000 (+40 %). */
const SECTION_4 = { financingType: 'DEFICIT', maxAmount: '90000.00', paidAmount: '90000.00', plan: PLAN, actual: actual('76000.00', '17000.00', '7000.00') };
/** DOMAIN §5: R = 10.000, paid 01.03.2025, repaid 15.10.2025. */
const SECTION_5 = { kind: 'RECOVERY', principal: '10000.00', startDate: '2025-03-01', endDate: '2025-10-15' };

const MAX = '9999999999999.99';

const byPath = (errors: FieldError[]): Record<string, string> => Object.fromEntries(errors.map((e) => [e.path, e.message]));

describe('calculators', () => {
  let t: TestContext;
  let staff: string;
  let approver: string;
  let auditor: string;
  let admin: string;
  let provider: string;

  beforeAll(async () => {
    t = await createTestContext();
    [staff, approver, auditor, admin, provider] = await Promise.all([
      t.login(DEMO.staff),
      t.login(DEMO.approver),
      t.login(DEMO.auditor),
      t.login(DEMO.admin),
      t.login(DEMO.provider),
    ]);
  });
  afterAll(() => t.close());

  const post = (path: string, token: string, body: unknown) => t.http().post(`/api/v1/calculations/${path}`).set(bearer(token)).send(body as object);

  async function expectBadRequest(path: string, body: unknown, fieldPath: string, message: RegExp): Promise<void> {
    const res = await post(path, staff, body);
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 400, type: expect.stringMatching(PROBLEM) });
    expect(res.body).toMatchObject({ status: 400, title: 'Ungültige Anfrage', type: expect.stringMatching(/^https:\/\//) });
    const messages = (res.body.errors as FieldError[]).filter((e) => e.path === fieldPath).map((e) => e.message);
    expect({ fieldPath, matches: messages.some((m) => message.test(m)), messages }).toEqual({ fieldPath, matches: true, messages });
  }

  describe('POST /calculations/final-grant', () => {
    it('DOMAIN §3 Anteilfinanzierung 90 %: Z 81.000,00, R 9.000,00, parameters from the programme', async () => {
      const res = await post('final-grant', staff, { ...SECTION_3, financingType: 'SHARE', fundingRatePercent: '90' }).expect(200);
      expect(res.body).toMatchObject({
        financingType: 'SHARE',
        plannedCosts: '100000.00',
        recognisedCosts: '90000.00',
        finalGrant: '81000.00',
        recovery: '9000.00',
        parametersUsed: { overrunTolerancePercent: '20', deMinimisAmount: '500.00' },
      });
      expect(res.body.flags.map((f: Flag) => f.code)).toEqual(['RECOVERY_DUE']);
      expect(res.body.parameterSources).toEqual({
        programmeCode: 'SOZIALBERATUNG_FLUECHTLINGE',
        inForceOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        inForceOnBasis: 'TODAY',
        caseDate: null,
        items: [
          { name: 'overrunTolerancePercent', source: 'PROGRAMME', parameterCode: 'OVERRUN_TOLERANCE_PERCENT', validFrom: '2024-01-01' },
          { name: 'deMinimisAmount', source: 'PROGRAMME', parameterCode: 'DE_MINIMIS_AMOUNT', validFrom: '2024-01-01' },
        ],
      });
    });

    it('DOMAIN §3 Fehlbedarfsfinanzierung: Z 80.000,00, R 10.000,00', async () => {
      const res = await post('final-grant', approver, { ...SECTION_3, financingType: 'DEFICIT' }).expect(200);
      expect(res.body).toMatchObject({ recognisedCosts: '90000.00', finalGrant: '80000.00', recovery: '10000.00' });
    });

    it('DOMAIN §4: Honorare capped at 120 % and flagged, Z 89.000,00, R 1.000,00', async () => {
      const res = await post('final-grant', auditor, SECTION_4).expect(200);
      expect(res.body).toMatchObject({ recognisedCosts: '99000.00', finalGrant: '89000.00', recovery: '1000.00' });
      const lines = Object.fromEntries(res.body.lines.map((l: Line) => [l.category, l]));
      expect(lines.FEES).toMatchObject({ planned: '5000.00', actual: '7000.00', cap: '6000.00', recognised: '6000.00' });
      expect(lines.FEES.flags.map((f: Flag) => f.code)).toEqual(['OVERRUN_ABOVE_TOLERANCE', 'LINE_CAPPED']);
      expect(lines.FEES.flags[0].message).toMatch(/Honorare|FEES/);
      expect(lines.FEES.flags[0].message).toMatch(/um mehr als 20 %/);
      expect(lines.MATERIAL_ADMIN).toMatchObject({ recognised: '17000.00', flags: [] });
      expect(lines.PERSONNEL).toMatchObject({ recognised: '76000.00', flags: [] });
    });

    it('takes parameters given in the body and says so', async () => {
      const res = await post('final-grant', staff, { ...SECTION_4, parameters: { overrunTolerancePercent: '40' } }).expect(200);
      // 40 % tolerance: Honorare 7.000 ≤ 7.000 recognised in full, A 100.000, Z 90.000
      expect(res.body).toMatchObject({ recognisedCosts: '100000.00', finalGrant: '90000.00', recovery: '0.00' });
      expect(res.body.parametersUsed).toEqual({ overrunTolerancePercent: '40', deMinimisAmount: '500.00' });
      expect(res.body.parameterSources.items).toEqual([
        { name: 'overrunTolerancePercent', source: 'REQUEST' },
        { name: 'deMinimisAmount', source: 'PROGRAMME', parameterCode: 'DE_MINIMIS_AMOUNT', validFrom: '2024-01-01' },
      ]);
    });

    it('with every parameter in the body, still checks categories against the programme', async () => {
      const res = await post('final-grant', staff, {
        ...SECTION_3,
        financingType: 'FULL',
        parameters: { overrunTolerancePercent: '20', deMinimisAmount: '500.00' },
      }).expect(200);
      expect(res.body.parameterSources).toEqual({
        programmeCode: 'SOZIALBERATUNG_FLUECHTLINGE',
        inForceOn: null,
        inForceOnBasis: null,
        caseDate: null,
        items: [
          { name: 'overrunTolerancePercent', source: 'REQUEST' },
          { name: 'deMinimisAmount', source: 'REQUEST' },
        ],
      });
      expect(res.body.finalGrant).toBe('90000.00');
    });

    it('keeps every cent of 9.999.999.999.999,99', async () => {
      const share = await post('final-grant', staff, {
        financingType: 'SHARE',
        fundingRatePercent: '90',
        maxAmount: MAX,
        paidAmount: MAX,
        plan: { costLines: [{ category: 'PERSONNEL', amount: MAX }], ownFunds: '0.00', thirdPartyFunds: '0.00' },
        actual: { costLines: [{ category: 'PERSONNEL', amount: MAX }], ownFunds: '0.00', thirdPartyFunds: '0.00' },
      }).expect(200);
      // 0,9 × 9.999.999.999.999,99 = 8.999.999.999.999,991 → 8.999.999.999.999,99
      expect(share.body).toMatchObject({ recognisedCosts: MAX, finalGrant: '8999999999999.99', recovery: '1000000000000.00' });

      const deficit = await post('final-grant', staff, {
        financingType: 'DEFICIT',
        maxAmount: MAX,
        paidAmount: '0.00',
        plan: { costLines: [{ category: 'PERSONNEL', amount: MAX }, { category: 'FEES', amount: MAX }] },
        actual: { costLines: [{ category: 'PERSONNEL', amount: MAX }, { category: 'FEES', amount: '9999999999999.98' }] },
      }).expect(200);
      expect(deficit.body).toMatchObject({ plannedCosts: '19999999999999.98', recognisedCosts: '19999999999999.97', finalGrant: MAX, recovery: '0.00' });
    });

    it('is not for Träger', async () => {
      const res = await post('final-grant', provider, { ...SECTION_3, financingType: 'DEFICIT' }).expect(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      await post('final-grant', admin, { ...SECTION_3, financingType: 'DEFICIT' }).expect(200);
    });
  });

  describe('POST /calculations/interest', () => {
    it('DOMAIN §5: 424,81 EUR in two segments split at 1 July', async () => {
      const res = await post('interest', staff, SECTION_5).expect(200);
      expect(res.body).toMatchObject({
        kind: 'RECOVERY',
        interest: '424.81',
        days: 228,
        parametersUsed: { dayCount: 'ACT_ACT', surchargePercentagePoints: '5' },
        parameterSources: {
          programmeCode: 'SOZIALBERATUNG_FLUECHTLINGE',
          inForceOn: '2025-10-15',
          items: [
            { name: 'dayCount', source: 'PROGRAMME', parameterCode: 'DAY_COUNT', validFrom: '2024-01-01' },
            { name: 'surchargePercentagePoints', source: 'PROGRAMME', parameterCode: 'INTEREST_SURCHARGE_PP', validFrom: '2024-01-01' },
          ],
        },
      });
      expect(res.body.segments).toHaveLength(2);
      expect(res.body.segments[0]).toMatchObject({
        from: '2025-03-02',
        to: '2025-06-30',
        days: 121,
        yearDays: 365,
        baseRatePercent: '2.27',
        ratePercent: '7.27',
        principal: '10000.00',
        amount: expect.stringMatching(/^241\.005479452054794520547945/),
      });
      expect(res.body.segments[1]).toMatchObject({ from: '2025-07-01', to: '2025-10-15', days: 107, ratePercent: '6.27' });
      expect(res.body.unroundedInterest).toMatch(/^424\.8109589041/);
    });

    it('a Träger may compute interest; dayCount and surcharge from the body are used', async () => {
      const res = await post('interest', provider, { ...SECTION_5, dayCount: 'ACT_365', surchargePercentagePoints: '6' }).expect(200);
      expect(res.body.parametersUsed).toEqual({ dayCount: 'ACT_365', surchargePercentagePoints: '6' });
      expect(res.body.segments.map((s: { ratePercent: string }) => s.ratePercent)).toEqual(['8.27', '7.27']);
      expect(res.body.parameterSources).toEqual({
        programmeCode: null,
        inForceOn: null,
        inForceOnBasis: null,
        caseDate: null,
        items: [
          { name: 'dayCount', source: 'REQUEST' },
          { name: 'surchargePercentagePoints', source: 'REQUEST' },
        ],
      });
    });

    it('negative Basiszinssatz (2020) applies as it is', async () => {
      const res = await post('interest', staff, { kind: 'RECOVERY', principal: '36600.00', startDate: '2020-01-01', endDate: '2020-01-11' }).expect(200);
      // 10 days at −0,88 + 5 = 4,12 % over 366 days: 36.600 × 0,0412 × 10 / 366 = 41,20
      expect(res.body).toMatchObject({ interest: '41.20', segments: [{ baseRatePercent: '-0.88', ratePercent: '4.12', yearDays: 366 }] });
      // before the programme starts, its first parameter values are used
      expect(res.body.parameterSources.inForceOn).toBe('2024-01-01');
    });

    it('LATE_USE: interest on the part used after the 2-month horizon, per tranche', async () => {
      const res = await post('interest', staff, {
        kind: 'LATE_USE',
        disbursements: [{ date: '2025-01-15', amount: '10000.00' }],
        uses: [
          { date: '2025-02-20', amount: '4000.00' },
          { date: '2025-05-15', amount: '6000.00' },
        ],
      }).expect(200);
      // 6.000 late: 16.01.–15.05.2025 = 120 days at 7,27 % → 143,41
      expect(res.body).toMatchObject({
        kind: 'LATE_USE',
        interest: '143.41',
        parametersUsed: { dayCount: 'ACT_ACT', surchargePercentagePoints: '5', horizonMonths: 2 },
        usesNotCoveredByDisbursements: '0.00',
      });
      expect(res.body.tranches).toHaveLength(1);
      expect(res.body.tranches[0]).toMatchObject({ horizonEnd: '2025-03-15', usedInTime: '4000.00', usedLate: '6000.00', unused: '0.00' });
      expect(res.body.tranches[0].allocations).toEqual([
        { kind: 'USE', date: '2025-02-20', amount: '4000.00', late: false, days: 0, interest: '0.00' },
        expect.objectContaining({ kind: 'USE', date: '2025-05-15', amount: '6000.00', late: true, days: 120 }),
      ]);
      expect(res.body.parameterSources.items.map((i: { name: string }) => i.name)).toEqual(['dayCount', 'surchargePercentagePoints', 'horizonMonths']);
    });

    it('keeps every cent of 9.999.999.999.999,99', async () => {
      const res = await post('interest', staff, { ...SECTION_5, principal: MAX }).expect(200);
      expect(res.body.interest).toBe('424810958904.11');
      expect(res.body.segments[0].amount).toMatch(/^241005479452\.054553515068493150684931/);
    });

    it('a date outside the Basiszinssatz table: 422 naming the missing half-year', async () => {
      const before = await post('interest', staff, { kind: 'RECOVERY', principal: '1000.00', startDate: '2019-03-01', endDate: '2020-02-01' }).expect(422);
      expect(before.headers['content-type']).toMatch(PROBLEM);
      expect(before.body).toMatchObject({ code: 'BASE_RATE_MISSING', status: 422, year: 2019, halfYear: 1 });
      expect(before.body.detail).toBe('Für das 1. Halbjahr 2019 ist kein Basiszinssatz hinterlegt.');

      const after = await post('interest', staff, { kind: 'RECOVERY', principal: '1000.00', startDate: '2026-10-01', endDate: '2027-09-30' }).expect(422);
      expect(after.body.detail).toBe('Für das 1. Halbjahr 2027 ist kein Basiszinssatz hinterlegt.');
    });
  });

  describe('POST /calculations/payment-request-limit', () => {
    it('SHARE: only the pro-rata share of the payments due, with German reasons', async () => {
      const res = await post('payment-request-limit', provider, {
        financingType: 'SHARE',
        fundingRatePercent: '90',
        requestedAmount: '20000.00',
        paymentsDueWithinHorizon: '20000.00',
        maxAmount: '90000.00',
        alreadyDisbursed: '0.00',
      }).expect(200);
      expect(res.body).toMatchObject({
        allowedAmount: '18000.00',
        rejectedAmount: '2000.00',
        sharePercent: '90',
        parametersUsed: { horizonMonths: 2 },
      });
      expect(res.body.reasons).toEqual([{ code: 'PRO_RATA_SHARE', message: expect.stringMatching(/Anteil der Zuwendung von 90 %/) }]);
    });

    it('DEFICIT share from the plan totals; cumulative cap at the Höchstbetrag', async () => {
      const res = await post('payment-request-limit', staff, {
        financingType: 'DEFICIT',
        plannedTotalCosts: '100000.00',
        requestedAmount: '20000.00',
        paymentsDueWithinHorizon: '20000.00',
        maxAmount: '90000.00',
        alreadyDisbursed: '80000.00',
      }).expect(200);
      // share 90.000 / 100.000 = 90 % → 18.000, but only 10.000 left until H
      expect(res.body).toMatchObject({ allowedAmount: '10000.00', rejectedAmount: '10000.00', sharePercent: '90' });
      expect(res.body.reasons.map((r: Flag) => r.code)).toEqual(['PRO_RATA_SHARE', 'MAX_AMOUNT_EXCEEDED']);
      expect(res.body.reasons[1].message).toMatch(/Höchstbetrag/);
    });

    it('sums single payments due within the horizon after the payout', async () => {
      const res = await post('payment-request-limit', staff, {
        financingType: 'FULL',
        requestedAmount: '30000.00',
        duePayments: [
          { dueDate: '2026-04-01', amount: '10000.00' },
          { dueDate: '2026-05-15', amount: '5000.00' },
          { dueDate: '2026-05-16', amount: '7000.00' },
        ],
        payoutDate: '2026-03-15',
        maxAmount: '90000.00',
        alreadyDisbursed: '0.00',
      }).expect(200);
      expect(res.body).toMatchObject({ paymentsDueWithinHorizon: '15000.00', allowedAmount: '15000.00', rejectedAmount: '15000.00' });
      expect(res.body.parameterSources.inForceOn).toBe('2026-03-15');
    });

    it('needs the payments due in one form or the other', async () => {
      await expectBadRequest(
        'payment-request-limit',
        { financingType: 'FULL', requestedAmount: '1.00', maxAmount: '1.00', alreadyDisbursed: '0.00' },
        'paymentsDueWithinHorizon',
        /erforderlich/,
      );
    });
  });

  describe('POST /calculations/deadlines', () => {
    it('VN six months after the period end, Zwischennachweise for earlier years, retention', async () => {
      const res = await post('deadlines', staff, { periodStart: '2025-01-01', periodEnd: '2026-12-31', proofSubmittedOn: '2027-05-10' }).expect(200);
      expect(res.body).toMatchObject({
        finalProofDue: '2027-06-30',
        interimProofsDue: [{ year: 2025, due: '2026-04-30' }],
        retainReceiptsUntil: '2032-05-10',
        parametersUsed: { finalProofDueMonths: 6, interimProofDue: '04-30', receiptRetentionYears: 5 },
        parameterSources: { inForceOn: '2026-12-31' },
      });
    });

    it('without a submission date there is no retention end yet; body parameters win', async () => {
      const res = await post('deadlines', staff, {
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        parameters: { finalProofDueMonths: 3, interimProofDue: '03-31' },
      }).expect(200);
      expect(res.body).toMatchObject({
        finalProofDue: '2027-03-31',
        interimProofsDue: [],
        retainReceiptsUntil: null,
        parametersUsed: { finalProofDueMonths: 3, interimProofDue: '03-31', receiptRetentionYears: 5 },
      });
    });
  });

  describe('POST /calculations/personnel-eligibility', () => {
    it('caps each position at the TV-L comparison amount', async () => {
      const res = await post('personnel-eligibility', staff, {
        positions: [
          { label: 'Sozialberatung E 9b', monthlyEmployerGross: '4800.00', comparisonAmount: '4500.00', fte: '0.75', months: '12' },
          { label: 'Verwaltung E 6', monthlyEmployerGross: '3000.00', comparisonAmount: '3200.00', fte: '0.5', months: '12' },
        ],
      }).expect(200);
      expect(res.body).toEqual({
        positions: [
          { label: 'Sozialberatung E 9b', actualCost: '43200.00', eligible: '40500.00', disallowed: '2700.00' },
          { label: 'Verwaltung E 6', actualCost: '18000.00', eligible: '18000.00', disallowed: '0.00' },
        ],
        totals: { actualCost: '61200.00', eligible: '58500.00', disallowed: '2700.00' },
        parametersUsed: {},
      });
    });
  });

  describe('POST /calculations/eligibility-start', () => {
    it('begun before approval without consent blocks the approval', async () => {
      const res = await post('eligibility-start', staff, { periodStart: '2026-01-01', decisionDate: '2026-03-01', projectBegunOn: '2026-02-01' }).expect(200);
      expect(res.body).toMatchObject({ eligibleFrom: '2026-03-01', approvalBlocked: true, parametersUsed: {} });
      expect(res.body.flags.map((f: Flag) => f.code)).toEqual(['ELIGIBLE_FROM_DECISION', 'PROJECT_BEGUN_BEFORE_APPROVAL']);
      expect(res.body.flags[1].message).toMatch(/Bewilligung ist ausgeschlossen/);
    });

    it('a written consent to early start makes costs eligible from the consent', async () => {
      const res = await post('eligibility-start', staff, {
        periodStart: '2026-01-01',
        decisionDate: '2026-03-01',
        earlyStartConsentDate: '2026-01-15',
        projectBegunOn: '2026-01-20',
      }).expect(200);
      expect(res.body).toMatchObject({ eligibleFrom: '2026-01-15', approvalBlocked: false });
    });

    it('is not for Träger', async () => {
      await post('eligibility-start', provider, { periodStart: '2026-01-01', decisionDate: '2026-03-01' }).expect(403);
    });
  });

  describe('POST /calculations/state-settlement', () => {
    it('DOMAIN §1/§6: Land 80 % of the Kreis costs, refund and recovery split', async () => {
      const exact = await post('state-settlement', staff, {
        stateMaxAmount: '419250.00',
        stateDisbursed: '419250.00',
        districtRecognisedCosts: '524062.50',
      }).expect(200);
      expect(exact.body).toMatchObject({
        stateFinalGrant: '419250.00',
        refundToState: '0.00',
        districtShare: '104812.50',
        recoverySplit: { state: '0.00', district: '0.00' },
        parametersUsed: { stateRatePercent: '80' },
      });
      const less = await post('state-settlement', staff, {
        stateMaxAmount: '419250.00',
        stateDisbursed: '419250.00',
        districtRecognisedCosts: '500000.00',
        recoveredFromProviders: '10000.00',
      }).expect(200);
      expect(less.body).toMatchObject({
        stateFinalGrant: '400000.00',
        refundToState: '19250.00',
        districtShare: '100000.00',
        recoverySplit: { state: '8000.00', district: '2000.00' },
      });
    });
  });

  describe('the parameters in force at the day the case concerns (as the Festsetzung), and which', () => {
    // A new Überschreitungstoleranz (30 %) and Landesfördersatz (70 %) from 2026 on; 20 % and 80 % before.
    beforeAll(async () => {
      for (const [code, value] of [
        ['OVERRUN_TOLERANCE_PERCENT', '30'],
        ['STATE_RATE_PERCENT', '70'],
      ]) {
        // The Land's ADMIN: these parameters are the Land's for every Kreis (issue 20).
        await t.http().post(`/api/v1/programmes/SOZIALBERATUNG_FLUECHTLINGE/parameters/${code}/values`).set(bearer(await t.login(DEMO.landAdmin))).send({ value, validFrom: '2026-01-01' }).expect(201);
      }
    });
    afterAll(async () => {
      await t.db.query(`DELETE FROM programme_parameter WHERE valid_from = '2026-01-01' AND code IN ('OVERRUN_TOLERANCE_PERCENT', 'STATE_RATE_PERCENT')`);
    });

    it('final grant: a case in an earlier period uses the values in force then, a later one the new ones', async () => {
      const earlier = await post('final-grant', staff, { ...SECTION_4, periodEnd: '2025-12-31' }).expect(200);
      // 20 %: Honorare capped at 6.000 (DOMAIN §4)
      expect(earlier.body).toMatchObject({ recognisedCosts: '99000.00', finalGrant: '89000.00', parametersUsed: { overrunTolerancePercent: '20' } });
      expect(earlier.body.parameterSources).toMatchObject({
        inForceOn: '2025-12-31',
        inForceOnBasis: 'CASE_DATE',
        caseDate: { field: 'periodEnd', date: '2025-12-31' },
        items: [
          { name: 'overrunTolerancePercent', source: 'PROGRAMME', parameterCode: 'OVERRUN_TOLERANCE_PERCENT', validFrom: '2024-01-01' },
          { name: 'deMinimisAmount', source: 'PROGRAMME', parameterCode: 'DE_MINIMIS_AMOUNT', validFrom: '2024-01-01' },
        ],
      });
      const later = await post('final-grant', staff, { ...SECTION_4, periodEnd: '2026-06-30' }).expect(200);
      // 30 %: cap 6.500
      expect(later.body).toMatchObject({ recognisedCosts: '99500.00', parametersUsed: { overrunTolerancePercent: '30' } });
      expect(later.body.parameterSources.items[0]).toMatchObject({ parameterCode: 'OVERRUN_TOLERANCE_PERCENT', validFrom: '2026-01-01' });
      // an explicit parametersOn still wins over the case's day
      const named = await post('final-grant', staff, { ...SECTION_4, periodEnd: '2026-06-30', parametersOn: '2025-06-30' }).expect(200);
      expect(named.body.parametersUsed.overrunTolerancePercent).toBe('20');
      expect(named.body.parameterSources).toMatchObject({ inForceOn: '2025-06-30', inForceOnBasis: 'PARAMETERS_ON', caseDate: { field: 'periodEnd', date: '2026-06-30' } });
    });

    it('state settlement: the Land rate in force at the end of the settled period', async () => {
      const body = { stateMaxAmount: '419250.00', stateDisbursed: '419250.00', districtRecognisedCosts: '524062.50' };
      const earlier = await post('state-settlement', staff, { ...body, periodEnd: '2025-12-31' }).expect(200);
      expect(earlier.body.parametersUsed).toEqual({ stateRatePercent: '80' });
      expect(earlier.body.parameterSources).toMatchObject({ inForceOn: '2025-12-31', inForceOnBasis: 'CASE_DATE' });
      const later = await post('state-settlement', staff, { ...body, periodEnd: '2026-12-31' }).expect(200);
      expect(later.body.parametersUsed).toEqual({ stateRatePercent: '70' });
    });
  });

  describe('bad input: 400 problem+json naming the field in German', () => {
    const share = { ...SECTION_3, financingType: 'SHARE', fundingRatePercent: '90' };

    it('negative amounts', async () => {
      const plan = { ...PLAN, costLines: [PLAN.costLines[0], { category: 'MATERIAL_ADMIN', amount: '-15000.00' }, PLAN.costLines[2]] };
      await expectBadRequest('final-grant', { ...share, plan }, 'plan.costLines[1].amount', /^Der Betrag darf nicht negativ sein\.$/);
      await expectBadRequest('interest', { ...SECTION_5, principal: '-1.00' }, 'principal', /nicht negativ/);
    });

    it('more than two decimals', async () => {
      await expectBadRequest('final-grant', { ...share, actual: actual('72000.001', '13000.00', '5000.00') }, 'actual.costLines[0].amount', /höchstens zwei Nachkommastellen/);
    });

    it('amounts beyond 9.999.999.999.999,99', async () => {
      await expectBadRequest('final-grant', { ...share, maxAmount: '10000000000000.00' }, 'maxAmount', /9\.999\.999\.999\.999,99/);
    });

    it('rates outside 0–100', async () => {
      await expectBadRequest('final-grant', { ...share, fundingRatePercent: '120' }, 'fundingRatePercent', /nicht größer als 100/);
      await expectBadRequest('final-grant', { ...share, fundingRatePercent: '-5' }, 'fundingRatePercent', /nicht negativ/);
      await expectBadRequest('final-grant', { ...share, parameters: { overrunTolerancePercent: '101' } }, 'parameters.overrunTolerancePercent', /nicht größer als 100/);
      await expectBadRequest('state-settlement', { stateRatePercent: '100.5', stateMaxAmount: '1.00', stateDisbursed: '1.00', districtRecognisedCosts: '1.00' }, 'stateRatePercent', /100/);
    });

    it('end before start', async () => {
      await expectBadRequest('interest', { ...SECTION_5, endDate: '2025-02-28' }, 'endDate', /nicht vor dem Beginn/);
      await expectBadRequest('deadlines', { periodStart: '2026-12-31', periodEnd: '2026-01-01' }, 'periodEnd', /nicht vor seinem Beginn/);
    });

    it('unknown categories, and categories the programme excludes', async () => {
      const plan = { ...PLAN, costLines: [...PLAN.costLines, { category: 'CATERING', amount: '100.00' }] };
      await expectBadRequest('final-grant', { ...share, plan }, 'plan.costLines[3].category', /Unbekannte Kostenart „CATERING“/);
      const investment = await post('final-grant', staff, {
        ...share,
        actual: { ...share.actual, costLines: [...share.actual.costLines, { category: 'INVESTMENT', amount: '100.00' }] },
        approvedLineCaps: [{ category: 'INVESTMENT', amount: '100.00' }],
      }).expect(400);
      expect(investment.body.code).toBe('COST_CATEGORY_INVALID');
      expect(byPath(investment.body.errors)).toEqual({
        'actual.costLines[3].category': expect.stringMatching(/INVESTMENT \(Investitionen\) ist im Förderprogramm .* nicht zuwendungsfähig/),
        'approvedLineCaps[0].category': expect.stringMatching(/nicht zuwendungsfähig/),
      });
    });

    it('SHARE without a rate', async () => {
      await expectBadRequest('final-grant', { ...SECTION_3, financingType: 'SHARE' }, 'fundingRatePercent', /Bei Anteilfinanzierung ist der Fördersatz anzugeben/);
      await expectBadRequest(
        'payment-request-limit',
        { financingType: 'SHARE', requestedAmount: '1.00', paymentsDueWithinHorizon: '1.00', maxAmount: '1.00', alreadyDisbursed: '0.00' },
        'fundingRatePercent',
        /Fördersatz/,
      );
    });

    it('JSON numbers instead of decimal strings', async () => {
      const res = await post('final-grant', staff, { ...share, maxAmount: 90000, fundingRatePercent: 90 }).expect(400);
      expect(byPath(res.body.errors)).toMatchObject({
        maxAmount: 'Der Betrag muss als Dezimalzahl in Textform angegeben werden, z. B. "1234.56".',
        fundingRatePercent: expect.stringMatching(/in Textform/),
      });
      await expectBadRequest('interest', { ...SECTION_5, principal: 10000 }, 'principal', /in Textform/);
      await expectBadRequest(
        'personnel-eligibility',
        { positions: [{ label: 'x', monthlyEmployerGross: '1.00', comparisonAmount: '1.00', fte: 0.5, months: '12' }] },
        'positions[0].fte',
        /in Textform/,
      );
    });

    it('missing and unknown fields, wrong enums, impossible dates', async () => {
      await expectBadRequest('final-grant', { ...share, financingType: 'GRANT' }, 'financingType', /SHARE, DEFICIT, FULL, FIXED/);
      await expectBadRequest('final-grant', { financingType: 'DEFICIT', maxAmount: '1.00', paidAmount: '0.00', plan: PLAN }, 'actual', /erforderlich/);
      await expectBadRequest('final-grant', { ...share, bonus: '1.00' }, 'bonus', /nicht vorgesehen/);
      await expectBadRequest('interest', { kind: 'RECOVERY', principal: '1.00', startDate: '2025-02-30', endDate: '2025-03-01' }, 'startDate', /JJJJ-MM-TT/);
      await expectBadRequest('interest', { kind: 'RECOVERY', principal: '1.00', startDate: '2025-03-01' }, 'endDate', /erforderlich/);
      await expectBadRequest('interest', { kind: 'LATE_USE', uses: [] }, 'disbursements', /erforderlich/);
      await expectBadRequest('interest', { ...SECTION_5, dayCount: 'ACT_360' }, 'dayCount', /ACT_ACT, ACT_365/);
      await expectBadRequest('final-grant', { ...share, programmeCode: 'UNBEKANNT' }, 'programmeCode', /gibt es nicht/);
    });

    it('a Finanzierungsart the programme does not provide', async () => {
      await t.db.query(`UPDATE programme SET eligible_financing_types = '{SHARE,DEFICIT,FULL}'`);
      try {
        await expectBadRequest('final-grant', { ...SECTION_3, financingType: 'FIXED' }, 'financingType', /FIXED ist im Förderprogramm .* nicht vorgesehen/);
      } finally {
        await t.db.query(`UPDATE programme SET eligible_financing_types = '{SHARE,DEFICIT,FULL,FIXED}'`);
      }
    });
  });
});
