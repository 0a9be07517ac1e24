import { describe, expect, it } from 'vitest';
import {
  achievementPercent,
  filtersSearch,
  formatDeviation,
  formatIndicator,
  germanList,
  isUnfunded,
  niceCeiling,
  monitoringQuery,
  readMonitoringFilters,
  sumMoney,
  unfundedGroups,
  writeMonitoringFilters,
  yearOptions,
  yearParam,
} from './monitoring';

describe('monitoring filters in the address', () => {
  it('reads the four filters, trims them and drops empty ones and parameters it does not know', () => {
    const params = new URLSearchParams('from=2024&to=%202026%20&fieldOfAction=LABOUR_MARKET&socialArea=&sort=-x');
    expect(readMonitoringFilters(params)).toEqual({ from: '2024', to: '2026', fieldOfAction: 'LABOUR_MARKET' });
  });

  it('keeps a value the API will refuse verbatim, so the page can show the API’s message', () => {
    expect(readMonitoringFilters(new URLSearchParams('from=2027&to=2024'))).toEqual({ from: '2027', to: '2024' });
    expect(readMonitoringFilters(new URLSearchParams('from=zwanzig'))).toEqual({ from: 'zwanzig' });
  });

  it('writes a change, removes a cleared filter and leaves other parameters alone', () => {
    const current = new URLSearchParams('from=2024&to=2026&socialArea=ALTENBURG&tab=x');
    expect(writeMonitoringFilters(current, { to: '2025', socialArea: '' }).toString()).toBe('from=2024&to=2025&tab=x');
    expect(writeMonitoringFilters(current, { fieldOfAction: 'LABOUR_MARKET' }).get('fieldOfAction')).toBe('LABOUR_MARKET');
    // the original is not changed (react-router hands the same object to every render)
    expect(current.toString()).toBe('from=2024&to=2026&socialArea=ALTENBURG&tab=x');
  });

  it('links between the pages carry the filters, and nothing when there are none', () => {
    expect(filtersSearch({ from: '2024', to: '2026', socialArea: 'ALTENBURG' })).toBe('?from=2024&to=2026&socialArea=ALTENBURG');
    expect(filtersSearch({})).toBe('');
  });
});

describe('what the API is asked', () => {
  it('years become numbers; absent ones are left to the API’s defaults', () => {
    expect(monitoringQuery({ from: '2024', to: '2026', fieldOfAction: 'LABOUR_MARKET' }, 'year')).toEqual({ groupBy: 'year', from: 2024, to: 2026, fieldOfAction: 'LABOUR_MARKET' });
    expect(monitoringQuery({}, 'socialArea')).toEqual({ groupBy: 'socialArea' });
  });

  it('a year that is no whole number goes as NaN (the API answers with its German 400), never as another year', () => {
    expect(yearParam('2025')).toBe(2025);
    expect(yearParam('20.25')).toBeNaN();
    expect(yearParam('abc')).toBeNaN();
    expect(yearParam(undefined)).toBeUndefined();
  });

  it('offers ten years before the shown end year and the next one, plus a year the address names', () => {
    expect(yearOptions(2026)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect(yearOptions(2026, 2010, Number.NaN, undefined)[0]).toBe(2010);
    expect(yearOptions(2026, 2010)).toHaveLength(13);
  });
});

describe('money and coverage', () => {
  const rows = [
    { group: 'ALTENBURG', groupLabel: 'Altenburg', committed: '80000.10', paid: '40000.00' },
    { group: 'PLEISSENAUE', groupLabel: 'Pleißenaue', committed: '0.00', paid: '0.00' },
    { group: 'SCHMOELLN', groupLabel: 'Schmölln', committed: '0.20', paid: '0.00' },
    { group: 'NOBITZ', groupLabel: 'Gößnitz und Nobitz', committed: '-0.00', paid: '0.00' },
  ];

  it('adds money in cents: 0.1 + 0.2 is 0.30, not 0.30000000000000004', () => {
    expect(sumMoney(rows, 'committed')).toBe('80000.30');
    expect(sumMoney([], 'committed')).toBe('0.00');
  });

  it('names the Sozialräume that got nothing (nothing bound, nothing paid) in the API’s order', () => {
    expect(unfundedGroups(rows)).toEqual(['Pleißenaue', 'Gößnitz und Nobitz']);
    // released in full but paid out before: not "ohne Förderung"
    expect(isUnfunded({ committed: '0.00', paid: '100.00' })).toBe(false);
  });

  it('a money axis ends on a round figure, at least 1.000 € (an empty range draws no "0,001 T€")', () => {
    expect(niceCeiling(0)).toBe(1000);
    expect(niceCeiling(259730)).toBe(500000);
    expect(niceCeiling(128050)).toBe(200000);
    expect(niceCeiling(103300)).toBe(200000);
    expect(niceCeiling(20000)).toBe(20000);
    expect(niceCeiling(20001)).toBe(25000);
  });

  it('enumerates in German', () => {
    expect(germanList([])).toBe('');
    expect(germanList(['Altenburg'])).toBe('Altenburg');
    expect(germanList(['Altenburg', 'Schmölln', 'Nobitz'])).toBe('Altenburg, Schmölln und Nobitz');
  });
});

describe('Kennzahlen', () => {
  it('formats figures with German separators, averages with a decimal comma', () => {
    expect(formatIndicator(1234)).toBe('1.234');
    expect(formatIndicator(12.5)).toBe('12,5');
    expect(formatIndicator(null)).toBe('–');
  });

  it('shows the deviation with its sign', () => {
    expect(formatDeviation(12)).toBe('+12');
    expect(formatDeviation(-1234.5)).toBe('−1.234,5');
    expect(formatDeviation(0)).toBe('±0');
    expect(formatDeviation(null)).toBe('–');
  });

  it('the share of the target reached, none without a target', () => {
    expect(achievementPercent(45, 60)).toBe(75);
    expect(achievementPercent(0, 10)).toBe(0);
    expect(achievementPercent(5, null)).toBeNull();
    expect(achievementPercent(5, 0)).toBeNull();
  });
});
