import { DistrictFieldsDto, districtFields } from '../common/district-fields';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CHECK_RESULTS, CheckResult, Money } from '@foerderfluss/core';
import { LimitPreview, PAYMENT_CHECKLIST_CODES, PaymentCheckContext, PaymentChecklistCode, PaymentRequest, PAYMENT_REQUEST_API_ACTIONS, PAYMENT_REQUEST_SORT_KEYS, PaymentRequestAction, PaymentRequestSortKey, paymentStatusLabel, PaymentRequestStatus } from '@foerderfluss/payments';
import { ListQueryDto } from '../common/dto';
import { BudgetYearParam, DueParam, FieldOfActionParam, ProviderIdParam, SocialAreaParam, SortParam, StatusParam } from '../common/list-query';
import { IsIsoDate, IsMoneyAmount } from '../common/validators';
import { DisbursementDto } from './disbursements.dto';
import { LabelledChecklistEntryDto, PersonRefDto, toChecklistDto } from '../common/four-eyes.dto';
import { MultiLineText } from '../common/text-input';

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
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(2000) dueExplanation?: string | null;
  @ApiProperty({ format: 'date', description: 'gewünschter Wertstellungstag' }) @IsIsoDate() requestedValueDate!: string;
}

export class CreatePaymentRequestDto extends PaymentRequestBodyDto {
  @ApiProperty({ format: 'uuid', description: 'die Entscheidung (Bescheid/Vertrag), aus der abgerufen wird' }) @IsUUID() decisionId!: string;
}

/** Changing a draft: any field of the request body, each optional. */
export class UpdatePaymentRequestDto extends PartialType(PaymentRequestBodyDto) {}

/** One point of the "sachlich richtig" checklist (PAYMENT_CHECKLIST of the payments lib). */
export class PaymentCheckItemDto {
  @ApiProperty({ enum: PAYMENT_CHECKLIST_CODES, enumName: 'PaymentCheckCode' }) @IsIn(PAYMENT_CHECKLIST_CODES as string[]) code!: PaymentChecklistCode;
  @ApiProperty({ enum: CHECK_RESULTS, enumName: 'CheckResult' }) @IsIn(CHECK_RESULTS as string[]) result!: CheckResult;
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String, description: 'Vermerk (Pflicht bei „nicht erfüllt“)' }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class CheckDto {
  @ApiPropertyOptional({ description: 'geprüfter (ggf. gekürzter) Betrag; Standard: angeforderter Betrag' }) @IsOptional() @IsMoneyAmount() amount?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Prüfvermerk: warum der Abruf sachlich richtig ist, bei einer Kürzung ihr Grund (Pflicht; fehlt er, antwortet die API mit 409)' })
  @IsOptional()
  @IsString()
  @MultiLineText()
  @MaxLength(2000)
  note?: string | null;
  @ApiPropertyOptional({ type: [PaymentCheckItemDto], description: 'Checkliste „sachlich richtig“: jeder Punkt entschieden (Pflicht; fehlt einer, antwortet die API mit 409)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PaymentCheckItemDto)
  checklist?: PaymentCheckItemDto[];
}

export class ReasonDto {
  @MultiLineText() @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class PaymentRequestQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'nur Vorgänge dieses Kreises' }) @IsOptional() @IsUUID() districtId?: string;
  @SortParam(PAYMENT_REQUEST_SORT_KEYS, '-requestedValueDate,reference') sort?: PaymentRequestSortKey[];
  @StatusParam(Object.values(PaymentRequestStatus), 'PaymentRequestStatus') status?: PaymentRequestStatus[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() decisionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() budgetYearId?: string;
  @BudgetYearParam() budgetYear?: number;
  @ProviderIdParam() providerId?: string;
  @FieldOfActionParam() fieldOfAction?: string;
  @SocialAreaParam() socialArea?: string;
  @DueParam('after', 'der gewünschte Auszahlungstag (Wertstellung)') dueAfter?: string;
  @DueParam('before', 'der gewünschte Auszahlungstag (Wertstellung)') dueBefore?: string;
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

export class PaymentRequestDto extends DistrictFieldsDto {
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
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'wer sachlich geprüft hat (nur Landratsamt)' }) checkedByUser!: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'wann sachlich geprüft wurde (nur Landratsamt)' }) checkedAt!: string | null;
  @ApiProperty({ type: [LabelledChecklistEntryDto], nullable: true, description: 'Checkliste „sachlich richtig“ mit Vermerken (nur Landratsamt)' }) checkChecklist!: LabelledChecklistEntryDto[] | null;
  @ApiProperty({ nullable: true, type: String, description: 'warum die anfragende Person die Auszahlung nicht freigeben darf (eigene Prüfung)' }) approvalBlockedReason!: string | null;
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

export function toPaymentRequestDto(r: PaymentRequest, allowedActions: PaymentRequestAction[], c: PaymentCheckContext): PaymentRequestDto {
  return {
    ...districtFields(r),
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
    checkedByUser: c.checkedBy,
    checkedAt: c.checkedAt?.toISOString() ?? null,
    checkChecklist: toChecklistDto(c.checklist),
    approvalBlockedReason: c.approvalBlockedReason,
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

/** How many requests one bulk approval takes at most (each is its own transaction). */
export const BULK_APPROVAL_MAX = 100;

export class BulkApproveDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: BULK_APPROVAL_MAX, description: 'die freizugebenden Mittelabrufe (jeder höchstens einmal)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_APPROVAL_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids!: string[];
}

export class BulkApprovalItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['APPROVED', 'REFUSED'], enumName: 'BulkApprovalOutcome' }) outcome!: 'APPROVED' | 'REFUSED';
  @ApiProperty({ nullable: true, type: String, description: 'Abruf-Nr.' }) reference!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'freigegebener Betrag' }) amount!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Fehlercode der Ablehnung, wie bei der einzelnen Freigabe (z. B. PAYMENT_SAME_APPROVER)' }) code!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Grund der Ablehnung auf Deutsch' }) detail!: string | null;
}

export class BulkApprovalResultDto {
  @ApiProperty({ type: [BulkApprovalItemDto] }) items!: BulkApprovalItemDto[];
  @ApiProperty({ description: 'Anzahl freigegeben' }) approved!: number;
  @ApiProperty({ description: 'Anzahl abgelehnt' }) refused!: number;
}

export class ApprovalResultDto {
  @ApiProperty({ type: PaymentRequestDto }) request!: PaymentRequestDto;
  @ApiProperty({ type: DisbursementDto }) disbursement!: DisbursementDto;
}
