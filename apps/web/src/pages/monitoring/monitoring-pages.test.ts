import { describe, expect, it } from 'vitest';
import { keyIndicators } from './MonitoringPages';
import type { IndicatorRow } from './shared';
import { pivotByIndicator } from './years';

const row = (over: Partial<IndicatorRow>): IndicatorRow => ({
  group: 'LANGUAGE_EDUCATION',
  groupLabel: 'Bildung, Sprache und frühkindliche Förderung',
  indicator: 'CONSULTATIONS',
  indicatorId: 'a',
  indicatorName: 'Beratungen',
  fieldOfAction: 'LANGUAGE_EDUCATION',
  unit: 'Gespräche',
  aggregation: 'SUM',
  actual: 0,
  target: null,
  deviation: null,
  reports: 0,
  ...over,
});

describe('Kennzahlen on the monitoring pages', () => {
  it('the overview shows Kennzahlen with a Soll or with reports, in the API’s order, at most eight', () => {
    const rows = [row({ indicatorId: 'a' }), row({ indicatorId: 'b', target: 10 }), row({ indicatorId: 'c', reports: 2, actual: 5 }), row({ indicatorId: 'd' })];
    expect(keyIndicators(rows).map((r) => r.indicatorId)).toEqual(['b', 'c']);
    const many = Array.from({ length: 12 }, (_, i) => row({ indicatorId: String(i), reports: 1 }));
    expect(keyIndicators(many)).toHaveLength(8);
  });

  it('year rows become one line per Kennzahl with its years (groupBy=year answers a row per year and Kennzahl)', () => {
    const rows = [
      row({ indicatorId: 'a', group: '2025', actual: 3 }),
      row({ indicatorId: 'b', group: '2025', indicatorName: 'beratene Personen', actual: 7 }),
      row({ indicatorId: 'a', group: '2026', actual: 5, target: 4, deviation: 1 }),
    ];
    const pivot = pivotByIndicator(rows);
    expect(pivot.map((p) => p.first.indicatorName)).toEqual(['Beratungen', 'beratene Personen']);
    expect(pivot[0]!.byYear.get('2026')?.actual).toBe(5);
    expect(pivot[0]!.byYear.get('2025')?.actual).toBe(3);
    expect(pivot[1]!.byYear.get('2026')).toBeUndefined();
  });
});
