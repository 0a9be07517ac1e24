import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { session } from '../api/session';
import { Loading, ProblemAlert } from '../components/ui';

export type Role = 'ADMIN' | 'STAFF' | 'APPROVER' | 'PROVIDER' | 'AUDITOR';
export type Me = Schemas['MeDto'];

export function useSession() {
  return useSyncExternalStore(session.subscribe, session.snapshot, session.snapshot);
}

export function useMe() {
  const { token } = useSession();
  return useQuery({
    queryKey: ['me', token],
    enabled: token !== null,
    staleTime: Infinity,
    queryFn: () => call(api.GET('/api/v1/auth/me')),
  });
}

export function hasRole(me: Me | undefined, ...roles: Role[]): boolean {
  return !!me && me.roles.some((r) => (roles as string[]).includes(r));
}

export function isStaffSide(me: Me | undefined): boolean {
  return hasRole(me, 'ADMIN', 'STAFF', 'APPROVER', 'AUDITOR');
}

/**
 * Whose user this is (issue 20): a Träger; the staff of a Kreis (auth/me names its `districtId`);
 * or the staff of the Land (an organisation but no Kreis: the STATE organisation). Staff without any
 * organisation (an install from before the Kreise) count as the Kreis's.
 */
export type Level = 'PROVIDER' | 'DISTRICT' | 'STATE';

export function levelOf(me: Me | undefined): Level | null {
  if (!me) return null;
  if (hasRole(me, 'PROVIDER')) return 'PROVIDER';
  return !me.districtId && me.organisationId ? 'STATE' : 'DISTRICT';
}

export function isStateLevel(me: Me | undefined): boolean {
  return levelOf(me) === 'STATE';
}

/**
 * The one rule for buttons and forms that start or change a Kreis's record (new Projektaufruf, new
 * Träger, SEPA-Datei, Schreiben …): the role must fit and the user must not be the Land's, which
 * takes no step of a Kreis's lifecycle (the API answers 403 FORBIDDEN_LEVEL and sends empty
 * allowedActions). Reading stays with `hasRole`.
 */
export function mayAct(me: Me | undefined, ...roles: Role[]): boolean {
  return hasRole(me, ...roles) && !isStateLevel(me);
}

/** The signed-in user; only call below RequireAuth. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside RequireAuth');
  return data;
}

/** Pages behind the login: no session → login page (with the reason), then back here. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { token, ended } = useSession();
  const location = useLocation();
  const me = useMe();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!token) queryClient.clear();
  }, [token, queryClient]);
  if (!token) {
    return <Navigate to="/anmelden" replace state={{ from: location.pathname + location.search, reason: ended }} />;
  }
  if (me.error) return <ProblemAlert error={me.error} title="Anmeldung konnte nicht geprüft werden" />;
  if (!me.data) return <Loading label="Anmeldung wird geprüft …" />;
  return <>{children}</>;
}

/**
 * A page only some roles (and levels: a Kreis's "neu" pages are not the Land's) may open; others see
 * "nicht gefunden" (like the API's 404 for foreign records).
 */
export function RequireRole({ roles, levels, children }: { roles?: Role[]; levels?: Level[]; children: ReactNode }) {
  const me = useCurrentUser();
  const level = levelOf(me);
  if ((roles && !hasRole(me, ...roles)) || (levels && (!level || !levels.includes(level)))) {
    return (
      <section>
        <h1 className="kern-heading-large">Nicht gefunden</h1>
        <p className="kern-body">Diese Seite wurde nicht gefunden oder ist für Ihre Rolle nicht vorgesehen.</p>
      </section>
    );
  }
  return <>{children}</>;
}
