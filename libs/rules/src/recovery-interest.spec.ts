import { CalendarDate, DayCountConvention, DomainError, Money, dec } from '@foerderfluss/core';
import { knownInterestLimit, type BaseRateEntry } from './base-rate';
import { DOMAIN_BASE_RATES } from './base-rate.fixture';
import { RecoveryInterestInput, calculateRecoveryInterest } from './recovery-interest';

const d = (s: string) => CalendarDate.parse(s);

function run(
  principal: string,
  start: string,
  end: string,
  opts: { dayCount?: DayCountConvention; surcharge?: string; baseRates?: BaseRateEntry[] } = {},
) {
  const input: RecoveryInterestInput = {
    principal: Money.of(principal),
    startDate: d(start),
    endDate: d(end),
    dayCount: opts.dayCount ?? 'ACT_ACT',
    surchargePercentagePoints: dec(opts.surcharge ?? '5'),
    baseRates: opts.baseRates ?? DOMAIN_BASE_RATES,
  };
  return calculateRecoveryInterest(input);
}

const flat = (rate: string): BaseRateEntry[] =>
  ['2024-01-01', '2025-01-01'].map((validFrom) => ({ validFrom: d(validFrom), ratePercent: dec(rate) }));

describe('calculateRecoveryInterest (§ 49a (3))', () => {
  it('DOMAIN §5: 10.000 from 01.03.2025 to 15.10.2025 = 121 d × 7,27 % + 107 d × 6,27 % = 424,81', () => {
    const r = run('10000', '2025-03-01', '2025-10-15');
    expect(r.segments.map((s) => [s.from.toISOString(), s.to.toISOString(), s.days, s.ratePercent.toString(), s.principal.toApiString()])).toEqual([
      ['2025-03-02', '2025-06-30', 121, '7.27', '10000.00'],
      ['2025-07-01', '2025-10-15', 107, '6.27', '10000.00'],
    ]);
    // 87 967 / 365 and 67 089 / 365, unrounded
    expect(r.segments[0].amount.toExactString().startsWith('241.00547945205479452054794520547945')).toBe(true);
    expect(r.segments[1].amount.toExactString().startsWith('183.80547945205479452054794520547945')).toBe(true);
    expect(r.days).toBe(228);
    expect(r.interest.toApiString()).toBe('424.81');
    expect(r.unroundedInterest.toExactString().startsWith('424.81095890410958904109589041')).toBe(true);
    expect(JSON.stringify(r.segments[0]).startsWith('{"from":"2025-03-02","to":"2025-06-30","days":121,"ratePercent":"7.27","principal":"10000.00","amount":"241.0054794520')).toBe(true);
  });

  // [name, principal, start, end, dayCount, surcharge, interest, segment days]
  it.each<[string, string, string, string, DayCountConvention, string, string, number[]]>([
    // 727 / 365 = 1,9918
    ['one day', '10000', '2025-03-01', '2025-03-02', 'ACT_ACT', '5', '1.99', [1]],
    ['no day (repaid on the start day)', '10000', '2025-03-01', '2025-03-01', 'ACT_ACT', '5', '0.00', []],
    // 30.06. at 7,27 % + 01.07. at 6,27 %: 1 354 / 365 = 3,7096
    ['rate change on 1 Jul inside', '10000', '2025-06-29', '2025-07-01', 'ACT_ACT', '5', '3.71', [1, 1]],
    // Dec 2024 31 d × 8,37 % / 366 + Jan 2025 31 d × 7,27 % / 365 = 70,8934 + 61,7452
    ['rate change on 1 Jan, leap → common year, ACT/ACT', '10000', '2024-11-30', '2025-01-31', 'ACT_ACT', '5', '132.64', [31, 31]],
    // (25 947 + 22 537) / 365 = 132,8329
    ['same, ACT/365', '10000', '2024-11-30', '2025-01-31', 'ACT_365', '5', '132.83', [31, 31]],
    // leap year 2024: 182 d × 8,62 % + 184 d × 8,37 % = 310 892 / 366 = 849,4317
    ['leap year 2024, ACT/ACT', '10000', '2023-12-31', '2024-12-31', 'ACT_ACT', '5', '849.43', [182, 184]],
    // 310 892 / 365 = 851,7589
    ['leap year 2024, ACT/365', '10000', '2023-12-31', '2024-12-31', 'ACT_365', '5', '851.76', [182, 184]],
    // 2021: −0,88 % + 5 = 4,12 % for 365 days
    ['negative Basiszins with surcharge', '10000', '2020-12-31', '2021-12-31', 'ACT_ACT', '5', '412.00', [181, 184]],
    ['negative Basiszins as it is', '10000', '2020-12-31', '2021-12-31', 'ACT_ACT', '0', '-88.00', [181, 184]],
    // 31.12.2022 at −0,88 % + 01./02.01.2023 at 1,62 %: (−88 + 324) / 365 = 0,6466
    ['negative → positive on 1 Jan 2023', '10000', '2022-12-30', '2023-01-02', 'ACT_ACT', '0', '0.65', [1, 2]],
    // 29.02.2024 alone: 10 000 × 8,62 % / 366 = 2,3552
    ['29 February, ACT/ACT', '10000', '2024-02-28', '2024-02-29', 'ACT_ACT', '5', '2.36', [1]],
    // 862 / 365 = 2,3616
    ['29 February, ACT/365', '10000', '2024-02-28', '2024-02-29', 'ACT_365', '5', '2.36', [1]],
    ['zero principal', '0', '2025-03-01', '2025-10-15', 'ACT_ACT', '5', '0.00', [121, 107]],
    // see the independent Fraction computation in the report: 424 810 958 904,10916…
    ['9.999.999.999.999,99', '9999999999999.99', '2025-03-01', '2025-10-15', 'ACT_ACT', '5', '424810958904.11', [121, 107]],
  ])('%s', (_name, principal, start, end, dayCount, surcharge, interest, days) => {
    const r = run(principal, start, end, { dayCount, surcharge });
    expect(r.interest.toApiString()).toBe(interest);
    expect(r.segments.map((s) => s.days)).toEqual(days);
  });

  it('rounds half-up exactly at ,xx5: 50 × 3,65 % × 1 / 365 = 0,005 → 0,01', () => {
    expect(run('50', '2025-03-01', '2025-03-02', { baseRates: flat('0'), surcharge: '3.65', dayCount: 'ACT_365' }).interest.toApiString()).toBe('0.01');
    expect(run('49.99', '2025-03-01', '2025-03-02', { baseRates: flat('0'), surcharge: '3.65', dayCount: 'ACT_365' }).interest.toApiString()).toBe('0.00');
    // 31.12.2024 at 3,66 %/366 + 01.01.2025 at 3,65 %/365 on 25: 0,0025 + 0,0025
    const table = [
      { validFrom: d('2024-07-01'), ratePercent: dec('3.66') },
      { validFrom: d('2025-01-01'), ratePercent: dec('3.65') },
    ];
    expect(run('25', '2024-12-30', '2025-01-01', { baseRates: table, surcharge: '0' }).interest.toApiString()).toBe('0.01');
  });

  it('splits where the table changes off the half-year grid', () => {
    const table = [
      { validFrom: d('2025-01-01'), ratePercent: dec('2.27') },
      { validFrom: d('2025-04-15'), ratePercent: dec('3') },
    ];
    // 4 d × 2,27 % + 6 d × 3 %: (908 + 1 800) / 365 = 7,4192
    const r = run('10000', '2025-04-10', '2025-04-20', { baseRates: table, surcharge: '0' });
    expect(r.segments.map((s) => [s.from.toISOString(), s.days, s.ratePercent.toString()])).toEqual([
      ['2025-04-11', 4, '2.27'],
      ['2025-04-15', 6, '3'],
    ]);
    expect(r.interest.toApiString()).toBe('7.42');
  });

  it('names the missing half-year (422)', () => {
    expect(() => run('10000', '2026-11-30', '2027-01-15')).toThrow(
      expect.objectContaining({ code: 'BASE_RATE_MISSING', status: 422, detail: 'Für das 1. Halbjahr 2027 ist kein Basiszinssatz hinterlegt.' }),
    );
    expect(() => run('10000', '2019-12-30', '2020-01-05')).toThrow('Für das 2. Halbjahr 2019 ist kein Basiszinssatz hinterlegt.');
  });

  it.each<[string, () => unknown, string]>([
    ['end before start', () => run('10000', '2025-03-01', '2025-02-28'), 'endDate'],
    ['negative principal', () => run('-1', '2025-03-01', '2025-03-05'), 'principal'],
    ['unknown day count', () => run('1', '2025-03-01', '2025-03-05', { dayCount: 'ACT_360' as DayCountConvention }), 'dayCount'],
  ])('%s → 400 naming the field', (_name, call, path) => {
    expect.assertions(3);
    try {
      call();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).errors.map((x) => x.path)).toEqual([path]);
    }
  });
});

describe('interest known so far (knownRatesOnly)', () => {
  const base = {
    baseRates: DOMAIN_BASE_RATES,
    surchargePercentagePoints: dec('5'),
    dayCount: 'ACT_ACT' as DayCountConvention,
    knownRatesOnly: true,
  };

  it('stops at the last day with an entered Basiszinssatz and names the first missing day', () => {
    const r = calculateRecoveryInterest({ ...base, principal: Money.of('10000'), startDate: CalendarDate.parse('2026-11-30'), endDate: CalendarDate.parse('2027-03-15') });
    // 01.12.–31.12.2026: 31 d × 6,52 % / 365 = 55,3753…
    expect(r.computedUntil.toISOString()).toBe('2026-12-31');
    expect(r.missingRateFrom?.toISOString()).toBe('2027-01-01');
    expect(r.days).toBe(31);
    expect(r.segments.map((s) => [s.from.toISOString(), s.to.toISOString()])).toEqual([['2026-12-01', '2026-12-31']]);
    expect(r.interest.toApiString()).toBe('55.38');
  });

  it('is the ordinary result while every day is covered', () => {
    const r = calculateRecoveryInterest({ ...base, principal: Money.of('10000'), startDate: CalendarDate.parse('2025-03-01'), endDate: CalendarDate.parse('2025-10-15') });
    expect(r.interest.toApiString()).toBe('424.81');
    expect(r.computedUntil.toISOString()).toBe('2025-10-15');
    expect(r.missingRateFrom).toBeNull();
  });

  it('gives 0,00 € when interest would start after the covered range', () => {
    const r = calculateRecoveryInterest({ ...base, principal: Money.of('500'), startDate: CalendarDate.parse('2027-02-01'), endDate: CalendarDate.parse('2027-03-01') });
    expect(r.interest.toApiString()).toBe('0.00');
    expect(r.segments).toEqual([]);
    expect(r.missingRateFrom?.toISOString()).toBe('2027-01-01');
  });
});

describe('knownInterestLimit', () => {
  it('explains in German why interest stops before the requested day', () => {
    const limit = knownInterestLimit(DOMAIN_BASE_RATES, CalendarDate.parse('2027-05-10'));
    expect(limit.computedUntil?.toISOString()).toBe('2026-12-31');
    expect(limit.reason).toBe(
      'Für das 1. Halbjahr 2027 ist noch kein Basiszinssatz veröffentlicht; Zinsen sind bis 31.12.2026 berechnet und werden ergänzt, sobald er eingetragen ist.',
    );
  });

  it('runs to the requested day when its rate is known', () => {
    const limit = knownInterestLimit(DOMAIN_BASE_RATES, CalendarDate.parse('2026-12-07'));
    expect(limit).toMatchObject({ missingFrom: null, reason: 'Zinsen sind bis zum Stichtag 07.12.2026 berechnet.' });
    expect(limit.computedUntil?.toISOString()).toBe('2026-12-07');
  });

  it('computes nothing without any entered rate', () => {
    expect(knownInterestLimit([], CalendarDate.parse('2026-12-07'))).toMatchObject({ computedUntil: null });
  });
});
