import { isFormulaLike, neutraliseFormula } from './formula-injection';

describe('neutraliseFormula', () => {
  it.each([
    // [input, stored]
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+SUM(1)', `'+SUM(1)`],
    ['-1+2', `'-1+2`],
    ['@A1', `'@A1`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['\n=1', `'\n=1`],
    ['  =1', `'  =1`],
    ['\u00a0=1', `'\u00a0=1`],
    ['\u3000+1', `'\u3000+1`],
    ['\ufeff=1', `'\ufeff=1`],
    ['=', `'=`],
    ['-', `'-`],
    ['-5.00', `'-5.00`], // as *text*; numeric cells never come here
    // full-width forms (issue 18): read as their ASCII forms by some spreadsheet programs
    ['\uff1dHYPERLINK("http://x","y")', `'\uff1dHYPERLINK("http://x","y")`],
    ['\uff0bSUM(1)', `'\uff0bSUM(1)`],
    ['\uff0d1+2', `'\uff0d1+2`],
    ['\uff20A1', `'\uff20A1`],
    ['  \uff1d1', `'  \uff1d1`],
    ['\u3000\uff0b1', `'\u3000\uff0b1`],
    // unchanged
    ['Evangelisches Sozialwerk Pleißenland e.V.', 'Evangelisches Sozialwerk Pleißenland e.V.'],
    ['Miete 1=2', 'Miete 1=2'],
    ['a-b', 'a-b'],
    ['E-Mail: info@example.org', 'E-Mail: info@example.org'],
    ["'=1", "'=1"], // already starts with an apostrophe: not a formula
    ['', ''],
    ['   ', '   '],
    ['100 %', '100 %'],
    ['Miete \uff1d 1\uff0b2', 'Miete \uff1d 1\uff0b2'], // full-width inside the text is harmless
    ['\uff01Achtung', '\uff01Achtung'], // other full-width punctuation is no trigger
  ])('%j → %j', (input, stored) => {
    expect(neutraliseFormula(input)).toBe(stored);
    expect(isFormulaLike(input)).toBe(stored !== input);
  });

  it('is idempotent: a neutralised text is no longer formula-like', () => {
    for (const t of ['=1', ' +1', '\t-1', '@x', '\uff1d1', '\uff20x']) expect(isFormulaLike(neutraliseFormula(t))).toBe(false);
  });
});
