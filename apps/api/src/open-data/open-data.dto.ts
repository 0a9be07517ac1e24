import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  OPEN_DATA_LICENCE_CODES,
  OPEN_DATA_YEAR_MAX,
  OPEN_DATA_YEAR_MIN,
  type OpenDataLicence,
  type OpenDataSettingsView,
} from '@foerderfluss/exports';

export class OpenDataYearQueryDto {
  @ApiProperty({ minimum: OPEN_DATA_YEAR_MIN, maximum: OPEN_DATA_YEAR_MAX, example: 2026, description: 'Haushaltsjahr der Bescheide' })
  @IsDefined()
  @Type(() => Number)
  @IsInt()
  @Min(OPEN_DATA_YEAR_MIN)
  @Max(OPEN_DATA_YEAR_MAX)
  year!: number;
}

export class OpenDataSettingsDto {
  @ApiProperty({ description: 'Veröffentlichung eingeschaltet' }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '360G-altenburgerland', description: 'Bei 360Giving registriertes Präfix' })
  prefix!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'XI-LEI-529900EXAMPLE0000000', description: 'Organisationskennung des Kreises (org-id.guide), wenn vorhanden' })
  funderIdentifier!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Kennung, unter der die Förderungen den Kreis als Zuwendungsgeber nennen' })
  effectiveFunderIdentifier!: string | null;
  @ApiProperty({ example: 'Landkreis Altenburger Land – Landratsamt' }) funderName!: string;
  @ApiProperty({ enum: OPEN_DATA_LICENCE_CODES }) licence!: OpenDataLicence;
  @ApiProperty({ example: 'https://creativecommons.org/licenses/by/4.0/' }) licenceUrl!: string;
  @ApiProperty({ description: '0, solange nie gespeichert; bei PUT mitsenden (Schutz vor gleichzeitigen Änderungen)' }) version!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}

export class UpdateOpenDataSettingsDto {
  @ApiProperty() @IsBoolean() enabled!: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: '360G-altenburgerland', description: '360G-…; nötig, wenn eingeschaltet' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  prefix?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Organisationskennung nach org-id.guide; leer: Kennung unter dem Präfix' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  funderIdentifier?: string | null;

  @ApiProperty({ enum: OPEN_DATA_LICENCE_CODES })
  @IsIn(OPEN_DATA_LICENCE_CODES)
  licence!: OpenDataLicence;

  @ApiPropertyOptional({ description: 'Version, die bearbeitet wurde (aus GET; 0 beim ersten Speichern)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class OpenDataPreviewDto {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ description: 'Zahl der Förderungen, die für das Jahr veröffentlicht würden' }) grants!: number;
  @ApiProperty() enabled!: boolean;
}

// The 360Giving package, described for the API documentation (the JSON is written by grantsJson).
class GrantEventDto {
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
}
class GrantOrganisationDto {
  @ApiProperty({ example: '360G-altenburgerland-ORG-PROVIDER_EDUCATION' }) id!: string;
  @ApiProperty() name!: string;
}
class GrantLocationDto {
  @ApiProperty({ description: 'Sozialraum' }) name!: string;
  @ApiPropertyOptional({ description: 'Gemeinde des Projekts oder die Gemeinden des Sozialraums' }) description?: string;
  @ApiProperty({ example: 'DE' }) countryCode!: string;
}
class GrantProgrammeDto {
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
}
export class ThreeSixtyGivingGrantDto {
  @ApiProperty({ example: '360G-altenburgerland-FF-2026-0007' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: Number, example: 48250.5, description: 'Aktueller Höchstbetrag, Zahl mit zwei Nachkommastellen' }) amountAwarded!: number;
  @ApiProperty({ format: 'date', description: 'Datum des ersten Bescheids' }) awardDate!: string;
  @ApiProperty({ type: [GrantEventDto] }) plannedDates!: GrantEventDto[];
  @ApiProperty({ type: [GrantOrganisationDto] }) recipientOrganization!: GrantOrganisationDto[];
  @ApiProperty({ type: [GrantOrganisationDto] }) fundingOrganization!: GrantOrganisationDto[];
  @ApiProperty({ type: [GrantLocationDto] }) beneficiaryLocation!: GrantLocationDto[];
  @ApiProperty({ type: [GrantProgrammeDto] }) grantProgramme!: GrantProgrammeDto[];
}
export class ThreeSixtyGivingPackageDto {
  @ApiProperty({ type: [ThreeSixtyGivingGrantDto] }) grants!: ThreeSixtyGivingGrantDto[];
}

export function toOpenDataSettingsDto(v: OpenDataSettingsView): OpenDataSettingsDto {
  return { ...v };
}

/** The public feeds: the year, and which Kreis (its organisation code) when the install serves several (issue 20). */
export class OpenDataPublicQueryDto extends OpenDataYearQueryDto {
  @ApiPropertyOptional({ example: 'DISTRICT_GREIZ', description: 'Kreis (Organisationskennung); ohne Angabe der erste Kreis der Installation' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;
}
