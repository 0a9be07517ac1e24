/**
 * Whose the signed-in user is, by name (issue 20): the Kreis (auth/me's `districtId`), the Land (the
 * STATE organisation of a Land user) or the Träger's own organisation. The name comes from the
 * organisations API, which every signed-in user may ask for its own organisation.
 */
import { useOrganisation } from '../api/queries';
import { levelOf, type Level, type Me } from './auth';

export interface Tenant {
  level: Level | null;
  /** The organisation's name, null while it loads (or when the user has none). */
  name: string | null;
}

/** The organisation the user works for: its Kreis, else its own organisation (Land or Träger). */
export function tenantOrganisationId(me: Me): string | null {
  return me.districtId ?? me.organisationId ?? null;
}

export function useTenant(me: Me): Tenant {
  const org = useOrganisation(tenantOrganisationId(me));
  return { level: levelOf(me), name: org.data?.name ?? null };
}

/** The line above the header: whose service this is for the user. */
export function tenantLabel(t: Tenant): string {
  if (t.level === 'PROVIDER' || !t.name) return 'Zuwendungsmanagement des Landes und der Landkreise';
  return t.level === 'STATE' ? `${t.name} · Landesebene` : t.name;
}
