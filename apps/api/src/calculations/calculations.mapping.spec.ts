import { CalendarDate, dec, Money, percent } from '@foerderfluss/core';
import type { ParametersForCase, ParametersInForce, Programme, ProgrammeParameterValues } from '@foerderfluss/programmes';
import { calculateFinalGrant, calculateRecoveryInterest } from '@foerderfluss/rules';
import type { FinalGrantRequestDto, InterestRequestDto, PaymentRequestLimitRequestDto } from './calculations.dto';
import {
  checkInterestRequest,
  checkPaymentRequest,
  costCategoryReferences,
  dayMonthText,
  interestDefaultDate,
  ParameterPicker,
  toFinalGrantInput,
  toFinalGrantResponse,
  toRecoveryInterestResponse,
} from './calculations.mapping';

const VALUES: ProgrammeParameterValues = {
  paymentRequestHorizonMonths: 2,
  interestSurchargePercentagePoints: dec('5'),
  dayCount: 'ACT_ACT',
  deMinimisAmount: Money.of('500.00'),
  finalProofDueMonths: 6,
  interimProofDue: { day: 30, month: 4 },
  overrunTolerance: percent('20'),
  inDepthSampleRate: percent('10'),
  receiptRetentionYears: 5,
  stateFundingRate: percent('80'),
  dunningFirstDays: 14,
  dunningSecondDays: 14,
  dunningPaymentDays: 7,
};

function inForce(): ParametersForCase {
  const source = (code: string) => ({ id: `id-${code}`, code, value: 'x', validFrom: '2024-01-01', districtId: null });
  return {
    programme: { code: 'PROG' } as Programme,
    onDate: CalendarDate.parse('2026-12-31'),
    values: VALUES,
    sources: {
      paymentRequestHorizonMonths: source('PAYMENT_HORIZON_MONTHS'),
      interestSurchargePercentagePoints: source('INTEREST_SURCHARGE_PP'),
      dayCount: source('DAY_COUNT'),
      deMinimisAmount: source('DE_MINIMIS_AMOUNT'),
      finalProofDueMonths: source('PROOF_DUE_MONTHS'),
      interimProofDue: source('INTERIM_PROOF_DUE_DAY_MONTH'),
      overrunTolerance: source('OVERRUN_TOLERANCE_PERCENT'),
      inDepthSampleRate: source('SAMPLE_SHARE_PERCENT'),
      receiptRetentionYears: source('RECEIPT_RETENTION_YEARS'),
      stateFundingRate: source('STATE_RATE_PERCENT'),
    } as ParametersInForce['sources'],
    basis: 'CASE_DATE',
    caseDate: { field: 'periodEnd', on: CalendarDate.parse('2026-12-31') },
  };
}

describe('ParameterPicker', () => {
  it('prefers the request, falls back to the programme, and records both', () => {
    const picker = new ParameterPicker(inForce());
    expect(picker.pick('overrunTolerancePercent', 'overrunTolerance', percent('40')).toPercentString()).toBe('40');
    expect(picker.pick('deMinimisAmount', 'deMinimisAmount', undefined).toApiString()).toBe('500.00');
    expect(picker.sources()).toEqual({
      programmeCode: 'PROG',
      inForceOn: '2026-12-31',
      inForceOnBasis: 'CASE_DATE',
      caseDate: { field: 'periodEnd', date: '2026-12-31' },
      items: [
        { name: 'overrunTolerancePercent', source: 'REQUEST' },
        { name: 'deMinimisAmount', source: 'PROGRAMME', parameterCode: 'DE_MINIMIS_AMOUNT', validFrom: '2024-01-01' },
      ],
    });
  });

  it("names a Kreis's own value as such", () => {
    const loaded = inForce();
    loaded.sources.dunningFirstDays = { id: 'k', code: 'DUNNING_FIRST_DAYS', value: '21', validFrom: '2027-01-01', districtId: 'kreis-1' };
    const picker = new ParameterPicker(loaded);
    picker.pick('dunningFirstDays', 'dunningFirstDays', undefined);
    expect(picker.sources().items).toEqual([
      { name: 'dunningFirstDays', source: 'DISTRICT', parameterCode: 'DUNNING_FIRST_DAYS', validFrom: '2027-01-01', districtId: 'kreis-1' },
    ]);
  });

  it('without loaded parameters it takes only request values', () => {
    const picker = new ParameterPicker(null, 'PROG');
    expect(picker.pick('horizonMonths', 'paymentRequestHorizonMonths', 3)).toBe(3);
    expect(picker.sources()).toEqual({ programmeCode: 'PROG', inForceOn: null, inForceOnBasis: null, caseDate: null, items: [{ name: 'horizonMonths', source: 'REQUEST' }] });
    expect(() => picker.pick('dayCount', 'dayCount', undefined)).toThrow(/not loaded/);
  });
});

describe('small helpers', () => {
  it('prints day and month as MM-DD', () => {
    expect(dayMonthText({ day: 30, month: 4 })).toBe('04-30');
    expect(dayMonthText({ day: 1, month: 12 })).toBe('12-01');
  });

  it('finds every category with the path it came from', () => {
    const dto = {
      plan: { costLines: [{ category: 'PERSONNEL', amount: '1.00' }] },
      actual: { costLines: [{ category: 'PERSONNEL', amount: '1.00' }, { category: 'FEES', amount: '1.00' }] },
      approvedLineCaps: [{ category: 'FEES', amount: '2.00' }],
    } as FinalGrantRequestDto;
    expect(costCategoryReferences(dto)).toEqual([
      { path: 'plan.costLines[0].category', code: 'PERSONNEL' },
      { path: 'actual.costLines[0].category', code: 'PERSONNEL' },
      { path: 'actual.costLines[1].category', code: 'FEES' },
      { path: 'approvedLineCaps[0].category', code: 'FEES' },
    ]);
  });
});

describe('interest request', () => {
  it('requires principal and dates for RECOVERY, disbursements for LATE_USE', () => {
    expect(checkInterestRequest({ kind: 'RECOVERY', principal: '1.00' } as InterestRequestDto).map((e) => e.path)).toEqual(['startDate', 'endDate']);
    expect(checkInterestRequest({ kind: 'LATE_USE' } as InterestRequestDto)).toEqual([
      { path: 'disbursements', message: 'Dieses Feld ist erforderlich. (bei kind LATE_USE)' },
    ]);
    expect(checkInterestRequest({ kind: 'LATE_USE', disbursements: [] } as unknown as InterestRequestDto)).toEqual([]);
  });

  it('takes parameters on the repayment day, or on the last day a LATE_USE request mentions', () => {
    expect(interestDefaultDate({ kind: 'RECOVERY', endDate: '2025-10-15' } as InterestRequestDto).toISOString()).toBe('2025-10-15');
    const lateUse = {
      kind: 'LATE_USE',
      disbursements: [{ date: '2025-01-15', amount: '1.00' }],
      uses: [
        { date: '2025-06-01', amount: '1.00' },
        { date: '2025-03-01', amount: '1.00' },
      ],
    } as InterestRequestDto;
    expect(interestDefaultDate(lateUse).toISOString()).toBe('2025-06-01');
    expect(interestDefaultDate({ ...lateUse, asOf: '2025-09-30' } as InterestRequestDto).toISOString()).toBe('2025-09-30');
  });
});

describe('payment request', () => {
  const base = { financingType: 'FULL', requestedAmount: '1.00', maxAmount: '1.00', alreadyDisbursed: '0.00' };
  it.each<[object, string[]]>([
    [{}, ['paymentsDueWithinHorizon']],
    [{ paymentsDueWithinHorizon: '1.00' }, []],
    [{ paymentsDueWithinHorizon: '1.00', duePayments: [], payoutDate: '2026-01-01' }, ['duePayments']],
    [{ duePayments: [] }, ['payoutDate']],
    [{ duePayments: [], payoutDate: '2026-01-01' }, []],
  ])('%p → errors at %p', (extra, paths) => {
    expect(checkPaymentRequest({ ...base, ...extra } as PaymentRequestLimitRequestDto).map((e) => e.path)).toEqual(paths);
  });
});

describe('result formatting', () => {
  it('rounds final figures to the cent and keeps intermediate ones exact', () => {
    const dto = {
      financingType: 'DEFICIT',
      maxAmount: '100.00',
      paidAmount: '100.00',
      plan: { costLines: [{ category: 'FEES', amount: '0.01' }, { category: 'PERSONNEL', amount: '99.99' }] },
      actual: { costLines: [{ category: 'FEES', amount: '0.05' }, { category: 'PERSONNEL', amount: '90.00' }] },
    } as FinalGrantRequestDto;
    const parameters = { overrunTolerance: percent('20'), deMinimisAmount: Money.of('0') };
    const sources = { programmeCode: null, inForceOn: null, inForceOnBasis: null, caseDate: null, items: [] };
    const response = toFinalGrantResponse(dto, calculateFinalGrant(toFinalGrantInput(dto, parameters)), sources);
    const fees = response.lines.find((l) => l.category === 'FEES')!;
    // cap 0,01 × 1,2 = 0,012 exactly; recognised min(0,05; 0,012) shown to the cent
    expect(fees).toMatchObject({ planned: '0.01', actual: '0.05', cap: '0.012', recognised: '0.01' });
    expect(response.breakdown.lineRecognisedTotal).toBe('90.012');
    expect(response).toMatchObject({ recognisedCosts: '90.01', finalGrant: '90.01', recovery: '9.99' });
    expect(response.parametersUsed).toEqual({ overrunTolerancePercent: '20', deMinimisAmount: '0.00' });
  });

  it('shows per segment the Basiszinssatz, the rate with surcharge and the year length', () => {
    const result = calculateRecoveryInterest({
      principal: Money.of('10000.00'),
      startDate: CalendarDate.parse('2023-12-31'),
      endDate: CalendarDate.parse('2024-01-31'),
      baseRates: [{ validFrom: CalendarDate.parse('2023-07-01'), ratePercent: dec('3.12') }, { validFrom: CalendarDate.parse('2024-01-01'), ratePercent: dec('3.62') }],
      surchargePercentagePoints: dec('5'),
      dayCount: 'ACT_ACT',
    });
    const response = toRecoveryInterestResponse(result, { programmeCode: 'PROG', inForceOn: '2024-01-31', inForceOnBasis: 'CASE_DATE', caseDate: null, items: [] });
    expect(response.segments).toEqual([
      {
        from: '2024-01-01',
        to: '2024-01-31',
        days: 31,
        yearDays: 366,
        baseRatePercent: '3.62',
        ratePercent: '8.62',
        principal: '10000.00',
        amount: expect.stringMatching(/^73\.0109289617486338797814207650273224043715846994535519125683/),
      },
    ]);
    expect(response).toMatchObject({ kind: 'RECOVERY', interest: '73.01', days: 31, parametersUsed: { dayCount: 'ACT_ACT', surchargePercentagePoints: '5' } });
  });
});
