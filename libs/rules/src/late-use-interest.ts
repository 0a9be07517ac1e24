import { CalendarDate, DayCountConvention, Dec, Money } from '@foerderfluss/core';
import { BaseRateTable, knownInterestLimit } from './base-rate';
import {
  ExactInterestPart,
  InterestParameters,
  InterestSegment,
  exactInterestTotal,
  interestSegments,
  validateInterestParameters,
} from './interest-segments';
import { InputProblems } from './validation';

/**
 * Zinsen for funds not used in time, § 49a (4) VwVfG (DOMAIN §5). Charging them is
 * discretionary; this only computes the amount.
 *
 * Day boundaries (consistent with §5 "from the day after the start event through the use day"):
 *  - horizonEnd = payout date + horizonMonths calendar months, month-end clamped (§ 188 BGB:
 *    payout 15.01. → 15.03.; 31.12. → 28./29.02.). A use on horizonEnd itself is in time; a use
 *    on the day after is late.
 *  - A late part bears interest for the whole time since payout, not just beyond the horizon:
 *    from payoutDate + 1 through the use day inclusive (days = use − payout).
 *  - The part of a tranche still unused on `asOf` bears interest from payoutDate + 1 through
 *    `asOf` inclusive if asOf is after horizonEnd; otherwise it is not (yet) late. Without
 *    `asOf` an unused remainder is reported but bears no interest.
 *
 * Allocation is FIFO: uses in date order consume the oldest tranche with money left (input order
 * breaks ties). A use dated before the payout of the tranche it is allocated to was pre-financed
 * by the Träger; the payout refinances it, so it counts as used on the payout day (in time).
 * Uses beyond the total paid out were financed from other funds and are reported, not allocated.
 */
export interface DatedAmount {
  date: CalendarDate;
  amount: Money;
}

export interface LateUseInterestInput extends InterestParameters {
  disbursements: DatedAmount[];
  uses: DatedAmount[];
  /** Mittelabruf horizon (default 2 months). */
  horizonMonths: number;
  /** Reporting day for the unused remainder. */
  asOf?: CalendarDate;
  /**
   * Compute only the interest known so far: each late part bears interest up to the last day
   * covered by an entered Basiszinssatz instead of failing with BASE_RATE_MISSING.
   */
  knownRatesOnly?: boolean;
}

export interface TrancheAllocation {
  kind: 'USE' | 'UNUSED_AS_OF';
  /** The use day, or asOf for the unused remainder. */
  date: CalendarDate;
  amount: Money;
  late: boolean;
  /** Interest days; 0 when in time. */
  days: number;
  /** Exact. */
  interest: Money;
}

export interface TrancheBreakdown {
  date: CalendarDate;
  amount: Money;
  horizonEnd: CalendarDate;
  usedInTime: Money;
  usedLate: Money;
  unused: Money;
  allocations: TrancheAllocation[];
  /** Exact; the rounded total is only on the result. */
  interest: Money;
  segments: InterestSegment[];
}

export interface LateUseInterestResult {
  interest: Money;
  unroundedInterest: Money;
  segments: InterestSegment[];
  tranches: TrancheBreakdown[];
  usesNotCoveredByDisbursements: Money;
  /** With knownRatesOnly: the first day left out because its Basiszinssatz is not entered. */
  missingRateFrom: CalendarDate | null;
  /** With knownRatesOnly and a cut: the last day any interest covers; otherwise null (as asked). */
  computedUntil: CalendarDate | null;
  parametersUsed: { dayCount: DayCountConvention; surchargePercentagePoints: Dec; horizonMonths: number };
}

function validate(input: LateUseInterestInput): void {
  const p = new InputProblems();
  p.nonNegativeInteger('horizonMonths', input.horizonMonths, 'Der Verwendungszeitraum in Monaten');
  input.disbursements.forEach((d, i) => {
    p.nonNegative(`disbursements[${i}].amount`, d.amount);
    if (input.asOf && d.date.isAfter(input.asOf)) {
      p.add(`disbursements[${i}].date`, 'Die Auszahlung liegt nach dem Stichtag.');
    }
  });
  input.uses.forEach((u, i) => {
    p.nonNegative(`uses[${i}].amount`, u.amount);
    if (input.asOf && u.date.isAfter(input.asOf)) {
      p.add(`uses[${i}].date`, 'Die Verwendung liegt nach dem Stichtag.');
    }
  });
  validateInterestParameters(p, input);
  p.throwIfAny();
}

const byDate = <T extends DatedAmount>(items: T[]): T[] =>
  items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.date.compareTo(b.item.date) || a.index - b.index)
    .map((x) => x.item);

export function calculateLateUseInterest(input: LateUseInterestInput): LateUseInterestResult {
  validate(input);
  const table = new BaseRateTable(input.baseRates);
  const cut: { missingFrom: CalendarDate | null } = { missingFrom: null };
  /** The last day interest can run to for a late part ending on `day` (knownRatesOnly clips it). */
  const interestEnd = (start: CalendarDate, day: CalendarDate): CalendarDate => {
    if (!input.knownRatesOnly) return day;
    const limit = knownInterestLimit(table, day);
    if (limit.missingFrom && (cut.missingFrom === null || limit.missingFrom.isBefore(cut.missingFrom))) cut.missingFrom = limit.missingFrom;
    return limit.computedUntil === null ? start : CalendarDate.max(start, limit.computedUntil);
  };
  const allParts: ExactInterestPart[] = [];
  const allSegments: InterestSegment[] = [];

  const tranches = byDate(input.disbursements).map((d) => ({
    source: d,
    horizonEnd: d.date.addMonths(input.horizonMonths),
    remaining: d.amount,
    allocations: [] as TrancheAllocation[],
    parts: [] as ExactInterestPart[],
    segments: [] as InterestSegment[],
  }));

  const allocate = (t: (typeof tranches)[number], kind: TrancheAllocation['kind'], day: CalendarDate, amount: Money): void => {
    const effectiveDay = CalendarDate.max(day, t.source.date);
    const late = effectiveDay.isAfter(t.horizonEnd);
    let interest = Money.ZERO;
    let days = 0;
    if (late) {
      const end = interestEnd(t.source.date, effectiveDay);
      const { segments, parts } = interestSegments(amount, t.source.date.addDays(1), end, table, input);
      days = CalendarDate.daysBetween(t.source.date, end);
      interest = exactInterestTotal(parts);
      t.parts.push(...parts);
      t.segments.push(...segments);
      allParts.push(...parts);
      allSegments.push(...segments);
    }
    t.allocations.push({ kind, date: day, amount, late, days, interest });
  };

  let notCovered = Money.ZERO;
  let next = 0;
  for (const use of byDate(input.uses)) {
    let open = use.amount;
    while (open.isPositive()) {
      while (next < tranches.length && !tranches[next].remaining.isPositive()) next++;
      if (next >= tranches.length) break;
      const t = tranches[next];
      const portion = Money.min(open, t.remaining);
      allocate(t, 'USE', use.date, portion);
      t.remaining = t.remaining.minus(portion);
      open = open.minus(portion);
    }
    notCovered = notCovered.plus(open);
  }

  if (input.asOf) {
    for (const t of tranches) {
      if (t.remaining.isPositive()) allocate(t, 'UNUSED_AS_OF', input.asOf, t.remaining);
    }
  }

  const unroundedInterest = exactInterestTotal(allParts);
  return {
    interest: unroundedInterest.round(),
    unroundedInterest,
    segments: allSegments,
    tranches: tranches.map((t) => {
      const uses = t.allocations.filter((a) => a.kind === 'USE');
      return {
        date: t.source.date,
        amount: t.source.amount,
        horizonEnd: t.horizonEnd,
        usedInTime: Money.sum(uses.filter((a) => !a.late).map((a) => a.amount)),
        usedLate: Money.sum(uses.filter((a) => a.late).map((a) => a.amount)),
        unused: t.remaining,
        allocations: t.allocations,
        interest: exactInterestTotal(t.parts),
        segments: t.segments,
      };
    }),
    usesNotCoveredByDisbursements: notCovered,
    missingRateFrom: cut.missingFrom,
    computedUntil: cut.missingFrom === null ? null : cut.missingFrom.addDays(-1),
    parametersUsed: {
      dayCount: input.dayCount,
      surchargePercentagePoints: input.surchargePercentagePoints,
      horizonMonths: input.horizonMonths,
    },
  };
}
