import { DomainError } from '@foerderfluss/core';

export const organisationNotFound = (): DomainError =>
  new DomainError('ORGANISATION_NOT_FOUND', 404, 'Die Organisation wurde nicht gefunden.');

export const organisationCodeTaken = (): DomainError =>
  new DomainError('ORGANISATION_CODE_TAKEN', 409, 'Dieses Kürzel ist bereits vergeben.', [
    { path: 'code', message: 'Dieses Kürzel ist bereits vergeben.' },
  ]);

export const invalidIban = (path = 'iban'): DomainError =>
  new DomainError('ORGANISATION_INVALID_IBAN', 400, 'Die IBAN ist ungültig. Bitte prüfen Sie die Eingabe.', [
    { path, message: 'Die IBAN ist ungültig (Prüfziffer oder Länge stimmt nicht) oder liegt außerhalb des SEPA-Raums.' },
  ]);

export const invalidBic = (path = 'bic'): DomainError =>
  new DomainError('ORGANISATION_INVALID_BIC', 400, 'Die BIC ist ungültig. Bitte prüfen Sie die Eingabe.', [
    { path, message: 'Die BIC ist ungültig (8 oder 11 Zeichen, z. B. HELADEF1ALT).' },
  ]);

export const noPendingBankChange = (): DomainError =>
  new DomainError('ORGANISATION_NO_PENDING_BANK_CHANGE', 409, 'Es liegt keine unbestätigte Änderung der Bankverbindung vor.');

export const bankConfirmSameUser = (): DomainError =>
  new DomainError(
    'ORGANISATION_BANK_SAME_USER',
    403,
    'Die Änderung der Bankverbindung muss von einer anderen Person bestätigt werden als der, die sie vorgenommen hat (Vier-Augen-Prinzip).',
  );

export const stale = (): DomainError =>
  new DomainError(
    'ORGANISATION_STALE',
    409,
    'Die Organisation wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Daten neu.',
  );

export const userOrganisationInvalid = (detail: string): DomainError =>
  new DomainError('USER_ORGANISATION_INVALID', 400, detail, [{ path: 'organisationId', message: detail }]);

export const userRolesInvalid = (detail: string): DomainError =>
  new DomainError('USER_ROLES_INVALID', 400, detail, [{ path: 'roles', message: detail }]);
