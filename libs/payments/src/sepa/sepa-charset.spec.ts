import fc from 'fast-check';
import { isSepaText, sepaIdentifierProblem, toSepaText } from './sepa-charset';

describe('isSepaText', () => {
  it.each(["Abruf 3/2026 (Rest): 1.234,56 + Zinsen? O'Brien-Weg", '', 'A-Z a-z 0-9'])('accepts %p', (text) => {
    expect(isSepaText(text)).toBe(true);
  });

  it.each(['Müller', 'A&B', 'x_y', 'a;b', 'tab\there', '100 €', '"quoted"', 'Straße'])('refuses %p', (text) => {
    expect(isSepaText(text)).toBe(false);
  });
});

describe('toSepaText: transliteration', () => {
  it.each([
    // German umlauts and ß as the DK's alternative spelling, the "e" following the word's case
    ['Müller', 'Mueller'],
    ['MÜLLER', 'MUELLER'],
    ['Ärger', 'Aerger'],
    ['ÖKO-Haus', 'OEKO-Haus'],
    ['Übung', 'Uebung'],
    ['Ü', 'Ue'],
    ['Straße', 'Strasse'],
    ['STRAßE', 'STRASSE'],
    ['Grüße', 'Gruesse'],
    ['GRÜßE', 'GRUESSE'],
    ['ẞ', 'SS'],
    ['Evangelisches Sozialwerk Pleißenland e.V.', 'Evangelisches Sozialwerk Pleissenland e.V.'],
    ['Müller & Söhne', 'Mueller + Soehne'],
    // decomposed input is the same text
    ['u\u0308ber', 'ueber'],
    // other Latin letters: accents dropped, special letters spelt out
    ['Crème brûlée', 'Creme brulee'],
    ['Łódź', 'Lodz'],
    ['Søren Ærø', 'Soeren Aeroe'],
    ['Ångström', 'Angstroem'],
    ['Œuvre', 'Oeuvre'],
    ['ﬁnal²', 'final2'],
    // punctuation
    ['„Zitat“ und »Zitat«', "'Zitat' und 'Zitat'"],
    ['2026–2027 — Rest', '2026-2027 - Rest'],
    ['a_b~c', 'a-b-c'],
    ['[Az] {1} <2>', '(Az) (1) (2)'],
    ['a\\b|c', 'a/b/c'],
    ['Berater*innen', 'Berater/innen'],
    ['a; b!', 'a, b.'],
    ['Mehr…', 'Mehr...'],
    // symbols as words
    ['Zuwendung nach § 44 ThürLHO', 'Zuwendung nach Par. 44 ThuerLHO'],
    ['§§ 48, 49 ThürVwVfG', 'Par. 48, 49 ThuerVwVfG'],
    ['Fördersatz 90%', 'Foerdersatz 90 Prozent'],
    ['90 %', '90 Prozent'],
    ['100 €', '100 EUR'],
    ['Abruf #3', 'Abruf Nr.3'],
    ['info@traeger.de', 'info(at)traeger.de'],
    // whitespace: any kind becomes one space, edges trimmed
    ['Zeile 1\nZeile 2\r\n\tEnde', 'Zeile 1 Zeile 2 Ende'],
    ['  viel   Platz  ', 'viel Platz'],
    ['geschütztes\u00A0Leerzeichen', 'geschuetztes Leerzeichen'],
    // invisible characters are removed
    ['So\u00ADzial\u200Bberatung', 'Sozialberatung'],
    // what has no Latin form becomes a space, as a bank would do it
    ['x😀y', 'x y'],
    ['Tel. ☎ 123', 'Tel. 123'],
    ['日本', ''],
  ])('%p → %p', (input, expected) => {
    expect(toSepaText(input, 140).value).toBe(expected);
  });

  it('leaves text of the Latin set untouched and reports nothing', () => {
    const text = "FF-2026-0007 Abruf 3 Sozialberatung (Rest: 1.234,56) O'Brien +1 ?/:";
    expect(toSepaText(text, 140)).toEqual({ value: text, replacements: [], truncated: false });
  });

  it('does not report whitespace normalisation', () => {
    expect(toSepaText('  a \n b  ', 140)).toEqual({ value: 'a b', replacements: [], truncated: false });
  });

  it('lists every distinct replacement once, in order of first occurrence', () => {
    expect(toSepaText('Müller & Söhne, Müllerstraße', 70).replacements).toEqual([
      { from: 'ü', to: 'ue' },
      { from: '&', to: '+' },
      { from: 'ö', to: 'oe' },
      { from: 'ß', to: 'ss' },
    ]);
  });

  it('lists a letter once per spelling it got', () => {
    expect(toSepaText('Ähre ÄRA', 70).replacements).toEqual([
      { from: 'Ä', to: 'Ae' },
      { from: 'Ä', to: 'AE' },
    ]);
  });

  it('names invisible characters by code point and says they were removed', () => {
    expect(toSepaText('So\u00ADzial', 70).replacements).toEqual([{ from: 'U+00AD', to: '' }]);
  });

  it('reports characters replaced by a space', () => {
    expect(toSepaText('a😀b', 70).replacements).toEqual([{ from: '😀', to: ' ' }]);
  });
});

describe('toSepaText: length', () => {
  it('keeps text of exactly the maximum length', () => {
    expect(toSepaText('a'.repeat(140), 140)).toEqual({ value: 'a'.repeat(140), replacements: [], truncated: false });
  });

  it('cuts longer text and says so', () => {
    const result = toSepaText('a'.repeat(141), 140);
    expect(result.value).toBe('a'.repeat(140));
    expect(result.truncated).toBe(true);
  });

  it('does not end on a space after cutting', () => {
    const result = toSepaText(`${'a'.repeat(139)} bcd`, 140);
    expect(result.value).toBe('a'.repeat(139));
    expect(result.truncated).toBe(true);
  });

  it('counts the length after transliteration: 70 × "ü" are 140 characters', () => {
    expect(toSepaText('ü'.repeat(70), 140)).toMatchObject({ value: 'ue'.repeat(70), truncated: false });
    expect(toSepaText('ü'.repeat(71), 140)).toMatchObject({ value: 'ue'.repeat(70), truncated: true });
  });

  it('counts the length after whitespace collapsing', () => {
    expect(toSepaText(`${'a'.repeat(70)}     ${'b'.repeat(69)}`, 140)).toMatchObject({ truncated: false });
  });
});

describe('toSepaText: properties', () => {
  const anyText = fc.string({ unit: 'binary', maxLength: 300 });

  it('always yields Latin-set text, trimmed, single-spaced, within the length', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 140 }), (input, max) => {
        const { value } = toSepaText(input, max);
        expect(isSepaText(value)).toBe(true);
        expect(value.length).toBeLessThanOrEqual(max);
        expect(value).toBe(value.trim());
        expect(value).not.toContain('  ');
      }),
    );
  });

  it('reports a change whenever a non-whitespace character was not kept as it was', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const result = toSepaText(input, 10_000);
        const withoutWhitespace = (s: string) => s.replace(/\s+/gu, ' ').trim();
        if (result.replacements.length === 0) expect(result.value).toBe(withoutWhitespace(input.normalize('NFC')));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const once = toSepaText(input, 140).value;
        expect(toSepaText(once, 140)).toEqual({ value: once, replacements: [], truncated: false });
      }),
    );
  });
});

describe('sepaIdentifierProblem', () => {
  it.each(['FF-2026-11-0001', 'A', 'x'.repeat(35), "FF/2026/0007 A3 (Rest) +1 ?:.,'", 'NOTPROVIDED'])('accepts %p', (id) => {
    expect(sepaIdentifierProblem(id, 35)).toBeNull();
  });

  it.each([
    ['', /darf nicht leer sein/],
    ['x'.repeat(36), /höchstens 35 Zeichen lang sein \(hat 36\)/],
    ['FF-2026-Ü', /nur Buchstaben/],
    ['FF_2026', /nur Buchstaben/],
    ['FF#1', /nur Buchstaben/],
    [' FF-1', /Leerzeichen beginnen oder enden/],
    ['FF-1 ', /Leerzeichen beginnen oder enden/],
    ['/FF-1', /"\/" beginnen oder enden/],
    ['FF-1/', /"\/" beginnen oder enden/],
    ['FF//1', /kein "\/\/" enthalten/],
  ])('refuses %p', (id, message) => {
    expect(sepaIdentifierProblem(id, 35, 'Die Ende-zu-Ende-Referenz')).toMatch(message);
  });

  it('names the field in the message', () => {
    expect(sepaIdentifierProblem('', 35, 'Die Nachrichten-ID')).toBe('Die Nachrichten-ID darf nicht leer sein.');
  });
});
