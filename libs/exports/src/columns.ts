import { ExportDefinitionError } from './exports.errors';

/**
 * The column model every export type is declared with. One definition drives the xlsx sheet, the
 * CSV file and the checksum, so the two formats cannot disagree about a value.
 */
export type ColumnType = 'text' | 'money' | 'date' | 'integer' | 'decimal' | 'percent' | 'boolean';

export const COLUMN_TYPES: readonly ColumnType[] = ['text', 'money', 'date', 'integer', 'decimal', 'percent', 'boolean'];

/** Column types that can carry a total (a SUM formula in xlsx). */
export const TOTAL_COLUMN_TYPES: readonly ColumnType[] = ['money', 'integer', 'decimal'];

/**
 * What a cell may be given. Per type:
 * - `text`: string (numbers and bigints are printed); control characters are removed, see `sheetText`.
 * - `money`: `Money`, decimal string (`"1234.56"`, as PostgreSQL returns `numeric`) or Decimal;
 *   never a JS number. Rounded half-up to the cent.
 * - `date`: `CalendarDate` or `"YYYY-MM-DD"`; never a JS `Date` (its day depends on the time zone).
 * - `integer`: safe integer number, bigint or digit string; at most 15 digits.
 * - `decimal`: decimal string, Decimal or number; rounded half-up to `decimals` places.
 * - `percent`: `Rate`, or percent points as string/Decimal/number (`"90"` = 90 %, the API's form).
 * - `boolean`: boolean, shown as „ja“/„nein“.
 * `null`/`undefined` (and the empty string) give an empty cell.
 */
export type CellInput = unknown;

export interface ExportColumn<R = Record<string, unknown>> {
  /** Column header as the user reads it (German). */
  readonly header: string;
  /** Stable identifier; also the property read from an object row unless `value` is given. */
  readonly key: string;
  readonly type: ColumnType;
  /** Width in Excel character units; estimated from the header and the first rows when absent. */
  readonly width?: number;
  /** Put a total under the data (money, integer and decimal columns only). */
  readonly total?: boolean;
  /** Places after the decimal point for `decimal` (default 2) and `percent` (default 2, i.e. 12,50 %). */
  readonly decimals?: number;
  /** How to read the cell from a row; default `row[key]`. */
  readonly value?: (row: R) => CellInput;
}

/** Number formats (locale-independent codes: Excel shows `#,##0.00 "€"` as 1.234,56 € in German). */
export const MONEY_NUM_FMT = '#,##0.00 "€"';
export const DATE_NUM_FMT = 'dd.mm.yyyy';
export const INTEGER_NUM_FMT = '#,##0';

export function decimalNumFmt(decimals: number): string {
  return decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
}

export function percentNumFmt(decimals: number): string {
  return decimals === 0 ? '0 %' : `0.${'0'.repeat(decimals)} %`;
}

const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const MAX_WIDTH = 255;

/** Checks a column list once, before the first row; mistakes here are programming errors. */
export function validateColumns<R>(columns: readonly ExportColumn<R>[]): void {
  if (columns.length === 0) throw new ExportDefinitionError('Ein Export braucht mindestens eine Spalte.');
  if (columns.length > 16384) throw new ExportDefinitionError('Ein Tabellenblatt hat höchstens 16.384 Spalten.');
  const keys = new Set<string>();
  for (const c of columns) {
    if (!KEY_PATTERN.test(c.key)) throw new ExportDefinitionError(`Spaltenschlüssel "${c.key}" ist ungültig (Buchstaben, Ziffern, _).`);
    if (keys.has(c.key)) throw new ExportDefinitionError(`Spaltenschlüssel "${c.key}" ist doppelt vergeben.`);
    keys.add(c.key);
    if (c.header.trim() === '') throw new ExportDefinitionError(`Spalte "${c.key}" hat keine Überschrift.`);
    if (!COLUMN_TYPES.includes(c.type)) throw new ExportDefinitionError(`Spalte "${c.key}" hat einen unbekannten Typ "${String(c.type)}".`);
    if (c.total && !TOTAL_COLUMN_TYPES.includes(c.type)) {
      throw new ExportDefinitionError(`Spalte "${c.key}" (${c.type}) kann keine Summe haben.`);
    }
    if (c.width !== undefined && !(Number.isFinite(c.width) && c.width > 0 && c.width <= MAX_WIDTH)) {
      throw new ExportDefinitionError(`Spalte "${c.key}": Breite muss zwischen 0 und ${MAX_WIDTH} liegen.`);
    }
    if (c.decimals !== undefined) {
      if (c.type !== 'decimal' && c.type !== 'percent') {
        throw new ExportDefinitionError(`Spalte "${c.key}": Nachkommastellen gibt es nur für decimal und percent.`);
      }
      if (!Number.isInteger(c.decimals) || c.decimals < 0 || c.decimals > 10) {
        throw new ExportDefinitionError(`Spalte "${c.key}": Nachkommastellen müssen zwischen 0 und 10 liegen.`);
      }
    }
  }
}

/**
 * Columns read by position instead of by key, for rows fetched with `rowMode: 'array'`: the i-th
 * column reads `row[i]`, so the SELECT list must be in column order.
 */
export function positionalColumns(columns: readonly Omit<ExportColumn, 'value'>[]): ExportColumn<readonly unknown[]>[] {
  return columns.map((c, i) => ({ ...c, value: (row: readonly unknown[]) => row[i] }));
}

/** Excel column letters: 1 → A, 27 → AA. */
export function columnLetter(columnNumber: number): string {
  let n = columnNumber;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
