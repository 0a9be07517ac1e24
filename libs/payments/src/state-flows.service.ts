import { Injectable } from '@nestjs/common';
import { Clock, DomainError, Money, restrictToOrganisation, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BudgetYear, budgetYearNotFound, BudgetYearBalance, LedgerKind, LedgerService } from '@foerderfluss/funding';
import { Decision, decisionNotFound } from '@foerderfluss/decisions';
import { Disbursement, Repayment, StateDrawdown } from './payment.entity';
import { drawdownAlreadyReceived, drawdownNotFound } from './payments.errors';

export interface CashPosition {
  budgetYearId: string;
  state: { receivedFromState: Money; refundedToState: Money; paidOut: Money; recoveriesReceived: Money; balance: Money };
  district: { paidOut: Money; recoveriesReceived: Money; balance: Money };
  approvedNotPaid: Money;
}

export interface RepaymentInput {
  decisionId: string;
  amount: Money;
  receivedOn: string;
  payer: string;
  paymentReference: string;
  kind: 'RECOVERY' | 'VOLUNTARY';
  recoveryId: string | null;
}

/**
 * Money between Kreis and Land, and money coming back from Träger: the Kreis's drawdowns (capped at
 * H_land by the ledger), the cash position per source, and repayments with their source split.
 */
@Injectable()
export class StateFlowsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
  ) {}

  async drawdowns(budgetYearId?: string): Promise<StateDrawdown[]> {
    return this.tx.manager.getRepository(StateDrawdown).find({ where: budgetYearId ? { budgetYearId } : {}, order: { requestedOn: 'ASC', createdAt: 'ASC' } });
  }

  /** Mittelabruf beim Land; requests still open count against H_land too. */
  async requestDrawdown(scope: Scope, input: { budgetYearId: string; amount: Money; requestedOn: string; reference: string; note: string | null }): Promise<StateDrawdown> {
    return this.tx.run(async (em) => {
      const balance = await em.getRepository(BudgetYearBalance).findOne({ where: { budgetYearId: input.budgetYearId }, lock: { mode: 'pessimistic_write' } });
      if (!balance) throw budgetYearNotFound();
      if (!input.amount.isPositive()) throw validationError([{ path: 'amount', message: 'Der Betrag muss größer als 0,00 € sein.' }]);
      const open = Money.sum(
        (await em.getRepository(StateDrawdown).findBy({ budgetYearId: input.budgetYearId, status: 'REQUESTED' })).map((d) => d.amount),
      );
      const remaining = balance.allocatedState.minus(balance.receivedFromState).plus(balance.refundedToState).minus(open);
      if (input.amount.greaterThan(remaining)) {
        throw new DomainError(
          'BUDGET_DRAWDOWN_EXCEEDS_STATE_MAX',
          409,
          `Vom Land können nur noch ${remaining.atLeastZero().formatEur()} abgerufen werden (Höchstbetrag abzüglich erhaltener und offener Abrufe); angefordert sind ${input.amount.formatEur()}.`,
          [],
          { remainingAmount: remaining.atLeastZero().toApiString() },
        );
      }
      const d = em.create(StateDrawdown, { ...input, status: 'REQUESTED', receivedOn: null, ledgerEntryId: null });
      await em.save(StateDrawdown, d);
      await this.audit.record(em, scope, { action: 'state-drawdown.request', entity: 'StateDrawdown', entityId: d.id, after: { ...input, amount: input.amount.toApiString() } });
      return d;
    });
  }

  /** The Land's money arrived: STATE_DRAWDOWN in the ledger (which refuses anything beyond H_land). */
  async receiveDrawdown(scope: Scope, id: string, receivedOn: string): Promise<StateDrawdown> {
    return this.tx.run(async (em) => {
      const d = await em.getRepository(StateDrawdown).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!d) throw drawdownNotFound();
      if (d.status === 'RECEIVED') throw drawdownAlreadyReceived();
      const entry = await this.ledger.post(em, scope, {
        budgetYearId: d.budgetYearId,
        kind: LedgerKind.STATE_DRAWDOWN,
        amount: d.amount,
        referenceType: 'StateDrawdown',
        referenceId: d.id,
        note: d.reference,
        bookingDate: receivedOn,
      });
      Object.assign(d, { status: 'RECEIVED', receivedOn, ledgerEntryId: entry.id });
      await em.save(StateDrawdown, d);
      await this.audit.record(em, scope, { action: 'state-drawdown.receive', entity: 'StateDrawdown', entityId: id, after: { receivedOn, ledgerEntryId: entry.id } });
      return d;
    });
  }

  /** What the Kreis received and paid out per source (payouts count when the bank executed them). */
  async cashPosition(budgetYearId: string): Promise<CashPosition> {
    const em = this.tx.manager;
    if (!(await em.getRepository(BudgetYear).existsBy({ id: budgetYearId }))) throw budgetYearNotFound();
    const balance = await em.getRepository(BudgetYearBalance).findOneByOrFail({ budgetYearId });
    const sums = (await em.query(
      `SELECT coalesce(sum(state_share) FILTER (WHERE status = 'PAID'), 0)::text AS paid_state,
              coalesce(sum(district_share) FILTER (WHERE status = 'PAID'), 0)::text AS paid_district,
              coalesce(sum(amount) FILTER (WHERE status <> 'PAID'), 0)::text AS open
         FROM disbursement WHERE budget_year_id = $1`,
      [budgetYearId],
    )) as { paid_state: string; paid_district: string; open: string }[];
    const s = sums[0]!;
    const paidState = Money.of(s.paid_state);
    const paidDistrict = Money.of(s.paid_district);
    return {
      budgetYearId,
      state: {
        receivedFromState: balance.receivedFromState,
        refundedToState: balance.refundedToState,
        paidOut: paidState,
        recoveriesReceived: balance.recoveriesReceivedState,
        balance: balance.receivedFromState.minus(balance.refundedToState).minus(paidState).plus(balance.recoveriesReceivedState),
      },
      district: {
        paidOut: paidDistrict,
        recoveriesReceived: balance.recoveriesReceivedDistrict,
        balance: balance.recoveriesReceivedDistrict.minus(paidDistrict),
      },
      approvedNotPaid: Money.of(s.open),
    };
  }

  async repayments(scope: Scope, q: { decisionId?: string; budgetYearId?: string }): Promise<Repayment[]> {
    const own = restrictToOrganisation(scope);
    return this.tx.manager.getRepository(Repayment).find({
      where: { ...(q.decisionId ? { decisionId: q.decisionId } : {}), ...(q.budgetYearId ? { budgetYearId: q.budgetYearId } : {}), ...(own !== null ? { providerId: own } : {}) },
      order: { receivedOn: 'ASC', createdAt: 'ASC' },
    });
  }

  /** Zahlungseingang: partial payments allowed; RECOVERY_RECEIVED with the Land/Kreis split. */
  async recordRepayment(scope: Scope, input: RepaymentInput): Promise<Repayment> {
    if (!input.amount.isPositive()) throw validationError([{ path: 'amount', message: 'Der Betrag muss größer als 0,00 € sein.' }]);
    if (input.receivedOn > this.clock.today().toISOString()) throw validationError([{ path: 'receivedOn', message: 'Ein Zahlungseingang kann nicht in der Zukunft liegen.' }]);
    return this.tx.run(async (em) => {
      const decision = await em.getRepository(Decision).findOneBy({ id: input.decisionId });
      if (!decision) throw decisionNotFound();
      const entry = await this.ledger.post(em, scope, {
        budgetYearId: decision.budgetYearId,
        kind: LedgerKind.RECOVERY_RECEIVED,
        amount: input.amount,
        providerId: decision.providerId,
        fieldOfActionCode: decision.fieldOfActionCode,
        socialAreaCode: decision.socialAreaCode,
        referenceType: input.recoveryId ? 'Recovery' : 'Decision',
        referenceId: input.recoveryId ?? decision.id,
        note: `${input.kind === 'VOLUNTARY' ? 'Freiwillige Rückzahlung' : 'Rückzahlung'} ${input.paymentReference}`,
        bookingDate: input.receivedOn,
      });
      const r = em.create(Repayment, {
        ...input,
        providerId: decision.providerId,
        budgetYearId: decision.budgetYearId,
        stateShare: entry.stateShare,
        districtShare: entry.districtShare,
        ledgerEntryId: entry.id,
        recordedBy: scope.userId,
      });
      await em.save(Repayment, r);
      await this.audit.record(em, scope, {
        action: 'repayment.record',
        entity: 'Repayment',
        entityId: r.id,
        after: { decisionId: input.decisionId, amount: input.amount.toApiString(), receivedOn: input.receivedOn, kind: input.kind, stateShare: entry.stateShare.toApiString() },
      });
      return r;
    });
  }

  /** Payouts by status for a decision, for the Zahlungsübersicht. */
  async disbursementsOf(decisionId: string): Promise<Disbursement[]> {
    return this.tx.manager.getRepository(Disbursement).find({ where: { decisionId }, order: { createdAt: 'ASC' } });
  }

}
