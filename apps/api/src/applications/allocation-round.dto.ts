import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Money } from '@foerderfluss/core';
import { GroupSum, ROUND_ACTIONS, RoundAction, RoundOverview } from '@foerderfluss/applications';
import { Instrument, RoundProposalResult } from '@foerderfluss/decisions';
import { SourceAmountsDto } from '../funding/budget-years.dto';
import { IsIsoDate, IsMoneyAmount, IsPercent } from '../common/validators';
import { MultiLineText } from '../common/text-input';

export class RoundItemInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicationId!: string;
  @ApiProperty({ example: '45000.00' }) @IsMoneyAmount() proposedAmount!: string;
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String, description: 'Begründung (Pflicht bei Teilförderung oder 0)' }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class RoundItemsDto {
  @ApiProperty({ type: [RoundItemInputDto] }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => RoundItemInputDto) items!: RoundItemInputDto[];
}

export class ResolutionDto {
  @ApiProperty({ example: 'Ausschuss für Soziales, Gesundheit und Integration' }) @IsString() @IsNotEmpty() @MaxLength(300) body!: string;
  @ApiProperty({ format: 'date' }) @IsIsoDate() date!: string;
  @ApiProperty({ example: 'BV 2025/118' }) @IsString() @IsNotEmpty() @MaxLength(100) number!: string;
}

export class ProposeFromRoundDto {
  @ApiProperty({ enum: Instrument }) @IsEnum(Instrument) instrument!: Instrument;
  @ApiProperty({ enum: ['SHARE', 'DEFICIT', 'FULL', 'FIXED'] }) @IsIn(['SHARE', 'DEFICIT', 'FULL', 'FIXED']) financingType!: 'SHARE' | 'DEFICIT' | 'FULL' | 'FIXED';
  @ApiPropertyOptional({ nullable: true, type: String, example: '90' }) @IsOptional() @IsPercent() fundingRatePercent?: string | null;
  @MultiLineText() @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(2000, { each: true }) specialConditions?: string[];
}

export class RoundItemDto {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ nullable: true, type: String }) providerName!: string | null;
  @ApiProperty({ type: [String] }) fieldsOfAction!: string[];
  @ApiProperty() socialAreaCode!: string;
  @ApiProperty() status!: string;
  @ApiProperty() requestedAmount!: string;
  @ApiProperty({ nullable: true, type: String, enum: ['APPROVE', 'APPROVE_PARTIAL', 'REJECT'] }) votum!: string | null;
  @ApiProperty({ nullable: true, type: String }) votumAmount!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Vorschlag: der Betrag der vorgeschlagenen Entscheidung, sonst der Arbeitsbetrag der Runde' }) proposedAmount!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['DECISION', 'ROUND'], description: 'DECISION: eine Entscheidung ist vorgeschlagen (wartet auf Freigabe); ROUND: Arbeitsbetrag der Vergaberunde' })
  proposalSource!: 'DECISION' | 'ROUND' | null;
  @ApiProperty({ nullable: true, type: String, description: 'Aktenzeichen der vorgeschlagenen Entscheidung' }) decisionReference!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ description: 'laufende Summe der Vorschläge' }) runningTotal!: string;
  @ApiProperty() withinBudget!: boolean;
}

export class GroupSumDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() requested!: string;
  @ApiProperty() proposed!: string;
}

export class RoundOverviewDto {
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ enum: ['OPEN', 'CONFIRMED'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) resolutionBody!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) resolutionDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) resolutionNumber!: string | null;
  @ApiProperty({ type: SourceAmountsDto, description: 'freie Mittel des Haushaltsjahres' }) freeBudget!: SourceAmountsDto;
  @ApiProperty({ type: [RoundItemDto] }) items!: RoundItemDto[];
  @ApiProperty() requestedTotal!: string;
  @ApiProperty({ type: SourceAmountsDto, description: 'vorgeschlagen: vorgeschlagene Entscheidungen und Arbeitsbeträge der Runde' }) proposedTotal!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'freie Mittel nach der Verteilung' }) remaining!: SourceAmountsDto;
  @ApiProperty({ type: [GroupSumDto] }) byFieldOfAction!: GroupSumDto[];
  @ApiProperty({ type: [GroupSumDto] }) bySocialArea!: GroupSumDto[];
  @ApiProperty({ enum: ROUND_ACTIONS, enumName: 'RoundAction', isArray: true, description: 'Was der Aufrufer mit der Mittelverteilung jetzt tun darf' })
  allowedActions!: RoundAction[];
}

const s = (m: Money): string => m.toApiString();
const sa = (a: { total: Money; state: Money; district: Money }): SourceAmountsDto => ({ total: s(a.total), state: s(a.state), district: s(a.district) });
const g = (x: GroupSum): GroupSumDto => ({ code: x.code, name: x.name, requested: s(x.requested), proposed: s(x.proposed) });

export function toRoundOverviewDto(o: RoundOverview): RoundOverviewDto {
  return {
    callId: o.call.id,
    status: o.round.status,
    allowedActions: o.allowedActions,
    resolutionBody: o.round.resolutionBody,
    resolutionDate: o.round.resolutionDate,
    resolutionNumber: o.round.resolutionNumber,
    freeBudget: sa(o.freeBudget),
    items: o.items.map((i) => ({
      applicationId: i.application.id,
      reference: i.application.reference,
      title: i.application.title,
      providerId: i.application.providerId,
      providerName: i.application.provider?.name ?? null,
      fieldsOfAction: i.application.fieldsOfAction,
      socialAreaCode: i.application.socialAreaCode,
      status: i.application.status,
      requestedAmount: s(i.application.requestedAmount),
      votum: i.votum,
      votumAmount: i.votumAmount ? s(i.votumAmount) : null,
      proposedAmount: i.proposedAmount ? s(i.proposedAmount) : null,
      proposalSource: i.proposalSource,
      decisionReference: i.decisionReference,
      note: i.note,
      runningTotal: s(i.runningTotal),
      withinBudget: i.withinBudget,
    })),
    requestedTotal: s(o.totals.requested),
    proposedTotal: sa(o.totals.proposed),
    remaining: sa(o.totals.remaining),
    byFieldOfAction: o.byFieldOfAction.map(g),
    bySocialArea: o.bySocialArea.map(g),
  };
}

export class RoundProposalResultDto {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: ['GRANT_PROPOSED', 'REJECTION_PROPOSED', 'CHANGES_REQUESTED', 'SKIPPED'] }) outcome!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decisionId!: string | null;
  @ApiProperty() detail!: string;
}

export function toRoundResultDto(r: RoundProposalResult): RoundProposalResultDto {
  return { ...r };
}
