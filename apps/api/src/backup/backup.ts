import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AppConfig } from '@foerderfluss/core';
import type { FileStorage } from '@foerderfluss/database';
import {
  appVersion,
  BackupError,
  type BackupManifest,
  DUMP_FILE,
  FILES_DIR,
  fileStorageFor,
  hashing,
  libpqEnv,
  listAllKeys,
  MANIFEST_FILE,
  MANIFEST_FORMAT_VERSION,
  type ManifestFile,
  toolMajor,
  toolPath,
} from './backup-tools';
import { BackupSnapshot } from './backup.repository';

export interface BackupOptions {
  /** Target directory; default `<BACKUP_DIR>/<UTC timestamp>`. Must not exist or be empty. */
  out?: string;
  /** The file storage to copy; default the configured one. */
  storage?: FileStorage;
  log?: (line: string) => void;
}

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
}

/** `2026-12-07T13-05-00Z`: sorts by time and is a valid directory name everywhere. */
function timestampName(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

async function prepareDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new BackupError(`Das Sicherungsverzeichnis ${dir} ist nicht leer. Eine Sicherung schreibt nur in ein neues oder leeres Verzeichnis.`);
}

async function dumpDatabase(config: AppConfig, snapshot: string, file: string): Promise<{ sha256: string; size: number }> {
  const child = spawn(toolPath(config, 'pg_dump'), ['--format=custom', `--snapshot=${snapshot}`, '--no-password'], {
    env: { ...process.env, ...libpqEnv(config.databaseMigrationUrl) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  const hash = hashing();
  // The checksum is computed while the dump streams to disk: the file is read once, by pg_dump's pipe.
  const [, code] = await Promise.all([pipeline(child.stdout, hash, createWriteStream(file, { flags: 'wx', mode: 0o600 })), exited]);
  if (code !== 0) throw new BackupError(`pg_dump ist mit Code ${code} abgebrochen: ${stderr.trim()}`);
  return hash.digest();
}

async function copyFiles(storage: FileStorage, dir: string, log: (line: string) => void): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const key of await listAllKeys(storage)) {
    let source;
    try {
      source = await storage.openRead(key);
    } catch (err) {
      // Deleted between listing and reading (export retention): a file no row needs any more.
      if ((err as { code?: string }).code === 'FILE_NOT_FOUND') {
        log(`file gone while copying, skipped: ${key}`);
        continue;
      }
      throw err;
    }
    const target = path.join(dir, FILES_DIR, ...key.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    const hash = hashing();
    await pipeline(source, hash, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    files.push({ key, ...hash.digest() });
  }
  return files;
}

/**
 * `npm run backup`: the database (pg_dump custom format, one snapshot), then every stored file,
 * then the manifest with checksums. Order matters: files are copied AFTER the dump. Stored files
 * are written completely before the row that names them commits (exports, letters, attachments)
 * and are never changed afterwards, so every row in the dump finds its file in the later copy. The
 * other order could copy the files, then dump a row whose file arrived in between: a restored
 * record without its file. Files newer than the dump are copied too; without a row they are
 * harmless (the export cleanup removes such orphans). Only a file deleted by retention in the
 * minutes between dump and copy can be missing; its row was already due for deletion.
 * The manifest is written last, so a directory without one is an interrupted backup.
 */
export async function runBackup(config: AppConfig, options: BackupOptions = {}): Promise<BackupResult> {
  const log = options.log ?? (() => undefined);
  const createdAt = new Date();
  const dir = path.resolve(options.out ?? path.join(config.backupDir, timestampName(createdAt)));
  await prepareDir(dir);

  // As the owner role (DATABASE_MIGRATION_URL): it reads every table, whatever the application role may.
  const snapshot = await BackupSnapshot.open(config.databaseMigrationUrl);
  const { facts } = snapshot;
  let dump: { sha256: string; size: number };
  let pgDumpVersion: string;
  try {
    pgDumpVersion = (await toolMajor(config, 'pg_dump', facts.serverMajor)).version;
    log(`dumping database (snapshot ${facts.snapshot}, audit events ${facts.audit.events})`);
    dump = await dumpDatabase(config, facts.snapshot, path.join(dir, DUMP_FILE));
  } finally {
    await snapshot.close();
  }
  log(`database.dump: ${dump.size} bytes, sha256 ${dump.sha256}`);

  const files = await copyFiles(options.storage ?? fileStorageFor(config), dir, log);
  log(`files: ${files.length}, ${files.reduce((n, f) => n + f.size, 0)} bytes`);

  const manifest: BackupManifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    createdAt: createdAt.toISOString(),
    app: appVersion(),
    migrationHead: facts.migrationHead,
    database: { file: DUMP_FILE, format: 'pg_dump-custom', ...dump, serverVersion: facts.serverVersion, pgDumpVersion },
    audit: facts.audit,
    files,
  };
  await writeFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  return { dir, manifest };
}
