import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IndicatorAggregation, IndicatorDefinition, IndicatorDefinitionVersion, IndicatorTarget, TARGET_BOUNDS } from '@foerderfluss/programmes';
import { ToBoolean } from '../common/dto';
import { IsDecimalString } from '../common/validators';

export class IndicatorDefinitionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'LABOUR_MARKET', description: 'Handlungsfeld; ändert sich nie' }) fieldOfAction!: string;
  @ApiProperty({ example: 'JOB_PLACEMENTS', description: 'Kürzel, eindeutig im Handlungsfeld; ändert sich nie' }) code!: string;
  @ApiProperty({ example: 'Vermittlungen in Arbeit oder Ausbildung' }) name!: string;
  @ApiProperty({ example: 'Vermittlungen' }) unit!: string;
  @ApiProperty({ enum: IndicatorAggregation, description: 'SUM: Summe der Sachberichte; AVERAGE: Durchschnitt über die Sachberichte' }) aggregation!: IndicatorAggregation;
  @ApiProperty() sortOrder!: number;
  @ApiProperty({ description: 'Inaktive Kennzahlen nehmen keine neuen Werte an' }) active!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class IndicatorListDto {
  @ApiProperty({ type: [IndicatorDefinitionDto], description: 'Nach Handlungsfeld, dann sortOrder' }) items!: IndicatorDefinitionDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Immer null: die Liste ist vollständig.' }) nextCursor!: string | null;
}

export class IndicatorListQueryDto {
  @ApiPropertyOptional({ example: 'LABOUR_MARKET' }) @IsOptional() @IsString() @MaxLength(60) fieldOfAction?: string;
  @ApiPropertyOptional({ description: 'auch nicht mehr erhobene Kennzahlen (Standard: nein)' }) @IsOptional() @ToBoolean() @IsBoolean() includeInactive?: boolean;
}

const CODE = /^[A-Z][A-Z0-9_]{1,59}$/;

export class CreateIndicatorDto {
  @ApiProperty({ example: 'LABOUR_MARKET' }) @IsString() @IsNotEmpty() @MaxLength(60) fieldOfAction!: string;
  @ApiProperty({ example: 'INTERNSHIPS', description: 'Großbuchstaben, Ziffern und _, beginnt mit einem Buchstaben' })
  @IsString()
  @Matches(CODE, { message: 'Das Kürzel besteht aus 2 bis 60 Großbuchstaben, Ziffern oder _ und beginnt mit einem Buchstaben, z. B. PRAKTIKA.' })
  code!: string;
  @ApiProperty({ example: 'vermittelte Praktika' }) @IsString() @Matches(/\S/, { message: 'Bitte einen Namen angeben.' }) @MaxLength(200) name!: string;
  @ApiProperty({ example: 'Praktika' }) @IsString() @Matches(/\S/, { message: 'Bitte eine Einheit angeben.' }) @MaxLength(60) unit!: string;
  @ApiProperty({ enum: IndicatorAggregation }) @IsEnum(IndicatorAggregation) aggregation!: IndicatorAggregation;
}

export class UpdateIndicatorDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/\S/, { message: 'Bitte einen Namen angeben.' }) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/\S/, { message: 'Bitte eine Einheit angeben.' }) @MaxLength(60) unit?: string;
  @ApiPropertyOptional({ enum: IndicatorAggregation }) @IsOptional() @IsEnum(IndicatorAggregation) aggregation?: IndicatorAggregation;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
  @ApiPropertyOptional({ description: 'Version, die bearbeitet wurde (Schutz vor gleichzeitigen Änderungen)' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class IndicatorVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: IndicatorAggregation }) aggregation!: IndicatorAggregation;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: aus den Grunddaten' }) changedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
}

export class IndicatorVersionListDto {
  @ApiProperty({ type: [IndicatorVersionDto], description: 'Älteste zuerst; Version 1 ist die Kennzahl wie angelegt' }) items!: IndicatorVersionDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Immer null: die Liste ist vollständig.' }) nextCursor!: string | null;
}

export class IndicatorTargetDto {
  @ApiProperty({ format: 'uuid' }) indicatorId!: string;
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ example: '1200.00', description: 'Soll als Dezimalzahl in Textform' }) target!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class IndicatorTargetListDto {
  @ApiProperty({ type: [IndicatorTargetDto] }) items!: IndicatorTargetDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Immer null: die Liste ist vollständig.' }) nextCursor!: string | null;
}

export class IndicatorTargetQueryDto {
  @ApiPropertyOptional({ example: 2027, description: 'nur dieses Jahr; ohne: alle Jahre' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class SetIndicatorTargetDto {
  @ApiProperty({ example: '1200', description: 'Soll ≥ 0, höchstens zwei Nachkommastellen' }) @IsDecimalString(TARGET_BOUNDS) target!: string;
  @ApiPropertyOptional({ description: 'Version, die bearbeitet wurde (nur beim Ändern)' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export function toIndicatorDto(d: IndicatorDefinition): IndicatorDefinitionDto {
  return { id: d.id, fieldOfAction: d.fieldOfActionCode, code: d.code, name: d.name, unit: d.unit, aggregation: d.aggregation, sortOrder: d.sortOrder, active: d.active, version: d.version, updatedAt: d.updatedAt.toISOString() };
}

export function toIndicatorVersionDto(v: IndicatorDefinitionVersion): IndicatorVersionDto {
  return { version: v.version, name: v.name, unit: v.unit, aggregation: v.aggregation, active: v.active, changedBy: v.changedBy, validFrom: v.validFrom.toISOString() };
}

export function toIndicatorTargetDto(t: IndicatorTarget): IndicatorTargetDto {
  return { indicatorId: t.definitionId, year: t.year, target: t.target, version: t.version, updatedAt: t.updatedAt.toISOString() };
}
