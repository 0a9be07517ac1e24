import { plural } from './plural';

describe('plural', () => {
  it('writes singular and plural out, never "(n)"', () => {
    expect(plural(1, 'Minute', 'Minuten')).toBe('Minute');
    expect(plural(0, 'Minute', 'Minuten')).toBe('Minuten');
    expect(plural(15, 'Minute', 'Minuten')).toBe('Minuten');
  });
});
