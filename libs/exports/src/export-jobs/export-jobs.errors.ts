import { DomainError, type FieldError } from '@foerderfluss/core';
import { ExportDefinitionError, ExportTooManyRowsError, ExportValueError } from '../exports.errors';

export const exportNotFound = (): DomainError => new DomainError('EXPORT_NOT_FOUND', 404, 'Der Export wurde nicht gefunden.');

export const exportNotReady = (status: string): DomainError =>
  new DomainError('EXPORT_NOT_READY', 409, `Die Datei ist noch nicht verfügbar (Status: ${status}). Bitte warten, bis der Export fertig ist.`);

export const exportFailedNoFile = (): DomainError =>
  new DomainError('EXPORT_FAILED', 409, 'Der Export ist fehlgeschlagen; es gibt keine Datei. Bitte den Export erneut anfordern.');

export const exportTypeForbidden = (label: string): DomainError =>
  new DomainError('EXPORT_TYPE_FORBIDDEN', 403, `Der Export „${label}“ steht Trägern nicht zur Verfügung.`);

export const exportFiltersInvalid = (errors: FieldError[]): DomainError =>
  new DomainError('VALIDATION_FAILED', 400, 'Die Filter des Exports sind ungültig.', errors);

/** What a failed export shows to its requester, and whether retrying could help. */
export interface ExportFailure {
  readonly message: string;
  readonly permanent: boolean;
}

const TECHNICAL = 'Der Export ist wegen eines technischen Fehlers abgebrochen. Bitte später erneut anfordern; besteht der Fehler fort, den Betrieb informieren.';

/**
 * German message for the export row: our own errors speak German already; anything else (a lost
 * connection, a disk error) is described generically, the details stay in the worker log.
 * Permanent: retrying the same export would fail the same way (too many rows for a sheet, a value
 * that fits no cell, a filter whose record is gone).
 */
export function exportFailure(err: unknown): ExportFailure {
  if (err instanceof ExportTooManyRowsError || err instanceof ExportValueError) return { message: err.message, permanent: true };
  if (err instanceof ExportDefinitionError) return { message: TECHNICAL, permanent: true };
  if (err instanceof DomainError) return { message: err.detail, permanent: err.status < 500 };
  return { message: TECHNICAL, permanent: false };
}
