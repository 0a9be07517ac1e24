import { hasRole, isKreisSide, isStateLevel, Role, Scope } from '@foerderfluss/core';
import { districtOnly, landOnly } from './land.errors';

/** The Land (or the system): the only callers that change the Land's records outside a lifecycle step (drafting, the key). */
export function assertLand(scope: Scope): void {
  if (!(isStateLevel(scope) || scope.userId === null)) throw landOnly();
}

/** A Kreis user (not the Land): the Kreis's own steps on the Land's records (creating its budget year from a Zuweisung). */
export function assertDistrict(scope: Scope): void {
  if (isStateLevel(scope)) throw districtOnly();
}

/** Land staff who may draft (ADMIN, STAFF of the Land). */
export function isLandCaseworker(scope: Scope): boolean {
  return (isStateLevel(scope) || scope.userId === null) && hasRole(scope, Role.ADMIN, Role.STAFF);
}

/** Whether the caller reads the Kreise's money (staff and auditors, Land or Kreis), as opposed to a Träger. */
export function readsFigures(scope: Scope): boolean {
  return isKreisSide(scope);
}
