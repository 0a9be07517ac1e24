import { DomainError, FieldError } from '@foerderfluss/core';

/** The input of a SEPA file is unusable; `errors` names every field (`transactions[2].creditorIban`). */
export const SEPA_INVALID = 'SEPA_INVALID';

export function sepaInvalid(errors: FieldError[]): DomainError {
  const detail =
    errors.length === 1
      ? 'Die SEPA-Überweisungsdatei kann nicht erstellt werden: eine Angabe ist ungültig.'
      : `Die SEPA-Überweisungsdatei kann nicht erstellt werden: ${errors.length} Angaben sind ungültig.`;
  return new DomainError(SEPA_INVALID, 422, detail, errors);
}

/**
 * The `sepa` library wrote something other than what was validated and asked for (a count, sum,
 * amount or id differs, or its output no longer has the shape the exact values are put into).
 * A programming error, typically after a library upgrade: no file leaves the builder then.
 */
export class SepaBuilderInvariantError extends Error {
  constructor(message: string) {
    super(`SEPA-Datei verworfen, Ausgabe der Bibliothek "sepa" unerwartet: ${message}`);
    this.name = 'SepaBuilderInvariantError';
  }
}
