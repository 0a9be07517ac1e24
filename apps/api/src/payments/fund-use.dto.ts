import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FundUse, LateUseComputation, LateUseInterestDecision } from '@foerderfluss/payments';
import { IsIsoDate, IsMoneyAmount } from '../common/validators';
import { InterestSegmentDetailDto } from '../common/interest.schemas';
import { toJson } from '../common/json';
import { LateUseTrancheDto, LateUseParametersUsedDto } from './fund-use.schemas';
import { MultiLineText } from '../common/text-input';

export class FundUseBodyDto {
  @ApiProperty({ format: 'date', description: 'Tag der Verwendung (Zahlung)' }) @IsIsoDate() usedOn!: string;
  @ApiProperty() @IsMoneyAmount() amount!: string;
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(1000) note?: string | null;
}

export class FundUseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) usedOn!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ enum: ['REPORTED', 'RECEIPTS'] }) source!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export function toFundUseDto(u: FundUse): FundUseDto {
  return { id: u.id, usedOn: u.usedOn, amount: u.amount.toApiString(), source: u.source, note: u.note };
}

export class LateUseQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Stichtag (Standard: heute)' }) @IsOptional() @IsIsoDate() asOf?: string;
}

export class LateUseDecisionBodyDto {
  @ApiProperty({ enum: ['DEMAND', 'WAIVE'], description: 'Zinsen erheben oder (Ermessen) absehen' }) @IsIn(['DEMAND', 'WAIVE']) outcome!: 'DEMAND' | 'WAIVE';
  @MultiLineText() @ApiProperty({ description: 'Begründung der Ermessensentscheidung' }) @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsIsoDate() asOf?: string;
}

export class LateUseInterestDto {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'letzter Zinstag der Berechnung: der Stichtag oder der letzte Tag mit eingetragenem Basiszinssatz' })
  computedUntil!: string | null;
  @ApiProperty({ description: 'bis wann und warum so weit gerechnet ist (deutsch)' }) computedUntilReason!: string;
  @ApiProperty({ description: 'Zinsen § 49a Abs. 4 VwVfG, gerundet' }) interest!: string;
  @ApiProperty() unroundedInterest!: string;
  @ApiProperty({ type: [LateUseTrancheDto], description: 'je Auszahlung' }) tranches!: LateUseTrancheDto[];
  @ApiProperty({ type: [InterestSegmentDetailDto], description: 'alle Zinsabschnitte' }) segments!: InterestSegmentDetailDto[];
  @ApiProperty() usesNotCoveredByDisbursements!: string;
  @ApiProperty({ type: LateUseParametersUsedDto }) parametersUsed!: LateUseParametersUsedDto;
}

export function toLateUseDto(c: LateUseComputation): LateUseInterestDto {
  const plain = toJson(c.result);
  return {
    asOf: c.asOf.toISOString(),
    computedUntil: c.computedUntil?.toISOString() ?? null,
    computedUntilReason: c.computedUntilReason,
    interest: c.result.interest.toApiString(),
    unroundedInterest: c.result.unroundedInterest.toExactString(),
    tranches: plain.tranches,
    segments: plain.segments,
    usesNotCoveredByDisbursements: c.result.usesNotCoveredByDisbursements.toApiString(),
    parametersUsed: plain.parametersUsed,
  };
}

export class LateUseDecisionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['DEMAND', 'WAIVE'] }) outcome!: string;
  @ApiProperty() computedInterest!: string;
  @ApiProperty() demandedAmount!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
}

export function toLateUseDecisionDto(d: LateUseInterestDecision): LateUseDecisionDto {
  return {
    id: d.id,
    outcome: d.outcome,
    computedInterest: d.computedInterest.toApiString(),
    demandedAmount: d.demandedAmount.toApiString(),
    asOf: d.asOf,
    reason: d.reason,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt.toISOString(),
  };
}
