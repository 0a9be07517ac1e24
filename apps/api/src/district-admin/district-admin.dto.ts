import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import type { DistrictOnboardingResult } from '@foerderfluss/programmes';
import type { DistrictSettingsInput, DistrictSettingsView, EffectiveDistrictSettings } from '@foerderfluss/organisations';
import { MultiLineText } from '../common/text-input';

export class BudgetLineDto {
  @ApiProperty({ example: '36300.71810', description: 'Haushaltsstelle' }) @IsString() @MaxLength(40) code!: string;
  @ApiProperty({ example: 'Zuwendungen Integration' }) @IsString() @MaxLength(200) label!: string;
}

const nullableText = (example?: string, description?: string) =>
  ApiPropertyOptional({ type: String, nullable: true, ...(example ? { example } : {}), ...(description ? { description } : {}) });

/** The stored settings of a Kreis: every value null means „use the fallback“. */
export class DistrictSettingsValuesDto {
  @nullableText('GRZ', 'Präfix der Aktenzeichen (2–5 Großbuchstaben); leer: Aktenzeichen ohne Präfix') referencePrefix!: string | null;
  @nullableText('Landkreis Greiz – Landratsamt', 'Briefkopf: Name der Behörde') letterheadName!: string | null;
  @nullableText('Integrationsmanagement') letterheadDepartment!: string | null;
  @nullableText('Landkreis Greiz', 'Der Landkreis im Fließtext') letterheadDistrictName!: string | null;
  @nullableText('Landratsamt Greiz', 'Die Behörde im Fließtext und als Unterzeichnende') letterheadAuthorityName!: string | null;
  @nullableText('Dr.-Rathenau-Platz 11') letterheadStreet!: string | null;
  @nullableText('07973') letterheadPostalCode!: string | null;
  @nullableText('Greiz') letterheadCity!: string | null;
  @nullableText('03661 876-0') letterheadPhone!: string | null;
  @nullableText('integration@landkreis-greiz.de') letterheadEmail!: string | null;
  @nullableText('www.landkreis-greiz.de') letterheadWebsite!: string | null;
  @nullableText('Sparkasse Gera-Greiz') letterheadBankName!: string | null;
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Sprechzeiten, eine Zeile je Eintrag' }) letterheadOfficeHours!: string[] | null;
  @nullableText('Greiz', 'Unterschriftsblock: Ort (Standard: Ort des Briefkopfs)') signaturePlace!: string | null;
  @nullableText('die Landrätin', 'Unterschriftsblock: Vertretung des Landkreises in Verträgen') signatureRepresentedBy!: string | null;
  @nullableText('Landkreis Greiz', 'SEPA-Auftraggeber: Kontoinhaber') debtorName!: string | null;
  @nullableText('DE…', 'SEPA-Auftraggeber: IBAN') debtorIban!: string | null;
  @nullableText('HELADEF1GER', 'SEPA-Auftraggeber: BIC') debtorBic!: string | null;
  @ApiPropertyOptional({ type: [BudgetLineDto], nullable: true, description: 'Haushaltsstellen' }) budgetLines!: BudgetLineDto[] | null;
  @nullableText('0.1000', 'Üblicher Eigenanteil des Landkreises (Anteil 0–1)') districtShareDefault!: string | null;
}

export class DistrictLetterheadDto {
  @ApiProperty() name!: string;
  @ApiProperty() department!: string;
  @ApiProperty() districtName!: string;
  @ApiProperty() authorityName!: string;
  @ApiProperty() street!: string;
  @ApiProperty() postalCode!: string;
  @ApiProperty() city!: string;
  @ApiProperty() phone!: string;
  @ApiProperty() email!: string;
  @ApiProperty() website!: string;
  @ApiProperty() bankName!: string;
  @ApiProperty({ type: [String] }) officeHours!: string[];
  @ApiProperty() place!: string;
  @ApiProperty({ type: String, nullable: true }) representedBy!: string | null;
}

export class DistrictDebtorDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: kein Auftraggeberkonto, keine Zahlungsdatei möglich' }) iban!: string | null;
  @ApiProperty({ type: String, nullable: true }) bic!: string | null;
}

export class EffectiveDistrictSettingsDto {
  @ApiProperty({ type: String, nullable: true }) referencePrefix!: string | null;
  @ApiProperty({ type: DistrictLetterheadDto }) letterhead!: DistrictLetterheadDto;
  @ApiProperty({ type: DistrictDebtorDto }) debtor!: DistrictDebtorDto;
  @ApiProperty({ type: [BudgetLineDto] }) budgetLines!: BudgetLineDto[];
  @ApiProperty({ type: String, nullable: true }) districtShareDefault!: string | null;
}

export class DistrictSettingsDto {
  @ApiProperty({ format: 'uuid' }) districtId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'DISTRICT_GREIZ' }) districtCode!: string | null;
  @ApiProperty({ example: 'Landkreis Greiz – Landratsamt' }) districtName!: string;
  @ApiProperty({ description: 'Erster Landkreis der Installation: leere Werte kommen aus der Konfiguration' }) home!: boolean;
  @ApiProperty({ type: DistrictSettingsValuesDto, description: 'Gespeicherte Werte (null: nicht gesetzt)' }) stored!: DistrictSettingsValuesDto;
  @ApiProperty({ type: EffectiveDistrictSettingsDto, description: 'Was Schreiben, Aktenzeichen und Zahlungsdateien verwenden' }) effective!: EffectiveDistrictSettingsDto;
  @ApiProperty({ description: '0, solange nie gespeichert; bei PUT mitsenden' }) version!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}

const optText = (max = 200) => [IsOptional(), IsString(), MaxLength(max)];
function Text(max = 200, example?: string, description?: string): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    ApiPropertyOptional({ type: String, nullable: true, ...(example ? { example } : {}), ...(description ? { description } : {}) })(target, key);
    for (const d of optText(max)) d(target, key);
  };
}

/** PUT body: every field optional; absent keeps the stored value, null or "" clears it (the fallback applies). */
export class UpdateDistrictSettingsDto {
  @Text(5, 'GRZ', 'Präfix der Aktenzeichen') referencePrefix?: string | null;
  @Text() letterheadName?: string | null;
  @Text() letterheadDepartment?: string | null;
  @Text() letterheadDistrictName?: string | null;
  @Text() letterheadAuthorityName?: string | null;
  @Text() letterheadStreet?: string | null;
  @Text(10) letterheadPostalCode?: string | null;
  @Text() letterheadCity?: string | null;
  @Text() letterheadPhone?: string | null;
  @Text() letterheadEmail?: string | null;
  @Text() letterheadWebsite?: string | null;
  @Text() letterheadBankName?: string | null;
  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  letterheadOfficeHours?: string[] | null;
  @Text() signaturePlace?: string | null;
  @Text() signatureRepresentedBy?: string | null;
  @Text() debtorName?: string | null;
  @Text(42, 'DE43830944950003171906') debtorIban?: string | null;
  @Text(11) debtorBic?: string | null;
  @ApiPropertyOptional({ type: [BudgetLineDto], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  budgetLines?: BudgetLineDto[] | null;
  @Text(10, '0.1') districtShareDefault?: string | null;
  @ApiPropertyOptional({ description: 'Version, die bearbeitet wurde (aus GET; 0 beim ersten Speichern)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export function toSettingsInput(body: UpdateDistrictSettingsDto): DistrictSettingsInput {
  const { version: _version, ...rest } = body;
  return rest;
}

export function toDistrictSettingsDto(v: DistrictSettingsView): DistrictSettingsDto {
  const e: EffectiveDistrictSettings = v.effective;
  return {
    districtId: v.districtId,
    districtCode: v.districtCode,
    districtName: v.districtName,
    home: v.home,
    stored: { ...v.stored },
    effective: { referencePrefix: e.referencePrefix, letterhead: { ...e.letterhead }, debtor: { ...e.debtor }, budgetLines: e.budgetLines, districtShareDefault: e.districtShareDefault },
    version: v.version,
    updatedAt: v.updatedAt,
  };
}

export class DistrictAdminInputDto {
  @ApiProperty({ example: 'verwaltung@landkreis-greiz.de' }) @IsString() @MaxLength(200) email!: string;
  @ApiProperty({ example: 'Petra Lang' }) @IsString() @MaxLength(200) displayName!: string;
}

export class CreateDistrictDto {
  @ApiProperty({ example: 'DISTRICT_GREIZ', description: 'Kürzel der Organisation (DISTRICT_…); eindeutig' }) @IsString() @MaxLength(60) code!: string;
  @ApiProperty({ example: 'Landkreis Greiz – Landratsamt' }) @IsString() @MaxLength(200) name!: string;
  @Text(200, 'Dr.-Rathenau-Platz 11') street?: string | null;
  @Text(10, '07973') postalCode?: string | null;
  @Text(200, 'Greiz') city?: string | null;
  @Text(5, 'GRZ', 'Präfix der Aktenzeichen') referencePrefix?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Sozialräume als CSV: Kopfzeile „code;name;gemeinden“, Gemeinden durch Komma getrennt' })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  @MultiLineText()
  socialAreasCsv?: string | null;
  @ApiPropertyOptional({ type: DistrictAdminInputDto, nullable: true, description: 'Erste Administration des Landkreises (Einmalpasswort in der Antwort)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DistrictAdminInputDto)
  admin?: DistrictAdminInputDto | null;
}

export class OnboardedSocialAreaDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) municipalities!: string[];
}

export class OnboardedDistrictDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class OnboardedAdminDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ description: 'Einmalpasswort; wird nur jetzt angezeigt' }) initialPassword!: string;
}

export class DistrictOnboardingResultDto {
  @ApiProperty({ description: 'false: Ein Landkreis mit diesem Kürzel besteht bereits; nichts wurde geändert' }) created!: boolean;
  @ApiProperty({ type: OnboardedDistrictDto }) district!: OnboardedDistrictDto;
  @ApiProperty({ type: [OnboardedSocialAreaDto] }) socialAreas!: OnboardedSocialAreaDto[];
  @ApiProperty({ type: OnboardedAdminDto, nullable: true }) admin!: OnboardedAdminDto | null;
}

export function toOnboardingDto(r: DistrictOnboardingResult): DistrictOnboardingResultDto {
  return { created: r.created, district: { ...r.district }, socialAreas: r.socialAreas.map((a) => ({ ...a })), admin: r.admin ? { ...r.admin } : null };
}
