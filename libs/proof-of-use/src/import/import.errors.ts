import { DomainError } from '@foerderfluss/core';

const mb = (bytes: number): string => `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;

export const importNotFound = (): DomainError => new DomainError('RECEIPT_IMPORT_NOT_FOUND', 404, 'Der Import wurde nicht gefunden.');

export const importFileMissing = (): DomainError =>
  new DomainError('IMPORT_FILE_MISSING', 400, 'Bitte senden Sie die Belegliste als Datei im Feld „file“ (multipart/form-data).', [
    { path: 'file', message: 'Dieses Feld ist erforderlich.' },
  ]);

export const importFileEmpty = (): DomainError => new DomainError('IMPORT_FILE_EMPTY', 400, 'Die hochgeladene Datei ist leer.');

export const importFileTooLarge = (maxBytes: number): DomainError =>
  new DomainError('IMPORT_FILE_TOO_LARGE', 413, `Die Datei ist zu groß. Erlaubt sind höchstens ${mb(maxBytes)}. Bitte teilen Sie die Belegliste auf.`, [], { maxBytes });

export const importUnsupportedFormat = (detail: string): DomainError =>
  new DomainError('IMPORT_UNSUPPORTED_FORMAT', 415, `${detail} Bitte laden Sie die Belegliste als Excel-Datei (.xlsx) oder als CSV-Datei (UTF-8, Trennzeichen Semikolon oder Komma) hoch.`);

export const importUnpackedTooLarge = (maxBytes: number, declared: number): DomainError =>
  new DomainError(
    'IMPORT_UNPACKED_TOO_LARGE',
    413,
    `Die Excel-Datei würde entpackt ${mb(declared)} belegen; erlaubt sind höchstens ${mb(maxBytes)}. Die Datei wird aus Sicherheitsgründen nicht verarbeitet.`,
    [],
    { maxUnzippedBytes: maxBytes },
  );

export const importSuspiciousCompression = (maxRatio: number): DomainError =>
  new DomainError(
    'IMPORT_SUSPICIOUS_COMPRESSION',
    400,
    `Die Excel-Datei ist ungewöhnlich stark komprimiert (mehr als 1 : ${maxRatio}) und wird aus Sicherheitsgründen nicht verarbeitet. Bitte speichern Sie die Belegliste neu und laden Sie sie erneut hoch.`,
    [],
    { maxZipRatio: maxRatio },
  );

export const importAlreadyRunning = (): DomainError =>
  new DomainError('IMPORT_ALREADY_RUNNING', 409, 'Für diesen Verwendungsnachweis läuft bereits ein Import. Bitte warten Sie, bis er abgeschlossen ist.');

export const templateNotAvailable = (): DomainError =>
  new DomainError('RECEIPT_TEMPLATE_NOT_AVAILABLE', 409, 'Für diese Entscheidung gibt es keine Belegliste (keine Bewilligung in Kraft).');
