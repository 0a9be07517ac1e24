import { DomainError } from '@foerderfluss/core';
import { PublicRateLimit } from './public-rate-limit';

describe('PublicRateLimit', () => {
  it('lets `limit` reads per window through, then answers 429 with the seconds left, per address', () => {
    let now = 1_000_000;
    const limit = new PublicRateLimit(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) limit.take('10.0.0.1');
    limit.take('10.0.0.2'); // another address has its own window
    now += 15_000;
    let thrown: unknown;
    try {
      limit.take('10.0.0.1');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).status).toBe(429);
    expect((thrown as DomainError).extensions).toEqual({ retryAfterSeconds: 45 });
    expect((thrown as DomainError).detail).toContain('45 Sekunden');
    now += 45_000; // a new window
    expect(() => limit.take('10.0.0.1')).not.toThrow();
  });
});
