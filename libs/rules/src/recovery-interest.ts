import { CalendarDate, DayCountConvention, Dec, Money } from '@foerderfluss/core';
import { BaseRateTable, knownInterestLimit } from './base-rate';
import {
  InterestParameters,
  InterestSegment,
  exactInterestTotal,
  interestSegments,
  validateInterestParameters,
} from './interest-segments';
import { InputProblems } from './validation';

/**
 * Erstattungszinsen, § 49a (3) VwVfG (DOMAIN §5), on one recovered principal.
 *
 * Interest runs from the day after `startDate` (the day the grant became ineffective; for a
 * Widerruf ex tunc the payout date of the tranche) through `endDate` (the repayment day)
 * inclusive: days = endDate − startDate. startDate = endDate gives 0 days and 0,00 EUR.
 * Several tranches paid on different days are several calls, one per tranche.
 */
export interface RecoveryInterestInput extends InterestParameters {
  principal: Money;
  startDate: CalendarDate;
  endDate: CalendarDate;
  /**
   * Compute only the interest known so far: stop at the last day covered by an entered
   * Basiszinssatz instead of failing with BASE_RATE_MISSING (see `knownInterestLimit`).
   */
  knownRatesOnly?: boolean;
}

export interface InterestResult {
  /** Σ segments, rounded half-up to the cent once. */
  interest: Money;
  /** Σ segments, exact. */
  unroundedInterest: Money;
  days: number;
  segments: InterestSegment[];
  parametersUsed: { dayCount: DayCountConvention; surchargePercentagePoints: Dec };
  /** The last day the interest covers (endDate, or earlier with knownRatesOnly). */
  computedUntil: CalendarDate;
  /** With knownRatesOnly: the first day left out because its Basiszinssatz is not entered. */
  missingRateFrom: CalendarDate | null;
}

export function calculateRecoveryInterest(input: RecoveryInterestInput): InterestResult {
  const problems = new InputProblems();
  problems.nonNegative('principal', input.principal, 'Der Rückforderungsbetrag');
  if (input.endDate.isBefore(input.startDate)) {
    problems.add('endDate', 'Das Enddatum darf nicht vor dem Beginn der Verzinsung liegen.');
  }
  validateInterestParameters(problems, input);
  problems.throwIfAny();

  const table = new BaseRateTable(input.baseRates);
  let endDate = input.endDate;
  let missingRateFrom: CalendarDate | null = null;
  if (input.knownRatesOnly) {
    const limit = knownInterestLimit(table, input.endDate);
    missingRateFrom = limit.missingFrom;
    endDate = limit.computedUntil === null ? input.startDate : CalendarDate.max(input.startDate, limit.computedUntil);
  }
  const { segments, parts } = interestSegments(input.principal, input.startDate.addDays(1), endDate, table, input);
  const unroundedInterest = exactInterestTotal(parts);
  return {
    interest: unroundedInterest.round(),
    unroundedInterest,
    days: CalendarDate.daysBetween(input.startDate, endDate),
    segments,
    parametersUsed: { dayCount: input.dayCount, surchargePercentagePoints: input.surchargePercentagePoints },
    computedUntil: endDate,
    missingRateFrom,
  };
}
