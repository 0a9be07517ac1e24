import path from 'node:path';
import type pdfmakeModule from 'pdfmake';
import type { Content, DynamicContent, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';

/**
 * The one place that talks to pdfmake (0.3, server side).
 *
 * pdfmake's module export is a process-wide singleton whose fonts and access policies any other
 * caller could change. The letters use their own instance of the same class instead, with:
 * - one embedded font family, Roboto (Regular/Medium/Italic/MediumItalic, OFL-1.1), the TrueType
 *   files pdfmake ships in `pdfmake/fonts/Roboto`. Roboto covers Latin-1 and the typography a
 *   German Bescheid needs (ä ö ü ß „ “ – € § and the no-break space). Fonts are subset-embedded,
 *   so the PDF looks the same on every reader and printer.
 * - no network: every URL is refused (fonts, images), and local file access is limited to those
 *   four font files.
 * - deterministic bytes: the creation date comes from the model and pdfkit derives the file ID
 *   from the metadata, so the same model gives the same PDF.
 */

const ROBOTO_DIR = path.dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));

/** The font family name used in document definitions. */
export const LETTER_FONT = 'Roboto';

/** Where the embedded font files come from (for documentation and the font test). */
export const LETTER_FONT_FILES = {
  normal: path.join(ROBOTO_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(ROBOTO_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(ROBOTO_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(ROBOTO_DIR, 'Roboto-MediumItalic.ttf'),
} as const;

type PdfMakeInstance = typeof pdfmakeModule;

// Loaded on first use: pdfmake and pdfkit cost about 26 MB of RSS, which the api and a worker that
// only exports or imports would otherwise carry for nothing (bench:export measures the worker).
async function createPrivateInstance(): Promise<PdfMakeInstance> {
  const pdfmake = (await import('pdfmake')).default;
  const ctor = (Object.getPrototypeOf(pdfmake) as { constructor?: unknown } | null)?.constructor;
  if (typeof ctor !== 'function') throw new Error('pdfmake: unerwartete Modulform (keine Klasse hinter dem Export).');
  const instance = new (ctor as new () => PdfMakeInstance)();
  if (typeof instance.createPdf !== 'function' || typeof instance.setFonts !== 'function') {
    throw new Error('pdfmake: unerwartete Modulform (createPdf/setFonts fehlen).');
  }
  const allowedFiles = new Set<string>(Object.values(LETTER_FONT_FILES));
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((file) => allowedFiles.has(path.resolve(file)));
  return instance;
}

let instance: PdfMakeInstance | null = null;

/** A fresh font dictionary per document: pdfmake rewrites the descriptors while it resolves them. */
function fonts(): TFontDictionary {
  return { [LETTER_FONT]: { ...LETTER_FONT_FILES } };
}

export interface RenderOptions {
  /**
   * Deflate the content streams (default true). Tests may switch it off to read the raw
   * streams; production output is always compressed.
   */
  compress?: boolean;
  /**
   * A preview of a letter that approval would issue (issue 16): the same document, marked
   * "Entwurf" diagonally across every page, in a line at the top of every page and in the PDF
   * title, so a printed or forwarded copy can never pass for the signed letter.
   */
  draft?: boolean;
}

export const DRAFT_MARK = 'ENTWURF';
export const DRAFT_LINE = 'Entwurf – nicht freigegeben, nicht versandt';

const MM = 72 / 25.4;
const NBSP_DOT = '\u00a0·\u00a0';

/** The draft marks laid over a finished document definition (its content stays untouched). */
function asDraft(definition: TDocumentDefinitions): TDocumentDefinitions {
  const header = definition.header;
  const draftHeader: DynamicContent = (currentPage, pageCount, pageSize) => {
    const own = typeof header === 'function' ? header(currentPage, pageCount, pageSize) : (header ?? null);
    // Style "pageFrame" (layout.ts): header nodes do not count as body text for the orphan check.
    const line: Content = { text: `${DRAFT_LINE}${NBSP_DOT}${DRAFT_MARK}`, style: 'pageFrame', bold: true, fontSize: 8, color: '#b3261e', margin: [25 * MM, 5 * MM, 20 * MM, 0] };
    return own ? { stack: [line, own], style: 'pageFrame' } : line;
  };
  return {
    ...definition,
    info: { ...definition.info, title: `Entwurf: ${definition.info?.title ?? ''}`, subject: `Entwurf: ${definition.info?.subject ?? definition.info?.title ?? ''}` },
    watermark: { text: DRAFT_MARK, color: '#b3261e', opacity: 0.12, bold: true },
    header: draftHeader,
  };
}

/** Lays out and writes one document; resolves with the complete PDF. */
export async function renderPdf(definition: TDocumentDefinitions, options: RenderOptions = {}): Promise<Buffer> {
  instance ??= await createPrivateInstance();
  instance.setFonts(fonts());
  const doc: TDocumentDefinitions = { ...(options.draft ? asDraft(definition) : definition), compress: options.compress ?? true };
  return instance.createPdf(doc).getBuffer();
}
