import { CalendarDate, DomainError, Money, Rate } from '@foerderfluss/core';
import { BaseRatesService, parseBaseRatePercent, parseBaseRateValidFrom } from './base-rates.service';
import { BaseRate } from './base-rate.entity';
import {
  isProgrammeParameterCode,
  parseParameterValue,
  PROGRAMME_PARAMETER_CODES,
  PROGRAMME_PARAMETER_DEFINITIONS,
} from './parameter-definitions';
import { valueInForce } from './parameters.service';

describe('PROGRAMME_PARAMETER_DEFINITIONS', () => {
  it('has the ten DOMAIN §7 codes and the three Mahnwesen days, each filling its own field', () => {
    expect(PROGRAMME_PARAMETER_CODES).toHaveLength(13);
    const fields = Object.values(PROGRAMME_PARAMETER_DEFINITIONS).map((d) => d.field);
    expect(new Set(fields).size).toBe(13);
    expect(PROGRAMME_PARAMETER_DEFINITIONS.DUNNING_FIRST_DAYS).toMatchObject({ unit: 'DAYS', field: 'dunningFirstDays' });
    expect(isProgrammeParameterCode('DAY_COUNT')).toBe(true);
    expect(isProgrammeParameterCode('toString')).toBe(false);
  });
});

describe('parseParameterValue', () => {
  // [unit, input, canonical text]
  it.each<[Parameters<typeof parseParameterValue>[0], string, string]>([
    ['DAYS', '14', '14'],
    ['DAYS', '007', '7'],
    ['MONTHS', '2', '2'],
    ['MONTHS', '06', '6'],
    ['MONTHS', '0', '0'],
    ['YEARS', '10', '10'],
    ['PERCENT', '20', '20'],
    ['PERCENT', '25.50', '25.5'],
    ['PERCENT', '0', '0'],
    ['PERCENT', '100', '100'],
    ['PERCENTAGE_POINTS', '5.0', '5'],
    ['PERCENTAGE_POINTS', '4.125', '4.125'],
    ['EUR', '500', '500.00'],
    ['EUR', '9999999999999.99', '9999999999999.99'],
    ['DAY_COUNT_CONVENTION', 'ACT_365', 'ACT_365'],
    ['MM-DD', '04-30', '04-30'],
    ['MM-DD', '02-29', '02-29'],
  ])('%s %s → %s', (unit, input, canonical) => {
    const parsed = parseParameterValue(unit, input);
    expect(parsed).toMatchObject({ ok: true, canonical });
  });

  it('gives typed values', () => {
    const eur = parseParameterValue('EUR', '500.00');
    const pct = parseParameterValue('PERCENT', '20');
    const dm = parseParameterValue('MM-DD', '04-30');
    expect(eur.ok && eur.value).toBeInstanceOf(Money);
    expect(pct.ok && pct.value).toBeInstanceOf(Rate);
    expect(pct.ok && pct.value.fraction.toString()).toBe('0.2');
    expect(dm.ok && dm.value).toEqual({ day: 30, month: 4 });
    expect(parseParameterValue('MONTHS', '2')).toMatchObject({ value: 2 });
  });

  // [unit, input, German message]
  it.each<[Parameters<typeof parseParameterValue>[0], unknown, RegExp]>([
    ['DAYS', '1.5', /ganze Zahl von Tagen/],
    ['DAYS', '366', /zwischen 0 und 365/],
    ['MONTHS', '2.5', /ganze Zahl von Monaten/],
    ['MONTHS', '-1', /ganze Zahl/],
    ['MONTHS', '121', /zwischen 0 und 120/],
    ['YEARS', '101', /zwischen 0 und 100/],
    ['PERCENT', '100.1', /nicht größer als 100/],
    ['PERCENT', '-1', /nicht negativ/],
    ['PERCENT', '1.1234567', /höchstens 6 Nachkommastellen/],
    ['PERCENTAGE_POINTS', '101', /Aufschlag in Prozentpunkten darf nicht größer als 100/],
    ['EUR', '-500.00', /nicht negativ/],
    ['EUR', '1.005', /zwei Nachkommastellen/],
    ['EUR', '10000000000000', /9\.999\.999\.999\.999,99/],
    ['DAY_COUNT_CONVENTION', 'ACT_360', /ACT_ACT, ACT_365/],
    ['MM-DD', '02-30', /MM-TT/],
    ['MM-DD', '13-01', /MM-TT/],
    ['MM-DD', '4-30', /MM-TT/],
    ['EUR', 500, /als Text/],
  ])('%s %p is refused', (unit, input, message) => {
    const parsed = parseParameterValue(unit, input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });
});

describe('valueInForce', () => {
  const values = [
    { validFrom: '2024-01-01', value: 'a' },
    { validFrom: '2027-01-01', value: 'c' },
    { validFrom: '2026-01-01', value: 'b' },
  ];
  it.each([
    ['2023-12-31', undefined],
    ['2024-01-01', 'a'],
    ['2025-12-31', 'a'],
    ['2026-01-01', 'b'],
    ['2026-12-31', 'b'],
    ['2030-01-01', 'c'],
  ])('on %s → %s', (day, expected) => {
    expect(valueInForce(values, CalendarDate.parse(day))?.value).toBe(expected);
  });
});

describe('Basiszinssatz input', () => {
  it('accepts 1 January and 1 July only (§ 247 BGB)', () => {
    expect(parseBaseRateValidFrom('2027-01-01')).toBe('2027-01-01');
    expect(parseBaseRateValidFrom('2027-07-01')).toBe('2027-07-01');
    for (const bad of ['2027-02-01', '2027-07-02', '2027-01-31']) {
      expect(() => parseBaseRateValidFrom(bad)).toThrow(DomainError);
    }
    expect(() => parseBaseRateValidFrom('2027-02-30')).toThrow(/existiert nicht|Eingaben/);
  });

  it('takes negative rates, refuses implausible or over-precise ones', () => {
    expect(parseBaseRatePercent('-0.88').toPercentString()).toBe('-0.88');
    expect(parseBaseRatePercent('3.620000').toPercentString()).toBe('3.62');
    for (const bad of ['150', '-101', '1.1234567', '1,5']) {
      const err = (() => {
        try {
          parseBaseRatePercent(bad);
          return null;
        } catch (e) {
          return e as DomainError;
        }
      })();
      expect(err).toMatchObject({ status: 400, code: 'BASE_RATE_INVALID', errors: [{ path: 'ratePercent' }] });
    }
  });

  it('is covered until the end of the half-year of the newest entry', () => {
    const row = (validFrom: string) => Object.assign(new BaseRate(), { validFrom });
    expect(BaseRatesService.coveredUntil([])).toBeNull();
    expect(BaseRatesService.coveredUntil([row('2026-01-01'), row('2026-07-01')])?.toISOString()).toBe('2026-12-31');
    expect(BaseRatesService.coveredUntil([row('2027-01-01')])?.toISOString()).toBe('2027-06-30');
  });
});
