import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppConfig } from '@foerderfluss/core';
import { DomainError } from '@foerderfluss/core';

export const storedFileNotFound = (): DomainError =>
  new DomainError('FILE_NOT_FOUND', 404, 'Die Datei wurde nicht gefunden. Sie wurde möglicherweise nach Ablauf der Aufbewahrungsfrist gelöscht.');

/** A storage key that could leave the storage directory or is otherwise malformed: a programming error. */
export class InvalidStorageKeyError extends Error {
  constructor(readonly key: string) {
    super(`Ungültiger Speicherschlüssel: ${JSON.stringify(key)}`);
    this.name = 'InvalidStorageKeyError';
  }
}

export interface StoredFile {
  readonly key: string;
  readonly size: number;
  readonly modifiedAt: Date;
}

/**
 * Where generated and uploaded files live (exports, letters, imported Belegliste files, Anlagen).
 * Small on purpose, so LocalFileStorage and S3FileStorage (createFileStorage picks one) behave
 * alike: keys are relative, `/`-separated paths of `[A-Za-z0-9._-]` segments (no segment starts
 * with a dot), and a key only ever names a complete file.
 */
export interface FileStorage {
  /** Stores all bytes of `source` under `key` (replacing a file already there) and returns what was stored. */
  put(key: string, source: Readable | AsyncIterable<Uint8Array>): Promise<StoredFile>;
  /** A stream of the file; throws FILE_NOT_FOUND (404) when there is none. */
  openRead(key: string): Promise<Readable>;
  stat(key: string): Promise<StoredFile | null>;
  /** False when there was nothing to delete. */
  delete(key: string): Promise<boolean>;
  /** Keys of the files last written before `cutoff` (for the retention cleanup). */
  listOlderThan(cutoff: Date): Promise<string[]>;
  /** Removes leftovers of puts interrupted before `cutoff` (a killed worker); returns how many. */
  purgeIncomplete(cutoff: Date): Promise<number>;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_KEY_LENGTH = 512;

/** Throws InvalidStorageKeyError unless `key` is a relative path that cannot leave the storage root. */
export function validateStorageKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) throw new InvalidStorageKeyError(String(key));
  for (const segment of key.split('/')) if (!SEGMENT.test(segment)) throw new InvalidStorageKeyError(key);
}

const INCOMPLETE_DIR = '.incomplete';

function isNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/**
 * FileStorage in a local directory (FILE_STORAGE=local, FILE_STORAGE_DIR; a folder or volume that
 * api and workers share). A put writes to `<root>/.incomplete/<uuid>.part`, flushes it to disk and renames it to
 * the key: rename within one file system is atomic, so a worker killed mid-export leaves at most a
 * `.part` file (removed by `purgeIncomplete`), never a half file under the final key, and readers
 * see either the old or the new file.
 */
export class LocalFileStorage implements FileStorage {
  readonly root: string;

  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
  }

  static fromConfig(config: Pick<AppConfig, 'fileStorageDir'>): LocalFileStorage {
    return new LocalFileStorage(config.fileStorageDir);
  }

  /** The absolute path of a key; validated, and checked to lie inside the root (defence in depth). */
  pathOf(key: string): string {
    validateStorageKey(key);
    const resolved = path.resolve(this.root, ...key.split('/'));
    if (!resolved.startsWith(this.root + path.sep)) throw new InvalidStorageKeyError(key);
    return resolved;
  }

  async put(key: string, source: Readable | AsyncIterable<Uint8Array>): Promise<StoredFile> {
    const target = this.pathOf(key);
    const incomplete = path.join(this.root, INCOMPLETE_DIR);
    await mkdir(incomplete, { recursive: true });
    const temp = path.join(incomplete, `${randomUUID()}.part`);
    try {
      // flush: fsync before close, so the rename cannot make an empty file visible after a crash.
      await pipeline(source, createWriteStream(temp, { flags: 'wx', mode: 0o640, flush: true }));
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    const s = await stat(target);
    return { key, size: s.size, modifiedAt: s.mtime };
  }

  async openRead(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      const handle = await open(file, 'r');
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw storedFileNotFound();
      }
      return handle.createReadStream();
    } catch (err) {
      if (isNotFound(err)) throw storedFileNotFound();
      throw err;
    }
  }

  async stat(key: string): Promise<StoredFile | null> {
    try {
      const s = await stat(this.pathOf(key));
      return s.isFile() ? { key, size: s.size, modifiedAt: s.mtime } : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(key));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async listOlderThan(cutoff: Date): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (dir: string, prefix: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      for (const entry of entries) {
        // Dot entries are never keys: .incomplete and anything not written by put.
        if (entry.name.startsWith('.') || !SEGMENT.test(entry.name)) continue;
        const full = path.join(dir, entry.name);
        const key = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
        if (entry.isDirectory()) await walk(full, key);
        else if (entry.isFile()) {
          try {
            if ((await stat(full)).mtime < cutoff) keys.push(key);
          } catch (err) {
            if (!isNotFound(err)) throw err; // deleted meanwhile
          }
        }
      }
    };
    await walk(this.root, '');
    return keys.sort();
  }

  async purgeIncomplete(cutoff: Date): Promise<number> {
    const dir = path.join(this.root, INCOMPLETE_DIR);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if (isNotFound(err)) return 0;
      throw err;
    }
    let removed = 0;
    for (const name of names) {
      const full = path.join(dir, name);
      try {
        if ((await stat(full)).mtime < cutoff) {
          await unlink(full);
          removed++;
        }
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return removed;
  }
}

/**
 * Runs a writer (StreamingWorkbookWriter/StreamingCsvWriter `write`) straight into `storage` under
 * `key`. Either both succeed and the key holds the complete file, or the error of the one that
 * failed first is thrown and the key is untouched.
 */
export async function writeToStorage<T>(storage: FileStorage, key: string, produce: (out: Writable) => Promise<T>): Promise<{ result: T; file: StoredFile }> {
  const pipe = new PassThrough();
  const fail = (err: unknown): void => {
    if (!pipe.destroyed) pipe.destroy(err instanceof Error ? err : new Error(String(err)));
  };
  // Each side stops the other: a storage that fails before reading would otherwise leave the
  // writer waiting for 'drain' forever, and a failed writer must not leave put() waiting for data.
  const stored = storage.put(key, pipe).catch((err: unknown) => {
    fail(err);
    throw err;
  });
  const produced = produce(pipe).catch((err: unknown) => {
    fail(err);
    throw err;
  });
  const [p, s] = await Promise.allSettled([produced, stored]);
  if (p.status === 'rejected') throw p.reason;
  if (s.status === 'rejected') throw s.reason;
  return { result: p.value, file: s.value };
}
