import Decimal from 'decimal.js';
import { FieldError, validationError } from './domain-error';

/**
 * The one decimal arithmetic of the code base: 64 significant digits, half-up rounding, never
 * exponential notation. 64 digits hold a 15-digit amount times a rate times a day count exactly,
 * so the only inexact step in any rule is a division (e.g. by 365), and that keeps ~50 digits
 * after the decimal point for amounts of our size.
 */
export const Dec = Decimal.clone({
  precision: 64,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
/** An immutable decimal for non-money quantities (rates, VZÄ, units, day counts). */
export type Dec = Decimal;

/**
 * What a Dec may be created from. JS numbers are allowed for counts and literal quantities
 * (`dec(12)` months); amounts of money never go through a number (see Money).
 */
export type DecInput = string | number | Decimal;

export function dec(value: DecInput): Dec {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`Not a finite number: ${value}`);
  }
  const d = new Dec(value);
  if (!d.isFinite()) throw new RangeError(`Not a finite decimal: ${String(value)}`);
  // -0 would print as "-0.00"; there is no negative zero in accounting.
  return d.isZero() ? new Dec(0) : d;
}

/** numeric(15,2): the largest amount a column (and so the API) can hold. */
export const MAX_MONEY_AMOUNT = '9999999999999.99';

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

function decimalPlacesOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Plain decimal text of a Decimal (never exponent notation), optionally with a fixed number
 * of places. This is decimal.js's own formatting, not JS float rounding; it is the one place
 * that calls it, so a lint rule can forbid `toFixed` on numbers everywhere else.
 */
export function decimalText(value: Dec, places?: number): string {
  // eslint-disable-next-line no-restricted-syntax -- Decimal#toFixed is exact string formatting
  return places === undefined ? value.toFixed() : value.toFixed(places, Decimal.ROUND_HALF_UP);
}

/** German number format with thousands dots and a decimal comma: 81000.5 → "81.000,50". */
function formatGermanNumber(value: Dec, decimals: number | undefined): string {
  const shown = decimals === undefined ? value : dec(value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP));
  const text = decimalText(shown, decimals);
  const negative = text.startsWith('-');
  const [intPart, fracPart] = (negative ? text.slice(1) : text).split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fracPart === undefined ? '' : `,${fracPart}`}`;
}

// ───────────────────────────────────────────── Money ─────────────────────────────────────────────

export type MoneyInput = string | Decimal | Money;

/**
 * An immutable amount in EUR with full decimal precision.
 *
 * Arithmetic never rounds: a rule multiplies and divides at full precision and calls `round()`
 * (half-up to the cent) once, at the end. `toString()`/`toJSON()` are therefore exact (an
 * unrounded interest segment prints all its digits); `toApiString()` is the rounded two-decimal
 * form of a final figure. Numbers are not accepted: `Money.of(0.1 + 0.2)` is exactly the bug this
 * type exists to prevent.
 */
export class Money {
  static readonly ZERO = new Money(new Dec(0));

  private constructor(private readonly value: Dec) {
    Object.freeze(this);
  }

  /** Lenient construction from trusted values (rule code, database). Use `parse` for user input. */
  static of(value: MoneyInput): Money {
    if (value instanceof Money) return value;
    if (typeof value === 'string') {
      const text = value.trim();
      if (!DECIMAL_PATTERN.test(text)) throw new RangeError(`Not a decimal amount: "${value}"`);
      return new Money(dec(text));
    }
    if (Decimal.isDecimal(value)) return new Money(dec(value));
    throw new TypeError('Money.of takes a decimal string, a Decimal or a Money, never a number');
  }

  /** Strict parse of user input; throws VALIDATION_FAILED naming `path`. See `parseMoneyStrict`. */
  static parse(input: unknown, path = 'amount', options: MoneyParseOptions = {}): Money {
    const result = parseMoneyStrict(input, options);
    if (!result.ok) throw validationError([{ path, message: result.message }]);
    return result.value;
  }

  static sum(values: Iterable<Money>): Money {
    let total = new Dec(0);
    for (const v of values) total = total.plus(v.value);
    return new Money(dec(total));
  }

  static min(first: Money, ...rest: Money[]): Money {
    return rest.reduce((m, v) => (v.value.lessThan(m.value) ? v : m), first);
  }

  static max(first: Money, ...rest: Money[]): Money {
    return rest.reduce((m, v) => (v.value.greaterThan(m.value) ? v : m), first);
  }

  plus(other: Money): Money {
    return new Money(dec(this.value.plus(other.value)));
  }

  minus(other: Money): Money {
    return new Money(dec(this.value.minus(other.value)));
  }

  /** Multiply by a Rate (uses its fraction: 90 % → × 0.9) or a plain quantity. Not rounded. */
  times(factor: Rate | DecInput): Money {
    const f = factor instanceof Rate ? factor.fraction : dec(factor);
    return new Money(dec(this.value.times(f)));
  }

  /** Divide by a quantity. Not rounded (64 significant digits). */
  dividedBy(divisor: DecInput): Money {
    const d = dec(divisor);
    if (d.isZero()) throw new RangeError('Division by zero');
    return new Money(dec(this.value.dividedBy(d)));
  }

  /** The quotient of two amounts as a plain decimal (e.g. grant ÷ planned costs). */
  ratioTo(denominator: Money): Dec {
    if (denominator.isZero()) throw new RangeError('Division by zero');
    return dec(this.value.dividedBy(denominator.value));
  }

  negated(): Money {
    return new Money(dec(this.value.negated()));
  }

  abs(): Money {
    return new Money(this.value.abs());
  }

  /** Half-up to the cent (kaufmännisch; ties away from zero, so −0,005 → −0,01). */
  round(): Money {
    return new Money(dec(this.value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)));
  }

  /** max(0, this): the floor every "never below zero" rule uses. */
  atLeastZero(): Money {
    return this.isNegative() ? Money.ZERO : this;
  }

  isZero(): boolean {
    return this.value.isZero();
  }

  isNegative(): boolean {
    return this.value.isNegative() && !this.value.isZero();
  }

  isPositive(): boolean {
    return this.value.isPositive() && !this.value.isZero();
  }

  /** True when the value has no digits below the cent. */
  isWholeCents(): boolean {
    return this.value.decimalPlaces() <= 2;
  }

  compareTo(other: Money): -1 | 0 | 1 {
    return this.value.comparedTo(other.value) as -1 | 0 | 1;
  }

  equals(other: Money): boolean {
    return this.value.equals(other.value);
  }

  lessThan(other: Money): boolean {
    return this.value.lessThan(other.value);
  }

  lessThanOrEqual(other: Money): boolean {
    return this.value.lessThanOrEqualTo(other.value);
  }

  greaterThan(other: Money): boolean {
    return this.value.greaterThan(other.value);
  }

  greaterThanOrEqual(other: Money): boolean {
    return this.value.greaterThanOrEqualTo(other.value);
  }

  toDecimal(): Dec {
    return this.value;
  }

  /** The API form of a final figure: rounded half-up, exactly two decimals ("81000.00"). */
  toApiString(): string {
    return decimalText(this.round().value, 2);
  }

  /** Exact, at least two decimals, never rounded ("81000.00", "241.0054794520..."). */
  toExactString(): string {
    return this.value.decimalPlaces() <= 2 ? decimalText(this.value, 2) : decimalText(this.value);
  }

  toString(): string {
    return this.toExactString();
  }

  toJSON(): string {
    return this.toExactString();
  }

  /** For German texts: rounded to the cent, "81.000,00". */
  toGermanString(): string {
    return formatGermanNumber(this.value, 2);
  }

  /** For German texts: "81.000,00 EUR". */
  formatEur(): string {
    return `${this.toGermanString()} €`;
  }
}

// ───────────────────────────────────────────── Rate ─────────────────────────────────────────────

/**
 * An immutable rate held as a decimal fraction (90 % ↔ 0.9). APIs speak percent ("90"), so the
 * usual entry point is `Rate.fromPercent("90")` or `percent("90")`. Rates may be negative
 * (Basiszinssatz −0,88 %); range checks belong to whoever knows the range (a Fördersatz is 0–100).
 */
export class Rate {
  static readonly ZERO = new Rate(new Dec(0));
  static readonly ONE_HUNDRED_PERCENT = new Rate(new Dec(1));

  private constructor(readonly fraction: Dec) {
    Object.freeze(this);
  }

  static fromPercent(value: DecInput): Rate {
    return new Rate(dec(dec(value).dividedBy(100)));
  }

  static fromFraction(value: DecInput): Rate {
    return new Rate(dec(value));
  }

  /** numerator ÷ denominator as a rate, e.g. bewilligte Zuwendung ÷ geplante Ausgaben. */
  static ratio(numerator: Money, denominator: Money): Rate {
    return new Rate(numerator.ratioTo(denominator));
  }

  /** Strict parse of a percent string from user input; throws VALIDATION_FAILED naming `path`. */
  static parsePercent(input: unknown, path = 'ratePercent', options: PercentParseOptions = {}): Rate {
    const result = parsePercentStrict(input, options);
    if (!result.ok) throw validationError([{ path, message: result.message }]);
    return result.value;
  }

  get percent(): Dec {
    return dec(this.fraction.times(100));
  }

  plus(other: Rate): Rate {
    return new Rate(dec(this.fraction.plus(other.fraction)));
  }

  minus(other: Rate): Rate {
    return new Rate(dec(this.fraction.minus(other.fraction)));
  }

  /** 1 + this, e.g. the 120 % cap factor from a 20 % tolerance. */
  onePlus(): Dec {
    return dec(this.fraction.plus(1));
  }

  compareTo(other: Rate): -1 | 0 | 1 {
    return this.fraction.comparedTo(other.fraction) as -1 | 0 | 1;
  }

  equals(other: Rate): boolean {
    return this.fraction.equals(other.fraction);
  }

  isNegative(): boolean {
    return this.fraction.isNegative() && !this.fraction.isZero();
  }

  /** True for 0 % ≤ rate ≤ 100 %. */
  isWithinZeroToHundredPercent(): boolean {
    return this.fraction.greaterThanOrEqualTo(0) && this.fraction.lessThanOrEqualTo(1);
  }

  /** API form, exact percent without trailing zeros: "90", "7.27", "-0.88". */
  toPercentString(): string {
    return decimalText(this.percent);
  }

  toJSON(): string {
    return this.toPercentString();
  }

  toString(): string {
    return `${this.toPercentString()} %`;
  }

  /** For German texts: "90 %", "7,27 %". */
  toGermanString(): string {
    return `${formatGermanNumber(this.percent, undefined)} %`;
  }
}

/** Shorthand: `percent("90")` is 90 %. */
export function percent(value: DecInput): Rate {
  return Rate.fromPercent(value);
}

// ───────────────────────────────────────── strict parsing ─────────────────────────────────────────

export type NumberParseErrorCode =
  | 'INVALID_FORMAT'
  | 'TOO_MANY_DECIMALS'
  | 'NEGATIVE'
  | 'TOO_LARGE'
  | 'TOO_SMALL';

export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: NumberParseErrorCode; message: string };

export interface MoneyParseOptions {
  /** Default false: amounts in requests are never negative. */
  allowNegative?: boolean;
}

/**
 * Strict parse of an amount string as the API takes it: digits with an optional dot and at most
 * two decimals ("1234.56", "0", "12.5"); no exponent, no thousands separators, no number type.
 * Reports the first problem found, in this order: format, more than two decimals, negative,
 * beyond numeric(15,2).
 */
export function parseMoneyStrict(input: unknown, options: MoneyParseOptions = {}): ParseResult<Money> {
  if (typeof input !== 'string' || !DECIMAL_PATTERN.test(input)) {
    return {
      ok: false,
      code: 'INVALID_FORMAT',
      message: 'Der Betrag muss als Dezimalzahl in Textform angegeben werden, z. B. "1234.56".',
    };
  }
  if (decimalPlacesOf(input) > 2) {
    return { ok: false, code: 'TOO_MANY_DECIMALS', message: 'Der Betrag darf höchstens zwei Nachkommastellen haben.' };
  }
  const value = dec(input);
  if (value.isNegative() && !options.allowNegative) {
    return { ok: false, code: 'NEGATIVE', message: 'Der Betrag darf nicht negativ sein.' };
  }
  if (value.abs().greaterThan(MAX_MONEY_AMOUNT)) {
    return {
      ok: false,
      code: 'TOO_LARGE',
      message: 'Der Betrag darf 9.999.999.999.999,99 EUR nicht überschreiten.',
    };
  }
  return { ok: true, value: Money.of(value) };
}

export interface DecimalParseOptions {
  /** Inclusive bounds. */
  min?: DecInput;
  max?: DecInput;
  /** Default 6, like numeric(9,6). */
  maxDecimals?: number;
}

export type PercentParseOptions = DecimalParseOptions;

/** Strict parse of a plain decimal string (VZÄ, units, percentage points). */
export function parseDecimalStrict(input: unknown, options: DecimalParseOptions = {}): ParseResult<Dec> {
  const maxDecimals = options.maxDecimals ?? 6;
  if (typeof input !== 'string' || !DECIMAL_PATTERN.test(input)) {
    return {
      ok: false,
      code: 'INVALID_FORMAT',
      message: 'Der Wert muss als Dezimalzahl in Textform angegeben werden, z. B. "0.75".',
    };
  }
  if (decimalPlacesOf(input) > maxDecimals) {
    return {
      ok: false,
      code: 'TOO_MANY_DECIMALS',
      message: `Der Wert darf höchstens ${maxDecimals} Nachkommastellen haben.`,
    };
  }
  const value = dec(input);
  if (options.min !== undefined && value.lessThan(dec(options.min))) {
    const min = dec(options.min);
    return min.isZero() && value.isNegative()
      ? { ok: false, code: 'NEGATIVE', message: 'Der Wert darf nicht negativ sein.' }
      : { ok: false, code: 'TOO_SMALL', message: `Der Wert darf nicht kleiner als ${formatGermanNumber(min, undefined)} sein.` };
  }
  if (options.max !== undefined && value.greaterThan(dec(options.max))) {
    return {
      ok: false,
      code: 'TOO_LARGE',
      message: `Der Wert darf nicht größer als ${formatGermanNumber(dec(options.max), undefined)} sein.`,
    };
  }
  return { ok: true, value };
}

/**
 * Strict parse of a percent string ("90" = 90 %). Default range 0–100 (a Fördersatz or
 * tolerance); pass other bounds for e.g. a Basiszinssatz.
 */
export function parsePercentStrict(input: unknown, options: PercentParseOptions = {}): ParseResult<Rate> {
  const result = parseDecimalStrict(input, { min: 0, max: 100, ...options });
  if (!result.ok) {
    const message =
      result.code === 'INVALID_FORMAT'
        ? 'Der Prozentsatz muss als Dezimalzahl in Textform angegeben werden, z. B. "90" für 90 %.'
        : result.message.replace('Der Wert', 'Der Prozentsatz');
    return { ok: false, code: result.code, message };
  }
  return { ok: true, value: Rate.fromPercent(result.value) };
}

/** Collect the FieldError of a failed parse (for DTO-style validation of many fields at once). */
export function fieldErrorOf<T>(result: ParseResult<T>, path: string): FieldError | null {
  return result.ok ? null : { path, message: result.message };
}
