import { IsString } from 'class-validator';
import { lineBreakProblems, MultiLineText, rawInputProblems } from './text-input';

const NUL = String.fromCharCode(0);

describe('rawInputProblems', () => {
  const body = (v: unknown) => rawInputProblems(v, { maxDepth: 32, lineBreaks: true, path: '' });

  it('names every string and key with a control character, by its path', () => {
    expect(body({ name: `a${NUL}b`, list: ['ok', `x${String.fromCharCode(0x1b)}`], nested: { [`k${NUL}`]: 1 }, c1: `\u0085` })).toEqual([
      { path: 'name', message: expect.stringContaining('NUL-Zeichen') },
      { path: 'list[1]', message: expect.stringContaining('U+001B') },
      { path: 'nested.k\\u0000', message: expect.stringContaining('Feldname') },
      { path: 'c1', message: expect.stringContaining('U+0085') },
    ]);
  });

  it('leaves tab, CR and LF in a body to the DTO, refuses them in a query or path parameter', () => {
    expect(body({ text: 'a\r\n\tb' })).toEqual([]);
    expect(rawInputProblems('a\nb', { maxDepth: 32, lineBreaks: false, path: 'q' })).toEqual([{ path: 'q', message: expect.stringContaining('einzeilig') }]);
  });

  it('keeps text of any script, emoji and the other Unicode formats', () => {
    expect(body({ t: 'Übergröße 😀 ＝ «» \u202e \u00a0' })).toEqual([]);
  });

  it('refuses half a surrogate pair (no character at all; a random body once met a 500 with one), keeps whole pairs', () => {
    expect(body({ scope: '\ud800' })).toEqual([{ path: 'scope', message: expect.stringContaining('halbes Unicode-Zeichenpaar, U+D800') }]);
    expect(body({ a: 'x\udc00' })).toEqual([{ path: 'a', message: expect.stringContaining('U+DC00') }]);
    expect(body({ a: 'ende\ud83d' })).toEqual([{ path: 'a', message: expect.stringContaining('U+D83D') }]);
    expect(body({ a: 'Grüße 👋🏽 und 𝔄' })).toEqual([]);
  });

    it('refuses nesting beyond the limit without recursion (100.000 levels)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(body(deep)).toEqual([{ path: expect.stringMatching(/^(\[0\]){32}$/), message: 'Die Daten sind zu tief verschachtelt (höchstens 32 Ebenen).' }]);
    let ok: unknown = 'x';
    for (let i = 0; i < 32; i++) ok = { a: ok };
    expect(body(ok)).toEqual([]);
  });
});

describe('lineBreakProblems', () => {
  class Inner {
    @IsString() title!: string;
    @MultiLineText() @IsString() note!: string;
  }
  class Outer {
    @MultiLineText() lines!: string[];
    @IsString() name!: string;
    inner!: Inner;
    data!: Record<string, unknown>;
  }
  const dto = (patch: Partial<Outer>): Outer => Object.assign(new Outer(), { lines: [], name: 'n', inner: Object.assign(new Inner(), { title: 't', note: 'a\nb' }), data: {} }, patch);

  it('allows line breaks only where a field is declared multi-line', () => {
    expect(lineBreakProblems(dto({ lines: ['a\nb', 'c\td'] }))).toEqual([]);
    expect(lineBreakProblems(dto({ name: 'a\nb' }))).toEqual([{ path: 'name', message: expect.stringContaining('einzeilig') }]);
    expect(lineBreakProblems(dto({ inner: Object.assign(new Inner(), { title: 'a\tb', note: 'ok\n' }) }))).toEqual([{ path: 'inner.title', message: expect.stringContaining('Tabulator') }]);
    expect(lineBreakProblems(dto({ data: { x: ['a\rb'] } }))).toEqual([{ path: 'data.x[0]', message: expect.stringContaining('Zeilenumbruch') }]);
  });
});
