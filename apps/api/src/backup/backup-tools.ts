import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { AppConfig } from '@foerderfluss/core';
import { createFileStorage, type FileStorage } from '@foerderfluss/database';

/** A backup or restore that cannot go on; the message (German) is for the operator and ends the command with exit code 1. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export const MANIFEST_FILE = 'manifest.json';
export const DUMP_FILE = 'database.dump';
export const FILES_DIR = 'files';
export const MANIFEST_FORMAT_VERSION = 1;

export interface ManifestFile {
  readonly key: string;
  readonly sha256: string;
  readonly size: number;
}

/** What `npm run backup` writes next to the dump and the files; `npm run restore` trusts nothing it does not check against it. */
export interface BackupManifest {
  readonly formatVersion: number;
  readonly createdAt: string;
  readonly app: { readonly name: string; readonly version: string };
  /** The newest migration applied in the backed-up database (restore runs the newer ones of its build). */
  readonly migrationHead: string | null;
  readonly database: {
    readonly file: string;
    readonly format: 'pg_dump-custom';
    readonly sha256: string;
    readonly size: number;
    readonly serverVersion: string;
    readonly pgDumpVersion: string;
  };
  /** The audit chain as the dump holds it (read in the dump's snapshot). */
  readonly audit: { readonly headHash: string | null; readonly lastEventId: string | null; readonly events: number };
  readonly files: readonly ManifestFile[];
}

/** The storage a backup reads from and a restore writes to: the configured one (local folder or S3 bucket). */
export function fileStorageFor(config: AppConfig): FileStorage {
  return createFileStorage(config);
}

/** Every key in the storage: `listOlderThan` with the latest instant a Date can hold. */
export function listAllKeys(storage: FileStorage): Promise<string[]> {
  return storage.listOlderThan(new Date(8.64e15));
}

/** Counts bytes and computes SHA-256 of what passes through. */
export function hashing(): Transform & { digest(): { sha256: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  let result: { sha256: string; size: number } | null = null;
  return Object.assign(t, {
    digest() {
      result ??= { sha256: hash.digest('hex'), size };
      return result;
    },
  });
}

/**
 * The libpq environment of a postgres:// URL. pg_dump and pg_restore get the connection this
 * way, not as an argument, so a password never shows in the process list.
 */
export function libpqEnv(databaseUrl: string): Record<string, string> {
  const u = new URL(databaseUrl);
  const env: Record<string, string> = {};
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname.replace(/^\[(.*)\]$/, '$1'));
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  env.PGDATABASE = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const params: Record<string, string> = { sslmode: 'PGSSLMODE', sslrootcert: 'PGSSLROOTCERT', sslcert: 'PGSSLCERT', sslkey: 'PGSSLKEY', application_name: 'PGAPPNAME', options: 'PGOPTIONS' };
  for (const [param, name] of Object.entries(params)) {
    const v = u.searchParams.get(param);
    if (v) env[name] = v;
  }
  if (u.searchParams.get('host')) env.PGHOST = u.searchParams.get('host')!;
  return env;
}

export function toolPath(config: Pick<AppConfig, 'pgBinDir'>, tool: 'pg_dump' | 'pg_restore'): string {
  return config.pgBinDir ? path.join(config.pgBinDir, tool) : tool;
}

/** Runs a tool to its end; stdout is returned, stderr is kept for the error message. */
export function runTool(bin: string, args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? 1 }));
  });
}

/** The major version of a PostgreSQL tool (`pg_dump (PostgreSQL) 17.2` → 17). */
export async function toolMajor(config: Pick<AppConfig, 'pgBinDir'>, tool: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<{ major: number; version: string }> {
  const bin = toolPath(config, tool);
  const install = `Bitte das Debian-Paket postgresql-client-${serverMajor} installieren (apt-get install postgresql-client-${serverMajor}) oder PG_BIN_DIR auf das Verzeichnis der Programme setzen (z. B. /usr/lib/postgresql/${serverMajor}/bin).`;
  let out: { stdout: string; code: number };
  try {
    out = await runTool(bin, ['--version']);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupError(`${tool} wurde nicht gefunden (${bin}). ${install}`);
    throw err;
  }
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(out.stdout);
  if (out.code !== 0 || !m) throw new BackupError(`${bin} --version antwortet nicht wie erwartet: ${out.stdout.trim()}`);
  const major = Number(m[1]);
  if (major < serverMajor) {
    throw new BackupError(`${tool} ${m[1]} ist älter als der PostgreSQL-Server (${serverMajor}) und kann dessen Datenbanken nicht zuverlässig sichern oder wiederherstellen. ${install}`);
  }
  return { major, version: `${m[1]}${m[2] ? `.${m[2]}` : ''}` };
}

/** package.json of the application (from the sources or from dist/). */
export function appVersion(): { name: string; version: string } {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'foerderfluss') return { name: pkg.name, version: pkg.version ?? '0.0.0' };
    }
    if (path.dirname(dir) === dir) return { name: 'foerderfluss', version: 'unknown' };
  }
}
