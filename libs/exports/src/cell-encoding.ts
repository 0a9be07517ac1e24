import { CalendarDate, Dec, dec, decimalText, Money, Rate } from '@foerderfluss/core';
import type { ColumnType } from './columns';
import { neutraliseFormula } from './formula-injection';

/**
 * Every cell goes through one intermediate form, its *canonical text* (see row-hash.ts): the
 * sheet value, the CSV field and the checksum are all derived from it, so xlsx, CSV and SHA-256
 * cannot disagree about a value. `null` is an empty cell.
 *
 * | type     | canonical                               | xlsx cell                        | CSV field    |
 * |----------|-----------------------------------------|----------------------------------|--------------|
 * | text     | the text as stored (cleaned, neutralised)| string                          | quoted text  |
 * | money    | `-1234.50` (always 2 places)             | number, `#,##0.00 "€"`           | `-1234,50`   |
 * | decimal  | `0.75` (exactly `decimals` places)       | number, `#,##0.00`               | `0,75`       |
 * | percent  | fraction, `decimals`+2 places: `0.9000`  | number 0.9, `0.00 %` (90,00 %)   | `90,00`      |
 * | integer  | `-12`                                    | number, `#,##0`                  | `-12`        |
 * | date     | `2026-01-31`                             | day serial, `dd.mm.yyyy`         | `31.01.2026` |
 * | boolean  | `ja` / `nein`                            | string                           | `ja`/`nein`  |
 */
export type Canonical = string | null;

/** A cell value as exceljs takes it. */
export type SheetValue = string | number | undefined;

/** Excel's limit for the text of one cell. */
export const MAX_CELL_TEXT_LENGTH = 32767;

/**
 * Excel keeps 15 significant digits, and IEEE-754 doubles carry every decimal of at most 15
 * significant digits through a round trip (DBL_DIG = 15): the nearest double to such a decimal
 * prints back, shortest-first (as exceljs writes it into the XML), as exactly the same digits.
 * numeric(15,2) has 13 + 2 = 15 digits, so every amount up to 9.999.999.999.999,99 is exact in the
 * sheet; anything with more digits is refused rather than silently rounded.
 */
export const MAX_SIGNIFICANT_DIGITS = 15;

/** Dates before 1 March 1900 cannot be serials: Excel counts a 29 February 1900 that never was. */
const FIRST_EXCEL_DATE = '1900-03-01';

/** Thrown by the encoders with a German detail; the row encoder adds row and column. */
export class CellValueError extends Error {}

// ─────────────────────────────────────────── text ───────────────────────────────────────────

// What XML 1.0 cannot hold (exceljs silently drops the C0 controls; U+FFFE/U+FFFF and lone
// surrogates would corrupt the file), and CR: the XML parser of every reader turns CR and CRLF
// into LF, so storing LF is the only way the text reads back as written (and hashes the same).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_CLEANING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\r\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CLEAN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|\r\n?|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cleanChar(match: string): string {
  if (match[0] === '\r') return '\n';
  const code = match.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdfff ? '\uFFFD' : '';
}

/**
 * The text a cell stores for `input`: characters XML cannot carry removed (lone surrogates become
 * U+FFFD), CR/CRLF as LF, formula triggers neutralised with `'`, and cut to Excel's 32.767
 * characters (ending in „…“ when cut). The same in xlsx and CSV.
 */
export function sheetText(input: string): string {
  let text = NEEDS_CLEANING.test(input) ? input.replace(CLEAN, cleanChar) : input;
  text = neutraliseFormula(text);
  if (text.length > MAX_CELL_TEXT_LENGTH) {
    let end = MAX_CELL_TEXT_LENGTH - 1;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--; // never split a surrogate pair
    text = `${text.slice(0, end)}…`;
  }
  return text;
}

function textCanonical(value: unknown): Canonical {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint') text = String(value);
  else throw new CellValueError(`Text erwartet, erhalten: ${describe(value)}.`);
  const stored = sheetText(text);
  return stored === '' ? null : stored;
}

// ─────────────────────────────────────────── numbers ───────────────────────────────────────────

// numeric(15,2) as PostgreSQL prints it: the common case needs no decimal arithmetic.
const PG_MONEY = /^-?(?:0|[1-9]\d{0,12})\.\d\d$/;
const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;

function significantDigits(canonical: string): number {
  let digits = 0;
  let leading = true;
  for (let i = 0; i < canonical.length; i++) {
    const c = canonical.charCodeAt(i);
    if (c < 0x30 || c > 0x39) continue;
    if (leading && c === 0x30) continue;
    leading = false;
    digits++;
  }
  return digits;
}

function checkDigits(canonical: string, what: string): string {
  if (significantDigits(canonical) > MAX_SIGNIFICANT_DIGITS) {
    throw new CellValueError(`${what} ${canonical} hat mehr als ${MAX_SIGNIFICANT_DIGITS} gültige Stellen und wäre in der Tabelle nicht exakt.`);
  }
  return canonical;
}

/** Two-place decimal text of an amount, rounded half-up to the cent, checked against numeric(15,2). */
export function moneyCanonical(value: unknown): Canonical {
  if (value === null || value === undefined || value === '') return null;
  let text: string;
  if (typeof value === 'string' && PG_MONEY.test(value)) {
    text = value === '-0.00' ? '0.00' : value;
  } else if (value instanceof Money) {
    text = value.toApiString();
  } else if ((typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) || Dec.isDecimal(value)) {
    text = Money.of(value as string | Dec).toApiString();
  } else {
    throw new CellValueError(`Geldbetrag (Money oder Dezimaltext wie "1234.56") erwartet, erhalten: ${describe(value)}.`);
  }
  const integerDigits = text.indexOf('.') - (text.startsWith('-') ? 1 : 0);
  if (integerDigits > 13) throw new CellValueError(`Betrag ${text} liegt außerhalb von ±9.999.999.999.999,99.`);
  return text;
}

/**
 * An amount as the number a sheet cell holds. Exact for every amount of numeric(15,2) (see
 * MAX_SIGNIFICANT_DIGITS); this is the only place where money becomes a JS number.
 */
export function moneyToSheetNumber(value: Money | string): number {
  const text = moneyCanonical(value);
  if (text === null) throw new CellValueError('Geldbetrag erwartet, erhalten: leer.');
  return Number(text);
}

function toDec(value: unknown, what: string): Dec {
  try {
    if (typeof value === 'string') return dec(value.trim());
    if (typeof value === 'number' || Dec.isDecimal(value)) return dec(value as number | Dec);
    if (value instanceof Money) return value.toDecimal();
  } catch {
    /* fall through to the message below */
  }
  throw new CellValueError(`${what} erwartet, erhalten: ${describe(value)}.`);
}

function fixed(value: Dec, places: number): string {
  // dec() turns −0 into 0, so a value rounded to zero never prints as "-0.00".
  return decimalText(dec(value.toDecimalPlaces(places, Dec.ROUND_HALF_UP)), places);
}

export function decimalCanonical(value: unknown, decimals: number): Canonical {
  if (value === null || value === undefined || value === '') return null;
  return checkDigits(fixed(toDec(value, 'Dezimalzahl'), decimals), 'Die Zahl');
}

/** The fraction (90 % → 0.9) with `decimals` + 2 places, so `decimals` places remain in percent. */
export function percentCanonical(value: unknown, decimals: number): Canonical {
  if (value === null || value === undefined || value === '') return null;
  const fraction = value instanceof Rate ? value.fraction : toDec(value, 'Prozentsatz (Rate oder Prozentpunkte)').dividedBy(100);
  return checkDigits(fixed(fraction, decimals + 2), 'Der Prozentsatz');
}

export function integerCanonical(value: unknown): Canonical {
  if (value === null || value === undefined || value === '') return null;
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new CellValueError(`Ganze Zahl erwartet, erhalten: ${value}.`);
    text = String(value === 0 ? 0 : value);
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    text = BigInt(value).toString();
  } else {
    throw new CellValueError(`Ganze Zahl erwartet, erhalten: ${describe(value)}.`);
  }
  return checkDigits(text, 'Die Zahl');
}

// ─────────────────────────────────────────── dates ───────────────────────────────────────────

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Days from Excel's day 0 (1899-12-30 in its 1900 system) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;

// Validated days and their serials. An export has few distinct days (a few thousand over years of
// data), so a small cache saves a parse and a validation per cell; it is dropped when it grows.
const serialCache = new Map<string, number>();
const SERIAL_CACHE_LIMIT = 50000;

/** Serial of a valid ISO day, or NaN for a day before 1900-03-01; undefined when not a real day. */
function serialOfIso(iso: string): number | undefined {
  const cached = serialCache.get(iso);
  if (cached !== undefined) return cached;
  const day = ISO_DATE.test(iso) ? CalendarDate.tryParse(iso) : null;
  if (day === null) return undefined;
  const serial = iso < FIRST_EXCEL_DATE ? Number.NaN : day.toEpochDay() + EXCEL_EPOCH_OFFSET;
  if (serialCache.size >= SERIAL_CACHE_LIMIT) serialCache.clear();
  serialCache.set(iso, serial);
  return serial;
}

export function dateCanonical(value: unknown): Canonical {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof CalendarDate) return value.toISOString();
  if (typeof value === 'string' && serialOfIso(value) !== undefined) return value;
  if (value instanceof Date) {
    throw new CellValueError('JS-Date ist für Datumsspalten nicht erlaubt (Zeitzonenverschiebung): CalendarDate oder "JJJJ-MM-TT" verwenden.');
  }
  throw new CellValueError(`Datum (CalendarDate oder "JJJJ-MM-TT") erwartet, erhalten: ${describe(value)}.`);
}

/**
 * The sheet value of a calendar day: its serial number in Excel's 1900 date system (whole days,
 * 46023 = 2026-01-01), which together with a date format *is* a date cell in xlsx, exactly what
 * exceljs writes for a JS Date, but computed by integer arithmetic from the calendar day, so no
 * time zone is involved on the way in (readers give back UTC midnight of the same day). Days
 * before 1 March 1900 have no correct serial (Excel counts a 29 February 1900 that never was)
 * and are written as text „TT.MM.JJJJ“ instead.
 */
export function calendarDateToSheetValue(date: CalendarDate | string): number | string {
  const iso = typeof date === 'string' ? date : date.toISOString();
  const serial = serialOfIso(iso);
  if (serial === undefined) throw new CellValueError(`Kein gültiges Datum: ${describe(date)}.`);
  return Number.isNaN(serial) ? germanDate(iso) : serial;
}

function germanDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

// ─────────────────────────────────────────── boolean ───────────────────────────────────────────

export function booleanCanonical(value: unknown): Canonical {
  if (value === null || value === undefined) return null;
  if (value === true) return 'ja';
  if (value === false) return 'nein';
  throw new CellValueError(`Wahrheitswert erwartet, erhalten: ${describe(value)}.`);
}

// ─────────────────────────────────────── dispatch by type ───────────────────────────────────────

export type CanonicalEncoder = (value: unknown) => Canonical;

export function canonicalEncoder(type: ColumnType, decimals: number): CanonicalEncoder {
  switch (type) {
    case 'text':
      return (v) => (v === null || v === undefined ? null : textCanonical(v));
    case 'money':
      return moneyCanonical;
    case 'date':
      return dateCanonical;
    case 'integer':
      return integerCanonical;
    case 'decimal':
      return (v) => decimalCanonical(v, decimals);
    case 'percent':
      return (v) => percentCanonical(v, decimals);
    case 'boolean':
      return booleanCanonical;
  }
}

/** The exceljs value of a canonical cell. */
export function sheetValueOf(type: ColumnType, canonical: string): SheetValue {
  switch (type) {
    case 'money':
    case 'decimal':
    case 'percent':
    case 'integer':
      // Exact: at most 15 significant digits, checked by the encoder (see MAX_SIGNIFICANT_DIGITS).
      return Number(canonical);
    case 'date':
      return calendarDateToSheetValue(canonical);
    default:
      return canonical;
  }
}

const NEEDS_QUOTES = /[";\n\r]/;

/** One CSV field (German conventions: decimal comma, no thousands separators, TT.MM.JJJJ). */
export function csvFieldOf(type: ColumnType, canonical: Canonical): string {
  if (canonical === null) return '';
  switch (type) {
    case 'money':
    case 'decimal':
      return canonical.replace('.', ',');
    case 'percent':
      return percentPoints(canonical).replace('.', ',');
    case 'date':
      return germanDate(canonical);
    case 'integer':
    case 'boolean':
      return canonical;
    case 'text':
      return csvQuote(canonical);
  }
}

/** RFC 4180 quoting: only when needed, inner quotes doubled. */
export function csvQuote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** "0.9000" → "90.00": the fraction's decimal point moved two places right, as exact text. */
function percentPoints(fraction: string): string {
  const negative = fraction.startsWith('-');
  const body = negative ? fraction.slice(1) : fraction;
  const dot = body.indexOf('.');
  const intPart = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '00' : body.slice(dot + 1).padEnd(2, '0');
  const newInt = `${intPart}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = frac.slice(2);
  return `${negative ? '-' : ''}${newInt}${rest === '' ? '' : `.${rest}`}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'Objekt';
  return typeof value;
}
