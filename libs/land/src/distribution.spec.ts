import { Money } from '@foerderfluss/core';
import { distribute } from './distribution';

describe('distribute (Verteilungsschlüssel)', () => {
  it('splits by weight, half-up, and puts the remainder on the largest share so the sum is exact', () => {
    const shares = distribute(Money.of('100.00'), [
      { districtId: 'a', weight: '1' },
      { districtId: 'b', weight: '1' },
      { districtId: 'c', weight: '1' },
    ]);
    expect(shares.map((s) => s.amount.toApiString())).toEqual(['33.34', '33.33', '33.33']);
    expect(shares[0]!.carriesRemainder).toBe(true);
    expect(Money.sum(shares.map((s) => s.amount)).toApiString()).toBe('100.00');
  });

  it('DOMAIN §6: 419.250,00 € with Altenburger Land a quarter', () => {
    const shares = distribute(Money.of('1677000.00'), [
      { districtId: 'abg', weight: '25' },
      { districtId: 'grz', weight: '45' },
      { districtId: 'sok', weight: '30' },
    ]);
    expect(shares.map((s) => s.amount.toApiString())).toEqual(['419250.00', '754650.00', '503100.00']);
  });

  it('the sum always equals the annual money', () => {
    for (const annual of ['0.01', '1000.00', '419250.00', '999999.99']) {
      const shares = distribute(Money.of(annual), [
        { districtId: 'a', weight: '3.7' },
        { districtId: 'b', weight: '11' },
        { districtId: 'c', weight: '0' },
        { districtId: 'd', weight: '7.3333' },
      ]);
      expect(Money.sum(shares.map((s) => s.amount)).toApiString()).toBe(Money.of(annual).toApiString());
      expect(shares[2]!.amount.toApiString()).toBe('0.00');
    }
  });

  it('all weights zero: nothing is distributed', () => {
    expect(distribute(Money.of('10.00'), [{ districtId: 'a', weight: '0' }]).map((s) => s.amount.toApiString())).toEqual(['0.00']);
  });
});
