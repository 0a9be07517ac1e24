import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type AppConfig, ConfigError } from '@foerderfluss/core';
import { canonicalJson } from './canonical-json';

export const CHECKPOINT_FORMAT = 'foerderfluss-audit-checkpoint/1';

/** What a checkpoint signs: the chain up to `lastEventId` ends in `headHash` after `events` events. */
export interface CheckpointStatement {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly createdAt: string;
  readonly lastEventId: string | null;
  readonly headHash: string;
  readonly events: number;
  readonly keyId: string;
}

/** The file a checkpoint leaves in the file storage: enough to check it without the database. */
export interface CheckpointFile {
  readonly statement: CheckpointStatement;
  readonly algorithm: 'Ed25519';
  readonly signature: string;
  /** SPKI PEM of the verifying key, for an outside check (`openssl pkeyutl -verify`, any Ed25519 library). */
  readonly publicKey: string;
}

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  readonly keyId: string;
}

/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function parseKey(text: string): KeyObject {
  // A PEM in an environment variable often arrives with its line breaks written as \n.
  const value = text.trim().replace(/\\n/g, '\n');
  if (value.startsWith('-----BEGIN')) return createPrivateKey(value);
  const der = Buffer.from(value.replace(/\s+/g, ''), 'base64');
  return createPrivateKey({ key: der.length === 32 ? Buffer.concat([ED25519_PKCS8_PREFIX, der]) : der, format: 'der', type: 'pkcs8' });
}

function fromPrivateKey(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigError([`AUDIT_SIGNING_KEY muss ein Ed25519-Schlüssel sein (ist: ${privateKey.asymmetricKeyType ?? 'unbekannt'}).`]);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: createHash('sha256').update(der).digest('hex').slice(0, 16),
  };
}

/**
 * The signing key: AUDIT_SIGNING_KEY (required in production), or outside production the key in
 * AUDIT_SIGNING_KEY_FILE, generated there once per installation like a developer's secret. Created
 * with O_EXCL: two processes starting at once end up with the same key.
 */
export function loadSigningKey(config: Pick<AppConfig, 'nodeEnv' | 'auditSigningKey' | 'auditSigningKeyFile'>): SigningKey {
  if (config.auditSigningKey) {
    try {
      return fromPrivateKey(parseKey(config.auditSigningKey));
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw new ConfigError([`AUDIT_SIGNING_KEY lässt sich nicht lesen (${(err as Error).message}); erwartet: PEM (PKCS#8) oder base64 des Schlüssels oder seiner 32 Byte.`]);
    }
  }
  if (config.nodeEnv === 'production') throw new ConfigError(['AUDIT_SIGNING_KEY fehlt.']);
  const file = path.resolve(config.auditSigningKeyFile);
  try {
    return fromPrivateKey(createPrivateKey(readFileSync(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Written whole under a name of its own, then linked into place: link fails if the file exists, so
  // a process starting at the same moment never reads half a key, and the first key stays.
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, pem, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(temp, { force: true });
  }
  return fromPrivateKey(createPrivateKey(readFileSync(file, 'utf8')));
}

export function signStatement(key: SigningKey, statement: CheckpointStatement): string {
  return sign(null, Buffer.from(canonicalJson(statement), 'utf8'), key.privateKey).toString('base64');
}

/** True when `signature` is the key's signature over exactly this statement. */
export function statementSigned(publicKey: KeyObject, statement: CheckpointStatement, signature: string): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson(statement), 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
