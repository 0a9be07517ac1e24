import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

/**
 * Encrypts TOTP secrets at rest (AES-256-GCM). The key comes from configuration, never from the
 * database, so a copy of the database alone does not give anyone the second factor. The user id
 * is bound in as additional data: a ciphertext copied onto another user's row does not decrypt.
 */
export class MfaSecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(keyMaterial, 'utf8'), Buffer.alloc(0), 'foerderfluss/mfa-secret/v1', 32));
  }

  seal(userId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(userId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /** Null when the key changed (or the row was tampered with): the user has to enrol again. */
  open(userId: string, sealed: string): string | null {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(userId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

/** RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30 s. */
export const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(issuer: string, account: string, secret: string): string {
  return generateURI({ issuer, label: account, secret, period: TOTP_PERIOD_SECONDS, digits: 6, algorithm: 'sha1' });
}

/**
 * The time step the code belongs to, or null when it is wrong, outside the tolerated drift or not
 * newer than `afterTimeStep` (a code seen before is refused: replay).
 */
export async function verifyTotp(secret: string, code: string, windowSteps: number, afterTimeStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: windowSteps * TOTP_PERIOD_SECONDS,
    ...(afterTimeStep !== null ? { afterTimeStep } : {}),
  });
  // The union also covers HOTP results, which have no time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Without 0/O, 1/I/L: read off a sheet of paper and typed in again. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `ABCD-EFGH-JKMN`: 12 characters of 31, about 59 bits, each usable once. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** What the user typed, in the form that was hashed: blanks and dashes dropped, upper case. */
export function normaliseRecoveryCode(input: string): string {
  const c = input.replace(/[\s-]/g, '').toUpperCase();
  return c.length === 12 ? `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}` : c;
}

/** A six-digit entry is a TOTP code; anything else is tried as a recovery code. */
export function looksLikeTotp(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ''));
}
