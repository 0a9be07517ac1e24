import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDate } from '../common/validators';
import { Settlement, SETTLEMENT_ACTIONS, SettlementAction, SettlementStatus } from '@foerderfluss/proof-of-use';
import { FinalGrantDocDto } from './proofs.schemas';

export class ProposeSettlementDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() proofId!: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'Fälligkeit einer Rückforderung' }) @IsOptional() @IsIsoDate() recoveryDueDate?: string | null;
}

const SETTLEMENT_STATUSES = Object.values(SettlementStatus);

export class SettlementQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() decisionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() proofId?: string;
  @ApiPropertyOptional({ enum: SETTLEMENT_STATUSES, enumName: 'SettlementStatus' }) @IsOptional() @IsIn(SETTLEMENT_STATUSES) status?: SettlementStatus;
}

export class SettlementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ format: 'uuid' }) proofId!: string;
  @ApiProperty({ enum: SETTLEMENT_STATUSES, enumName: 'SettlementStatus' }) status!: SettlementStatus;
  @ApiProperty({ description: 'festgesetzte Zuwendung Z' }) finalGrant!: string;
  @ApiProperty() recognisedCosts!: string;
  @ApiProperty() paidAmount!: string;
  @ApiProperty() recoveryAmount!: string;
  @ApiProperty() releaseAmount!: string;
  @ApiProperty({ type: FinalGrantDocDto }) calculation!: FinalGrantDocDto;
  @ApiProperty({ format: 'date', nullable: true, type: String }) recoveryDueDate!: string | null;
  @ApiProperty({ format: 'uuid' }) proposedBy!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvedBy!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) decisionDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) returnReason!: string | null;
  @ApiProperty({ enum: SETTLEMENT_ACTIONS, enumName: 'SettlementAction', isArray: true, description: 'was der Aufrufer jetzt mit der Festsetzung tun darf' })
  allowedActions!: SettlementAction[];
}

export function toSettlementDto(x: Settlement, allowedActions: SettlementAction[]): SettlementDto {
  return {
    id: x.id,
    decisionId: x.decisionId,
    proofId: x.proofId,
    status: x.status,
    finalGrant: x.finalGrant.toApiString(),
    recognisedCosts: x.recognisedCosts.toApiString(),
    paidAmount: x.paidAmount.toApiString(),
    recoveryAmount: x.recoveryAmount.toApiString(),
    releaseAmount: x.releaseAmount.toApiString(),
    calculation: x.calculation,
    recoveryDueDate: x.recoveryDueDate,
    proposedBy: x.proposedBy,
    approvedBy: x.approvedBy,
    decisionDate: x.decisionDate,
    returnReason: x.returnReason,
    allowedActions,
  };
}

export class ApprovedSettlementDto extends SettlementDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'die dabei entstandene Rückforderung' }) recoveryId!: string | null;
}
