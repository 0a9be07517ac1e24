import { generateSync } from 'otplib';
import { MfaSecretBox, newRecoveryCode, newTotpSecret, normaliseRecoveryCode, totpUri, verifyTotp } from './mfa-crypto';

describe('MFA building blocks', () => {
  it('seals a TOTP secret so only the same key and the same user open it', () => {
    const box = new MfaSecretBox('k'.repeat(40));
    const sealed = box.seal('user-a', 'SECRET');
    expect(sealed).not.toContain('SECRET');
    expect(box.open('user-a', sealed)).toBe('SECRET');
    expect(box.open('user-b', sealed)).toBeNull();
    expect(new MfaSecretBox('x'.repeat(40)).open('user-a', sealed)).toBeNull();
  });

  it('accepts the current code once and refuses it again (replay) and a wrong one', async () => {
    const secret = newTotpSecret();
    const code = generateSync({ secret });
    const step = await verifyTotp(secret, code, 1, null);
    expect(step).toEqual(expect.any(Number));
    expect(await verifyTotp(secret, code, 1, step)).toBeNull();
    expect(await verifyTotp(secret, code === '000000' ? '111111' : '000000', 1, null)).toBeNull();
    expect(await verifyTotp(secret, 'abcdef', 1, null)).toBeNull();
  });

  it('names issuer and account in the otpauth URI', () => {
    expect(totpUri('Förderfluss', 'a@b.de', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toMatch(/^otpauth:\/\/totp\/F%C3%B6rderfluss:a%40b\.de\?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP/);
  });

  it('recovery codes are readable groups and typing them loosely still matches', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(normaliseRecoveryCode(` ${code.replace(/-/g, ' ').toLowerCase()} `)).toBe(code);
  });
});
