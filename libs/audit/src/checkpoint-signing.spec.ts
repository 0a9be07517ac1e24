import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECKPOINT_FORMAT, type CheckpointStatement, loadSigningKey, signStatement, statementSigned } from './checkpoint-signing';

const statement: CheckpointStatement = { format: CHECKPOINT_FORMAT, createdAt: '2026-12-07T01:45:00.000Z', lastEventId: '42', headHash: 'a'.repeat(64), events: 40, keyId: '' };

describe('the signing key of the audit checkpoints', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ff-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('outside production without AUDIT_SIGNING_KEY: generated once per installation into the key file (0600) and kept', () => {
    const file = path.join(dir, 'secrets', 'audit-signing-key.pem');
    const first = loadSigningKey({ nodeEnv: 'development', auditSigningKey: null, auditSigningKeyFile: file });
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSigningKey({ nodeEnv: 'development', auditSigningKey: null, auditSigningKeyFile: file });
    expect(again.keyId).toBe(first.keyId);
    expect(first.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('production never generates one', () => {
    expect(() => loadSigningKey({ nodeEnv: 'production', auditSigningKey: null, auditSigningKeyFile: path.join(dir, 'k.pem') })).toThrow(/AUDIT_SIGNING_KEY fehlt/);
  });

  it('reads PEM (also with \\n written out), base64 of the PKCS#8 DER and base64 of the 32-byte seed as the same key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    const seed = der.subarray(der.length - 32);
    const ids = [pem, pem.replace(/\n/g, '\\n'), der.toString('base64'), seed.toString('base64')].map(
      (k) => loadSigningKey({ nodeEnv: 'production', auditSigningKey: k, auditSigningKeyFile: '' }).keyId,
    );
    expect(new Set(ids).size).toBe(1);
  });

  it('refuses a key that is not Ed25519, or not a key, naming the variable', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadSigningKey({ nodeEnv: 'production', auditSigningKey: rsa, auditSigningKeyFile: '' })).toThrow(/AUDIT_SIGNING_KEY muss ein Ed25519-Schlüssel sein/);
    expect(() => loadSigningKey({ nodeEnv: 'production', auditSigningKey: 'bm9jaCBrZWluIFNjaGzDvHNzZWw=', auditSigningKeyFile: '' })).toThrow(/AUDIT_SIGNING_KEY lässt sich nicht lesen/);
  });

  it('a signature holds for exactly the signed statement and key', () => {
    const key = loadSigningKey({ nodeEnv: 'development', auditSigningKey: null, auditSigningKeyFile: path.join(dir, 'a.pem') });
    const other = loadSigningKey({ nodeEnv: 'development', auditSigningKey: null, auditSigningKeyFile: path.join(dir, 'b.pem') });
    const s = { ...statement, keyId: key.keyId };
    const signature = signStatement(key, s);
    expect(statementSigned(key.publicKey, s, signature)).toBe(true);
    // Key order does not matter (canonical JSON), content does.
    expect(statementSigned(key.publicKey, { ...s, headHash: 'b'.repeat(64) }, signature)).toBe(false);
    expect(statementSigned(key.publicKey, { ...s, events: 41 }, signature)).toBe(false);
    expect(statementSigned(other.publicKey, s, signature)).toBe(false);
    expect(statementSigned(key.publicKey, s, 'kein base64')).toBe(false);
  });
});
