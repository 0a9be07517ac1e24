/**
 * Control characters (C0 with CR/LF and NUL, DEL, C1) and the invisible direction marks, overrides
 * and zero-width characters with which "rechnung‮fdp.exe" shows as "rechnungexe.pdf"; also the
 * Unicode line and paragraph separators. Letters of any script (umlauts, ß, accents) stay.
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Longest stored original file name, in characters (code points). */
export const MAX_UPLOAD_NAME_LENGTH = 200;

/**
 * The original name of an uploaded file as it may be stored and shown: NFC, the last path segment
 * only (no `../`, no `C:\…`), without control and direction characters, trimmed, at most `max`
 * characters (the end, with the extension, is kept), `fallback` when nothing is left.
 */
export function cleanUploadName(original: string, fallback: string, max = MAX_UPLOAD_NAME_LENGTH): string {
  let name = String(original ?? '').normalize('NFC').replace(UNSAFE_NAME_CHARS, '');
  name = (name.split(/[/\\]/).pop() ?? '').trim();
  if (name === '') return fallback;
  const chars = [...name];
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? [...name.slice(dot)] : [];
  // Keep an extension of sensible length; cut the stem.
  if (ext.length > 0 && ext.length <= 16) return [...chars.slice(0, max - ext.length), ...ext].join('');
  return chars.slice(0, max).join('');
}
