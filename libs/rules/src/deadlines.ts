import { CalendarDate, daysInMonth } from '@foerderfluss/core';
import { InputProblems } from './validation';

/**
 * Deadlines of the proof of use (DOMAIN §2 steps 6 and 9).
 *
 * - finalProofDue: "spätestens mit Ablauf des N-ten auf den Bewilligungszeitraum folgenden
 *   Monats" = the last day of the calendar month N months after the month in which the period
 *   ends. The month of the period end itself is not a following month, even if the period ends
 *   mid-month (end 15.03., N = 6 → 30.09.).
 * - interimProofsDue: one Zwischennachweis for every calendar year of the period except the year
 *   in which it ends (that year is covered by the final VN), due on the given day and month of
 *   the following year. A 29.02. due day falls on 28.02. in common years.
 * - retainReceiptsUntil: N years after the VN was submitted (29.02. + 1 year → 28.02.); null
 *   until it has been submitted.
 */
export interface DeadlinesInput {
  periodStart: CalendarDate;
  periodEnd: CalendarDate;
  proofSubmittedOn?: CalendarDate;
  /** Default 6. */
  finalProofDueMonths: number;
  /** Default 30.04. */
  interimProofDue: { day: number; month: number };
  /** Default 5. */
  receiptRetentionYears: number;
}

export interface DeadlinesResult {
  finalProofDue: CalendarDate;
  interimProofsDue: { year: number; due: CalendarDate }[];
  retainReceiptsUntil: CalendarDate | null;
}

export function calculateDeadlines(input: DeadlinesInput): DeadlinesResult {
  const p = new InputProblems();
  if (input.periodEnd.isBefore(input.periodStart)) {
    p.add('periodEnd', 'Das Ende des Bewilligungszeitraums darf nicht vor seinem Beginn liegen.');
  }
  if (input.proofSubmittedOn && input.proofSubmittedOn.isBefore(input.periodStart)) {
    p.add('proofSubmittedOn', 'Der Verwendungsnachweis kann nicht vor Beginn des Bewilligungszeitraums eingereicht worden sein.');
  }
  p.nonNegativeInteger('parameters.finalProofDueMonths', input.finalProofDueMonths, 'Die Frist für den Verwendungsnachweis');
  p.nonNegativeInteger('parameters.receiptRetentionYears', input.receiptRetentionYears, 'Die Aufbewahrungsfrist');
  const { day, month } = input.interimProofDue;
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > daysInMonth(2000, month)) { // a leap year, so 29.02. is allowed
    p.add('parameters.interimProofDue', 'Der Stichtag für Zwischennachweise ist kein gültiger Tag und Monat.');
  }
  p.throwIfAny();

  const finalProofDue = input.periodEnd.startOfMonth().addMonths(input.finalProofDueMonths).endOfMonth();
  const interimProofsDue: DeadlinesResult['interimProofsDue'] = [];
  for (let year = input.periodStart.year; year < input.periodEnd.year; year++) {
    const dueYear = year + 1;
    interimProofsDue.push({ year, due: CalendarDate.of(dueYear, month, Math.min(day, daysInMonth(dueYear, month))) });
  }
  return {
    finalProofDue,
    interimProofsDue,
    retainReceiptsUntil: input.proofSubmittedOn ? input.proofSubmittedOn.addYears(input.receiptRetentionYears) : null,
  };
}
