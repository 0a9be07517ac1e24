import { maskIban, REDACTED, redactForAudit } from './redaction';

describe('redactForAudit', () => {
  it('removes passwords, secrets and tokens by key, whatever the value, but keeps a token id (the jti)', () => {
    expect(
      redactForAudit({ password: 'Geheim-123', newPassword: 'x', accessToken: 'abc', mfaToken: 'm', totpSecret: 'JBSW', recoveryCodes: ['a', 'b'], tokenId: '6a1c3a57-5f2c-4b89-9a0f-6c1d0a4f8e11', nested: [{ Authorization: 'Bearer x' }] }),
    ).toEqual({ password: REDACTED, newPassword: REDACTED, accessToken: REDACTED, mfaToken: REDACTED, totpSecret: REDACTED, recoveryCodes: REDACTED, tokenId: '6a1c3a57-5f2c-4b89-9a0f-6c1d0a4f8e11', nested: [{ Authorization: REDACTED }] });
  });

  it('masks IBANs under any key, and values of IBAN keys, keeping country, check digits and the last four', () => {
    expect(maskIban('DE89 3704 0044 0532 0130 00')).toBe('DE89…3000');
    expect(redactForAudit({ iban: 'DE89370400440532013000', debtorIban: 'DE74830502001100200300', note: 'DE89370400440532013000', list: ['AT611904300234573201'] })).toEqual({
      iban: 'DE89…3000',
      debtorIban: 'DE74…0300',
      note: 'DE89…3000',
      list: ['AT61…3201'],
    });
  });

  it('removes a JWT wherever it appears, and leaves everything else as it was', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const plain = { status: 'APPROVED', amount: '1650.00', reference: 'FF-2026-0001', bic: 'HELADEF1ALT', count: 3, ok: true, none: null, iban: null };
    expect(redactForAudit({ ...plain, header: jwt })).toEqual({ ...plain, header: REDACTED });
    expect(redactForAudit('DE00 1234 5678 9012 3456 78')).toBe('DE00 1234 5678 9012 3456 78');
  });
});
