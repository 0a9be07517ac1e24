import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { CreateMultipartUploadCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { DomainError, loadConfig } from '@foerderfluss/core';
import { receiptColumns, receiptRows } from '../test/fixtures';
import { StreamingCsvWriter } from './csv-writer';
import {
  createFileStorage,
  type FileStorage,
  InvalidStorageKeyError,
  LocalFileStorage,
  S3FileStorage,
  validateStorageKey,
  writeToStorage,
} from '@foerderfluss/database';
import { TestS3Server } from '../../database/test/s3-server';

/**
 * What the shared cases need from a backend besides the FileStorage interface: making a file look
 * old, leaving what a killed writer leaves, and counting such leftovers.
 */
interface Backend {
  readonly storage: FileStorage;
  age(key: string, when: Date): Promise<void>;
  leaveIncomplete(when: Date | null): Promise<void>;
  incompleteCount(): Promise<number>;
  /** Another storage on a place that does not exist yet (a fresh directory, an empty prefix). */
  fresh(): FileStorage;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;
let s3: TestS3Server;
let bucketNo = 0;

beforeAll(async () => {
  s3 = await TestS3Server.start();
});
afterAll(async () => {
  await s3?.close();
});

async function localBackend(): Promise<Backend & { root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ff-exports-'));
  const storage = new LocalFileStorage(root);
  return {
    root,
    storage,
    age: (key, when) => utimes(storage.pathOf(key), when, when),
    async leaveIncomplete(when) {
      await writeFile(path.join(root, '.incomplete', `${bucketNo++}.part`), 'halb');
      if (when) await utimes(path.join(root, '.incomplete', `${bucketNo - 1}.part`), when, when);
    },
    incompleteCount: async () => (await readdir(path.join(root, '.incomplete')).catch(() => [])).length,
    fresh: () => new LocalFileStorage(path.join(root, 'noch-nicht-da')),
    close: () => rm(root, { recursive: true, force: true }),
  };
}

async function s3Backend(): Promise<Backend & { storage: S3FileStorage; bucket: string }> {
  const bucket = `ff-test-${process.pid}-${bucketNo++}`;
  await s3.createBucket(bucket);
  const prefix = 'foerderfluss';
  // The smallest part S3 allows, so the multipart path is reached with a few MiB.
  const storage = new S3FileStorage(s3.client(), { bucket, prefix, partSizeBytes: 5 * MiB, queueSize: 2 }, true);
  return {
    bucket,
    storage,
    age: (key, when) => s3.ageObject(bucket, storage.objectKey(key), when),
    async leaveIncomplete(when) {
      // What a worker killed between parts leaves: an upload that was started and never finished.
      await storage.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: storage.objectKey(`tot-${bucketNo++}.xlsx`) }));
      if (when) {
        const [latest] = (await s3.uploads(bucket)).sort((a, b) => b.initiated.getTime() - a.initiated.getTime());
        await utimes(latest.dir, when, when);
      }
    },
    incompleteCount: async () => (await s3.uploads(bucket)).length,
    fresh: () => new S3FileStorage(storage.client, { bucket, prefix: 'noch-nicht-da', partSizeBytes: 5 * MiB, queueSize: 1 }),
    close: async () => storage.onModuleDestroy(),
  };
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const failingSource = (): Readable =>
  new Readable({
    read() {
      this.push('halbe Datei …');
      this.destroy(new Error('Worker abgebrochen'));
    },
  });

const BACKENDS: Array<[string, () => Promise<Backend>]> = [
  ['local folder', localBackend],
  ['S3 (s3rver)', s3Backend],
];

describe.each(BACKENDS)('FileStorage: %s', (_name, make) => {
  let b: Backend;
  let storage: FileStorage;
  beforeEach(async () => {
    b = await make();
    storage = b.storage;
  });
  afterEach(async () => {
    await b.close();
  });

  it('stores a stream under a key and reads it back', async () => {
    const stored = await storage.put('2026/11/export-1.csv', Readable.from(['a;b\r\n', '1;2\r\n']));
    expect(stored).toMatchObject({ key: '2026/11/export-1.csv', size: 10 });
    expect(await readAll(await storage.openRead('2026/11/export-1.csv'))).toBe('a;b\r\n1;2\r\n');
    expect(await storage.stat('2026/11/export-1.csv')).toMatchObject({ size: 10 });
    expect(await storage.put('leer.csv', Readable.from([]))).toMatchObject({ size: 0 });
    expect(await readAll(await storage.openRead('leer.csv'))).toBe('');
  });

  it('takes an async iterable of bytes as well as a stream', async () => {
    async function* bytes() {
      yield new TextEncoder().encode('Hälfte 1, ');
      yield new TextEncoder().encode('Hälfte 2');
    }
    await storage.put('iter.csv', bytes());
    expect(await readAll(await storage.openRead('iter.csv'))).toBe('Hälfte 1, Hälfte 2');
  });

  it('shows a key only once the file is complete', async () => {
    const source = new PassThrough();
    const put = storage.put('job-1.xlsx', source);
    source.write('erste Hälfte');
    await new Promise((r) => setTimeout(r, 20));
    expect(await storage.stat('job-1.xlsx')).toBeNull();
    source.end(' zweite Hälfte');
    await put;
    expect(await readAll(await storage.openRead('job-1.xlsx'))).toBe('erste Hälfte zweite Hälfte');
    expect(await b.incompleteCount()).toBe(0);
  });

  it('leaves neither a half file nor a leftover when the source fails, and keeps an older file', async () => {
    await expect(storage.put('a.csv', failingSource())).rejects.toThrow('Worker abgebrochen');
    expect(await storage.stat('a.csv')).toBeNull();
    await storage.put('b.csv', Readable.from(['alt']));
    await expect(storage.put('b.csv', failingSource())).rejects.toThrow('Worker abgebrochen');
    expect(await readAll(await storage.openRead('b.csv'))).toBe('alt');
    expect(await b.incompleteCount()).toBe(0);
  });

  it('replaces a file atomically', async () => {
    await storage.put('c.csv', Readable.from(['alt']));
    await storage.put('c.csv', Readable.from(['neu']));
    expect(await readAll(await storage.openRead('c.csv'))).toBe('neu');
  });

  it.each(['../x', '../../etc/passwd', '/etc/passwd', 'a/../../x', 'a/./b', 'a//b', 'a/', '.hidden', '.incomplete/x.part', 'a\\b', '..\\x', 'a\0b', 'ä.xlsx', 'a b.csv', '', 'x'.repeat(513), 'C:/x'])(
    'refuses the key %j',
    async (key) => {
      expect(() => validateStorageKey(key)).toThrow(InvalidStorageKeyError);
      await expect(storage.put(key, Readable.from(['x']))).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.openRead(key)).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.stat(key)).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.delete(key)).rejects.toThrow(InvalidStorageKeyError);
    },
  );

  it('answers a missing file with FILE_NOT_FOUND (404)', async () => {
    const err = await storage.openRead('fehlt.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'FILE_NOT_FOUND', status: 404 });
    expect(await storage.stat('fehlt.xlsx')).toBeNull();
    await storage.put('dir/x.csv', Readable.from(['x']));
    await expect(storage.openRead('dir')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(await storage.stat('dir')).toBeNull();
  });

  it('deletes', async () => {
    await storage.put('d.csv', Readable.from(['x']));
    expect(await storage.delete('d.csv')).toBe(true);
    expect(await storage.delete('d.csv')).toBe(false);
    expect(await storage.stat('d.csv')).toBeNull();
  });

  it('lists the keys older than a date and purges leftovers of killed writers', async () => {
    const old = new Date('2026-01-01T00:00:00Z');
    const cutoff = new Date('2026-06-01T00:00:00Z');
    for (const key of ['2026/01/alt.xlsx', '2026/01/alt.csv', 'neu.xlsx', 'alt-oben.csv']) await storage.put(key, Readable.from(['x']));
    for (const key of ['2026/01/alt.xlsx', '2026/01/alt.csv', 'alt-oben.csv']) await b.age(key, old);
    await b.leaveIncomplete(old);
    await b.leaveIncomplete(null); // a writer still at work

    expect(await storage.listOlderThan(cutoff)).toEqual(['2026/01/alt.csv', '2026/01/alt.xlsx', 'alt-oben.csv']);
    expect(await storage.purgeIncomplete(cutoff)).toBe(1);
    expect(await b.incompleteCount()).toBe(1);
    for (const key of await storage.listOlderThan(cutoff)) await storage.delete(key);
    expect(await storage.listOlderThan(new Date('2100-01-01'))).toEqual(['neu.xlsx']);
  });

  it('lists nothing where nothing was stored yet', async () => {
    const fresh = b.fresh();
    expect(await fresh.listOlderThan(new Date('2100-01-01'))).toEqual([]);
    expect(await fresh.purgeIncomplete(new Date('2100-01-01'))).toBe(0);
  });

  it('streams a writer into the storage (writeToStorage)', async () => {
    const { result, file } = await writeToStorage(storage, 'exports/belegliste.csv', (out) =>
      new StreamingCsvWriter({ columns: receiptColumns }).write({ rows: receiptRows }, out),
    );
    expect(result.rowCount).toBe(4);
    expect(file.size).toBeGreaterThan(100);
    expect((await readAll(await storage.openRead('exports/belegliste.csv'))).startsWith('\uFEFFAktenzeichen;')).toBe(true);
  });

  it('stores nothing when the writer fails, and reports the writer’s error (writeToStorage)', async () => {
    async function* rows() {
      yield receiptRows[0];
      throw new Error('Datenbankverbindung verloren');
    }
    await expect(
      writeToStorage(storage, 'exports/kaputt.csv', (out) => new StreamingCsvWriter({ columns: receiptColumns }).write({ rows: rows() }, out)),
    ).rejects.toThrow('Datenbankverbindung verloren');
    expect(await storage.stat('exports/kaputt.csv')).toBeNull();
    expect(await b.incompleteCount()).toBe(0);
  });
});

describe('S3FileStorage', () => {
  let b: Awaited<ReturnType<typeof s3Backend>>;
  beforeEach(async () => {
    b = await s3Backend();
  });
  afterEach(async () => {
    await b.close();
  });

  /** `size` pseudo-random bytes in chunks of 64 KiB, and their SHA-256. */
  function generated(size: number): { source: Readable; sha256: string } {
    const chunks: Buffer[] = [];
    for (let left = size; left > 0; left -= 64 * 1024) chunks.push(randomBytes(Math.min(64 * 1024, left)));
    return { source: Readable.from(chunks), sha256: createHash('sha256').update(Buffer.concat(chunks)).digest('hex') };
  }

  it('uploads a large file in several parts and reads back the same bytes', async () => {
    const { source, sha256 } = generated(12 * MiB + 123);
    const stored = await b.storage.put('exports/gross.xlsx', source);
    expect(stored.size).toBe(12 * MiB + 123);
    const hash = createHash('sha256');
    for await (const c of await b.storage.openRead('exports/gross.xlsx')) hash.update(c as Buffer);
    expect(hash.digest('hex')).toBe(sha256);
    expect(await b.incompleteCount()).toBe(0);
  });

  it('shows a multipart upload as incomplete while it runs, and aborts it when the source fails after some parts', async () => {
    const source = new PassThrough();
    const put = b.storage.put('exports/abbruch.xlsx', source);
    source.write(randomBytes(6 * MiB)); // more than one part: the upload has started
    for (let i = 0; i < 100 && (await b.incompleteCount()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await b.incompleteCount()).toBe(1);
    expect(await b.storage.stat('exports/abbruch.xlsx')).toBeNull();
    source.destroy(new Error('Worker abgebrochen'));
    await expect(put).rejects.toThrow('Worker abgebrochen');
    expect(await b.storage.stat('exports/abbruch.xlsx')).toBeNull();
    expect(await b.incompleteCount()).toBe(0);
  });

  it('keeps its keys under the prefix and ignores foreign objects', async () => {
    await b.storage.put('a/b.csv', Readable.from(['x']));
    expect(b.storage.objectKey('a/b.csv')).toBe('foerderfluss/a/b.csv');
    const other = new S3FileStorage(b.storage.client, { bucket: b.bucket, prefix: 'andere', partSizeBytes: 5 * MiB, queueSize: 1 });
    await other.put('a/b.csv', Readable.from(['y']));
    expect(await b.storage.listOlderThan(new Date('2100-01-01'))).toEqual(['a/b.csv']);
    expect(await readAll(await b.storage.openRead('a/b.csv'))).toBe('x');
  });

  it('a store without ListMultipartUploads does not fail the cleanup: purgeIncomplete finds nothing', async () => {
    const bare = await TestS3Server.start({ multipartExtras: false });
    try {
      await bare.createBucket('ohne-liste');
      const storage = new S3FileStorage(bare.client(), { bucket: 'ohne-liste', partSizeBytes: 5 * MiB, queueSize: 1 }, true);
      await storage.put('x.csv', Readable.from(['x']));
      expect(await storage.purgeIncomplete(new Date('2100-01-01'))).toBe(0);
      expect(await storage.listOlderThan(new Date('2100-01-01'))).toEqual(['x.csv']);
      storage.onModuleDestroy();
    } finally {
      await bare.close();
    }
  });

  it('gives up on a store that accepts the connection and stays silent (S3_TIMEOUT_MS), instead of hanging the job', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const config = loadConfig({ ...s3.env('stumm'), S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_TIMEOUT_MS: '200' });
    const storage = S3FileStorage.fromConfig(config.s3!);
    try {
      const started = Date.now();
      await expect(storage.stat('x.csv')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(15000);
    } finally {
      storage.onModuleDestroy();
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('is chosen by FILE_STORAGE=s3, with bucket, endpoint and credentials from the environment', async () => {
    const config = loadConfig({ ...s3.env(b.bucket, 'konfiguriert') });
    expect(config.s3).toMatchObject({ bucket: b.bucket, endpoint: s3.endpoint, forcePathStyle: true, prefix: 'konfiguriert', partSizeBytes: 8 * MiB, queueSize: 2 });
    const storage = createFileStorage(config);
    expect(storage).toBeInstanceOf(S3FileStorage);
    await storage.put('x.csv', Readable.from(['über die Umgebung']));
    const object = await b.storage.client.send(new GetObjectCommand({ Bucket: b.bucket, Key: 'konfiguriert/x.csv' }));
    expect(await readAll(object.Body as Readable)).toBe('über die Umgebung');
    (storage as S3FileStorage).onModuleDestroy();
    expect(createFileStorage(loadConfig({}))).toBeInstanceOf(LocalFileStorage);
  });
});

describe('LocalFileStorage', () => {
  let b: Awaited<ReturnType<typeof localBackend>>;
  let storage: LocalFileStorage;
  let root: string;
  beforeEach(async () => {
    b = await localBackend();
    storage = b.storage as LocalFileStorage;
    root = b.root;
  });
  afterEach(async () => {
    await b.close();
  });

  it('writes the file under its path below the root', async () => {
    await storage.put('2026/11/export-1.csv', Readable.from(['a;b\r\n', '1;2\r\n']));
    expect(await readFile(path.join(root, '2026', '11', 'export-1.csv'), 'utf8')).toBe('a;b\r\n1;2\r\n');
  });

  it('writes to a temp file first and renames it when complete', async () => {
    const source = new PassThrough();
    const put = storage.put('job-1.xlsx', source);
    source.write('erste Hälfte');
    await new Promise((r) => setTimeout(r, 20));
    expect(await readdir(path.join(root, '.incomplete'))).toHaveLength(1);
    source.end(' zweite Hälfte');
    await put;
    expect(await readdir(path.join(root, '.incomplete'))).toEqual([]);
  });

  it('never lists dot files nor temp files as keys', async () => {
    const old = new Date('2026-01-01T00:00:00Z');
    await storage.put('a.csv', Readable.from(['x']));
    await writeFile(path.join(root, '.DS_Store'), 'x');
    await utimes(path.join(root, '.DS_Store'), old, old);
    await writeFile(path.join(root, '.incomplete', 'tot.part'), 'halb');
    await utimes(path.join(root, '.incomplete', 'tot.part'), old, old);
    expect(await storage.listOlderThan(new Date('2100-01-01'))).toEqual(['a.csv']);
  });

  it('takes its directory from the configuration', () => {
    expect(LocalFileStorage.fromConfig(loadConfig({})).root).toBe(path.resolve('var/files'));
    expect(loadConfig({}).exportRetentionDays).toBe(30);
    expect(LocalFileStorage.fromConfig(loadConfig({ FILE_STORAGE_DIR: root })).root).toBe(root);
  });

  it('stops the writer when the storage fails (writeToStorage)', async () => {
    const failing = new LocalFileStorage(root);
    failing.put = async () => {
      throw new Error('Speicher nicht erreichbar');
    };
    const many = Array.from({ length: 50000 }, () => receiptRows[0]);
    await expect(writeToStorage(failing, 'x.csv', (out) => new StreamingCsvWriter({ columns: receiptColumns }).write({ rows: many }, out))).rejects.toThrow(
      'Speicher nicht erreichbar',
    );
  });
});
