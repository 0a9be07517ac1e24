import { CalendarDate, DayCountConvention, Dec, Money } from '@foerderfluss/core';
import { BaseRateTable } from './base-rate';
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
}

export interface InterestResult {
  /** Σ segments, rounded half-up to the cent once. */
  interest: Money;
  /** Σ segments, exact. */
  unroundedInterest: Money;
  days: number;
  segments: InterestSegment[];
  parametersUsed: { dayCount: DayCountConvention; surchargePercentagePoints: Dec };
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
  const { segments, parts } = interestSegments(input.principal, input.startDate.addDays(1), input.endDate, table, input);
  const unroundedInterest = exactInterestTotal(parts);
  return {
    interest: unroundedInterest.round(),
    unroundedInterest,
    days: CalendarDate.daysBetween(input.startDate, input.endDate),
    segments,
    parametersUsed: { dayCount: input.dayCount, surchargePercentagePoints: input.surchargePercentagePoints },
  };
}
