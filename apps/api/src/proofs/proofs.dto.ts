import { districtFields } from '../common/district-fields';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested, IsInt, Max, Min } from 'class-validator';
import { Money } from '@foerderfluss/core';
import { ListQueryDto, ToBoolean } from '../common/dto';
import { BudgetYearParam, DueParam, FieldOfActionParam, ProviderIdParam, SocialAreaParam, SortParam, StatusParam } from '../common/list-query';
import { IsIsoDate, IsMoneyAmount, IsPercent } from '../common/validators';
import { toJson } from '../common/json';
import { DeadlineItem, Finding, NarrativeReport, PROOF_ACTIONS, PROOF_SORT_KEYS, ProofAction, ProofSortKey, ProofKind, ProofOfUse, ProofReview, ProofStatus, Receipt, ComputedFinalGrant } from '@foerderfluss/proof-of-use';
import { RuleFlagDto } from '../calculations/calculations.dto';
import { FinalGrantDocLineDto, FinalGrantAdjustmentDto, FinalGrantParametersAppliedDto, FinalGrantDocDto } from './proofs.schemas';
import { AssigneeFilter, CaseFieldsDto } from '../cases/cases.dto';
import { MultiLineText } from '../common/text-input';

const s = (m: Money | null | undefined): string | null => (m ? m.toApiString() : null);

export class CreateProofDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() decisionId!: string;
  @ApiProperty({ enum: ProofKind }) @IsEnum(ProofKind) kind!: ProofKind;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Kalenderjahr (nur Zwischennachweis)' }) @IsOptional() @IsInt() @Min(2000) @Max(2100) coveredYear?: number | null;
}

/** A value of the Sachbericht: the Kennzahl by its id (GET /indicators), the number only. */
export class IndicatorDto {
  @ApiProperty({ format: 'uuid', description: 'Id einer aktiven Kennzahl des Handlungsfelds des Projekts' }) @IsUUID() indicatorId!: string;
  @ApiProperty({ description: 'nur aggregierte Zahlen, keine personenbezogenen Daten' }) @IsInt() @Min(0) @Max(100000000) value!: number;
}

export class NarrativeDto {
  @MultiLineText() @ApiProperty({ description: 'Durchgeführte Maßnahme' }) @IsString() @MaxLength(20000) measure!: string;
  @MultiLineText() @ApiProperty({ description: 'Erreichte Ziele' }) @IsString() @MaxLength(20000) goalsAchieved!: string;
  @MultiLineText() @ApiProperty({ description: 'Erreichte Zielgruppe' }) @IsString() @MaxLength(20000) targetGroupReached!: string;
  @MultiLineText() @ApiProperty({ description: 'Abweichungen vom Plan' }) @IsString() @MaxLength(20000) deviations!: string;
  @ApiProperty({ type: [IndicatorDto], description: 'jede Kennzahl höchstens einmal' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => IndicatorDto)
  indicators!: IndicatorDto[];
}

/** A reported value as stored: the Kennzahl's name and unit as they read when it was reported. */
export class ReportedIndicatorDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null bei Sachberichten von vor der Einführung der Kennzahl-Definitionen' }) indicatorId!: string | null;
  @ApiProperty({ example: 'LABOUR_MARKET' }) fieldOfAction!: string;
  @ApiProperty({ example: 'JOB_PLACEMENTS' }) code!: string;
  @ApiProperty({ example: 'Vermittlungen in Arbeit oder Ausbildung', description: 'Name der Kennzahl beim Berichten' }) label!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Vermittlungen' }) unit!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Fassung der Kennzahl beim Berichten' }) version!: number | null;
  @ApiProperty() value!: number;
}

export class NarrativeViewDto {
  @ApiProperty() measure!: string;
  @ApiProperty() goalsAchieved!: string;
  @ApiProperty() targetGroupReached!: string;
  @ApiProperty() deviations!: string;
  @ApiProperty({ type: [ReportedIndicatorDto] }) indicators!: ReportedIndicatorDto[];
}

function toNarrativeViewDto(n: NarrativeReport): NarrativeViewDto {
  return {
    measure: n.measure,
    goalsAchieved: n.goalsAchieved,
    targetGroupReached: n.targetGroupReached,
    deviations: n.deviations,
    indicators: n.indicators.map((k) => ({
      indicatorId: k.indicatorId ?? null,
      fieldOfAction: k.fieldOfAction,
      code: k.code,
      label: k.label,
      unit: k.unit ?? null,
      version: k.version ?? null,
      value: k.value,
    })),
  };
}

export class FigureLineDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(40) category!: string;
  @ApiProperty() @IsString() @MaxLength(500) description!: string;
  @ApiPropertyOptional({ description: 'Plan (nur lesend)' }) @IsOptional() @IsMoneyAmount() planned?: string;
  @ApiPropertyOptional({
    description: 'Ist, nur mit Begründung (overrideReason): ohne Begründung ist das Ist die Summe der Belege dieser Kostenart; ein abweichender Betrag ohne Begründung wird abgelehnt',
  })
  @IsOptional()
  @IsMoneyAmount()
  actual?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Begründung, warum das Ist von der Summe der Belege abweicht' })
  @IsOptional()
  @IsString()
  @MultiLineText()
  @MaxLength(1000)
  overrideReason?: string | null;
}

export class FigureLineViewDto {
  @ApiProperty() category!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Plan' }) planned!: string;
  @ApiProperty({ description: 'Ist: die Summe der Belege der Kostenart, oder der mit Begründung geänderte Betrag' }) actual!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Begründung einer Abweichung von der Belegliste' }) overrideReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'was die Belege dieser Kostenart ergeben (nicht in Listen)' }) fromReceipts!: string | null;
}

export class FiguresViewDto {
  @ApiProperty({ type: [FigureLineViewDto] }) costLines!: FigureLineViewDto[];
  @ApiProperty({ description: 'Eigenmittel (Ist)' }) ownFunds!: string;
  @ApiProperty({ description: 'Drittmittel (Ist)' }) thirdPartyFunds!: string;
}

export class FiguresDto {
  @ApiProperty({ type: [FigureLineDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => FigureLineDto) costLines!: FigureLineDto[];
  @ApiProperty({ description: 'Eigenmittel (Ist)' }) @IsMoneyAmount() ownFunds!: string;
  @ApiProperty({ description: 'Drittmittel (Ist)' }) @IsMoneyAmount() thirdPartyFunds!: string;
}

export class UpdateProofDto {
  @ApiPropertyOptional({ type: NarrativeDto }) @IsOptional() @ValidateNested() @Type(() => NarrativeDto) narrative?: NarrativeDto;
  @ApiPropertyOptional({ type: FiguresDto }) @IsOptional() @ValidateNested() @Type(() => FiguresDto) figures?: FiguresDto;
}

export class ReceiptBodyDto {
  @ApiPropertyOptional({ description: 'lfd. Nr. (Standard: nächste freie)' }) @IsOptional() @IsInt() @Min(1) @Max(10000000) position?: number;
  @ApiProperty({ description: 'Belegnummer' }) @IsString() @IsNotEmpty() @MaxLength(100) receiptNumber!: string;
  @ApiProperty({ format: 'date', description: 'Belegdatum' }) @IsIsoDate() receiptDate!: string;
  @ApiProperty({ format: 'date', description: 'Zahlungsdatum' }) @IsIsoDate() paymentDate!: string;
  @ApiProperty({ description: 'Empfänger/Einzahler' }) @IsString() @IsNotEmpty() @MaxLength(300) counterparty!: string;
  @ApiProperty({ description: 'Grund' }) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @ApiProperty({ enum: ['EXPENSE', 'INCOME'], description: 'Ausgabe oder Einnahme' }) @IsIn(['EXPENSE', 'INCOME']) direction!: 'EXPENSE' | 'INCOME';
  @ApiProperty({ description: 'Kostenart (Planposition) bzw. OWN_FUNDS/THIRD_PARTY/REVENUE bei Einnahmen' }) @IsString() @IsNotEmpty() @MaxLength(40) costCategory!: string;
  @ApiProperty({ description: 'Bruttobetrag' }) @IsMoneyAmount() grossAmount!: string;
  @ApiPropertyOptional({ description: 'USt.' }) @IsOptional() @IsMoneyAmount() vatAmount?: string;
  @ApiPropertyOptional({ description: 'Projektanteil in % (Standard 100)' }) @IsOptional() @IsPercent() projectSharePercent?: string;
  @ApiPropertyOptional({ description: 'zuwendungsfähiger Betrag (Standard: berechnet)' }) @IsOptional() @IsMoneyAmount() eligibleAmount?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Personalstelle' }) @IsOptional() @IsString() @MaxLength(200) personnelPosition?: string | null;
}

export class ProofQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'nur Vorgänge dieses Kreises' }) @IsOptional() @IsUUID() districtId?: string;
  @SortParam(PROOF_SORT_KEYS, 'due,reference') sort?: ProofSortKey[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() decisionId?: string;
  @StatusParam(Object.values(ProofStatus), 'ProofStatus') status?: ProofStatus[];
  @ApiPropertyOptional({ enum: ProofKind }) @IsOptional() @IsEnum(ProofKind) kind?: ProofKind;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() budgetYearId?: string;
  @AssigneeFilter() assigneeId?: string;
  @BudgetYearParam() budgetYear?: number;
  @ProviderIdParam() providerId?: string;
  @FieldOfActionParam() fieldOfAction?: string;
  @SocialAreaParam() socialArea?: string;
  @DueParam('after', 'die Frist des Nachweises (Verwendungsnachweis: Frist der geltenden Fassung; Zwischennachweis: Frist seines Jahres)') dueAfter?: string;
  @DueParam('before', 'die Frist des Nachweises (Verwendungsnachweis: Frist der geltenden Fassung; Zwischennachweis: Frist seines Jahres)') dueBefore?: string;
}

export class ReceiptQueryDto extends ListQueryDto {
  @ApiPropertyOptional() @IsOptional() @ToBoolean() @IsBoolean() inSample?: boolean;
}

export class DeadlineQueryDto {
  @ApiPropertyOptional({ description: 'nur noch nicht eingereichte' }) @IsOptional() @ToBoolean() @IsBoolean() onlyOpen?: boolean;
  @ApiPropertyOptional({ description: 'nur überfällige' }) @IsOptional() @ToBoolean() @IsBoolean() overdueOnly?: boolean;
  @ApiPropertyOptional({ format: 'date', description: 'fällig bis' }) @IsOptional() @IsIsoDate() dueBefore?: string;
}

export class CursoryDto {
  @ApiProperty({ nullable: true, type: Boolean, description: 'vollständig' }) @IsOptional() @IsBoolean() complete!: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'plausibel' }) @IsOptional() @IsBoolean() plausible!: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Zweck erreicht (Sachbericht)' }) @IsOptional() @IsBoolean() purposeAchieved!: boolean | null;
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(10000) notes?: string | null;
}

export class LineConsentDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(40) category!: string;
  @ApiProperty({ description: 'zugestimmter Höchstbetrag dieses Ansatzes' }) @IsMoneyAmount() amount!: string;
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String, description: 'Datum/Aktenzeichen der Zustimmung' }) @IsOptional() @IsString() @MaxLength(1000) note?: string | null;
}

export class LineConsentsDto {
  @ApiProperty({ type: [LineConsentDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => LineConsentDto) consents!: LineConsentDto[];
}

export class SampleDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Startwert; ohne Angabe wird einer erzeugt und gespeichert' }) @IsOptional() @IsString() @MaxLength(100) seed?: string | null;
}

export class ReceiptDecisionDto {
  @ApiProperty({ enum: ['RECOGNISED', 'REDUCED', 'REFUSED'] }) @IsIn(['RECOGNISED', 'REDUCED', 'REFUSED']) outcome!: 'RECOGNISED' | 'REDUCED' | 'REFUSED';
  @ApiPropertyOptional({ description: 'anerkannter Betrag bei Kürzung' }) @IsOptional() @IsMoneyAmount() amount?: string;
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class CompleteReviewDto {
  @MultiLineText() @ApiProperty({ description: 'Ergebnis des Prüfvermerks' }) @IsString() @IsNotEmpty() @MaxLength(20000) conclusion!: string;
}

// ───────────────────────────── views ─────────────────────────────

export class ProofDto extends CaseFieldsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ nullable: true, type: String }) decisionReference!: string | null;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ nullable: true, type: String }) providerName!: string | null;
  @ApiProperty({ enum: ProofKind }) kind!: ProofKind;
  @ApiProperty({ nullable: true, type: Number }) coveredYear!: number | null;
  @ApiProperty({ enum: ProofStatus }) status!: ProofStatus;
  @ApiProperty({ type: NarrativeViewDto }) narrative!: NarrativeViewDto;
  @ApiProperty({ type: FiguresViewDto }) figures!: FiguresViewDto;
  @ApiProperty() actualCosts!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Belege aufzubewahren bis' }) retainUntil!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: PROOF_ACTIONS, enumName: 'ProofAction', isArray: true, description: 'was der Aufrufer jetzt mit dem Nachweis tun darf' })
  allowedActions!: ProofAction[];
}

export function toProofDto(p: ProofOfUse, allowedActions: ProofAction[], fromReceipts?: Money[]): ProofDto {
  return {
    ...districtFields(p),
    id: p.id,
    reference: p.reference,
    decisionId: p.decisionId,
    decisionReference: p.decision?.reference ?? null,
    providerId: p.providerId,
    providerName: p.provider?.name ?? null,
    kind: p.kind,
    coveredYear: p.coveredYear,
    status: p.status,
    narrative: toNarrativeViewDto(p.narrative),
    figures: {
      ...p.figures,
      costLines: p.figures.costLines.map((l, i) => ({ ...l, overrideReason: l.overrideReason ?? null, fromReceipts: fromReceipts?.[i]?.toApiString() ?? null })),
    },
    actualCosts: p.actualCosts.toApiString(),
    submittedAt: p.submittedAt?.toISOString() ?? null,
    retainUntil: p.retainUntil,
    version: p.version,
    allowedActions,
  };
}

export class ProofPageDto {
  @ApiProperty({ type: [ProofDto] }) items!: ProofDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ReceiptDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() position!: number;
  @ApiProperty() receiptNumber!: string;
  @ApiProperty({ format: 'date' }) receiptDate!: string;
  @ApiProperty({ format: 'date' }) paymentDate!: string;
  @ApiProperty() counterparty!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['EXPENSE', 'INCOME'] }) direction!: string;
  @ApiProperty() costCategory!: string;
  @ApiProperty() grossAmount!: string;
  @ApiProperty() vatAmount!: string;
  @ApiProperty() projectSharePercent!: string;
  @ApiProperty() eligibleAmount!: string;
  @ApiProperty({ nullable: true, type: String }) personnelPosition!: string | null;
  @ApiProperty() inSample!: boolean;
  @ApiProperty({ nullable: true, type: String, enum: ['RISK_FLAG', 'RISK_AMOUNT', 'RANDOM'] }) sampleReason!: string | null;
  @ApiProperty({ enum: ['OPEN', 'RECOGNISED', 'REDUCED', 'REFUSED'] }) reviewStatus!: string;
  @ApiProperty({ nullable: true, type: String }) recognisedAmount!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewNote!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) retainUntil!: string | null;
}

export function toReceiptDto(r: Receipt, showReview: boolean): ReceiptDto {
  return {
    id: r.id,
    position: r.position,
    receiptNumber: r.receiptNumber,
    receiptDate: r.receiptDate,
    paymentDate: r.paymentDate,
    counterparty: r.counterparty,
    reason: r.reason,
    direction: r.direction,
    costCategory: r.costCategory,
    grossAmount: r.grossAmount.toApiString(),
    vatAmount: r.vatAmount.toApiString(),
    projectSharePercent: r.projectSharePercent.replace(/\.?0+$/, ''),
    eligibleAmount: r.eligibleAmount.toApiString(),
    personnelPosition: r.personnelPosition,
    inSample: showReview ? r.inSample : false,
    sampleReason: showReview ? r.sampleReason : null,
    reviewStatus: showReview ? r.reviewStatus : 'OPEN',
    recognisedAmount: showReview ? s(r.recognisedAmount) : null,
    reviewNote: showReview ? r.reviewNote : null,
    retainUntil: r.retainUntil,
  };
}

export class ReceiptPageDto {
  @ApiProperty({ type: [ReceiptDto] }) items!: ReceiptDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class FindingDto {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [String] }) receiptIds!: string[];
  @ApiProperty({ nullable: true, type: String }) category!: string | null;
}

export function toFindingDto(f: Finding): FindingDto {
  return { ...f };
}

export class DeadlineDto {
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty() decisionReference!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty() providerName!: string;
  @ApiProperty({ enum: ProofKind }) kind!: string;
  @ApiProperty({ nullable: true, type: Number }) coveredYear!: number | null;
  @ApiProperty({ format: 'date' }) due!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proofId!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ProofStatus }) proofStatus!: string | null;
  @ApiProperty() overdue!: boolean;
}

export function toDeadlineDto(d: DeadlineItem): DeadlineDto {
  return { ...d };
}

export class CalculationDto {
  @ApiProperty({ type: [FinalGrantDocLineDto], description: 'je Kostenart: geplant, Ist, anerkannt, Hinweise' }) lines!: FinalGrantDocLineDto[];
  @ApiProperty() plannedCosts!: string;
  @ApiProperty() recognisedCosts!: string;
  @ApiProperty({ description: 'Zuwendung Z' }) finalGrant!: string;
  @ApiProperty({ description: 'ausgezahlt (abzüglich freiwilliger Rückzahlungen)' }) paidAmount!: string;
  @ApiProperty({ description: 'Rückforderung R' }) recovery!: string;
  @ApiProperty({ type: [RuleFlagDto] }) flags!: RuleFlagDto[];
  @ApiProperty({ type: [FinalGrantAdjustmentDto], description: 'Ist, Kürzungen aus der Belegprüfung und Besserstellung je Kostenart' }) adjustments!: FinalGrantAdjustmentDto[];
  @ApiProperty({ type: FinalGrantParametersAppliedDto }) parametersUsed!: FinalGrantParametersAppliedDto;
}

export function toCalculationDto(c: ComputedFinalGrant): CalculationDto {
  const p = toJson(c.result);
  return {
    lines: p.lines,
    plannedCosts: c.result.plannedCosts.toApiString(),
    recognisedCosts: c.result.recognisedCosts.toApiString(),
    finalGrant: c.result.finalGrant.toApiString(),
    paidAmount: c.paid.toApiString(),
    recovery: c.result.recovery.toApiString(),
    flags: p.flags,
    adjustments: toJson(c.adjustments),
    parametersUsed: p.parametersUsed,
  };
}

export class ProofReviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['IN_PROGRESS', 'COMPLETED'] }) status!: string;
  @ApiProperty({ type: CursoryDto }) cursory!: CursoryDto;
  @ApiProperty({ type: [LineConsentDto] }) lineConsents!: LineConsentDto[];
  @ApiProperty({ nullable: true, type: String }) sampleSharePercent!: string | null;
  @ApiProperty({ nullable: true, type: String }) sampleSeed!: string | null;
  @ApiProperty() sampleSize!: number;
  @ApiProperty({ description: 'Belege der Stichprobe, über die noch nicht entschieden ist' }) openSampleReceipts!: number;
  @ApiProperty({ nullable: true, type: FinalGrantDocDto, description: 'die beim Abschluss eingefrorene Berechnung' }) result!: FinalGrantDocDto | null;
  @ApiProperty({ nullable: true, type: String }) conclusion!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
}

export function toReviewDto(r: ProofReview, openSampleReceipts: number): ProofReviewDto {
  return {
    id: r.id,
    status: r.status,
    cursory: r.cursory,
    lineConsents: r.lineConsents,
    sampleSharePercent: r.sampleSharePercent?.replace(/\.?0+$/, '') ?? null,
    sampleSeed: r.sampleSeed,
    sampleSize: r.sampleSize,
    openSampleReceipts,
    result: r.result,
    conclusion: r.conclusion,
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}

export class AcceptedReceiptsDto {
  @ApiProperty({ description: 'Anzahl der soeben anerkannten Belege der Stichprobe' }) accepted!: number;
}
