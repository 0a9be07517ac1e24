import { DomainError } from '@foerderfluss/core';

/**
 * A per-address fixed window for the public open-data routes: they need no login, so a script
 * that loops on them must not take the database's time from the people working in Förderfluss.
 * In memory per api replica (a limit of N per replica is enough for a brake, and a shared counter
 * would cost a database write per public read); generous for a person or a 360Giving crawler.
 */
export class PublicRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(address: string): void {
    const t = this.now();
    let w = this.windows.get(address);
    if (!w || t - w.start >= this.windowMs) {
      // Forget stale windows now and then, so the map never grows with every address ever seen.
      if (this.windows.size > 10_000) this.sweep(t);
      w = { start: t, count: 0 };
      this.windows.set(address, w);
    }
    w.count += 1;
    if (w.count > this.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000));
      throw new DomainError(
        'RATE_LIMITED',
        429,
        `Zu viele Abrufe der offenen Daten in kurzer Zeit. Bitte versuchen Sie es in ${retryAfterSeconds} Sekunden erneut.`,
        [],
        { retryAfterSeconds },
      );
    }
  }

  private sweep(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
  }
}
