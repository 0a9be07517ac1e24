import { CalendarDate } from '@foerderfluss/core';

/** The Mahnwesen days of the programme in force (DUNNING_FIRST_DAYS, DUNNING_SECOND_DAYS). */
export interface DunningDays {
  firstDays: number;
  secondDays: number;
}

/**
 * Which Mahnung is due on `today` for a recovery not yet paid in full: the 1st from `firstDays`
 * after its due date, the 2nd from `secondDays` after the 1st; null when none is (yet) due or both
 * went out. One level per call: a recovery long overdue gets its 1st Mahnung first, and the 2nd
 * only `secondDays` after it, so the Träger always had the time of the 1st.
 */
export function dueDunningLevel(
  recovery: { dueDate: string },
  issued: readonly { level: number; issuedOn: string }[],
  today: CalendarDate,
  days: DunningDays,
): 1 | 2 | null {
  const first = issued.find((d) => d.level === 1);
  if (!first) return today.isBefore(CalendarDate.parse(recovery.dueDate).addDays(days.firstDays)) ? null : 1;
  if (issued.some((d) => d.level === 2)) return null;
  return today.isBefore(CalendarDate.parse(first.issuedOn).addDays(days.secondDays)) ? null : 2;
}

/** After the 2nd Mahnung's Zahlungsfrist has passed unpaid, enforcement is to be considered. */
export function enforcementDue(issued: readonly { level: number; paymentDeadline: string }[], settled: boolean, today: CalendarDate): boolean {
  const second = issued.find((d) => d.level === 2);
  return !settled && second !== undefined && today.isAfter(CalendarDate.parse(second.paymentDeadline));
}
