import { DomainError } from './domain-error';
import {
  Dec,
  MAX_MONEY_AMOUNT,
  Money,
  Rate,
  dec,
  parseDecimalStrict,
  parseMoneyStrict,
  parsePercentStrict,
  percent,
} from './money';

const m = (s: string) => Money.of(s);

describe('parseMoneyStrict', () => {
  it.each([
    ['1234.56', '1234.56'],
    ['0', '0.00'],
    ['12.5', '12.50'],
    ['007', '7.00'],
    [MAX_MONEY_AMOUNT, '9999999999999.99'],
  ])('accepts %s', (input, api) => {
    const r = parseMoneyStrict(input);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.toApiString()).toBe(api);
  });

  it.each([
    ['1.234', 'TOO_MANY_DECIMALS'],
    ['-1.234', 'TOO_MANY_DECIMALS'],
    ['0.001', 'TOO_MANY_DECIMALS'],
    ['-1', 'NEGATIVE'],
    ['-0.01', 'NEGATIVE'],
    ['10000000000000.00', 'TOO_LARGE'],
    ['1e3', 'INVALID_FORMAT'],
    ['1,50', 'INVALID_FORMAT'],
    ['1.000,50', 'INVALID_FORMAT'],
    ['', 'INVALID_FORMAT'],
    [' 1', 'INVALID_FORMAT'],
    ['1.', 'INVALID_FORMAT'],
    ['.5', 'INVALID_FORMAT'],
    ['+1', 'INVALID_FORMAT'],
    ['NaN', 'INVALID_FORMAT'],
    [12, 'INVALID_FORMAT'],
    [null, 'INVALID_FORMAT'],
  ])('rejects %p with %s and a German message', (input, code) => {
    const r = parseMoneyStrict(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(/Betrag/);
    }
  });

  it('allows negatives only when asked', () => {
    const r = parseMoneyStrict('-12.30', { allowNegative: true });
    expect(r.ok && r.value.toApiString()).toBe('-12.30');
  });

  it('Money.parse throws VALIDATION_FAILED naming the field', () => {
    expect.assertions(4);
    try {
      Money.parse('1.234', 'plan.costLines[0].amount');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.status).toBe(400);
      expect(err.errors).toEqual([
        { path: 'plan.costLines[0].amount', message: 'Der Betrag darf höchstens zwei Nachkommastellen haben.' },
      ]);
    }
  });
});

describe('Money arithmetic', () => {
  it('is exact where binary floating point is not', () => {
    expect(m('0.1').plus(m('0.2')).equals(m('0.3'))).toBe(true);
    expect(m('1.10').times('3').toExactString()).toBe('3.30');
  });

  it.each([
    // value, half-up to the cent
    ['0.005', '0.01'],
    ['0.004999', '0.00'],
    ['2.675', '2.68'], // 2.675 is 2.67499999… as a double
    ['1.005', '1.01'],
    ['-0.005', '-0.01'],
    ['-0.004', '0.00'], // no "-0.00"
    ['81000', '81000.00'],
  ])('round(%s) = %s', (value, rounded) => {
    expect(m(value).round().toApiString()).toBe(rounded);
    expect(m(value).toApiString()).toBe(rounded);
  });

  it('keeps full precision until round()', () => {
    // 10 000 × 7,27 % × 121 / 365 = 87 967 / 365 = 241,00547945205479452…
    const seg = m('10000').times(percent('7.27')).times(121).dividedBy(365);
    expect(seg.toExactString().startsWith('241.005479452054794520547945205479452054')).toBe(true);
    expect(seg.round().toApiString()).toBe('241.01');
    expect(seg.isWholeCents()).toBe(false);
  });

  it('handles 9.999.999.999.999,99 without precision loss', () => {
    const max = m(MAX_MONEY_AMOUNT);
    expect(max.toApiString()).toBe('9999999999999.99');
    expect(max.plus(m('0.01')).toApiString()).toBe('10000000000000.00');
    expect(max.plus(max).toApiString()).toBe('19999999999999.98');
    expect(max.minus(m('9999999999999.98')).toApiString()).toBe('0.01');
    // × 90 % = 8 999 999 999 999,991 → 8 999 999 999 999,99
    expect(max.times(percent('90')).toExactString()).toBe('8999999999999.991');
    expect(max.times(percent('90')).round().toApiString()).toBe('8999999999999.99');
    // × 1,2 = 11 999 999 999 999,988
    expect(max.times('1.2').toExactString()).toBe('11999999999999.988');
    expect(Money.sum([max, max, max, max]).toApiString()).toBe('39999999999999.96');
    expect(max.dividedBy(3).times(3).round().equals(max)).toBe(true);
    expect(max.toGermanString()).toBe('9.999.999.999.999,99');
  });

  it('compares, sums, takes min and max', () => {
    const [a, b, c] = [m('10.00'), m('2.50'), m('10')];
    expect(a.compareTo(b)).toBe(1);
    expect(b.compareTo(a)).toBe(-1);
    expect(a.compareTo(c)).toBe(0);
    expect(a.equals(c)).toBe(true);
    expect(b.lessThan(a) && b.lessThanOrEqual(b) && a.greaterThan(b) && a.greaterThanOrEqual(c)).toBe(true);
    expect(Money.min(a, b, m('7')).toApiString()).toBe('2.50');
    expect(Money.max(a, b, m('17')).toApiString()).toBe('17.00');
    expect(Money.sum([a, b, c]).toApiString()).toBe('22.50');
    expect(Money.sum([]).isZero()).toBe(true);
    expect(m('-3').atLeastZero().isZero()).toBe(true);
    expect(m('3').atLeastZero().toApiString()).toBe('3.00');
    expect(m('-3').abs().toApiString()).toBe('3.00');
    expect(m('-3').isNegative() && m('3').isPositive() && m('0').isZero()).toBe(true);
    expect(m('0').isNegative() || m('0').isPositive()).toBe(false);
    expect(m('90000').ratioTo(m('100000')).toString()).toBe('0.9');
  });

  it('is immutable', () => {
    const a = m('5');
    const b = a.plus(m('1'));
    expect(a.toApiString()).toBe('5.00');
    expect(b.toApiString()).toBe('6.00');
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('refuses JS numbers and malformed strings', () => {
    expect(() => Money.of(0.1 as unknown as string)).toThrow(TypeError);
    expect(() => Money.of('1e3')).toThrow(RangeError);
    expect(() => m('1').dividedBy(0)).toThrow(RangeError);
  });

  it('formats for APIs and German texts', () => {
    expect(m('81000').toExactString()).toBe('81000.00');
    expect(JSON.stringify({ a: m('81000'), b: m('0.125') })).toBe('{"a":"81000.00","b":"0.125"}');
    expect(m('81000.5').toGermanString()).toBe('81.000,50');
    expect(m('-1234567.891').toGermanString()).toBe('-1.234.567,89');
    expect(m('999').formatEur()).toBe('999,00 €');
    expect(m('-0').toApiString()).toBe('0.00');
  });
});

describe('Rate', () => {
  it.each([
    ['90', '0.9', '90', '90 %'],
    ['7.27', '0.0727', '7.27', '7,27 %'],
    ['-0.88', '-0.0088', '-0.88', '-0,88 %'],
    ['100', '1', '100', '100 %'],
    ['0', '0', '0', '0 %'],
    ['33.333333', '0.33333333', '33.333333', '33,333333 %'],
  ])('percent(%s)', (p, fraction, api, german) => {
    const r = percent(p);
    expect(r.fraction.toString()).toBe(fraction);
    expect(r.toPercentString()).toBe(api);
    expect(JSON.stringify(r)).toBe(`"${api}"`);
    expect(r.toGermanString()).toBe(german);
  });

  it('applies to money and combines', () => {
    expect(m('100').times(percent('90')).toApiString()).toBe('90.00');
    expect(percent('20').onePlus().toString()).toBe('1.2');
    expect(percent('-0.88').plus(percent('5')).toPercentString()).toBe('4.12');
    expect(percent('5').minus(percent('7')).isNegative()).toBe(true);
    expect(Rate.ratio(m('90000'), m('100000')).equals(percent('90'))).toBe(true);
    expect(Rate.fromFraction('0.2').equals(percent('20'))).toBe(true);
    expect(percent('100').isWithinZeroToHundredPercent()).toBe(true);
    expect(percent('100.01').isWithinZeroToHundredPercent()).toBe(false);
    expect(percent('-1').isWithinZeroToHundredPercent()).toBe(false);
    expect(percent('20').compareTo(percent('10'))).toBe(1);
  });

  it.each([
    ['90', true, undefined],
    ['0', true, undefined],
    ['100', true, undefined],
    ['100.5', false, 'TOO_LARGE'],
    ['-1', false, 'NEGATIVE'],
    ['abc', false, 'INVALID_FORMAT'],
    ['33.3333333', false, 'TOO_MANY_DECIMALS'],
  ])('parsePercentStrict(%s)', (input, ok, code) => {
    const r = parsePercentStrict(input);
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(/Prozentsatz/);
    }
  });

  it('Rate.parsePercent throws VALIDATION_FAILED with the path', () => {
    expect(() => Rate.parsePercent('101', 'fundingRatePercent')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'fundingRatePercent' })] }),
    );
    expect(Rate.parsePercent('-0.88', 'ratePercent', { min: -100 }).toPercentString()).toBe('-0.88');
  });
});

describe('Dec and parseDecimalStrict', () => {
  it('uses half-up and no exponent notation', () => {
    expect(dec('0.0000001').toString()).toBe('0.0000001');
    expect(dec('1e21').toString()).toBe('1000000000000000000000');
    expect(new Dec('2.5').toDecimalPlaces(0).toString()).toBe('3');
    expect(dec('-0').isNegative()).toBe(false);
    expect(() => dec(Number.NaN)).toThrow(RangeError);
  });

  it.each([
    ['0.75', { min: 0, max: 1 }, true, undefined],
    ['1.5', { min: 0, max: 1 }, false, 'TOO_LARGE'],
    ['-0.5', { min: 0 }, false, 'NEGATIVE'],
    ['0.5', { min: 1 }, false, 'TOO_SMALL'],
    ['0.1234567', {}, false, 'TOO_MANY_DECIMALS'],
    ['0.75', { maxDecimals: 1 }, false, 'TOO_MANY_DECIMALS'],
    ['x', {}, false, 'INVALID_FORMAT'],
  ])('parseDecimalStrict(%s, %p)', (input, options, ok, code) => {
    const r = parseDecimalStrict(input, options);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.code).toBe(code);
  });
});
