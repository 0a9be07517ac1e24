import fc from 'fast-check';
import { CalendarDate, dec, Money, Rate } from '@foerderfluss/core';
import {
  booleanCanonical,
  calendarDateToSheetValue,
  CellValueError,
  csvFieldOf,
  csvQuote,
  dateCanonical,
  decimalCanonical,
  integerCanonical,
  MAX_CELL_TEXT_LENGTH,
  moneyCanonical,
  moneyToSheetNumber,
  percentCanonical,
  sheetText,
  sheetValueOf,
} from './cell-encoding';

describe('money', () => {
  it.each([
    ['1234.56', '1234.56'],
    ['-5.00', '-5.00'],
    ['0.00', '0.00'],
    ['-0.00', '0.00'],
    ['12', '12.00'],
    ['12.5', '12.50'],
    ['007.10', '7.10'],
    ['1.005', '1.01'], // half-up to the cent, decimal arithmetic
    ['-1.005', '-1.01'],
    ['-0.004', '0.00'],
    ['9999999999999.99', '9999999999999.99'],
    ['-9999999999999.99', '-9999999999999.99'],
    [Money.of('81000'), '81000.00'],
    [Money.of('241.0054794520'), '241.01'],
    [dec('0.1').plus(dec('0.2')), '0.30'],
  ])('%p → %s', (input, canonical) => {
    expect(moneyCanonical(input)).toBe(canonical);
  });

  it.each([null, undefined, ''])('%p is an empty cell', (input) => expect(moneyCanonical(input)).toBeNull());

  it.each([1.5, '1,50', '1.234,56', 'abc', '1e3', true, new Date()])('refuses %p', (input) => {
    expect(() => moneyCanonical(input)).toThrow(CellValueError);
  });

  it('refuses amounts beyond numeric(15,2), which would not be exact in the sheet', () => {
    expect(() => moneyCanonical('10000000000000.00')).toThrow(/außerhalb/);
    // why: 16 significant digits do not survive a double
    expect(String(Number('99999999999999.99'))).toBe('99999999999999.98');
  });

  it('is exact as a sheet number at the boundaries', () => {
    for (const text of ['9999999999999.99', '-9999999999999.99', '0.01', '-0.01', '1234567890123.45', '0.10', '4503599627370.49']) {
      const n = moneyToSheetNumber(text);
      // exceljs writes String(n) into the XML; that must be the same amount.
      expect(dec(String(n)).equals(dec(text))).toBe(true);
    }
  });

  it('is exact as a sheet number for every two-place amount within ±9.999.999.999.999,99 (property)', () => {
    const maxCents = 999999999999999n;
    fc.assert(
      fc.property(fc.bigInt({ min: -maxCents, max: maxCents }), (cents) => {
        const negative = cents < 0n;
        const digits = (negative ? -cents : cents).toString().padStart(3, '0');
        const text = `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
        const n = moneyToSheetNumber(text);
        return dec(String(n)).equals(dec(text)) && Math.round(n * 100) === Number(cents);
      }),
      { numRuns: 20000 },
    );
  });
});

describe('dates', () => {
  it('accepts CalendarDate and YYYY-MM-DD, nothing else', () => {
    expect(dateCanonical(CalendarDate.of(2026, 2, 28))).toBe('2026-02-28');
    expect(dateCanonical('2024-02-29')).toBe('2024-02-29');
    expect(dateCanonical(null)).toBeNull();
    for (const bad of ['2026-02-30', '28.02.2026', '2026-2-1', new Date('2026-02-28'), 20260228]) {
      expect(() => dateCanonical(bad)).toThrow(CellValueError);
    }
  });

  it.each([
    ['1900-03-01', 61],
    ['1970-01-01', 25569],
    ['2024-02-29', 45351],
    ['2026-01-01', 46023],
    ['2026-12-31', 46387],
    ['9999-12-31', 2958465],
  ])('%s is the whole-day serial %i (Excel 1900 system, no clock time)', (iso, serial) => {
    expect(calendarDateToSheetValue(iso)).toBe(serial);
    expect(sheetValueOf('date', iso)).toBe(serial);
    // the same number exceljs computes from a JS Date at UTC midnight
    expect(serial).toBe(25569 + Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000);
  });

  it('writes days before 1900-03-01 as German text (no correct serial in Excel)', () => {
    expect(calendarDateToSheetValue('1900-02-28')).toBe('28.02.1900');
    expect(calendarDateToSheetValue(CalendarDate.of(1850, 7, 1))).toBe('01.07.1850');
  });
});

describe('numbers', () => {
  it('integer', () => {
    expect(integerCanonical(42)).toBe('42');
    expect(integerCanonical(-0)).toBe('0');
    expect(integerCanonical(42n)).toBe('42');
    expect(integerCanonical('-007')).toBe('-7');
    expect(integerCanonical('999999999999999')).toBe('999999999999999');
    expect(() => integerCanonical('1000000000000000')).toThrow(/15 gültige Stellen/);
    expect(() => integerCanonical(1.5)).toThrow(CellValueError);
    expect(() => integerCanonical('1.0')).toThrow(CellValueError);
  });

  it('decimal, rounded half-up to the column places', () => {
    expect(decimalCanonical('0.755', 2)).toBe('0.76');
    expect(decimalCanonical(0.75, 2)).toBe('0.75');
    expect(decimalCanonical(dec('1.23456'), 3)).toBe('1.235');
    expect(decimalCanonical('-0.001', 2)).toBe('0.00');
    expect(decimalCanonical('12', 0)).toBe('12');
    expect(() => decimalCanonical('x', 2)).toThrow(CellValueError);
  });

  it('percent: a Rate, or percent points as in the API; stored as the fraction', () => {
    expect(percentCanonical(Rate.fromPercent('90'), 2)).toBe('0.9000');
    expect(percentCanonical('12.5', 2)).toBe('0.1250');
    expect(percentCanonical('33.333', 2)).toBe('0.3333');
    expect(percentCanonical(100, 0)).toBe('1.00');
    expect(percentCanonical('-0.88', 2)).toBe('-0.0088');
    expect(sheetValueOf('percent', '0.9000')).toBe(0.9);
  });

  it('boolean as ja/nein', () => {
    expect(booleanCanonical(true)).toBe('ja');
    expect(booleanCanonical(false)).toBe('nein');
    expect(() => booleanCanonical('true')).toThrow(CellValueError);
  });
});

describe('sheetText', () => {
  it('removes what XML cannot carry and stores line breaks as LF', () => {
    expect(sheetText('a\u0000b\u0007c\u000bd\u001fe\u007ff\ufffeg')).toBe('abcdefg');
    expect(sheetText('Zeile 1\r\nZeile 2\rZeile 3\nZeile 4\tTab')).toBe('Zeile 1\nZeile 2\nZeile 3\nZeile 4\tTab');
    expect(sheetText('lone \ud800 high, lone \udc00 low, pair 😀')).toBe('lone \ufffd high, lone \ufffd low, pair 😀');
    expect(sheetText('Grüße, Straße, ½ €')).toBe('Grüße, Straße, ½ €');
  });

  it('neutralises after cleaning, so a hidden control character cannot smuggle a formula', () => {
    expect(sheetText('\u0001=1')).toBe("'=1");
    expect(sheetText('\r=1')).toBe("'\n=1");
  });

  it('cuts to Excel’s cell limit, visibly, without splitting a surrogate pair', () => {
    const long = sheetText('x'.repeat(40000));
    expect(long).toHaveLength(MAX_CELL_TEXT_LENGTH);
    expect(long.endsWith('x…')).toBe(true);
    const emoji = sheetText(`${'x'.repeat(MAX_CELL_TEXT_LENGTH - 2)}😀😀`); // the cut would fall inside the first pair
    expect(emoji.length).toBeLessThanOrEqual(MAX_CELL_TEXT_LENGTH);
    expect(emoji.endsWith('x…')).toBe(true);
  });
});

describe('CSV fields', () => {
  it.each([
    ['money', '-1234.50', '-1234,50'],
    ['money', '9999999999999.99', '9999999999999,99'],
    ['decimal', '0.75', '0,75'],
    ['percent', '0.9000', '90,00'],
    ['percent', '1.2500', '125,00'],
    ['percent', '-0.0088', '-0,88'],
    ['percent', '0.0000', '0,00'],
    ['percent', '0.90', '90'],
    ['integer', '-12', '-12'],
    ['date', '2026-01-31', '31.01.2026'],
    ['boolean', 'ja', 'ja'],
    ['text', 'ohne Sonderzeichen', 'ohne Sonderzeichen'],
    ['text', 'a;b', '"a;b"'],
    ['text', 'er sagte "nein"', '"er sagte ""nein"""'],
    ['text', 'zwei\nZeilen', '"zwei\nZeilen"'],
    ['text', "'=1", "'=1"],
  ] as const)('%s %j → %j', (type, canonical, field) => {
    expect(csvFieldOf(type, canonical)).toBe(field);
  });

  it('empty cell → empty field', () => expect(csvFieldOf('money', null)).toBe(''));
  it('quotes a header with a semicolon', () => expect(csvQuote('Soll; Ist')).toBe('"Soll; Ist"'));
});
