import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { DomainError } from '@foerderfluss/core';
import {
  importFileEmpty,
  importFileTooLarge,
  importSuspiciousCompression,
  importUnpackedTooLarge,
  importUnsupportedFormat,
} from './import.errors';
import { detectDelimiter, matchHeader, splitCsvLine } from './header';
import { inspectZip, ZipDirectory, ZipInspectionError } from './zip-inspection';

export type ImportFormat = 'XLSX' | 'CSV';

export interface ImportLimits {
  readonly maxBytes: number;
  readonly maxUnzippedBytes: number;
  readonly maxZipRatio: number;
  readonly maxRows: number;
}

export interface SniffResult {
  readonly format: ImportFormat;
  readonly size: number;
  /** xlsx only: the checked central directory. */
  readonly zip?: ZipDirectory;
  /** csv only: the separator of the header line. */
  readonly delimiter?: ';' | ',' | '\t';
}

/** Entries below this size are not judged by their own ratio (tiny XML parts compress very well). */
const RATIO_MIN_ENTRY_BYTES = 1024 * 1024;
const CSV_HEADER_PEEK_BYTES = 64 * 1024;
/** A CSV counts as a Belegliste when its first line names at least this many of its columns. */
const CSV_MIN_KNOWN_HEADERS = 2;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (buf: Buffer, magic: number[]): boolean => magic.every((b, i) => buf[i] === b);

/**
 * Decides by the bytes, never by the name, whether `path` is an xlsx workbook or a CSV Belegliste,
 * and refuses what must not reach the worker: too large, neither format, a zip bomb. Reads the ZIP
 * central directory and at most a few headers; never inflates anything.
 */
export async function sniffImportFile(path: string, limits: ImportLimits): Promise<SniffResult> {
  const { size } = await stat(path);
  if (size === 0) throw importFileEmpty();
  if (size > limits.maxBytes) throw importFileTooLarge(limits.maxBytes);
  const head = Buffer.alloc(8);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, 8, 0);
  } finally {
    await fh.close();
  }
  if (startsWith(head, ZIP_MAGIC) || startsWith(head, EMPTY_ZIP_MAGIC)) return { format: 'XLSX', size, zip: await checkWorkbook(path, limits) };
  if (startsWith(head, CFB_MAGIC)) {
    throw importUnsupportedFormat('Die Datei ist im alten Excel-Format (.xls) gespeichert oder mit einem Kennwort geschützt.');
  }
  return { format: 'CSV', size, delimiter: await checkCsv(path) };
}

async function checkWorkbook(path: string, limits: ImportLimits): Promise<ZipDirectory> {
  let zip: ZipDirectory;
  try {
    zip = await inspectZip(path);
  } catch (err) {
    if (!(err instanceof ZipInspectionError)) throw err;
    if (err.problem.kind === 'ENCRYPTED') throw importUnsupportedFormat('Die Datei ist verschlüsselt.');
    throw importUnsupportedFormat('Die Datei ist kein gültiges ZIP-Archiv und damit keine Excel-Datei (.xlsx).');
  }
  const names = new Set(zip.entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw importUnsupportedFormat('Die Datei ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe (.xlsx).');
  }
  if (zip.totalUncompressed > limits.maxUnzippedBytes) throw importUnpackedTooLarge(limits.maxUnzippedBytes, zip.totalUncompressed);
  const tooDense = (uncompressed: number, compressed: number): boolean => uncompressed > limits.maxZipRatio * Math.max(1, compressed);
  if (tooDense(zip.totalUncompressed, zip.totalCompressed)) throw importSuspiciousCompression(limits.maxZipRatio);
  for (const e of zip.entries) {
    if (e.uncompressedSize >= RATIO_MIN_ENTRY_BYTES && tooDense(e.uncompressedSize, e.compressedSize)) throw importSuspiciousCompression(limits.maxZipRatio);
  }
  return zip;
}

/** UTF-8 (BOM allowed), no NUL byte anywhere, and a first line that names Belegliste columns. */
async function checkCsv(path: string): Promise<';' | ',' | '\t'> {
  const notText = (): DomainError => importUnsupportedFormat('Die Datei ist weder eine Excel-Datei (.xlsx) noch eine Textdatei in UTF-8.');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let prefix = '';
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) throw notText();
      const text = decoder.decode(chunk, { stream: true });
      if (prefix.length < CSV_HEADER_PEEK_BYTES) prefix += text.slice(0, CSV_HEADER_PEEK_BYTES - prefix.length);
    }
    decoder.decode();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    // Node's TextDecoder (fatal) throws a TypeError with this code; instanceof fails across realms.
    if ((err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw importUnsupportedFormat('Die Textdatei ist nicht UTF-8-kodiert (z. B. „CSV (Trennzeichen-getrennt)“ aus Excel speichert Windows-1252; bitte „CSV UTF-8“ wählen).');
    }
    throw err;
  }
  const firstLine = (prefix.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '').slice(0, CSV_HEADER_PEEK_BYTES);
  const delimiter = detectDelimiter(firstLine);
  if (matchHeader(splitCsvLine(firstLine, delimiter)).known < CSV_MIN_KNOWN_HEADERS) {
    throw importUnsupportedFormat('Die Datei ist weder eine Excel-Datei (.xlsx) noch eine CSV-Datei mit der Kopfzeile der Belegliste.');
  }
  return delimiter;
}
