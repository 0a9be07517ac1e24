import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { AuditEvent, AuditVerification } from '@foerderfluss/audit';
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

export class ChainVerificationDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'Anzahl geprüfter Ereignisse' }) checked!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Erstes Ereignis, bei dem die Kette bricht' })
  firstBrokenId!: string | null;
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
