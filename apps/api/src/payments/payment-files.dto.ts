import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Disbursement, PaymentFile, PAYMENT_FILE_SORT_KEYS, PaymentFileSortKey, PaymentFileStatus } from '@foerderfluss/payments';
import { ListQueryDto } from '../common/dto';
import { DueParam, SortParam, StatusParam } from '../common/list-query';
import { IsIsoDate } from '../common/validators';
import { DisbursementDto, toDisbursementDto } from './disbursements.dto';

export class GenerateFileDto {
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10000) @IsUUID('all', { each: true }) disbursementIds!: string[];
  @ApiProperty({ format: 'date', description: 'gewünschtes Ausführungsdatum' }) @IsIsoDate() executionDate!: string;
  @ApiPropertyOptional({ default: true, description: 'Sammelbuchung' }) @IsOptional() @IsBoolean() batchBooking?: boolean;
}

export class BookFileDto {
  @ApiProperty({ format: 'date', description: 'Tag der Ausführung (Wertstellung)' }) @IsIsoDate() bookedOn!: string;
}

export class PaymentFileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'PF-2026-0001' }) messageId!: string;
  @ApiProperty({ enum: ['CREATED', 'BOOKED'] }) status!: string;
  @ApiProperty({ format: 'date' }) executionDate!: string;
  @ApiProperty() numberOfTransactions!: number;
  @ApiProperty() controlSum!: string;
  @ApiProperty({ example: 'pain.001.001.09' }) painVersion!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } }) warnings!: { path: string; message: string }[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) bookedOn!: string | null;
  @ApiPropertyOptional({ type: [DisbursementDto] }) disbursements?: DisbursementDto[];
}

export function toPaymentFileDto(f: PaymentFile, disbursements?: Disbursement[]): PaymentFileDto {
  return {
    id: f.id,
    messageId: f.messageId,
    status: f.status,
    executionDate: f.executionDate,
    numberOfTransactions: f.numberOfTransactions,
    controlSum: f.controlSum.toApiString(),
    painVersion: f.painVersion,
    sha256: f.sha256,
    warnings: f.warnings,
    createdAt: f.createdAt.toISOString(),
    bookedOn: f.bookedOn,
    ...(disbursements ? { disbursements: disbursements.map(toDisbursementDto) } : {}),
  };
}

const PAYMENT_FILE_STATUSES: readonly PaymentFileStatus[] = ['CREATED', 'BOOKED'];

export class PaymentFileQueryDto extends ListQueryDto {
  @SortParam(PAYMENT_FILE_SORT_KEYS, '-executionDate') sort?: PaymentFileSortKey[];
  @StatusParam(PAYMENT_FILE_STATUSES, 'PaymentFileStatus') status?: PaymentFileStatus[];
  @DueParam('after', 'das Ausführungsdatum der Datei') dueAfter?: string;
  @DueParam('before', 'das Ausführungsdatum der Datei') dueBefore?: string;
}

export class PaymentFilePageDto {
  @ApiProperty({ type: [PaymentFileDto] }) items!: PaymentFileDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
