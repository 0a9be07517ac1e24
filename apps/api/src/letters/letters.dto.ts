import { ApiProperty } from '@nestjs/swagger';
import { type DocumentStatus, GeneratedDocument, LETTER_USER_ACTIONS, LetterKind, type LetterUserAction } from '@foerderfluss/exports';

export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  GRANT_DECISION: 'Zuwendungsbescheid',
  FORWARDING_CONTRACT: 'Weiterleitungsvertrag',
  AMENDMENT: 'Änderungsbescheid',
  REJECTION: 'Ablehnungsbescheid',
  RECOVERY: 'Rückforderungsbescheid / Zahlungsaufforderung',
  PROOF_REVIEW: 'Prüfvermerk',
  RECEIPT_CONFIRMATION: 'Eingangsbestätigung',
  CONTRACT_AMENDMENT: 'Änderungsvertrag',
  REVOCATION: 'Widerrufsbescheid / Kündigung',
  DUNNING: 'Mahnung',
  SETTLEMENT: 'Festsetzungsbescheid / Festsetzung (Vertrag)',
  STATE_GRANT: 'Zuweisungsbescheid des Landes',
};

/** The German name of one letter: a Mahnung with its level ("2. Mahnung"). */
export function letterKindLabel(d: Pick<GeneratedDocument, 'kind' | 'versionNo'>): string {
  return d.kind === LetterKind.DUNNING && d.versionNo ? `${d.versionNo}. Mahnung` : LETTER_KIND_LABELS[d.kind];
}

export class LetterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: LetterKind }) kind!: LetterKind;
  @ApiProperty({ example: 'Zuwendungsbescheid' }) kindLabel!: string;
  @ApiProperty({
    enum: ['PENDING', 'RENDERING', 'COMPLETED', 'FAILED'],
    enumName: 'LetterStatus',
    description: 'PENDING: in der Warteschlange; RENDERING: wird erzeugt; COMPLETED: fertig (downloadUrl); FAILED: siehe error, retry in allowedActions',
  })
  status!: DocumentStatus;
  @ApiProperty({ example: 'Zuwendungsbescheid_FF-2026-0001_v1.pdf' }) fileName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null bei einer Eingangsbestätigung (vor der Entscheidung)' }) decisionId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Antrag einer Eingangsbestätigung' }) applicationId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decisionVersionId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Fassung der Entscheidung (bei einer Eingangsbestätigung: des Antrags; bei einer Mahnung: die Mahnstufe)' }) versionNo!: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recoveryId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proofId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 der PDF-Datei (hex)' }) sha256!: string | null;
  @ApiProperty({ nullable: true, type: Number }) sizeBytes!: number | null;
  @ApiProperty({ nullable: true, type: Number }) pageCount!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'warum die Erzeugung scheiterte (deutsch)' }) error!: string | null;
  @ApiProperty({ description: 'Erzeugungsversuche bisher' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, example: '/api/v1/letters/…/file', description: 'Download, sobald COMPLETED' }) downloadUrl!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ enum: LETTER_USER_ACTIONS, enumName: 'LetterAction', isArray: true, description: 'Was der Aufrufer jetzt tun darf (aus der Zustandstabelle)' })
  allowedActions!: LetterUserAction[];
}

export class LetterListDto {
  @ApiProperty({ type: [LetterDto] }) items!: LetterDto[];
}

/** What „Schreiben jetzt erzeugen“ did: all letters of the record, and which of them are new or asked for again. */
export class LetterRequestResultDto extends LetterListDto {
  @ApiProperty({ type: [LetterDto], description: 'neu angelegte Schreiben (in der Warteschlange)' }) created!: LetterDto[];
  @ApiProperty({ type: [LetterDto], description: 'fehlgeschlagene Schreiben, die erneut erzeugt werden' }) requeued!: LetterDto[];
}

export function toLetterDto(d: GeneratedDocument, allowedActions: LetterUserAction[]): LetterDto {
  return {
    id: d.id,
    kind: d.kind,
    kindLabel: letterKindLabel(d),
    status: d.status,
    fileName: d.fileName,
    decisionId: d.decisionId,
    applicationId: d.applicationId,
    decisionVersionId: d.decisionVersionId,
    versionNo: d.versionNo,
    recoveryId: d.recoveryId,
    proofId: d.proofId,
    sha256: d.sha256,
    sizeBytes: d.sizeBytes,
    pageCount: d.pageCount,
    error: d.error,
    attempts: d.attempts,
    downloadUrl: d.status === 'COMPLETED' ? `/api/v1/letters/${d.id}/file` : null,
    createdAt: d.createdAt.toISOString(),
    completedAt: d.completedAt ? d.completedAt.toISOString() : null,
    allowedActions,
  };
}

/** `attachment` with an ASCII fallback name and the German name as RFC 5987 `filename*`. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
