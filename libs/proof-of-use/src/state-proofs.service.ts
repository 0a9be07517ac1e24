import { Injectable } from '@nestjs/common';
import { Money, plural, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BudgetYear, budgetYearNotFound, BudgetYearBalance, LedgerKind, LedgerService } from '@foerderfluss/funding';
import { calculateStateSettlement, StateSettlementResult } from '@foerderfluss/rules';
import { Settlement, StateProof } from './proof.entity';
import { proofIllegalState } from './proofs.errors';

export interface StateProofView {
  proof: StateProof;
  budgetYear: BudgetYear;
  /** Σ Z of the approved Festsetzungen of the year. */
  providerGrants: Money;
  settledDecisions: number;
  openDecisions: number;
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
  ) {}

  async view(budgetYearId: string): Promise<StateProofView> {
    const em = this.tx.manager;
    const year = await em.getRepository(BudgetYear).findOneBy({ id: budgetYearId });
    if (!year) throw budgetYearNotFound();
    const proof =
      (await em.getRepository(StateProof).findOneBy({ budgetYearId })) ??
      Object.assign(new StateProof(), { budgetYearId, status: 'DRAFT', ownEligibleCosts: Money.ZERO, figures: null, submittedOn: null, submissionReference: null, submittedBy: null });
    const settlements = await em
      .getRepository(Settlement)
      .createQueryBuilder('s')
      .innerJoin('s.decision', 'd')
      .where(`s.status = 'APPROVED' AND d.budget_year_id = :y`, { y: budgetYearId })
      .getMany();
    const [{ open }] = (await em.query(
      `SELECT count(*)::int AS open FROM decision d WHERE d.budget_year_id = $1 AND d.outcome = 'GRANT' AND d.status = 'IN_FORCE'
         AND NOT EXISTS (SELECT 1 FROM settlement s WHERE s.decision_id = d.id AND s.status = 'APPROVED')`,
      [budgetYearId],
    )) as { open: number }[];
    const balance = await em.getRepository(BudgetYearBalance).findOneByOrFail({ budgetYearId });
    const providerGrants = Money.sum(settlements.map((s) => s.finalGrant));
    const districtRecognisedCosts = providerGrants.plus(proof.ownEligibleCosts);
    const recovered = balance.recoveriesReceivedState.plus(balance.recoveriesReceivedDistrict);
    const stateDisbursed = balance.receivedFromState.minus(balance.refundedToState);
    const result = calculateStateSettlement({
      stateRate: year.stateRatePercent,
      stateMaxAmount: balance.allocatedState,
      stateDisbursed,
      districtRecognisedCosts,
      recoveredFromProviders: recovered,
      recoveryStateShare: year.stateRatePercent,
    });
    return {
      proof,
      budgetYear: year,
      providerGrants,
      settledDecisions: settlements.length,
      openDecisions: open!,
      districtRecognisedCosts,
      stateMaxAmount: balance.allocatedState,
      stateDisbursed,
      recoveredFromProviders: recovered,
      result,
    };
  }

  async setOwnCosts(scope: Scope, budgetYearId: string, ownEligibleCosts: Money): Promise<StateProofView> {
    await this.tx.run(async (em) => {
      const p = await this.lock(budgetYearId, em);
      if (p.status === 'SUBMITTED') throw proofIllegalState('Der Verwendungsnachweis an das Land ist bereits eingereicht.');
      const before = p.ownEligibleCosts.toApiString();
      p.ownEligibleCosts = ownEligibleCosts;
      await em.save(StateProof, p);
      await this.audit.record(em, scope, { action: 'state-proof.own-costs', entity: 'StateProof', entityId: p.id, before: { ownEligibleCosts: before }, after: { ownEligibleCosts: ownEligibleCosts.toApiString() } });
    });
    return this.view(budgetYearId);
  }

  async submit(scope: Scope, budgetYearId: string, submittedOn: string, submissionReference: string): Promise<StateProofView> {
    await this.tx.run(async (em) => {
      const p = await this.lock(budgetYearId, em);
      if (p.status === 'SUBMITTED') throw proofIllegalState('Der Verwendungsnachweis an das Land ist bereits eingereicht.');
      const v = await this.view(budgetYearId);
      if (v.openDecisions > 0) {
        throw proofIllegalState(`Es ${plural(v.openDecisions, 'ist', 'sind')} noch ${v.openDecisions} ${plural(v.openDecisions, 'Bewilligung', 'Bewilligungen')} des Jahres nicht festgesetzt; der Nachweis an das Land wäre unvollständig.`);
      }
      Object.assign(p, {
        status: 'SUBMITTED',
        submittedOn,
        submissionReference,
        submittedBy: scope.userId,
        figures: JSON.parse(JSON.stringify({ ...v.result, providerGrants: v.providerGrants, districtRecognisedCosts: v.districtRecognisedCosts, stateDisbursed: v.stateDisbursed })) as Record<string, unknown>,
      });
      await em.save(StateProof, p);
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

  private async lock(budgetYearId: string, em: import('typeorm').EntityManager): Promise<StateProof> {
    if (!(await em.getRepository(BudgetYear).existsBy({ id: budgetYearId }))) throw budgetYearNotFound();
    await em.query(`INSERT INTO state_proof (budget_year_id, status) VALUES ($1, 'DRAFT') ON CONFLICT (budget_year_id) DO NOTHING`, [budgetYearId]);
    return em.getRepository(StateProof).findOneOrFail({ where: { budgetYearId }, lock: { mode: 'pessimistic_write' } });
  }
}
