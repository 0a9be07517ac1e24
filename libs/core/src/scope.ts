/** Roles of Förderfluss users (see README "Rollen"). */
export enum Role {
  ADMIN = 'ADMIN',
  /** Sachbearbeitung im Landratsamt */
  STAFF = 'STAFF',
  /** Zeichnungsbefugnis: the second pair of eyes */
  APPROVER = 'APPROVER',
  /** Member of exactly one Träger; sees only its own organisation's data */
  PROVIDER = 'PROVIDER',
  /** Rechnungsprüfung / Landesrechnungshof: reads everything, changes nothing */
  AUDITOR = 'AUDITOR',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/**
 * Who is asking. Every service method that reads or writes business data takes a Scope,
 * so data scoping is part of the query and cannot be forgotten in a controller.
 */
export interface Scope {
  readonly userId: string | null;
  readonly email: string | null;
  readonly roles: readonly Role[];
  /** Set for PROVIDER users: the only organisation whose records they may see. */
  readonly organisationId: string | null;
  /**
   * The Kreis whose records a Kreis user may see (a Land-wide install, issue 20); null or absent
   * for a single-Kreis install, Land users and Träger. Applied by the repository base only.
   */
  readonly districtId?: string | null;
  /**
   * Set for users of the Land (organisation of kind STATE): they read every Kreis, act only on the
   * Land's own records (Zuweisung, Prüfung of a Kreis's proof), never on a Kreis's (issue 20).
   */
  readonly stateId?: string | null;
  readonly requestId: string | null;
}

/** Whether the caller works for the Land: reads all Kreise, changes none of their records. */
export function isStateLevel(scope: Scope): boolean {
  return !!scope.stateId;
}

export function hasRole(scope: Pick<Scope, 'roles'>, ...roles: Role[]): boolean {
  return scope.roles.some((r) => roles.includes(r));
}

/** The Landratsamt, the auditors or the system: callers who read every Träger's records (a PROVIDER reads its own only). */
export function isKreisSide(scope: Pick<Scope, 'roles'>): boolean {
  return hasRole(scope, Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR);
}

/** The scope of the system itself (migrations, seeds, scheduled jobs). */
export function systemScope(requestId: string | null = null): Scope {
  return { userId: null, email: 'system', roles: [Role.ADMIN], organisationId: null, requestId };
}
