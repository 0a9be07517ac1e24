import { cleanUploadName, MAX_UPLOAD_NAME_LENGTH } from './file-names';

describe('cleanUploadName (stored original names of uploads)', () => {
  it('keeps umlauts, ß and accents, and removes CR/LF, NUL, other control and bidi characters', () => {
    expect(cleanUploadName('Belegliste Müller & Söhne – Straße.xlsx', 'x')).toBe('Belegliste Müller & Söhne – Straße.xlsx');
    expect(cleanUploadName('a\r\nb\u0000c\u0007d\u0085e.csv', 'x')).toBe('abcde.csv');
    expect(cleanUploadName('rechnung\u202efdp.exe', 'x')).toBe('rechnungfdp.exe');
    expect(cleanUploadName('\u2066x\u2069\u200by\ufeff\u2028.csv', 'x')).toBe('xy.csv');
    // Decomposed umlauts are stored composed (NFC).
    expect(cleanUploadName('Mu\u0308ller.csv', 'x')).toBe('Müller.csv');
  });

  it('keeps the last path segment only and falls back when nothing is left', () => {
    expect(cleanUploadName('..\\..\\C:\\temp/../liste.csv', 'x')).toBe('liste.csv');
    expect(cleanUploadName('\r\n\u202e  ', 'Belegliste')).toBe('Belegliste');
  });

  it('bounds the length in characters and keeps the extension', () => {
    const long = `${'ä'.repeat(500)}.xlsx`;
    const cleaned = cleanUploadName(long, 'x');
    expect([...cleaned]).toHaveLength(MAX_UPLOAD_NAME_LENGTH);
    expect(cleaned.endsWith('ää.xlsx')).toBe(true);
    expect([...cleanUploadName('😀'.repeat(300), 'x')]).toHaveLength(MAX_UPLOAD_NAME_LENGTH);
  });
});
