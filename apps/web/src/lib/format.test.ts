import { describe, expect, it } from 'vitest';
import { apiToCents, centsToApi, germanDecimalToApi, germanToApi, parseGermanAmount, sumGerman } from './decimal';
import { daysBetween, formatAmount, formatDate, formatDateTime, formatMoney, formatPercent, parseGermanDate, plural, todayIso } from './format';

const NBSP = '\u00a0';

describe('de-DE formats (one module for the whole app)', () => {
  it.each([
    ['1234.56', `1.234,56${NBSP}€`],
    ['0', `0,00${NBSP}€`],
    ['0.5', `0,50${NBSP}€`],
    ['524062.50', `524.062,50${NBSP}€`],
    ['-9000.00', `-9.000,00${NBSP}€`],
    ['9999999999999.99', `9.999.999.999.999,99${NBSP}€`],
  ])('formatMoney(%s) = %s', (input, expected) => {
    expect(formatMoney(input)).toBe(expected);
  });

  it('formats exactly from the decimal string (no float rounding) and accepts cents', () => {
    expect(formatMoney('0.10')).toBe(`0,10${NBSP}€`);
    expect(formatMoney('1234567890123.45')).toBe(`1.234.567.890.123,45${NBSP}€`);
    expect(formatMoney(123456n)).toBe(`1.234,56${NBSP}€`);
    expect(formatMoney(null)).toBe('–');
    expect(formatAmount('80000')).toBe('80.000,00');
  });

  it('dates: 2026-11-25 → 25.11.2026, never shifted by a time zone', () => {
    expect(formatDate('2026-11-25')).toBe('25.11.2026');
    expect(formatDate('2027-01-01')).toBe('01.01.2027');
    expect(formatDate(null)).toBe('–');
    expect(formatDateTime('2026-11-25T10:00:00Z')).toBe('25.11.2026, 11:00');
    expect(formatDateTime('2026-07-01T22:30:00Z')).toBe('02.07.2026, 00:30');
    expect(parseGermanDate('25.11.2026')).toBe('2026-11-25');
    expect(parseGermanDate('30.02.2026')).toBeNull();
    expect(todayIso(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(daysBetween('2026-11-25', '2027-06-30')).toBe(217);
  });

  it('percent', () => {
    expect(formatPercent('80')).toBe(`80${NBSP}%`);
    expect(formatPercent('7.27')).toBe(`7,27${NBSP}%`);
    expect(formatPercent('-0.88')).toBe(`-0,88${NBSP}%`);
  });
});

describe('German amounts as typed → API decimal strings (integer cents, no floats)', () => {
  it.each([
    ['80.000,00', '80000.00'],
    ['80000', '80000.00'],
    ['1.234,5', '1234.50'],
    ['1.234', '1234.00'],
    ['12.50', '12.50'],
    ['0,01', '0.01'],
    [' 5 000,00 € ', '5000.00'],
  ])('%s → %s', (input, expected) => {
    expect(germanToApi(input)).toBe(expected);
  });

  it('refuses what the API would refuse, with a German message', () => {
    expect(parseGermanAmount('1,234')).toEqual({ ok: false, message: 'Höchstens zwei Nachkommastellen (Cent).' });
    expect(parseGermanAmount('-5')).toEqual({ ok: false, message: 'Der Betrag darf nicht negativ sein.' });
    expect(parseGermanAmount('abc').ok).toBe(false);
    expect(parseGermanAmount('').ok).toBe(false);
    expect(parseGermanAmount('12345678901234').ok).toBe(false);
  });

  it('adds without float error: 0,10 + 0,20 = 0,30 exactly', () => {
    expect(centsToApi(sumGerman(['0,10', '0,20']))).toBe('0.30');
    expect(apiToCents('1234.5')).toBe(123450n);
    expect(centsToApi(-1050n)).toBe('-10.50');
    expect(germanDecimalToApi('0,75')).toBe('0.75');
    expect(germanDecimalToApi('1,23456')).toBeNull();
  });
});

describe('plural', () => {
  it('writes singular and plural out', () => {
    expect(`1 ${plural(1, 'Zeile', 'Zeilen')}`).toBe('1 Zeile');
    expect(`0 ${plural(0, 'Zeile', 'Zeilen')}`).toBe('0 Zeilen');
    expect(`3 ${plural(3, 'Hinweis', 'Hinweise')}`).toBe('3 Hinweise');
  });
});
