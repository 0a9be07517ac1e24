import { describe, expect, it } from 'vitest';
import { navigationFor } from '../routes';
import { levelOf, mayAct, type Me } from './auth';

const KREIS = '0d0d0d0d-0d0d-4d0d-8d0d-0d0d0d0d0d0d';
const LAND = '1e1e1e1e-1e1e-4e1e-8e1e-1e1e1e1e1e1e';
const me = (roles: Me['roles'], organisationId: string | null, districtId: string | null): Me => ({ id: 'u', email: 'x@y.de', displayName: 'X', roles, organisationId, districtId });

describe('whose user (issue 20)', () => {
  it('tells the Land, a Kreis and a Träger apart from auth/me', () => {
    expect(levelOf(me(['STAFF'], LAND, null))).toBe('STATE');
    expect(levelOf(me(['STAFF'], KREIS, KREIS))).toBe('DISTRICT');
    expect(levelOf(me(['PROVIDER'], 'p', null))).toBe('PROVIDER');
    // staff without any organisation: an install from before the Kreise
    expect(levelOf(me(['ADMIN'], null, null))).toBe('DISTRICT');
  });

  it('lets no Land user take a step of a Kreis record, whatever the role', () => {
    expect(mayAct(me(['ADMIN', 'STAFF', 'APPROVER'], LAND, null), 'ADMIN', 'STAFF', 'APPROVER')).toBe(false);
    expect(mayAct(me(['STAFF'], KREIS, KREIS), 'ADMIN', 'STAFF')).toBe(true);
    expect(mayAct(me(['AUDITOR'], KREIS, KREIS), 'ADMIN', 'STAFF')).toBe(false);
  });

  it("puts the Land's overview first in its navigation, without the Kreis's Arbeitsliste; a Kreis has no Land entries", () => {
    const land = navigationFor(me(['STAFF'], LAND, null)).map((n) => n.path);
    expect(land.slice(0, 5)).toEqual(['/land', '/land/verteilung', '/land/zuweisungen', '/land/mittelabrufe', '/land/nachweise']);
    expect(land).not.toContain('/arbeitsliste');
    expect(land).not.toContain('/');
    const kreis = navigationFor(me(['STAFF'], KREIS, KREIS)).map((n) => n.path);
    expect(kreis[0]).toBe('/');
    expect(kreis).toContain('/arbeitsliste');
    expect(kreis.some((p) => p.startsWith('/land'))).toBe(false);
  });
});
