import { CalendarDate, DayCountConvention, Money, dec } from '@foerderfluss/core';
import fc from 'fast-check';
import { DOMAIN_BASE_RATES } from './base-rate.fixture';
import { calculateLateUseInterest } from './late-use-interest';
import { calculateRecoveryInterest } from './recovery-interest';

// Interest days must lie in the table's coverage 01.01.2020–31.12.2026; the start event may be 31.12.2019.
const FIRST = CalendarDate.parse('2019-12-31').toEpochDay();
const LAST = CalendarDate.parse('2026-12-31').toEpochDay();
const day = fc.integer({ min: FIRST, max: LAST });
const principal = fc.bigInt({ min: 0n, max: 999_999_999_999_999n }).map((c) => Money.of(`${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`));
const dayCount = fc.constantFrom<DayCountConvention>('ACT_ACT', 'ACT_365');
const surcharge = fc.integer({ min: 0, max: 1000 }).map((x) => dec(x).dividedBy(100)); // 0–10 pp
// Surcharges ≥ 0,88 pp keep every rate of the table non-negative (lowest Basiszins −0,88 %).
const nonNegativeSurcharge = fc.integer({ min: 88, max: 1000 }).map((x) => dec(x).dividedBy(100));

const interest = (p: Money, start: number, end: number, dc: DayCountConvention, s: ReturnType<typeof dec>) =>
  calculateRecoveryInterest({
    principal: p,
    startDate: CalendarDate.fromEpochDay(start),
    endDate: CalendarDate.fromEpochDay(end),
    dayCount: dc,
    surchargePercentagePoints: s,
    baseRates: DOMAIN_BASE_RATES,
  });

// 64 significant digits: sums of separately divided parts agree far below a cent.
const EPSILON = '1e-30';

describe('interest invariants (property-based)', () => {
  it('interest over a split period equals the sum of its parts before rounding', () => {
    fc.assert(
      fc.property(principal, fc.uniqueArray(day, { minLength: 3, maxLength: 3 }), dayCount, surcharge, (p, days, dc, s) => {
        const [a, m, b] = [...days].sort((x, y) => x - y);
        const whole = interest(p, a, b, dc, s);
        const parts = interest(p, a, m, dc, s).unroundedInterest.plus(interest(p, m, b, dc, s).unroundedInterest);
        expect(whole.unroundedInterest.minus(parts).abs().toDecimal().lessThan(EPSILON)).toBe(true);
        expect(whole.days).toBe(b - a);
        expect(whole.segments.reduce((n, x) => n + x.days, 0)).toBe(b - a);
        const segmentSum = Money.sum(whole.segments.map((x) => x.amount));
        expect(segmentSum.minus(whole.unroundedInterest).abs().toDecimal().lessThan(EPSILON)).toBe(true);
        expect(whole.interest.equals(whole.unroundedInterest.round())).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotone in the end date for non-negative rates', () => {
    fc.assert(
      fc.property(principal, fc.uniqueArray(day, { minLength: 3, maxLength: 3 }), dayCount, nonNegativeSurcharge, (p, days, dc, s) => {
        const [a, e1, e2] = [...days].sort((x, y) => x - y);
        const shorter = interest(p, a, e1, dc, s);
        const longer = interest(p, a, e2, dc, s);
        expect(shorter.unroundedInterest.lessThanOrEqual(longer.unroundedInterest)).toBe(true);
        expect(shorter.interest.lessThanOrEqual(longer.interest)).toBe(true);
        expect(shorter.interest.isNegative()).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('late use: every tranche splits into in time + late + unused, and the total is the sum of the tranches', () => {
    const amount = fc.integer({ min: 0, max: 10_000_000 }).map((c) => Money.of(dec(c).dividedBy(100)));
    const entry = fc.record({ day: fc.integer({ min: FIRST + 1, max: LAST }), amount });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), fc.array(entry, { maxLength: 8 }), fc.integer({ min: 0, max: 6 }), nonNegativeSurcharge, (ds, us, horizon, s) => {
        const r = calculateLateUseInterest({
          disbursements: ds.map((x) => ({ date: CalendarDate.fromEpochDay(x.day), amount: x.amount })),
          uses: us.map((x) => ({ date: CalendarDate.fromEpochDay(x.day), amount: x.amount })),
          horizonMonths: horizon,
          asOf: CalendarDate.fromEpochDay(LAST),
          dayCount: 'ACT_ACT',
          surchargePercentagePoints: s,
          baseRates: DOMAIN_BASE_RATES,
        });
        for (const t of r.tranches) expect(t.usedInTime.plus(t.usedLate).plus(t.unused).equals(t.amount)).toBe(true);
        const paid = Money.sum(ds.map((x) => x.amount));
        const used = Money.sum(us.map((x) => x.amount));
        expect(r.usesNotCoveredByDisbursements.equals(used.minus(paid).atLeastZero())).toBe(true);
        const tranchesTotal = Money.sum(r.tranches.map((t) => t.interest));
        expect(tranchesTotal.minus(r.unroundedInterest).abs().toDecimal().lessThan(EPSILON)).toBe(true);
        expect(r.interest.isNegative()).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
