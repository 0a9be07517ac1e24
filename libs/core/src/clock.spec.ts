import { FixedClock } from './clock';

describe('Clock', () => {
  it('gives today in the business time zone', () => {
    const clock = new FixedClock('Europe/Berlin', new Date('2026-06-30T22:30:00Z'));
    expect(clock.today().toISOString()).toBe('2026-07-01');
    clock.set('2026-07-01T21:59:59Z');
    expect(clock.today().toISOString()).toBe('2026-07-01');
  });
});
