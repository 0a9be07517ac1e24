import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, DayCountConvention, Money, Scope, systemScope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BaseRatesService, ParametersService } from '@foerderfluss/programmes';
import { BudgetYearsService } from '@foerderfluss/funding';
import { assertDecisionPermits, Decision, decisionAmountProblem, DecisionsService } from '@foerderfluss/decisions';
import { calculateLateUseInterest, knownInterestLimit, LateUseInterestResult } from '@foerderfluss/rules';
import { FundUse } from './fund-use.entity';
import { LateUseInterestDecision } from './late-use-interest-decision.entity';
import { DisbursementStatus } from './disbursement-state';
import { DisbursementRepository } from './disbursement.repository';
import { FundUseRepository } from './fund-use.repository';
import { LateUseInterestDecisionRepository } from './late-use-interest-decision.repository';

export interface LateUseComputation {
  asOf: CalendarDate;
  /** The last day the interest covers: asOf, or the last day with an entered Basiszinssatz. */
  computedUntil: CalendarDate | null;
  /** German: up to which day interest is computed and why. */
  computedUntilReason: string;
  result: LateUseInterestResult;
  tranches: { disbursementId: string; paidOn: string; amount: Money }[];
  uses: FundUse[];
}

/** The JSON form of a calculation, stored with a decision on it so it can be read back as it was. */
export function lateUseCalculationDoc(c: LateUseComputation): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ asOf: c.asOf, computedUntil: c.computedUntil, computedUntilReason: c.computedUntilReason, tranches: c.tranches, uses: c.uses.map((u) => ({ usedOn: u.usedOn, amount: u.amount })), result: c.result })) as Record<string, unknown>;
}

/**
 * § 49a (4) VwVfG: money paid out but not used within the horizon bears interest from payout to
 * use. The module records uses, computes the interest per tranche (FIFO, via libs/rules), and
 * staff decide to demand or waive it, with reasons.
 */
@Injectable()
export class FundUseService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly parameters: ParametersService,
    private readonly baseRates: BaseRatesService,
    private readonly clock: Clock,
    private readonly decisionsService: DecisionsService,
    private readonly budgetYears: BudgetYearsService,
    private readonly fundUses: FundUseRepository,
    private readonly disbursements: DisbursementRepository,
    private readonly interestDecisions: LateUseInterestDecisionRepository,
  ) {}

  async uses(scope: Scope, decisionId: string): Promise<FundUse[]> {
    await this.visibleDecision(scope, decisionId);
    return this.fundUses.all(scope, { decisionId });
  }

  async addUse(scope: Scope, decisionId: string, input: { usedOn: string; amount: Money; note: string | null }): Promise<FundUse> {
    return this.tx.run(async (em) => {
      // Who may see it first (404), then whether its status takes a use at all, then the amount (issue 18).
      const decision = await this.visibleDecision(scope, decisionId, em);
      assertDecisionPermits(decision.status, 'fundUse');
      const implausible = decisionAmountProblem(input.amount, decision.maxAmount);
      if (implausible) throw validationError([{ path: 'amount', message: implausible }]);
      if (CalendarDate.parse(input.usedOn, 'usedOn').isAfter(this.clock.today())) {
        throw validationError([{ path: 'usedOn', message: 'Eine Verwendung kann nicht in der Zukunft liegen.' }]);
      }
      const use = em.create(FundUse, { decisionId, usedOn: input.usedOn, amount: input.amount, source: 'REPORTED', note: input.note, reportedBy: scope.userId });
      await em.save(FundUse, use);
      await this.audit.record(em, scope, { action: 'fund-use.report', entity: 'FundUse', entityId: use.id, after: { decisionId, usedOn: input.usedOn, amount: input.amount.toApiString() } });
      return use;
    });
  }

  async compute(scope: Scope, decisionId: string, asOfInput?: string): Promise<LateUseComputation> {
    const decision = await this.visibleDecision(scope, decisionId);
    const asOf = asOfInput ? CalendarDate.parse(asOfInput, 'asOf') : this.clock.today();
    // the year of a decision the caller sees (a Träger too): read as the system
    const { year } = await this.budgetYears.get(systemScope(), decision.budgetYearId);
    const params = await this.parameters.inForce(year.programmeId, asOf, year.districtId);
    const paid = (await this.disbursements.all(scope, { decisionId, status: DisbursementStatus.PAID })).sort((a, b) => (a.paidOn ?? '').localeCompare(b.paidOn ?? ''));
    const tranches = paid.filter((d) => d.paidOn && !CalendarDate.parse(d.paidOn).isAfter(asOf));
    const uses = await this.fundUses.all(scope, { decisionId, usedUntil: asOf.toISOString() });
    const baseRates = await this.baseRates.table();
    // Interest known so far: nothing fails because a later half-year's Basiszins is not yet entered.
    const limit = knownInterestLimit(baseRates, asOf);
    const result = calculateLateUseInterest({
      disbursements: tranches.map((d) => ({ date: CalendarDate.parse(d.paidOn!), amount: d.amount })),
      uses: uses.map((u) => ({ date: CalendarDate.parse(u.usedOn), amount: u.amount })),
      horizonMonths: params.paymentRequestHorizonMonths,
      asOf,
      knownRatesOnly: true,
      baseRates,
      surchargePercentagePoints: params.interestSurchargePercentagePoints,
      dayCount: params.dayCount as DayCountConvention,
    });
    return { asOf, computedUntil: limit.computedUntil, computedUntilReason: limit.reason, result, tranches: tranches.map((d) => ({ disbursementId: d.id, paidOn: d.paidOn!, amount: d.amount })), uses };
  }

  /** Ermessen: demand or waive the computed interest, with reasons; the calculation is kept with it. */
  async decide(scope: Scope, decisionId: string, input: { outcome: 'DEMAND' | 'WAIVE'; reason: string; asOf?: string }): Promise<LateUseInterestDecision> {
    const computation = await this.compute(scope, decisionId, input.asOf);
    return this.tx.run(async (em) => {
      const row = em.create(LateUseInterestDecision, {
        decisionId,
        outcome: input.outcome,
        computedInterest: computation.result.interest,
        demandedAmount: input.outcome === 'DEMAND' ? computation.result.interest : Money.ZERO,
        asOf: computation.asOf.toISOString(),
        reason: input.reason,
        calculation: lateUseCalculationDoc(computation),
        decidedBy: scope.userId,
      });
      await em.save(LateUseInterestDecision, row);
      await this.audit.record(em, scope, {
        action: 'late-use-interest.decide',
        entity: 'Decision',
        entityId: decisionId,
        after: { outcome: input.outcome, computedInterest: row.computedInterest.toApiString(), asOf: row.asOf, reason: input.reason },
      });
      return row;
    });
  }

  async decisions(scope: Scope, decisionId: string): Promise<LateUseInterestDecision[]> {
    await this.visibleDecision(scope, decisionId);
    return this.interestDecisions.all(scope, { decisionId });
  }

  /** The decisions lib decides who sees the decision: a Träger its own once issued, 404 otherwise. */
  private async visibleDecision(scope: Scope, decisionId: string, em?: EntityManager): Promise<Decision> {
    return (await this.decisionsService.get(scope, decisionId, em)).decision;
  }
}
