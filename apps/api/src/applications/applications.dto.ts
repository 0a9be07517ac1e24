import { DistrictFieldsDto, districtFields } from '../common/district-fields';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  APPLICATION_ACTIONS,
  APPLICATION_SORT_KEYS,
  Application,
  ApplicationSortKey,
  ApplicationAction,
  APPLICATION_CHECKLIST_CODES,
  ApplicationComment,
  ApplicationStatus,
  ApplicationVersion,
  attachmentKindLabel,
  CALL_ACTIONS,
  CallAction,
  CallDisplayStatus,
  CallStatus,
  CallView,
  EarlyStartConsent,
  REQUIRABLE_ATTACHMENT_KINDS,
  ReviewChecks,
  statusLabel,
} from '@foerderfluss/applications';
import { ListQueryDto, SortedListQueryDto, ToBoolean } from '../common/dto';
import { BudgetYearParam, FieldOfActionParam, ProviderIdParam, SocialAreaParam, SortParam, StatusParam, TextParam } from '../common/list-query';
import { FinancingPlanDto } from './financing-plan.dto';
import { ApplicationReviewViewDto, ApplicationSnapshotDto } from './applications.schemas';
import { IsIsoDate, IsMoneyAmount } from '../common/validators';
import { AssigneeFilter, CaseFieldsDto } from '../cases/cases.dto';
import { MultiLineText } from '../common/text-input';

// ───────────────────────────── calls ─────────────────────────────

export class CreateCallDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() budgetYearId!: string;
  @ApiProperty({ example: 'Projektaufruf 2026: Soziale Beratung und Betreuung' }) @IsString() @IsNotEmpty() @MaxLength(300) title!: string;
  @MultiLineText() @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20000) text!: string;
  @ApiProperty({ format: 'date' }) @IsIsoDate() openingDate!: string;
  @ApiProperty({ format: 'date', description: 'Ausschlussfrist (letzter Tag der Einreichung)' }) @IsIsoDate() deadline!: string;
  @ApiProperty({ type: [String], example: ['LANGUAGE_EDUCATION'] }) @IsArray() @ArrayMinSize(1) @IsString({ each: true }) eligibleFieldsOfAction!: string[];
  @ApiProperty({ type: [String], example: ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES', 'INTERPRETING'] }) @IsArray() @ArrayMinSize(1) @IsString({ each: true }) eligibleCostCategories!: string[];
  @ApiProperty({ type: [String], example: ['ALTENBURG'], description: 'leer = ganzer Landkreis' }) @IsArray() @IsString({ each: true }) targetSocialAreas!: string[];
  @ApiPropertyOptional({ type: [String], enum: REQUIRABLE_ATTACHMENT_KINDS, example: ['STATUTES', 'SIGNED_APPLICATION_FORM'], description: 'Pflichtanlagen (leer = keine)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  requiredAttachments?: string[];
  @ApiPropertyOptional({ nullable: true, type: String, example: '250000.00', description: 'Richtwert des Fördervolumens in Euro (leer = keine Angabe); keine Obergrenze' })
  @IsOptional()
  @IsMoneyAmount()
  budgetIndication?: string | null;
}

/** Every field of a draft call may change except its budget year. */
export class UpdateCallDto extends PartialType(OmitType(CreateCallDto, ['budgetYearId'] as const)) {}

export class CallQueryDto extends SortedListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'nur Vorgänge dieses Kreises' }) @IsOptional() @IsUUID() districtId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() budgetYearId?: string;
  @ApiPropertyOptional({ enum: CallStatus, description: 'gespeicherter Status (veröffentlicht umfasst Aufrufe mit abgelaufener Frist)' })
  @IsOptional()
  @IsEnum(CallStatus)
  status?: CallStatus;
  @ApiPropertyOptional({ description: 'true: nur Aufrufe, deren Ausschlussfrist abgelaufen ist; false: nur solche, deren Frist noch läuft' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  deadlinePassed?: boolean;
}

/** Verlängerung der Ausschlussfrist eines veröffentlichten Aufrufs. */
export class ExtendCallDto {
  @ApiProperty({ format: 'date', description: 'neue Ausschlussfrist (nach der bisherigen, nicht in der Vergangenheit)' }) @IsIsoDate() deadline!: string;
  @MultiLineText() @ApiProperty({ description: 'Grund der Verlängerung; die Träger erhalten ihn mit der Nachricht' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class CallRequiredAttachmentDto {
  @ApiProperty({ enum: REQUIRABLE_ATTACHMENT_KINDS }) kind!: string;
  @ApiProperty({ example: 'Satzung' }) kindLabel!: string;
}

export class CallDto extends DistrictFieldsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) budgetYearId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date' }) openingDate!: string;
  @ApiProperty({ format: 'date', description: 'Ausschlussfrist' }) deadline!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'ursprüngliche Ausschlussfrist, falls verlängert' }) originalDeadline!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deadlineExtendedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Grund der letzten Verlängerung' }) deadlineExtensionReason!: string | null;
  @ApiProperty({ description: 'Die Ausschlussfrist (bis zum Ende des Tages, Europe/Berlin) ist abgelaufen' }) deadlinePassed!: boolean;
  @ApiProperty({ enum: CallDisplayStatus, enumName: 'CallDisplayStatus', description: 'Status, wie er angezeigt wird: veröffentlicht mit abgelaufener Frist heißt DEADLINE_PASSED („Frist abgelaufen“)' })
  displayStatus!: CallDisplayStatus;
  @ApiProperty({ description: 'Veröffentlicht, begonnen und in der Frist: Träger können heute einen Antrag stellen' }) openForApplications!: boolean;
  @ApiProperty({ nullable: true, type: Number, example: 2027, description: 'Haushaltsjahr' }) budgetYear!: number | null;
  @ApiProperty({ nullable: true, type: String, example: '250000.00', description: 'Richtwert des Fördervolumens' }) budgetIndication!: string | null;
  @ApiProperty({ type: [String] }) eligibleFieldsOfAction!: string[];
  @ApiProperty({ type: [String] }) eligibleCostCategories!: string[];
  @ApiProperty({ type: [String] }) targetSocialAreas!: string[];
  @ApiProperty({ type: [String], enum: REQUIRABLE_ATTACHMENT_KINDS, description: 'Pflichtanlagen (Codes)' }) requiredAttachments!: string[];
  @ApiProperty({ type: [CallRequiredAttachmentDto], description: 'Pflichtanlagen mit deutscher Bezeichnung' }) requiredAttachmentKinds!: CallRequiredAttachmentDto[];
  @ApiProperty({ enum: CallStatus }) status!: CallStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ enum: CALL_ACTIONS, enumName: 'CallAction', isArray: true, description: 'Was der Aufrufer mit diesem Aufruf jetzt tun darf' })
  allowedActions!: CallAction[];
}

export class CallPageDto {
  @ApiProperty({ type: [CallDto] }) items!: CallDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toCallDto({ call: c, allowedActions, display }: CallView): CallDto {
  return {
    ...districtFields(c),
    id: c.id,
    budgetYearId: c.budgetYearId,
    title: c.title,
    text: c.text,
    openingDate: c.openingDate,
    deadline: c.deadline,
    originalDeadline: c.originalDeadline,
    deadlineExtendedAt: c.deadlineExtendedAt?.toISOString() ?? null,
    deadlineExtensionReason: c.deadlineExtensionReason,
    deadlinePassed: display.deadlinePassed,
    displayStatus: display.displayStatus,
    openForApplications: display.openForApplications,
    budgetYear: c.budgetYear?.year ?? null,
    budgetIndication: c.budgetIndication?.toApiString() ?? null,
    eligibleFieldsOfAction: c.eligibleFieldsOfAction,
    eligibleCostCategories: c.eligibleCostCategories,
    targetSocialAreas: c.targetSocialAreas,
    requiredAttachments: c.requiredAttachments,
    requiredAttachmentKinds: c.requiredAttachments.map((kind) => ({ kind, kindLabel: attachmentKindLabel(kind) })),
    status: c.status,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    allowedActions,
  };
}

// ───────────────────────────── financing plan ─────────────────────────────

// The plan DTOs live in financing-plan.dto.ts (response schemas reuse them without an import cycle).
export { CostLineDto, FinancingPlanDto, FundingLineDto, PersonnelPositionDto } from './financing-plan.dto';

// ───────────────────────────── applications ─────────────────────────────

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() callId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) title!: string;
  @MultiLineText() @ApiProperty({ description: 'Zweck' }) @IsString() @IsNotEmpty() @MaxLength(5000) purpose!: string;
  @MultiLineText() @ApiProperty({ description: 'Zielgruppe' }) @IsString() @IsNotEmpty() @MaxLength(2000) targetGroup!: string;
  @ApiProperty({ type: [String], description: 'Handlungsfelder (das erste ist das Haupthandlungsfeld)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(8) @IsString({ each: true })
  fieldsOfAction!: string[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(60) socialAreaCode!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(100) municipality?: string | null;
  @ApiProperty({ format: 'date' }) @IsIsoDate() periodStart!: string;
  @ApiProperty({ format: 'date' }) @IsIsoDate() periodEnd!: string;
  @ApiProperty({ format: 'date', description: 'geplanter Maßnahmebeginn' }) @IsIsoDate() plannedStart!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) contactName!: string;
  @ApiProperty() @IsEmail() @MaxLength(254) contactEmail!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @Matches(/^[0-9 +()/-]{3,40}$/) contactPhone?: string | null;
  @ApiPropertyOptional({ default: false, description: 'Die Maßnahme hat bereits begonnen' }) @IsOptional() @IsBoolean() projectBegun?: boolean;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) @IsOptional() @IsIsoDate() projectBegunOn?: string | null;
  @ApiPropertyOptional({ default: false, description: 'Vorsteuerabzugsberechtigt (dann nur Nettobeträge)' }) @IsOptional() @IsBoolean() vatDeductible?: boolean;
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String, description: 'Andere öffentliche Förderung (beantragt/erhalten)' }) @IsOptional() @IsString() @MaxLength(2000) otherPublicFunding?: string | null;
  @ApiPropertyOptional({ default: false, description: 'Besserstellungsverbot wird eingehalten' }) @IsOptional() @IsBoolean() betterPositionRespected?: boolean;
  @ApiProperty({ type: FinancingPlanDto }) @ValidateNested() @Type(() => FinancingPlanDto) financingPlan!: FinancingPlanDto;
}

/**
 * A change of a draft: any content field of the Antrag (not its call), plus the expected version.
 * The three flags are declared again without the create default: an omitted flag stays as it is.
 */
export class UpdateApplicationDto extends PartialType(
  OmitType(CreateApplicationDto, ['callId', 'projectBegun', 'vatDeductible', 'betterPositionRespected'] as const),
) {
  @ApiPropertyOptional({ description: 'Die Maßnahme hat bereits begonnen' }) @IsOptional() @IsBoolean() projectBegun?: boolean;
  @ApiPropertyOptional({ description: 'Vorsteuerabzugsberechtigt (dann nur Nettobeträge)' }) @IsOptional() @IsBoolean() vatDeductible?: boolean;
  @ApiPropertyOptional({ description: 'Besserstellungsverbot wird eingehalten' }) @IsOptional() @IsBoolean() betterPositionRespected?: boolean;
  @ApiPropertyOptional({ description: 'Erwartete Version (optimistische Sperre)' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class ApplicationQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'nur Vorgänge dieses Kreises' }) @IsOptional() @IsUUID() districtId?: string;
  @SortParam(APPLICATION_SORT_KEYS, '-requestedAmount,title') sort?: ApplicationSortKey[];
  @StatusParam(Object.values(ApplicationStatus), 'ApplicationStatus') status?: ApplicationStatus[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() budgetYearId?: string;
  @BudgetYearParam() budgetYear?: number;
  @ProviderIdParam() providerId?: string;
  @FieldOfActionParam() fieldOfAction?: string;
  @SocialAreaParam() socialArea?: string;
  @SocialAreaParam('Sozialraum (älterer Name von socialArea)') socialAreaCode?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Beginn des Durchführungszeitraums ab' }) @IsOptional() @IsIsoDate() periodStartFrom?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Beginn des Durchführungszeitraums bis' }) @IsOptional() @IsIsoDate() periodStartTo?: string;
  @TextParam('Suche in Titel und Antragsnummer') q?: string;
  @AssigneeFilter() assigneeId?: string;
}

export class TextDto {
  @MultiLineText() @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) text!: string;
}

export class CommentDto extends TextDto {
  @ApiPropertyOptional({ default: false, description: 'Nur für das Landratsamt: Kommentar für den Träger sichtbar' })
  @IsOptional()
  @IsBoolean()
  visibleToProvider?: boolean;
}

export class WithdrawDto {
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}

export class ChecklistItemDto {
  // The points are data of the applications lib (APPLICATION_CHECKLIST, with their German labels).
  @ApiProperty({ enum: APPLICATION_CHECKLIST_CODES })
  @IsIn(APPLICATION_CHECKLIST_CODES as string[])
  code!: string;
  @ApiProperty({ enum: ['OPEN', 'OK', 'NOT_OK', 'NOT_APPLICABLE'] }) @IsIn(['OPEN', 'OK', 'NOT_OK', 'NOT_APPLICABLE']) result!: 'OPEN' | 'OK' | 'NOT_OK' | 'NOT_APPLICABLE';
  @MultiLineText() @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class VotumDto {
  @ApiProperty({ enum: ['APPROVE', 'APPROVE_PARTIAL', 'REJECT'] }) @IsIn(['APPROVE', 'APPROVE_PARTIAL', 'REJECT']) recommendation!: 'APPROVE' | 'APPROVE_PARTIAL' | 'REJECT';
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsMoneyAmount() proposedAmount?: string | null;
  @MultiLineText() @ApiProperty({ description: 'Begründung' }) @IsString() @IsNotEmpty() @MaxLength(5000) reasons!: string;
}

export class ReviewDto {
  @ApiProperty({ type: [ChecklistItemDto] }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ChecklistItemDto) checklist!: ChecklistItemDto[];
  @ApiPropertyOptional({ type: VotumDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => VotumDto) votum?: VotumDto | null;
}

export class EarlyStartConsentDto {
  @ApiProperty({ format: 'date', description: 'Ab diesem Tag sind Ausgaben förderfähig' }) @IsIsoDate() consentDate!: string;
  @MultiLineText() @ApiProperty({ example: 'Zustimmung für die gesamte Maßnahme' }) @IsString() @IsNotEmpty() @MaxLength(2000) scope!: string;
}

// ───────────────────────────── responses ─────────────────────────────

export class ApplicationTotalsDto {
  @ApiProperty() totalCosts!: string;
  @ApiProperty() ownFunds!: string;
  @ApiProperty() thirdPartyFunds!: string;
  @ApiProperty() requestedAmount!: string;
  @ApiProperty({ description: 'Σ Kosten − Σ Finanzierung (0.00 zum Einreichen)' }) balance!: string;
}

export class ApplicationDto extends CaseFieldsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'A-2026-0001' }) reference!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ nullable: true, type: String }) providerName!: string | null;
  @ApiProperty({ enum: ApplicationStatus }) status!: ApplicationStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() title!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty() targetGroup!: string;
  @ApiProperty({ type: [String] }) fieldsOfAction!: string[];
  @ApiProperty() socialAreaCode!: string;
  @ApiProperty({ nullable: true, type: String }) municipality!: string | null;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ format: 'date' }) plannedStart!: string;
  @ApiProperty() contactName!: string;
  @ApiProperty() contactEmail!: string;
  @ApiProperty({ nullable: true, type: String }) contactPhone!: string | null;
  @ApiProperty() projectBegun!: boolean;
  @ApiProperty({ format: 'date', nullable: true, type: String }) projectBegunOn!: string | null;
  @ApiProperty() vatDeductible!: boolean;
  @ApiProperty({ nullable: true, type: String }) otherPublicFunding!: string | null;
  @ApiProperty() betterPositionRespected!: boolean;
  @ApiProperty({ type: FinancingPlanDto }) financingPlan!: FinancingPlanDto;
  @ApiProperty({ type: ApplicationTotalsDto }) totals!: ApplicationTotalsDto;
  @ApiProperty() submittedVersion!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) firstSubmittedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastSubmittedAt!: string | null;
  @ApiProperty({ nullable: true, type: ApplicationReviewViewDto, description: 'Prüfung (nur für das Landratsamt)' }) review!: ApplicationReviewViewDto | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({
    enum: APPLICATION_ACTIONS,
    enumName: 'ApplicationAction',
    isArray: true,
    description: 'Was der Aufrufer mit diesem Antrag jetzt tun darf (aus dem Lebenszyklus, der Rolle und dem Vier-Augen-Prinzip)',
    example: ['update', 'submit', 'withdraw'],
  })
  allowedActions!: ApplicationAction[];
}

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationDto] }) items!: ApplicationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toApplicationDto(a: Application, showReview: boolean, allowedActions: ApplicationAction[]): ApplicationDto {
  return {
    ...districtFields(a),
    id: a.id,
    reference: a.reference,
    callId: a.callId,
    providerId: a.providerId,
    providerName: a.provider?.name ?? null,
    status: a.status,
    statusLabel: statusLabel(a.status),
    title: a.title,
    purpose: a.purpose,
    targetGroup: a.targetGroup,
    fieldsOfAction: a.fieldsOfAction,
    socialAreaCode: a.socialAreaCode,
    municipality: a.municipality,
    periodStart: a.periodStart,
    periodEnd: a.periodEnd,
    plannedStart: a.plannedStart,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    contactPhone: a.contactPhone,
    projectBegun: a.projectBegun,
    projectBegunOn: a.projectBegunOn,
    vatDeductible: a.vatDeductible,
    otherPublicFunding: a.otherPublicFunding,
    betterPositionRespected: a.betterPositionRespected,
    financingPlan: a.financingPlan,
    totals: {
      totalCosts: a.totalCosts.toApiString(),
      ownFunds: a.ownFunds.toApiString(),
      thirdPartyFunds: a.thirdPartyFunds.toApiString(),
      requestedAmount: a.requestedAmount.toApiString(),
      balance: a.totalCosts.minus(a.ownFunds).minus(a.thirdPartyFunds).minus(a.requestedAmount).toApiString(),
    },
    submittedVersion: a.submittedVersion,
    firstSubmittedAt: a.firstSubmittedAt?.toISOString() ?? null,
    lastSubmittedAt: a.lastSubmittedAt?.toISOString() ?? null,
    review: showReview ? a.review : null,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    allowedActions,
  };
}

export class ApplicationVersionDto {
  @ApiProperty() versionNo!: number;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) submittedBy!: string | null;
  @ApiProperty({ type: ApplicationSnapshotDto, description: 'Inhalt des Antrags zum Zeitpunkt der Einreichung' }) snapshot!: ApplicationSnapshotDto;
}

export function toVersionDto(v: ApplicationVersion): ApplicationVersionDto {
  return { versionNo: v.versionNo, submittedAt: v.submittedAt.toISOString(), submittedBy: v.submittedBy, snapshot: v.snapshot };
}

export class CommentViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['COMMENT', 'CHANGE_REQUEST', 'VOTUM', 'STATUS'] }) kind!: string;
  @ApiProperty() text!: string;
  @ApiProperty() visibleToProvider!: boolean;
  @ApiProperty({ nullable: true, type: String }) authorName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toCommentDto(c: ApplicationComment): CommentViewDto {
  return { id: c.id, kind: c.kind, text: c.text, visibleToProvider: c.visibleToProvider, authorName: c.authorName, createdAt: c.createdAt.toISOString() };
}

export class EarlyStartConsentViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) consentDate!: string;
  @ApiProperty() scope!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toConsentDto(c: EarlyStartConsent): EarlyStartConsentViewDto {
  return { id: c.id, consentDate: c.consentDate, scope: c.scope, createdAt: c.createdAt.toISOString() };
}

export class FlagDto {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class PositionCheckDto {
  @ApiProperty() label!: string;
  @ApiProperty() actualCost!: string;
  @ApiProperty() eligible!: string;
  @ApiProperty({ description: 'nicht zuwendungsfähig (Besserstellungsverbot)' }) disallowed!: string;
  @ApiProperty() flagged!: boolean;
}

export class ReviewChecksDto {
  @ApiProperty({ nullable: true, type: Boolean }) deadlineMet!: boolean | null;
  @ApiProperty({ type: [String] }) providerHints!: string[];
  @ApiProperty({ type: [FlagDto], description: 'Befunde zum Finanzierungsplan (path, message)' }) planFindings!: { path: string; message: string }[];
  @ApiProperty({ type: [PositionCheckDto] }) personnelPositions!: PositionCheckDto[];
  @ApiProperty() personnelEligible!: string;
  @ApiProperty() personnelDisallowed!: string;
  @ApiProperty({ format: 'date' }) eligibleFrom!: string;
  @ApiProperty() approvalBlocked!: boolean;
  @ApiProperty({ type: [FlagDto] }) earlyStartFlags!: FlagDto[];
  @ApiProperty({ format: 'date', nullable: true, type: String }) earlyStartConsentDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) vatHint!: string | null;
}

export function toChecksDto(c: ReviewChecks): ReviewChecksDto {
  return {
    deadlineMet: c.deadlineMet,
    providerHints: c.providerHints,
    planFindings: c.planFindings,
    personnelPositions: c.personnel.positions.map((p) => ({
      label: p.label,
      actualCost: p.actualCost.toApiString(),
      eligible: p.eligible.toApiString(),
      disallowed: p.disallowed.toApiString(),
      flagged: p.flagged,
    })),
    personnelEligible: c.personnel.totals.eligible.toApiString(),
    personnelDisallowed: c.personnel.totals.disallowed.toApiString(),
    eligibleFrom: c.earlyStart.eligibleFrom.toISOString(),
    approvalBlocked: c.earlyStart.approvalBlocked,
    earlyStartFlags: c.earlyStart.flags,
    earlyStartConsentDate: c.earlyStart.consentDate?.toISOString() ?? null,
    vatHint: c.vatHint,
  };
}
