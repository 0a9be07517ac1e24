/**
 * The one place where numbers, money and dates become German text (de-DE): 1.234,56 €,
 * 25.11.2026, 80 %. Amounts come as the API's decimal strings and are formatted from the
 * string itself (Intl accepts decimal strings exactly), never through a float.
 */
import { apiToCents, centsToApi } from './decimal';

const NBSP = '\u00a0';

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const plain2 = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const decimalFmt = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 6 });
const integer = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });

type Decimalish = string | bigint | null | undefined;

/** Intl formats decimal strings exactly; the type lib of TS still says number | bigint. */
function fmt(f: Intl.NumberFormat, value: string): string {
  return f.format(value as unknown as number);
}

function toDecimalString(value: Decimalish): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'bigint') return centsToApi(value);
  return apiToCents(value) === null && !/^-?\d+(\.\d+)?$/.test(value) ? null : value;
}

/** "1234.56" → "1.234,56 €"; cents as bigint are accepted too. Empty input gives "–". */
export function formatMoney(value: Decimalish): string {
  const s = toDecimalString(value);
  return s === null ? '–' : fmt(euro, s);
}

/** "1234.56" → "1.234,56" (for input fields and tables with a € column header). */
export function formatAmount(value: Decimalish): string {
  const s = toDecimalString(value);
  return s === null ? '' : fmt(plain2, s);
}

/** "0.75" → "0,75"; "12" → "12". */
export function formatDecimal(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  return typeof value === 'number' ? decimalFmt.format(value) : fmt(decimalFmt, value);
}

export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : integer.format(value);
}

/** "80" → "80 %", "7.27" → "7,27 %". */
export function formatPercent(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  return `${fmt(decimalFmt, value)}${NBSP}%`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** "2026-11-25" → "25.11.2026". Calendar dates carry no time zone and are never shifted. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const m = ISO_DATE.exec(value);
  if (!m) return value;
  return `${m[3]}.${m[2]}.${m[1]}`;
}

const dateTimeFmt = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Berlin',
});

/** An ISO instant (UTC) → "25.11.2026, 11:00" in German time (Europe/Berlin). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '–';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFmt.format(d);
}

/** "25.11.2026" → "2026-11-25"; null when it is no real date. */
export function parseGermanDate(input: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(input);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today in Germany as YYYY-MM-DD (the business calendar of the Kreis). */
export function todayIso(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts;
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` lies before `from`. */
export function daysBetween(from: string, to: string): number {
  const a = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const b = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  return Math.round((b - a) / 86_400_000);
}

/** The German word for n things, written out: `plural(1, 'Zeile', 'Zeilen')` → "Zeile" (never "Zeile(n)"). */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
