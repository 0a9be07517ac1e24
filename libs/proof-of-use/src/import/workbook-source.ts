import { createReadStream } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { AppConfig, DomainError } from '@foerderfluss/core';
import { ImportFormat, ImportLimits, sniffImportFile } from './file-sniffing';
import { csvRows, SourceRow, UnreadableFileError, xlsxRows } from './row-sources';
import { readEntryPrefix, verifyInflatedSizes, ZipDirectory, ZipEntry, ZipEntryOverflowError } from './zip-inspection';

/**
 * Reading an uploaded Belegliste as a stream of row batches (xlsx or csv), with the size checks of
 * the upload repeated on the stored file and a progress estimate; no database here.
 */

export function importLimits(config: AppConfig): ImportLimits {
  return {
    maxBytes: config.importMaxBytes,
    maxUnzippedBytes: config.importMaxUnzippedBytes,
    maxZipRatio: config.importMaxZipRatio,
    maxRows: config.importMaxRows,
  };
}

/** German detail for a file that cannot be read as claimed; null for anything else (retry). */
export function unreadable(err: unknown): string | null {
  if (err instanceof UnreadableFileError) return err.germanDetail;
  if (err instanceof ZipEntryOverflowError) return 'Die Excel-Datei enthält mehr Daten, als ihr Inhaltsverzeichnis angibt, und wird aus Sicherheitsgründen nicht verarbeitet.';
  const gone = (err instanceof DomainError && err.code === 'FILE_NOT_FOUND') || (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  if (gone) return 'Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.';
  if (err instanceof DomainError && err.status < 500) return err.detail;
  return null;
}

export async function openSource(format: ImportFormat, path: string, limits: ImportLimits): Promise<{ rows: AsyncIterable<SourceRow[]>; estimate: (rowsRead: number) => number }> {
  // Check again what the upload checked (limits may have changed) and that the data keeps the
  // directory's promise; sniffImportFile throws the same German problems as at upload.
  const sniffed = await sniffImportFile(path, limits);
  if (format === 'XLSX') {
    if (sniffed.format !== 'XLSX' || !sniffed.zip) throw new UnreadableFileError('Die Datei ist keine Excel-Datei (.xlsx).');
    const zip = sniffed.zip;
    const verify = (only: (e: ZipEntry) => boolean): Promise<void> =>
      verifyInflatedSizes(path, zip, only).catch((err: unknown) => {
        throw err instanceof ZipEntryOverflowError ? err : new UnreadableFileError('Die Excel-Datei ist beschädigt und kann nicht gelesen werden.', err);
      });
    // What exceljs keeps in memory (shared strings, styles, workbook) is checked before it is read;
    // the sheets, which it only streams, are checked alongside the read (zlib runs off the main
    // thread), and a sheet that breaks its promise stops the read.
    await verify((e) => !SHEET_ENTRY.test(e.name));
    const expected = await expectedSheetRows(path, zip);
    const input = createReadStream(path);
    const sheetsChecked = verify((e) => SHEET_ENTRY.test(e.name));
    return { rows: guarded(xlsxRows(input), sheetsChecked, () => input.destroy()), estimate: (n) => (100 * n) / Math.max(n + 1, expected) };
  }
  if (sniffed.format !== 'CSV' || !sniffed.delimiter) throw new UnreadableFileError('Die Datei ist keine CSV-Datei.');
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const file: Readable = createReadStream(path);
  file.once('error', (err) => counter.destroy(err));
  file.pipe(counter);
  return { rows: csvRows(counter, sniffed.delimiter), estimate: () => (100 * bytes) / Math.max(1, sniffed.size) };
}

const SHEET_ENTRY = /^xl\/worksheets\/sheet\d+\.xml$/;

/** The batches of `rows`, failing with the guard's error (after `stop`) as soon as the guard fails; ends only once the guard passed. */
async function* guarded<T>(rows: AsyncIterable<T>, guard: Promise<void>, stop: () => void): AsyncGenerator<T> {
  let failure: unknown = null;
  const settled = guard.catch((err: unknown) => {
    failure = err;
    stop();
  });
  try {
    for await (const batch of rows) {
      if (failure) throw failure;
      yield batch;
    }
  } catch (err) {
    // The reader may trip over the bad data first; the guard knows why (it stops at the declared size).
    await settled;
    throw failure ?? err;
  }
  await settled;
  if (failure) throw failure;
}

/**
 * Rows the largest sheet will have, from its `<dimension ref="A1:M100001"/>` (written at the top by
 * Excel and exceljs), for the progress estimate; else a guess from its size.
 */
async function expectedSheetRows(path: string, zip: ZipDirectory): Promise<number> {
  const sheets = zip.entries.filter((e) => SHEET_ENTRY.test(e.name)).sort((a, b) => b.uncompressedSize - a.uncompressedSize);
  const sheet = sheets[0];
  if (!sheet) return 1;
  const head = (await readEntryPrefix(path, sheet, 4096)).toString('utf8');
  const m = /<dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head);
  return m ? Math.max(1, Number(m[1]) - 1) : Math.max(1, Math.round(sheet.uncompressedSize / 400));
}
