import { Money, Rate } from '@foerderfluss/core';
import { splitBySource } from './source-split';

describe('splitBySource', () => {
  it.each([
    // amount, state %, state, district — worked by hand
    ['1000.00', '80', '800.00', '200.00'],
    ['524062.50', '80', '419250.00', '104812.50'],
    ['0.01', '80', '0.01', '0.00'], // 0.008 rounds half-up to 0.01; the Kreis gets the residue (0.00)
    ['0.03', '80', '0.02', '0.01'], // 0.024 → 0.02
    ['0.05', '90', '0.05', '0.00'], // 0.045 → 0.05 (half-up)
    ['333.33', '66.666667', '222.22', '111.11'], // 222.2200011… → 222.22
    ['-1000.00', '80', '-800.00', '-200.00'],
    ['-0.03', '80', '-0.02', '-0.01'],
    ['0.00', '80', '0.00', '0.00'],
    ['9999999999999.99', '80', '7999999999999.99', '2000000000000.00'], // 7999999999999.992 → …99
    ['100.00', '0', '0.00', '100.00'],
    ['100.00', '100', '100.00', '0.00'],
  ])('%s at %s %% → Land %s, Kreis %s', (amount, rate, state, district) => {
    const split = splitBySource(Money.of(amount), Rate.fromPercent(rate));
    expect(split.state.toApiString()).toBe(state);
    expect(split.district.toApiString()).toBe(district);
    expect(split.state.plus(split.district).equals(Money.of(amount))).toBe(true);
  });
});
