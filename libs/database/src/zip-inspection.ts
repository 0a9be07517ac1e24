import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

/**
 * What the central directory of a ZIP archive says, read by random access without inflating
 * anything: the upload check (zip bomb, "is it an xlsx") must cost milliseconds whatever the
 * archive claims to contain. A streaming reader (exceljs → unzipper) walks the *local* headers
 * instead, so `inspectZip` also checks that those agree with the directory, lie back to back and
 * hide nothing in between: then the streaming reader sees exactly the entries checked here.
 */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** Where the entry's compressed bytes start (after the local header). */
  readonly dataOffset: number;
}

export interface ZipDirectory {
  readonly entries: readonly ZipEntry[];
  readonly totalCompressed: number;
  readonly totalUncompressed: number;
}

export type ZipProblem =
  | { kind: 'INVALID'; detail: string }
  | { kind: 'ENCRYPTED' }
  | { kind: 'UNSUPPORTED_METHOD'; method: number };

export class ZipInspectionError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.kind === 'INVALID' ? `invalid zip: ${problem.detail}` : `zip: ${problem.kind}`);
    this.name = 'ZipInspectionError';
  }
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** Far more than any workbook has; bounds the work an archive with a huge directory can cause. */
const MAX_ENTRIES = 10000;
const MAX_DIRECTORY_BYTES = 8 * 1024 * 1024;
const U32_MAX = 0xffffffff;

const invalid = (detail: string): ZipInspectionError => new ZipInspectionError({ kind: 'INVALID', detail });

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid('64-bit value out of range');
  return Number(v);
}

/** ZIP64 extended information: only the fields whose 32-bit value is 0xFFFFFFFF are present, in this order. */
function zip64Extra(extra: Buffer, want: { uncompressed: boolean; compressed: boolean; offset: boolean }): { uncompressed?: number; compressed?: number; offset?: number } {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (p + 4 + size > extra.length) throw invalid('extra field overruns');
    if (id === 0x0001) {
      const out: { uncompressed?: number; compressed?: number; offset?: number } = {};
      let q = p + 4;
      const end = p + 4 + size;
      const take = (): number => {
        if (q + 8 > end) throw invalid('short zip64 extra field');
        const v = u64(extra, q);
        q += 8;
        return v;
      };
      if (want.uncompressed) out.uncompressed = take();
      if (want.compressed) out.compressed = take();
      if (want.offset) out.offset = take();
      return out;
    }
    p += 4 + size;
  }
  if (want.uncompressed || want.compressed || want.offset) throw invalid('zip64 extra field missing');
  return {};
}

/**
 * Reads the central directory of the ZIP file at `path` and checks it against the local headers.
 * Throws ZipInspectionError for anything that is not a plain, single-disk, unencrypted archive of
 * stored or deflated entries.
 */
export async function inspectZip(path: string): Promise<ZipDirectory> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size < EOCD_MIN) throw invalid('too short');
    const tailLength = Math.min(size, EOCD_MIN + MAX_COMMENT);
    const tail = await readAt(fh, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG_EOCD && i + EOCD_MIN + tail.readUInt16LE(i + 20) === tail.length) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw invalid('no end of central directory');
    const eocdAbs = size - tailLength + eocd;
    if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0) throw invalid('multi-disk archive');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === U32_MAX || cdOffset === U32_MAX) {
      if (eocdAbs < 20) throw invalid('zip64 locator missing');
      const loc = await readAt(fh, eocdAbs - 20, 20);
      if (loc.readUInt32LE(0) !== SIG_ZIP64_LOCATOR) throw invalid('zip64 locator missing');
      const z = await readAt(fh, u64(loc, 8), 56);
      if (z.length < 56 || z.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw invalid('zip64 end record missing');
      count = u64(z, 32);
      cdSize = u64(z, 40);
      cdOffset = u64(z, 48);
    }
    if (count > MAX_ENTRIES) throw invalid(`more than ${MAX_ENTRIES} entries`);
    if (cdSize > MAX_DIRECTORY_BYTES || cdOffset + cdSize > size) throw invalid('central directory out of range');
    const cd = await readAt(fh, cdOffset, cdSize);
    if (cd.length !== cdSize) throw invalid('central directory truncated');

    const raw: Omit<ZipEntry, 'dataOffset'>[] = [];
    const names = new Set<string>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) throw invalid('bad central directory entry');
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      let localHeaderOffset = cd.readUInt32LE(p + 42);
      const end = p + 46 + nameLength + extraLength + commentLength;
      if (end > cd.length) throw invalid('central directory entry overruns');
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      const z64 = zip64Extra(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), {
        uncompressed: uncompressedSize === U32_MAX,
        compressed: compressedSize === U32_MAX,
        offset: localHeaderOffset === U32_MAX,
      });
      uncompressedSize = z64.uncompressed ?? uncompressedSize;
      compressedSize = z64.compressed ?? compressedSize;
      localHeaderOffset = z64.offset ?? localHeaderOffset;
      if (flags & 0x0001 || flags & 0x0040) throw new ZipInspectionError({ kind: 'ENCRYPTED' });
      if (method !== 0 && method !== 8) throw new ZipInspectionError({ kind: 'UNSUPPORTED_METHOD', method });
      if (method === 0 && compressedSize !== uncompressedSize) throw invalid('stored entry with differing sizes');
      // Two entries of one name: which one a reader takes is up to the reader.
      if (names.has(name)) throw invalid(`duplicate entry ${name}`);
      names.add(name);
      raw.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
      p = end;
    }

    // The local headers: same name and method, sizes as declared, back to back from offset 0 to
    // the central directory, so nothing a streaming reader would see is left unchecked.
    const byOffset = [...raw].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
    const entries: ZipEntry[] = [];
    let expected = 0;
    for (const e of byOffset) {
      if (e.localHeaderOffset !== expected) throw invalid(`unexpected data before ${e.name}`);
      const h = await readAt(fh, e.localHeaderOffset, 30);
      if (h.length < 30 || h.readUInt32LE(0) !== SIG_LOCAL) throw invalid(`local header of ${e.name} missing`);
      const lFlags = h.readUInt16LE(6);
      const lMethod = h.readUInt16LE(8);
      const lNameLength = h.readUInt16LE(26);
      const lExtraLength = h.readUInt16LE(28);
      const tailBytes = await readAt(fh, e.localHeaderOffset + 30, lNameLength + lExtraLength);
      const lName = tailBytes.toString('utf8', 0, lNameLength);
      if (lName !== e.name || lMethod !== e.method || (lFlags & 0x0008) !== (e.flags & 0x0008)) throw invalid(`local header of ${e.name} differs`);
      let lCompressed = h.readUInt32LE(18);
      let lUncompressed = h.readUInt32LE(22);
      if (!(lFlags & 0x0008)) {
        if (lCompressed === U32_MAX || lUncompressed === U32_MAX) {
          const z = zip64Extra(tailBytes.subarray(lNameLength), { uncompressed: lUncompressed === U32_MAX, compressed: lCompressed === U32_MAX, offset: false });
          lCompressed = z.compressed ?? lCompressed;
          lUncompressed = z.uncompressed ?? lUncompressed;
        }
        if (lCompressed !== e.compressedSize || lUncompressed !== e.uncompressedSize) throw invalid(`sizes of ${e.name} differ`);
      }
      const dataOffset = e.localHeaderOffset + 30 + lNameLength + lExtraLength;
      let next = dataOffset + e.compressedSize;
      if (e.flags & 0x0008) {
        // Data descriptor: optional signature, CRC, then 32- or 64-bit sizes.
        const d = await readAt(fh, next, 4);
        const withSignature = d.length === 4 && d.readUInt32LE(0) === 0x08074b50;
        const candidates = withSignature ? [16, 24] : [12, 20];
        const following = byOffset[entries.length + 1]?.localHeaderOffset ?? cdOffset;
        const length = candidates.find((c) => next + c === following);
        if (length === undefined) throw invalid(`data descriptor of ${e.name} not where expected`);
        next += length;
      }
      entries.push({ ...e, dataOffset });
      expected = next;
    }
    if (expected !== cdOffset) throw invalid('unexpected data before the central directory');
    const totalCompressed = entries.reduce((s, e) => s + e.compressedSize, 0);
    const totalUncompressed = entries.reduce((s, e) => s + e.uncompressedSize, 0);
    const byName = new Map(entries.map((e) => [e.name, e]));
    return { entries: raw.map((r) => byName.get(r.name)!), totalCompressed, totalUncompressed };
  } finally {
    await fh.close();
  }
}

/** Thrown when an entry inflates to more bytes than its directory record declared. */
export class ZipEntryOverflowError extends Error {
  constructor(readonly entry: string) {
    super(`zip entry ${entry} inflates beyond its declared size`);
    this.name = 'ZipEntryOverflowError';
  }
}

function compressedStream(path: string, entry: ZipEntry, highWaterMark?: number): NodeJS.ReadableStream {
  return createReadStream(path, { start: entry.dataOffset, end: entry.dataOffset + Math.max(0, entry.compressedSize - 1), highWaterMark });
}

/**
 * Chunks of the size check: zlib's default 16 KB output chunks cost about four times the CPU of
 * 256 KB ones (a thread-pool round trip each), CPU the sheet's parsing and PostgreSQL want.
 */
const VERIFY_CHUNK_BYTES = 256 * 1024;

/**
 * The first `maxBytes` of an entry, inflated (or fewer when the entry is shorter); used to read the
 * `<dimension>` of a sheet for the progress estimate without inflating the sheet.
 */
export async function readEntryPrefix(path: string, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.compressedSize === 0) return Buffer.alloc(0);
  const source = compressedStream(path, entry);
  const chunks: Buffer[] = [];
  let total = 0;
  const sink = entry.method === 8 ? source.pipe(createInflateRaw()) : source;
  try {
    for await (const chunk of sink as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= maxBytes) break;
    }
  } catch {
    // A prefix is only an estimate; a broken entry is reported by the real read.
  } finally {
    (source as unknown as { destroy(): void }).destroy();
    (sink as unknown as { destroy(): void }).destroy();
  }
  return Buffer.concat(chunks).subarray(0, maxBytes);
}

/**
 * Inflates every entry once, counting bytes, and stops as soon as one produces more than its
 * directory record declared. The directory check at upload trusts the declared sizes; this pass,
 * run by the worker before the real read, makes sure the data keeps that promise (inflating is
 * fast, parsing the XML is what costs time).
 */
export async function verifyInflatedSizes(path: string, directory: ZipDirectory, only: (entry: ZipEntry) => boolean = () => true): Promise<void> {
  for (const entry of directory.entries) {
    if (!only(entry)) continue;
    if (entry.method !== 8 || entry.compressedSize === 0) continue;
    const source = compressedStream(path, entry, VERIFY_CHUNK_BYTES);
    const inflate = createInflateRaw({ chunkSize: VERIFY_CHUNK_BYTES });
    let produced = 0;
    try {
      for await (const chunk of source.pipe(inflate) as AsyncIterable<Buffer>) {
        produced += chunk.length;
        if (produced > entry.uncompressedSize) throw new ZipEntryOverflowError(entry.name);
      }
    } finally {
      (source as unknown as { destroy(): void }).destroy();
      inflate.destroy();
    }
  }
}
