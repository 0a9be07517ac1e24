import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@foerderfluss/core';
import { APPEND_ONLY_TABLES, AuditEventRepository, AuditService, type ChainVerification } from '@foerderfluss/audit';
import { dataSourceOptions, databaseNameOf, ensureDatabase, type FileStorage, grantAppRole, hasSeparateAppRole, roleOf, runMigrations, TransactionRunner, validateStorageKey } from '@foerderfluss/database';
import { MIGRATIONS } from '../../../../migrations';
import {
  BackupError,
  type BackupManifest,
  DUMP_FILE,
  FILES_DIR,
  fileStorageFor,
  hashing,
  libpqEnv,
  MANIFEST_FILE,
  MANIFEST_FORMAT_VERSION,
  runTool,
  toolMajor,
  toolPath,
} from './backup-tools';
import { chainHead, serverMajor, userRelationCount } from './backup.repository';

export interface RestoreOptions {
  /** Target database (as the owner role); default DATABASE_MIGRATION_URL. Created when missing; refused when it holds anything. */
  databaseUrl?: string;
  /** Target file storage; default the configured one. */
  storage?: FileStorage;
  log?: (line: string) => void;
}

export interface RestoreResult {
  manifest: BackupManifest;
  files: number;
  migrationsApplied: string[];
  audit: ChainVerification;
}

const sink = (): Writable => new Writable({ write: (_c, _e, cb) => cb() });

async function checksumOf(file: string): Promise<{ sha256: string; size: number }> {
  const hash = hashing();
  await pipeline(createReadStream(file), hash, sink());
  return hash.digest();
}

async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupError(`In ${dir} liegt keine ${MANIFEST_FILE}: das ist keine vollständige Sicherung (eine abgebrochene Sicherung hat kein Manifest).`);
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new BackupError(`${MANIFEST_FILE} in ${dir} ist kein gültiges JSON.`);
  }
  if (manifest.formatVersion !== MANIFEST_FORMAT_VERSION) {
    throw new BackupError(`Die Sicherung hat das Format ${String(manifest.formatVersion)}; diese Version von Förderfluss liest Format ${MANIFEST_FORMAT_VERSION}.`);
  }
  if (!manifest.database?.sha256 || !Array.isArray(manifest.files)) throw new BackupError(`${MANIFEST_FILE} in ${dir} ist unvollständig.`);
  return manifest;
}

/** Every checksum of the manifest, before anything is written anywhere: a damaged backup is refused as a whole. */
async function verifyBackup(dir: string, manifest: BackupManifest): Promise<void> {
  const problems: string[] = [];
  const check = async (label: string, file: string, expected: { sha256: string; size: number }): Promise<void> => {
    let actual;
    try {
      actual = await checksumOf(file);
    } catch {
      problems.push(`${label} fehlt`);
      return;
    }
    if (actual.sha256 !== expected.sha256 || actual.size !== expected.size) {
      problems.push(`${label}: Prüfsumme ${actual.sha256} (${actual.size} Bytes), laut Manifest ${expected.sha256} (${expected.size} Bytes)`);
    }
  };
  await check(DUMP_FILE, path.join(dir, manifest.database.file ?? DUMP_FILE), manifest.database);
  for (const f of manifest.files) {
    try {
      validateStorageKey(f.key);
    } catch {
      problems.push(`ungültiger Dateischlüssel im Manifest: ${JSON.stringify(f.key)}`);
      continue;
    }
    await check(`${FILES_DIR}/${f.key}`, path.join(dir, FILES_DIR, ...f.key.split('/')), f);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).map((p) => `  - ${p}`).join('\n');
    const more = problems.length > 10 ? `\n  … und ${problems.length - 10} weitere` : '';
    throw new BackupError(`Die Sicherung in ${dir} ist beschädigt; es wurde nichts wiederhergestellt:\n${shown}${more}`);
  }
}

/**
 * Refuses a target that holds any table, view or sequence. A restore never merges into or replaces
 * existing data, and there is no --force: restoring over a live database would mix two histories
 * (and two audit chains), and dropping a database is a decision an operator makes on purpose with
 * `dropdb`, not a side effect of a restore command.
 */
async function ensureEmptyDatabase(url: string): Promise<void> {
  await ensureDatabase(url);
  const n = await userRelationCount(url);
  if (n > 0) {
    throw new BackupError(
      `Die Zieldatenbank „${databaseNameOf(url)}“ ist nicht leer (${n} Tabellen, Sichten oder Sequenzen). Eine Wiederherstellung schreibt nur in eine leere Datenbank, ` +
        'damit nie zwei Datenbestände (und zwei Auditketten) vermischt oder vorhandene Daten überschrieben werden. Bitte eine neue Datenbank angeben (--database-url) ' +
        'oder die alte bewusst löschen (dropdb).',
    );
  }
}

/** The audit chain of the restored database, recomputed by the same code as `GET /api/v1/audit-events/verify`. */
async function verifyAuditChain(config: AppConfig, url: string): Promise<ChainVerification> {
  const ds = new DataSource(dataSourceOptions({ ...config, databaseUrl: url, databasePoolSize: 1, databaseStatementTimeoutMs: 600000 }, []));
  await ds.initialize();
  try {
    return await new AuditService(new AuditEventRepository(new TransactionRunner(ds))).verify();
  } finally {
    await ds.destroy();
  }
}

/**
 * `npm run restore -- <dir>`: checks every checksum of the backup, refuses a target database that
 * is not empty, restores the dump (pg_restore, one transaction), puts the files into the configured
 * storage (each read back and checked), runs the migrations this build has and the backup did not,
 * and recomputes the audit chain. Any failure throws; the CLI then exits with 1.
 */
export async function runRestore(config: AppConfig, dir: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const log = options.log ?? (() => undefined);
  const source = path.resolve(dir);
  if (!(await stat(source).catch(() => null))?.isDirectory()) throw new BackupError(`Das Sicherungsverzeichnis ${source} gibt es nicht.`);
  const manifest = await readManifest(source);
  log(`backup of ${manifest.createdAt} (${manifest.app.name} ${manifest.app.version}, migration ${manifest.migrationHead ?? '–'}): checking checksums`);
  await verifyBackup(source, manifest);
  log(`checksums ok: ${DUMP_FILE} and ${manifest.files.length} files`);

  const url = options.databaseUrl ?? config.databaseMigrationUrl;
  databaseNameOf(url);
  await ensureEmptyDatabase(url);
  const dumpMajor = Number(/^\d+/.exec(manifest.database.pgDumpVersion)?.[0] ?? 0);
  // pg_restore reads archives of its own and older versions only.
  await toolMajor(config, 'pg_restore', Math.max(await serverMajor(url), dumpMajor));

  log(`restoring ${DUMP_FILE} into ${databaseNameOf(url)}`);
  const env = libpqEnv(url);
  // --no-owner: the objects belong to the role that restores (the owner role, see docs/operations.md);
  // grants are restored as they were. One transaction: a failed restore leaves the target empty.
  const restored = await runTool(
    toolPath(config, 'pg_restore'),
    ['--no-owner', '--exit-on-error', '--single-transaction', '--no-password', `--dbname=${env.PGDATABASE}`, path.join(source, manifest.database.file ?? DUMP_FILE)],
    env,
  );
  if (restored.code !== 0) throw new BackupError(`pg_restore ist mit Code ${restored.code} abgebrochen: ${restored.stderr.trim()}`);

  const head = await chainHead(url);
  if (head.headHash !== manifest.audit.headHash || head.events !== manifest.audit.events) {
    throw new BackupError(
      `Die wiederhergestellte Auditkette passt nicht zum Manifest: Kopf ${head.headHash ?? '–'} mit ${head.events} Ereignissen, laut Manifest ${manifest.audit.headHash ?? '–'} mit ${manifest.audit.events}.`,
    );
  }

  const storage = options.storage ?? fileStorageFor(config);
  for (const f of manifest.files) {
    // The backup's copy was checked above; reading back from the store proves that the store now
    // serves exactly these bytes (a drill against S3 tests the bucket, not only the upload).
    await storage.put(f.key, createReadStream(path.join(source, FILES_DIR, ...f.key.split('/'))));
    const back = hashing();
    await pipeline(await storage.openRead(f.key), back, sink());
    const stored = back.digest();
    if (stored.sha256 !== f.sha256 || stored.size !== f.size) {
      throw new BackupError(`Die Datei ${f.key} wurde nicht unverändert gespeichert: Prüfsumme ${stored.sha256} (${stored.size} Bytes), laut Manifest ${f.sha256} (${f.size} Bytes).`);
    }
  }
  log(`files restored and read back: ${manifest.files.length}`);

  const migrationsApplied = await runMigrations(url, MIGRATIONS);
  log(migrationsApplied.length ? `migrations applied: ${migrationsApplied.join(', ')}` : 'no pending migrations');
  // The dump brought the application role's grants; tables of newer migrations get theirs here.
  if (hasSeparateAppRole(config) && roleOf(config.databaseUrl) !== roleOf(url)) {
    await grantAppRole(url, roleOf(config.databaseUrl), APPEND_ONLY_TABLES);
    log(`grants of the application role ${roleOf(config.databaseUrl)} applied`);
  }

  const audit = await verifyAuditChain(config, url);
  return { manifest, files: manifest.files.length, migrationsApplied, audit };
}
