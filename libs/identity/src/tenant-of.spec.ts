import { Role } from '@foerderfluss/core';
import { tenantOf } from './auth.service';

const KREIS = '11111111-1111-4111-8111-111111111111';
const LAND = '22222222-2222-4222-8222-222222222222';
const TRAEGER = '33333333-3333-4333-8333-333333333333';

describe('tenantOf: the Kreis or Land a login is scoped to (issue 20)', () => {
  it('a Kreis-side user of a Kreis is scoped to that Kreis, of the Land to the Land', () => {
    for (const roles of [[Role.ADMIN], [Role.STAFF], [Role.APPROVER], [Role.AUDITOR], [Role.STAFF, Role.APPROVER]]) {
      expect([roles, tenantOf({ roles, organisation_id: KREIS, organisation_kind: 'DISTRICT' })]).toEqual([roles, { districtId: KREIS, stateId: null }]);
      expect([roles, tenantOf({ roles, organisation_id: LAND, organisation_kind: 'STATE' })]).toEqual([roles, { districtId: null, stateId: LAND }]);
    }
  });

  it('a Träger is scoped by its organisation, never by a Kreis or the Land', () => {
    for (const kind of ['PROVIDER', 'DISTRICT', 'STATE'] as const) {
      expect([kind, tenantOf({ roles: [Role.PROVIDER], organisation_id: TRAEGER, organisation_kind: kind })]).toEqual([kind, { districtId: null, stateId: null }]);
    }
  });

  it('a Kreis-side user without organisation (a single-Kreis install) is scoped to neither', () => {
    expect(tenantOf({ roles: [Role.STAFF], organisation_id: null, organisation_kind: null })).toEqual({ districtId: null, stateId: null });
  });
});
