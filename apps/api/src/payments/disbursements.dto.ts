import { DistrictFieldsDto, districtFields } from '../common/district-fields';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Disbursement, DISBURSEMENT_SORT_KEYS, DisbursementSortKey, DisbursementStatus } from '@foerderfluss/payments';
import { ListQueryDto } from '../common/dto';
import { BudgetYearParam, DueParam, FieldOfActionParam, ProviderIdParam, SocialAreaParam, SortParam, StatusParam } from '../common/list-query';

export class DisbursementDto extends DistrictFieldsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) paymentRequestId!: string;
  @ApiProperty({ nullable: true, type: String }) paymentRequestReference!: string | null;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Name des Trägers' }) providerName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Aktenzeichen des Bescheids' }) decisionReference!: string | null;
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
    ...districtFields(d),
    id: d.id,
    paymentRequestId: d.paymentRequestId,
    paymentRequestReference: d.paymentRequest?.reference ?? null,
    decisionId: d.decisionId,
    providerId: d.providerId,
    providerName: d.decision?.provider?.name ?? null,
    decisionReference: d.decision?.reference ?? null,
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

const DISBURSEMENT_STATUSES = Object.values(DisbursementStatus);

export class DisbursementQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'nur Vorgänge dieses Kreises' }) @IsOptional() @IsUUID() districtId?: string;
  @SortParam(DISBURSEMENT_SORT_KEYS, '-requestedValueDate') sort?: DisbursementSortKey[];
  @StatusParam(DISBURSEMENT_STATUSES, 'DisbursementStatus') status?: DisbursementStatus[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() decisionId?: string;
  @BudgetYearParam() budgetYear?: number;
  @ProviderIdParam() providerId?: string;
  @FieldOfActionParam() fieldOfAction?: string;
  @SocialAreaParam() socialArea?: string;
  @DueParam('after', 'der gewünschte Auszahlungstag (Wertstellung)') dueAfter?: string;
  @DueParam('before', 'der gewünschte Auszahlungstag (Wertstellung)') dueBefore?: string;
}

export class DisbursementPageDto {
  @ApiProperty({ type: [DisbursementDto] }) items!: DisbursementDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
