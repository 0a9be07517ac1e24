import fc from 'fast-check';
import {
  CalendarDate,
  countDaysInclusive,
  dayCountDenominator,
  dayCountFraction,
  daysInMonth,
  daysInYear,
  isLeapYear,
  splitAtHalfYears,
} from './calendar-date';
import { DomainError } from './domain-error';

const d = (s: string) => CalendarDate.parse(s);
const iso = (x: CalendarDate) => x.toISOString();

describe('CalendarDate parsing and formatting', () => {
  it('round-trips ISO and formats German', () => {
    const x = d('2026-12-31');
    expect([x.year, x.month, x.day]).toEqual([2026, 12, 31]);
    expect(iso(x)).toBe('2026-12-31');
    expect(JSON.stringify({ x })).toBe('{"x":"2026-12-31"}');
    expect(x.toGermanString()).toBe('31.12.2026');
    expect(d('2026-01-05').toGermanString()).toBe('05.01.2026');
    expect(CalendarDate.tryParseGerman('30.06.2027')?.toISOString()).toBe('2027-06-30');
    expect(CalendarDate.tryParseGerman('31.06.2027')).toBeNull();
  });

  it.each(['2026-02-30', '2023-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '0000-01-01'])(
    '%s does not exist',
    (input) => {
      expect(CalendarDate.tryParse(input)).toBeNull();
      expect(() => CalendarDate.parse(input, 'periodEnd')).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [{ path: 'periodEnd', message: `Das Datum ${input} existiert nicht.` }] }),
      );
    },
  );

  it.each(['2026-1-01', '01.01.2026', '2026-01-01T00:00:00Z', '', ' 2026-01-01', 20260101])('%p is malformed', (input) => {
    expect(CalendarDate.tryParse(input)).toBeNull();
    expect(() => CalendarDate.parse(input)).toThrow(DomainError);
  });

  it('accepts 29 February in leap years only', () => {
    expect(CalendarDate.tryParse('2024-02-29')).not.toBeNull();
    expect(CalendarDate.tryParse('2000-02-29')).not.toBeNull();
    expect(CalendarDate.tryParse('1900-02-29')).toBeNull();
    expect(CalendarDate.tryParse('2100-02-29')).toBeNull();
    expect(() => CalendarDate.of(2025, 2, 29)).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2023-12-31', 2, '2024-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-01-15', 2, '2026-03-15'],
    ['2026-05-15', 12, '2027-05-15'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-12-31', 6, '2027-06-30'],
    ['2026-06-30', 0, '2026-06-30'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(iso(d(from).addMonths(months))).toBe(to);
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2027-06-30', 5, '2032-06-30'],
  ])('%s + %i years = %s', (from, years, to) => {
    expect(iso(d(from).addYears(years))).toBe(to);
  });

  it.each([
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-03-01', 121, '2025-06-30'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %i days = %s', (from, days, to) => {
    expect(iso(d(from).addDays(days))).toBe(to);
    expect(CalendarDate.daysBetween(d(from), d(to))).toBe(days);
    expect(d(from).daysUntil(d(to))).toBe(days);
  });

  it.each([
    ['2024-02-10', '2024-02-29'],
    ['2025-02-10', '2025-02-28'],
    ['2100-02-01', '2100-02-28'],
    ['2000-02-01', '2000-02-29'],
    ['2026-04-30', '2026-04-30'],
    ['2026-12-01', '2026-12-31'],
  ])('end of month of %s is %s', (x, end) => {
    expect(iso(d(x).endOfMonth())).toBe(end);
    expect(iso(d(x).startOfMonth())).toBe(`${x.slice(0, 8)}01`);
  });

  it('knows half-years, years and weekdays', () => {
    expect(d('2025-06-30').halfYear).toBe(1);
    expect(d('2025-07-01').halfYear).toBe(2);
    expect(iso(d('2025-03-02').endOfHalfYear())).toBe('2025-06-30');
    expect(iso(d('2025-10-15').startOfHalfYear())).toBe('2025-07-01');
    expect(iso(d('2025-10-15').endOfHalfYear())).toBe('2025-12-31');
    expect(iso(d('2025-10-15').startOfYear())).toBe('2025-01-01');
    expect(iso(d('2025-10-15').endOfYear())).toBe('2025-12-31');
    expect(d('2026-01-01').dayOfWeek).toBe(4); // Thursday
    expect(d('2024-02-29').dayOfWeek).toBe(4);
    expect(d('1970-01-01').toEpochDay()).toBe(0);
    expect(d('2000-03-01').toEpochDay()).toBe(11017);
    expect(d('2024-05-01').isLeapYear() && d('2024-05-01').daysInYear() === 366).toBe(true);
    expect(d('2024-02-01').daysInMonth()).toBe(29);
  });

  it('compares', () => {
    const [a, b] = [d('2025-03-01'), d('2025-10-15')];
    expect(a.isBefore(b) && b.isAfter(a) && a.isOnOrBefore(a) && a.isOnOrAfter(a)).toBe(true);
    expect(a.compareTo(b)).toBe(-1);
    expect(b.compareTo(a)).toBe(1);
    expect(a.equals(d('2025-03-01'))).toBe(true);
    expect(iso(CalendarDate.min(b, a))).toBe('2025-03-01');
    expect(iso(CalendarDate.max(a, b))).toBe('2025-10-15');
  });

  it.each([
    [2024, true, 366],
    [2023, false, 365],
    [2000, true, 366],
    [1900, false, 365],
    [2100, false, 365],
  ])('year %i: leap %s, %i days', (year, leap, days) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInYear(year)).toBe(days);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it('agrees with an independent UTC calendar for any day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700000, max: 2900000 }), fc.integer({ min: -1000, max: 1000 }), (epochDay, delta) => {
        const x = CalendarDate.fromEpochDay(epochDay);
        const utc = new Date(epochDay * 86400000);
        expect([x.year, x.month, x.day]).toEqual([utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate()]);
        expect(x.addDays(delta).toEpochDay()).toBe(epochDay + delta);
        expect(CalendarDate.parse(x.toISOString()).equals(x)).toBe(true);
      }),
    );
  });
});

describe('splitAtHalfYears and day counts', () => {
  const ranges = (from: string, to: string, breaks: string[] = []) =>
    splitAtHalfYears(d(from), d(to), breaks.map(d)).map((r) => [iso(r.from), iso(r.to)]);

  it.each([
    ['2025-03-02', '2025-10-15', [], [['2025-03-02', '2025-06-30'], ['2025-07-01', '2025-10-15']]],
    ['2024-12-01', '2025-01-31', [], [['2024-12-01', '2024-12-31'], ['2025-01-01', '2025-01-31']]],
    ['2024-06-30', '2024-07-01', [], [['2024-06-30', '2024-06-30'], ['2024-07-01', '2024-07-01']]],
    ['2024-01-01', '2024-12-31', [], [['2024-01-01', '2024-06-30'], ['2024-07-01', '2024-12-31']]],
    ['2025-03-02', '2025-03-02', [], [['2025-03-02', '2025-03-02']]],
    ['2025-03-02', '2025-03-01', [], []],
    ['2025-03-02', '2025-05-31', ['2025-04-15', '2025-03-02', '2026-01-01'], [['2025-03-02', '2025-04-14'], ['2025-04-15', '2025-05-31']]],
  ])('%s..%s breaks %p', (from, to, breaks, expected) => {
    expect(ranges(from, to, breaks as string[])).toEqual(expected);
  });

  it('counts inclusive days', () => {
    expect(countDaysInclusive(d('2025-03-02'), d('2025-06-30'))).toBe(121);
    expect(countDaysInclusive(d('2025-07-01'), d('2025-10-15'))).toBe(107);
    expect(countDaysInclusive(d('2025-07-01'), d('2025-07-01'))).toBe(1);
    expect(countDaysInclusive(d('2025-07-02'), d('2025-07-01'))).toBe(0);
  });

  it.each([
    ['2024-01-01', '2024-12-31', 'ACT_ACT', '1'],
    ['2024-01-01', '2024-12-31', 'ACT_365', (366 / 365).toString().slice(0, 12)],
    ['2025-01-01', '2025-12-31', 'ACT_ACT', '1'],
    ['2025-01-01', '2025-12-31', 'ACT_365', '1'],
    ['2024-02-29', '2024-02-29', 'ACT_ACT', (1 / 366).toString().slice(0, 12)],
    ['2024-02-29', '2024-02-29', 'ACT_365', (1 / 365).toString().slice(0, 12)],
    ['2025-01-02', '2025-01-01', 'ACT_ACT', '0'],
  ] as const)('dayCountFraction(%s, %s, %s) ≈ %s', (from, to, dc, expected) => {
    expect(dayCountFraction(d(from), d(to), dc).toString().slice(0, 12)).toBe(expected);
  });

  it('ACT/ACT weights each day by its own year', () => {
    // 01.07.2024–30.06.2025 = 184 days of 2024 + 181 days of 2025
    const f = dayCountFraction(d('2024-07-01'), d('2025-06-30'), 'ACT_ACT');
    expect(f.minus(184 / 366).minus(181 / 365).abs().lessThan('1e-15')).toBe(true);
    expect(dayCountFraction(d('2024-07-01'), d('2025-06-30'), 'ACT_365').equals(365 / 365)).toBe(true);
    expect(dayCountDenominator(2024, 'ACT_ACT')).toBe(366);
    expect(dayCountDenominator(2024, 'ACT_365')).toBe(365);
  });
});

describe('CalendarDate.todayIn', () => {
  it('uses the business time zone, not the server zone', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Berlin (UTC+1 in winter)
    const now = new Date('2026-12-31T23:30:00Z');
    expect(CalendarDate.todayIn('Europe/Berlin', now).toISOString()).toBe('2027-01-01');
    expect(CalendarDate.todayIn('UTC', now).toISOString()).toBe('2026-12-31');
  });
});
