import { validationError } from './domain-error';
import { Dec, dec } from './money';

/**
 * Day counts of DOMAIN §5: ACT/ACT divides each day by the length of its own calendar year
 * (365 or 366); ACT/365 always by 365.
 */
export type DayCountConvention = 'ACT_ACT' | 'ACT_365';
export const DAY_COUNT_CONVENTIONS: readonly DayCountConvention[] = ['ACT_ACT', 'ACT_365'];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): 365 | 366 {
  return isLeapYear(year) ? 366 : 365;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month ${month}`);
  return month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1];
}

const MIN_YEAR = 1;
const MAX_YEAR = 9999;

// Proleptic Gregorian day numbers (days since 1970-01-01), after H. Hinnant's civil algorithms:
// pure integer arithmetic, so no time zone or DST can ever move a date.
function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilOf(epochDay: number): [number, number, number] {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const GERMAN_PATTERN = /^(\d{2})\.(\d{2})\.(\d{4})$/;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * An immutable calendar date without time or time zone ("a day in Germany's calendar").
 * Never built from a JS Date: `new Date('2026-01-01')` is UTC midnight and shows as 31.12. in
 * some zones, which is how deadlines silently move by a day.
 */
export class CalendarDate {
  private readonly epochDay: number;

  private constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {
    this.epochDay = epochDayOf(year, month, day);
    Object.freeze(this);
  }

  /** Throws RangeError for an impossible date: a programming error, not user input. */
  static of(year: number, month: number, day: number): CalendarDate {
    if (!CalendarDate.isValid(year, month, day)) {
      throw new RangeError(`Invalid calendar date ${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
    }
    return new CalendarDate(year, month, day);
  }

  static isValid(year: number, month: number, day: number): boolean {
    return (
      Number.isInteger(year) &&
      Number.isInteger(month) &&
      Number.isInteger(day) &&
      year >= MIN_YEAR &&
      year <= MAX_YEAR &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month)
    );
  }

  static fromEpochDay(epochDay: number): CalendarDate {
    if (!Number.isInteger(epochDay)) throw new RangeError(`Invalid epoch day ${epochDay}`);
    const [y, m, d] = civilOf(epochDay);
    return CalendarDate.of(y, m, d);
  }

  /** ISO `YYYY-MM-DD`, or null when malformed or not a real day (2026-02-30). */
  /**
   * Today in a time zone (the business zone is Europe/Berlin): shortly after midnight in
   * Altenburg it is already the next day, whatever the server's own zone says.
   */
  static todayIn(timeZone: string, now: Date = new Date()): CalendarDate {
    // en-CA formats as YYYY-MM-DD.
    const text = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    return CalendarDate.parse(text);
  }

  static tryParse(input: unknown): CalendarDate | null {
    if (typeof input !== 'string') return null;
    const m = ISO_PATTERN.exec(input);
    if (!m) return null;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return CalendarDate.isValid(y, mo, d) ? new CalendarDate(y, mo, d) : null;
  }

  /** ISO `YYYY-MM-DD` from user input; throws VALIDATION_FAILED naming `path`. */
  static parse(input: unknown, path = 'date'): CalendarDate {
    const date = CalendarDate.tryParse(input);
    if (date) return date;
    const message =
      typeof input === 'string' && ISO_PATTERN.test(input)
        ? `Das Datum ${input} existiert nicht.`
        : 'Das Datum muss im Format JJJJ-MM-TT angegeben werden, z. B. "2026-12-31".';
    throw validationError([{ path, message }]);
  }

  /** German `DD.MM.YYYY`, or null. */
  static tryParseGerman(input: unknown): CalendarDate | null {
    if (typeof input !== 'string') return null;
    const m = GERMAN_PATTERN.exec(input);
    if (!m) return null;
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return CalendarDate.isValid(y, mo, d) ? new CalendarDate(y, mo, d) : null;
  }

  static min(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
    return rest.reduce((a, b) => (b.epochDay < a.epochDay ? b : a), first);
  }

  static max(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
    return rest.reduce((a, b) => (b.epochDay > a.epochDay ? b : a), first);
  }

  /** later − earlier in days (30.06. − 01.03. = 121); negative when `later` is earlier. */
  static daysBetween(earlier: CalendarDate, later: CalendarDate): number {
    return later.epochDay - earlier.epochDay;
  }

  toEpochDay(): number {
    return this.epochDay;
  }

  addDays(days: number): CalendarDate {
    if (!Number.isInteger(days)) throw new RangeError(`addDays takes whole days, got ${days}`);
    return CalendarDate.fromEpochDay(this.epochDay + days);
  }

  /**
   * Calendar months with month-end clamping as in § 188 (3) BGB: 31.08. + 6 months = 28.02.
   * (29.02. in a leap year), 31.12. + 2 months = 28./29.02.
   */
  addMonths(months: number): CalendarDate {
    if (!Number.isInteger(months)) throw new RangeError(`addMonths takes whole months, got ${months}`);
    const index = this.year * 12 + (this.month - 1) + months;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`Year ${year} out of range`);
    return CalendarDate.of(year, month, Math.min(this.day, daysInMonth(year, month)));
  }

  /** 29.02. + 1 year = 28.02. */
  addYears(years: number): CalendarDate {
    if (!Number.isInteger(years)) throw new RangeError(`addYears takes whole years, got ${years}`);
    return this.addMonths(years * 12);
  }

  startOfMonth(): CalendarDate {
    return CalendarDate.of(this.year, this.month, 1);
  }

  endOfMonth(): CalendarDate {
    return CalendarDate.of(this.year, this.month, daysInMonth(this.year, this.month));
  }

  startOfYear(): CalendarDate {
    return CalendarDate.of(this.year, 1, 1);
  }

  endOfYear(): CalendarDate {
    return CalendarDate.of(this.year, 12, 31);
  }

  /** 1 for January–June, 2 for July–December. */
  get halfYear(): 1 | 2 {
    return this.month <= 6 ? 1 : 2;
  }

  startOfHalfYear(): CalendarDate {
    return CalendarDate.of(this.year, this.halfYear === 1 ? 1 : 7, 1);
  }

  endOfHalfYear(): CalendarDate {
    return this.halfYear === 1 ? CalendarDate.of(this.year, 6, 30) : CalendarDate.of(this.year, 12, 31);
  }

  isLeapYear(): boolean {
    return isLeapYear(this.year);
  }

  daysInYear(): 365 | 366 {
    return daysInYear(this.year);
  }

  daysInMonth(): number {
    return daysInMonth(this.year, this.month);
  }

  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  get dayOfWeek(): number {
    return ((((this.epochDay + 3) % 7) + 7) % 7) + 1;
  }

  /** other − this in days. */
  daysUntil(other: CalendarDate): number {
    return other.epochDay - this.epochDay;
  }

  compareTo(other: CalendarDate): -1 | 0 | 1 {
    return this.epochDay < other.epochDay ? -1 : this.epochDay > other.epochDay ? 1 : 0;
  }

  equals(other: CalendarDate): boolean {
    return this.epochDay === other.epochDay;
  }

  isBefore(other: CalendarDate): boolean {
    return this.epochDay < other.epochDay;
  }

  isAfter(other: CalendarDate): boolean {
    return this.epochDay > other.epochDay;
  }

  isOnOrBefore(other: CalendarDate): boolean {
    return this.epochDay <= other.epochDay;
  }

  isOnOrAfter(other: CalendarDate): boolean {
    return this.epochDay >= other.epochDay;
  }

  toISOString(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  toString(): string {
    return this.toISOString();
  }

  toJSON(): string {
    return this.toISOString();
  }

  /** "31.12.2026" */
  toGermanString(): string {
    return `${pad(this.day, 2)}.${pad(this.month, 2)}.${pad(this.year, 4)}`;
  }
}

/** An inclusive range of days [from, to]. */
export interface DateRange {
  from: CalendarDate;
  to: CalendarDate;
}

/** Number of days in the inclusive range [from, to]; 0 when `to` is before `from`. */
export function countDaysInclusive(from: CalendarDate, to: CalendarDate): number {
  return Math.max(0, CalendarDate.daysBetween(from, to) + 1);
}

/**
 * Split the inclusive range [from, to] at every 1 January and 1 July (DOMAIN §5), and at any
 * extra break dates given (a break date starts a new range). Empty when `to` is before `from`.
 */
export function splitAtHalfYears(from: CalendarDate, to: CalendarDate, extraBreaks: readonly CalendarDate[] = []): DateRange[] {
  if (to.isBefore(from)) return [];
  const breaks = extraBreaks
    .filter((b) => b.isAfter(from) && b.isOnOrBefore(to))
    .map((b) => b.toEpochDay());
  const ranges: DateRange[] = [];
  let start = from;
  while (start.isOnOrBefore(to)) {
    let end = CalendarDate.min(start.endOfHalfYear(), to);
    const nextBreak = breaks.filter((b) => b > start.toEpochDay() && b <= end.toEpochDay()).sort((a, b) => a - b)[0];
    if (nextBreak !== undefined) end = CalendarDate.fromEpochDay(nextBreak - 1);
    ranges.push({ from: start, to: end });
    start = end.addDays(1);
  }
  return ranges;
}

/** The day-count denominator of a day in `year`. */
export function dayCountDenominator(year: number, convention: DayCountConvention): number {
  switch (convention) {
    case 'ACT_ACT':
      return daysInYear(year);
    case 'ACT_365':
      return 365;
    default: {
      const unknown: never = convention;
      throw new RangeError(`Unknown day count ${String(unknown)}`);
    }
  }
}

/**
 * The year fraction of the inclusive range [from, to]: Σ over its days of 1 / denominator of
 * that day's year. 01.01.–31.12.2024 is exactly 1 under ACT/ACT and 366/365 under ACT/365.
 * Interest "from the day after the event through the end day" is dayCountFraction(event + 1, end).
 */
export function dayCountFraction(from: CalendarDate, to: CalendarDate, convention: DayCountConvention): Dec {
  let total = dec(0);
  if (to.isBefore(from)) return total;
  for (let year = from.year; year <= to.year; year++) {
    const first = year === from.year ? from : CalendarDate.of(year, 1, 1);
    const last = year === to.year ? to : CalendarDate.of(year, 12, 31);
    total = total.plus(dec(countDaysInclusive(first, last)).dividedBy(dayCountDenominator(year, convention)));
  }
  return dec(total);
}
