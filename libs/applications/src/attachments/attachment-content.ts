import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { cleanUploadName, MAX_UPLOAD_NAME_LENGTH } from '@foerderfluss/core';
import { inspectZip, readEntryPrefix, ZipInspectionError } from '@foerderfluss/database';
import { attachmentEmpty, attachmentTooLarge, attachmentUnsupportedType } from './attachments.errors';

export interface AttachmentContent {
  readonly contentType: string;
  /** The extension that belongs to the content (without dot). */
  readonly extension: string;
  readonly size: number;
  readonly sha256: string;
}

interface KnownType {
  readonly contentType: string;
  readonly extension: string;
}

const PDF: KnownType = { contentType: 'application/pdf', extension: 'pdf' };
const PNG: KnownType = { contentType: 'image/png', extension: 'png' };
const JPEG: KnownType = { contentType: 'image/jpeg', extension: 'jpg' };
const DOCX: KnownType = { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
const XLSX: KnownType = { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
const ODT: KnownType = { contentType: 'application/vnd.oasis.opendocument.text', extension: 'odt' };

/** Every content type an Anlage may have, by extension (for the name check). */
export const ATTACHMENT_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  pdf: ['pdf'],
  png: ['png'],
  jpg: ['jpg', 'jpeg'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  odt: ['odt'],
};

const startsWith = (buf: Buffer, magic: readonly number[]): boolean => magic.every((b, i) => buf[i] === b);
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** PDF readers accept the header anywhere in the first KB; so do we, but nothing before it may be a script. */
const PDF_HEADER_WINDOW = 1024;

/**
 * What the bytes of an uploaded Anlage are, decided by content, never by the name: PDF, PNG, JPEG,
 * or one of the ZIP-based office formats told apart by their parts (`word/document.xml`,
 * `xl/workbook.xml`, the ODF `mimetype` entry). Reads the ZIP directory and at most one tiny entry;
 * nothing is unpacked, so a zip bomb costs nothing here (the file is only stored and served).
 */
export async function inspectAttachment(path: string, maxBytes: number): Promise<AttachmentContent> {
  const { size } = await stat(path);
  if (size === 0) throw attachmentEmpty();
  if (size > maxBytes) throw attachmentTooLarge(maxBytes);
  const head = Buffer.alloc(Math.min(size, PDF_HEADER_WINDOW));
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  const type = await detect(path, head);
  if (!type) throw attachmentUnsupportedType();
  return { ...type, size, sha256: await sha256Of(path) };
}

async function detect(path: string, head: Buffer): Promise<KnownType | null> {
  if (startsWith(head, PNG_MAGIC)) return PNG;
  if (startsWith(head, JPEG_MAGIC)) return JPEG;
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  if (startsWith(head, ZIP_MAGIC)) return detectOfficeDocument(path);
  // Some PDF writers put a few bytes (a BOM, whitespace) before the header; HTML or scripts do not pass.
  const pdfAt = head.indexOf('%PDF-', 0, 'latin1');
  if (pdfAt > 0 && /^[\s\uFEFF\u00EF\u00BB\u00BF]*$/.test(head.subarray(0, pdfAt).toString('latin1'))) return PDF;
  return null;
}

async function detectOfficeDocument(path: string): Promise<KnownType | null> {
  let zip;
  try {
    zip = await inspectZip(path);
  } catch (err) {
    if (err instanceof ZipInspectionError) return null;
    throw err;
  }
  const byName = new Map(zip.entries.map((e) => [e.name, e]));
  if (byName.has('[Content_Types].xml')) {
    if (byName.has('word/document.xml')) return DOCX;
    if (byName.has('xl/workbook.xml')) return XLSX;
    return null;
  }
  const mimetype = byName.get('mimetype');
  if (mimetype && mimetype.uncompressedSize < 200) {
    const text = (await readEntryPrefix(path, mimetype, 200)).toString('ascii').trim();
    if (text === ODT.contentType) return ODT;
  }
  return null;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

const MAX_NAME_LENGTH = MAX_UPLOAD_NAME_LENGTH;

/**
 * The name an Anlage is listed and downloaded under: the last path segment only (no `../`, no
 * `C:\…`), without control characters and direction overrides, trimmed, at most 200 characters,
 * and ending in the extension of its actual content (`brief.exe` with PDF content becomes
 * `brief.exe.pdf`).
 */
export function cleanFileName(original: string, extension: string): string {
  // Control and direction characters out, last path segment (libs/core file-names.ts); no length bound yet.
  let name = cleanUploadName(original, '', Number.MAX_SAFE_INTEGER);
  name = name.replace(/[<>:"|?*]/g, '_').trim();
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  const fits = (ATTACHMENT_EXTENSIONS[extension] ?? [extension]).includes(ext);
  // No hidden files and no trailing dots (Windows drops them, and with them the extension).
  let stem = (fits ? name.slice(0, dot) : name).replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (stem === '') stem = 'Anlage';
  const suffix = `.${fits ? ext : extension}`;
  return `${[...stem].slice(0, MAX_NAME_LENGTH - suffix.length).join('')}${suffix}`;
}
