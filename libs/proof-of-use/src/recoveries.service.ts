import { Injectable } from '@nestjs/common';
import { CalendarDate, Clock, DayCountConvention, Money, Page, Scope, validationError } from '@foerderfluss/core';
import { ListParams, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BaseRatesService, ParametersService } from '@foerderfluss/programmes';
import { DecisionsService } from '@foerderfluss/decisions';
import { DisbursementStatus, Repayment, RepaymentInput, StateFlowsService } from '@foerderfluss/payments';
import { calculateRecoveryInterest, InterestSegment, knownInterestLimit } from '@foerderfluss/rules';
import { Recovery } from './recovery.entity';
import { RECOVERY_LIFECYCLE, RECOVERY_REQUEST_ACTIONS, RecoveryRequestAction } from './recovery-state';
import { RecoveryFilter, RecoveryRepaymentRepository, RecoveryRepository } from './recovery.repository';

/** One part of R as the interest sees it: a booked payout bears interest from the day after. */
export interface RecoveryInterestPart {
  amount: Money;
  disbursementId: string | null;
  /** The payout's booking day; null while the payout is approved but not yet booked. */
  paidOn: CalendarDate | null;
  /** The first interest day; null while not booked (interest starts the day after booking). */
  interestFrom: CalendarDate | null;
}

export interface RecoveryInterest {
  asOf: CalendarDate;
  /** The last day the interest covers: asOf, or the last day with an entered Basiszinssatz. */
  computedUntil: CalendarDate | null;
  /** German: up to which day interest is computed and why. */
  computedUntilReason: string;
  parts: RecoveryInterestPart[];
  principal: Money;
  outstandingPrincipal: Money;
  interest: Money;
  unroundedInterest: Money;
  interestOutstanding: Money;
  /** Per interest-bearing part and principal step, with the segments of § 49a (3). */
  pieces: { from: string; to: string; principal: Money; interest: Money; segments: InterestSegment[] }[];
}

/**
 * Rückforderungen with § 49a (3) interest (DOMAIN §5): each part of R bears interest from the day
 * after its payout until repaid; a partial repayment reduces the principal from its date (the
 * part that started last is reduced first). Interest is computed exactly per piece and rounded once.
 */
@Injectable()
export class RecoveriesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly flows: StateFlowsService,
    private readonly parameters: ParametersService,
    private readonly baseRates: BaseRatesService,
    private readonly clock: Clock,
    private readonly decisions: DecisionsService,
    private readonly recoveries: RecoveryRepository,
    private readonly recoveryRepayments: RecoveryRepaymentRepository,
  ) {}

  /**
   * One page of the recoveries the caller may see, filtered and sorted by the repository;
   * `enforcementDue`: only those whose 2nd Mahnung's Zahlungsfrist has passed unpaid (as of the business day).
   */
  async list(scope: Scope, q: ListParams & RecoveryFilter & { enforcementDue?: boolean }): Promise<Page<Recovery>> {
    const { enforcementDue, ...filter } = q;
    return this.recoveries.list(scope, enforcementDue ? { ...filter, enforcementDueOn: this.clock.today().toISOString() } : filter);
  }

  async get(scope: Scope, id: string): Promise<Recovery> {
    return this.recoveries.get(scope, id);
  }

  /** What this caller may ask for now (a Zahlungseingang while money is outstanding, staff only). */
  allowedActions(scope: Scope, r: Recovery): RecoveryRequestAction[] {
    const allowed = RECOVERY_LIFECYCLE.allowedActions(r.status, scope);
    return RECOVERY_REQUEST_ACTIONS.filter((a) => allowed.includes(a));
  }

  /** The Zahlungseingänge on a recovery the caller may see (404 for another Träger's). */
  async repayments(scope: Scope, recoveryId: string): Promise<Repayment[]> {
    await this.get(scope, recoveryId);
    return this.recoveryRepayments.ofRecovery(scope, recoveryId);
  }

  /** Interest to any date (default today), with the repayments received up to then. */
  async interest(scope: Scope, id: string, asOfInput?: string): Promise<RecoveryInterest> {
    const r = await this.get(scope, id);
    const asOf = asOfInput ? CalendarDate.parse(asOfInput, 'asOf') : this.clock.today();
    return this.computeInterest(r, await this.recoveryRepayments.ofRecovery(scope, id), asOf);
  }

  /**
   * Interest up to `asOf` with the programme parameters (surcharge, day count) in force on `asOf`,
   * the last day the computation covers: the same rule as the interest calculator
   * (POST /calculations/interest, kind RECOVERY: parameters of `endDate`).
   */
  async computeInterest(r: Recovery, repayments: Repayment[], asOf: CalendarDate): Promise<RecoveryInterest> {
    const params = await this.parameters.inForce(await this.recoveries.programmeId(r.decisionId), asOf, r.districtId);
    const baseRates = await this.baseRates.table();
    // Interest known so far: the Basiszins of a later half-year is published only on its first
    // day, so a computation reaching beyond the table stops at its end and says so.
    const limit = knownInterestLimit(baseRates, asOf);
    const resolved = await this.resolveParts(r);
    // Principal repayments up to asOf, oldest first; each reduces the part that started last.
    let principalLeft = r.principal;
    const steps: { date: CalendarDate; amount: Money }[] = [];
    for (const p of repayments.filter((x) => !CalendarDate.parse(x.receivedOn).isAfter(asOf))) {
      const toPrincipal = Money.min(p.amount, principalLeft);
      if (toPrincipal.isPositive()) steps.push({ date: CalendarDate.parse(p.receivedOn), amount: toPrincipal });
      principalLeft = principalLeft.minus(toPrincipal);
    }
    // The part that started last first; a part whose payout is not booked yet starts last of all.
    const parts = resolved
      .map((p) => ({ from: p.paidOn, amount: p.amount }))
      .sort((a, b) => (a.from === null ? (b.from === null ? 0 : -1) : b.from === null ? 1 : b.from.compareTo(a.from)));
    const pieces: RecoveryInterest['pieces'] = [];
    let unrounded = Money.ZERO;
    const reduce = (amount: Money): { part: number; amount: Money }[] => {
      const out: { part: number; amount: Money }[] = [];
      let left = amount;
      for (let i = 0; i < parts.length && left.isPositive(); i++) {
        const take = Money.min(left, parts[i]!.amount);
        if (take.isPositive()) out.push({ part: i, amount: take });
        left = left.minus(take);
      }
      return out;
    };
    const current = parts.map((p) => ({ ...p }));
    const lastDay = current.map((p) => p.from);
    const bear = (i: number, requested: CalendarDate) => {
      const p = current[i]!;
      const start = lastDay[i];
      if (start === null || start === undefined || limit.computedUntil === null) return;
      const until = CalendarDate.min(requested, limit.computedUntil);
      if (!p.amount.isPositive() || !until.isAfter(start)) return;
      const res = calculateRecoveryInterest({
        principal: p.amount,
        startDate: start,
        endDate: until,
        baseRates,
        surchargePercentagePoints: params.interestSurchargePercentagePoints,
        dayCount: params.dayCount as DayCountConvention,
      });
      pieces.push({ from: start.addDays(1).toISOString(), to: until.toISOString(), principal: p.amount, interest: res.unroundedInterest, segments: res.segments });
      unrounded = unrounded.plus(res.unroundedInterest);
      lastDay[i] = until;
    };
    for (const step of steps) {
      for (const { part, amount } of reduce(step.amount)) {
        bear(part, step.date);
        current[part]!.amount = current[part]!.amount.minus(amount);
        parts[part]!.amount = parts[part]!.amount.minus(amount);
      }
    }
    current.forEach((_, i) => bear(i, asOf));
    const interest = unrounded.round();
    const paidTowardsInterest = Money.sum(repayments.filter((x) => !CalendarDate.parse(x.receivedOn).isAfter(asOf)).map((x) => x.amount)).minus(r.principal.minus(principalLeft));
    return {
      asOf,
      computedUntil: limit.computedUntil,
      computedUntilReason: limit.reason,
      parts: resolved,
      principal: r.principal,
      outstandingPrincipal: principalLeft,
      interest,
      unroundedInterest: unrounded,
      interestOutstanding: interest.minus(paidTowardsInterest).atLeastZero(),
      pieces,
    };
  }

  /**
   * The parts of R with their payouts' booking days. A part of a payout that was approved but not
   * booked when the Festsetzung came has no day yet; it bears interest from the day after the
   * payout is booked, read here from the payout itself. The recovery was read in the caller's
   * scope; its own payouts are part of it, so they are read without a further restriction.
   */
  async resolveParts(r: Recovery): Promise<RecoveryInterestPart[]> {
    const ids = new Set(r.interestParts.map((p) => p.disbursementId).filter((id): id is string => typeof id === 'string'));
    const payouts = ids.size ? (await this.recoveries.payoutsOf(r.decisionId)).filter((d) => ids.has(d.id)) : [];
    const byId = new Map(payouts.map((d) => [d.id, d]));
    return r.interestParts.map((p) => {
      const payout = p.disbursementId ? byId.get(p.disbursementId) : undefined;
      const day = p.from ?? (payout?.status === DisbursementStatus.PAID ? payout.paidOn : null);
      const paidOn = day ? CalendarDate.parse(day) : null;
      return { amount: Money.of(p.amount), disbursementId: p.disbursementId ?? null, paidOn, interestFrom: paidOn ? paidOn.addDays(1) : null };
    });
  }

  /**
   * A Zahlungseingang as it arrives (POST /repayments), in one transaction: money against a
   * Rückforderung also settles it (interest, status, closing the decision); a RECOVERY payment
   * without a recoveryId goes to the decision's first recovery that still takes money; anything
   * else is booked by payments as it is.
   */
  async recordIncoming(scope: Scope, input: Omit<RepaymentInput, 'recoveryId'> & { recoveryId?: string | null }): Promise<Repayment> {
    return this.tx.run(async () => {
      const recoveryId =
        input.recoveryId ??
        (input.kind === 'RECOVERY' ? (await this.recoveries.all(scope, { decisionId: input.decisionId })).find((r) => RECOVERY_LIFECYCLE.step(r.status, 'repay'))?.id : undefined);
      if (!recoveryId) return this.flows.recordRepayment(scope, { ...input, recoveryId: null });
      const recovery = await this.get(scope, recoveryId);
      if (recovery.decisionId !== input.decisionId || input.kind !== 'RECOVERY') {
        throw validationError([{ path: 'recoveryId', message: 'Die Rückforderung gehört nicht zu dieser Entscheidung oder die Art ist nicht RECOVERY.' }]);
      }
      const { repayment } = await this.recordRepayment(scope, recoveryId, input);
      return repayment;
    });
  }

  /**
   * Zahlungseingang against a recovery: booked through payments (RECOVERY_RECEIVED with the source
   * split), applied to the principal first; the recovery is settled when principal and the interest
   * up to that day are paid, and the decision closes with it.
   */
  async recordRepayment(scope: Scope, id: string, input: { amount: Money; receivedOn: string; payer: string; paymentReference: string }): Promise<{ recovery: Recovery; repayment: Repayment }> {
    return this.tx.run(async (em) => {
      const r = await this.recoveries.get(scope, id, { em, lock: true });
      // A settled recovery takes no more money (409 before anything is booked).
      RECOVERY_LIFECYCLE.transition(r.status, 'repay', scope);
      if (!input.amount.isPositive()) throw validationError([{ path: 'amount', message: 'Der Betrag muss größer als 0,00 € sein.' }]);
      const repayment = await this.flows.recordRepayment(scope, {
        decisionId: r.decisionId,
        amount: input.amount,
        receivedOn: input.receivedOn,
        payer: input.payer,
        paymentReference: input.paymentReference,
        kind: 'RECOVERY',
        recoveryId: r.id,
      });
      const all = await this.recoveryRepayments.ofRecovery(scope, r.id, em);
      const total = Money.sum(all.map((x) => x.amount));
      const before = { status: r.status, repaidPrincipal: r.repaidPrincipal.toApiString(), repaidInterest: r.repaidInterest.toApiString() };
      r.repaidPrincipal = Money.min(total, r.principal);
      r.repaidInterest = total.minus(r.repaidPrincipal);
      const state = await this.computeInterest(r, all, CalendarDate.parse(input.receivedOn));
      const settled = state.outstandingPrincipal.isZero() && state.interestOutstanding.isZero();
      r.status = RECOVERY_LIFECYCLE.transition(r.status, settled ? 'settle' : 'repay', scope);
      r.settledOn = settled ? input.receivedOn : null;
      await this.recoveries.save(em, r);
      if (settled) await this.decisions.closeAfterRecovery(em, scope, r.decisionId);
      await this.audit.record(em, scope, {
        action: 'recovery.repayment',
        entity: 'Recovery',
        entityId: r.id,
        before,
        after: { status: r.status, repaidPrincipal: r.repaidPrincipal.toApiString(), repaidInterest: r.repaidInterest.toApiString(), repaymentId: repayment.id, interestOutstanding: state.interestOutstanding.toApiString() },
      });
      return { recovery: r, repayment };
    });
  }
}
