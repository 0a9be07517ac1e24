import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

/**
 * What an audit event may not carry (issue 18 item 7): tokens, passwords and other secrets, and full
 * IBANs. Applied once, to every event as it is appended, so no caller can forget it; the hash
 * covers what is stored. The log still shows that a bank account changed and which one it is
 * (country, check digits and the last four characters), and the account itself stays in its record.
 */

export const REDACTED = '[entfernt]';

/** Keys whose value is a secret whatever it looks like: passwords, secrets, `…token` (not `tokenId`: the jti). */
const SECRET_KEY = /password|passwort|secret|authorization|recoverycode|token$/i;
const IBAN_KEY = /iban/i;
/** Cheap first look before asking ibantools: two letters, two digits, then 11–30 more (spaces allowed). */
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9 ]{11,40}$/i;
/** A compact JWS: three base64url parts, the first a JSON header (`{"` → `eyJ`). */
const JWT_SHAPE = /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/;

/** `DE89370400440532013000` → `DE89…3000`. */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  return compact.length <= 8 ? '…' : `${compact.slice(0, 4)}…${compact.slice(-4)}`;
}

function isIban(value: string): boolean {
  if (!IBAN_SHAPE.test(value)) return false;
  const electronic = electronicFormatIBAN(value);
  return electronic !== null && isValidIBAN(electronic);
}

function redactString(value: string, key: string | null): string {
  if (key !== null && SECRET_KEY.test(key)) return REDACTED;
  if (JWT_SHAPE.test(value)) return REDACTED;
  if ((key !== null && IBAN_KEY.test(key) && value.replace(/\s+/g, '').length > 8) || isIban(value)) return maskIban(value);
  return value;
}

/** A copy of a JSON value (as `toJsonValue` makes it) with secrets removed and IBANs masked. */
export function redactForAudit(value: unknown, key: string | null = null): unknown {
  if (typeof value === 'string') return redactString(value, key);
  if (Array.isArray(value)) return value.map((v) => redactForAudit(v, key));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY.test(k) && v !== null ? REDACTED : redactForAudit(v, k);
    }
    return out;
  }
  return value;
}
