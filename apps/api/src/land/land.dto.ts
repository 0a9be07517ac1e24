import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { StateDrawdown } from '@foerderfluss/payments';
import {
  DistrictDetail,
  DistrictFigures,
  DistrictOverview,
  DistrictSummary,
  DistributionView,
  LandDrawdownAction,
  StateDistributionVersion,
  StateGrant,
  StateGrantAction,
  StateProofReview,
  StateProofReviewAction,
} from '@foerderfluss/land';
import { IsDecimalAmount, IsIsoDate } from '../common/validators';
import { MultiLineText } from '../common/text-input';

const PERCENT = /^\d{1,3}(\.\d{1,6})?$/;
const MONEY_EXAMPLE = '419250.00';

export class YearQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Haushaltsjahr; Standard: das laufende Jahr' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

// ───────────────────────────── Kreise (overview) ─────────────────────────────

export class DistrictSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'DISTRICT_GREIZ' }) code!: string | null;
  @ApiProperty({ example: 'Landkreis Greiz – Landratsamt' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: MONEY_EXAMPLE, description: 'Zuweisung des Landes (H_land), ohne Zuweisung die Landesmittel des Haushaltsjahres; null für Träger' })
  allocated!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'vom Land erhaltene Mittelabrufe (STATE_DRAWDOWN); null für Träger' }) drawn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'an Träger ausgezahlt (beide Quellen); null für Träger' }) paidToProviders!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Z_land der Festsetzung des Landes; bis dahin das Z_land des eingereichten Verwendungsnachweises des Kreises, sonst 0.00; null für Träger',
  })
  proven!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'an das Land erstattet (STATE_REFUND); null für Träger' }) refunded!: string | null;
}

export class DistrictTotalsDto {
  @ApiProperty() allocated!: string;
  @ApiProperty() drawn!: string;
  @ApiProperty() paidToProviders!: string;
  @ApiProperty() proven!: string;
  @ApiProperty() refunded!: string;
}

export class DistrictListDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [DistrictSummaryDto] }) items!: DistrictSummaryDto[];
  @ApiProperty({ type: DistrictTotalsDto, nullable: true, description: 'Summen über die Kreise der Liste; null für Träger' }) totals!: DistrictTotalsDto | null;
}

export class DistrictBudgetYearDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: string;
  @ApiProperty() programmeCode!: string;
  @ApiProperty() stateGrantReference!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'die Zuweisung des Landes, auf der das Jahr beruht' }) stateGrantId!: string | null;
  @ApiProperty() allocatedState!: string;
  @ApiProperty() receivedFromState!: string;
  @ApiProperty() paidToProviders!: string;
  @ApiProperty() refundedToState!: string;
  @ApiProperty({ type: String, enum: ['DRAFT', 'SUBMITTED'], nullable: true, description: 'Verwendungsnachweis des Kreises an das Land' }) stateProofStatus!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'die Prüfung des Landes, sobald begonnen' }) stateProofReviewId!: string | null;
  @ApiProperty({ type: String, enum: ['IN_REVIEW', 'PROPOSED', 'SETTLED', 'CLOSED'], nullable: true }) stateProofReviewStatus!: string | null;
}

export class DistrictDetailDto extends DistrictSummaryDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [DistrictBudgetYearDto], nullable: true, description: 'Haushaltsjahre des Kreises (alle Jahre); null für Träger' }) budgetYears!: DistrictBudgetYearDto[] | null;
}

function figures(f: DistrictFigures | null): Pick<DistrictSummaryDto, 'allocated' | 'drawn' | 'paidToProviders' | 'proven' | 'refunded'> {
  return {
    allocated: f?.allocated.toApiString() ?? null,
    drawn: f?.drawn.toApiString() ?? null,
    paidToProviders: f?.paidToProviders.toApiString() ?? null,
    proven: f?.proven.toApiString() ?? null,
    refunded: f?.refunded.toApiString() ?? null,
  };
}

export function toDistrictSummaryDto(s: DistrictSummary): DistrictSummaryDto {
  return { id: s.id, code: s.code, name: s.name, ...figures(s.figures) };
}

export function toDistrictListDto(o: DistrictOverview): DistrictListDto {
  const t = o.totals;
  return {
    year: o.year,
    items: o.items.map(toDistrictSummaryDto),
    totals: t
      ? { allocated: t.allocated.toApiString(), drawn: t.drawn.toApiString(), paidToProviders: t.paidToProviders.toApiString(), proven: t.proven.toApiString(), refunded: t.refunded.toApiString() }
      : null,
  };
}

export function toDistrictDetailDto(d: DistrictDetail): DistrictDetailDto {
  return {
    ...toDistrictSummaryDto(d),
    year: d.year,
    budgetYears:
      d.budgetYears?.map((b) => ({
        id: b.id,
        year: b.year,
        status: b.status,
        programmeCode: b.programme_code,
        stateGrantReference: b.state_grant_reference,
        stateGrantId: b.state_grant_id,
        allocatedState: b.allocated_state,
        receivedFromState: b.received_from_state,
        paidToProviders: b.paid,
        refundedToState: b.refunded_to_state,
        stateProofStatus: b.state_proof_status,
        stateProofReviewId: b.state_proof_review_id,
        stateProofReviewStatus: b.state_proof_review_status,
      })) ?? null,
  };
}

// ───────────────────────────── Verteilungsschlüssel ─────────────────────────────

export class DistributionWeightDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  districtId!: string;

  @ApiProperty({ example: '1234.5', description: 'Gewicht des Kreises (z. B. Zahl der Geflüchteten); nur das Verhältnis zählt' })
  @IsString()
  @MaxLength(30)
  weight!: string;
}

export class DistributionBodyDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Förderprogramm; Standard: das einzige der Installation' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: '1677000.00', description: 'Jahresmittel des Landes für das Programm' })
  @IsDecimalAmount()
  annualAmount!: string;

  @ApiProperty({ type: [DistributionWeightDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DistributionWeightDto)
  weights!: DistributionWeightDto[];

  @ApiProperty({ description: 'Begründung der Änderung' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @MultiLineText()
  reason!: string;
}

export class DistributionQueryDto extends YearQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;
}

export class DistributionShareDto {
  @ApiProperty({ format: 'uuid' }) districtId!: string;
  @ApiProperty() districtName!: string;
  @ApiProperty() weight!: string;
  @ApiProperty({ description: 'Anteil vor der Rundung (volle Genauigkeit)' }) exact!: string;
  @ApiProperty({ description: 'Anteil in Cent: kaufmännisch gerundet, der Rundungsrest auf dem größten Anteil' }) amount!: string;
  @ApiProperty({ description: 'trägt den Rundungsrest' }) carriesRemainder!: boolean;
}

export class DistributionVersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() annualAmount!: string;
  @ApiProperty({ type: [DistributionWeightDto] }) weights!: DistributionWeightDto[];
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) changedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Jana Land', description: 'Anzeigename der Person, die die Fassung gespeichert hat' }) changedByName!: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export class DistributionDto {
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: DistributionVersionDto, nullable: true }) current!: DistributionVersionDto | null;
  @ApiProperty({ type: [DistributionShareDto] }) shares!: DistributionShareDto[];
  @ApiProperty({ type: [DistributionVersionDto], description: 'alle Fassungen, neueste zuerst' }) history!: DistributionVersionDto[];
}

function toVersionDto(v: StateDistributionVersion, names: Map<string, string>): DistributionVersionDto {
  return {
    id: v.id,
    version: v.version,
    annualAmount: v.annualAmount.toApiString(),
    weights: v.weights,
    reason: v.reason,
    changedBy: v.changedBy,
    changedByName: v.changedBy ? (names.get(v.changedBy) ?? null) : null,
    changedAt: v.changedAt.toISOString(),
  };
}

export function toDistributionDto(v: DistributionView): DistributionDto {
  return {
    programmeId: v.programmeId,
    year: v.year,
    current: v.current ? toVersionDto(v.current, v.changedByNames) : null,
    shares: v.shares.map((s) => ({
      districtId: s.districtId,
      districtName: s.districtName,
      weight: s.weight,
      exact: s.exact.toExactString(),
      amount: s.amount.toApiString(),
      carriesRemainder: s.carriesRemainder,
    })),
    history: v.history.map((h) => toVersionDto(h, v.changedByNames)),
  };
}

// ───────────────────────────── Zuweisungen ─────────────────────────────

export const STATE_GRANT_ACTIONS = ['edit', 'propose', 'return', 'issue', 'createBudgetYear'] as const;

export class StateGrantQueryDto extends YearQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ enum: ['DRAFT', 'PROPOSED', 'ISSUED'] })
  @IsOptional()
  @IsIn(['DRAFT', 'PROPOSED', 'ISSUED'])
  status?: 'DRAFT' | 'PROPOSED' | 'ISSUED';
}

export class UpdateStateGrantDto {
  @ApiPropertyOptional({ example: 'TLVwA 250-4.1-2027/003', description: 'Aktenzeichen des Zuweisungsbescheids' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference?: string;

  @ApiPropertyOptional({ example: MONEY_EXAMPLE, description: 'Höchstbetrag (H_land); Standard: der Anteil nach dem Verteilungsschlüssel' })
  @IsOptional()
  @IsDecimalAmount()
  amount?: string;

  @ApiPropertyOptional({ example: '80', description: 'Fördersatz des Landes in Prozent; Standard: STATE_RATE_PERCENT' })
  @IsOptional()
  @IsString()
  @Matches(PERCENT, { message: 'Bitte einen Prozentsatz zwischen 0 und 100 angeben, z. B. "80".' })
  stateRatePercent?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Beginn des Bewilligungszeitraums; Standard: 1. Januar' })
  @IsOptional()
  @IsIsoDate()
  periodStart?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Ende des Bewilligungszeitraums; Standard: 31. Dezember' })
  @IsOptional()
  @IsIsoDate()
  periodEnd?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Frist des Verwendungsnachweises an das Land; Standard: 30. Juni des Folgejahres' })
  @IsOptional()
  @IsIsoDate()
  proofDue?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultiLineText()
  note?: string | null;
}

export class CreateStateGrantDto extends UpdateStateGrantDto {
  @ApiProperty({ format: 'uuid', description: 'der Kreis' })
  @IsUUID()
  districtId!: string;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Förderprogramm; Standard: das einzige der Installation' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiProperty({ example: 'TLVwA 250-4.1-2027/003', description: 'Aktenzeichen des Zuweisungsbescheids' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  declare reference: string;
}

export class BudgetYearFromGrantDto {
  @ApiProperty({ example: '104812.50', description: 'Eigenanteil des Kreises' })
  @IsDecimalAmount()
  districtShareAmount!: string;

  @ApiProperty({ example: '31.5.01.7180', description: 'Haushaltsstelle des Eigenanteils' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  districtBudgetLine!: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'Ausschlussfrist für Anträge des Jahres' })
  @IsOptional()
  @IsIsoDate()
  applicationDeadline?: string | null;
}

export class StateGrantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) districtId!: string;
  @ApiProperty() districtName!: string;
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty() year!: number;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: ['DRAFT', 'PROPOSED', 'ISSUED'] }) status!: string;
  @ApiProperty({ description: 'Höchstbetrag des Landes (H_land)' }) amount!: string;
  @ApiProperty({ example: '80' }) stateRatePercent!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ format: 'date' }) proofDue!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) proposedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) issuedBy!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) issuedOn!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'das Haushaltsjahr des Kreises, das auf der Zuweisung beruht' }) budgetYearId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: STATE_GRANT_ACTIONS, enumName: 'StateGrantAction', isArray: true, description: 'was der Aufrufer jetzt mit der Zuweisung tun darf' })
  allowedActions!: (StateGrantAction | 'createBudgetYear')[];
}

export function toStateGrantDto(g: StateGrant, allowedActions: (StateGrantAction | 'createBudgetYear')[]): StateGrantDto {
  return {
    id: g.id,
    districtId: g.districtId,
    districtName: g.district?.name ?? '',
    programmeId: g.programmeId,
    year: g.year,
    reference: g.reference,
    status: g.status,
    amount: g.amount.toApiString(),
    stateRatePercent: g.stateRatePercent.toPercentString(),
    periodStart: g.periodStart,
    periodEnd: g.periodEnd,
    proofDue: g.proofDue,
    note: g.note,
    proposedBy: g.proposedBy,
    proposedAt: g.proposedAt?.toISOString() ?? null,
    issuedBy: g.issuedBy,
    issuedOn: g.issuedOn,
    budgetYearId: g.budgetYearId,
    version: g.version,
    allowedActions,
  };
}

// ───────────────────────────── Mittelabrufe (Land) ─────────────────────────────

export const LAND_DRAWDOWN_ACTIONS = ['pay'] as const;

export class LandDrawdownQueryDto extends YearQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ enum: ['REQUESTED', 'RECEIVED'] })
  @IsOptional()
  @IsIn(['REQUESTED', 'RECEIVED'])
  status?: 'REQUESTED' | 'RECEIVED';
}

export class LandDrawdownPaymentDto {
  @ApiProperty({ format: 'date', description: 'Tag der Auszahlung durch das Land' })
  @IsIsoDate()
  paidOn!: string;
}

export class LandDrawdownDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) districtId!: string;
  @ApiProperty() districtName!: string;
  @ApiProperty({ format: 'uuid' }) budgetYearId!: string;
  @ApiProperty() year!: number;
  @ApiProperty() reference!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ format: 'date' }) requestedOn!: string;
  @ApiProperty({ enum: ['REQUESTED', 'RECEIVED'] }) status!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'vom Land ausgezahlt am' }) statePaidOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'beim Kreis eingegangen am' }) receivedOn!: string | null;
  @ApiProperty({ enum: LAND_DRAWDOWN_ACTIONS, enumName: 'LandDrawdownAction', isArray: true }) allowedActions!: LandDrawdownAction[];
}

export function toLandDrawdownDto(d: StateDrawdown, allowedActions: LandDrawdownAction[]): LandDrawdownDto {
  return {
    id: d.id,
    districtId: d.districtId,
    districtName: d.budgetYear?.district?.name ?? '',
    budgetYearId: d.budgetYearId,
    year: d.budgetYear?.year ?? 0,
    reference: d.reference,
    amount: d.amount.toApiString(),
    requestedOn: d.requestedOn,
    status: d.status,
    statePaidOn: d.statePaidOn,
    receivedOn: d.receivedOn,
    allowedActions,
  };
}

// ───────────────────────────── Prüfung des Landes ─────────────────────────────

export const STATE_PROOF_REVIEW_ACTIONS = ['edit', 'propose', 'return', 'settle', 'receiveRefund'] as const;

export class StateProofReviewQueryDto extends YearQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  districtId?: string;
}

export class StartStateProofReviewDto {
  @ApiProperty({ format: 'uuid', description: 'das Haushaltsjahr des Kreises, dessen eingereichter Verwendungsnachweis geprüft wird' })
  @IsUUID()
  budgetYearId!: string;
}

export class UpdateStateProofReviewDto {
  @ApiPropertyOptional({ description: 'A_kreis, wie das Land es anerkennt' })
  @IsOptional()
  @IsDecimalAmount()
  recognisedCosts?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @MultiLineText()
  note?: string | null;
}

export class RefundReceiptDto {
  @ApiProperty({ format: 'date' })
  @IsIsoDate()
  receivedOn!: string;

  @ApiProperty({ description: 'der festgesetzte Erstattungsbetrag' })
  @IsDecimalAmount()
  amount!: string;
}

export class StateProofReviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) stateProofId!: string;
  @ApiProperty({ format: 'uuid' }) districtId!: string;
  @ApiProperty() districtName!: string;
  @ApiProperty({ format: 'uuid' }) budgetYearId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: ['IN_REVIEW', 'PROPOSED', 'SETTLED', 'CLOSED'] }) status!: string;
  @ApiProperty({ description: 'A_kreis (anerkannt)' }) recognisedCosts!: string;
  @ApiProperty({ description: 'H_land' }) stateMaxAmount!: string;
  @ApiProperty({ example: '80' }) stateRatePercent!: string;
  @ApiProperty({ description: 'paid_by_land: erhaltene Mittelabrufe abzüglich Erstattungen' }) paidByState!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Z_land = min(H_land, p_land × A_kreis)' }) finalStateGrant!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Erstattung = paid_by_land − Z_land' }) refundAmount!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposedBy!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) settledBy!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) settledOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) refundReceivedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) refundReceivedAmount!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: STATE_PROOF_REVIEW_ACTIONS, enumName: 'StateProofReviewAction', isArray: true }) allowedActions!: StateProofReviewAction[];
}

export function toStateProofReviewDto(r: StateProofReview, allowedActions: StateProofReviewAction[]): StateProofReviewDto {
  return {
    id: r.id,
    stateProofId: r.stateProofId,
    districtId: r.districtId,
    districtName: r.budgetYear?.district?.name ?? '',
    budgetYearId: r.budgetYearId,
    year: r.budgetYear?.year ?? 0,
    status: r.status,
    recognisedCosts: r.recognisedCosts.toApiString(),
    stateMaxAmount: r.stateMaxAmount.toApiString(),
    stateRatePercent: r.stateRatePercent.toPercentString(),
    paidByState: r.paidByState.toApiString(),
    finalStateGrant: r.finalStateGrant?.toApiString() ?? null,
    refundAmount: r.refundAmount?.toApiString() ?? null,
    note: r.note,
    proposedBy: r.proposedBy,
    settledBy: r.settledBy,
    settledOn: r.settledOn,
    refundReceivedOn: r.refundReceivedOn,
    refundReceivedAmount: r.refundReceivedAmount?.toApiString() ?? null,
    version: r.version,
    allowedActions,
  };
}
