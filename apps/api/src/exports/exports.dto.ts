import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MONITORING_GROUP_BY, type MonitoringGroupBy } from '@foerderfluss/monitoring';
import {
  EXPORT_FORMATS,
  EXPORT_JOB_USER_ACTIONS,
  EXPORT_STATUSES,
  EXPORT_TYPE_INFO,
  EXPORT_TYPES,
  type ExportFormat,
  type ExportJob,
  type ExportJobUserAction,
  type ExportType,
} from '@foerderfluss/exports';
import { IsIsoDate } from '../common/validators';

const TYPE_DESCRIPTION = EXPORT_TYPES.map(
  (t) => `${t}: ${EXPORT_TYPE_INFO[t].label}${EXPORT_TYPE_INFO[t].forProviders ? '' : ' (nicht für Träger)'}; Filter: ${EXPORT_TYPE_INFO[t].filters.join(', ')}${EXPORT_TYPE_INFO[t].required.length ? ` (Pflicht: ${EXPORT_TYPE_INFO[t].required.join(', ')})` : ''}`,
).join('. ');

export class ExportFiltersDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Haushaltsjahr' })
  @IsOptional()
  @IsUUID()
  budgetYearId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Träger (für Träger selbst: nur die eigene Organisation)' })
  @IsOptional()
  @IsUUID()
  providerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Bewilligung' })
  @IsOptional()
  @IsUUID()
  decisionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Verwendungsnachweis' })
  @IsOptional()
  @IsUUID()
  proofId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Beginn des Zeitraums (inklusive); Bedeutung je Typ' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Ende des Zeitraums (inklusive); für Zinsen der Stichtag' })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ description: 'MONITORING: erstes Jahr (inklusive); Vorgabe: Jahr bis − 2', minimum: 2000, maximum: 2100 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fromYear?: number;

  @ApiPropertyOptional({ description: 'MONITORING: letztes Jahr (inklusive); Vorgabe: das laufende Jahr', minimum: 2000, maximum: 2100 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  toYear?: number;

  @ApiPropertyOptional({ enum: MONITORING_GROUP_BY, enumName: 'MonitoringGroupBy', description: 'MONITORING: Gruppierung; Vorgabe: fieldOfAction' })
  @IsOptional()
  @IsIn(MONITORING_GROUP_BY)
  groupBy?: MonitoringGroupBy;

  @ApiPropertyOptional({ description: 'MONITORING: Handlungsfeld (Code)' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  fieldOfAction?: string;

  @ApiPropertyOptional({ description: 'MONITORING: Sozialraum (Code)' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  socialArea?: string;
}

export class CreateExportDto {
  @ApiProperty({ enum: EXPORT_TYPES, description: TYPE_DESCRIPTION })
  @IsIn(EXPORT_TYPES)
  type!: ExportType;

  @ApiProperty({ enum: EXPORT_FORMATS, description: 'xlsx (Excel-Arbeitsmappe mit Info-Blatt) oder csv (UTF-8 mit BOM, Semikolon, Dezimalkomma)' })
  @IsIn(EXPORT_FORMATS)
  format!: ExportFormat;

  @ApiPropertyOptional({ type: ExportFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExportFiltersDto)
  filters?: ExportFiltersDto;
}

/** The filters as stored with the export: the request's, all optional. */
export class ExportFiltersViewDto extends PartialType(ExportFiltersDto) {}

export class ExportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXPORT_TYPES }) type!: string;
  @ApiProperty({ description: 'Deutsche Bezeichnung, z. B. Bewilligungsliste' }) typeLabel!: string;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: string;
  @ApiProperty({ type: ExportFiltersViewDto }) filters!: ExportFiltersViewDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Bei Trägern: die Organisation, auf die der Export beschränkt ist' })
  organisationId!: string | null;
  @ApiProperty({ enum: EXPORT_STATUSES }) status!: string;
  @ApiProperty({ enum: EXPORT_STATUSES, description: 'Dasselbe wie status (Name aus der Anforderung an den Export-Job)' }) state!: string;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Fortschritt in Prozent' }) progress!: number;
  @ApiProperty({ description: 'Bisher geschriebene Datenzeilen' }) rowsWritten!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Datenzeilen insgesamt (gezählt beim Start)' }) rowsTotal!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Fehlermeldung (deutsch)' }) error!: string | null;
  @ApiProperty({ description: 'Begonnene Versuche' }) attempts!: number;
  @ApiProperty({ description: 'Dateiname beim Herunterladen' }) fileName!: string;
  @ApiProperty({ nullable: true, type: Number }) fileSize!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 der Datenzeilen (wie im Info-Blatt)' }) sha256!: string | null;
  @ApiProperty({ description: 'Die Datei kann heruntergeladen werden' }) fileAvailable!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ format: 'date-time', description: 'Danach wird die Datei gelöscht' }) expiresAt!: string;
  @ApiProperty({ enum: EXPORT_JOB_USER_ACTIONS, enumName: 'ExportJobAction', isArray: true, description: 'Was der Aufrufer jetzt tun darf (aus der Zustandstabelle)' })
  allowedActions!: ExportJobUserAction[];
}

export class ExportPageDto {
  @ApiProperty({ type: [ExportDto] }) items!: ExportDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toExportDto(e: ExportJob, allowedActions: ExportJobUserAction[]): ExportDto {
  return {
    id: e.id,
    type: e.type,
    typeLabel: EXPORT_TYPE_INFO[e.type].label,
    format: e.format,
    filters: e.filters,
    organisationId: e.organisationId,
    status: e.status,
    state: e.status,
    progress: e.progress,
    rowsWritten: e.rowsWritten,
    rowsTotal: e.rowsTotal,
    error: e.error,
    attempts: e.attempts,
    fileName: e.fileName,
    fileSize: e.fileSize === null ? null : Number(e.fileSize),
    sha256: e.sha256,
    fileAvailable: e.status === 'COMPLETED' && e.fileDeletedAt === null,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
    startedAt: e.startedAt?.toISOString() ?? null,
    finishedAt: e.finishedAt?.toISOString() ?? null,
    expiresAt: e.expiresAt.toISOString(),
    allowedActions,
  };
}
