import { DomainError, FixedClock, Role, type Scope } from '@foerderfluss/core';
import { fundingQuery } from './monitoring.repository';
import type { MonitoringRepository } from './monitoring.repository';
import { MonitoringService } from './monitoring.service';

const clock = new FixedClock('Europe/Berlin', new Date('2026-12-31T23:30:00Z')); // already 2027 in Berlin
const service = new MonitoringService({} as MonitoringRepository, clock);

const errorsOf = (q: Parameters<MonitoringService['normalise']>[0]) => {
  try {
    service.normalise(q);
  } catch (err) {
    if (err instanceof DomainError) return err.errors;
    throw err;
  }
  throw new Error('no error');
};

describe('MonitoringService.normalise', () => {
  it('defaults: this year in the business time zone and the two before, by Handlungsfeld', () => {
    expect(service.normalise({})).toEqual({ from: 2025, to: 2027, groupBy: 'fieldOfAction', fieldOfAction: undefined, socialArea: undefined, providerId: undefined });
    expect(service.normalise({ to: 2024 })).toMatchObject({ from: 2022, to: 2024 });
  });

  it('from after to, more than 10 years and an unknown grouping are German 400s naming the parameter', () => {
    expect(errorsOf({ from: 2026, to: 2025 })).toEqual([{ path: 'from', message: 'Das Jahr „von“ (2026) darf nicht nach dem Jahr „bis“ (2025) liegen.' }]);
    expect(service.normalise({ from: 2017, to: 2026 })).toMatchObject({ from: 2017, to: 2026 }); // 10 years
    expect(errorsOf({ from: 2016, to: 2026 })).toEqual([{ path: 'to', message: 'Es können höchstens 10 Jahre auf einmal ausgewertet werden (2016 bis 2026 sind 11).' }]);
    expect(errorsOf({ groupBy: 'district' as never })).toEqual([{ path: 'groupBy', message: 'Erlaubt sind nur diese Werte: fieldOfAction, socialArea, provider, year.' }]);
  });
});

describe('fundingQuery', () => {
  const kreis: Scope = { userId: 'u', email: null, roles: [Role.AUDITOR], organisationId: null, requestId: null };
  const traeger: Scope = { userId: 'u', email: null, roles: [Role.PROVIDER], organisationId: '22222222-2222-4222-8222-222222222222', requestId: null };
  const q = { from: 2024, to: 2025, groupBy: 'fieldOfAction' as const };

  it('a Träger is restricted by an AND-ed equality, also when it names another Träger; the Kreis side is not', () => {
    const other = '33333333-3333-4333-8333-333333333333';
    const own = fundingQuery(traeger, { ...q, providerId: other });
    expect(own.params).toEqual([2024, 2025, traeger.organisationId, other]);
    expect(own.sql).toContain('e.provider_id = $3::uuid AND e.provider_id = $4::uuid');
    expect(own.sql).not.toMatch(/IS NULL OR/);
    const all = fundingQuery(kreis, q);
    expect(all.params).toEqual([2024, 2025]);
    expect(all.sql).not.toMatch(/provider_id = \$/);
  });
});
