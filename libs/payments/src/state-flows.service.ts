import { Injectable } from '@nestjs/common';
import { Clock, DomainError, Money, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { LedgerKind, LedgerService } from '@foerderfluss/funding';
import { DecisionsService } from '@foerderfluss/decisions';
import { Disbursement } from './disbursement.entity';
import { Repayment } from './repayment.entity';
import { StateDrawdown } from './state-drawdown.entity';
import { stateDrawdownLifecycle } from './state-drawdown-state';
import { DisbursementRepository } from './disbursement.repository';
import { RepaymentRepository } from './repayment.repository';
import { StateDrawdownRepository } from './state-drawdown.repository';
import { drawdownAlreadyReceived } from './payments.errors';

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
 * H_land by the ledger) and repayments with their source split. The cash position per source is
 * one of the budget figures (BudgetFiguresService).
 */
@Injectable()
export class StateFlowsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    private readonly decisions: DecisionsService,
    private readonly drawdownRepo: StateDrawdownRepository,
    private readonly repaymentRepo: RepaymentRepository,
    private readonly disbursements: DisbursementRepository,
  ) {}

  async drawdowns(scope: Scope, budgetYearId?: string): Promise<StateDrawdown[]> {
    return this.drawdownRepo.all(scope, { budgetYearId });
  }

  /** Mittelabruf beim Land; requests still open count against H_land too. */
  async requestDrawdown(scope: Scope, input: { budgetYearId: string; amount: Money; requestedOn: string; reference: string; note: string | null }): Promise<StateDrawdown> {
    return this.tx.run(async (em) => {
      const balance = await this.drawdownRepo.lockYearBalance(em, input.budgetYearId);
      if (!input.amount.isPositive()) throw validationError([{ path: 'amount', message: 'Der Betrag muss größer als 0,00 € sein.' }]);
      const open = Money.sum(
        (await this.drawdownRepo.all(scope, { budgetYearId: input.budgetYearId, status: 'REQUESTED' }, em)).map((d) => d.amount),
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
      const d = await this.drawdownRepo.get(scope, id, { em, lock: true });
      // Received twice keeps its established 409 STATE_DRAWDOWN_ALREADY_RECEIVED; the table moves the status.
      if (!stateDrawdownLifecycle.step(d.status, 'receive')) throw drawdownAlreadyReceived();
      const status = stateDrawdownLifecycle.transition(d.status, 'receive', scope);
      const entry = await this.ledger.post(em, scope, {
        budgetYearId: d.budgetYearId,
        kind: LedgerKind.STATE_DRAWDOWN,
        amount: d.amount,
        referenceType: 'StateDrawdown',
        referenceId: d.id,
        note: d.reference,
        bookingDate: receivedOn,
      });
      Object.assign(d, { status, receivedOn, ledgerEntryId: entry.id });
      await em.save(StateDrawdown, d);
      await this.audit.record(em, scope, { action: 'state-drawdown.receive', entity: 'StateDrawdown', entityId: id, after: { receivedOn, ledgerEntryId: entry.id } });
      return d;
    });
  }

  async repayments(scope: Scope, q: { decisionId?: string; budgetYearId?: string }): Promise<Repayment[]> {
    return this.repaymentRepo.all(scope, q);
  }

  /** Zahlungseingang: partial payments allowed; RECOVERY_RECEIVED with the Land/Kreis split. */
  async recordRepayment(scope: Scope, input: RepaymentInput): Promise<Repayment> {
    if (!input.amount.isPositive()) throw validationError([{ path: 'amount', message: 'Der Betrag muss größer als 0,00 € sein.' }]);
    if (input.receivedOn > this.clock.today().toISOString()) throw validationError([{ path: 'receivedOn', message: 'Ein Zahlungseingang kann nicht in der Zukunft liegen.' }]);
    return this.tx.run(async (em) => {
      const { decision } = await this.decisions.get(scope, input.decisionId, em);
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
  async disbursementsOf(scope: Scope, decisionId: string): Promise<Disbursement[]> {
    return this.disbursements.all(scope, { decisionId });
  }

}
