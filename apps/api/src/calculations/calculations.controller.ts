import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CalendarDate, Money, Role, dec } from '@foerderfluss/core';
import {
  BaseRatesService,
  BaseRateTableEntry,
  CaseDate,
  ParametersService,
  parseParameterValue,
  Programme,
  ProgrammesService,
} from '@foerderfluss/programmes';
import {
  BaseRateTable,
  calculateDeadlines,
  calculateFinalGrant,
  calculateLateUseInterest,
  calculatePaymentRequestLimit,
  calculatePersonnelEligibility,
  calculateRecoveryInterest,
  calculateStateSettlement,
  determineEligibilityStart,
  sumPaymentsDueWithinHorizon,
} from '@foerderfluss/rules';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import {
  DeadlinesRequestDto,
  DeadlinesResponseDto,
  EligibilityStartRequestDto,
  EligibilityStartResponseDto,
  FinalGrantRequestDto,
  FinalGrantResponseDto,
  InterestRequestDto,
  InterestResponseDto,
  PaymentRequestLimitRequestDto,
  PaymentRequestLimitResponseDto,
  PersonnelEligibilityRequestDto,
  PersonnelEligibilityResponseDto,
  ProgrammeParametersSelectionDto,
  StateSettlementRequestDto,
  StateSettlementResponseDto,
} from './calculations.dto';
import {
  checkInterestRequest,
  checkPaymentRequest,
  costCategoryReferences,
  interestDefaultDate,
  optionalDate,
  optionalMoney,
  optionalRate,
  ParameterPicker,
  throwIfAny,
  toDeadlinesResponse,
  toEligibilityStartResponse,
  toFinalGrantInput,
  toFinalGrantResponse,
  toLateUseInterestResponse,
  toPaymentRequestLimitResponse,
  toPersonnelEligibilityResponse,
  toRecoveryInterestResponse,
  toStateSettlementResponse,
} from './calculations.mapping';

const DISTRICT = [Role.STAFF, Role.APPROVER, Role.AUDITOR, Role.ADMIN];
const DISTRICT_AND_PROVIDERS = [...DISTRICT, Role.PROVIDER];

/**
 * What-if calculators over the rules of libs/rules. Read-only: nothing is stored, so there is no
 * audit event. Each maps the request to a rule, takes missing parameters from the programme's
 * values in force and answers 200 with the result, its breakdown and the parameters used.
 *
 * Which day's parameters apply is the lib's rule (`ParametersService.forCalculation` /
 * `parameterDay`): `parametersOn` if given, else the day the case concerns, else today; never
 * before the programme's start. The day each case concerns:
 *   final-grant            periodEnd (as the Festsetzung: in force at the end of the Bewilligungszeitraum)
 *   interest               RECOVERY: endDate; LATE_USE: the latest of disbursements, uses, asOf
 *   payment-request-limit  payoutDate
 *   deadlines              periodEnd
 *   state-settlement       periodEnd
 *   personnel-eligibility, eligibility-start: no parameters involved
 * `parameterSources` says which day was taken (`inForceOn`) and why (`inForceOnBasis`, `caseDate`).
 */
@ApiTags('calculations')
@ApiBearerAuth()
@Controller('calculations')
export class CalculationsController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly parameters: ParametersService,
    private readonly baseRates: BaseRatesService,
  ) {}

  @Post('final-grant')
  @HttpCode(200)
  @Roles(...DISTRICT)
  @ApiOperation({ summary: 'Festsetzung: Zuwendung nach Verwendungsnachweis (DOMAIN §3, §4); Parameter-Stichtag: periodEnd, sonst heute' })
  @ApiOkResponse({ type: FinalGrantResponseDto })
  async finalGrant(@CurrentUser() user: AuthenticatedUser, @Body() body: FinalGrantRequestDto): Promise<FinalGrantResponseDto> {
    // The programme is needed in any case: it says which Finanzierungsarten and Kostenarten apply.
    const programme = await this.programmes.resolve(body.programmeCode);
    this.programmes.checkFinancingType(programme, body.financingType);
    await this.programmes.checkCostCategories(programme, costCategoryReferences(body));
    const given = {
      overrunTolerance: optionalRate(body.parameters?.overrunTolerancePercent),
      deMinimisAmount: optionalMoney(body.parameters?.deMinimisAmount),
    };
    const picker = await this.picker(user, body, programme, caseDate('periodEnd', body.periodEnd), Object.values(given));
    const parameters = {
      overrunTolerance: picker.pick('overrunTolerancePercent', 'overrunTolerance', given.overrunTolerance),
      deMinimisAmount: picker.pick('deMinimisAmount', 'deMinimisAmount', given.deMinimisAmount),
    };
    return toFinalGrantResponse(body, calculateFinalGrant(toFinalGrantInput(body, parameters)), picker.sources());
  }

  @Post('interest')
  @HttpCode(200)
  @Roles(...DISTRICT_AND_PROVIDERS)
  @ApiOperation({
    summary: 'Zinsen nach § 49a Abs. 3 (RECOVERY) oder Abs. 4 (LATE_USE); Parameter-Stichtag: endDate bzw. letztes Datum der Anfrage',
  })
  @ApiOkResponse({ type: InterestResponseDto })
  async interest(@CurrentUser() user: AuthenticatedUser, @Body() body: InterestRequestDto): Promise<InterestResponseDto> {
    throwIfAny(checkInterestRequest(body));
    const table = await this.baseRates.table();
    if (body.kind === 'RECOVERY') this.requireBaseRates(table, body);
    const given = {
      dayCount: body.dayCount,
      surcharge: body.surchargePercentagePoints === undefined ? undefined : dec(body.surchargePercentagePoints),
      horizonMonths: body.horizonMonths,
    };
    const needed = body.kind === 'RECOVERY' ? [given.dayCount, given.surcharge] : Object.values(given);
    const picker = await this.picker(user, body, null, { field: body.kind === 'RECOVERY' ? 'endDate' : 'disbursements, uses, asOf', on: interestDefaultDate(body) }, needed);
    const rates = {
      baseRates: table,
      dayCount: picker.pick('dayCount', 'dayCount', given.dayCount),
      surchargePercentagePoints: picker.pick('surchargePercentagePoints', 'interestSurchargePercentagePoints', given.surcharge),
    };
    if (body.kind === 'RECOVERY') {
      const result = calculateRecoveryInterest({
        ...rates,
        principal: Money.of(body.principal as string),
        startDate: CalendarDate.parse(body.startDate),
        endDate: CalendarDate.parse(body.endDate),
      });
      return toRecoveryInterestResponse(result, picker.sources());
    }
    const result = calculateLateUseInterest({
      ...rates,
      horizonMonths: picker.pick('horizonMonths', 'paymentRequestHorizonMonths', given.horizonMonths),
      disbursements: (body.disbursements ?? []).map((d) => ({ date: CalendarDate.parse(d.date), amount: Money.of(d.amount) })),
      uses: (body.uses ?? []).map((u) => ({ date: CalendarDate.parse(u.date), amount: Money.of(u.amount) })),
      asOf: optionalDate(body.asOf),
    });
    return toLateUseInterestResponse(result, picker.sources());
  }

  @Post('payment-request-limit')
  @HttpCode(200)
  @Roles(...DISTRICT_AND_PROVIDERS)
  @ApiOperation({ summary: 'Mittelabruf: abrufbarer Betrag (DOMAIN §2 Nr. 5); Parameter-Stichtag: payoutDate, sonst heute' })
  @ApiOkResponse({ type: PaymentRequestLimitResponseDto })
  async paymentRequestLimit(@CurrentUser() user: AuthenticatedUser, @Body() body: PaymentRequestLimitRequestDto): Promise<PaymentRequestLimitResponseDto> {
    throwIfAny(checkPaymentRequest(body));
    const payoutDate = optionalDate(body.payoutDate);
    // The horizon is reported even with pre-summed payments: it defines which payments count.
    const picker = await this.picker(user, body, null, caseDate('payoutDate', body.payoutDate), [body.horizonMonths]);
    const horizonMonths = picker.pick('horizonMonths', 'paymentRequestHorizonMonths', body.horizonMonths);
    const paymentsDue = body.duePayments
      ? sumPaymentsDueWithinHorizon(
          body.duePayments.map((p) => ({ dueDate: CalendarDate.parse(p.dueDate), amount: Money.of(p.amount) })),
          payoutDate as CalendarDate,
          horizonMonths,
        )
      : Money.of(body.paymentsDueWithinHorizon as string);
    const result = calculatePaymentRequestLimit({
      financingType: body.financingType,
      fundingRate: optionalRate(body.fundingRatePercent),
      plannedTotalCosts: optionalMoney(body.plannedTotalCosts),
      approvedGrant: optionalMoney(body.approvedGrant),
      requestedAmount: Money.of(body.requestedAmount),
      paymentsDueWithinHorizon: paymentsDue,
      maxAmount: Money.of(body.maxAmount),
      alreadyDisbursed: Money.of(body.alreadyDisbursed),
    });
    return toPaymentRequestLimitResponse(result, paymentsDue, horizonMonths, picker.sources());
  }

  @Post('deadlines')
  @HttpCode(200)
  @Roles(...DISTRICT)
  @ApiOperation({ summary: 'Fristen: Verwendungsnachweis, Zwischennachweise, Aufbewahrung; Parameter-Stichtag: periodEnd' })
  @ApiOkResponse({ type: DeadlinesResponseDto })
  async deadlines(@CurrentUser() user: AuthenticatedUser, @Body() body: DeadlinesRequestDto): Promise<DeadlinesResponseDto> {
    const periodEnd = CalendarDate.parse(body.periodEnd, 'periodEnd');
    const interim = body.parameters?.interimProofDue;
    const given = {
      finalProofDueMonths: body.parameters?.finalProofDueMonths,
      interimProofDue: interim === undefined ? undefined : dayMonth(interim),
      receiptRetentionYears: body.parameters?.receiptRetentionYears,
    };
    const picker = await this.picker(user, body, null, { field: 'periodEnd', on: periodEnd }, Object.values(given));
    const used = {
      finalProofDueMonths: picker.pick('finalProofDueMonths', 'finalProofDueMonths', given.finalProofDueMonths),
      interimProofDue: picker.pick('interimProofDue', 'interimProofDue', given.interimProofDue),
      receiptRetentionYears: picker.pick('receiptRetentionYears', 'receiptRetentionYears', given.receiptRetentionYears),
    };
    const result = calculateDeadlines({
      ...used,
      periodStart: CalendarDate.parse(body.periodStart, 'periodStart'),
      periodEnd,
      proofSubmittedOn: optionalDate(body.proofSubmittedOn),
    });
    return toDeadlinesResponse(result, used, picker.sources());
  }

  @Post('personnel-eligibility')
  @HttpCode(200)
  @Roles(...DISTRICT)
  @ApiOperation({ summary: 'Besserstellungsverbot je Stelle (ANBest-P Nr. 1.3); ohne Programmparameter' })
  @ApiOkResponse({ type: PersonnelEligibilityResponseDto })
  personnelEligibility(@Body() body: PersonnelEligibilityRequestDto): PersonnelEligibilityResponseDto {
    const result = calculatePersonnelEligibility({
      positions: body.positions.map((p) => ({
        label: p.label,
        monthlyEmployerGross: Money.of(p.monthlyEmployerGross),
        comparisonAmount: Money.of(p.comparisonAmount),
        fte: dec(p.fte),
        months: dec(p.months),
      })),
    });
    return toPersonnelEligibilityResponse(result);
  }

  @Post('eligibility-start')
  @HttpCode(200)
  @Roles(...DISTRICT)
  @ApiOperation({ summary: 'Vorzeitiger Maßnahmebeginn: förderfähig ab, Bewilligungssperre; ohne Programmparameter' })
  @ApiOkResponse({ type: EligibilityStartResponseDto })
  eligibilityStart(@Body() body: EligibilityStartRequestDto): EligibilityStartResponseDto {
    const result = determineEligibilityStart({
      periodStart: CalendarDate.parse(body.periodStart, 'periodStart'),
      decisionDate: CalendarDate.parse(body.decisionDate, 'decisionDate'),
      earlyStartConsentDate: optionalDate(body.earlyStartConsentDate),
      projectBegunOn: optionalDate(body.projectBegunOn),
    });
    return toEligibilityStartResponse(result);
  }

  @Post('state-settlement')
  @HttpCode(200)
  @Roles(...DISTRICT)
  @ApiOperation({ summary: 'Abrechnung des Kreises mit dem Land (DOMAIN §6); Parameter-Stichtag: periodEnd, sonst heute' })
  @ApiOkResponse({ type: StateSettlementResponseDto })
  async stateSettlement(@CurrentUser() user: AuthenticatedUser, @Body() body: StateSettlementRequestDto): Promise<StateSettlementResponseDto> {
    const givenRate = optionalRate(body.stateRatePercent);
    const picker = await this.picker(user, body, null, caseDate('periodEnd', body.periodEnd), [givenRate]);
    const stateRate = picker.pick('stateRatePercent', 'stateFundingRate', givenRate);
    const result = calculateStateSettlement({
      stateRate,
      stateMaxAmount: Money.of(body.stateMaxAmount),
      stateDisbursed: Money.of(body.stateDisbursed),
      districtRecognisedCosts: Money.of(body.districtRecognisedCosts),
      recoveredFromProviders: optionalMoney(body.recoveredFromProviders),
      recoveryStateShare: optionalRate(body.recoveryStateSharePercent),
    });
    return toStateSettlementResponse(result, stateRate, picker.sources());
  }

  /** The programme's parameters for this case, chosen by the lib's rule, wrapped to record each value's source. */
  private async picker(
    user: AuthenticatedUser,
    body: ProgrammeParametersSelectionDto,
    known: Programme | null,
    caseDate: CaseDate | null,
    given: unknown[],
  ): Promise<ParameterPicker> {
    const { programme, inForce } = await this.parameters.forCalculation({
      // A Kreis's staff calculate with their Kreis's own values (Bagatellgrenze, …); everyone else with the programme's.
      districtId: user.districtId ?? null,
      programmeCode: body.programmeCode,
      programme: known,
      parametersOn: body.parametersOn,
      caseDate,
      complete: given.every((v) => v !== undefined),
    });
    return new ParameterPicker(inForce, programme?.code ?? null);
  }

  /**
   * Every day of a recovery bears interest, so a gap in the table is reported (422, naming the
   * first half-year without a rate) before anything else. The table covers one unbroken range.
   */
  private requireBaseRates(table: BaseRateTableEntry[], body: InterestRequestDto): void {
    const start = CalendarDate.parse(body.startDate, 'startDate');
    const end = CalendarDate.parse(body.endDate, 'endDate');
    if (!end.isAfter(start)) return;
    const rates = new BaseRateTable(table);
    rates.rateOn(start.addDays(1));
    const coveredUntil = rates.coveredUntil;
    rates.rateOn(coveredUntil && end.isAfter(coveredUntil) ? coveredUntil.addDays(1) : end);
  }
}

function caseDate(field: string, date: string | undefined): CaseDate | null {
  return date === undefined ? null : { field, on: CalendarDate.parse(date, field) };
}

function dayMonth(text: string): { day: number; month: number } {
  const parsed = parseParameterValue('MM-DD', text);
  // Validated by the DTO (IsDayMonth) already.
  if (!parsed.ok) throw new Error(`Invalid day-month ${text}`);
  return parsed.value;
}
