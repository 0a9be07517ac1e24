import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { BaseRate, DistrictProgrammeParameter, ParameterList, ParameterOverview, ProgrammeWithCategories, StoredParameterValue } from '@foerderfluss/programmes';
import { IsDecimalString, IsIsoDate } from '../common/validators';

// ───────────────────────────── programmes ─────────────────────────────

export class CostCategoryRefDto {
  @ApiProperty({ example: 'PERSONNEL' }) code!: string;
  @ApiProperty({ example: 'Personalausgaben' }) name!: string;
}

export class ProgrammeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SOZIALBERATUNG_FLUECHTLINGE' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() shortTitle!: string;
  @ApiProperty({ example: 'ThürStAnz Nr. 5/2024' }) publication!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ example: 'TMMJV' }) ministryCode!: string;
  @ApiProperty() ministryName!: string;
  @ApiProperty({ example: 'TLVwA', description: 'Bewilligungsbehörde gegenüber dem Landkreis' }) grantingAuthorityCode!: string;
  @ApiProperty() grantingAuthorityName!: string;
  @ApiProperty({ enum: ['SHARE', 'DEFICIT', 'FULL', 'FIXED'], description: 'Finanzierungsart des Landes gegenüber dem Kreis' })
  stateFinancingType!: string;
  @ApiProperty({ type: [String], example: ['SHARE', 'DEFICIT', 'FULL', 'FIXED'] }) eligibleFinancingTypes!: string[];
  @ApiProperty({ type: [CostCategoryRefDto], description: 'Zuwendungsfähige Kostenarten' }) eligibleCostCategories!: CostCategoryRefDto[];
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ProgrammePageDto {
  @ApiProperty({ type: [ProgrammeDto] }) items!: ProgrammeDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Immer null: die Liste ist vollständig.' }) nextCursor!: string | null;
}

export function toProgrammeDto({ programme: p, eligibleCostCategories }: ProgrammeWithCategories): ProgrammeDto {
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    shortTitle: p.shortTitle,
    publication: p.publication,
    legalBasis: p.legalBasis,
    ministryCode: p.ministryCode,
    ministryName: p.ministryName,
    grantingAuthorityCode: p.grantingAuthorityCode,
    grantingAuthorityName: p.grantingAuthorityName,
    stateFinancingType: p.stateFinancingType,
    eligibleFinancingTypes: p.eligibleFinancingTypes,
    eligibleCostCategories: eligibleCostCategories.map((c) => ({ code: c.code, name: c.name })),
    validFrom: p.validFrom,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  };
}

// ───────────────────────────── parameters ─────────────────────────────

export class ParameterValueDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DE_MINIMIS_AMOUNT' }) code!: string;
  @ApiProperty({ example: '500.00', description: 'Immer Text in der Normalform der Einheit' }) value!: string;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Kreis, der diesen eigenen Wert festgelegt hat; null für den Wert des Programms' })
  districtId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const PARAMETER_ACTIONS = ['ADD_VALUE'] as const;
export type ParameterAction = (typeof PARAMETER_ACTIONS)[number];

export class ParameterDto {
  @ApiProperty({ example: 'DE_MINIMIS_AMOUNT' }) code!: string;
  @ApiProperty({ example: 'Bagatellgrenze' }) label!: string;
  @ApiProperty({ enum: ['DAYS', 'MONTHS', 'YEARS', 'PERCENT', 'PERCENTAGE_POINTS', 'EUR', 'DAY_COUNT_CONVENTION', 'MM-DD'] }) unit!: string;
  @ApiProperty() description!: string;
  @ApiProperty({
    type: ParameterValueDto,
    nullable: true,
    description: 'Der am Stichtag `on` für den Kreis `districtId` der Liste geltende Wert: sein eigener, wenn er einen festgelegt hat, sonst der des Programms',
  })
  inForce!: ParameterValueDto | null;
  @ApiProperty({ type: [ParameterValueDto], description: 'Alle datierten Werte des Programms, neueste zuerst' }) values!: ParameterValueDto[];
  @ApiProperty({ description: 'Die Richtlinie überlässt den Wert dem Kreis: er kann einen eigenen festlegen' }) districtChoice!: boolean;
  @ApiProperty({ type: [ParameterValueDto], description: 'Die eigenen Werte des Kreises `districtId` der Liste, neueste zuerst' })
  districtValues!: ParameterValueDto[];
  @ApiProperty({ enum: PARAMETER_ACTIONS, isArray: true, description: 'ADD_VALUE: der Aufrufer kann einen Wert auf seiner Ebene (`writeLevel`) anlegen' })
  allowedActions!: ParameterAction[];
}

export class ParameterListDto {
  @ApiProperty() programmeCode!: string;
  @ApiProperty({ format: 'date', description: 'Stichtag für `inForce`' }) on!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Kreis, dessen geltende Werte gezeigt werden (für Kreis-Beschäftigte der eigene); null: nur die Werte des Programms' })
  districtId!: string | null;
  @ApiProperty({ nullable: true, type: String }) districtName!: string | null;
  @ApiProperty({
    enum: ['PROGRAMME', 'DISTRICT'],
    nullable: true,
    description: 'Wohin neue Werte des Aufrufers gehen: PROGRAMME (Land, oder der Kreis einer Installation ohne Land), DISTRICT (eigener Wert des Kreises); null: keine Änderung erlaubt',
  })
  writeLevel!: 'PROGRAMME' | 'DISTRICT' | null;
  @ApiProperty({ type: [ParameterDto] }) items!: ParameterDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Immer null: die Liste ist vollständig.' }) nextCursor!: string | null;
}

export class ParameterListQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Stichtag; Standard: heute' })
  @IsOptional()
  @IsIsoDate()
  on?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Kreis, dessen geltende Werte das Land einsehen will; Kreis-Beschäftigte sehen immer ihren eigenen' })
  @IsOptional()
  @IsUUID()
  districtId?: string;
}

export class AddParameterValueDto {
  @ApiProperty({ example: '750.00', description: 'Wert als Text: Prozent "20", Betrag "500.00", Monate "2", ACT_ACT/ACT_365, MM-TT "04-30"' })
  @IsString()
  @MaxLength(40)
  value!: string;

  @ApiProperty({ format: 'date', example: '2027-01-01' })
  @IsIsoDate()
  validFrom!: string;
}

/** Either field of a value, each optional, with the version seen. */
export class CorrectParameterValueDto extends PartialType(AddParameterValueDto) {
  @ApiPropertyOptional({ description: 'Version, die bearbeitet wurde (Schutz vor gleichzeitigen Änderungen)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export function toParameterValueDto(v: StoredParameterValue): ParameterValueDto {
  return {
    id: v.id,
    code: v.code,
    value: v.value,
    validFrom: v.validFrom,
    districtId: v instanceof DistrictProgrammeParameter ? v.districtId : null,
    version: v.version,
    updatedAt: v.updatedAt.toISOString(),
  };
}

export function toParameterDto(p: ParameterOverview): ParameterDto {
  return {
    code: p.definition.code,
    label: p.label,
    unit: p.definition.unit,
    description: p.definition.description,
    inForce: p.inForce ? toParameterValueDto(p.inForce) : null,
    values: p.values.map(toParameterValueDto),
    districtChoice: p.definition.districtChoice,
    districtValues: p.districtValues.map(toParameterValueDto),
    allowedActions: p.mayAdd ? ['ADD_VALUE'] : [],
  };
}

export function toParameterListDto(l: ParameterList): ParameterListDto {
  return {
    programmeCode: l.programme.code,
    on: l.on.toISOString(),
    districtId: l.district?.id ?? null,
    districtName: l.district?.name ?? null,
    writeLevel: l.writeLevel,
    items: l.parameters.map(toParameterDto),
    nextCursor: null,
  };
}

// ───────────────────────────── base rates ─────────────────────────────

export class BaseRateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date', example: '2026-07-01' }) validFrom!: string;
  @ApiProperty({ example: '1.52', description: 'Prozent p. a., kann negativ sein' }) ratePercent!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class BaseRateListDto {
  @ApiProperty({ type: [BaseRateDto], description: 'Aufsteigend nach validFrom' }) items!: BaseRateDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Immer null: die Tabelle ist vollständig.' }) nextCursor!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Letzter Tag, für den ein Basiszinssatz bekannt ist' })
  coveredUntil!: string | null;
}

const BASE_RATE_BOUNDS = { min: -100, max: 100, maxDecimals: 6 };

export class CreateBaseRateDto {
  @ApiProperty({ format: 'date', example: '2027-01-01', description: '1. Januar oder 1. Juli' })
  @IsIsoDate()
  validFrom!: string;

  @ApiProperty({ example: '1.52', description: 'Prozent p. a. als Text, auch negativ ("-0.88")' })
  @IsDecimalString(BASE_RATE_BOUNDS)
  ratePercent!: string;
}

/** Either field of a rate, each optional, with the version seen. */
export class UpdateBaseRateDto extends PartialType(CreateBaseRateDto) {
  @ApiPropertyOptional({ description: 'Version, die bearbeitet wurde (Schutz vor gleichzeitigen Änderungen)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export function toBaseRateDto(r: BaseRate): BaseRateDto {
  return { id: r.id, validFrom: r.validFrom, ratePercent: r.rate.toPercentString(), version: r.version, updatedAt: r.updatedAt.toISOString() };
}
