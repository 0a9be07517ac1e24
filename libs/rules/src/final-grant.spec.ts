import { DomainError, Money, dec, percent } from '@foerderfluss/core';
import { FinalGrantInput, calculateFinalGrant } from './final-grant';
import type { FinancingType } from './parameters';

/** Compact case notation: cost lines as {CATEGORY: "amount"}. */
interface Case {
  type: FinancingType;
  rate?: string;
  max?: string;
  paid?: string;
  plan?: Record<string, string>;
  planOwn?: string;
  planThird?: string;
  actual: Record<string, string>;
  actualOwn?: string;
  actualThird?: string;
  caps?: Record<string, string>;
  fixed?: { amountPerUnit: string; plannedUnits: string; actualUnits: string };
  tolerance?: string;
  deMinimis?: string;
}

// DOMAIN §3 plan: Personal 80.000, Sach 15.000, Honorare 5.000; Eigenmittel 10.000; H 90.000; paid 90.000.
const PLAN = { PERSONNEL: '80000', MATERIAL_ADMIN: '15000', FEES: '5000' };

const lines = (r: Record<string, string>) => Object.entries(r).map(([category, amount]) => ({ category, amount: Money.of(amount) }));

function input(c: Case): FinalGrantInput {
  return {
    financingType: c.type,
    fundingRate: c.rate === undefined ? undefined : percent(c.rate),
    maxAmount: Money.of(c.max ?? '90000'),
    paidAmount: Money.of(c.paid ?? '90000'),
    plan: {
      costLines: lines(c.plan ?? PLAN),
      ownFunds: Money.of(c.planOwn ?? '10000'),
      thirdPartyFunds: Money.of(c.planThird ?? '0'),
    },
    actual: {
      costLines: lines(c.actual),
      ownFunds: Money.of(c.actualOwn ?? c.planOwn ?? '10000'),
      thirdPartyFunds: Money.of(c.actualThird ?? c.planThird ?? '0'),
    },
    approvedLineCaps: c.caps ? lines(c.caps) : undefined,
    fixed: c.fixed && {
      amountPerUnit: Money.of(c.fixed.amountPerUnit),
      plannedUnits: dec(c.fixed.plannedUnits),
      actualUnits: dec(c.fixed.actualUnits),
    },
    parameters: { overrunTolerance: percent(c.tolerance ?? '20'), deMinimisAmount: Money.of(c.deMinimis ?? '500') },
  };
}

const codes = (flags: { code: string }[]) => flags.map((f) => f.code);

describe('calculateFinalGrant: grant per Finanzierungsart', () => {
  // [name, case, A, Z, R, overall flag codes]
  it.each<[string, Case, string, string, string, string[]]>([
    // DOMAIN §3: A 90.000 → Anteil 90 % × 90.000; Fehlbedarf 90.000 − 10.000
    ['§3 SHARE 90 %', { type: 'SHARE', rate: '90', actual: { PERSONNEL: '72000', MATERIAL_ADMIN: '13000', FEES: '5000' } }, '90000.00', '81000.00', '9000.00', ['RECOVERY_DUE']],
    ['§3 DEFICIT', { type: 'DEFICIT', actual: { PERSONNEL: '72000', MATERIAL_ADMIN: '13000', FEES: '5000' } }, '90000.00', '80000.00', '10000.00', ['RECOVERY_DUE']],
    // DOMAIN §4: Honorare 7.000 capped at 6.000 → A 99.000, Z 99.000 − 10.000
    ['§4 DEFICIT overrun', { type: 'DEFICIT', actual: { PERSONNEL: '76000', MATERIAL_ADMIN: '17000', FEES: '7000' } }, '99000.00', '89000.00', '1000.00', ['RECOVERY_DUE']],
    // SHARE with extra Drittmittel 2.000 (> 500): 90 % × (100.000 − 2.000)
    ['SHARE ΔD', { type: 'SHARE', rate: '90', actual: PLAN, actualThird: '2000' }, '100000.00', '88200.00', '1800.00', ['COVERAGE_ABOVE_PLAN', 'RECOVERY_DUE']],
    // SHARE, Eigenmittel 1.000 below plan: no ΔD (only increases reduce), A 99.600 but the coverage change of 1.000 ends the Bagatelle
    ['SHARE coverage down', { type: 'SHARE', rate: '90', actual: { ...PLAN, PERSONNEL: '79600' }, actualOwn: '9000' }, '99600.00', '89640.00', '360.00', ['RECOVERY_DUE']],
    // SHARE 95 % of 100.000 = 95.000 > H 90.000
    ['SHARE capped at H', { type: 'SHARE', rate: '95', actual: PLAN }, '100000.00', '90000.00', '0.00', ['CAPPED_AT_MAX_AMOUNT']],
    // DEFICIT: Drittmittel 3.000 reduce one for one: 100.000 − 10.000 − 3.000
    ['DEFICIT Drittmittel', { type: 'DEFICIT', actual: PLAN, actualThird: '3000' }, '100000.00', '87000.00', '3000.00', ['COVERAGE_ABOVE_PLAN', 'RECOVERY_DUE']],
    // DEFICIT: E is the planned Eigenmittel; more own money does not lower Z (DOMAIN §3 "E = Eigenmittel (plan)")
    ['DEFICIT more own funds', { type: 'DEFICIT', actual: PLAN, actualOwn: '12000' }, '100000.00', '90000.00', '0.00', ['COVERAGE_ABOVE_PLAN']],
    // DEFICIT: A 8.000 < E 10.000 → −2.000 → 0
    ['DEFICIT negative → 0', { type: 'DEFICIT', actual: { PERSONNEL: '5000', MATERIAL_ADMIN: '2000', FEES: '1000' } }, '8000.00', '0.00', '90000.00', ['NEGATIVE_GRANT_FLOORED', 'RECOVERY_DUE']],
    // FULL: plan 100.000 without Eigenmittel, H 100.000
    ['FULL', { type: 'FULL', max: '100000', paid: '100000', planOwn: '0', actual: { PERSONNEL: '72000', MATERIAL_ADMIN: '13000', FEES: '5000' } }, '90000.00', '90000.00', '10000.00', ['RECOVERY_DUE']],
    ['FULL Drittmittel', { type: 'FULL', max: '100000', paid: '100000', planOwn: '0', actual: PLAN, actualThird: '5000' }, '100000.00', '95000.00', '5000.00', ['COVERAGE_ABOVE_PLAN', 'RECOVERY_DUE']],
    // FIXED: 250 × 380 units = 95.000 ≤ A 98.000
    ['FIXED units below plan', { type: 'FIXED', max: '100000', paid: '100000', fixed: { amountPerUnit: '250', plannedUnits: '400', actualUnits: '380' }, actual: { ...PLAN, PERSONNEL: '78000' } }, '98000.00', '95000.00', '5000.00', ['FIXED_UNITS_BELOW_PLAN', 'RECOVERY_DUE']],
    // FIXED: 250 × 400 = 100.000 but never more than A 97.000
    ['FIXED capped at A', { type: 'FIXED', max: '100000', paid: '100000', fixed: { amountPerUnit: '250', plannedUnits: '400', actualUnits: '400' }, actual: { ...PLAN, PERSONNEL: '77000' } }, '97000.00', '97000.00', '3000.00', ['CAPPED_AT_RECOGNISED_COSTS', 'RECOVERY_DUE']],
    // FIXED: more units than planned do not raise the Festbetrag 250 × 400
    ['FIXED units above plan', { type: 'FIXED', max: '200000', paid: '100000', fixed: { amountPerUnit: '250', plannedUnits: '400', actualUnits: '420' }, actual: PLAN }, '100000.00', '100000.00', '0.00', []],
    // FIXED has no Bagatelle: A 200 below plan still caps Z at A
    ['FIXED no Bagatelle', { type: 'FIXED', max: '100000', paid: '100000', fixed: { amountPerUnit: '250', plannedUnits: '400', actualUnits: '400' }, actual: { ...PLAN, PERSONNEL: '79800' } }, '99800.00', '99800.00', '200.00', ['CAPPED_AT_RECOGNISED_COSTS', 'RECOVERY_DUE']],
    // FIXED without unit data: the Festbetrag is H
    ['FIXED lump sum', { type: 'FIXED', max: '90000', actual: { ...PLAN, PERSONNEL: '72000' } }, '92000.00', '90000.00', '0.00', []],
  ])('%s', (_name, c, a, z, r, flags) => {
    const result = calculateFinalGrant(input(c));
    expect(result.recognisedCosts.toApiString()).toBe(a);
    expect(result.finalGrant.toApiString()).toBe(z);
    expect(result.recovery.toApiString()).toBe(r);
    expect(codes(result.flags)).toEqual(flags);
  });
});

describe('calculateFinalGrant: lines, tolerance and Zustimmung', () => {
  it('§4: flags Honorare (> 120 %) but not Sach (+13 %) and recognises 6.000', () => {
    const result = calculateFinalGrant(input({ type: 'DEFICIT', actual: { PERSONNEL: '76000', MATERIAL_ADMIN: '17000', FEES: '7000' } }));
    const byCategory = Object.fromEntries(result.lines.map((l) => [l.category, l]));
    expect(byCategory.PERSONNEL.recognised.toApiString()).toBe('76000.00');
    expect(byCategory.MATERIAL_ADMIN.recognised.toApiString()).toBe('17000.00');
    expect(byCategory.MATERIAL_ADMIN.flags).toEqual([]);
    expect(byCategory.FEES.planned.toApiString()).toBe('5000.00');
    expect(byCategory.FEES.actual.toApiString()).toBe('7000.00');
    expect(byCategory.FEES.cap.toApiString()).toBe('6000.00');
    expect(byCategory.FEES.recognised.toApiString()).toBe('6000.00');
    expect(codes(byCategory.FEES.flags)).toEqual(['OVERRUN_ABOVE_TOLERANCE', 'LINE_CAPPED']);
    expect(byCategory.FEES.flags[0].message).toBe(
      'Kostenart FEES: Die Ist-Ausgaben von 7.000,00 € überschreiten den Planansatz von 5.000,00 € um mehr als 20 %.',
    );
    expect(byCategory.FEES.flags[1].message).toBe('Kostenart FEES: Anerkannt werden höchstens 6.000,00 €.');
  });

  // [name, caps, tolerance, FEES recognised, FEES flags, A, Z (DEFICIT), deMinimisApplied]
  it.each<[string, Record<string, string> | undefined, string, string, string[], string, string, boolean]>([
    ['no Zustimmung', undefined, '20', '6000.00', ['OVERRUN_ABOVE_TOLERANCE', 'LINE_CAPPED'], '99000.00', '89000.00', false],
    // Zustimmung 8.000 covers the 7.000: A 100.000, Z 90.000
    ['Zustimmung covers', { FEES: '8000' }, '20', '7000.00', ['OVERRUN_ABOVE_TOLERANCE', 'OVERRUN_APPROVED'], '100000.00', '90000.00', false],
    // Zustimmung 6.500: A 99.500, change exactly 500 → Bagatelle keeps the plan grant 90.000
    ['Zustimmung partly', { FEES: '6500' }, '20', '6500.00', ['OVERRUN_ABOVE_TOLERANCE', 'OVERRUN_APPROVED', 'LINE_CAPPED'], '99500.00', '90000.00', true],
    // A Zustimmung below the tolerance cap does not lower it
    ['Zustimmung below tolerance', { FEES: '5500' }, '20', '6000.00', ['OVERRUN_ABOVE_TOLERANCE', 'LINE_CAPPED'], '99000.00', '89000.00', false],
    // Tolerance 10 %: Sach 17.000 capped at 16.500, Honorare at 5.500 → A 98.000
    ['tolerance 10 %', undefined, '10', '5500.00', ['OVERRUN_ABOVE_TOLERANCE', 'LINE_CAPPED'], '98000.00', '88000.00', false],
  ])('%s', (_name, caps, tolerance, feesRecognised, feesFlags, a, z, deMinimis) => {
    const result = calculateFinalGrant(
      input({ type: 'DEFICIT', caps, tolerance, actual: { PERSONNEL: '76000', MATERIAL_ADMIN: '17000', FEES: '7000' } }),
    );
    const fees = result.lines.find((l) => l.category === 'FEES');
    expect(fees?.recognised.toApiString()).toBe(feesRecognised);
    expect(codes(fees?.flags ?? [])).toEqual(feesFlags);
    expect(result.recognisedCosts.toApiString()).toBe(a);
    expect(result.finalGrant.toApiString()).toBe(z);
    expect(result.breakdown.deMinimisApplied).toBe(deMinimis);
  });

  it('caps the total at Σ plan even when every line is within tolerance (Sach at exactly 120 % is not flagged)', () => {
    const result = calculateFinalGrant(input({ type: 'DEFICIT', actual: { PERSONNEL: '90000', MATERIAL_ADMIN: '18000', FEES: '6000' } }));
    expect(result.lines.every((l) => l.flags.length === 0)).toBe(true);
    expect(result.breakdown.lineRecognisedTotal.toApiString()).toBe('114000.00');
    expect(result.recognisedCosts.toApiString()).toBe('100000.00');
    expect(result.finalGrant.toApiString()).toBe('90000.00');
    expect(codes(result.flags)).toEqual(['CAPPED_AT_PLAN_TOTAL']);
  });

  it('recognises nothing of an unplanned category unless a Zustimmung allows it', () => {
    const actual = { ...PLAN, PERSONNEL: '79000', INTERPRETING: '1000' };
    const without = calculateFinalGrant(input({ type: 'FULL', max: '100000', planOwn: '0', actual }));
    const line = without.lines.find((l) => l.category === 'INTERPRETING');
    expect(line?.planned.toApiString()).toBe('0.00');
    expect(line?.recognised.toApiString()).toBe('0.00');
    expect(codes(line?.flags ?? [])).toEqual(['NOT_IN_PLAN', 'OVERRUN_ABOVE_TOLERANCE', 'LINE_CAPPED']);
    expect(without.recognisedCosts.toApiString()).toBe('99000.00');
    expect(without.finalGrant.toApiString()).toBe('99000.00');

    const withCap = calculateFinalGrant(input({ type: 'FULL', max: '100000', planOwn: '0', actual, caps: { INTERPRETING: '1000' } }));
    expect(withCap.recognisedCosts.toApiString()).toBe('100000.00');
    expect(withCap.finalGrant.toApiString()).toBe('100000.00');
  });

  it('sums sub-cent line caps at full precision and rounds A once', () => {
    // caps 1.000,03 × 1,2 = 1.200,036 each; A = 5.000 + 2 × 1.200,036 = 7.400,072 → 7.400,07 (not 7.400,08)
    const result = calculateFinalGrant(
      input({
        type: 'FULL',
        max: '100000',
        planOwn: '0',
        plan: { PERSONNEL: '10000', FEES: '1000.03', INTERPRETING: '1000.03' },
        actual: { PERSONNEL: '5000', FEES: '1300', INTERPRETING: '1300' },
      }),
    );
    expect(result.lines.map((l) => l.recognised.toApiString())).toEqual(['5000.00', '1200.04', '1200.04']);
    expect(result.lines[1].cap.toExactString()).toBe('1200.036');
    expect(result.recognisedCosts.toApiString()).toBe('7400.07');
    expect(result.finalGrant.toApiString()).toBe('7400.07');
  });
});

describe('calculateFinalGrant: Bagatellgrenze', () => {
  // Total plan 100.000; only PERSONNEL varies. [name, case, Z, deMinimisApplied]
  it.each<[string, Case, string, boolean]>([
    ['DEFICIT A −400', { type: 'DEFICIT', actual: { ...PLAN, PERSONNEL: '79600' } }, '90000.00', true],
    ['DEFICIT A −500 (exactly at the limit)', { type: 'DEFICIT', actual: { ...PLAN, PERSONNEL: '79500' } }, '90000.00', true],
    ['DEFICIT A −500,01', { type: 'DEFICIT', actual: { ...PLAN, PERSONNEL: '79499.99' } }, '89499.99', false],
    ['DEFICIT A −1.000 with limit 1.000', { type: 'DEFICIT', deMinimis: '1000', actual: { ...PLAN, PERSONNEL: '79000' } }, '90000.00', true],
    ['DEFICIT A unchanged, Drittmittel +500', { type: 'DEFICIT', actual: PLAN, actualThird: '500' }, '90000.00', true],
    ['DEFICIT A unchanged, Drittmittel +500,01', { type: 'DEFICIT', actual: PLAN, actualThird: '500.01' }, '89499.99', false],
    // both changes ≤ 500 each: still within (the limit applies to each, not to their sum)
    ['DEFICIT A −400 and Drittmittel +400', { type: 'DEFICIT', actual: { ...PLAN, PERSONNEL: '79600' }, actualThird: '400' }, '90000.00', true],
    ['SHARE A −400', { type: 'SHARE', rate: '90', actual: { ...PLAN, PERSONNEL: '79600' } }, '90000.00', true],
    ['SHARE A −1.000', { type: 'SHARE', rate: '90', actual: { ...PLAN, PERSONNEL: '79000' } }, '89100.00', false],
    ['SHARE Drittmittel +500', { type: 'SHARE', rate: '90', actual: PLAN, actualThird: '500' }, '90000.00', true],
    ['SHARE Drittmittel +600', { type: 'SHARE', rate: '90', actual: PLAN, actualThird: '600' }, '89460.00', false],
    // Eigenmittel −300 (within) and A −400 (within): plan grant
    ['SHARE Eigenmittel −300', { type: 'SHARE', rate: '90', actual: { ...PLAN, PERSONNEL: '79600' }, actualOwn: '9700' }, '90000.00', true],
    ['FULL A −300', { type: 'FULL', max: '100000', planOwn: '0', actual: { ...PLAN, PERSONNEL: '79700' } }, '99700.00', true],
    ['FULL A −600', { type: 'FULL', max: '100000', planOwn: '0', actual: { ...PLAN, PERSONNEL: '79400' } }, '99400.00', false],
    // Drittmittel below plan raise the DEFICIT grant: no reduction, so no Bagatelle needed (and H caps)
    ['DEFICIT Drittmittel −300, H above plan grant', { type: 'DEFICIT', max: '95000', planThird: '1000', actual: PLAN, actualThird: '700' }, '89300.00', false],
  ])('%s', (_name, c, z, applied) => {
    const result = calculateFinalGrant(input(c));
    expect(result.finalGrant.toApiString()).toBe(z);
    expect(result.breakdown.deMinimisApplied).toBe(applied);
    expect(codes(result.flags).includes('DE_MINIMIS_APPLIED')).toBe(applied);
  });

  it('never funds more than A under the Bagatelle (FULL, A 300 below plan)', () => {
    const result = calculateFinalGrant(input({ type: 'FULL', max: '100000', paid: '100000', planOwn: '0', actual: { ...PLAN, PERSONNEL: '79700' } }));
    expect(result.breakdown.grantFromPlan?.toApiString()).toBe('100000.00');
    expect(result.finalGrant.toApiString()).toBe('99700.00');
    expect(result.recovery.toApiString()).toBe('300.00');
    expect(codes(result.flags)).toEqual(['DE_MINIMIS_APPLIED', 'CAPPED_AT_RECOGNISED_COSTS', 'RECOVERY_DUE']);
  });

  it('explains the Bagatelle in German', () => {
    const result = calculateFinalGrant(input({ type: 'DEFICIT', actual: { ...PLAN, PERSONNEL: '79600' } }));
    expect(result.flags[0].message).toBe(
      'Die Abweichungen vom Finanzierungsplan (Ausgaben 400,00 €, Deckungsmittel 0,00 €) liegen nicht über der Bagatellgrenze von 500,00 €; die Zuwendung wird nicht gekürzt.',
    );
  });
});

describe('calculateFinalGrant: edges', () => {
  it('zero everything', () => {
    for (const type of ['SHARE', 'DEFICIT', 'FULL', 'FIXED'] as const) {
      const zero = { PERSONNEL: '0' };
      const result = calculateFinalGrant(
        input({ type, rate: '90', max: '0', paid: '0', plan: zero, planOwn: '0', actual: zero, fixed: { amountPerUnit: '0', plannedUnits: '0', actualUnits: '0' } }),
      );
      expect([result.recognisedCosts, result.finalGrant, result.recovery].map((x) => x.toApiString())).toEqual(['0.00', '0.00', '0.00']);
    }
  });

  it('rounds the grant half-up once: 50 % × 0,05 = 0,025 → 0,03', () => {
    const result = calculateFinalGrant(
      input({ type: 'SHARE', rate: '50', max: '1', paid: '1', plan: { PERSONNEL: '0.05' }, planOwn: '0', actual: { PERSONNEL: '0.05' } }),
    );
    expect(result.finalGrant.toApiString()).toBe('0.03');
    expect(result.recovery.toApiString()).toBe('0.97');
  });

  it('handles 9.999.999.999.999,99', () => {
    const big = '9999999999999.99';
    const full = calculateFinalGrant(input({ type: 'FULL', max: big, paid: big, plan: { PERSONNEL: big }, planOwn: '0', actual: { PERSONNEL: big } }));
    expect(full.finalGrant.toApiString()).toBe(big);
    expect(full.recovery.toApiString()).toBe('0.00');
    // 90 % = 8.999.999.999.999,991 → ,99; recovery 1.000.000.000.000,00
    const share = calculateFinalGrant(input({ type: 'SHARE', rate: '90', max: big, paid: big, plan: { PERSONNEL: big }, planOwn: '0', actual: { PERSONNEL: big } }));
    expect(share.finalGrant.toApiString()).toBe('8999999999999.99');
    expect(share.recovery.toApiString()).toBe('1000000000000.00');
  });

  it('reports the parameters it used', () => {
    const result = calculateFinalGrant(input({ type: 'DEFICIT', tolerance: '15', deMinimis: '250', actual: PLAN }));
    expect(result.parametersUsed.overrunTolerance.toPercentString()).toBe('15');
    expect(result.parametersUsed.deMinimisAmount.toApiString()).toBe('250.00');
  });
});

describe('calculateFinalGrant: bad input', () => {
  function errorOf(c: Case, patch: (i: FinalGrantInput) => void = () => undefined): DomainError {
    const i = input(c);
    patch(i);
    try {
      calculateFinalGrant(i);
    } catch (e) {
      return e as DomainError;
    }
    throw new Error('expected a DomainError');
  }

  it.each<[string, Case, (i: FinalGrantInput) => void, string]>([
    ['SHARE without rate', { type: 'SHARE', actual: PLAN }, () => undefined, 'fundingRatePercent'],
    ['rate above 100', { type: 'SHARE', rate: '100.5', actual: PLAN }, () => undefined, 'fundingRatePercent'],
    ['negative actual line', { type: 'DEFICIT', actual: { PERSONNEL: '1', FEES: '-1' } }, () => undefined, 'actual.costLines[1].amount'],
    ['duplicate plan category', { type: 'DEFICIT', plan: { PERSONNEL: '1' }, actual: PLAN }, (i) => i.plan.costLines.push({ category: 'PERSONNEL', amount: Money.of('2') }), 'plan.costLines[1].category'],
    ['negative max amount', { type: 'DEFICIT', max: '-1', actual: PLAN }, () => undefined, 'maxAmount'],
    ['negative tolerance', { type: 'DEFICIT', tolerance: '-5', actual: PLAN }, () => undefined, 'parameters.overrunTolerancePercent'],
    ['unknown financing type', { type: 'LOAN' as FinancingType, actual: PLAN }, () => undefined, 'financingType'],
    ['negative units', { type: 'FIXED', actual: PLAN, fixed: { amountPerUnit: '1', plannedUnits: '-1', actualUnits: '1' } }, () => undefined, 'fixed.plannedUnits'],
  ])('%s → 400 naming the field', (_name, c, patch, path) => {
    const e = errorOf(c, patch);
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.status).toBe(400);
    expect(e.errors.map((x) => x.path)).toEqual([path]);
    expect(e.errors[0].message.length).toBeGreaterThan(10);
  });
});
