import { CalendarDate, Dec, dec, decimalText, MAX_MONEY_AMOUNT, Money } from '@foerderfluss/core';

/**
 * One cell as a reader hands it over, before it means anything. xlsx numbers arrive as JS numbers
 * (exceljs parses the stored text with parseFloat); CSV cells are always text.
 */
export type RawCell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  /** `percentFormat`: the cell shows a percentage (Excel stores 50 % as 0.5). */
  | { readonly kind: 'number'; readonly value: number; readonly percentFormat: boolean }
  | { readonly kind: 'date'; readonly date: CalendarDate }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** An Excel error value such as #WERT! or #NV. */
  | { readonly kind: 'error'; readonly code: string };

export const EMPTY_CELL: RawCell = { kind: 'empty' };

export type Converted<T> = { ok: true; value: T | null } | { ok: false; message: string };

const ok = <T>(value: T | null): Converted<T> => ({ ok: true, value });
const fail = <T>(message: string): Converted<T> => ({ ok: false, message });

const GERMAN_ERRORS: Record<string, string> = {
  '#VALUE!': '#WERT!',
  '#N/A': '#NV',
  '#REF!': '#BEZUG!',
  '#DIV/0!': '#DIV/0!',
  '#NAME?': '#NAME?',
  '#NUM!': '#ZAHL!',
  '#NULL!': '#NULL!',
};
const errorMessage = (code: string): string => `Die Zelle enthält den Excel-Fehler ${GERMAN_ERRORS[code] ?? code}.`;

/** Excel shows and computes with 15 significant digits (as does its file format for typed values). */
const EXCEL_SIGNIFICANT_DIGITS = 15;

/**
 * The decimal an xlsx number cell stands for. The double we get is the nearest to the text Excel
 * stored; JS prints a double as the shortest decimal that reads back to it, and decimal.js takes
 * exactly that text (`new Decimal(0.1)` is 0.1, not 0.1000000000000000055…). Rounding to Excel's
 * 15 significant digits then removes the binary noise of formula results (=0.1+0.2 is stored as
 * 0.30000000000000004 → 0.3, =A1*0.19 as 19.000000000000004 → 19) without touching anything a
 * person typed. No step goes through float arithmetic.
 */
export function decimalOfExcelNumber(value: number): Dec {
  return dec(new Dec(value).toSignificantDigits(EXCEL_SIGNIFICANT_DIGITS, Dec.ROUND_HALF_UP));
}

const MAX_MONEY_NUMBER = Number(MAX_MONEY_AMOUNT);

/**
 * The common case of an amount cell without Dec arithmetic: a double that is exactly the double of
 * a whole number of cents (c / 100, for 0 ≤ c / 100 ≤ MAX_MONEY_AMOUNT) stands for exactly that
 * decimal. Below 10^13 two decimals with at most two places are never the same double (the spacing
 * of doubles there is below 0.002), so this decimal is also the shortest text JS would print for it:
 * the result is the one `decimalOfExcelNumber` gives, without a Decimal (`value * 100` only
 * guesses the integer `c`; `c / 100 === value`, an exact comparison, proves it).
 * Everything else (sub-cent digits, negative, too large, formula noise) takes `decimalOfExcelNumber`.
 */
function moneyOfExcelNumber(value: number): Converted<Money> | null {
  if (!(value >= 0 && value <= MAX_MONEY_NUMBER)) return null;
  const c = Math.round(value * 100);
  if (c / 100 !== value) return null;
  const digits = String(c).padStart(3, '0');
  return ok(Money.of(`${digits.slice(0, -2)}.${digits.slice(-2)}`));
}

const germanNumber = (d: Dec): string => {
  const [int, frac] = decimalText(d).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac === undefined ? grouped : `${grouped},${frac}`;
};

/**
 * Decimal text as people type it in Germany and elsewhere: "1.234,56", "1234,56", "1234.56",
 * "1,234.56", with an optional € or EUR and spaces. "1.234" (dots in groups of three, no comma) is
 * refused as ambiguous: it is 1234 to a German reader and 1.234 to everybody else.
 */
export function parseDecimalText(input: string, opts: { unit?: '€' | '%' } = {}): Converted<Dec> {
  let t = input.replace(/[\s\u00a0\u202f]+/g, '');
  if (opts.unit === '€') t = t.replace(/^(€|EUR)/i, '').replace(/(€|EUR)$/i, '');
  if (opts.unit === '%') t = t.replace(/%$/, '');
  if (t === '') return ok(null);
  let normal: string;
  if (/^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t) && t.includes(',')) normal = t.replace(/\./g, '').replace(',', '.');
  else if (/^[-+]?\d+,\d+$/.test(t)) normal = t.replace(',', '.');
  else if (/^[-+]?\d{1,3}(,\d{3})+\.\d+$/.test(t)) normal = t.replace(/,/g, '');
  else if (/^[-+]?\d{1,3}(\.\d{3})+$/.test(t)) {
    return fail(`Die Zahl „${input.trim()}“ ist mehrdeutig. Bitte mit Dezimalkomma schreiben, z. B. ${t.replace(/\./g, '')},00 oder ${t.replace(/\./, ',')}.`);
  } else if (/^[-+]?\d+(\.\d+)?$/.test(t)) normal = t;
  else return fail(`„${input.trim()}“ ist keine Zahl.`);
  return ok(dec(normal.replace(/^\+/, '')));
}

function numberOf(cell: RawCell, unit: '€' | '%'): Converted<Dec> {
  switch (cell.kind) {
    case 'empty':
      return ok(null);
    case 'number':
      return ok(decimalOfExcelNumber(cell.value));
    case 'text':
      return parseDecimalText(cell.text, { unit });
    case 'date':
      return fail('Hier wird eine Zahl erwartet, kein Datum.');
    case 'bool':
      return fail('Hier wird eine Zahl erwartet, kein Wahrheitswert.');
    case 'error':
      return fail(errorMessage(cell.code));
  }
}

/** Betrag: at most two decimals, not negative, within numeric(15,2). */
export function amountCell(cell: RawCell): Converted<Money> {
  const fast = cell.kind === 'number' ? moneyOfExcelNumber(cell.value) : null;
  if (fast) return fast;
  const n = numberOf(cell, '€');
  if (!n.ok || n.value === null) return n as Converted<Money>;
  const d = n.value;
  if (d.decimalPlaces() > 2) return fail(`Der Betrag ${germanNumber(d)} hat mehr als zwei Nachkommastellen. Bitte auf den Cent runden.`);
  if (d.isNegative()) return fail('Der Betrag darf nicht negativ sein.');
  if (d.gt(MAX_MONEY_AMOUNT)) return fail('Der Betrag ist zu groß.');
  return ok(Money.of(d));
}

/**
 * Projektanteil in percent points ("50" = 50 %). A number cell formatted as a percentage holds the
 * fraction (Excel stores 50 % as 0.5), so it is multiplied by 100.
 */
export function percentCell(cell: RawCell): Converted<Dec> {
  const n = numberOf(cell, '%');
  if (!n.ok || n.value === null) return n;
  const d = cell.kind === 'number' && cell.percentFormat ? dec(n.value.times(100)) : n.value;
  if (d.decimalPlaces() > 6) return fail('Der Projektanteil darf höchstens sechs Nachkommastellen haben.');
  return ok(d);
}

/** lfd. Nr.: a whole number from 1 to 10.000.000. */
export function positionCell(cell: RawCell): Converted<number> {
  // A whole number in range is exactly itself (no rounding to 15 digits can change it).
  if (cell.kind === 'number' && Number.isInteger(cell.value) && cell.value >= 1 && cell.value <= 10_000_000) return ok(cell.value);
  const n = numberOf(cell, '€');
  if (!n.ok || n.value === null) return n as Converted<number>;
  if (!n.value.isInteger() || n.value.lt(1) || n.value.gt(10_000_000)) return fail('Die lfd. Nr. muss eine ganze Zahl zwischen 1 und 10.000.000 sein.');
  return ok(n.value.toNumber());
}

const EXCEL_EPOCH_OFFSET = 25569; // serial of 1970-01-01 in the 1900 date system
const MAX_EXCEL_SERIAL = 2958465; // 9999-12-31

/**
 * A day: a date cell; a plain number is taken as an Excel serial day (a date typed into an
 * unformatted cell, or a date computed by a formula); text as TT.MM.JJJJ (also T.M.JJJJ) or
 * JJJJ-MM-TT, a time of day after it is ignored.
 */
export function dateCell(cell: RawCell): Converted<CalendarDate> {
  switch (cell.kind) {
    case 'empty':
      return ok(null);
    case 'date':
      return ok(cell.date);
    case 'number': {
      const serial = Math.floor(cell.value);
      if (serial < 61 || serial > MAX_EXCEL_SERIAL) return fail('Hier wird ein Datum erwartet (TT.MM.JJJJ).');
      return ok(CalendarDate.fromEpochDay(serial - EXCEL_EPOCH_OFFSET));
    }
    case 'text': {
      const t = cell.text.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '');
      if (t === '') return ok(null);
      const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
      const [y, m, d] = german ? [german[3], german[2], german[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
      if (y === undefined) return fail(`„${cell.text.trim()}“ ist kein Datum. Bitte im Format TT.MM.JJJJ angeben, z. B. 31.12.2026.`);
      if (!CalendarDate.isValid(Number(y), Number(m), Number(d))) return fail(`Das Datum „${cell.text.trim()}“ gibt es nicht.`);
      return ok(CalendarDate.of(Number(y), Number(m), Number(d)));
    }
    case 'bool':
      return fail('Hier wird ein Datum erwartet, kein Wahrheitswert.');
    case 'error':
      return fail(errorMessage(cell.code));
  }
}

// Control characters other than tab, line feed and carriage return never belong in a Belegliste.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const CONTROL_CHARS_ALL = new RegExp(CONTROL_CHARS.source, 'g');

/** Text, trimmed; numbers and dates as a person would read them; null when empty. */
export function textCell(cell: RawCell, maxLength: number): Converted<string> {
  let text: string;
  switch (cell.kind) {
    case 'empty':
      return ok(null);
    case 'text':
      text = (CONTROL_CHARS.test(cell.text) ? cell.text.replace(CONTROL_CHARS_ALL, '') : cell.text).trim();
      break;
    case 'number':
      text = decimalText(decimalOfExcelNumber(cell.value));
      break;
    case 'date':
      text = cell.date.toGermanString();
      break;
    case 'bool':
      text = cell.value ? 'WAHR' : 'FALSCH';
      break;
    case 'error':
      return fail(errorMessage(cell.code));
  }
  if (text === '') return ok(null);
  if (text.length > maxLength) return fail(`Der Text ist zu lang (höchstens ${new Intl.NumberFormat('de-DE').format(maxLength)} Zeichen).`);
  return ok(text);
}

/** A cell as header text (null when empty). */
export function cellText(cell: RawCell | undefined): string | null {
  if (cell === undefined) return null;
  const t = textCell(cell, 1000);
  return t.ok ? t.value : null;
}

/** Einnahme/Ausgabe (also the API's INCOME/EXPENSE), any case. */
export function directionCell(cell: RawCell): Converted<'EXPENSE' | 'INCOME'> {
  const t = textCell(cell, 100);
  if (!t.ok || t.value === null) return t as Converted<'EXPENSE' | 'INCOME'>;
  const v = t.value.toLowerCase();
  if (v === 'ausgabe' || v === 'expense') return ok('EXPENSE');
  if (v === 'einnahme' || v === 'income') return ok('INCOME');
  return fail(`„${t.value}“ ist nicht zulässig. Bitte „Einnahme“ oder „Ausgabe“ angeben.`);
}

/**
 * Kostenart: the code (any case) or its German name; anything else is passed on as written, so
 * the rules can say which Kostenarten the plan has.
 */
export function categoryCell(cell: RawCell, codeByName: ReadonlyMap<string, string>): Converted<string> {
  const t = textCell(cell, 100);
  if (!t.ok || t.value === null) return t;
  return ok(codeByName.get(t.value.toLowerCase()) ?? t.value);
}
