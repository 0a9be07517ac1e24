import { CalendarDate, MAX_MONEY_AMOUNT, Money } from '@foerderfluss/core';
import { amountCell, categoryCell, dateCell, decimalOfExcelNumber, directionCell, parseDecimalText, percentCell, positionCell, RawCell, textCell } from './cell-values';

const num = (value: number, percentFormat = false): RawCell => ({ kind: 'number', value, percentFormat });
const text = (t: string): RawCell => ({ kind: 'text', text: t });
const value = <T>(r: { ok: boolean; value?: T | null; message?: string }): T | null | undefined => (r.ok ? r.value : undefined);
const message = (r: { ok: boolean; message?: string }): string | undefined => (r.ok ? undefined : r.message);

describe('xlsx numbers without float surprises', () => {
  it.each([
    [1234.56, '1234.56'],
    [0.1 + 0.2, '0.3'],
    [19.000000000000004, '19'],
    [70.30000000000001, '70.3'],
    [9999999999999.99, '9999999999999.99'],
    [1e-7, '1e-7'],
    [12.345, '12.345'],
  ])('%p → %s', (n, expected) => {
    expect(decimalOfExcelNumber(n).equals(expected)).toBe(true);
  });

  it('amounts: two decimals at most, not negative, cents kept exactly', () => {
    expect(value(amountCell(num(1190)))?.toApiString()).toBe('1190.00');
    expect(value(amountCell(num(0.1 + 0.2)))?.toApiString()).toBe('0.30');
    expect(message(amountCell(num(12.345)))).toBe('Der Betrag 12,345 hat mehr als zwei Nachkommastellen. Bitte auf den Cent runden.');
    expect(message(amountCell(num(-5)))).toBe('Der Betrag darf nicht negativ sein.');
    expect(message(amountCell({ kind: 'date', date: CalendarDate.of(2027, 1, 1) }))).toMatch(/kein Datum/);
    expect(message(amountCell({ kind: 'error', code: '#VALUE!' }))).toBe('Die Zelle enthält den Excel-Fehler #WERT!.');
    expect(value(amountCell({ kind: 'empty' }))).toBeNull();
  });
});

describe('amount cells without Decimal arithmetic give what the Decimal path gives', () => {
  /** The general path: the double's decimal (15 significant digits), then the amount's checks. */
  const viaDecimal = (n: number): string => {
    const d = decimalOfExcelNumber(n);
    if (d.decimalPlaces() > 2) return 'more than two decimals';
    if (d.isNegative()) return 'negative';
    if (d.gt(MAX_MONEY_AMOUNT)) return 'too large';
    return Money.of(d).toExactString();
  };
  const viaCell = (n: number): string => {
    const r = amountCell(num(n));
    if (!r.ok) return /Nachkommastellen/.test(r.message) ? 'more than two decimals' : /negativ/.test(r.message) ? 'negative' : 'too large';
    return r.value!.toExactString();
  };

  it.each([0, -0, 0.01, 0.1 + 0.2, 1.005, 19.000000000000004, 70.30000000000001, 1234.56, 12.345, 1e-7, 5e-324, -5, -0.01, 2 ** 53, 1e15, 9999999999999.99, 9999999999999.98, 10000000000000, 9007199254740.99])(
    '%p',
    (n) => expect(viaCell(n)).toBe(viaDecimal(n)),
  );

  it('random cents, random doubles and formula results', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 20000; i++) {
      const scale = 10 ** Math.floor(random() * 14);
      const cents = Math.floor(random() * scale * 100);
      for (const n of [cents / 100, random() * scale, (cents / 100) * 1.19, cents / 100 + 0.1 + 0.2]) expect(viaCell(n)).toBe(viaDecimal(n));
    }
  });
});

describe('decimal text (CSV and text cells)', () => {
  it.each([
    ['1.234,56', '1234.56'],
    ['1234,56', '1234.56'],
    ['1234.56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['1.234.567,8', '1234567.8'],
    [' 1 234,56 € ', '1234.56'],
    ['EUR 12', '12'],
    ['0,5', '0.5'],
  ])('%s → %s', (input, expected) => {
    const r = parseDecimalText(input, { unit: '€' });
    expect(r.ok && r.value?.equals(expected)).toBe(true);
  });

  it('refuses what is ambiguous or not a number', () => {
    expect(message(parseDecimalText('1.234'))).toMatch(/mehrdeutig.*1234,00 oder 1,234/);
    expect(message(parseDecimalText('12,3,4'))).toBe('„12,3,4“ ist keine Zahl.');
    expect(message(parseDecimalText('zwölf'))).toBe('„zwölf“ ist keine Zahl.');
    expect(message(amountCell(text('12,345')))).toMatch(/mehr als zwei Nachkommastellen/);
  });
});

describe('percent, position, dates, texts, choices', () => {
  it('percent: a percent-formatted number is a fraction, anything else percent points', () => {
    expect(value(percentCell(num(0.5, true)))?.toString()).toBe('50');
    expect(value(percentCell(num(1, true)))?.toString()).toBe('100');
    expect(value(percentCell(num(80)))?.toString()).toBe('80');
    expect(value(percentCell(text('80 %')))?.toString()).toBe('80');
    expect(value(percentCell(text('33,333333')))?.toString()).toBe('33.333333');
    expect(message(percentCell(text('33,3333333')))).toMatch(/sechs Nachkommastellen/);
  });

  it('lfd. Nr.: whole numbers from 1', () => {
    expect(value(positionCell(num(7)))).toBe(7);
    expect(value(positionCell(text('12')))).toBe(12);
    expect(message(positionCell(num(1.5)))).toMatch(/ganze Zahl/);
    expect(message(positionCell(num(0)))).toMatch(/ganze Zahl/);
  });

  it('dates: date cells, Excel serials, TT.MM.JJJJ, T.M.JJJJ, JJJJ-MM-TT, a time after it ignored', () => {
    const iso = (c: RawCell) => value(dateCell(c))?.toISOString();
    expect(iso({ kind: 'date', date: CalendarDate.of(2027, 3, 5) })).toBe('2027-03-05');
    expect(iso(num(46451))).toBe('2027-03-05');
    expect(iso(num(46451.75))).toBe('2027-03-05');
    expect(iso(text('05.03.2027'))).toBe('2027-03-05');
    expect(iso(text('5.3.2027'))).toBe('2027-03-05');
    expect(iso(text('2027-03-05'))).toBe('2027-03-05');
    expect(iso(text('05.03.2027 00:00:00'))).toBe('2027-03-05');
    expect(message(dateCell(text('30.02.2027')))).toBe('Das Datum „30.02.2027“ gibt es nicht.');
    expect(message(dateCell(text('März 2027')))).toMatch(/kein Datum.*TT\.MM\.JJJJ/);
    expect(message(dateCell(num(12)))).toMatch(/Datum erwartet/);
  });

  it('texts are trimmed and bounded; numbers and dates read as a person would', () => {
    expect(value(textCell(text('  B-1 \u0007'), 100))).toBe('B-1');
    expect(value(textCell(num(12345), 100))).toBe('12345');
    expect(value(textCell({ kind: 'date', date: CalendarDate.of(2027, 1, 2) }, 100))).toBe('02.01.2027');
    expect(value(textCell(text('   '), 100))).toBeNull();
    expect(message(textCell(text('x'.repeat(101)), 100))).toBe('Der Text ist zu lang (höchstens 100 Zeichen).');
  });

  it('Einnahme/Ausgabe and Kostenart', () => {
    expect(value(directionCell(text('Ausgabe')))).toBe('EXPENSE');
    expect(value(directionCell(text('EINNAHME')))).toBe('INCOME');
    expect(value(directionCell(text('INCOME')))).toBe('INCOME');
    expect(message(directionCell(text('Spende')))).toBe('„Spende“ ist nicht zulässig. Bitte „Einnahme“ oder „Ausgabe“ angeben.');
    const codes = new Map([
      ['personalausgaben', 'PERSONNEL'],
      ['personnel', 'PERSONNEL'],
    ]);
    expect(value(categoryCell(text('Personalausgaben'), codes))).toBe('PERSONNEL');
    expect(value(categoryCell(text('personnel'), codes))).toBe('PERSONNEL');
    expect(value(categoryCell(text('TRAVEL'), codes))).toBe('TRAVEL');
  });
});
