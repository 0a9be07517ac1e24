import { CalendarDate, DomainError, dec } from '@foerderfluss/core';
import { BaseRateTable, baseRateOn } from './base-rate';
import { DOMAIN_BASE_RATES } from './base-rate.fixture';

const d = (s: string) => CalendarDate.parse(s);

describe('Basiszinssatz lookup', () => {
  it.each([
    ['2020-01-01', '-0.88'],
    ['2021-07-15', '-0.88'], // 2020–2022 unchanged
    ['2022-12-31', '-0.88'],
    ['2023-01-01', '1.62'],
    ['2023-06-30', '1.62'],
    ['2023-07-01', '3.12'],
    ['2025-06-30', '2.27'],
    ['2025-07-01', '1.27'],
    ['2026-12-31', '1.52'], // end of the half-year of the last entry
  ])('%s → %s %%', (day, rate) => {
    expect(baseRateOn(DOMAIN_BASE_RATES, d(day)).toString()).toBe(rate);
  });

  it.each([
    ['2027-01-01', 'Für das 1. Halbjahr 2027 ist kein Basiszinssatz hinterlegt.', { year: 2027, halfYear: 1 }],
    ['2019-12-31', 'Für das 2. Halbjahr 2019 ist kein Basiszinssatz hinterlegt.', { year: 2019, halfYear: 2 }],
  ])('%s is not covered → 422 BASE_RATE_MISSING', (day, detail, ext) => {
    expect.assertions(5);
    try {
      baseRateOn(DOMAIN_BASE_RATES, d(day));
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('BASE_RATE_MISSING');
      expect(err.status).toBe(422);
      expect(err.detail).toBe(detail);
      expect(err.extensions).toEqual(ext);
    }
  });

  it('covers nothing with an empty table, and sorts an unsorted one', () => {
    expect(() => baseRateOn([], d('2025-01-01'))).toThrow(expect.objectContaining({ code: 'BASE_RATE_MISSING' }));
    const reversed = [...DOMAIN_BASE_RATES].reverse();
    expect(baseRateOn(reversed, d('2024-08-01')).toString()).toBe('3.37');
    expect(new BaseRateTable(reversed).coveredUntil?.toISOString()).toBe('2026-12-31');
  });

  it('covers only to the end of the half-year of an off-grid last entry', () => {
    const table = new BaseRateTable([{ validFrom: d('2025-01-01'), ratePercent: dec('2') }, { validFrom: d('2025-04-15'), ratePercent: dec('3') }]);
    expect(table.rateOn(d('2025-04-14')).toString()).toBe('2');
    expect(table.rateOn(d('2025-06-30')).toString()).toBe('3');
    expect(() => table.rateOn(d('2025-07-01'))).toThrow('Für das 2. Halbjahr 2025 ist kein Basiszinssatz hinterlegt.');
  });

  it('rejects two rates for the same day', () => {
    expect(() => new BaseRateTable([...DOMAIN_BASE_RATES, { validFrom: d('2025-01-01'), ratePercent: dec('9') }])).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'baseRates' })] }),
    );
  });
});
