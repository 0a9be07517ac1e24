import { DomainError, Money, percent } from '@foerderfluss/core';
import { StateSettlementInput, calculateStateSettlement } from './state-settlement';

interface Case {
  rate?: string;
  max?: string;
  disbursed?: string;
  costs: string;
  recovered?: string;
  recoveryShare?: string;
}

const input = (c: Case): StateSettlementInput => ({
  stateRate: percent(c.rate ?? '80'),
  stateMaxAmount: Money.of(c.max ?? '419250'),
  stateDisbursed: Money.of(c.disbursed ?? '419250'),
  districtRecognisedCosts: Money.of(c.costs),
  recoveredFromProviders: c.recovered ? Money.of(c.recovered) : undefined,
  recoveryStateShare: c.recoveryShare ? percent(c.recoveryShare) : undefined,
});

describe('calculateStateSettlement (DOMAIN §6)', () => {
  // [name, case, stateFinalGrant, refundToState, districtShare]
  it.each<[string, Case, string, string, string]>([
    // 2026: 80 % × 524.062,50 = 419.250,00 = H_land
    ['DOMAIN 2026, fully spent', { costs: '524062.50' }, '419250.00', '0.00', '104812.50'],
    ['less spent: 80 % × 500.000', { costs: '500000' }, '400000.00', '19250.00', '100000.00'],
    ['more spent: capped at H_land', { costs: '600000' }, '419250.00', '0.00', '180750.00'],
    ['Land paid less than its grant: no refund', { costs: '524062.50', disbursed: '400000' }, '419250.00', '0.00', '104812.50'],
    // 80 % × 0,01 = 0,008 → 0,01
    ['half-up once', { costs: '0.01', max: '1', disbursed: '1' }, '0.01', '0.99', '0.00'],
    ['nothing spent', { costs: '0' }, '0.00', '419250.00', '0.00'],
    ['rate 75 %', { rate: '75', costs: '100000', max: '1000000', disbursed: '80000' }, '75000.00', '5000.00', '25000.00'],
  ])('%s', (_name, c, grant, refund, district) => {
    const r = calculateStateSettlement(input(c));
    expect(r.stateFinalGrant.toApiString()).toBe(grant);
    expect(r.refundToState.toApiString()).toBe(refund);
    expect(r.districtShare.toApiString()).toBe(district);
  });

  // The Land part is rounded half-up; the Kreis takes the residue so both sum to the recovered amount.
  it.each<[string, string | undefined, string, string]>([
    ['1000', undefined, '800.00', '200.00'],
    ['1000.01', undefined, '800.01', '200.00'], // 800,008 → 800,01
    ['0.01', undefined, '0.01', '0.00'], // 0,008 → 0,01
    ['0.03', undefined, '0.02', '0.01'], // 0,024 → 0,02
    ['0.05', undefined, '0.04', '0.01'],
    ['100', '66.666667', '66.67', '33.33'],
    ['9999999999999.99', undefined, '7999999999999.99', '2000000000000.00'], // 7.999.999.999.999,992
  ])('recovery %s split (Land share %s)', (recovered, share, state, district) => {
    const r = calculateStateSettlement(input({ costs: '524062.50', recovered, recoveryShare: share }));
    expect([r.recoverySplit.state.toApiString(), r.recoverySplit.district.toApiString()]).toEqual([state, district]);
    expect(r.recoverySplit.state.plus(r.recoverySplit.district).equals(Money.of(recovered))).toBe(true);
  });

  it('splits nothing when nothing was recovered', () => {
    const r = calculateStateSettlement(input({ costs: '1' }));
    expect([r.recoverySplit.state.toApiString(), r.recoverySplit.district.toApiString()]).toEqual(['0.00', '0.00']);
  });

  it.each<[string, Case, string]>([
    ['rate above 100', { rate: '120', costs: '1' }, 'stateRatePercent'],
    ['negative costs', { costs: '-1' }, 'districtRecognisedCosts'],
    ['negative recovery', { costs: '1', recovered: '-5' }, 'recoveredFromProviders'],
  ])('%s → 400', (_name, c, path) => {
    expect.assertions(2);
    try {
      calculateStateSettlement(input(c));
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).errors.map((x) => x.path)).toEqual([path]);
    }
  });
});
