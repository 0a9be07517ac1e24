import { Money, percent } from '@foerderfluss/core';
import { moneyTransformer, percentRateTransformer } from './decimal-transformers';

describe('moneyTransformer', () => {
  it('writes whole cents as two-decimal strings and reads strings back exactly', () => {
    expect(moneyTransformer.to(Money.of('81000'))).toBe('81000.00');
    expect(moneyTransformer.to(Money.of('9999999999999.99'))).toBe('9999999999999.99');
    expect((moneyTransformer.from('9999999999999.99') as Money).toExactString()).toBe('9999999999999.99');
    expect(moneyTransformer.to(null)).toBeNull();
    expect(moneyTransformer.to('12.5')).toBe('12.50');
    expect(() => moneyTransformer.to('12,50')).toThrow(RangeError);
    expect(moneyTransformer.from(null)).toBeNull();
  });

  it('refuses sub-cent amounts rather than letting the column round them', () => {
    expect(() => moneyTransformer.to(Money.of('0.005'))).toThrow(RangeError);
  });
});

describe('percentRateTransformer', () => {
  it('stores percent and reads it back as a Rate, negative rates included', () => {
    expect(percentRateTransformer.to(percent('7.27'))).toBe('7.27');
    expect(percentRateTransformer.to(percent('-0.880000'))).toBe('-0.88');
    const rate = percentRateTransformer.from('-0.880000');
    expect(rate.toPercentString()).toBe('-0.88');
    expect(rate.fraction.toFixed()).toBe('-0.0088');
    expect(percentRateTransformer.from(null)).toBeNull();
  });
});
