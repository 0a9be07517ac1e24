import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsIsoDate } from '../common/validators';
import { Settlement, SETTLEMENT_ACTIONS, SettlementAction, SettlementContext, SettlementStatus } from '@foerderfluss/proof-of-use';
import { FinalGrantDocDto } from './proofs.schemas';
import { LabelledChecklistEntryDto, PersonRefDto, toChecklistDto } from '../common/four-eyes.dto';
import { MultiLineText } from '../common/text-input';

export class SettlementVotumDto {
  // Optional here so that a missing reason is answered with the 409 that names it (votum.reasons).
  @ApiPropertyOptional({ description: 'Begründung der Festsetzung (Votum)', example: 'Verwendung nachgewiesen; Minderausgaben bei den Honoraren.' })
  @IsOptional()
  @IsString()
  @MultiLineText()
  @MaxLength(5000)
  reasons?: string;
}

export class ProposeSettlementDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() proofId!: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'Fälligkeit einer Rückforderung' }) @IsOptional() @IsIsoDate() recoveryDueDate?: string | null;
  @ApiPropertyOptional({ type: SettlementVotumDto, description: 'Votum mit Begründung (Pflicht; fehlt es, antwortet die API mit 409)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SettlementVotumDto)
  votum?: SettlementVotumDto;
}

export class SettlementVotumViewDto {
  @ApiProperty({ description: 'Begründung der Festsetzung' }) reasons!: string;
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
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvedBy!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) decisionDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) returnReason!: string | null;
  @ApiProperty({ enum: SETTLEMENT_ACTIONS, enumName: 'SettlementAction', isArray: true, description: 'was der Aufrufer jetzt mit der Festsetzung tun darf' })
  allowedActions!: SettlementAction[];
  @ApiProperty({ type: SettlementVotumViewDto, nullable: true, description: 'Votum der vorschlagenden Person (nur Landratsamt)' }) votum!: SettlementVotumViewDto | null;
  @ApiProperty({ type: [LabelledChecklistEntryDto], nullable: true, description: 'der Prüfvermerk als Checkliste (nur Landratsamt)' }) checklist!: LabelledChecklistEntryDto[] | null;
  @ApiProperty({ type: PersonRefDto, description: 'wer die Festsetzung vorgeschlagen hat' }) proposedBy!: PersonRefDto;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'warum die anfragende Person nicht freigeben darf (eigener Vorschlag)' }) approvalBlockedReason!: string | null;
}

export function toSettlementDto(x: Settlement, allowedActions: SettlementAction[], c: SettlementContext): SettlementDto {
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
    approvedBy: x.approvedBy,
    decisionDate: x.decisionDate,
    returnReason: x.returnReason,
    allowedActions,
    votum: c.votum,
    checklist: toChecklistDto(c.checklist),
    proposedBy: c.proposedBy,
    proposedAt: c.proposedAt.toISOString(),
    approvalBlockedReason: c.approvalBlockedReason,
  };
}

export class ApprovedSettlementDto extends SettlementDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'die dabei entstandene Rückforderung' }) recoveryId!: string | null;
}
