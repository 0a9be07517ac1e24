import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Repayment } from '@foerderfluss/payments';
import { IsIsoDate, IsMoneyAmount } from '../common/validators';

export class RepaymentBodyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() decisionId!: string;
  @ApiProperty() @IsMoneyAmount() amount!: string;
  @ApiProperty({ format: 'date' }) @IsIsoDate() receivedOn!: string;
  @ApiProperty({ description: 'Einzahler' }) @IsString() @IsNotEmpty() @MaxLength(200) payer!: string;
  @ApiProperty({ description: 'Verwendungszweck' }) @IsString() @IsNotEmpty() @MaxLength(300) paymentReference!: string;
  @ApiProperty({ enum: ['RECOVERY', 'VOLUNTARY'] }) @IsIn(['RECOVERY', 'VOLUNTARY']) kind!: 'RECOVERY' | 'VOLUNTARY';
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Rückforderung, die beglichen wird' }) @IsOptional() @IsUUID() recoveryId?: string | null;
}

export class RepaymentQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() decisionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() budgetYearId?: string;
}

export class RepaymentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recoveryId!: string | null;
  @ApiProperty({ enum: ['RECOVERY', 'VOLUNTARY'] }) kind!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() stateShare!: string;
  @ApiProperty() districtShare!: string;
  @ApiProperty() payer!: string;
  @ApiProperty() paymentReference!: string;
}

export function toRepaymentDto(r: Repayment): RepaymentDto {
  return {
    id: r.id,
    decisionId: r.decisionId,
    providerId: r.providerId,
    recoveryId: r.recoveryId,
    kind: r.kind,
    receivedOn: r.receivedOn,
    amount: r.amount.toApiString(),
    stateShare: r.stateShare.toApiString(),
    districtShare: r.districtShare.toApiString(),
    payer: r.payer,
    paymentReference: r.paymentReference,
  };
}
