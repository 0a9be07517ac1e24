import { createHash, type Hash } from 'node:crypto';
import type { Canonical } from './cell-encoding';

/**
 * The checksum of an export's data rows, printed on the Info sheet, identical for the xlsx and the
 * CSV of the same rows. Version `ff-rows-v1`:
 *
 *   SHA-256 over the UTF-8 bytes of the concatenation, over all data rows in sheet order (not the
 *   header, not the totals row), of  JSON.stringify(fields) + "\n"
 *
 * where `fields` is the array of the row's cells in column order, each the cell's canonical text
 * (cell-encoding.ts) or `null` for an empty cell:
 *   text     the text exactly as stored in the cell (so including a neutralising leading `'`)
 *   money    `-1234.50`: `-` for negative, no thousands separators, `.`, exactly two places
 *   decimal  the same with the column's number of places
 *   percent  the fraction (90 % → `0.9000`) with the column's places + 2
 *   integer  `-12`
 *   date     `YYYY-MM-DD`
 *   boolean  `ja` / `nein`
 * JSON.stringify is ECMAScript's (no spaces; `"`, `\`, and control characters escaped as \" \\ \n
 * \t \b \f \r \u00XX with lower-case hex; nothing else escaped). Python's
 * `json.dumps(fields, ensure_ascii=False, separators=(',', ':'))` produces the same bytes.
 * Zero rows hash to SHA-256 of the empty string (e3b0c442…).
 *
 * To recompute from the xlsx: read each data row, map each cell back by its column's type (a date
 * cell to its `YYYY-MM-DD`, a number to the fixed-place text of its column) and hash as above. The
 * libs/exports README has a worked example.
 */
export const ROW_HASH_VERSION = 'ff-rows-v1';

/** German one-line description for the Info sheet. */
export const ROW_HASH_DESCRIPTION =
  'SHA-256 über UTF-8 der Datenzeilen in Blattreihenfolge (ohne Kopf- und Summenzeile); je Zeile ' +
  'JSON-Array der Zellwerte in Spaltenreihenfolge + Zeilenumbruch (LF); Text wie gespeichert, ' +
  'Beträge "-1234.50", Dezimalzahlen mit fester Stellenzahl, Prozent als Anteil ("0.9000"), ' +
  'Datum "JJJJ-MM-TT", leere Zelle null.';

/** Bytes collected before they are handed to the hash: one update per row would cost more than the hash. */
const FLUSH_AT = 64 * 1024;

export class RowHasher {
  private readonly hash: Hash = createHash('sha256');
  private pending = '';
  private rows = 0;

  update(fields: readonly Canonical[]): void {
    this.pending += `${JSON.stringify(fields)}\n`;
    this.rows++;
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Hex digest; the hasher cannot be used afterwards. */
  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.pending !== '') {
      this.hash.update(this.pending, 'utf8');
      this.pending = '';
    }
  }
}

/** The checksum of already canonical rows (for verification and tests). */
export function canonicalRowsSha256(rows: Iterable<readonly Canonical[]>): string {
  const hasher = new RowHasher();
  for (const row of rows) hasher.update(row);
  return hasher.digest();
}
