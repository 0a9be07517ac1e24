/**
 * Money in the browser without floats: amounts travel as decimal strings ("1234.56", at most two
 * decimals, as the API sends and expects them) and are added as integer cents (bigint). Users type
 * German amounts ("80.000,00", "80000", "1.234,5"); parseGermanAmount turns them into cents.
 */

const API_AMOUNT = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Cents of an API decimal string ("1234.56" → 123456n); null when it is not one. */
export function apiToCents(value: string | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  const m = API_AMOUNT.exec(value.trim());
  if (!m) return null;
  const cents = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** The API's decimal string of an amount in cents (123456n → "1234.56"). */
export function centsToApi(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const euros = abs / 100n;
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${euros.toString()}.${rest}`;
}

export type AmountParse = { ok: true; cents: bigint } | { ok: false; message: string };

/**
 * A German amount as typed: "80.000,00", "80000", "80000,5", "1.234" (thousands), "12.50" (a dot
 * followed by one or two digits is read as the decimal point, as people paste it). Spaces and a
 * trailing "€" are ignored. Negative amounts are refused unless allowNegative.
 */
export function parseGermanAmount(input: string, options: { allowNegative?: boolean } = {}): AmountParse {
  let s = input.replace(/[\s\u00a0\u202f]/g, '').replace(/(€|EUR)$/i, '');
  if (s === '') return { ok: false, message: 'Bitte einen Betrag angeben.' };
  let negative = false;
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = true;
    s = s.slice(1);
  }
  let intPart: string;
  let fracPart = '';
  if (s.includes(',')) {
    const [i, f, ...more] = s.split(',');
    if (more.length > 0) return { ok: false, message: 'Bitte nur ein Dezimalkomma verwenden.' };
    if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(i!)) return { ok: false, message: 'Bitte einen Betrag wie 1.234,56 angeben.' };
    intPart = i!.replace(/\./g, '');
    fracPart = f!;
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    intPart = s.replace(/\./g, '');
  } else if (/^\d+\.\d{1,2}$/.test(s)) {
    [intPart, fracPart] = s.split('.') as [string, string];
  } else if (/^\d+$/.test(s)) {
    intPart = s;
  } else {
    return { ok: false, message: 'Bitte einen Betrag wie 1.234,56 angeben.' };
  }
  if (!/^\d*$/.test(fracPart)) return { ok: false, message: 'Bitte einen Betrag wie 1.234,56 angeben.' };
  if (fracPart.length > 2) return { ok: false, message: 'Höchstens zwei Nachkommastellen (Cent).' };
  if (intPart.replace(/^0+(?=\d)/, '').length > 13) return { ok: false, message: 'Der Betrag ist zu groß.' };
  if (negative && !options.allowNegative) return { ok: false, message: 'Der Betrag darf nicht negativ sein.' };
  const cents = BigInt(intPart === '' ? '0' : intPart) * 100n + BigInt(fracPart.padEnd(2, '0'));
  return { ok: true, cents: negative ? -cents : cents };
}

/** A German amount as typed → the API's decimal string, or null when it cannot be read. */
export function germanToApi(input: string): string | null {
  const r = parseGermanAmount(input);
  return r.ok ? centsToApi(r.cents) : null;
}

/** Sum of German amounts as typed; unreadable entries count as 0 (the field shows its own error). */
export function sumGerman(values: readonly string[]): bigint {
  let total = 0n;
  for (const v of values) {
    const r = parseGermanAmount(v);
    if (r.ok) total += r.cents;
  }
  return total;
}

/** A German decimal (not money): "0,75" / "0.75" / "12" → "0.75" / "12"; null when unreadable. */
export function germanDecimalToApi(input: string, maxDecimals = 4): string | null {
  const s = input.trim().replace(',', '.');
  const re = new RegExp(`^\\d+(\\.\\d{1,${maxDecimals}})?$`);
  return re.test(s) ? s.replace(/^0+(?=\d)/, '') : null;
}
