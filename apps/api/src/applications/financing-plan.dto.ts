import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { FUNDING_KINDS, FundingKind } from '@foerderfluss/applications';
import { IsDecimalString, IsMoneyAmount } from '../common/validators';

/** Kosten- und Finanzierungsplan: the request body of an Antrag and the same shape in responses. */
export class CostLineDto {
  @ApiProperty({ example: 'PERSONNEL' }) @IsString() @IsNotEmpty() @MaxLength(40) category!: string;
  @ApiProperty({ example: 'Sozialberater/in 0,75 VZÄ' }) @IsString() @IsNotEmpty() @MaxLength(500) description!: string;
  @ApiProperty({ example: '48000.00' }) @IsMoneyAmount() amount!: string;
}

export class PersonnelPositionDto {
  @ApiProperty({ example: 'Sozialberater/in' }) @IsString() @IsNotEmpty() @MaxLength(200) label!: string;
  @ApiProperty({ example: 'TV-L E 9b' }) @IsString() @IsNotEmpty() @MaxLength(40) payGrade!: string;
  @ApiProperty({ example: '5333.33', description: 'Arbeitgeberbrutto je Monat' }) @IsMoneyAmount() monthlyEmployerGross!: string;
  @ApiProperty({ example: '5400.00', description: 'TV-L-Vergleichsbetrag je Monat' }) @IsMoneyAmount() comparisonAmount!: string;
  @ApiProperty({ example: '0.75', description: 'VZÄ' }) @IsDecimalString({ min: '0.01', max: '1', maxDecimals: 4 }) fte!: string;
  @ApiProperty({ example: '12', description: 'Monate' }) @IsDecimalString({ min: '0.5', max: '60', maxDecimals: 2 }) months!: string;
}

export class FundingLineDto {
  @ApiProperty({ enum: FUNDING_KINDS, description: 'OWN_FUNDS Eigenmittel, THIRD_PARTY Drittmittel, GRANT beantragte Zuwendung' })
  @IsIn(FUNDING_KINDS as unknown as string[])
  kind!: FundingKind;
  @ApiProperty({ example: 'Eigenmittel des Vereins' }) @IsString() @IsNotEmpty() @MaxLength(300) source!: string;
  @ApiProperty({ example: '6000.00' }) @IsMoneyAmount() amount!: string;
}

export class FinancingPlanDto {
  @ApiProperty({ type: [CostLineDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => CostLineDto) costLines!: CostLineDto[];
  @ApiProperty({ type: [PersonnelPositionDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PersonnelPositionDto) personnelPositions!: PersonnelPositionDto[];
  @ApiProperty({ type: [FundingLineDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => FundingLineDto) fundingLines!: FundingLineDto[];
}
