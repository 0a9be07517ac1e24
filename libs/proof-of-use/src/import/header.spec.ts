import { RECEIPT_COLUMNS } from '../receipt-rules';
import { detectDelimiter, matchHeader, splitCsvLine } from './header';

describe('header row', () => {
  it('matches the German headers regardless of case, whitespace and a trailing * or :', () => {
    const m = matchHeader(['LFD. NR.', ' Belegnummer* ', 'belegdatum', 'Zahlungs\u00a0datum', 'Empfänger/Einzahler', 'Grund:', 'Einnahme/Ausgabe', 'Kostenart', 'Bruttobetrag', 'Bemerkung', null]);
    expect(m.problems).toEqual([{ column: 'Zahlungsdatum', message: 'Die Spalte fehlt in der Kopfzeile.' }]);
    expect([...m.fields.entries()]).toEqual([
      [0, 'position'],
      [1, 'receiptNumber'],
      [2, 'receiptDate'],
      [4, 'counterparty'],
      [5, 'reason'],
      [6, 'direction'],
      [7, 'costCategory'],
      [8, 'grossAmount'],
    ]);
  });

  it('takes the columns in any order and reports duplicates', () => {
    const all = Object.values(RECEIPT_COLUMNS).reverse();
    expect(matchHeader(all).problems).toEqual([]);
    expect(matchHeader([...all, 'Grund']).problems).toEqual([{ column: 'Grund', message: 'Die Spalte kommt in der Kopfzeile mehrfach vor.' }]);
  });

  it('detects the CSV separator outside quotes and splits quoted fields', () => {
    expect(detectDelimiter('a;b;"c,d,e"')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(splitCsvLine('1;"Büro ""Nord""; GmbH";x', ';')).toEqual(['1', 'Büro "Nord"; GmbH', 'x']);
  });
});
