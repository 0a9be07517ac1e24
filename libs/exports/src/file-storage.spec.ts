import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { DomainError, loadConfig } from '@foerderfluss/core';
import { receiptColumns, receiptRows } from '../test/fixtures';
import { StreamingCsvWriter } from './csv-writer';
import { InvalidStorageKeyError, LocalFileStorage, validateStorageKey, writeToStorage } from '@foerderfluss/database';

let root: string;
let storage: LocalFileStorage;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ff-exports-'));
  storage = new LocalFileStorage(root);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

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

describe('LocalFileStorage', () => {
  it('stores a stream under a key and reads it back', async () => {
    const stored = await storage.put('2026/11/export-1.csv', Readable.from(['a;b\r\n', '1;2\r\n']));
    expect(stored).toMatchObject({ key: '2026/11/export-1.csv', size: 10 });
    expect(await readAll(await storage.openRead('2026/11/export-1.csv'))).toBe('a;b\r\n1;2\r\n');
    expect(await storage.stat('2026/11/export-1.csv')).toMatchObject({ size: 10 });
    expect(await readFile(path.join(root, '2026', '11', 'export-1.csv'), 'utf8')).toBe('a;b\r\n1;2\r\n');
  });

  it('shows a key only once the file is complete (temp file, then rename)', async () => {
    const source = new PassThrough();
    const put = storage.put('job-1.xlsx', source);
    source.write('erste Hälfte');
    await new Promise((r) => setTimeout(r, 20));
    expect(await storage.stat('job-1.xlsx')).toBeNull();
    expect(await readdir(path.join(root, '.incomplete'))).toHaveLength(1);
    source.end(' zweite Hälfte');
    await put;
    expect(await readAll(await storage.openRead('job-1.xlsx'))).toBe('erste Hälfte zweite Hälfte');
    expect(await readdir(path.join(root, '.incomplete'))).toEqual([]);
  });

  it('leaves neither a half file nor a temp file when the source fails, and keeps an older file', async () => {
    await expect(storage.put('a.csv', failingSource())).rejects.toThrow('Worker abgebrochen');
    expect(await storage.stat('a.csv')).toBeNull();
    await storage.put('b.csv', Readable.from(['alt']));
    await expect(storage.put('b.csv', failingSource())).rejects.toThrow('Worker abgebrochen');
    expect(await readAll(await storage.openRead('b.csv'))).toBe('alt');
    expect(await readdir(path.join(root, '.incomplete'))).toEqual([]);
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
      await expect(storage.delete(key)).rejects.toThrow(InvalidStorageKeyError);
    },
  );

  it('answers a missing file with FILE_NOT_FOUND (404)', async () => {
    const err = await storage.openRead('fehlt.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'FILE_NOT_FOUND', status: 404 });
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
    for (const key of ['2026/01/alt.xlsx', '2026/01/alt.csv', 'alt-oben.csv']) await utimes(storage.pathOf(key), old, old);
    // a leftover of a killed worker and a foreign dot file
    await writeFile(path.join(root, '.incomplete', 'tot.part'), 'halb');
    await utimes(path.join(root, '.incomplete', 'tot.part'), old, old);
    await writeFile(path.join(root, '.incomplete', 'laeuft.part'), 'gerade');
    await writeFile(path.join(root, '.DS_Store'), 'x');
    await utimes(path.join(root, '.DS_Store'), old, old);

    expect(await storage.listOlderThan(cutoff)).toEqual(['2026/01/alt.csv', '2026/01/alt.xlsx', 'alt-oben.csv']);
    expect(await storage.purgeIncomplete(cutoff)).toBe(1);
    expect(await readdir(path.join(root, '.incomplete'))).toEqual(['laeuft.part']);
    for (const key of await storage.listOlderThan(cutoff)) await storage.delete(key);
    expect(await storage.listOlderThan(new Date('2100-01-01'))).toEqual(['neu.xlsx']);
  });

  it('lists nothing in a storage directory that does not exist yet', async () => {
    const fresh = new LocalFileStorage(path.join(root, 'noch-nicht-da'));
    expect(await fresh.listOlderThan(new Date())).toEqual([]);
    expect(await fresh.purgeIncomplete(new Date())).toBe(0);
  });

  it('takes its directory from the configuration', () => {
    expect(LocalFileStorage.fromConfig(loadConfig({})).root).toBe(path.resolve('var/files'));
    expect(loadConfig({}).exportRetentionDays).toBe(30);
    expect(LocalFileStorage.fromConfig(loadConfig({ FILE_STORAGE_DIR: root })).root).toBe(root);
  });
});

describe('writeToStorage', () => {
  it('streams a writer into the storage', async () => {
    const { result, file } = await writeToStorage(storage, 'exports/belegliste.csv', (out) =>
      new StreamingCsvWriter({ columns: receiptColumns }).write({ rows: receiptRows }, out),
    );
    expect(result.rowCount).toBe(4);
    expect(file.size).toBeGreaterThan(100);
    expect((await readAll(await storage.openRead('exports/belegliste.csv'))).startsWith('\uFEFFAktenzeichen;')).toBe(true);
  });

  it('stores nothing when the writer fails, and reports the writer’s error', async () => {
    async function* rows() {
      yield receiptRows[0];
      throw new Error('Datenbankverbindung verloren');
    }
    await expect(
      writeToStorage(storage, 'exports/kaputt.csv', (out) => new StreamingCsvWriter({ columns: receiptColumns }).write({ rows: rows() }, out)),
    ).rejects.toThrow('Datenbankverbindung verloren');
    expect(await storage.stat('exports/kaputt.csv')).toBeNull();
    expect(await readdir(path.join(root, '.incomplete'))).toEqual([]);
  });

  it('stops the writer when the storage fails', async () => {
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
