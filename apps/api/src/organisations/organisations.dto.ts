import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { BankAccountStatus, Organisation, OrganisationKind, ORGANISATION_SORT_KEYS, OrganisationSortKey } from '@foerderfluss/organisations';
import { ListQueryDto, ToBoolean } from '../common/dto';
import { ProviderIdParam, SortParam, TextParam } from '../common/list-query';
import { IsIsoDate } from '../common/validators';

export class BankAccountDto {
  @ApiProperty({ example: 'DE02830502000000123456' })
  @IsString()
  @MaxLength(42)
  iban!: string;

  @ApiPropertyOptional({ example: 'HELADEF1ALT', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(11)
  bic?: string | null;

  @ApiProperty({ example: 'Beispiel-Verein e.V.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(140)
  accountHolder!: string;
}

export class UpdateContactDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9 +()/-]{3,40}$/)
  contactPhone?: string | null;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'e.V.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  legalForm?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  street?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '04600' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{5}$/)
  postalCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @ApiPropertyOptional({ description: 'Gemeinnützigkeit' })
  @IsOptional()
  @IsBoolean()
  nonProfit?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', description: 'Datum des Freistellungsbescheids' })
  @IsOptional()
  @IsIsoDate()
  nonProfitNoticeDate?: string | null;

  @ApiPropertyOptional({ description: 'Vorsteuerabzugsberechtigt' })
  @IsOptional()
  @IsBoolean()
  vatDeductible?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** Master data and contact as in the two PATCH bodies, plus what only creation sets. */
export class CreateOrganisationDto extends IntersectionType(UpdateOrganisationDto, UpdateContactDto) {
  @ApiProperty({ enum: OrganisationKind })
  @IsEnum(OrganisationKind)
  kind!: OrganisationKind;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  declare name: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Kurzbezeichnung (eindeutig)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9_]{2,40}$/)
  code?: string | null;

  @ApiPropertyOptional({ type: BankAccountDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BankAccountDto)
  bankAccount?: BankAccountDto | null;
}

export class OrganisationQueryDto extends ListQueryDto {
  @SortParam(ORGANISATION_SORT_KEYS, 'name') sort?: OrganisationSortKey[];

  @ApiPropertyOptional({ enum: OrganisationKind })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;

  @ApiPropertyOptional()
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  active?: boolean;

  @TextParam('Suche in Name und Ort') q?: string;

  @ProviderIdParam() providerId?: string;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) code!: string | null;
  @ApiProperty({ enum: OrganisationKind }) kind!: OrganisationKind;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) legalForm!: string | null;
  @ApiProperty({ nullable: true, type: String }) street!: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) city!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactEmail!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone!: string | null;
  @ApiProperty() nonProfit!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) nonProfitNoticeDate!: string | null;
  @ApiProperty() vatDeductible!: boolean;
  @ApiProperty({ nullable: true, type: String }) iban!: string | null;
  @ApiProperty({ nullable: true, type: String }) bic!: string | null;
  @ApiProperty({ nullable: true, type: String }) accountHolder!: string | null;
  @ApiProperty({ enum: BankAccountStatus }) bankAccountStatus!: BankAccountStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) bankAccountChangedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) bankAccountConfirmedAt!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] }) items!: OrganisationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toOrganisationDto(o: Organisation): OrganisationDto {
  return {
    id: o.id,
    code: o.code,
    kind: o.kind,
    name: o.name,
    legalForm: o.legalForm,
    street: o.street,
    postalCode: o.postalCode,
    city: o.city,
    contactName: o.contactName,
    contactEmail: o.contactEmail,
    contactPhone: o.contactPhone,
    nonProfit: o.nonProfit,
    nonProfitNoticeDate: o.nonProfitNoticeDate,
    vatDeductible: o.vatDeductible,
    iban: o.iban,
    bic: o.bic,
    accountHolder: o.accountHolder,
    bankAccountStatus: o.bankAccountStatus,
    bankAccountChangedAt: o.bankAccountChangedAt?.toISOString() ?? null,
    bankAccountConfirmedAt: o.bankAccountConfirmedAt?.toISOString() ?? null,
    active: o.active,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
