import { DomainError, Money, dec } from '@foerderfluss/core';
import { calculatePersonnelEligibility } from './personnel-eligibility';

const position = (label: string, gross: string, comparison: string, fte: string, months: string) => ({
  label,
  monthlyEmployerGross: Money.of(gross),
  comparisonAmount: Money.of(comparison),
  fte: dec(fte),
  months: dec(months),
});

describe('calculatePersonnelEligibility (Besserstellungsverbot)', () => {
  // [label, gross, comparison, fte, months, actual, eligible, disallowed]
  it.each([
    // 4.200 × 0,75 × 12 = 37.800 of 4.500 × 0,75 × 12 = 40.500
    ['above TV-L', '4500', '4200', '0.75', '12', '40500.00', '37800.00', '2700.00'],
    ['below TV-L', '3900', '4200', '1', '12', '46800.00', '46800.00', '0.00'],
    ['exactly TV-L', '4200', '4200', '0.5', '6', '12600.00', '12600.00', '0.00'],
    ['zero VZÄ', '4500', '4200', '0', '12', '0.00', '0.00', '0.00'],
    ['zero months', '4500', '4200', '1', '0', '0.00', '0.00', '0.00'],
    // 3.333,33 × 0,333 × 1 = 1.109,99889 → 1.110,00
    ['sub-cent, half-up', '3333.33', '4000', '0.333', '1', '1110.00', '1110.00', '0.00'],
    // actual 4.000,01 × 0,5 × 1 = 2.000,005 → 2.000,01; eligible 4.000 × 0,5 = 2.000,00
    ['disallowed is the difference of rounded figures', '4000.01', '4000', '0.5', '1', '2000.01', '2000.00', '0.01'],
    ['half months', '5000', '4000', '0.8', '6.5', '26000.00', '20800.00', '5200.00'],
  ])('%s', (label, gross, comparison, fte, months, actual, eligible, disallowed) => {
    const [p] = calculatePersonnelEligibility({ positions: [position(label, gross, comparison, fte, months)] }).positions;
    expect([p.label, p.actualCost.toApiString(), p.eligible.toApiString(), p.disallowed.toApiString()]).toEqual([label, actual, eligible, disallowed]);
  });

  it('totals the positions', () => {
    const r = calculatePersonnelEligibility({
      positions: [position('Beratung 1', '4500', '4200', '0.75', '12'), position('Beratung 2', '3900', '4200', '1', '12')],
    });
    expect(r.totals.actualCost.toApiString()).toBe('87300.00');
    expect(r.totals.eligible.toApiString()).toBe('84600.00');
    expect(r.totals.disallowed.toApiString()).toBe('2700.00');
    expect(calculatePersonnelEligibility({ positions: [] }).totals.eligible.toApiString()).toBe('0.00');
  });

  it('rejects negative inputs with field paths', () => {
    expect.assertions(2);
    try {
      calculatePersonnelEligibility({ positions: [position('a', '1', '1', '1', '1'), position('b', '-1', '1', '-0.5', '-1')] });
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).errors.map((x) => x.path)).toEqual([
        'positions[1].monthlyEmployerGross',
        'positions[1].fte',
        'positions[1].months',
      ]);
    }
  });
});
