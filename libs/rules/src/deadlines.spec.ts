import { CalendarDate, DomainError } from '@foerderfluss/core';
import { DeadlinesInput, calculateDeadlines } from './deadlines';

const d = (s: string) => CalendarDate.parse(s);
const DEFAULTS = { finalProofDueMonths: 6, interimProofDue: { day: 30, month: 4 }, receiptRetentionYears: 5 };

function run(start: string, end: string, patch: Partial<DeadlinesInput> = {}) {
  return calculateDeadlines({ periodStart: d(start), periodEnd: d(end), ...DEFAULTS, ...patch });
}

describe('calculateDeadlines', () => {
  // [name, start, end, months, final due]
  it.each<[string, string, string, number, string]>([
    ['DOMAIN example', '2026-01-01', '2026-12-31', 6, '2027-06-30'],
    ['period ends 31.08. → end of February', '2026-01-01', '2026-08-31', 6, '2027-02-28'],
    ['… in a leap year', '2027-01-01', '2027-08-31', 6, '2028-02-29'],
    ['period ends mid-month', '2026-01-01', '2026-03-15', 6, '2026-09-30'],
    ['N = 3', '2026-01-01', '2026-12-31', 3, '2027-03-31'],
    ['N = 0', '2026-01-01', '2026-12-31', 0, '2026-12-31'],
    ['one-day period', '2026-06-30', '2026-06-30', 6, '2026-12-31'],
  ])('%s', (_name, start, end, months, due) => {
    expect(run(start, end, { finalProofDueMonths: months }).finalProofDue.toISOString()).toBe(due);
  });

  it.each<[string, string, string, { day: number; month: number }, [number, string][]]>([
    ['single year: none', '2026-01-01', '2026-12-31', { day: 30, month: 4 }, []],
    ['two calendar years', '2025-07-01', '2026-06-30', { day: 30, month: 4 }, [[2025, '2026-04-30']]],
    ['three calendar years', '2025-07-01', '2027-06-30', { day: 30, month: 4 }, [[2025, '2026-04-30'], [2026, '2027-04-30']]],
    ['ending 31.12. of year two', '2025-01-01', '2026-12-31', { day: 30, month: 4 }, [[2025, '2026-04-30']]],
    ['ending 01.01.', '2025-01-01', '2026-01-01', { day: 30, month: 4 }, [[2025, '2026-04-30']]],
    ['due day 31.05.', '2025-07-01', '2026-06-30', { day: 31, month: 5 }, [[2025, '2026-05-31']]],
    ['due day 29.02. clamps in common years', '2026-01-01', '2028-12-31', { day: 29, month: 2 }, [[2026, '2027-02-28'], [2027, '2028-02-29']]],
  ])('interim proofs: %s', (_name, start, end, due, expected) => {
    expect(run(start, end, { interimProofDue: due }).interimProofsDue.map((x) => [x.year, x.due.toISOString()])).toEqual(expected);
  });

  it.each<[string | undefined, number, string | null]>([
    ['2027-06-15', 5, '2032-06-15'],
    ['2028-02-29', 5, '2033-02-28'],
    ['2027-06-15', 10, '2037-06-15'],
    [undefined, 5, null],
  ])('retention: submitted %s + %i years → %s', (submitted, years, until) => {
    const r = run('2026-01-01', '2026-12-31', { proofSubmittedOn: submitted ? d(submitted) : undefined, receiptRetentionYears: years });
    expect(r.retainReceiptsUntil?.toISOString() ?? null).toBe(until);
  });

  it.each<[string, Partial<DeadlinesInput>, string, string]>([
    ['end before start', {}, '2026-12-31', 'periodEnd'],
    ['submitted before the period', { proofSubmittedOn: d('2025-12-31') }, '2027-01-01', 'proofSubmittedOn'],
    ['bad interim due day', { interimProofDue: { day: 31, month: 4 } }, '2027-01-01', 'parameters.interimProofDue'],
    ['negative months', { finalProofDueMonths: -1 }, '2027-01-01', 'parameters.finalProofDueMonths'],
  ])('%s → 400', (_name, patch, end, path) => {
    expect.assertions(3);
    try {
      run(end === '2026-12-31' ? '2027-01-01' : '2026-01-01', end, patch);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).errors.map((x) => x.path)).toEqual([path]);
    }
  });
});
