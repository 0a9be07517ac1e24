import { DomainError } from '@foerderfluss/core';

const mb = (bytes: number): string => `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;

export const attachmentNotFound = (): DomainError => new DomainError('ATTACHMENT_NOT_FOUND', 404, 'Die Anlage wurde nicht gefunden.');

export const attachmentFileMissing = (): DomainError =>
  new DomainError('ATTACHMENT_FILE_MISSING', 400, 'Bitte senden Sie die Anlage als Datei im Feld „file“ (multipart/form-data).', [
    { path: 'file', message: 'Dieses Feld ist erforderlich.' },
  ]);

export const attachmentUploadInvalid = (): DomainError =>
  new DomainError(
    'ATTACHMENT_UPLOAD_INVALID',
    400,
    'Bitte senden Sie die Anlage als multipart/form-data mit genau einer Datei im Feld „file“ und der Art der Anlage im Feld „kind“.',
  );

export const attachmentEmpty = (): DomainError =>
  new DomainError('ATTACHMENT_EMPTY', 400, 'Die hochgeladene Datei ist leer.', [{ path: 'file', message: 'Die Datei ist leer.' }]);

export const attachmentTooLarge = (maxBytes: number): DomainError =>
  new DomainError('ATTACHMENT_TOO_LARGE', 413, `Die Datei ist zu groß. Eine Anlage darf höchstens ${mb(maxBytes)} groß sein.`, [{ path: 'file', message: `Höchstens ${mb(maxBytes)}.` }], {
    maxBytes,
  });

export const attachmentUnsupportedType = (): DomainError =>
  new DomainError(
    'ATTACHMENT_UNSUPPORTED_TYPE',
    415,
    'Diese Datei kann nicht als Anlage angenommen werden. Erlaubt sind PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) und OpenDocument-Text (.odt); geprüft wird der Inhalt der Datei, nicht ihr Name.',
    [{ path: 'file', message: 'Dateiformat nicht erlaubt.' }],
  );

export const attachmentKindNotAllowed = (allowedLabels: string[], missing = false): DomainError =>
  new DomainError(
    'ATTACHMENT_KIND_NOT_ALLOWED',
    422,
    `${missing ? 'Bitte geben Sie die Art der Anlage an.' : 'Diese Art der Anlage ist hier nicht vorgesehen.'} Möglich sind: ${allowedLabels.join(', ')}.`,
    [{ path: 'kind', message: 'Bitte wählen Sie eine der vorgesehenen Arten.' }],
  );

export const attachmentsLocked = (): DomainError =>
  new DomainError(
    'ATTACHMENT_RECORD_NOT_EDITABLE',
    409,
    'Anlagen können nur hinzugefügt oder gelöscht werden, solange der Antrag bzw. Verwendungsnachweis in Bearbeitung beim Träger ist.',
  );

export const attachmentAlreadySubmitted = (): DomainError =>
  new DomainError(
    'ATTACHMENT_SUBMITTED',
    409,
    'Diese Anlage wurde bereits mit dem Antrag eingereicht und bleibt erhalten. Sie können eine neue Fassung zusätzlich hochladen.',
  );

export const requiredAttachmentsMissing = (labels: string[]): DomainError =>
  new DomainError(
    'ATTACHMENTS_MISSING',
    422,
    `${labels.length === 1 ? 'Es fehlt die Pflichtanlage' : 'Es fehlen Pflichtanlagen'}: ${labels.join(', ')}.`,
    [{ path: 'attachments', message: `Bitte laden Sie hoch: ${labels.join(', ')}.` }],
    { missing: labels },
  );
