import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Provider } from '@nestjs/common';
import { FileStorage, fileStorageProvider, LocalFileStorage } from '@foerderfluss/database';

/** The file storage uploaded Belegliste files go to (FILE_STORAGE: a local directory api and workers share, or S3). */
export const IMPORT_FILE_STORAGE = Symbol('IMPORT_FILE_STORAGE');

export const importFileStorageProvider: Provider = fileStorageProvider(IMPORT_FILE_STORAGE);

/** `imports/<proofId>/<importId>.<ext>` */
export function importFileKey(proofId: string, importId: string, format: 'XLSX' | 'CSV'): string {
  return `imports/${proofId}/${importId}.${format === 'XLSX' ? 'xlsx' : 'csv'}`;
}

/**
 * A local path of a stored file for random access (the ZIP directory): the file itself in a local
 * storage, otherwise a temporary copy that `release` removes.
 */
export async function localCopy(storage: FileStorage, key: string): Promise<{ path: string; release: () => Promise<void> }> {
  if (storage instanceof LocalFileStorage) return { path: storage.pathOf(key), release: async () => undefined };
  const temp = path.join(os.tmpdir(), `ff-import-${randomUUID()}`);
  await pipeline(await storage.openRead(key), createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
  return { path: temp, release: () => rm(temp, { force: true }) };
}
