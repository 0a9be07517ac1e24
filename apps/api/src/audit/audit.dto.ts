import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { AuditCheckpoint, AuditEvent, AuditVerification, ChainReport, CheckpointView } from '@foerderfluss/audit';
import { auditActionLabel, auditEntityLabel } from '@foerderfluss/cases';
import { ListQueryDto } from '../common/dto';
import { AUDIT_STATE, AuditState } from './audit.schemas';

export class AuditQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ example: 'Organisation' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Handelnde Person (Benutzer-ID)' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ example: 'organisation.update' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ description: 'Beginn des Zeitraums (inklusive), ISO 8601 Datum oder Zeitpunkt' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Ende des Zeitraums (exklusive), ISO 8601 Datum oder Zeitpunkt' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditEventDto {
  @ApiProperty({ description: 'Fortlaufende Nummer (als Text, 64 Bit)' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Anzeigename der handelnden Person; null bei System-Ereignissen' }) actorName!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty({ example: 'Antrag eingereicht', description: 'deutsche Bezeichnung der Aktion' }) actionLabel!: string;
  @ApiProperty() entity!: string;
  @ApiProperty({ example: 'Antrag', description: 'deutsche Bezeichnung des Objekts' }) entityLabel!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty(AUDIT_STATE) before!: AuditState;
  @ApiProperty(AUDIT_STATE) after!: AuditState;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** A signed checkpoint of the chain head as the chain check read it. */
export class CheckpointSummaryDto {
  @ApiProperty({ nullable: true, type: String, description: 'Nummer des Prüfpunkts; null, wenn er nur als Datei im Dateispeicher vorliegt' }) id!: string | null;
  @ApiProperty({ enum: ['database', 'file'], description: 'Woher der Prüfpunkt gelesen wurde: Datenbank oder Datei im Dateispeicher' }) source!: 'database' | 'file';
  @ApiProperty({ format: 'date-time', description: 'Zeitpunkt der Signatur' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, enum: ['SCHEDULED', 'MANUAL'] }) trigger!: 'SCHEDULED' | 'MANUAL' | null;
  @ApiProperty({ nullable: true, type: String, description: 'Letztes Ereignis, das der Prüfpunkt abdeckt; null bei leerem Protokoll' }) lastEventId!: string | null;
  @ApiProperty({ description: 'Hash der Kette an diesem Ereignis (SHA-256, hex)' }) headHash!: string;
  @ApiProperty({ description: 'Anzahl der Ereignisse bis einschließlich lastEventId' }) events!: number;
  @ApiProperty({ description: 'Kennung des Signaturschlüssels (erste 16 Hex-Ziffern des SHA-256 des öffentlichen Schlüssels)' }) keyId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Schlüssel der Datei im Dateispeicher' }) fileKey!: string | null;
}

export class ChainVerificationDto {
  @ApiProperty({ description: 'Die Hash-Kette ist in sich stimmig' }) valid!: boolean;
  @ApiProperty({ description: 'Anzahl geprüfter Ereignisse' }) checked!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Erstes Ereignis, bei dem die Kette bricht' })
  firstBrokenId!: string | null;
  @ApiProperty({ nullable: true, type: CheckpointSummaryDto, description: 'Neuester signierter Prüfpunkt (Datenbank oder Dateispeicher); null: noch keiner' })
  lastCheckpoint!: CheckpointSummaryDto | null;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description:
      'Die neuesten Prüfpunkte (Datenbank und Dateispeicher) sind mit dem Schlüssel dieser Installation signiert und passen zur Kette; ' +
      'false: die Kette wurde nach dem Prüfpunkt umgeschrieben (auch wenn sie in sich stimmig ist); null: noch kein Prüfpunkt',
  })
  checkpointValid!: boolean | null;
}

export class AuditCheckpointDto {
  @ApiProperty({ description: 'Fortlaufende Nummer (als Text, 64 Bit)' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ enum: ['SCHEDULED', 'MANUAL'] }) trigger!: 'SCHEDULED' | 'MANUAL';
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) requestedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastEventId!: string | null;
  @ApiProperty() headHash!: string;
  @ApiProperty() events!: number;
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ description: 'Signatur (base64) über die kanonische JSON-Aussage des Prüfpunkts' }) signature!: string;
  @ApiProperty({ description: 'Schlüssel der Datei im Dateispeicher' }) fileKey!: string;
}

export class AuditCheckpointPageDto {
  @ApiProperty({ type: [AuditCheckpointDto] }) items!: AuditCheckpointDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

function toCheckpointSummary(c: CheckpointView): CheckpointSummaryDto {
  return { id: c.id, source: c.source, createdAt: c.createdAt.toISOString(), trigger: c.trigger, lastEventId: c.lastEventId, headHash: c.headHash, events: c.events, keyId: c.keyId, fileKey: c.fileKey };
}

export function toChainVerificationDto(r: ChainReport): ChainVerificationDto {
  return { valid: r.valid, checked: r.checked, firstBrokenId: r.firstBrokenId, lastCheckpoint: r.lastCheckpoint ? toCheckpointSummary(r.lastCheckpoint) : null, checkpointValid: r.checkpointValid };
}

export function toCheckpointDto(c: AuditCheckpoint): AuditCheckpointDto {
  return {
    id: c.id,
    createdAt: c.createdAt.toISOString(),
    trigger: c.trigger,
    requestedBy: c.requestedBy,
    lastEventId: c.lastEventId,
    headHash: c.headHash,
    events: c.events,
    keyId: c.keyId,
    algorithm: c.algorithm,
    signature: c.signature,
    fileKey: c.fileKey,
  };
}

export class AuditVerificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['SCHEDULED', 'MANUAL'] }) trigger!: string;
  @ApiProperty({ enum: ['PENDING', 'COMPLETED', 'FAILED'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) valid!: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) checked!: number | null;
  @ApiProperty({ nullable: true, type: String }) firstBrokenId!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

export class AuditVerificationPageDto {
  @ApiProperty({ type: [AuditVerificationDto] }) items!: AuditVerificationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toAuditEventDto(e: AuditEvent, actorName: string | null = null): AuditEventDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorEmail: e.actorEmail,
    actorName,
    action: e.action,
    actionLabel: auditActionLabel(e.action),
    entity: e.entity,
    entityLabel: auditEntityLabel(e.entity),
    entityId: e.entityId,
    // jsonb columns: a JSON value by construction
    before: e.before as AuditState,
    after: e.after as AuditState,
    requestId: e.requestId,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export function toVerificationDto(v: AuditVerification): AuditVerificationDto {
  return {
    id: v.id,
    trigger: v.trigger,
    status: v.status,
    requestedAt: v.requestedAt.toISOString(),
    finishedAt: v.finishedAt?.toISOString() ?? null,
    valid: v.valid,
    checked: v.checked,
    firstBrokenId: v.firstBrokenId,
    error: v.error,
  };
}
