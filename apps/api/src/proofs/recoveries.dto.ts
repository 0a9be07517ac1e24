import { districtFields } from '../common/district-fields';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDate } from '../common/validators';
import { ToBoolean } from '../common/dto';
import { toJson } from '../common/json';
import { Recovery, RecoveryDunning, RecoveryDunningView, RecoveryInterest, RECOVERY_REQUEST_ACTIONS, RECOVERY_SORT_KEYS, RecoveryRequestAction, RecoverySortKey, RecoveryStatus } from '@foerderfluss/proof-of-use';
import { ListQueryDto } from '../common/dto';
import { BudgetYearParam, DueParam, FieldOfActionParam, ProviderIdParam, SocialAreaParam, SortParam, StatusParam } from '../common/list-query';
import { RepaymentBodyDto } from '../payments/repayments.dto';
import { RecoveryInterestPieceDto } from './recoveries.schemas';
import { AssigneeFilter, CaseFieldsDto } from '../cases/cases.dto';

const RECOVERY_STATUSES = Object.values(RecoveryStatus);

export class RecoveryQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'nur Vorgänge dieses Kreises' }) @IsOptional() @IsUUID() districtId?: string;
  @SortParam(RECOVERY_SORT_KEYS, 'dueDate') sort?: RecoverySortKey[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() decisionId?: string;
  @StatusParam(RECOVERY_STATUSES, 'RecoveryStatus') status?: RecoveryStatus[];
  @ProviderIdParam() providerId?: string;
  @BudgetYearParam() budgetYear?: number;
  @FieldOfActionParam() fieldOfAction?: string;
  @SocialAreaParam() socialArea?: string;
  @DueParam('after', 'der Fälligkeitstag der Rückforderung') dueAfter?: string;
  @DueParam('before', 'der Fälligkeitstag der Rückforderung') dueBefore?: string;
  @AssigneeFilter() assigneeId?: string;
  @ApiPropertyOptional({ enum: [0, 1, 2], description: 'Mahnstufe: 0 = noch keine Mahnung, 1 = 1. Mahnung, 2 = 2. Mahnung' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsIn([0, 1, 2])
  dunningLevel?: number;
  @ApiPropertyOptional({ description: 'nur Fälle „Vollstreckung prüfen“: Zahlungsfrist der 2. Mahnung abgelaufen, nicht beglichen' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  enforcementDue?: boolean;
}

/** One Mahnung of a Rückforderung (its letter is among the recovery's letters). */
export class RecoveryDunningDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: [1, 2], description: '1. oder 2. Mahnung' }) level!: number;
  @ApiProperty({ format: 'date', description: 'Datum der Mahnung' }) issuedOn!: string;
  @ApiProperty({ format: 'date', description: 'Zahlungsfrist der Mahnung' }) paymentDeadline!: string;
  @ApiProperty({ description: 'offene Hauptforderung am Tag der Mahnung' }) outstandingPrincipal!: string;
  @ApiProperty({ description: 'Zinsen nach § 49a Abs. 3 bis interestUntil' }) interest!: string;
  @ApiProperty() interestOutstanding!: string;
  @ApiProperty({ format: 'date' }) interestUntil!: string;
  @ApiProperty({ description: 'gefordert: offene Hauptforderung + offene Zinsen' }) totalDue!: string;
}

export function toRecoveryDunningDto(n: RecoveryDunning): RecoveryDunningDto {
  return {
    id: n.id,
    level: n.level,
    issuedOn: n.issuedOn,
    paymentDeadline: n.paymentDeadline,
    outstandingPrincipal: n.outstandingPrincipal.toApiString(),
    interest: n.interest.toApiString(),
    interestOutstanding: n.interestOutstanding.toApiString(),
    interestUntil: n.interestUntil,
    totalDue: n.totalDue.toApiString(),
  };
}

export class AsOfDto {
  @ApiPropertyOptional({ format: 'date', description: 'Stichtag (Standard: heute)' }) @IsOptional() @IsIsoDate() asOf?: string;
}

/** A Zahlungseingang on a known recovery: the fields of POST /repayments without decision, kind and recovery. */
export class RecoveryRepaymentDto extends PickType(RepaymentBodyDto, ['amount', 'receivedOn', 'payer', 'paymentReference'] as const) {}

export class RecoveryDto extends CaseFieldsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Aktenzeichen des Bescheids' }) decisionReference!: string | null;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Name des Trägers' }) providerName!: string | null;
  @ApiProperty({ format: 'uuid' }) settlementId!: string;
  @ApiProperty({ enum: ['BESCHEID', 'VERTRAG'] }) instrument!: string;
  @ApiProperty() principal!: string;
  @ApiProperty({
    type: 'array',
    description: 'Teilbeträge je Auszahlung; from ist leer, solange die Auszahlung freigegeben, aber noch nicht gebucht ist',
    items: {
      type: 'object',
      required: ['from', 'amount'],
      properties: { from: { type: 'string', format: 'date', nullable: true }, amount: { type: 'string' }, disbursementId: { type: 'string', format: 'uuid' } },
    },
  })
  interestParts!: { from: string | null; amount: string; disbursementId?: string }[];
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ enum: RECOVERY_STATUSES, enumName: 'RecoveryStatus' }) status!: RecoveryStatus;
  @ApiProperty() repaidPrincipal!: string;
  @ApiProperty() repaidInterest!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) settledOn!: string | null;
  @ApiProperty({ enum: [0, 1, 2], description: 'Mahnstufe: höchste verschickte Mahnung (0 = keine)' }) dunningLevel!: number;
  @ApiProperty({ type: [RecoveryDunningDto], description: 'die Mahnungen, nach Stufe' }) dunnings!: RecoveryDunningDto[];
  @ApiProperty({ description: 'Zahlungsfrist der 2. Mahnung abgelaufen und nicht beglichen: Vollstreckung prüfen' }) enforcementDue!: boolean;
  @ApiProperty({ enum: RECOVERY_REQUEST_ACTIONS, enumName: 'RecoveryAction', isArray: true, description: 'was der Aufrufer jetzt mit der Rückforderung tun darf (repay: Zahlungseingang buchen)' })
  allowedActions!: RecoveryRequestAction[];
}

export class RecoveryPageDto {
  @ApiProperty({ type: [RecoveryDto] }) items!: RecoveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

const NO_DUNNING: RecoveryDunningView = { level: 0, dunnings: [], enforcementDue: false };

export function toRecoveryDto(r: Recovery, allowedActions: RecoveryRequestAction[], dunning: RecoveryDunningView = NO_DUNNING): RecoveryDto {
  return {
    ...districtFields(r),
    id: r.id,
    reference: r.reference,
    decisionId: r.decisionId,
    decisionReference: r.decision?.reference ?? null,
    providerId: r.providerId,
    providerName: r.decision?.provider?.name ?? null,
    settlementId: r.settlementId,
    instrument: r.instrument,
    principal: r.principal.toApiString(),
    interestParts: r.interestParts,
    dueDate: r.dueDate,
    status: r.status,
    repaidPrincipal: r.repaidPrincipal.toApiString(),
    repaidInterest: r.repaidInterest.toApiString(),
    settledOn: r.settledOn,
    dunningLevel: dunning.level,
    dunnings: dunning.dunnings.map(toRecoveryDunningDto),
    enforcementDue: dunning.enforcementDue,
    allowedActions,
  };
}

export class RecoveryInterestPartDto {
  @ApiProperty() amount!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) disbursementId!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Buchungstag der Auszahlung; leer, solange sie nicht gebucht ist' }) paidOn!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'erster Zinstag; leer bis zur Buchung' }) interestFrom!: string | null;
}

export class RecoveryInterestDto {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'letzter Zinstag der Berechnung: der Stichtag oder der letzte Tag mit eingetragenem Basiszinssatz' })
  computedUntil!: string | null;
  @ApiProperty({ description: 'bis wann und warum so weit gerechnet ist (deutsch)' }) computedUntilReason!: string;
  @ApiProperty({ type: [RecoveryInterestPartDto] }) parts!: RecoveryInterestPartDto[];
  @ApiProperty() principal!: string;
  @ApiProperty() outstandingPrincipal!: string;
  @ApiProperty({ description: 'Zinsen § 49a Abs. 3 bis zum Stichtag, einmal gerundet' }) interest!: string;
  @ApiProperty() unroundedInterest!: string;
  @ApiProperty() interestOutstanding!: string;
  @ApiProperty({ type: [RecoveryInterestPieceDto] }) pieces!: RecoveryInterestPieceDto[];
}

export function toRecoveryInterestDto(i: RecoveryInterest): RecoveryInterestDto {
  return {
    asOf: i.asOf.toISOString(),
    computedUntil: i.computedUntil?.toISOString() ?? null,
    computedUntilReason: i.computedUntilReason,
    parts: i.parts.map((p) => ({
      amount: p.amount.toApiString(),
      disbursementId: p.disbursementId,
      paidOn: p.paidOn?.toISOString() ?? null,
      interestFrom: p.interestFrom?.toISOString() ?? null,
    })),
    principal: i.principal.toApiString(),
    outstandingPrincipal: i.outstandingPrincipal.toApiString(),
    interest: i.interest.toApiString(),
    unroundedInterest: i.unroundedInterest.toExactString(),
    interestOutstanding: i.interestOutstanding.toApiString(),
    pieces: toJson(i.pieces.map((p) => ({ ...p, interest: p.interest.toExactString() }))),
  };
}
