import { describe, expect, it } from 'vitest';
import { barEuros, districtYearOptions, hasFigures, shortDistrictName, yearFromParams } from './districts';

describe('districts (Land overview)', () => {
  it('reads the year from the address, ignores anything else', () => {
    expect(yearFromParams(new URLSearchParams('jahr=2026'))).toBe(2026);
    expect(yearFromParams(new URLSearchParams('jahr=26'))).toBeUndefined();
    expect(yearFromParams(new URLSearchParams('jahr=2026x'))).toBeUndefined();
    expect(yearFromParams(new URLSearchParams(''))).toBeUndefined();
  });

  it('offers the years around the one shown and the current one, newest first', () => {
    expect(districtYearOptions(2026, 2026)).toEqual([2027, 2026, 2025, 2024, 2023, 2022]);
    expect(districtYearOptions(2020, 2026)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016]);
  });

  it('drops the authority from a Kreis name for the chart axis', () => {
    expect(shortDistrictName('Landkreis Greiz – Landratsamt')).toBe('Landkreis Greiz');
    expect(shortDistrictName('Saale-Orla-Kreis – Landratsamt')).toBe('Saale-Orla-Kreis');
    expect(shortDistrictName('Stadt Gera')).toBe('Stadt Gera');
  });

  it('draws euros from decimal strings exactly to the cent, null as 0', () => {
    expect(barEuros('104812.50')).toBe(104812.5);
    expect(barEuros('0.10')).toBe(0.1);
    expect(barEuros(null)).toBe(0);
  });

  it('knows when a caller sees no money (a Träger)', () => {
    const none = { allocated: null, drawn: null, paidToProviders: null, proven: null, refunded: null };
    expect(hasFigures(none)).toBe(false);
    expect(hasFigures({ ...none, drawn: '0.00' })).toBe(true);
  });
});
