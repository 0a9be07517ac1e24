import { deflateSync } from 'node:zlib';
import { extractPdfText, PdfReadError } from './pdf-text';

/** A hand-written PDF: objects as given, a trailer pointing at the catalog (object 1). */
function pdf(objects: string[], compressContent?: { id: number; content: string }): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.3\n', 'latin1')];
  objects.forEach((body, i) => parts.push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1')));
  if (compressContent) {
    const data = deflateSync(Buffer.from(compressContent.content, 'latin1'));
    parts.push(
      Buffer.from(`${compressContent.id} 0 obj\n<<\n/Length ${data.length}\n/Filter /FlateDecode\n>>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    );
  }
  parts.push(Buffer.from('trailer\n<<\n/Size 9\n/Root 1 0 R\n>>\nstartxref\n0\n%%EOF\n', 'latin1'));
  return Buffer.concat(parts);
}

const stream = (content: string) => `<<\n/Length ${Buffer.byteLength(content, 'latin1')}\n>>\nstream\n${content}\nendstream`;

describe('extractPdfText', () => {
  it('reads pages in tree order, literal strings with escapes, and lines by baseline', () => {
    const page1 = 'BT\n/F1 12 Tf\n1 0 0 1 72 720 Tm\n(Gr\\374\\337e \\(Test\\)) Tj\n0 -14 Td\n(zweite Zeile) Tj\nET';
    const page2 = 'BT\n/F1 12 Tf\n1 0 0 1 72 720 Tm\n[(Seite) -250 ( 2)] TJ\nET';
    const bytes = pdf([
      '<<\n/Type /Catalog\n/Pages 2 0 R\n>>',
      '<<\n/Type /Pages\n/Count 2\n/Kids [3 0 R 4 0 R]\n>>',
      '<<\n/Type /Page\n/Parent 2 0 R\n/Contents 5 0 R\n/Resources << /Font << /F1 7 0 R >> >>\n>>',
      '<<\n/Type /Page\n/Parent 2 0 R\n/Contents 6 0 R\n/Resources << /Font << /F1 7 0 R >> >>\n>>',
      stream(page1),
      stream(page2),
      '<<\n/Type /Font\n/Subtype /Type1\n/BaseFont /Helvetica\n>>',
    ]);
    const text = extractPdfText(bytes);
    expect(text.pageCount).toBe(2);
    expect(text.pages).toEqual(['Grüße (Test)\nzweite Zeile', 'Seite 2']);
  });

  it('maps Identity-H codes through ToUnicode (bfchar, bfrange with base and with array) and spaces pieces by their widths', () => {
    const cmap =
      '/CIDInit /ProcSet findresource begin\nbegincmap\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange\n' +
      '1 beginbfchar\n<0004> <00DF>\nendbfchar\n' +
      '2 beginbfrange\n<0001> <0003> <0041>\n<0005> <0006> [<20AC> <0066 0069>]\nendbfrange\nendcmap';
    // "AB" ends at 72 + 2 × 500/1000 × 10 = 82: "C" right there joins, "ß€fi" 20 pt further is a new word.
    const content =
      'BT\n/F1 10 Tf\n1 0 0 1 72 700 Tm\n[<00010002>] TJ\n1 0 0 1 82 700 Tm\n[<0003>] TJ\n1 0 0 1 102 700 Tm\n[<0004> 50 <00050006>] TJ\nET';
    const bytes = pdf(
      [
        '<<\n/Type /Catalog\n/Pages 2 0 R\n>>',
        '<<\n/Type /Pages\n/Count 1\n/Kids [3 0 R]\n>>',
        '<<\n/Type /Page\n/Parent 2 0 R\n/Contents 8 0 R\n/Resources 4 0 R\n>>',
        '<<\n/Font <<\n/F1 5 0 R\n>>\n>>',
        '<<\n/Type /Font\n/Subtype /Type0\n/Encoding /Identity-H\n/DescendantFonts [6 0 R]\n/ToUnicode 7 0 R\n>>',
        '<<\n/Type /Font\n/Subtype /CIDFontType2\n/W [0 [500 500 500 500 500 500 500]]\n>>',
        stream(cmap),
      ],
      { id: 8, content },
    );
    expect(extractPdfText(bytes).pages).toEqual(['ABC ß€fi']);
  });

  it('refuses what is not a PDF', () => {
    expect(() => extractPdfText(Buffer.from('<html></html>'))).toThrow(PdfReadError);
  });
});
