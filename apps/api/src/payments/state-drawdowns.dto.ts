import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { StateDrawdown } from '@foerderfluss/payments';
import { IsIsoDate, IsMoneyAmount } from '../common/validators';
import { MultiLineText } from '../common/text-input';

export class DrawdownBodyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() budgetYearId!: string;
  @ApiProperty() @IsMoneyAmount() amount!: string;
  @ApiProperty({ format: 'date' }) @IsIsoDate() requestedOn!: string;
  @ApiProperty({ example: 'Mittelabruf 1/2026' }) @IsString() @IsNotEmpty() @MaxLength(200) reference!: string;
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class DrawdownReceivedDto {
  @ApiProperty({ format: 'date', description: 'Tag des Zahlungseingangs' }) @IsIsoDate() receivedOn!: string;
}

export class DrawdownQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() budgetYearId?: string;
}

export class StateDrawdownDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) budgetYearId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ format: 'date' }) requestedOn!: string;
  @ApiProperty({ enum: ['REQUESTED', 'RECEIVED'] }) status!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) receivedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'vom Land ausgezahlt am (vom Land erfasst)' }) statePaidOn!: string | null;
}

export function toDrawdownDto(d: StateDrawdown): StateDrawdownDto {
  return { id: d.id, budgetYearId: d.budgetYearId, reference: d.reference, amount: d.amount.toApiString(), requestedOn: d.requestedOn, status: d.status, receivedOn: d.receivedOn, note: d.note, statePaidOn: d.statePaidOn };
}
