import { inflateSync } from 'node:zlib';

/**
 * A small reader for the PDFs this module writes (pdfkit output: a classic xref table, one content
 * stream per page, Type0/Identity-H fonts with a ToUnicode map, Flate or no compression). It gives
 * the page count and the text of each page, so tests (and a later e2e test of the download) can
 * check what a letter says without a PDF library. It is not a general PDF parser: no object
 * streams, no encryption, no incremental updates.
 */
export interface PdfText {
  /** /Count of the page tree. */
  pageCount: number;
  /** Text per page in drawing order; a new line wherever the baseline changes. */
  pages: string[];
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

export class PdfReadError extends Error {
  constructor(message: string) {
    super(`PDF nicht lesbar: ${message}`);
    this.name = 'PdfReadError';
  }
}

export function extractPdfText(bytes: Buffer): PdfText {
  const src = bytes.toString('latin1');
  if (!src.startsWith('%PDF-')) throw new PdfReadError('kein %PDF-Kopf');
  const objects = readObjects(bytes, src);
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(src.slice(src.lastIndexOf('trailer')));
  const rootId = trailer ? refOf(trailer[1]!, 'Root') : null;
  const root = rootId === null ? undefined : objects.get(rootId);
  const pagesId = root ? refOf(root.dict, 'Pages') : null;
  const pagesNode = pagesId === null ? undefined : objects.get(pagesId);
  if (!pagesNode) throw new PdfReadError('kein Seitenbaum');
  const count = /\/Count\s+(\d+)/.exec(pagesNode.dict);
  const pageIds = collectPages(objects, pagesId!);
  const fontCache = new Map<number, FontInfo>();
  const pages = pageIds.map((id) => pageText(objects, objects.get(id)!, fontCache));
  return { pageCount: count ? Number(count[1]) : pageIds.length, pages };
}

// ───────────────────────────────────────── objects ─────────────────────────────────────────

function readObjects(bytes: Buffer, src: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(src)) !== null) {
    const id = Number(match[1]);
    const start = header.lastIndex;
    const dictEnd = src.startsWith('<<', start) ? endOfDictionary(src, start) : src.indexOf('endobj', start);
    const dict = src.slice(start, dictEnd);
    let stream: Buffer | null = null;
    const after = /^\s*stream\r?\n/.exec(src.slice(dictEnd, dictEnd + 16));
    let next = dictEnd;
    if (after) {
      const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
      if (!length) throw new PdfReadError(`Objekt ${id}: Stream ohne direkte /Length`);
      const dataStart = dictEnd + after[0].length;
      const raw = bytes.subarray(dataStart, dataStart + Number(length[1]));
      stream = /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw);
      next = dataStart + Number(length[1]);
    }
    objects.set(id, { dict, stream });
    const end = src.indexOf('endobj', next);
    if (end < 0) throw new PdfReadError(`Objekt ${id} ohne endobj`);
    header.lastIndex = end + 'endobj'.length;
  }
  return objects;
}

/** Index just after the ">>" that closes the dictionary opening at `start` (strings skipped). */
function endOfDictionary(src: string, start: number): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '(') {
      i = endOfLiteralString(src, i) - 1;
    } else if (c === '<' && src[i + 1] === '<') {
      depth++;
      i++;
    } else if (c === '>' && src[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  throw new PdfReadError('Dictionary ohne Ende');
}

function endOfLiteralString(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  throw new PdfReadError('Zeichenkette ohne Ende');
}

function refOf(dict: string, key: string): number | null {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : null;
}

function collectPages(objects: Map<number, PdfObject>, id: number, seen = new Set<number>()): number[] {
  if (seen.has(id)) return [];
  seen.add(id);
  const node = objects.get(id);
  if (!node) return [];
  if (/\/Type\s*\/Page(?!s)/.test(node.dict)) return [id];
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict);
  if (!kids) return [];
  return [...kids[1]!.matchAll(/(\d+)\s+0\s+R/g)].flatMap((m) => collectPages(objects, Number(m[1]), seen));
}

// ───────────────────────────────────────── fonts ─────────────────────────────────────────

function pageFonts(objects: Map<number, PdfObject>, page: PdfObject): Map<string, number> {
  const resourcesId = refOf(page.dict, 'Resources');
  const resources = resourcesId === null ? page.dict : (objects.get(resourcesId)?.dict ?? '');
  const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources);
  const fonts = new Map<string, number>();
  if (fontDict) for (const m of fontDict[1]!.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+0\s+R/g)) fonts.set(m[1]!, Number(m[2]));
  return fonts;
}

/** code → text from a ToUnicode CMap (bfchar and bfrange, both forms). */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (raw: string) => {
    const hex = raw.replace(/\s+/g, '');
    let s = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const re = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]*>)/g;
    for (const m of block[1]!.matchAll(re)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const target = m[3]!;
      if (target.startsWith('[')) {
        // pdfkit writes a ligature as several code units in one entry: <0066 0069> for "fi".
        const values = [...target.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((v) => utf16(v[1]!));
        values.forEach((v, k) => map.set(lo + k, v));
      } else {
        const base = target.slice(1, -1).replace(/\s+/g, '');
        const first = parseInt(base.slice(-4), 16);
        for (let code = lo; code <= hi; code++) map.set(code, utf16(base.slice(0, -4)) + String.fromCharCode(first + code - lo));
      }
    }
  }
  return map;
}

interface FontInfo {
  /** code → text; null for a font without ToUnicode (bytes are read as Latin-1). */
  unicode: Map<number, string> | null;
  /** code → advance width in 1/1000 text space units (from the descendant font's /W). */
  widths: Map<number, number>;
}

/** /W of a CIDFont: "c [w1 w2 …]" and "c_first c_last w" runs. */
function cidWidths(dict: string): Map<number, number> {
  const widths = new Map<number, number>();
  const start = dict.indexOf('/W');
  if (start < 0) return widths;
  const tokens = tokenize(dict.slice(start + 2, endOfArray(dict, dict.indexOf('[', start))));
  const list = tokens[0]?.kind === 'array' ? tokens[0].value : [];
  for (let i = 0; i < list.length; ) {
    const first = list[i];
    const second = list[i + 1];
    if (first?.kind === 'num' && second?.kind === 'array') {
      second.value.forEach((w, k) => {
        if (w.kind === 'num') widths.set(first.value + k, w.value);
      });
      i += 2;
    } else if (first?.kind === 'num' && second?.kind === 'num' && list[i + 2]?.kind === 'num') {
      for (let c = first.value; c <= second.value; c++) widths.set(c, (list[i + 2] as { value: number }).value);
      i += 3;
    } else i++;
  }
  return widths;
}

function endOfArray(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '[') depth++;
    else if (src[i] === ']' && --depth === 0) return i + 1;
  }
  return src.length;
}

function fontInfo(objects: Map<number, PdfObject>, fontId: number, cache: Map<number, FontInfo>): FontInfo {
  let info = cache.get(fontId);
  if (!info) {
    const font = objects.get(fontId);
    const cmapId = font ? refOf(font.dict, 'ToUnicode') : null;
    const cmap = cmapId === null ? undefined : objects.get(cmapId)?.stream;
    const descendant = font ? /\/DescendantFonts\s*\[\s*(\d+)\s+0\s+R/.exec(font.dict) : null;
    const descendantDict = descendant ? (objects.get(Number(descendant[1]))?.dict ?? '') : '';
    info = { unicode: cmap ? toUnicodeMap(cmap.toString('latin1')) : null, widths: cidWidths(descendantDict) };
    cache.set(fontId, info);
  }
  return info;
}

// ───────────────────────────────────────── content ─────────────────────────────────────────

type Token = { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'str'; value: Buffer } | { kind: 'array'; value: Token[] } | { kind: 'op'; value: string };

function tokenize(content: string): Token[] {
  const tokens: Token[] = [];
  const stack: Token[][] = [tokens];
  const push = (t: Token) => stack[stack.length - 1]!.push(t);
  let i = 0;
  while (i < content.length) {
    const c = content[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < content.length && content[i] !== '\n') i++;
    } else if (c === '[') {
      const array: Token[] = [];
      push({ kind: 'array', value: array });
      stack.push(array);
      i++;
    } else if (c === ']') {
      if (stack.length > 1) stack.pop();
      i++;
    } else if (c === '<' && content[i + 1] === '<') {
      i = endOfDictionary(content, i); // inline dictionaries (marked content) are skipped
    } else if (c === '<') {
      const end = content.indexOf('>', i);
      push({ kind: 'str', value: Buffer.from(content.slice(i + 1, end).replace(/\s+/g, ''), 'hex') });
      i = end + 1;
    } else if (c === '(') {
      const end = endOfLiteralString(content, i);
      push({ kind: 'str', value: unescapeLiteral(content.slice(i + 1, end - 1)) });
      i = end;
    } else if (c === '/') {
      const m = /^\/[^\s/<>[\]()]*/.exec(content.slice(i, i + 128))!;
      push({ kind: 'name', value: m[0].slice(1) });
      i += m[0].length;
    } else {
      const m = /^[^\s/<>[\]()%]+/.exec(content.slice(i, i + 64))!;
      const word = m[0];
      const n = Number(word);
      push(Number.isFinite(n) && /^[-+.\d]/.test(word) ? { kind: 'num', value: n } : { kind: 'op', value: word });
      i += word.length;
    }
  }
  return tokens;
}

function unescapeLiteral(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out.push(c.charCodeAt(0) & 0xff);
      continue;
    }
    const n = s[++i];
    if (n === undefined) break;
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (n in simple) out.push(simple[n]!);
    else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(s.slice(i))![0];
      out.push(parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else if (n === '\r' || n === '\n') {
      if (n === '\r' && s[i + 1] === '\n') i++;
    } else out.push(n.charCodeAt(0));
  }
  return Buffer.from(out);
}

/** The text of a string operand and its advance in 1/1000 units (0 when the widths are unknown). */
function decode(bytes: Buffer, font: FontInfo | null): { text: string; advance: number } {
  if (!font?.unicode) return { text: bytes.toString('latin1'), advance: 0 };
  let text = '';
  let advance = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const code = bytes.readUInt16BE(i);
    text += font.unicode.get(code) ?? '\ufffd';
    advance += font.widths.get(code) ?? 0;
  }
  return { text, advance };
}

function pageText(objects: Map<number, PdfObject>, page: PdfObject, fontCache: Map<number, FontInfo>): string {
  const fonts = pageFonts(objects, page);
  const contentIds = (() => {
    const array = /\/Contents\s*\[([^\]]*)\]/.exec(page.dict);
    if (array) return [...array[1]!.matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
    const single = refOf(page.dict, 'Contents');
    return single === null ? [] : [single];
  })();
  const content = contentIds.map((id) => objects.get(id)?.stream?.toString('latin1') ?? '').join('\n');

  let font: FontInfo | null = null;
  let fontSize = 10;
  let x = 0;
  let y: number | null = null;
  /** Where the previous piece of text ended on the current baseline. */
  let endX: number | null = null;
  let text = '';
  const operands: Token[] = [];
  // A new baseline starts a new line. On the same baseline, a gap wider than a fifth of the font
  // size between the end of the last piece and the start of the next (table cells, columns) is a
  // space; adjacent pieces (a word split at a hyphen or a change to bold) join without one.
  const moveTo = (newX: number, newY: number) => {
    if (text !== '' && !text.endsWith('\n')) {
      if (y !== null && Math.abs(newY - y) > 0.5) text += '\n';
      else if (!/\s$/.test(text) && (endX === null || newX - endX > fontSize * 0.2)) text += ' ';
    }
    x = newX;
    y = newY;
    endX = null;
  };
  const show = (bytes: Buffer, kerning = 0) => {
    const piece = decode(bytes, font);
    text += piece.text;
    x += ((piece.advance - kerning) * fontSize) / 1000;
    endX = x;
  };
  for (const token of tokenize(content)) {
    if (token.kind !== 'op') {
      operands.push(token);
      continue;
    }
    const nums = operands.filter((t): t is { kind: 'num'; value: number } => t.kind === 'num').map((t) => t.value);
    switch (token.value) {
      case 'Tf': {
        const name = operands.find((t) => t.kind === 'name');
        const id = name ? fonts.get(name.value as string) : undefined;
        font = id === undefined ? null : fontInfo(objects, id, fontCache);
        if (nums.length > 0) fontSize = nums[0]!;
        break;
      }
      case 'Tm':
        if (nums.length >= 6) moveTo(nums[4]!, nums[5]!);
        break;
      case 'Td':
      case 'TD':
        if (nums.length >= 2) moveTo(x + nums[0]!, (y ?? 0) + nums[1]!);
        break;
      case 'TJ': {
        const array = operands.find((t) => t.kind === 'array');
        let kerning = 0;
        for (const part of (array?.value as Token[] | undefined) ?? []) {
          if (part.kind === 'num') kerning += part.value;
          else if (part.kind === 'str') {
            if (kerning !== 0) x -= (kerning * fontSize) / 1000;
            kerning = 0;
            show(part.value);
          }
        }
        break;
      }
      case 'Tj':
      case "'":
      case '"': {
        const str = operands.find((t) => t.kind === 'str');
        if (str) show(str.value as Buffer);
        break;
      }
      default:
        break;
    }
    operands.length = 0;
  }
  return text;
}
