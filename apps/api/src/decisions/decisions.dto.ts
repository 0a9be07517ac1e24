import { districtFields } from '../common/district-fields';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Money } from '@foerderfluss/core';
import { DECISION_API_ACTIONS, DECISION_SORT_KEYS, DecisionApiAction, DecisionContext, DecisionListItem, DecisionSortKey, DecisionStatus, DecisionVersion, DecisionWithVersions, Instrument, WORKLIST_SECTIONS, WorklistEntry, WorklistSection } from '@foerderfluss/decisions';
import { ListQueryDto, ToBoolean } from '../common/dto';
import { BudgetYearParam, DueParam, FieldOfActionParam, ProviderIdParam, SocialAreaParam, SortParam, StatusParam } from '../common/list-query';
import { IsIsoDate, IsMoneyAmount, IsPercent } from '../common/validators';
import { ApprovedPlanDto } from './decisions.schemas';
import { AssigneeFilter, CaseFieldsDto } from '../cases/cases.dto';
import { ReviewVotumViewDto } from '../applications/applications.schemas';
import { BudgetEffectDto, LabelledChecklistEntryDto, PersonRefDto, toBudgetEffectDto, toChecklistDto } from '../common/four-eyes.dto';
import { MultiLineText } from '../common/text-input';

const FINANCING_TYPES = ['SHARE', 'DEFICIT', 'FULL', 'FIXED'] as const;
type FinancingType = (typeof FINANCING_TYPES)[number];

export class ProposeGrantDto {
  @ApiProperty({ enum: Instrument }) @IsEnum(Instrument) instrument!: Instrument;
  @ApiProperty({ enum: FINANCING_TYPES }) @IsIn(FINANCING_TYPES as unknown as string[]) financingType!: FinancingType;
  @ApiPropertyOptional({ nullable: true, type: String, example: '90', description: 'Fördersatz in Prozent (Pflicht bei SHARE)' }) @IsOptional() @IsPercent() fundingRatePercent?: string | null;
  @ApiProperty({ example: '45000.00', description: 'Höchstbetrag (bei einer Änderung: der neue)' }) @IsMoneyAmount() maxAmount!: string;
  @MultiLineText() @ApiPropertyOptional({ description: 'Zweck (ohne Angabe: aus dem Antrag, bei einer Änderung wie bisher)' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(5000) purpose?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Bewilligungszeitraum (ohne Angabe: aus dem Antrag, bei einer Änderung wie bisher)' }) @IsOptional() @IsIsoDate() periodStart?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsIsoDate() periodEnd?: string;
  @MultiLineText() @ApiPropertyOptional({ type: [String], description: 'Besondere Nebenbestimmungen' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(2000, { each: true }) specialConditions?: string[];
}

export class ProposeRejectionDto {
  @ApiPropertyOptional({ enum: Instrument, default: Instrument.BESCHEID }) @IsOptional() @IsEnum(Instrument) instrument?: Instrument;
  @MultiLineText() @ApiProperty({ description: 'Begründung der Ablehnung' }) @IsString() @IsNotEmpty() @MaxLength(10000) reasons!: string;
}

/** An Änderung changes any of the grant's terms (the others stay as in the version in force) and says why. */
export class AmendmentDto extends PartialType(
  PickType(ProposeGrantDto, ['maxAmount', 'purpose', 'periodStart', 'periodEnd', 'financingType', 'fundingRatePercent', 'specialConditions'] as const),
) {
  @MultiLineText() @ApiProperty({ description: 'Begründung der Änderung' }) @IsString() @IsNotEmpty() @MaxLength(10000) reason!: string;
}

export class RevocationDto {
  @MultiLineText() @ApiProperty({ description: 'Begründung (Widerruf oder Rücknahme, Rechtsgrundlage)' }) @IsString() @IsNotEmpty() @MaxLength(10000) reason!: string;
  @ApiProperty({ example: '0.00', description: 'verbleibender Höchstbetrag; 0.00 = vollständiger Widerruf' }) @IsMoneyAmount() newMaxAmount!: string;
  @ApiProperty({ format: 'date', description: 'Wirksamkeit' }) @IsIsoDate() effectiveDate!: string;
}

export class ReturnDto {
  @MultiLineText() @ApiProperty({ description: 'Grund der Rückgabe' }) @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class DecisionQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'nur Vorgänge dieses Kreises' }) @IsOptional() @IsUUID() districtId?: string;
  @SortParam(DECISION_SORT_KEYS, '-createdAt,reference') sort?: DecisionSortKey[];
  @StatusParam(Object.values(DecisionStatus), 'DecisionStatus') status?: DecisionStatus[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() budgetYearId?: string;
  @BudgetYearParam() budgetYear?: number;
  @ProviderIdParam() providerId?: string;
  @ApiPropertyOptional({ enum: Instrument }) @IsOptional() @IsEnum(Instrument) instrument?: Instrument;
  @FieldOfActionParam() fieldOfAction?: string;
  @SocialAreaParam() socialArea?: string;
  @SocialAreaParam('Sozialraum (älterer Name von socialArea)') socialAreaCode?: string;
  @ApiPropertyOptional({ description: 'nur Entscheidungen mit offenem Vorschlag' }) @IsOptional() @ToBoolean() @IsBoolean() pendingApproval?: boolean;
  @ApiPropertyOptional({ format: 'date', description: 'VN-Frist ab (wie dueAfter)' }) @IsOptional() @IsIsoDate() proofDueFrom?: string;
  @ApiPropertyOptional({ format: 'date', description: 'VN-Frist bis (wie dueBefore)' }) @IsOptional() @IsIsoDate() proofDueTo?: string;
  @DueParam('after', 'die Frist für den Verwendungsnachweis der geltenden Fassung') dueAfter?: string;
  @DueParam('before', 'die Frist für den Verwendungsnachweis der geltenden Fassung') dueBefore?: string;
  @AssigneeFilter() assigneeId?: string;
}

export class ConditionsDto {
  @ApiProperty({ type: [String] }) general!: string[];
  @ApiProperty({ type: [String] }) special!: string[];
}

export class DueDto {
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date' }) due!: string;
}

export class DecisionVersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: Number, description: '1, 2, 3 … (erst nach Freigabe)' }) versionNo!: number | null;
  @ApiProperty({ enum: ['ORIGINAL', 'AMENDMENT', 'REVOCATION'] }) kind!: string;
  @ApiProperty({ enum: ['PROPOSED', 'APPROVED', 'RETURNED'] }) status!: string;
  @ApiProperty({ format: 'uuid' }) proposedBy!: string;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) returnReason!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Datum des Bescheids/Vertrags' }) decisionDate!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) effectiveDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() purpose!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ nullable: true, type: String, enum: FINANCING_TYPES }) financingType!: string | null;
  @ApiProperty({ nullable: true, type: String }) fundingRatePercent!: string | null;
  @ApiProperty({ description: 'Höchstbetrag' }) maxAmount!: string;
  @ApiProperty({ description: 'Anteil Land' }) stateShare!: string;
  @ApiProperty({ description: 'Anteil Kreis' }) districtShare!: string;
  @ApiProperty({ type: ApprovedPlanDto, description: 'zugrunde liegender Finanzierungsplan (eingefroren)' }) approvedPlan!: ApprovedPlanDto;
  @ApiProperty({ type: ConditionsDto }) conditions!: ConditionsDto;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Frist Verwendungsnachweis' }) proofDue!: string | null;
  @ApiProperty({ type: [DueDto] }) interimProofsDue!: DueDto[];
  @ApiProperty({ format: 'date', nullable: true, type: String }) eligibleFrom!: string | null;
  @ApiProperty({ nullable: true, type: String }) recoveryAmount!: string | null;
}

export class DecisionDto extends CaseFieldsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'FF-2026-0007', description: 'Aktenzeichen' }) reference!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ nullable: true, type: String }) applicationReference!: string | null;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ nullable: true, type: String }) providerName!: string | null;
  @ApiProperty({ format: 'uuid' }) budgetYearId!: string;
  @ApiProperty({ enum: Instrument }) instrument!: Instrument;
  @ApiProperty({ enum: ['GRANT', 'REJECTION'] }) outcome!: string;
  @ApiProperty({ enum: DecisionStatus }) status!: DecisionStatus;
  @ApiProperty({ nullable: true, type: Number }) currentVersionNo!: number | null;
  @ApiProperty() fieldOfActionCode!: string;
  @ApiProperty() socialAreaCode!: string;
  @ApiProperty({ type: DecisionVersionDto, nullable: true, description: 'die geltende Fassung' }) current!: DecisionVersionDto | null;
  @ApiProperty({ type: DecisionVersionDto, nullable: true, description: 'Vorschlag, der auf Freigabe wartet (nur Landratsamt)' }) pending!: DecisionVersionDto | null;
  @ApiProperty({ type: [DecisionVersionDto] }) versions!: DecisionVersionDto[];
  @ApiProperty({
    enum: DECISION_API_ACTIONS,
    enumName: 'DecisionAction',
    isArray: true,
    description:
      'Was die anfragende Person jetzt tun darf, nach Route: approve → POST /decisions/{id}/approve, return → POST /decisions/{id}/return, ' +
      'proposeAmendment → POST /decisions/{id}/amendments, proposeRevocation → POST /decisions/{id}/revocations, propose → neuer Vorschlag am Antrag.',
  })
  allowedActions!: DecisionApiAction[];
  @ApiProperty({ type: ReviewVotumViewDto, nullable: true, description: 'Votum der Prüfung, auf dem der Vorschlag beruht (nur Landratsamt; bei Änderung/Widerruf: null, die Begründung steht in der Fassung)' })
  votum!: ReviewVotumViewDto | null;
  @ApiProperty({ type: [LabelledChecklistEntryDto], nullable: true, description: 'Prüfcheckliste mit Vermerken, wie sie beim Vorschlag stand (nur Landratsamt)' })
  checklist!: LabelledChecklistEntryDto[] | null;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'wer den offenen (sonst den geltenden) Vorschlag gemacht hat' }) proposedBy!: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) proposedAt!: string | null;
  @ApiProperty({
    type: BudgetEffectDto,
    nullable: true,
    description: 'Freie Landes- und Kreismittel (zugewiesen − gebunden) jetzt und nach der Freigabe des offenen Vorschlags, je Haushaltsjahr (nur Landratsamt; ohne offenen Vorschlag null)',
  })
  budgetEffect!: BudgetEffectDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'warum die anfragende Person nicht freigeben darf, obwohl sie zeichnungsbefugt ist (eigener Vorschlag)' })
  approvalBlockedReason!: string | null;
}

/** A list row: the decision without its versions. */
export class DecisionSummaryDto extends PickType(DecisionDto, [
  'districtId',
  'districtName',
  'id',
  'reference',
  'applicationId',
  'providerId',
  'providerName',
  'instrument',
  'outcome',
  'status',
  'currentVersionNo',
  'allowedActions',
  'assignee',
  'standIn',
  'nextFollowUp',
] as const) {
  @ApiProperty({ nullable: true, type: String, description: 'Titel des Vorhabens (aus dem Antrag)' }) title!: string | null;
  @ApiProperty({ description: 'Höchstbetrag der geltenden Fassung (0.00 bis zur Freigabe)' }) maxAmount!: string;
  @ApiProperty({ description: 'bisher freigegebene Auszahlungen' }) disbursedAmount!: string;
}

export class DecisionPageDto {
  @ApiProperty({ type: [DecisionSummaryDto] }) items!: DecisionSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

const s = (m: Money | null): string | null => (m ? m.toApiString() : null);

export function toVersionDto(v: DecisionVersion): DecisionVersionDto {
  return {
    id: v.id,
    versionNo: v.versionNo,
    kind: v.kind,
    status: v.status,
    proposedBy: v.proposedBy,
    proposedAt: v.proposedAt.toISOString(),
    approvedBy: v.approvedBy,
    approvedAt: v.approvedAt?.toISOString() ?? null,
    returnReason: v.returnReason,
    decisionDate: v.decisionDate,
    effectiveDate: v.effectiveDate,
    reason: v.reason,
    purpose: v.purpose,
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    financingType: v.financingType,
    fundingRatePercent: v.fundingRatePercent?.toPercentString() ?? null,
    maxAmount: v.maxAmount.toApiString(),
    stateShare: v.stateShare.toApiString(),
    districtShare: v.districtShare.toApiString(),
    approvedPlan: v.approvedPlan,
    conditions: v.conditions,
    proofDue: v.proofDue,
    interimProofsDue: v.interimProofsDue,
    eligibleFrom: v.eligibleFrom,
    recoveryAmount: s(v.recoveryAmount),
  };
}

export function toDecisionDto(d: DecisionWithVersions, c: DecisionContext): DecisionDto {
  return {
    ...districtFields(d.decision),
    id: d.decision.id,
    reference: d.decision.reference,
    applicationId: d.decision.applicationId,
    applicationReference: d.decision.application?.reference ?? null,
    providerId: d.decision.providerId,
    providerName: d.decision.provider?.name ?? null,
    budgetYearId: d.decision.budgetYearId,
    instrument: d.decision.instrument,
    outcome: d.decision.outcome,
    status: d.decision.status,
    currentVersionNo: d.decision.currentVersionNo,
    fieldOfActionCode: d.decision.fieldOfActionCode,
    socialAreaCode: d.decision.socialAreaCode,
    current: d.current ? toVersionDto(d.current) : null,
    pending: d.pending ? toVersionDto(d.pending) : null,
    versions: d.versions.map(toVersionDto),
    allowedActions: d.allowedActions,
    votum: c.votum,
    checklist: toChecklistDto(c.checklist),
    proposedBy: c.proposedBy,
    proposedAt: c.proposedAt?.toISOString() ?? null,
    budgetEffect: toBudgetEffectDto(c.budgetEffect),
    approvalBlockedReason: c.approvalBlockedReason,
  };
}

export function toDecisionSummaryDto({ decision: d, allowedActions }: DecisionListItem): DecisionSummaryDto {
  return {
    ...districtFields(d),
    id: d.id,
    reference: d.reference,
    applicationId: d.applicationId,
    providerId: d.providerId,
    providerName: d.provider?.name ?? null,
    instrument: d.instrument,
    outcome: d.outcome,
    status: d.status,
    currentVersionNo: d.currentVersionNo,
    allowedActions,
    title: d.application?.title ?? null,
    maxAmount: d.maxAmount.toApiString(),
    disbursedAmount: d.disbursedAmount.toApiString(),
  };
}

/** The worklist's entry kinds: tasks of each lib, "Meine Fälle" and due Wiedervorlagen (libs/cases). */
export const WORKLIST_KINDS = [
  'START_REVIEW',
  'COMPLETE_REVIEW',
  'RESUBMITTED',
  'APPROVE_DECISION',
  'CHECK_PAYMENT',
  'APPROVE_PAYMENT',
  'START_PROOF_REVIEW',
  'COMPLETE_PROOF_REVIEW',
  'PROPOSE_SETTLEMENT',
  'APPROVE_SETTLEMENT',
  'MY_CASE',
  'STAND_IN_CASE',
  'FOLLOW_UP',
  'ENFORCEMENT_REVIEW',
] as const;

export class WorklistQueryDto {
  @ApiPropertyOptional({
    enum: WORKLIST_SECTIONS,
    enumName: 'WorklistSection',
    default: 'TASKS',
    description: 'TASKS: was auf meinen Schritt wartet; MY_CASES: Vorgänge, für die ich zuständig bin oder die ich vertrete; FOLLOW_UPS: heute oder früher fällige Wiedervorlagen, meine zuerst',
  })
  @IsOptional()
  @IsIn(WORKLIST_SECTIONS)
  section?: WorklistSection;
}

export class WorklistItemDto {
  @ApiProperty({ enum: WORKLIST_KINDS, enumName: 'WorklistKind' }) kind!: string;
  @ApiProperty({ enum: ['Application', 'Decision', 'PaymentRequest', 'ProofOfUse', 'Settlement', 'Recovery'] }) entity!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Aktenzeichen bzw. Antrags- oder Abrufnummer' }) reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Name des Trägers' }) providerName!: string;
  @ApiProperty({
    format: 'date',
    description:
      'Datum, nach dem die Liste ordnet: die Frist, wo es eine gibt (Beginn der Maßnahme, Wertstellung, Wiedervorlage), sonst der Eingang (Verwendungsnachweis eingereicht, Festsetzung vorgeschlagen) bzw. der Tag der Zuweisung',
  })
  dueDate!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) since!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty({ enum: WORKLIST_SECTIONS, enumName: 'WorklistSection' }) section!: WorklistSection;
  @ApiProperty({ description: 'ob ich für den Vorgang zuständig bin oder ihn vertrete' }) mine!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'wer für den Vorgang zuständig ist (Anzeigename)' }) assigneeName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'die Wiedervorlage (Abschnitt FOLLOW_UPS)' }) followUpId!: string | null;
}

export function toWorklistDto(i: WorklistEntry, section: WorklistSection = 'TASKS'): WorklistItemDto {
  return {
    kind: i.kind,
    entity: i.entity,
    id: i.id,
    reference: i.reference,
    title: i.title,
    providerName: i.providerName,
    dueDate: i.dueDate,
    since: i.since ? new Date(i.since).toISOString() : null,
    action: i.action,
    section,
    mine: i.mine ?? false,
    assigneeName: i.assigneeName ?? null,
    followUpId: i.followUpId ?? null,
  };
}
