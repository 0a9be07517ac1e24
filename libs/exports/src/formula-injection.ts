/**
 * Formula-injection ("CSV injection") neutralisation, applied to every text cell of every export,
 * xlsx and CSV alike.
 *
 * A spreadsheet program turns a cell that begins with `=`, `+`, `-` or `@` (or their full-width
 * forms) into a formula when the file is imported (CSV) or the cell is edited (xlsx); tab, CR and
 * LF are included because some
 * importers strip them before looking at the first character, and leading whitespace is skipped
 * for the same reason (LibreOffice's "Leerzeichen entfernen" import option). Such text is stored
 * with a leading `'`, which every spreadsheet program shows as a plain apostrophe in the text and
 * never evaluates. Numeric cells (amounts, dates, counts) are not text and never pass through here,
 * so `-5.00` stays the number −5.
 */

const APOSTROPHE = "'";

/**
 * `=`, `+`, `-`, `@`, tab, LF, CR, and the full-width `＝＋－＠` (U+FF1D, U+FF0B, U+FF0D, U+FF20):
 * spreadsheet programs with East Asian input settings (and some importers' width normalisation)
 * read those as their ASCII forms and start a formula just the same.
 */
function isTrigger(code: number): boolean {
  return (
    code === 0x3d ||
    code === 0x2b ||
    code === 0x2d ||
    code === 0x40 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0xff1d ||
    code === 0xff0b ||
    code === 0xff0d ||
    code === 0xff20
  );
}

/**
 * Leading whitespace that an importer may trim: space, NBSP, the other Unicode spaces, BOM.
 * (Tab, LF and CR are triggers themselves and are tested first.)
 */
function isSkippableSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x0b ||
    code === 0x0c ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** True when `text` would be read as a formula by some spreadsheet program. */
export function isFormulaLike(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isTrigger(code)) return true;
    if (!isSkippableSpace(code)) return false;
  }
  return false;
}

/** `text` unchanged, or prefixed with `'` when it begins (after leading spaces) with a formula trigger. */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? APOSTROPHE + text : text;
}
