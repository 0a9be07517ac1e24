import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Money, plural, Scope, systemScope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BudgetFigures, BudgetFiguresService, BudgetYear, BudgetYearsService, LedgerKind, LedgerService } from '@foerderfluss/funding';
import { calculateStateSettlement, StateSettlementResult } from '@foerderfluss/rules';
import { StateProof } from './state-proof.entity';
import { StateProofRepository } from './state-proof.repository';
import { proofIllegalState } from './proofs.errors';
import { STATE_PROOF_LIFECYCLE, StateProofAction, stateProofTransition } from './proof-state';

export interface StateProofView {
  proof: StateProof;
  budgetYear: BudgetYear;
  /** The year's budget figures (the one figures service), which the money lines below come from. */
  figures: BudgetFigures;
  /** Σ Z of the approved Festsetzungen of the year. */
  providerGrants: Money;
  settledDecisions: number;
  /** Träger projects of the year whose Festsetzung is still missing (VN not settled or not approved). */
  openSettlements: number;
  /**
   * While any Träger settlement is open, A_kreis and with it Z_land and the refund to the Land are
   * not final: the proof is provisional (vorläufig) and cannot be submitted.
   */
  provisional: boolean;
  /** The German reason shown and exported while provisional, else null. */
  provisionalReason: string | null;
  districtRecognisedCosts: Money;
  stateMaxAmount: Money;
  stateDisbursed: Money;
  recoveredFromProviders: Money;
  result: StateSettlementResult;
}

/**
 * Der Verwendungsnachweis des Landkreises an das Land (DOMAIN §6): A_kreis from the Träger
 * settlements plus the Kreis's own eligible costs; Z_land, the refund and the Kreis share, and how
 * the recovered money splits, via libs/rules. Submitted once, with its figures frozen.
 */
@Injectable()
export class StateProofsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly budgetYears: BudgetYearsService,
    private readonly figures: BudgetFiguresService,
    private readonly repo: StateProofRepository,
  ) {}

  /** Read for staff and auditors (the route says so; the record is staff-only in its repository). */
  async view(budgetYearId: string, scope: Scope = systemScope()): Promise<StateProofView> {
    const em = this.tx.manager;
    // The caller's scope: another Kreis's budget year is a 404 (issue 20).
    const { year } = await this.budgetYears.get(scope, budgetYearId);
    const figures = await this.figures.figures(systemScope(), budgetYearId, em);
    const stored = await this.repo.forYear(em, budgetYearId);
    const proof =
      stored ??
      Object.assign(new StateProof(), { budgetYearId, status: 'DRAFT', ownEligibleCosts: Money.ZERO, figures: null, submittedOn: null, submissionReference: null, submittedBy: null });
    const settlements = await this.repo.approvedSettlements(em, budgetYearId);
    const open = await this.repo.unsettledDecisions(em, budgetYearId);
    const providerGrants = Money.sum(settlements.map((s) => s.finalGrant));
    const districtRecognisedCosts = providerGrants.plus(proof.ownEligibleCosts);
    const recovered = figures.recoveriesReceived.total;
    const stateDisbursed = figures.receivedFromState.minus(figures.refundedToState);
    const result = calculateStateSettlement({
      stateRate: year.stateRatePercent,
      stateMaxAmount: figures.allocated.state,
      stateDisbursed,
      districtRecognisedCosts,
      recoveredFromProviders: recovered,
      recoveryStateShare: year.stateRatePercent,
    });
    return {
      proof,
      budgetYear: year,
      figures,
      providerGrants,
      settledDecisions: settlements.length,
      openSettlements: open,
      provisional: open > 0,
      provisionalReason: open > 0 ? provisionalReason(open) : null,
      districtRecognisedCosts,
      stateMaxAmount: figures.allocated.state,
      stateDisbursed,
      recoveredFromProviders: recovered,
      result,
    };
  }

  /** What the caller may do with the year's state proof now; a provisional one cannot be submitted. */
  allowedActions(scope: Scope, view: StateProofView): StateProofAction[] {
    return STATE_PROOF_LIFECYCLE.allowedActions(view.proof.status, scope).filter((a) => a !== 'submit' || !view.provisional);
  }

  async setOwnCosts(scope: Scope, budgetYearId: string, ownEligibleCosts: Money): Promise<StateProofView> {
    await this.tx.run(async (em) => {
      const p = await this.lock(scope, budgetYearId, em);
      stateProofTransition(p.status, 'setOwnCosts', scope);
      const before = p.ownEligibleCosts.toApiString();
      p.ownEligibleCosts = ownEligibleCosts;
      await this.repo.save(em, p);
      await this.audit.record(em, scope, { action: 'state-proof.own-costs', entity: 'StateProof', entityId: p.id, before: { ownEligibleCosts: before }, after: { ownEligibleCosts: ownEligibleCosts.toApiString() } });
    });
    return this.view(budgetYearId);
  }

  async submit(scope: Scope, budgetYearId: string, submittedOn: string, submissionReference: string): Promise<StateProofView> {
    await this.tx.run(async (em) => {
      const p = await this.lock(scope, budgetYearId, em);
      const to = stateProofTransition(p.status, 'submit', scope);
      const v = await this.view(budgetYearId);
      // DOMAIN §6: A_kreis is the sum of the final grants Z of *all* Träger projects of the year, and
      // the submitted figures are frozen. A provisional proof would freeze a refund that can still
      // change, so it is refused (409) rather than submitted with a warning.
      if (v.provisional) {
        throw proofIllegalState(
          `Der Nachweis an das Land ist vorläufig: ${v.openSettlements} ${plural(v.openSettlements, 'Verwendungsnachweis eines Trägers ist', 'Verwendungsnachweise der Träger sind')} noch nicht festgesetzt. ` +
            'Eingereicht werden kann er erst, wenn alle festgesetzt sind; die eingereichten Zahlen sind endgültig.',
        );
      }
      Object.assign(p, {
        status: to,
        submittedOn,
        submissionReference,
        submittedBy: scope.userId,
        figures: JSON.parse(JSON.stringify({ ...v.result, providerGrants: v.providerGrants, districtRecognisedCosts: v.districtRecognisedCosts, stateDisbursed: v.stateDisbursed })) as Record<string, unknown>,
      });
      await this.repo.save(em, p);
      await this.audit.record(em, scope, { action: 'state-proof.submit', entity: 'StateProof', entityId: p.id, after: { submittedOn, submissionReference, figures: p.figures } });
    });
    return this.view(budgetYearId);
  }

  /** Money returned to the Land (STATE_REFUND). */
  async recordRefund(scope: Scope, budgetYearId: string, amount: Money, refundedOn: string): Promise<StateProofView> {
    if (!amount.isPositive()) throw validationError([{ path: 'amount', message: 'Der Betrag muss größer als 0,00 € sein.' }]);
    await this.tx.run(async (em) => {
      await this.ledger.post(em, scope, { budgetYearId, kind: LedgerKind.STATE_REFUND, amount, referenceType: 'StateProof', referenceId: budgetYearId, note: 'Erstattung an das Land', bookingDate: refundedOn });
    });
    return this.view(budgetYearId);
  }

  private async lock(scope: Scope, budgetYearId: string, em: EntityManager): Promise<StateProof> {
    await this.budgetYears.get(scope, budgetYearId);
    return this.repo.lockForYear(em, budgetYearId);
  }
}

/** The warning of a provisional Landesnachweis, in the words the page, the export and the 409 use. */
export function provisionalReason(open: number): string {
  return `Vorläufig: ${open} ${plural(open, 'Verwendungsnachweis eines Trägers ist', 'Verwendungsnachweise der Träger sind')} noch nicht festgesetzt; die Erstattung an das Land kann sich noch ändern.`;
}
