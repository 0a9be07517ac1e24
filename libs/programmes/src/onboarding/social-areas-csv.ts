import { type FieldError, validationError } from '@foerderfluss/core';

/** One Sozialraum of a CSV file: its code, name and Gemeinden. */
export interface SocialAreaRow {
  /** Line of the file (1 = the header). */
  line: number;
  code: string;
  name: string;
  municipalities: string[];
}

export const SOCIAL_AREA_COLUMNS = ['code', 'name', 'gemeinden'] as const;
const CODE = /^[A-Z0-9_]{1,40}$/;
const MAX_ROWS = 200;

/**
 * Reads the Sozialräume of a new Kreis from CSV: `code;name;gemeinden`, one Sozialraum per line,
 * the Gemeinden comma-separated in their column (may be empty, e.g. for „kreisweit“). Fields may be
 * quoted ("…", "" inside for a quote). Every problem is reported at once, each naming line and
 * column in German (path `socialAreas`), so the file can be fixed in one go.
 */
export function parseSocialAreasCsv(text: string, path = 'socialAreas'): SocialAreaRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const errors: FieldError[] = [];
  const fail = (message: string): void => {
    errors.push({ path, message });
  };
  if (lines.length === 0) throw validationError([{ path, message: 'Die Datei ist leer. Erwartet wird die Kopfzeile „code;name;gemeinden“ und eine Zeile je Sozialraum.' }]);
  const header = splitLine(lines[0]!).map((h) => h.trim().toLowerCase());
  if (header.join(';') !== SOCIAL_AREA_COLUMNS.join(';')) {
    throw validationError([{ path, message: `Zeile 1: Die Kopfzeile muss „code;name;gemeinden“ lauten (gefunden: „${lines[0]!.slice(0, 80)}“).` }]);
  }
  const rows: SocialAreaRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i]!.trim() === '') continue;
    let cells: string[];
    try {
      cells = splitLine(lines[i]!);
    } catch {
      fail(`Zeile ${line}: Ein Anführungszeichen ist nicht geschlossen.`);
      continue;
    }
    if (cells.length !== 3) {
      fail(`Zeile ${line}: ${cells.length} Spalten statt 3 (code;name;gemeinden).`);
      continue;
    }
    const code = cells[0]!.trim().toUpperCase();
    const name = cells[1]!.trim();
    const municipalities = cells[2]!.split(',').map((g) => g.trim()).filter((g) => g !== '');
    if (code === '') fail(`Zeile ${line}, Spalte „code“: Bitte ein Kürzel angeben.`);
    else if (!CODE.test(code)) fail(`Zeile ${line}, Spalte „code“: „${cells[0]!.trim().slice(0, 40)}“ ist kein gültiges Kürzel (Buchstaben A–Z, Ziffern und „_“, höchstens 40 Zeichen).`);
    else if (seen.has(code)) fail(`Zeile ${line}, Spalte „code“: „${code}“ steht schon in Zeile ${seen.get(code)}.`);
    if (name === '') fail(`Zeile ${line}, Spalte „name“: Bitte den Namen des Sozialraums angeben.`);
    else if (name.length > 200) fail(`Zeile ${line}, Spalte „name“: höchstens 200 Zeichen.`);
    if (municipalities.some((g) => g.length > 100)) fail(`Zeile ${line}, Spalte „gemeinden“: Ein Gemeindename hat höchstens 100 Zeichen.`);
    if (new Set(municipalities).size !== municipalities.length) fail(`Zeile ${line}, Spalte „gemeinden“: Eine Gemeinde ist doppelt genannt.`);
    if (code !== '' && !seen.has(code)) seen.set(code, line);
    rows.push({ line, code, name, municipalities });
  }
  if (rows.length === 0 && errors.length === 0) fail('Die Datei enthält keinen Sozialraum (nur die Kopfzeile).');
  if (rows.length > MAX_ROWS) fail(`Höchstens ${MAX_ROWS} Sozialräume je Datei.`);
  if (errors.length > 0) throw validationError(errors, `Die Sozialräume konnten nicht gelesen werden (${errors.length} ${errors.length === 1 ? 'Fehler' : 'Fehler'}).`);
  return rows;
}

/** Splits one line at `;`, honouring double quotes; throws on an unclosed quote. */
function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ';') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new Error('unclosed quote');
  cells.push(cell);
  return cells;
}
