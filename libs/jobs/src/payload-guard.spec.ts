import { assertIdsOnlyPayload, isIdsOnlyPayload, payloadViolations } from './payload-guard';

describe('job payload guard (ids only)', () => {
  const id = '3f2b8c1e-9a4d-4e21-8f0a-2c6b9d1e7a55';

  it('accepts empty payloads and UUIDs under …Id keys', () => {
    expect(isIdsOnlyPayload({})).toBe(true);
    expect(isIdsOnlyPayload(undefined)).toBe(true);
    expect(isIdsOnlyPayload({ documentId: id })).toBe(true);
    expect(isIdsOnlyPayload({ verificationId: undefined })).toBe(true);
  });

  it('names every key that carries something else', () => {
    expect(payloadViolations({ outboxId: id, email: 'a@b.de', iban: 'DE74830502001100200300', amountId: '12.50', note: null })).toEqual([
      'email',
      'iban',
      'amountId',
      'note',
    ]);
    expect(payloadViolations([id])).toEqual(['(payload is not an object)']);
    expect(() => assertIdsOnlyPayload('mail.send', { outboxId: id, recipient: 'x@y.de' })).toThrow(/mail\.send.*recipient/);
    expect(() => assertIdsOnlyPayload('mail.send', { outboxId: id })).not.toThrow();
  });
});
