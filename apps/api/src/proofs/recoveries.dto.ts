import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsIsoDate } from '../common/validators';
import { toJson } from '../common/json';
import { Recovery, RecoveryInterest, RECOVERY_REQUEST_ACTIONS, RECOVERY_SORT_KEYS, RecoveryRequestAction, RecoverySortKey, RecoveryStatus } from '@foerderfluss/proof-of-use';
import { ListQueryDto } from '../common/dto';
import { BudgetYearParam, DueParam, FieldOfActionParam, ProviderIdParam, SocialAreaParam, SortParam, StatusParam } from '../common/list-query';
import { RepaymentBodyDto } from '../payments/repayments.dto';
import { RecoveryInterestPieceDto } from './recoveries.schemas';

const RECOVERY_STATUSES = Object.values(RecoveryStatus);

export class RecoveryQueryDto extends ListQueryDto {
  @SortParam(RECOVERY_SORT_KEYS, 'dueDate') sort?: RecoverySortKey[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() decisionId?: string;
  @StatusParam(RECOVERY_STATUSES, 'RecoveryStatus') status?: RecoveryStatus[];
  @ProviderIdParam() providerId?: string;
  @BudgetYearParam() budgetYear?: number;
  @FieldOfActionParam() fieldOfAction?: string;
  @SocialAreaParam() socialArea?: string;
  @DueParam('after', 'der Fälligkeitstag der Rückforderung') dueAfter?: string;
  @DueParam('before', 'der Fälligkeitstag der Rückforderung') dueBefore?: string;
}

export class AsOfDto {
  @ApiPropertyOptional({ format: 'date', description: 'Stichtag (Standard: heute)' }) @IsOptional() @IsIsoDate() asOf?: string;
}

/** A Zahlungseingang on a known recovery: the fields of POST /repayments without decision, kind and recovery. */
export class RecoveryRepaymentDto extends PickType(RepaymentBodyDto, ['amount', 'receivedOn', 'payer', 'paymentReference'] as const) {}

export class RecoveryDto {
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
  @ApiProperty({ enum: RECOVERY_REQUEST_ACTIONS, enumName: 'RecoveryAction', isArray: true, description: 'was der Aufrufer jetzt mit der Rückforderung tun darf (repay: Zahlungseingang buchen)' })
  allowedActions!: RecoveryRequestAction[];
}

export class RecoveryPageDto {
  @ApiProperty({ type: [RecoveryDto] }) items!: RecoveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toRecoveryDto(r: Recovery, allowedActions: RecoveryRequestAction[]): RecoveryDto {
  return {
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
