import { CalendarDate, DomainError, FieldError } from '@foerderfluss/core';

export const programmeNotFound = (): DomainError =>
  new DomainError('PROGRAMME_NOT_FOUND', 404, 'Das Förderprogramm wurde nicht gefunden.');

/** A calculator or form names a programme that does not exist, or none although several exist. */
export const programmeInvalid = (path: string, message: string): DomainError =>
  new DomainError('PROGRAMME_INVALID', 400, message, [{ path, message }]);

export const costCategoriesInvalid = (errors: FieldError[]): DomainError =>
  new DomainError('COST_CATEGORY_INVALID', 400, 'Mindestens eine Kostenart ist unbekannt oder im Förderprogramm nicht zuwendungsfähig.', errors);

export const parameterNotFound = (): DomainError =>
  new DomainError('PROGRAMME_PARAMETER_NOT_FOUND', 404, 'Der Parameter oder sein Wert wurde nicht gefunden.');

export const parameterValueInvalid = (message: string, path = 'value'): DomainError =>
  new DomainError('PROGRAMME_PARAMETER_VALUE_INVALID', 400, 'Der Wert des Parameters ist ungültig.', [{ path, message }]);

export const parameterValidFromTaken = (code: string, validFrom: string): DomainError =>
  new DomainError(
    'PROGRAMME_PARAMETER_VALID_FROM_TAKEN',
    409,
    `Für den Parameter ${code} gibt es bereits einen Wert ab dem ${germanDate(validFrom)}. Bitte diesen Wert korrigieren statt einen zweiten anzulegen.`,
    [{ path: 'validFrom', message: `Ab dem ${germanDate(validFrom)} ist bereits ein Wert hinterlegt.` }],
  );

/** No value in force on the day a calculation or module needs one: the data is incomplete. */
export const parameterMissing = (programme: string, code: string, label: string, onDate: string): DomainError =>
  new DomainError(
    'PROGRAMME_PARAMETER_MISSING',
    422,
    `Für das Förderprogramm „${programme}“ ist am ${germanDate(onDate)} kein Wert für den Parameter „${label}“ (${code}) hinterlegt.`,
    [],
    { parameterCode: code, onDate },
  );

export const baseRateNotFound = (): DomainError =>
  new DomainError('BASE_RATE_NOT_FOUND', 404, 'Der Eintrag der Basiszinssatz-Tabelle wurde nicht gefunden.');

export const baseRateValidFromTaken = (validFrom: string): DomainError =>
  new DomainError(
    'BASE_RATE_VALID_FROM_TAKEN',
    409,
    `Für den ${germanDate(validFrom)} ist bereits ein Basiszinssatz hinterlegt. Bitte diesen Eintrag korrigieren.`,
    [{ path: 'validFrom', message: `Für den ${germanDate(validFrom)} ist bereits ein Basiszinssatz hinterlegt.` }],
  );

export const baseRateInvalid = (path: string, message: string): DomainError =>
  new DomainError('BASE_RATE_INVALID', 400, 'Der Eintrag der Basiszinssatz-Tabelle ist ungültig.', [{ path, message }]);

export const stale = (what: string): DomainError =>
  new DomainError('PROGRAMME_DATA_STALE', 409, `${what} wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Daten neu.`);

export const adminOnly = (): DomainError =>
  new DomainError('FORBIDDEN', 403, 'Nur die Administration darf Programmparameter und den Basiszinssatz ändern.');

/** A Kreis ADMIN of a Land-wide install tries to change a value the Land sets for every Kreis. */
export const parameterSetByState = (label: string, choices: readonly string[]): DomainError =>
  new DomainError(
    'PROGRAMME_PARAMETER_SET_BY_STATE',
    403,
    `Den Parameter „${label}“ legt das Land für alle Kreise fest.` +
      (choices.length ? ` Ihr Kreis kann eigene Werte für diese Parameter festlegen: ${choices.join(', ')}.` : ''),
  );

export const districtNotFound = (): DomainError => new DomainError('DISTRICT_NOT_FOUND', 404, 'Der Landkreis wurde nicht gefunden.');

function germanDate(iso: string): string {
  return CalendarDate.tryParse(iso)?.toGermanString() ?? iso;
}

// ───────────────────────────── Kennzahlen (issue 19) ─────────────────────────────

export const indicatorNotFound = (): DomainError => new DomainError('INDICATOR_NOT_FOUND', 404, 'Die Kennzahl wurde nicht gefunden.');

export const indicatorTargetNotFound = (): DomainError => new DomainError('INDICATOR_TARGET_NOT_FOUND', 404, 'Für dieses Jahr ist kein Soll hinterlegt.');

export const indicatorInvalid = (errors: FieldError[]): DomainError => new DomainError('INDICATOR_INVALID', 400, 'Die Angaben zur Kennzahl sind ungültig.', errors);

export const indicatorCodeTaken = (code: string, field: string): DomainError =>
  new DomainError('INDICATOR_CODE_TAKEN', 409, `Im Handlungsfeld „${field}“ gibt es bereits eine Kennzahl mit dem Kürzel ${code}.`, [
    { path: 'code', message: `Das Kürzel ${code} ist in diesem Handlungsfeld schon vergeben.` },
  ]);

export const indicatorEditorsOnly = (): DomainError =>
  new DomainError('FORBIDDEN', 403, 'Nur die Administration und die Sachbearbeitung dürfen Kennzahlen und ihr Soll ändern.');
