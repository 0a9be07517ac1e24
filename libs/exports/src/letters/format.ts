import { CalendarDate, dec, Money, Rate } from '@foerderfluss/core';
import { LetterModelError } from './letters.errors';
import type { ChangeValue, LetterFinancingType } from './letter-models';

/**
 * Reading the model (with the field path in every error) and German formatting for print. Money
 * and dates go through Money and CalendarDate from core; the only additions here are typographic:
 * a no-break space keeps "1.234,56 €", "90 %" and "§ 49a" together on one line.
 */

export const NBSP = '\u00a0';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** An amount from the model; refuses anything but a plain decimal string. */
export function readMoney(value: unknown, path: string): Money {
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) {
    throw new LetterModelError(path, `kein Betrag als Dezimalzahl in Textform (z. B. "1234.56"): ${JSON.stringify(value)}`);
  }
  return Money.of(value.trim());
}

/** A rate in percent points from the model ("90" = 90 %). */
export function readPercent(value: unknown, path: string): Rate {
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) {
    throw new LetterModelError(path, `kein Prozentsatz als Dezimalzahl in Textform (z. B. "90"): ${JSON.stringify(value)}`);
  }
  return Rate.fromPercent(dec(value.trim()));
}

/** Whether the letter is a Verwaltungsakt (BESCHEID, with Rechtsbehelfsbelehrung) or goes under a contract (VERTRAG). */
export function readIsDecision(value: unknown): boolean {
  if (value !== 'BESCHEID' && value !== 'VERTRAG') throw new LetterModelError('instrument', `muss BESCHEID oder VERTRAG sein, nicht ${JSON.stringify(value)}`);
  return value === 'BESCHEID';
}

/** An ISO date (YYYY-MM-DD) from the model. */
export function readDate(value: unknown, path: string): CalendarDate {
  const date = CalendarDate.tryParse(value);
  if (!date) throw new LetterModelError(path, `kein gültiges Datum im Format JJJJ-MM-TT: ${JSON.stringify(value)}`);
  return date;
}

export function readText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new LetterModelError(path, 'darf nicht leer sein');
  return value.trim();
}

export function readCount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new LetterModelError(path, `keine nicht-negative ganze Zahl: ${JSON.stringify(value)}`);
  }
  return value;
}

/** "1.234,56 €" (rounded half-up to the cent; no-break space before the sign). */
export function eur(amount: Money): string {
  return `${amount.toGermanString()}${NBSP}€`;
}

/** "25.11.2026" */
export function germanDate(date: CalendarDate): string {
  return date.toGermanString();
}

/** "90 %", "7,27 %" */
export function percentText(rate: Rate): string {
  return rate.toGermanString().replace(' %', `${NBSP}%`);
}

/** "vom 01.01.2026 bis 31.12.2026" */
export function periodText(from: CalendarDate, to: CalendarDate): string {
  return `vom ${germanDate(from)} bis ${germanDate(to)}`;
}

/** Numbers up to twelve as words, as German administrative prose writes them ("zwei Monate"). */
const NUMBER_WORDS = ['null', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf'];
export function countWord(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < NUMBER_WORDS.length ? NUMBER_WORDS[n]! : String(n);
}

/** Months in the dative, for "innerhalb von …": "zwei Monaten", "einem Monat". */
export function monthsDative(n: number): string {
  return n === 1 ? 'einem Monat' : `${countWord(n)} Monaten`;
}

/** Years in the accusative, for "… aufzubewahren": "fünf Jahre", "ein Jahr". */
export function yearsAccusative(n: number): string {
  return n === 1 ? 'ein Jahr' : `${countWord(n)} Jahre`;
}

/** Percentage points over the Basiszinssatz: "fünf Prozentpunkten", "5,5 Prozentpunkten". */
export function percentagePointsDative(points: string, path: string): string {
  const value = readPercent(points, path).percent;
  const whole = value.isInteger() && value.greaterThanOrEqualTo(0) && value.lessThanOrEqualTo(12);
  const text = whole ? countWord(value.toNumber()) : Rate.fromPercent(value).toGermanString().replace(' %', '');
  return `${text} Prozentpunkten`;
}

/** "DE12 8305 0000 0001 2345 67" */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}

/** German name of a Finanzierungsart. */
export function financingTypeName(type: LetterFinancingType): string {
  switch (type) {
    case 'SHARE':
      return 'Anteilfinanzierung';
    case 'DEFICIT':
      return 'Fehlbedarfsfinanzierung';
    case 'FULL':
      return 'Vollfinanzierung';
    case 'FIXED':
      return 'Festbetragsfinanzierung';
    default: {
      const unknown: never = type;
      throw new LetterModelError('financingType', `unbekannte Finanzierungsart ${String(unknown)}`);
    }
  }
}

/** A typed change value in German. */
export function changeValueText(value: ChangeValue, path: string): string {
  switch (value.kind) {
    case 'money':
      return eur(readMoney(value.amount, `${path}.amount`));
    case 'date':
      return germanDate(readDate(value.date, `${path}.date`));
    case 'percent':
      return percentText(readPercent(value.percent, `${path}.percent`));
    case 'text':
      return value.text;
    default: {
      const unknown: never = value;
      throw new LetterModelError(path, `unbekannte Art ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Typographic no-break spaces for running text: "§ 49a", "Abs. 3", "Nr. 1.2", "Satz 1", "1.234,56 €",
 * "90 %" never break across lines.
 */
export function keepTogether(text: string): string {
  return text
    .replace(/(§§?|Abs\.|Nr\.|Satz|Az\.) (?=[\dIVX])/g, `$1${NBSP}`)
    .replace(/(\d) (€|%)/g, `$1${NBSP}$2`);
}
