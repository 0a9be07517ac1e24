import { CalendarDate, DayCountConvention, DomainError, Money, dec } from '@foerderfluss/core';
import { DOMAIN_BASE_RATES } from './base-rate.fixture';
import { LateUseInterestInput, calculateLateUseInterest } from './late-use-interest';

const d = (s: string) => CalendarDate.parse(s);
const dated = (pairs: [string, string][]) => pairs.map(([date, amount]) => ({ date: d(date), amount: Money.of(amount) }));

function run(
  disbursements: [string, string][],
  uses: [string, string][],
  opts: { asOf?: string; horizon?: number; dayCount?: DayCountConvention; surcharge?: string } = {},
) {
  const input: LateUseInterestInput = {
    disbursements: dated(disbursements),
    uses: dated(uses),
    horizonMonths: opts.horizon ?? 2,
    asOf: opts.asOf ? d(opts.asOf) : undefined,
    dayCount: opts.dayCount ?? 'ACT_ACT',
    surchargePercentagePoints: dec(opts.surcharge ?? '5'),
    baseRates: DOMAIN_BASE_RATES,
  };
  return calculateLateUseInterest(input);
}

// Two tranches, three uses, FIFO; 2025 rates 7,27 % (H1) and 6,27 % (H2) incl. 5 pp.
const TRANCHES: [string, string][] = [
  ['2025-01-15', '10000'],
  ['2025-04-15', '5000'],
];
const USES: [string, string][] = [
  ['2025-03-01', '4000'], // T1, in time (horizon 15.03.)
  ['2025-03-20', '3000'], // T1, late: 16.01.–20.03. = 64 d
  ['2025-06-15', '5000'], // T1 3.000 late: 16.01.–15.06. = 151 d; T2 2.000 on its horizon day 15.06. = in time
];

describe('calculateLateUseInterest (§ 49a (4))', () => {
  it('allocates FIFO and charges late parts from payout to use, the unused rest to asOf', () => {
    const r = run(TRANCHES, USES, { asOf: '2025-07-31' });
    const [t1, t2] = r.tranches;
    expect([t1.horizonEnd.toISOString(), t2.horizonEnd.toISOString()]).toEqual(['2025-03-15', '2025-06-15']);
    expect([t1.usedInTime, t1.usedLate, t1.unused].map((x) => x.toApiString())).toEqual(['4000.00', '6000.00', '0.00']);
    expect([t2.usedInTime, t2.usedLate, t2.unused].map((x) => x.toApiString())).toEqual(['2000.00', '0.00', '3000.00']);
    expect(t1.allocations.map((a) => [a.kind, a.date.toISOString(), a.amount.toApiString(), a.late, a.days])).toEqual([
      ['USE', '2025-03-01', '4000.00', false, 0],
      ['USE', '2025-03-20', '3000.00', true, 64],
      ['USE', '2025-06-15', '3000.00', true, 151],
    ]);
    expect(t2.allocations.map((a) => [a.kind, a.date.toISOString(), a.amount.toApiString(), a.late, a.days])).toEqual([
      ['USE', '2025-06-15', '2000.00', false, 0],
      ['UNUSED_AS_OF', '2025-07-31', '3000.00', true, 107],
    ]);
    // T2 rest: 16.04.–30.06. = 76 d at 7,27 %, 01.07.–31.07. = 31 d at 6,27 %
    expect(r.segments.map((s) => [s.from.toISOString(), s.to.toISOString(), s.days, s.ratePercent.toString(), s.principal.toApiString()])).toEqual([
      ['2025-01-16', '2025-03-20', 64, '7.27', '3000.00'],
      ['2025-01-16', '2025-06-15', 151, '7.27', '3000.00'],
      ['2025-04-16', '2025-06-30', 76, '7.27', '3000.00'],
      ['2025-07-01', '2025-07-31', 31, '6.27', '3000.00'],
    ]);
    // (13 958,4 + 32 933,1) / 365 = 128,4698…; (16 575,6 + 5 831,1) / 365 = 61,3882…; total 69 298,2 / 365 = 189,858…
    expect(t1.interest.toExactString().startsWith('128.469863013698630136986')).toBe(true);
    expect(t2.interest.toExactString().startsWith('61.388219178082191780821')).toBe(true);
    expect(r.interest.toApiString()).toBe('189.86');
    expect(r.usesNotCoveredByDisbursements.toApiString()).toBe('0.00');
    expect(r.parametersUsed.horizonMonths).toBe(2);
  });

  // [name, tranches, uses, options, interest]
  it.each<[string, [string, string][], [string, string][], Parameters<typeof run>[2], string]>([
    ['without asOf the unused rest bears nothing', TRANCHES, USES, {}, '128.47'],
    ['asOf on the horizon day: rest not late yet', TRANCHES, USES, { asOf: '2025-06-15' }, '128.47'],
    // + 16.04.–16.06. = 62 d × 7,27 % on 3.000: (46 891,5 + 13 522,2) / 365
    ['asOf one day after the horizon', TRANCHES, USES, { asOf: '2025-06-16' }, '165.52'],
    // horizon 3 months: only the 15.06. use (151 d) and the rest to 31.07. (107 d): 55 339,8 / 365
    ['horizon 3 months', TRANCHES, USES, { asOf: '2025-07-31', horizon: 3 }, '151.62'],
    ['used on the month-end horizon day (31.12. + 2 = 28.02.)', [['2024-12-31', '1000']], [['2025-02-28', '1000']], {}, '0.00'],
    // 01.01.–01.03.2025 = 60 d × 7,27 % on 1.000 = 4 362 / 365
    ['used the day after', [['2024-12-31', '1000']], [['2025-03-01', '1000']], {}, '11.95'],
    ['leap year horizon 29.02.2024', [['2023-12-31', '1000']], [['2024-02-29', '1000']], {}, '0.00'],
    // 61 d × 8,62 % / 366 on 1.000 = 5 258,2 / 366
    ['leap year, the day after', [['2023-12-31', '1000']], [['2024-03-01', '1000']], {}, '14.37'],
    // 02.11.–31.12.2024 60 d × 8,37 % / 366 + 01.–10.01.2025 10 d × 7,27 % / 365 on 1.000
    ['across 1 Jan, ACT/ACT', [['2024-11-01', '1000']], [['2025-01-10', '1000']], {}, '15.71'],
    ['across 1 Jan, ACT/365', [['2024-11-01', '1000']], [['2025-01-10', '1000']], { dayCount: 'ACT_365' }, '15.75'],
    ['horizon 0: used on the payout day', [['2025-01-15', '1000']], [['2025-01-15', '1000']], { horizon: 0 }, '0.00'],
    // 1 d × 7,27 % on 1.000 = 72,7 / 365
    ['horizon 0: used the next day', [['2025-01-15', '1000']], [['2025-01-16', '1000']], { horizon: 0 }, '0.20'],
    ['use before payout counts as used on payout', [['2025-02-01', '1000']], [['2025-01-15', '1000']], {}, '0.00'],
    // 8.000 on 10.01.: 5.000 T1 + 3.000 T2 (pre-financed); 2.000 of T2 on 15.04. late: 02.02.–15.04. = 73 d → 10 614,2 / 365
    ['use spanning two tranches', [['2025-01-01', '5000'], ['2025-02-01', '5000']], [['2025-01-10', '8000'], ['2025-04-15', '2000']], {}, '29.08'],
    // 2021 with surcharge 0: −0,88 %, 02.01.–01.06. = 151 d → −1 328,8 / 365
    ['negative rate as it is', [['2021-01-01', '1000']], [['2021-06-01', '1000']], { surcharge: '0' }, '-3.64'],
    ['zero amounts', [['2025-01-01', '0']], [['2025-06-01', '0']], { asOf: '2025-12-31' }, '0.00'],
    ['no tranches', [], [], {}, '0.00'],
  ])('%s', (_name, tranches, uses, opts, interest) => {
    expect(run(tranches, uses, opts).interest.toApiString()).toBe(interest);
  });

  it('reports uses beyond the money paid out', () => {
    const r = run([['2025-01-01', '1000']], [['2025-01-10', '600'], ['2025-01-20', '900']]);
    expect(r.usesNotCoveredByDisbursements.toApiString()).toBe('500.00');
    expect(r.tranches[0].unused.toApiString()).toBe('0.00');
  });

  it('sorts tranches and uses by date', () => {
    const r = run(
      [['2025-02-01', '5000'], ['2025-01-01', '5000']],
      [['2025-04-15', '2000'], ['2025-01-10', '8000']],
    );
    expect(r.tranches.map((t) => t.date.toISOString())).toEqual(['2025-01-01', '2025-02-01']);
    expect(r.interest.toApiString()).toBe('29.08');
  });

  it('throws BASE_RATE_MISSING for a rest unused into 2027', () => {
    expect(() => run([['2026-10-01', '1000']], [], { asOf: '2027-02-01' })).toThrow(
      expect.objectContaining({ code: 'BASE_RATE_MISSING', detail: 'Für das 1. Halbjahr 2027 ist kein Basiszinssatz hinterlegt.' }),
    );
  });

  it('with knownRatesOnly computes a rest unused into 2027 up to 31.12.2026 and says so', () => {
    const input: LateUseInterestInput = {
      disbursements: dated([['2026-10-01', '1000']]),
      uses: [],
      horizonMonths: 2,
      asOf: d('2027-02-01'),
      dayCount: 'ACT_ACT',
      surchargePercentagePoints: dec('5'),
      baseRates: DOMAIN_BASE_RATES,
      knownRatesOnly: true,
    };
    const r = calculateLateUseInterest(input);
    // 02.10.–31.12.2026: 91 d × 6,52 % / 365 × 1.000 = 16,2553…
    expect(r.tranches[0].allocations).toEqual([expect.objectContaining({ kind: 'UNUSED_AS_OF', late: true, days: 91 })]);
    expect(r.interest.toApiString()).toBe('16.26');
    expect(r.missingRateFrom?.toISOString()).toBe('2027-01-01');
    expect(r.computedUntil?.toISOString()).toBe('2026-12-31');
  });

  it.each<[string, () => unknown, string[]]>([
    ['use after asOf', () => run(TRANCHES, USES, { asOf: '2025-06-01' }), ['uses[2].date']],
    ['disbursement after asOf', () => run(TRANCHES, [], { asOf: '2025-03-01' }), ['disbursements[1].date']],
    ['negative amounts', () => run([['2025-01-01', '-1']], [['2025-01-02', '-2']]), ['disbursements[0].amount', 'uses[0].amount']],
    ['negative horizon', () => run(TRANCHES, USES, { horizon: -1 }), ['horizonMonths']],
    ['fractional horizon', () => run(TRANCHES, USES, { horizon: 1.5 }), ['horizonMonths']],
  ])('%s → 400', (_name, call, paths) => {
    expect.assertions(2);
    try {
      call();
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).errors.map((x) => x.path)).toEqual(paths);
    }
  });
});
