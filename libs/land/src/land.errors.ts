import { DomainError } from '@foerderfluss/core';

export const stateGrantNotFound = (): DomainError => new DomainError('STATE_GRANT_NOT_FOUND', 404, 'Die Zuweisung des Landes wurde nicht gefunden.');
export const stateProofReviewNotFound = (): DomainError => new DomainError('STATE_PROOF_REVIEW_NOT_FOUND', 404, 'Die Prüfung des Landes wurde nicht gefunden.');
export const districtNotFound = (): DomainError => new DomainError('DISTRICT_NOT_FOUND', 404, 'Der Kreis wurde nicht gefunden.');
export const stateGrantExists = (year: number): DomainError =>
  new DomainError('STATE_GRANT_EXISTS', 409, `Für diesen Kreis gibt es für ${year} bereits eine Zuweisung des Landes.`);
export const landOnly = (): DomainError => new DomainError('FORBIDDEN_LEVEL', 403, 'Diesen Schritt nimmt nur das Land vor.');
export const districtOnly = (): DomainError => new DomainError('FORBIDDEN_LEVEL', 403, 'Diesen Schritt nimmt nur der Kreis vor.');
