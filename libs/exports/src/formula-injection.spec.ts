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
    // unchanged
    ['Evangelisches Sozialwerk Pleißenland e.V.', 'Evangelisches Sozialwerk Pleißenland e.V.'],
    ['Miete 1=2', 'Miete 1=2'],
    ['a-b', 'a-b'],
    ['E-Mail: info@example.org', 'E-Mail: info@example.org'],
    ["'=1", "'=1"], // already starts with an apostrophe: not a formula
    ['', ''],
    ['   ', '   '],
    ['100 %', '100 %'],
  ])('%j → %j', (input, stored) => {
    expect(neutraliseFormula(input)).toBe(stored);
    expect(isFormulaLike(input)).toBe(stored !== input);
  });

  it('is idempotent: a neutralised text is no longer formula-like', () => {
    for (const t of ['=1', ' +1', '\t-1', '@x']) expect(isFormulaLike(neutraliseFormula(t))).toBe(false);
  });
});
