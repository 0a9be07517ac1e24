import {
  CalendarDate,
  DAY_COUNT_CONVENTIONS,
  DayCountConvention,
  Dec,
  Money,
  countDaysInclusive,
  dayCountDenominator,
  dec,
  splitAtHalfYears,
} from '@foerderfluss/core';
import { BaseRateEntry, BaseRateTable } from './base-rate';
import { InputProblems } from './validation';

/** The rate side of § 49a interest; all three come from the programme's parameters. */
export interface InterestParameters {
  /** The Basiszinssatz table in force (an input, owned by the programmes module). */
  baseRates: readonly BaseRateEntry[];
  /** Percentage points over the Basiszinssatz (DOMAIN §5). */
  surchargePercentagePoints: Dec;
  dayCount: DayCountConvention;
}

/**
 * One piece of an interest period with a single rate and a single day-count denominator.
 * `from` and `to` are both interest-bearing days (inclusive); `amount` is exact, never rounded.
 */
export interface InterestSegment {
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  /** Basiszinssatz + surcharge, in percent. */
  ratePercent: Dec;
  principal: Money;
  amount: Money;
}

/** principal × ratePercent × days, over 100 × denominator: kept apart so the total divides once. */
export interface ExactInterestPart {
  numerator: Dec;
  denominator: number;
}

export function validateInterestParameters(p: InputProblems, params: InterestParameters): void {
  if (!DAY_COUNT_CONVENTIONS.includes(params.dayCount)) {
    p.add('dayCount', 'Unbekannte Zinsmethode; zulässig sind ACT_ACT und ACT_365.');
  }
}

/**
 * Interest on `principal` for every day of [firstDay, lastDay] (both inclusive; callers pass the
 * day after the start event as firstDay, DOMAIN §5). The range is split at each 1 January and
 * 1 July, and at any date where the table changes, so each segment has one rate and lies in one
 * calendar year. Each day bears the Basiszinssatz in force that day plus the surcharge;
 * negative rates stay negative. Empty when lastDay is before firstDay.
 */
export function interestSegments(
  principal: Money,
  firstDay: CalendarDate,
  lastDay: CalendarDate,
  table: BaseRateTable,
  params: InterestParameters,
): { segments: InterestSegment[]; parts: ExactInterestPart[] } {
  const segments: InterestSegment[] = [];
  const parts: ExactInterestPart[] = [];
  for (const range of splitAtHalfYears(firstDay, lastDay, table.changeDates)) {
    const ratePercent = dec(table.rateOn(range.from).plus(params.surchargePercentagePoints));
    const days = countDaysInclusive(range.from, range.to);
    const denominator = 100 * dayCountDenominator(range.from.year, params.dayCount);
    const numerator = dec(principal.toDecimal().times(ratePercent).times(days));
    parts.push({ numerator, denominator });
    segments.push({
      from: range.from,
      to: range.to,
      days,
      ratePercent,
      principal,
      amount: Money.of(numerator).dividedBy(denominator),
    });
  }
  return { segments, parts };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Σ parts with a single division over the common denominator (36500 and 36600 give 13 359 000),
 * so the one half-up rounding at the end sees the exact value even on a ...,xx5 boundary.
 */
export function exactInterestTotal(parts: readonly ExactInterestPart[]): Money {
  if (parts.length === 0) return Money.ZERO;
  const common = parts.reduce((l, part) => (l / gcd(l, part.denominator)) * part.denominator, 1);
  let numerator = dec(0);
  for (const part of parts) numerator = numerator.plus(part.numerator.times(common / part.denominator));
  return Money.of(numerator).dividedBy(common);
}
