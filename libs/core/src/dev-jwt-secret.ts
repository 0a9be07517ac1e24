import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the generated secret is kept when DEV_JWT_SECRET_FILE does not say otherwise. */
export const DEFAULT_DEV_JWT_SECRET_FILE = './var/jwt-secret';

const MIN_LENGTH = 32;

/**
 * The JWT secret of an installation outside production that has no JWT_SECRET: 32 random bytes,
 * generated on the first start and kept in `file` (mode 0600), so tokens survive a restart and
 * api and worker agree. Never a constant from the source: a published default would let anyone
 * who reads the repository sign an admin token for any demo reachable on a network.
 *
 * Created atomically (written to a private temporary file, then hard-linked into place, which fails
 * when the file already exists), so two processes starting at once end up with the same secret.
 * Returns null and adds a German problem when the file is unusable.
 */
export function devJwtSecret(file: string, problems: string[]): string | null {
  const target = path.resolve(file);
  const existing = readSecret(target, problems);
  if (existing !== undefined) return existing;
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, target);
    } catch (err) {
      // Another process was faster: its secret is the installation's.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(tmp);
    }
  } catch (err) {
    problems.push(`DEV_JWT_SECRET_FILE: Das JWT-Geheimnis konnte nicht in ${target} angelegt werden (${(err as Error).message}). Bitte JWT_SECRET setzen oder das Verzeichnis beschreibbar machen.`);
    return null;
  }
  return readSecret(target, problems) ?? null;
}

/** The secret in the file; undefined when there is no file; null (with a problem) when it is unusable. */
function readSecret(file: string, problems: string[]): string | null | undefined {
  let content: string;
  try {
    // Group or world readable: anyone on the machine could sign tokens. Refused like ssh refuses a
    // readable private key (mode bits mean nothing on Windows).
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      problems.push(`DEV_JWT_SECRET_FILE: ${file} ist für andere Benutzer lesbar. Bitte mit „chmod 600 ${file}“ schützen oder die Datei löschen (dann wird ein neues Geheimnis erzeugt).`);
      return null;
    }
    content = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    problems.push(`DEV_JWT_SECRET_FILE: ${file} kann nicht gelesen werden (${(err as Error).message}).`);
    return null;
  }
  if (content.length < MIN_LENGTH) {
    problems.push(`DEV_JWT_SECRET_FILE: ${file} enthält kein gültiges Geheimnis (mindestens ${MIN_LENGTH} Zeichen). Bitte die Datei löschen, dann wird ein neues erzeugt.`);
    return null;
  }
  return content;
}
