import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DAY_COUNT_CONVENTIONS, DayCountConvention } from '@foerderfluss/core';
import { FINANCING_TYPES, FinancingType } from '@foerderfluss/rules';
import { PARAMETER_DAY_BASES, ParameterDayBasis } from '@foerderfluss/programmes';
import { IsDayMonth, IsDecimalString, IsIsoDate, IsMoneyAmount, IsPercent } from '../common/validators';

/**
 * Calculator requests and responses (issue 4). Amounts and rates are decimal strings
 * ("81000.00", "90" = 90 %), dates YYYY-MM-DD. Parameters missing from a request are the
 * programme's values in force on `parametersOn` (default per calculator, see the controller);
 * `parametersUsed` and `parameterSources` say which values were used and where they came from.
 */

const MAX_LINES = 100;
const MAX_ITEMS = 1000;
const UNIT_BOUNDS = { min: 0, maxDecimals: 4 };
const MONEY = { type: String, example: '81000.00', description: 'Betrag als Dezimal-String, höchstens zwei Nachkommastellen' };
const PERCENT = { type: String, example: '90', description: 'Prozentsatz als Dezimal-String ("90" = 90 %)' };

// ───────────────────────────── shared ─────────────────────────────

/** Which programme's parameters to use, and on which day they must be in force. */
export class ProgrammeParametersSelectionDto {
  @ApiPropertyOptional({ example: 'SOZIALBERATUNG_FLUECHTLINGE', description: 'Förderprogramm; Standard: das einzige angelegte' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9_]{2,60}$/)
  programmeCode?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Stichtag der Programmparameter; Standard je Rechner (siehe Beschreibung)' })
  @IsOptional()
  @IsIsoDate()
  parametersOn?: string;
}

export class RuleFlagDto {
  @ApiProperty({ example: 'OVERRUN_ABOVE_TOLERANCE' }) code!: string;
  @ApiProperty({ description: 'Deutscher Hinweistext' }) message!: string;
}

export class ParameterSourceItemDto {
  @ApiProperty({ example: 'deMinimisAmount', description: 'Feldname in parametersUsed' }) name!: string;
  @ApiProperty({ enum: ['REQUEST', 'PROGRAMME', 'DISTRICT'], description: 'REQUEST: aus der Anfrage; PROGRAMME: Wert des Programms; DISTRICT: eigener Wert des Kreises' })
  source!: 'REQUEST' | 'PROGRAMME' | 'DISTRICT';
  @ApiPropertyOptional({ example: 'DE_MINIMIS_AMOUNT' }) parameterCode?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Gültig ab (Programm- oder Kreiswert)' }) validFrom?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Kreis des eigenen Werts (nur bei DISTRICT)' }) districtId?: string;
}

export class CaseDateDto {
  @ApiProperty({ example: 'periodEnd', description: 'Feld der Anfrage, aus dem der Tag des Falls stammt' }) field!: string;
  @ApiProperty({ format: 'date' }) date!: string;
}

export class ParameterSourcesDto {
  @ApiProperty({ nullable: true, type: String }) programmeCode!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Stichtag der Programmwerte' }) inForceOn!: string | null;
  @ApiProperty({
    enum: PARAMETER_DAY_BASES,
    enumName: 'ParameterDayBasis',
    nullable: true,
    description:
      'Warum dieser Stichtag: PARAMETERS_ON (in der Anfrage genannt), CASE_DATE (Tag des Falls, z. B. Ende des Bewilligungszeitraums, wie bei der Festsetzung), TODAY (die Anfrage nennt keinen); nie vor Programmbeginn',
  })
  inForceOnBasis!: ParameterDayBasis | null;
  @ApiProperty({ type: CaseDateDto, nullable: true, description: 'Der Tag des Falls aus der Anfrage, falls genannt' }) caseDate!: CaseDateDto | null;
  @ApiProperty({ type: [ParameterSourceItemDto] }) items!: ParameterSourceItemDto[];
}

// ───────────────────────────── final grant ─────────────────────────────

export class CategoryAmountDto {
  @ApiProperty({ example: 'PERSONNEL', description: 'Kostenart des Förderprogramms' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  category!: string;

  @ApiProperty(MONEY)
  @IsMoneyAmount()
  amount!: string;
}

export class FinancingFiguresDto {
  @ApiProperty({ type: [CategoryAmountDto] })
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => CategoryAmountDto)
  costLines!: CategoryAmountDto[];

  @ApiPropertyOptional({ ...MONEY, description: 'Eigenmittel; Standard "0.00"' })
  @IsOptional()
  @IsMoneyAmount()
  ownFunds?: string;

  @ApiPropertyOptional({ ...MONEY, description: 'Drittmittel; Standard "0.00"' })
  @IsOptional()
  @IsMoneyAmount()
  thirdPartyFunds?: string;
}

export class FixedAmountDto {
  @ApiProperty(MONEY)
  @IsMoneyAmount()
  amountPerUnit!: string;

  @ApiProperty({ type: String, example: '400' })
  @IsDecimalString(UNIT_BOUNDS)
  plannedUnits!: string;

  @ApiProperty({ type: String, example: '380' })
  @IsDecimalString(UNIT_BOUNDS)
  actualUnits!: string;
}

export class FinalGrantParametersDto {
  @ApiPropertyOptional({ ...PERCENT, example: '20', description: 'Überschreitungstoleranz je Einzelansatz (OVERRUN_TOLERANCE_PERCENT)' })
  @IsOptional()
  @IsPercent()
  overrunTolerancePercent?: string;

  @ApiPropertyOptional({ ...MONEY, example: '500.00', description: 'Bagatellgrenze (DE_MINIMIS_AMOUNT)' })
  @IsOptional()
  @IsMoneyAmount()
  deMinimisAmount?: string;
}

export class FinalGrantRequestDto extends ProgrammeParametersSelectionDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'Ende des Bewilligungszeitraums: die Parameter gelten wie bei der Festsetzung zu diesem Tag; ohne Angabe heute',
  })
  @IsOptional()
  @IsIsoDate()
  periodEnd?: string;

  @ApiProperty({ enum: FINANCING_TYPES })
  @IsIn([...FINANCING_TYPES])
  financingType!: FinancingType;

  @ApiPropertyOptional({ ...PERCENT, description: 'Fördersatz; nur und immer bei SHARE' })
  @IsOptional()
  @IsPercent()
  fundingRatePercent?: string;

  @ApiProperty({ ...MONEY, example: '90000.00', description: 'Höchstbetrag' })
  @IsMoneyAmount()
  maxAmount!: string;

  @ApiProperty({ ...MONEY, example: '90000.00', description: 'Bereits ausgezahlt' })
  @IsMoneyAmount()
  paidAmount!: string;

  @ApiProperty({ type: FinancingFiguresDto, description: 'Finanzierungsplan' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FinancingFiguresDto)
  plan!: FinancingFiguresDto;

  @ApiProperty({ type: FinancingFiguresDto, description: 'Ist-Zahlen des Verwendungsnachweises' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FinancingFiguresDto)
  actual!: FinancingFiguresDto;

  @ApiPropertyOptional({ type: [CategoryAmountDto], description: 'Zustimmungen: angehobene Obergrenze je Kostenart' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => CategoryAmountDto)
  approvedLineCaps?: CategoryAmountDto[];

  @ApiPropertyOptional({ type: FixedAmountDto, description: 'Nur bei FIXED: Betrag je Einheit; ohne Angabe ist der Festbetrag der Höchstbetrag' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FixedAmountDto)
  fixed?: FixedAmountDto;

  @ApiPropertyOptional({ type: FinalGrantParametersDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FinalGrantParametersDto)
  parameters?: FinalGrantParametersDto;
}

export class FinalGrantLineDto {
  @ApiProperty() category!: string;
  @ApiProperty(MONEY) planned!: string;
  @ApiProperty(MONEY) actual!: string;
  @ApiProperty({ type: String, description: 'Obergrenze: Plan × (1 + Toleranz) oder Zustimmung, exakt' }) cap!: string;
  @ApiProperty({ type: String, nullable: true }) approvedCap!: string | null;
  @ApiProperty(MONEY) recognised!: string;
  @ApiProperty({ type: [RuleFlagDto] }) flags!: RuleFlagDto[];
}

export class FinalGrantBreakdownDto {
  @ApiProperty({ type: String, description: 'Σ anerkannt je Zeile vor der Begrenzung auf die Plansumme, exakt' }) lineRecognisedTotal!: string;
  @ApiProperty({ type: String, description: 'Σ Plan − anerkannte Ausgaben' }) costChange!: string;
  @ApiProperty({ type: String, description: '|Ist − Plan| der Deckungsmittel' }) coverageChange!: string;
  @ApiProperty({ type: String, description: 'ΔD: Deckungsmittel über Plan' }) coverageIncrease!: string;
  @ApiProperty({ type: String, description: 'Zuwendung aus den Ist-Zahlen vor den Obergrenzen, exakt' }) grantFromActuals!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Zuwendung aus dem Plan (Bagatellgrenze); null bei FIXED' }) grantFromPlan!: string | null;
  @ApiProperty() deMinimisApplied!: boolean;
}

export class FinalGrantParametersUsedDto {
  @ApiProperty(PERCENT) overrunTolerancePercent!: string;
  @ApiProperty(MONEY) deMinimisAmount!: string;
}

export class FinalGrantResponseDto {
  @ApiProperty({ enum: FINANCING_TYPES }) financingType!: FinancingType;
  @ApiProperty({ type: [FinalGrantLineDto] }) lines!: FinalGrantLineDto[];
  @ApiProperty(MONEY) plannedCosts!: string;
  @ApiProperty({ ...MONEY, description: 'A: anerkannte zuwendungsfähige Ausgaben' }) recognisedCosts!: string;
  @ApiProperty({ ...MONEY, description: 'Z: festzusetzende Zuwendung' }) finalGrant!: string;
  @ApiProperty({ ...MONEY, description: 'R = max(0, ausgezahlt − Z)' }) recovery!: string;
  @ApiProperty({ type: [RuleFlagDto] }) flags!: RuleFlagDto[];
  @ApiProperty({ type: FinalGrantBreakdownDto }) breakdown!: FinalGrantBreakdownDto;
  @ApiProperty({ type: FinalGrantParametersUsedDto }) parametersUsed!: FinalGrantParametersUsedDto;
  @ApiProperty({ type: ParameterSourcesDto }) parameterSources!: ParameterSourcesDto;
}

// ───────────────────────────── interest ─────────────────────────────

export const INTEREST_KINDS = ['RECOVERY', 'LATE_USE'] as const;
export type InterestKind = (typeof INTEREST_KINDS)[number];

export class DatedAmountDto {
  @ApiProperty({ format: 'date' })
  @IsIsoDate()
  date!: string;

  @ApiProperty(MONEY)
  @IsMoneyAmount()
  amount!: string;
}

export class InterestRequestDto extends ProgrammeParametersSelectionDto {
  @ApiProperty({ enum: INTEREST_KINDS, description: 'RECOVERY: § 49a Abs. 3; LATE_USE: § 49a Abs. 4' })
  @IsIn([...INTEREST_KINDS])
  kind!: InterestKind;

  @ApiPropertyOptional({ ...MONEY, description: 'RECOVERY: Rückforderungsbetrag' })
  @IsOptional()
  @IsMoneyAmount()
  principal?: string;

  @ApiPropertyOptional({ format: 'date', description: 'RECOVERY: Ereignis (z. B. Auszahlung); Zinsen ab dem Folgetag' })
  @IsOptional()
  @IsIsoDate()
  startDate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'RECOVERY: Tag der Rückzahlung (einschließlich)' })
  @IsOptional()
  @IsIsoDate()
  endDate?: string;

  @ApiPropertyOptional({ type: [DatedAmountDto], description: 'LATE_USE: Auszahlungen' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => DatedAmountDto)
  disbursements?: DatedAmountDto[];

  @ApiPropertyOptional({ type: [DatedAmountDto], description: 'LATE_USE: Verwendungen (Zahlungen des Trägers)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => DatedAmountDto)
  uses?: DatedAmountDto[];

  @ApiPropertyOptional({ format: 'date', description: 'LATE_USE: Stichtag für bis dahin nicht verwendete Mittel' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: DAY_COUNT_CONVENTIONS })
  @IsOptional()
  @IsIn([...DAY_COUNT_CONVENTIONS])
  dayCount?: DayCountConvention;

  @ApiPropertyOptional({ type: String, example: '5', description: 'Prozentpunkte über dem Basiszinssatz' })
  @IsOptional()
  @IsDecimalString({ min: 0, max: 100, maxDecimals: 6 })
  surchargePercentagePoints?: string;

  @ApiPropertyOptional({ example: 2, description: 'LATE_USE: Verwendungsfrist in Monaten nach Auszahlung' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  horizonMonths?: number;
}

export class InterestSegmentDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ description: 'Tage des Jahres als Nenner (ACT/ACT 365 oder 366, ACT/365 immer 365)' }) yearDays!: number;
  @ApiProperty({ type: String, example: '2.27', description: 'Basiszinssatz in Prozent' }) baseRatePercent!: string;
  @ApiProperty({ type: String, example: '7.27', description: 'Basiszinssatz + Aufschlag in Prozent' }) ratePercent!: string;
  @ApiProperty(MONEY) principal!: string;
  @ApiProperty({ type: String, description: 'Zinsen des Abschnitts, ungerundet' }) amount!: string;
}

export class TrancheAllocationDto {
  @ApiProperty({ enum: ['USE', 'UNUSED_AS_OF'] }) kind!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty(MONEY) amount!: string;
  @ApiProperty() late!: boolean;
  @ApiProperty() days!: number;
  @ApiProperty({ type: String, description: 'ungerundet' }) interest!: string;
}

export class TrancheDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty(MONEY) amount!: string;
  @ApiProperty({ format: 'date', description: 'Letzter Tag einer zeitgerechten Verwendung' }) horizonEnd!: string;
  @ApiProperty(MONEY) usedInTime!: string;
  @ApiProperty(MONEY) usedLate!: string;
  @ApiProperty(MONEY) unused!: string;
  @ApiProperty({ type: String, description: 'ungerundet' }) interest!: string;
  @ApiProperty({ type: [TrancheAllocationDto] }) allocations!: TrancheAllocationDto[];
  @ApiProperty({ type: [InterestSegmentDto] }) segments!: InterestSegmentDto[];
}

export class InterestParametersUsedDto {
  @ApiProperty({ enum: DAY_COUNT_CONVENTIONS }) dayCount!: DayCountConvention;
  @ApiProperty({ type: String, example: '5' }) surchargePercentagePoints!: string;
  @ApiPropertyOptional({ example: 2, description: 'nur LATE_USE' }) horizonMonths?: number;
}

export class InterestResponseDto {
  @ApiProperty({ enum: INTEREST_KINDS }) kind!: InterestKind;
  @ApiProperty({ ...MONEY, description: 'Zinsen, einmal kaufmännisch gerundet' }) interest!: string;
  @ApiProperty({ type: String, description: 'Zinsen ungerundet' }) unroundedInterest!: string;
  @ApiPropertyOptional({ description: 'RECOVERY: Zinstage' }) days?: number;
  @ApiProperty({ type: [InterestSegmentDto] }) segments!: InterestSegmentDto[];
  @ApiPropertyOptional({ type: [TrancheDto], description: 'LATE_USE: je Auszahlung' }) tranches?: TrancheDto[];
  @ApiPropertyOptional({ ...MONEY, description: 'LATE_USE: Verwendungen über die Auszahlungen hinaus' }) usesNotCoveredByDisbursements?: string;
  @ApiProperty({ type: InterestParametersUsedDto }) parametersUsed!: InterestParametersUsedDto;
  @ApiProperty({ type: ParameterSourcesDto }) parameterSources!: ParameterSourcesDto;
}

// ───────────────────────────── payment request limit ─────────────────────────────

export class DatedPaymentDto {
  @ApiProperty({ format: 'date' })
  @IsIsoDate()
  dueDate!: string;

  @ApiProperty(MONEY)
  @IsMoneyAmount()
  amount!: string;
}

export class PaymentRequestLimitRequestDto extends ProgrammeParametersSelectionDto {
  @ApiProperty({ enum: FINANCING_TYPES })
  @IsIn([...FINANCING_TYPES])
  financingType!: FinancingType;

  @ApiPropertyOptional({ ...PERCENT, description: 'SHARE: Fördersatz' })
  @IsOptional()
  @IsPercent()
  fundingRatePercent?: string;

  @ApiPropertyOptional({ ...MONEY, description: 'DEFICIT: geplante Gesamtausgaben' })
  @IsOptional()
  @IsMoneyAmount()
  plannedTotalCosts?: string;

  @ApiPropertyOptional({ ...MONEY, description: 'DEFICIT: bewilligte Zuwendung; Standard: Höchstbetrag' })
  @IsOptional()
  @IsMoneyAmount()
  approvedGrant?: string;

  @ApiProperty(MONEY)
  @IsMoneyAmount()
  requestedAmount!: string;

  @ApiPropertyOptional({ ...MONEY, description: 'Summe der im Abrufzeitraum fälligen Zahlungen (oder duePayments angeben)' })
  @IsOptional()
  @IsMoneyAmount()
  paymentsDueWithinHorizon?: string;

  @ApiPropertyOptional({ type: [DatedPaymentDto], description: 'Statt paymentsDueWithinHorizon: einzelne Zahlungen mit Fälligkeit' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => DatedPaymentDto)
  duePayments?: DatedPaymentDto[];

  @ApiPropertyOptional({ format: 'date', description: 'Mit duePayments: Tag der Auszahlung' })
  @IsOptional()
  @IsIsoDate()
  payoutDate?: string;

  @ApiPropertyOptional({ example: 2, description: 'Mit duePayments: Abrufzeitraum in Monaten' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  horizonMonths?: number;

  @ApiProperty(MONEY)
  @IsMoneyAmount()
  maxAmount!: string;

  @ApiProperty(MONEY)
  @IsMoneyAmount()
  alreadyDisbursed!: string;
}

export class PaymentRequestLimitParametersUsedDto {
  @ApiProperty({ example: 2, description: 'Abrufzeitraum in Monaten nach der Auszahlung' }) horizonMonths!: number;
}

export class PaymentRequestLimitResponseDto {
  @ApiProperty(MONEY) allowedAmount!: string;
  @ApiProperty(MONEY) rejectedAmount!: string;
  @ApiProperty({ type: [RuleFlagDto], description: 'Gründe für Kürzungen, deutsch' }) reasons!: RuleFlagDto[];
  @ApiProperty({ ...PERCENT, description: 'Anteil der Zuwendung an den fälligen Zahlungen' }) sharePercent!: string;
  @ApiProperty(MONEY) paymentsDueWithinHorizon!: string;
  @ApiProperty({ type: String, description: 'Anteil × fällige Zahlungen, exakt' }) need!: string;
  @ApiProperty(MONEY) remainingUntilMaxAmount!: string;
  @ApiProperty({ type: PaymentRequestLimitParametersUsedDto }) parametersUsed!: PaymentRequestLimitParametersUsedDto;
  @ApiProperty({ type: ParameterSourcesDto }) parameterSources!: ParameterSourcesDto;
}

// ───────────────────────────── deadlines ─────────────────────────────

export class DeadlineParametersDto {
  @ApiPropertyOptional({ example: 6 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  finalProofDueMonths?: number;

  @ApiPropertyOptional({ example: '04-30', description: 'MM-TT' })
  @IsOptional()
  @IsDayMonth()
  interimProofDue?: string;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  receiptRetentionYears?: number;
}

export class DeadlinesRequestDto extends ProgrammeParametersSelectionDto {
  @ApiProperty({ format: 'date' })
  @IsIsoDate()
  periodStart!: string;

  @ApiProperty({ format: 'date' })
  @IsIsoDate()
  periodEnd!: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsIsoDate()
  proofSubmittedOn?: string;

  @ApiPropertyOptional({ type: DeadlineParametersDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DeadlineParametersDto)
  parameters?: DeadlineParametersDto;
}

export class InterimProofDueDto {
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date' }) due!: string;
}

export class DeadlinesParametersUsedDto {
  @ApiProperty() finalProofDueMonths!: number;
  @ApiProperty({ example: '04-30' }) interimProofDue!: string;
  @ApiProperty() receiptRetentionYears!: number;
}

export class DeadlinesResponseDto {
  @ApiProperty({ format: 'date' }) finalProofDue!: string;
  @ApiProperty({ type: [InterimProofDueDto] }) interimProofsDue!: InterimProofDueDto[];
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'null, solange proofSubmittedOn fehlt' }) retainReceiptsUntil!: string | null;
  @ApiProperty({ type: DeadlinesParametersUsedDto }) parametersUsed!: DeadlinesParametersUsedDto;
  @ApiProperty({ type: ParameterSourcesDto }) parameterSources!: ParameterSourcesDto;
}

// ───────────────────────────── personnel eligibility ─────────────────────────────

export class PersonnelEligibilityPositionDto {
  @ApiProperty({ example: 'Sozialberatung, E 9b' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label!: string;

  @ApiProperty({ ...MONEY, example: '4800.00', description: 'Arbeitgeberbrutto je Monat' })
  @IsMoneyAmount()
  monthlyEmployerGross!: string;

  @ApiProperty({ ...MONEY, example: '4500.00', description: 'TV-L-Vergleichsbetrag je Monat' })
  @IsMoneyAmount()
  comparisonAmount!: string;

  @ApiProperty({ type: String, example: '0.75', description: 'VZÄ' })
  @IsDecimalString(UNIT_BOUNDS)
  fte!: string;

  @ApiProperty({ type: String, example: '12' })
  @IsDecimalString({ min: 0, maxDecimals: 2 })
  months!: string;
}

export class PersonnelEligibilityRequestDto {
  @ApiProperty({ type: [PersonnelEligibilityPositionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => PersonnelEligibilityPositionDto)
  positions!: PersonnelEligibilityPositionDto[];
}

export class PersonnelPositionResultDto {
  @ApiProperty() label!: string;
  @ApiProperty(MONEY) actualCost!: string;
  @ApiProperty(MONEY) eligible!: string;
  @ApiProperty(MONEY) disallowed!: string;
}

export class PersonnelTotalsDto {
  @ApiProperty(MONEY) actualCost!: string;
  @ApiProperty(MONEY) eligible!: string;
  @ApiProperty(MONEY) disallowed!: string;
}

export class PersonnelEligibilityResponseDto {
  @ApiProperty({ type: [PersonnelPositionResultDto] }) positions!: PersonnelPositionResultDto[];
  @ApiProperty({ type: PersonnelTotalsDto }) totals!: PersonnelTotalsDto;
  @ApiProperty({ type: 'object', properties: {}, additionalProperties: false, description: 'Keine Programmparameter beteiligt (immer leer)' }) parametersUsed!: Record<string, never>;
}

// ───────────────────────────── eligibility start ─────────────────────────────

export class EligibilityStartRequestDto {
  @ApiProperty({ format: 'date' })
  @IsIsoDate()
  periodStart!: string;

  @ApiProperty({ format: 'date' })
  @IsIsoDate()
  decisionDate!: string;

  @ApiPropertyOptional({ format: 'date', description: 'Zustimmung zum vorzeitigen Maßnahmebeginn' })
  @IsOptional()
  @IsIsoDate()
  earlyStartConsentDate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Tatsächlicher Beginn des Vorhabens' })
  @IsOptional()
  @IsIsoDate()
  projectBegunOn?: string;
}

export class EligibilityStartResponseDto {
  @ApiProperty({ format: 'date' }) eligibleFrom!: string;
  @ApiProperty() approvalBlocked!: boolean;
  @ApiProperty({ type: [RuleFlagDto] }) flags!: RuleFlagDto[];
  @ApiProperty({ type: 'object', properties: {}, additionalProperties: false, description: 'Keine Programmparameter beteiligt (immer leer)' }) parametersUsed!: Record<string, never>;
}

// ───────────────────────────── state settlement ─────────────────────────────

export class StateSettlementRequestDto extends ProgrammeParametersSelectionDto {
  @ApiPropertyOptional({ format: 'date', description: 'Ende des abgerechneten Zeitraums (Haushaltsjahr): Stichtag der Parameter; ohne Angabe heute' })
  @IsOptional()
  @IsIsoDate()
  periodEnd?: string;

  @ApiPropertyOptional({ ...PERCENT, example: '80', description: 'Fördersatz des Landes; Standard: STATE_RATE_PERCENT' })
  @IsOptional()
  @IsPercent()
  stateRatePercent?: string;

  @ApiProperty(MONEY)
  @IsMoneyAmount()
  stateMaxAmount!: string;

  @ApiProperty(MONEY)
  @IsMoneyAmount()
  stateDisbursed!: string;

  @ApiProperty(MONEY)
  @IsMoneyAmount()
  districtRecognisedCosts!: string;

  @ApiPropertyOptional(MONEY)
  @IsOptional()
  @IsMoneyAmount()
  recoveredFromProviders?: string;

  @ApiPropertyOptional({ ...PERCENT, description: 'Landesanteil an Rückflüssen; Standard: Fördersatz des Landes' })
  @IsOptional()
  @IsPercent()
  recoveryStateSharePercent?: string;
}

export class RecoverySplitDto {
  @ApiProperty(MONEY) state!: string;
  @ApiProperty(MONEY) district!: string;
}

export class StateSettlementParametersUsedDto {
  @ApiProperty(PERCENT) stateRatePercent!: string;
}

export class StateSettlementResponseDto {
  @ApiProperty(MONEY) stateFinalGrant!: string;
  @ApiProperty(MONEY) refundToState!: string;
  @ApiProperty(MONEY) districtShare!: string;
  @ApiProperty({ type: RecoverySplitDto }) recoverySplit!: RecoverySplitDto;
  @ApiProperty({ type: StateSettlementParametersUsedDto }) parametersUsed!: StateSettlementParametersUsedDto;
  @ApiProperty({ type: ParameterSourcesDto }) parameterSources!: ParameterSourcesDto;
}
