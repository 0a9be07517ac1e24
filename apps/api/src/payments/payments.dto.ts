import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Money } from '@foerderfluss/core';
import {
  CashPosition,
  Disbursement,
  DisbursementStatus,
  FundUse,
  LateUseComputation,
  LateUseInterestDecision,
  LimitPreview,
  PaymentFile,
  PaymentRequest,
  PAYMENT_REQUEST_API_ACTIONS,
  PaymentRequestAction,
  paymentStatusLabel,
  PaymentRequestStatus,
  Repayment,
  StateDrawdown,
} from '@foerderfluss/payments';
import { ListQueryDto } from '../common/dto';
import { IsIsoDate, IsMoneyAmount } from '../common/validators';
import { InterestSegmentDetailDto } from '../common/interest.schemas';
import { toJson } from '../common/json';
import { CashPositionDistrictDto, CashPositionStateDto, LateUseParametersUsedDto, LateUseTrancheDto } from './payments.schemas';

const PAYEE_TYPES = ['STAFF', 'SUPPLIER', 'CONTRACTOR', 'INTERPRETER', 'OTHER'] as const;
const s = (m: Money | null | undefined): string | null => (m ? m.toApiString() : null);

export class DuePaymentDto {
  @ApiProperty({ format: 'date', description: 'Fälligkeit' }) @IsIsoDate() dueDate!: string;
  @ApiProperty({ enum: PAYEE_TYPES, description: 'Art des Zahlungsempfängers' }) @IsIn(PAYEE_TYPES as unknown as string[]) payeeType!: (typeof PAYEE_TYPES)[number];
  @ApiProperty({ example: 'PERSONNEL' }) @IsString() @IsNotEmpty() @MaxLength(40) costCategory!: string;
  @ApiProperty({ example: 'Gehälter Januar' }) @IsString() @IsNotEmpty() @MaxLength(300) description!: string;
  @ApiProperty({ example: '8500.00' }) @IsMoneyAmount() amount!: string;
}

export class PaymentRequestBodyDto {
  @ApiProperty({ example: '15000.00', description: 'angeforderter Betrag' }) @IsMoneyAmount() requestedAmount!: string;
  @ApiProperty({ type: [DuePaymentDto], description: 'innerhalb des Abrufzeitraums fällige Zahlungen (oder dueTotal mit Erläuterung)' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DuePaymentDto)
  duePayments!: DuePaymentDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Summe der fälligen Zahlungen, wenn nicht einzeln aufgeführt' }) @IsOptional() @IsMoneyAmount() dueTotal?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(2000) dueExplanation?: string | null;
  @ApiProperty({ format: 'date', description: 'gewünschter Wertstellungstag' }) @IsIsoDate() requestedValueDate!: string;
}

export class CreatePaymentRequestDto extends PaymentRequestBodyDto {
  @ApiProperty({ format: 'uuid', description: 'die Entscheidung (Bescheid/Vertrag), aus der abgerufen wird' }) @IsUUID() decisionId!: string;
}

/** Changing a draft: any field of the request body, each optional. */
export class UpdatePaymentRequestDto extends PartialType(PaymentRequestBodyDto) {}

export class CheckDto {
  @ApiPropertyOptional({ description: 'geprüfter (ggf. gekürzter) Betrag; Standard: angeforderter Betrag' }) @IsOptional() @IsMoneyAmount() amount?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Begründung (Pflicht bei Kürzung)' }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class ReasonDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class PaymentRequestQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: PaymentRequestStatus }) @IsOptional() @IsEnum(PaymentRequestStatus) status?: PaymentRequestStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() decisionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() budgetYearId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() providerId?: string;
}

export class LimitDto {
  @ApiProperty({ format: 'date', description: 'Ende des Abrufzeitraums' }) horizonEnd!: string;
  @ApiProperty() paymentsDueWithinHorizon!: string;
  @ApiProperty({ description: 'anteilig abrufbar in Prozent' }) sharePercent!: string;
  @ApiProperty() allowedAmount!: string;
  @ApiProperty() rejectedAmount!: string;
  @ApiProperty() remainingUntilMaxAmount!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } }) reasons!: { code: string; message: string }[];
  @ApiProperty({ format: 'date' }) computedOn!: string;
}

export class LimitPreviewDto extends LimitDto {
  @ApiProperty() requestedAmount!: string;
}

export function toLimitPreviewDto(p: LimitPreview): LimitPreviewDto {
  return { ...p.limit, requestedAmount: p.requested.toApiString() };
}

export class PaymentRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'FF-2026-0001/3', description: 'Abruf-Nr.' }) reference!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ nullable: true, type: String }) decisionReference!: string | null;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ nullable: true, type: String }) providerName!: string | null;
  @ApiProperty({ format: 'uuid' }) budgetYearId!: string;
  @ApiProperty({ enum: PaymentRequestStatus }) status!: PaymentRequestStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() requestedAmount!: string;
  @ApiProperty({ type: [DuePaymentDto] }) duePayments!: DuePaymentDto[];
  @ApiProperty({ nullable: true, type: String }) dueTotal!: string | null;
  @ApiProperty({ nullable: true, type: String }) dueExplanation!: string | null;
  @ApiProperty({ format: 'date' }) requestedValueDate!: string;
  @ApiProperty({ type: LimitDto, nullable: true }) limit!: LimitDto | null;
  @ApiProperty({ nullable: true, type: String }) iban!: string | null;
  @ApiProperty({ nullable: true, type: String }) accountHolder!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) checkedAmount!: string | null;
  @ApiProperty({ nullable: true, type: String }) checkNote!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) checkedBy!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) paidOn!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({
    enum: PAYMENT_REQUEST_API_ACTIONS,
    enumName: 'PaymentRequestAction',
    isArray: true,
    description: 'Was der Aufrufer mit dem Mittelabruf jetzt tun darf (aus dem Lebenszyklus, den Rollen und dem Vier-Augen-Prinzip).',
  })
  allowedActions!: PaymentRequestAction[];
}

export function toPaymentRequestDto(r: PaymentRequest, allowedActions: PaymentRequestAction[]): PaymentRequestDto {
  return {
    id: r.id,
    reference: r.reference,
    sequence: r.sequence,
    decisionId: r.decisionId,
    decisionReference: r.decision?.reference ?? null,
    providerId: r.providerId,
    providerName: r.provider?.name ?? null,
    budgetYearId: r.budgetYearId,
    status: r.status,
    statusLabel: paymentStatusLabel(r.status),
    requestedAmount: r.requestedAmount.toApiString(),
    duePayments: r.duePayments,
    dueTotal: s(r.dueTotal),
    dueExplanation: r.dueExplanation,
    requestedValueDate: r.requestedValueDate,
    limit: r.limit,
    iban: r.iban,
    accountHolder: r.accountHolder,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    checkedAmount: s(r.checkedAmount),
    checkNote: r.checkNote,
    checkedBy: r.checkedBy,
    approvedBy: r.approvedBy,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    rejectionReason: r.rejectionReason,
    paidOn: r.paidOn,
    version: r.version,
    allowedActions,
  };
}

export class PaymentRequestPageDto {
  @ApiProperty({ type: [PaymentRequestDto] }) items!: PaymentRequestDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

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

export class ApprovalResultDto {
  @ApiProperty({ type: PaymentRequestDto }) request!: PaymentRequestDto;
  @ApiProperty({ type: DisbursementDto }) disbursement!: DisbursementDto;
}

export class DisbursementQueryDto {
  @ApiPropertyOptional({ enum: ['APPROVED', 'IN_FILE', 'PAID'] }) @IsOptional() @IsIn(['APPROVED', 'IN_FILE', 'PAID']) status?: DisbursementStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() decisionId?: string;
}

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

export class PaymentFilePageDto {
  @ApiProperty({ type: [PaymentFileDto] }) items!: PaymentFileDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class FundUseBodyDto {
  @ApiProperty({ format: 'date', description: 'Tag der Verwendung (Zahlung)' }) @IsIsoDate() usedOn!: string;
  @ApiProperty() @IsMoneyAmount() amount!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(1000) note?: string | null;
}

export class FundUseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) usedOn!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ enum: ['REPORTED', 'RECEIPTS'] }) source!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export function toFundUseDto(u: FundUse): FundUseDto {
  return { id: u.id, usedOn: u.usedOn, amount: u.amount.toApiString(), source: u.source, note: u.note };
}

export class LateUseQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Stichtag (Standard: heute)' }) @IsOptional() @IsIsoDate() asOf?: string;
}

export class LateUseDecisionBodyDto {
  @ApiProperty({ enum: ['DEMAND', 'WAIVE'], description: 'Zinsen erheben oder (Ermessen) absehen' }) @IsIn(['DEMAND', 'WAIVE']) outcome!: 'DEMAND' | 'WAIVE';
  @ApiProperty({ description: 'Begründung der Ermessensentscheidung' }) @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsIsoDate() asOf?: string;
}

export class LateUseInterestDto {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'letzter Zinstag der Berechnung: der Stichtag oder der letzte Tag mit eingetragenem Basiszinssatz' })
  computedUntil!: string | null;
  @ApiProperty({ description: 'bis wann und warum so weit gerechnet ist (deutsch)' }) computedUntilReason!: string;
  @ApiProperty({ description: 'Zinsen § 49a Abs. 4 VwVfG, gerundet' }) interest!: string;
  @ApiProperty() unroundedInterest!: string;
  @ApiProperty({ type: [LateUseTrancheDto], description: 'je Auszahlung' }) tranches!: LateUseTrancheDto[];
  @ApiProperty({ type: [InterestSegmentDetailDto], description: 'alle Zinsabschnitte' }) segments!: InterestSegmentDetailDto[];
  @ApiProperty() usesNotCoveredByDisbursements!: string;
  @ApiProperty({ type: LateUseParametersUsedDto }) parametersUsed!: LateUseParametersUsedDto;
}

export function toLateUseDto(c: LateUseComputation): LateUseInterestDto {
  const plain = toJson(c.result);
  return {
    asOf: c.asOf.toISOString(),
    computedUntil: c.computedUntil?.toISOString() ?? null,
    computedUntilReason: c.computedUntilReason,
    interest: c.result.interest.toApiString(),
    unroundedInterest: c.result.unroundedInterest.toExactString(),
    tranches: plain.tranches,
    segments: plain.segments,
    usesNotCoveredByDisbursements: c.result.usesNotCoveredByDisbursements.toApiString(),
    parametersUsed: plain.parametersUsed,
  };
}

export class LateUseDecisionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['DEMAND', 'WAIVE'] }) outcome!: string;
  @ApiProperty() computedInterest!: string;
  @ApiProperty() demandedAmount!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
}

export function toLateUseDecisionDto(d: LateUseInterestDecision): LateUseDecisionDto {
  return {
    id: d.id,
    outcome: d.outcome,
    computedInterest: d.computedInterest.toApiString(),
    demandedAmount: d.demandedAmount.toApiString(),
    asOf: d.asOf,
    reason: d.reason,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt.toISOString(),
  };
}

export class DrawdownBodyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() budgetYearId!: string;
  @ApiProperty() @IsMoneyAmount() amount!: string;
  @ApiProperty({ format: 'date' }) @IsIsoDate() requestedOn!: string;
  @ApiProperty({ example: 'Mittelabruf 1/2026' }) @IsString() @IsNotEmpty() @MaxLength(200) reference!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
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
}

export function toDrawdownDto(d: StateDrawdown): StateDrawdownDto {
  return { id: d.id, budgetYearId: d.budgetYearId, reference: d.reference, amount: d.amount.toApiString(), requestedOn: d.requestedOn, status: d.status, receivedOn: d.receivedOn, note: d.note };
}

export class CashPositionDto {
  @ApiProperty({ format: 'uuid' }) budgetYearId!: string;
  @ApiProperty({ type: CashPositionStateDto, description: 'Landesmittel: erhalten, erstattet, ausgezahlt (Landesanteil), Rückflüsse, Saldo' }) state!: CashPositionStateDto;
  @ApiProperty({ type: CashPositionDistrictDto, description: 'Kreismittel: ausgezahlt (Kreisanteil), Rückflüsse, Saldo' }) district!: CashPositionDistrictDto;
  @ApiProperty({ description: 'freigegeben, aber noch nicht ausgeführt' }) approvedNotPaid!: string;
}

export function toCashPositionDto(c: CashPosition): CashPositionDto {
  const { state: st, district: di } = c;
  return {
    budgetYearId: c.budgetYearId,
    state: {
      receivedFromState: st.receivedFromState.toApiString(),
      refundedToState: st.refundedToState.toApiString(),
      paidOut: st.paidOut.toApiString(),
      recoveriesReceived: st.recoveriesReceived.toApiString(),
      balance: st.balance.toApiString(),
    },
    district: { paidOut: di.paidOut.toApiString(), recoveriesReceived: di.recoveriesReceived.toApiString(), balance: di.balance.toApiString() },
    approvedNotPaid: c.approvedNotPaid.toApiString(),
  };
}

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
