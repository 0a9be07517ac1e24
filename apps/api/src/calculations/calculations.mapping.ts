import {
  CalendarDate,
  DayCountConvention,
  Dec,
  dayCountDenominator,
  dec,
  FieldError,
  Money,
  percent,
  Rate,
  validationError,
} from '@foerderfluss/core';
import type { CostCategoryReference, ParametersForCase, ProgrammeParameterField, ProgrammeParameterValues } from '@foerderfluss/programmes';
import type {
  DeadlinesResult,
  EligibilityStartResult,
  FinalGrantInput,
  FinalGrantParameters,
  FinalGrantResult,
  FinancingFigures,
  InterestResult,
  InterestSegment,
  LateUseInterestResult,
  PaymentRequestLimitResult,
  PersonnelEligibilityResult,
  ProgrammeParameters,
  RuleFlag,
  StateSettlementResult,
} from '@foerderfluss/rules';
import type {
  DeadlinesResponseDto,
  EligibilityStartResponseDto,
  FinalGrantRequestDto,
  FinalGrantResponseDto,
  FinancingFiguresDto,
  InterestRequestDto,
  InterestResponseDto,
  InterestSegmentDto,
  ParameterSourceItemDto,
  ParameterSourcesDto,
  PaymentRequestLimitRequestDto,
  PaymentRequestLimitResponseDto,
  PersonnelEligibilityResponseDto,
  StateSettlementResponseDto,
} from './calculations.dto';

/**
 * DTO ↔ rules: parse the validated strings into core value types, and print results back as
 * strings. Final figures are rounded half-up to the cent ("81000.00"); intermediate figures
 * (caps, segment amounts, breakdown) are exact so a person can recompute them by hand.
 */

// The typed parameters of programmes and the inputs of rules are the same shape; the compiler
// checks that here, once, instead of at every call site.
const sameParameterShape = (p: ProgrammeParameterValues): ProgrammeParameters => p;
void sameParameterShape;

export const money = (m: Money): string => m.toApiString();
export const exact = (m: Money): string => m.toExactString();
export const percentText = (r: Rate): string => r.toPercentString();
/** Plain decimal text; Dec never uses exponent notation (core's configuration). */
export const decimalString = (d: Dec): string => d.toString();
export const optionalMoney = (s: string | undefined): Money | undefined => (s === undefined ? undefined : Money.of(s));
export const optionalRate = (s: string | undefined): Rate | undefined => (s === undefined ? undefined : percent(s));
export const optionalDate = (s: string | undefined): CalendarDate | undefined => (s === undefined ? undefined : CalendarDate.parse(s));
const flags = (list: RuleFlag[]): RuleFlag[] => list.map(({ code, message }) => ({ code, message }));

export function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw validationError(errors);
}

const REQUIRED = 'Dieses Feld ist erforderlich.';

// ───────────────────────────── parameters ─────────────────────────────

/**
 * Takes each parameter from the request when given, else from the values in force (the Kreis's own or the programme's),
 * and records which it was, for `parametersUsed` / `parameterSources`.
 */
export class ParameterPicker {
  private readonly items: ParameterSourceItemDto[] = [];

  constructor(
    private readonly inForce: ParametersForCase | null,
    private readonly programmeCode: string | null = inForce?.programme.code ?? null,
  ) {}

  pick<F extends ProgrammeParameterField>(name: string, field: F, given: ProgrammeParameterValues[F] | undefined): ProgrammeParameterValues[F] {
    if (given !== undefined) {
      this.items.push({ name, source: 'REQUEST' });
      return given;
    }
    if (!this.inForce) throw new Error(`Programme parameters were not loaded although ${name} is missing from the request`);
    const source = this.inForce.sources[field];
    this.items.push(
      source.districtId
        ? { name, source: 'DISTRICT', parameterCode: source.code, validFrom: source.validFrom, districtId: source.districtId }
        : { name, source: 'PROGRAMME', parameterCode: source.code, validFrom: source.validFrom },
    );
    return this.inForce.values[field];
  }

  sources(): ParameterSourcesDto {
    return {
      programmeCode: this.programmeCode,
      inForceOn: this.inForce ? this.inForce.onDate.toISOString() : null,
      inForceOnBasis: this.inForce ? this.inForce.basis : null,
      caseDate: this.inForce?.caseDate ? { field: this.inForce.caseDate.field, date: this.inForce.caseDate.on.toISOString() } : null,
      items: [...this.items],
    };
  }
}

export function dayMonthText(d: { day: number; month: number }): string {
  return `${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

// ───────────────────────────── final grant ─────────────────────────────

function figures(dto: FinancingFiguresDto): FinancingFigures {
  return {
    costLines: dto.costLines.map((l) => ({ category: l.category, amount: Money.of(l.amount) })),
    ownFunds: Money.of(dto.ownFunds ?? '0'),
    thirdPartyFunds: Money.of(dto.thirdPartyFunds ?? '0'),
  };
}

/** Every Kostenart the request names, with the path to report it under. */
export function costCategoryReferences(dto: FinalGrantRequestDto): CostCategoryReference[] {
  return [
    ...dto.plan.costLines.map((l, i) => ({ path: `plan.costLines[${i}].category`, code: l.category })),
    ...dto.actual.costLines.map((l, i) => ({ path: `actual.costLines[${i}].category`, code: l.category })),
    ...(dto.approvedLineCaps ?? []).map((l, i) => ({ path: `approvedLineCaps[${i}].category`, code: l.category })),
  ];
}

export function toFinalGrantInput(dto: FinalGrantRequestDto, parameters: FinalGrantParameters): FinalGrantInput {
  return {
    financingType: dto.financingType,
    fundingRate: optionalRate(dto.fundingRatePercent),
    maxAmount: Money.of(dto.maxAmount),
    paidAmount: Money.of(dto.paidAmount),
    plan: figures(dto.plan),
    actual: figures(dto.actual),
    approvedLineCaps: dto.approvedLineCaps?.map((l) => ({ category: l.category, amount: Money.of(l.amount) })),
    fixed: dto.fixed && {
      amountPerUnit: Money.of(dto.fixed.amountPerUnit),
      plannedUnits: dec(dto.fixed.plannedUnits),
      actualUnits: dec(dto.fixed.actualUnits),
    },
    parameters,
  };
}

export function toFinalGrantResponse(dto: FinalGrantRequestDto, r: FinalGrantResult, sources: ParameterSourcesDto): FinalGrantResponseDto {
  return {
    financingType: dto.financingType,
    lines: r.lines.map((l) => ({
      category: l.category,
      planned: money(l.planned),
      actual: money(l.actual),
      cap: exact(l.cap),
      approvedCap: l.approvedCap ? money(l.approvedCap) : null,
      recognised: money(l.recognised),
      flags: flags(l.flags),
    })),
    plannedCosts: money(r.plannedCosts),
    recognisedCosts: money(r.recognisedCosts),
    finalGrant: money(r.finalGrant),
    recovery: money(r.recovery),
    flags: flags(r.flags),
    breakdown: {
      lineRecognisedTotal: exact(r.breakdown.lineRecognisedTotal),
      costChange: exact(r.breakdown.costChange),
      coverageChange: exact(r.breakdown.coverageChange),
      coverageIncrease: exact(r.breakdown.coverageIncrease),
      grantFromActuals: exact(r.breakdown.grantFromActuals),
      grantFromPlan: r.breakdown.grantFromPlan ? exact(r.breakdown.grantFromPlan) : null,
      deMinimisApplied: r.breakdown.deMinimisApplied,
    },
    parametersUsed: {
      overrunTolerancePercent: percentText(r.parametersUsed.overrunTolerance),
      deMinimisAmount: money(r.parametersUsed.deMinimisAmount),
    },
    parameterSources: sources,
  };
}

// ───────────────────────────── interest ─────────────────────────────

/** Fields a kind needs that class-validator cannot require (they depend on `kind`). */
export function checkInterestRequest(dto: InterestRequestDto): FieldError[] {
  const errors: FieldError[] = [];
  if (dto.kind === 'RECOVERY') {
    for (const field of ['principal', 'startDate', 'endDate'] as const) {
      if (dto[field] === undefined) errors.push({ path: field, message: `${REQUIRED} (bei kind RECOVERY)` });
    }
  } else if (dto.disbursements === undefined) {
    errors.push({ path: 'disbursements', message: `${REQUIRED} (bei kind LATE_USE)` });
  }
  return errors;
}

/** Default parameter day: the repayment day (RECOVERY); the last day the request mentions (LATE_USE). */
export function interestDefaultDate(dto: InterestRequestDto): CalendarDate {
  if (dto.kind === 'RECOVERY') return CalendarDate.parse(dto.endDate);
  const dates = [...(dto.disbursements ?? []), ...(dto.uses ?? [])].map((d) => CalendarDate.parse(d.date));
  if (dto.asOf) dates.push(CalendarDate.parse(dto.asOf));
  return CalendarDate.max(dates[0]!, ...dates.slice(1));
}

function segmentDto(s: InterestSegment, surcharge: Dec, dayCount: DayCountConvention): InterestSegmentDto {
  return {
    from: s.from.toISOString(),
    to: s.to.toISOString(),
    days: s.days,
    yearDays: dayCountDenominator(s.from.year, dayCount),
    baseRatePercent: decimalString(s.ratePercent.minus(surcharge)),
    ratePercent: decimalString(s.ratePercent),
    principal: money(s.principal),
    amount: exact(s.amount),
  };
}

export function toRecoveryInterestResponse(r: InterestResult, sources: ParameterSourcesDto): InterestResponseDto {
  const { dayCount, surchargePercentagePoints } = r.parametersUsed;
  return {
    kind: 'RECOVERY',
    interest: money(r.interest),
    unroundedInterest: exact(r.unroundedInterest),
    days: r.days,
    segments: r.segments.map((s) => segmentDto(s, surchargePercentagePoints, dayCount)),
    parametersUsed: { dayCount, surchargePercentagePoints: decimalString(surchargePercentagePoints) },
    parameterSources: sources,
  };
}

export function toLateUseInterestResponse(r: LateUseInterestResult, sources: ParameterSourcesDto): InterestResponseDto {
  const { dayCount, surchargePercentagePoints, horizonMonths } = r.parametersUsed;
  const segment = (s: InterestSegment): InterestSegmentDto => segmentDto(s, surchargePercentagePoints, dayCount);
  return {
    kind: 'LATE_USE',
    interest: money(r.interest),
    unroundedInterest: exact(r.unroundedInterest),
    segments: r.segments.map(segment),
    tranches: r.tranches.map((t) => ({
      date: t.date.toISOString(),
      amount: money(t.amount),
      horizonEnd: t.horizonEnd.toISOString(),
      usedInTime: money(t.usedInTime),
      usedLate: money(t.usedLate),
      unused: money(t.unused),
      interest: exact(t.interest),
      allocations: t.allocations.map((a) => ({
        kind: a.kind,
        date: a.date.toISOString(),
        amount: money(a.amount),
        late: a.late,
        days: a.days,
        interest: exact(a.interest),
      })),
      segments: t.segments.map(segment),
    })),
    usesNotCoveredByDisbursements: money(r.usesNotCoveredByDisbursements),
    parametersUsed: { dayCount, surchargePercentagePoints: decimalString(surchargePercentagePoints), horizonMonths },
    parameterSources: sources,
  };
}

// ───────────────────────────── payment request limit ─────────────────────────────

/** Either the pre-summed payments due or the single payments with their payout day. */
export function checkPaymentRequest(dto: PaymentRequestLimitRequestDto): FieldError[] {
  const errors: FieldError[] = [];
  if (dto.paymentsDueWithinHorizon === undefined && dto.duePayments === undefined) {
    errors.push({ path: 'paymentsDueWithinHorizon', message: `${REQUIRED} (oder duePayments mit payoutDate angeben)` });
  }
  if (dto.paymentsDueWithinHorizon !== undefined && dto.duePayments !== undefined) {
    errors.push({ path: 'duePayments', message: 'Bitte entweder paymentsDueWithinHorizon oder duePayments angeben, nicht beides.' });
  }
  if (dto.duePayments !== undefined && dto.payoutDate === undefined) {
    errors.push({ path: 'payoutDate', message: `${REQUIRED} (zusammen mit duePayments)` });
  }
  return errors;
}

export function toPaymentRequestLimitResponse(
  r: PaymentRequestLimitResult,
  paymentsDue: Money,
  horizonMonths: number,
  sources: ParameterSourcesDto,
): PaymentRequestLimitResponseDto {
  return {
    allowedAmount: money(r.allowedAmount),
    rejectedAmount: money(r.rejectedAmount),
    reasons: flags(r.reasons),
    sharePercent: percentText(r.share),
    paymentsDueWithinHorizon: money(paymentsDue),
    need: exact(r.need),
    remainingUntilMaxAmount: money(r.remainingUntilMaxAmount),
    parametersUsed: { horizonMonths },
    parameterSources: sources,
  };
}

// ───────────────────────────── the rest ─────────────────────────────

export function toDeadlinesResponse(
  r: DeadlinesResult,
  used: { finalProofDueMonths: number; interimProofDue: { day: number; month: number }; receiptRetentionYears: number },
  sources: ParameterSourcesDto,
): DeadlinesResponseDto {
  return {
    finalProofDue: r.finalProofDue.toISOString(),
    interimProofsDue: r.interimProofsDue.map((x) => ({ year: x.year, due: x.due.toISOString() })),
    retainReceiptsUntil: r.retainReceiptsUntil?.toISOString() ?? null,
    parametersUsed: {
      finalProofDueMonths: used.finalProofDueMonths,
      interimProofDue: dayMonthText(used.interimProofDue),
      receiptRetentionYears: used.receiptRetentionYears,
    },
    parameterSources: sources,
  };
}

export function toPersonnelEligibilityResponse(r: PersonnelEligibilityResult): PersonnelEligibilityResponseDto {
  return {
    positions: r.positions.map((p) => ({
      label: p.label,
      actualCost: money(p.actualCost),
      eligible: money(p.eligible),
      disallowed: money(p.disallowed),
    })),
    totals: { actualCost: money(r.totals.actualCost), eligible: money(r.totals.eligible), disallowed: money(r.totals.disallowed) },
    parametersUsed: {},
  };
}

export function toEligibilityStartResponse(r: EligibilityStartResult): EligibilityStartResponseDto {
  return { eligibleFrom: r.eligibleFrom.toISOString(), approvalBlocked: r.approvalBlocked, flags: flags(r.flags), parametersUsed: {} };
}

export function toStateSettlementResponse(r: StateSettlementResult, stateRate: Rate, sources: ParameterSourcesDto): StateSettlementResponseDto {
  return {
    stateFinalGrant: money(r.stateFinalGrant),
    refundToState: money(r.refundToState),
    districtShare: money(r.districtShare),
    recoverySplit: { state: money(r.recoverySplit.state), district: money(r.recoverySplit.district) },
    parametersUsed: { stateRatePercent: percentText(stateRate) },
    parameterSources: sources,
  };
}
