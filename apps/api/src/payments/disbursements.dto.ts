import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Disbursement, DisbursementStatus } from '@foerderfluss/payments';

export class DisbursementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) paymentRequestId!: string;
  @ApiProperty({ nullable: true, type: String }) paymentRequestReference!: string | null;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() stateShare!: string;
  @ApiProperty() districtShare!: string;
  @ApiProperty({ enum: ['APPROVED', 'IN_FILE', 'PAID'] }) status!: string;
  @ApiProperty() iban!: string;
  @ApiProperty() accountHolder!: string;
  @ApiProperty({ format: 'date' }) requestedValueDate!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) paymentFileId!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) paidOn!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toDisbursementDto(d: Disbursement): DisbursementDto {
  return {
    id: d.id,
    paymentRequestId: d.paymentRequestId,
    paymentRequestReference: d.paymentRequest?.reference ?? null,
    decisionId: d.decisionId,
    providerId: d.providerId,
    amount: d.amount.toApiString(),
    stateShare: d.stateShare.toApiString(),
    districtShare: d.districtShare.toApiString(),
    status: d.status,
    iban: d.iban,
    accountHolder: d.accountHolder,
    requestedValueDate: d.requestedValueDate,
    paymentFileId: d.paymentFileId,
    paidOn: d.paidOn,
    createdAt: d.createdAt.toISOString(),
  };
}

export class DisbursementQueryDto {
  @ApiPropertyOptional({ enum: ['APPROVED', 'IN_FILE', 'PAID'] }) @IsOptional() @IsIn(['APPROVED', 'IN_FILE', 'PAID']) status?: DisbursementStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() decisionId?: string;
}
