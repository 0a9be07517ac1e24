import path from 'node:path';
import type pdfmakeModule from 'pdfmake';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';

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
}

/** Lays out and writes one document; resolves with the complete PDF. */
export async function renderPdf(definition: TDocumentDefinitions, options: RenderOptions = {}): Promise<Buffer> {
  instance ??= await createPrivateInstance();
  instance.setFonts(fonts());
  const doc: TDocumentDefinitions = { ...definition, compress: options.compress ?? true };
  return instance.createPdf(doc).getBuffer();
}
