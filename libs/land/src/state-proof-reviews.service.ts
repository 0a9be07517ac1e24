import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, conflict, Money, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BudgetYearRepository, LedgerKind, LedgerService } from '@foerderfluss/funding';
import { calculateStateSettlement } from '@foerderfluss/rules';
import { stateProofNotFound } from '@foerderfluss/proof-of-use';
import { StateProofReview } from './state-proof-review.entity';
import { STATE_PROOF_REVIEW_LIFECYCLE, StateProofReviewAction } from './state-proof-review-state';
import { StateProofReviewFilter, StateProofReviewRepository } from './state-proof-review.repository';
import { assertLand } from './land-access';

/**
 * The Land's Prüfung of a Kreis's Verwendungsnachweis (issue 20 item 4, DOMAIN §6): the Land starts it on
 * a submitted proof with the Kreis's A_kreis, may recognise a different A_kreis, proposes the Festsetzung
 * (Z_land = min(H_land, p_land × A_kreis), refund = paid_by_land − Z_land, via libs/rules), a second Land
 * user settles it, and the refund's receipt is booked into the Kreis's ledger (STATE_REFUND) by the Land.
 */
@Injectable()
export class StateProofReviewsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly years: BudgetYearRepository,
    private readonly repo: StateProofReviewRepository,
  ) {}

  list(scope: Scope, filter: StateProofReviewFilter): Promise<StateProofReview[]> {
    return this.repo.all(scope, filter);
  }

  get(scope: Scope, id: string): Promise<StateProofReview> {
    return this.repo.get(scope, id);
  }

  allowedActions(scope: Scope, r: StateProofReview): StateProofReviewAction[] {
    return STATE_PROOF_REVIEW_LIFECYCLE.allowedActions(r.status, scope, { firstActorId: r.proposedBy });
  }

  /** Opens the Prüfung of the submitted proof of a Kreis's budget year (Land staff); once per proof. */
  async start(scope: Scope, budgetYearId: string): Promise<StateProofReview> {
    assertLand(scope);
    STATE_PROOF_REVIEW_LIFECYCLE.transition('IN_REVIEW', 'edit', scope);
    const id = await this.tx.run(async (em) => {
      const proof = await this.repo.lockProof(em, budgetYearId);
      if (!proof) throw stateProofNotFound();
      const stateProofId = proof.id;
      if (proof.status !== 'SUBMITTED') throw conflict('STATE_PROOF_NOT_SUBMITTED', 'Geprüft wird ein Verwendungsnachweis erst, wenn der Kreis ihn eingereicht hat.');
      const existing = await this.repo.forProof(em, stateProofId);
      if (existing) throw conflict('STATE_PROOF_REVIEW_EXISTS', 'Dieser Verwendungsnachweis ist bereits in Prüfung.', { stateProofReviewId: existing.id });
      const year = (await this.years.findForPosting(em, proof.budgetYearId))!;
      const balance = (await this.years.balance(em, proof.budgetYearId))!;
      const submitted = Money.of(String((proof.figures as { districtRecognisedCosts?: string } | null)?.districtRecognisedCosts ?? '0'));
      const r = em.create(StateProofReview, {
        stateProofId,
        districtId: proof.districtId,
        budgetYearId: proof.budgetYearId,
        status: 'IN_REVIEW',
        recognisedCosts: submitted.round(),
        stateMaxAmount: balance.allocatedState,
        stateRatePercent: year.stateRatePercent,
        paidByState: balance.receivedFromState.minus(balance.refundedToState),
        finalStateGrant: null,
        refundAmount: null,
        note: null,
        startedBy: scope.userId,
        proposedBy: null,
        proposedAt: null,
        settledBy: null,
        settledOn: null,
        refundReceivedOn: null,
        refundReceivedAmount: null,
      });
      await this.repo.save(em, r);
      await this.audit.record(em, scope, { action: 'state-proof-review.start', entity: 'StateProofReview', entityId: r.id, after: snapshot(r) });
      return r.id;
    });
    return this.repo.get(scope, id);
  }

  /** The A_kreis the Land recognises and its Vermerk, while in review. */
  edit(scope: Scope, id: string, patch: { recognisedCosts?: Money; note?: string | null }): Promise<StateProofReview> {
    return this.step(scope, id, 'edit', async (_em, r) => {
      if (patch.recognisedCosts !== undefined) {
        if (patch.recognisedCosts.isNegative() || !patch.recognisedCosts.isWholeCents()) {
          throw validationError([{ path: 'recognisedCosts', message: 'Ein Betrag ab 0,00 € mit höchstens zwei Nachkommastellen.' }]);
        }
        r.recognisedCosts = patch.recognisedCosts;
      }
      if (patch.note !== undefined) r.note = patch.note;
    });
  }

  /** Festsetzung vorschlagen: H_land and paid_by_land as the Kreis's ledger says now; the figures are computed here. */
  propose(scope: Scope, id: string): Promise<StateProofReview> {
    return this.step(scope, id, 'propose', async (em, r) => {
      const balance = (await this.years.balance(em, r.budgetYearId))!;
      r.stateMaxAmount = balance.allocatedState;
      r.paidByState = balance.receivedFromState.minus(balance.refundedToState);
      const result = calculateStateSettlement({
        stateRate: r.stateRatePercent,
        stateMaxAmount: r.stateMaxAmount,
        stateDisbursed: r.paidByState,
        districtRecognisedCosts: r.recognisedCosts,
        recoveredFromProviders: Money.ZERO,
        recoveryStateShare: r.stateRatePercent,
      });
      r.finalStateGrant = result.stateFinalGrant;
      r.refundAmount = result.refundToState;
      r.proposedBy = scope.userId;
      r.proposedAt = this.clock.now();
    });
  }

  return(scope: Scope, id: string): Promise<StateProofReview> {
    return this.step(scope, id, 'return', async (_em, r) => {
      r.proposedBy = null;
      r.proposedAt = null;
      r.finalStateGrant = null;
      r.refundAmount = null;
    });
  }

  /** Festsetzung by a second Land user (four eyes). With nothing to refund, `receiveRefund` with 0,00 € closes it. */
  settle(scope: Scope, id: string): Promise<StateProofReview> {
    return this.step(scope, id, 'settle', async (_em, r) => {
      r.settledBy = scope.userId;
      r.settledOn = this.clock.today().toISOString();
    });
  }

  /**
   * The refund arrived at the Land: booked as STATE_REFUND in the Kreis's ledger in the same
   * transaction (the Land's tier may write the ledger). The amount must be the refund set.
   */
  receiveRefund(scope: Scope, id: string, input: { receivedOn: string; amount: Money }): Promise<StateProofReview> {
    if (input.receivedOn > this.clock.today().toISOString()) throw validationError([{ path: 'receivedOn', message: 'Ein Zahlungseingang kann nicht in der Zukunft liegen.' }]);
    return this.step(scope, id, 'receiveRefund', async (em, r) => {
      if (!input.amount.equals(r.refundAmount ?? Money.ZERO)) {
        throw validationError([{ path: 'amount', message: `Festgesetzt ist eine Erstattung von ${(r.refundAmount ?? Money.ZERO).formatEur()}.` }]);
      }
      if (input.amount.isPositive()) {
        await this.ledger.post(em, scope, {
          budgetYearId: r.budgetYearId,
          kind: LedgerKind.STATE_REFUND,
          amount: input.amount,
          referenceType: 'StateProofReview',
          referenceId: r.id,
          note: 'Erstattung an das Land (Festsetzung des Landes)',
          bookingDate: input.receivedOn,
        });
      }
      r.refundReceivedOn = input.receivedOn;
      r.refundReceivedAmount = input.amount;
    });
  }

  private async step(scope: Scope, id: string, action: StateProofReviewAction, change: (em: EntityManager, r: StateProofReview) => Promise<void>): Promise<StateProofReview> {
    await this.tx.run(async (em) => {
      const r = await this.repo.get(scope, id, { em, lock: true });
      const before = snapshot(r);
      const to = STATE_PROOF_REVIEW_LIFECYCLE.transition(r.status, action, scope, { firstActorId: r.proposedBy });
      await change(em, r);
      r.status = to;
      await this.repo.save(em, r);
      await this.audit.record(em, scope, { action: `state-proof-review.${action}`, entity: 'StateProofReview', entityId: r.id, before, after: snapshot(r) });
    });
    return this.repo.get(scope, id);
  }
}

function snapshot(r: StateProofReview): Record<string, unknown> {
  return {
    stateProofId: r.stateProofId,
    status: r.status,
    recognisedCosts: r.recognisedCosts.toApiString(),
    stateMaxAmount: r.stateMaxAmount.toApiString(),
    stateRatePercent: r.stateRatePercent.toPercentString(),
    paidByState: r.paidByState.toApiString(),
    finalStateGrant: r.finalStateGrant?.toApiString() ?? null,
    refundAmount: r.refundAmount?.toApiString() ?? null,
    settledOn: r.settledOn,
    refundReceivedOn: r.refundReceivedOn,
    refundReceivedAmount: r.refundReceivedAmount?.toApiString() ?? null,
  };
}
