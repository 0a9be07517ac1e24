import { readdirSync } from 'node:fs';
import { MIGRATIONS } from './index';

describe('migrations/index.ts', () => {
  it('lists every migration file exactly once, in timestamp order', () => {
    const files = readdirSync(__dirname)
      .filter((f) => /^\d{13}-[A-Za-z0-9]+\.ts$/.test(f))
      .sort();
    const classNames = files.map((f) => {
      const [, ts, name] = /^(\d{13})-([A-Za-z0-9]+)\.ts$/.exec(f)!;
      return `${name}${ts}`;
    });
    expect(MIGRATIONS.map((m) => m.name)).toEqual(classNames);
  });
});
