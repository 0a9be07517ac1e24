import { columnLetter, decimalNumFmt, percentNumFmt, positionalColumns, validateColumns } from './columns';
import { ExportDefinitionError } from './exports.errors';

describe('columns', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [53, 'BA'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [16384, 'XFD'],
  ])('column %i is %s', (n, letter) => expect(columnLetter(n)).toBe(letter));

  it('formats', () => {
    expect(decimalNumFmt(2)).toBe('#,##0.00');
    expect(decimalNumFmt(0)).toBe('#,##0');
    expect(percentNumFmt(2)).toBe('0.00 %');
    expect(percentNumFmt(0)).toBe('0 %');
  });

  it('reads array rows by position', () => {
    const [a, b] = positionalColumns([
      { header: 'A', key: 'a', type: 'text' },
      { header: 'B', key: 'b', type: 'money' },
    ]);
    expect(a.value?.(['x', '1.00'])).toBe('x');
    expect(b.value?.(['x', '1.00'])).toBe('1.00');
  });

  it.each([
    [[{ header: 'A', key: 'a-b', type: 'text' }], /Spaltenschlüssel/],
    [[{ header: ' ', key: 'a', type: 'text' }], /Überschrift/],
    [[{ header: 'A', key: 'a', type: 'float' }], /unbekannten Typ/],
    [[{ header: 'A', key: 'a', type: 'percent', total: true }], /keine Summe/],
    [[{ header: 'A', key: 'a', type: 'money', decimals: 3 }], /Nachkommastellen/],
    [[{ header: 'A', key: 'a', type: 'decimal', decimals: 11 }], /Nachkommastellen/],
    [[{ header: 'A', key: 'a', type: 'text', width: 0 }], /Breite/],
  ])('refuses %j', (columns, message) => {
    expect(() => validateColumns(columns as never)).toThrow(ExportDefinitionError);
    expect(() => validateColumns(columns as never)).toThrow(message);
  });
});
