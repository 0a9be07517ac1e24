import { Injectable } from '@nestjs/common';
import { CalendarDate, Clock, Money, restrictToOrganisation, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { LedgerKind, LedgerService } from '@foerderfluss/funding';
import { Decision, decisionNotFound, DecisionsService } from '@foerderfluss/decisions';
import { Disbursement, DisbursementStatus } from '@foerderfluss/payments';
import { ProofKind } from './proof-of-use.entity';
import { ProofStatus } from './proof-state';
import { Recovery } from './recovery.entity';
import { Settlement } from './settlement.entity';
import { ProofsService } from './proofs.service';
import { ReviewService } from './review.service';
import { finalGrantDoc } from './final-grant-input';
import { proofIllegalState, sameSettlementApprover, settlementNotFound } from './proofs.errors';

/**
 * The money ex tunc: R is allocated to the payouts from the latest backwards (the money paid last is
 * the money that was not needed); interest on each part runs from the day after its payout.
 */
export function interestParts(
  recovery: Money,
  payouts: { paidOn: string | null; amount: Money; disbursementId?: string }[],
): { from: string | null; amount: string; disbursementId?: string }[] {
  const parts: { from: string | null; amount: string; disbursementId?: string }[] = [];
  let left = recovery;
  // A payout approved but not yet booked is the latest money of all: it is taken first, and its
  // part bears interest from the day after it is booked (from = null until then), so no part of
  // R escapes interest.
  const latestFirst = [...payouts].sort((a, b) => (a.paidOn === null ? (b.paidOn === null ? 0 : -1) : b.paidOn === null ? 1 : b.paidOn.localeCompare(a.paidOn)));
  for (const p of latestFirst) {
    if (!left.isPositive()) break;
    const take = Money.min(left, p.amount);
    parts.push({ from: p.paidOn, amount: take.toApiString(), ...(p.disbursementId ? { disbursementId: p.disbursementId } : {}) });
    left = left.minus(take);
  }
  return parts;
}

/**
 * Festsetzung (DOMAIN §2 step 8): the final grant Z from the completed Prüfvermerk, proposed by
 * staff and approved by a second person. Approval sets the commitment down to Z (RELEASE), caps
 * further payouts at Z and, where more was paid, opens the Rückforderung (RECOVERY_DUE).
 */
@Injectable()
export class SettlementsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly proofs: ProofsService,
    private readonly reviews: ReviewService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    private readonly decisions: DecisionsService,
  ) {}

  async list(scope: Scope, q: { decisionId?: string }): Promise<Settlement[]> {
    const own = restrictToOrganisation(scope);
    const qb = this.tx.manager.getRepository(Settlement).createQueryBuilder('s').innerJoinAndSelect('s.decision', 'd');
    if (own !== null) qb.andWhere(`d.provider_id = :own AND s.status = 'APPROVED'`, { own });
    if (q.decisionId) qb.andWhere('s.decision_id = :d', { d: q.decisionId });
    return qb.orderBy('s.proposed_at', 'ASC').getMany();
  }

  async get(scope: Scope, id: string): Promise<Settlement> {
    const s = await this.tx.manager.getRepository(Settlement).findOne({ where: { id }, relations: { decision: true } });
    const own = restrictToOrganisation(scope);
    if (!s || (own !== null && (s.decision!.providerId !== own || s.status !== 'APPROVED'))) throw settlementNotFound();
    return s;
  }

  async propose(scope: Scope, proofId: string, recoveryDueDate: string | null): Promise<Settlement> {
    return this.tx.run(async (em) => {
      const proof = await this.proofs.get(scope, proofId, em, true);
      if (proof.kind !== ProofKind.FINAL) throw proofIllegalState('Festgesetzt wird auf Grund des abschließenden Verwendungsnachweises, nicht eines Zwischennachweises.');
      if (proof.status !== ProofStatus.REVIEWED) throw proofIllegalState('Der Prüfvermerk zu diesem Verwendungsnachweis ist noch nicht abgeschlossen.');
      const computed = await this.reviews.compute(em, proof);
      const decision = await em.getRepository(Decision).findOneByOrFail({ id: proof.decisionId });
      const z = computed.result.finalGrant;
      const recovery = computed.result.recovery;
      if (recovery.isPositive()) {
        if (!recoveryDueDate) throw validationError([{ path: 'recoveryDueDate', message: 'Bei einer Rückforderung bitte das Fälligkeitsdatum angeben.' }]);
        if (CalendarDate.parse(recoveryDueDate, 'recoveryDueDate').isBefore(this.clock.today())) {
          throw validationError([{ path: 'recoveryDueDate', message: 'Die Fälligkeit darf nicht in der Vergangenheit liegen.' }]);
        }
      }
      const s = em.create(Settlement, {
        decisionId: decision.id,
        proofId,
        status: 'PROPOSED',
        finalGrant: z,
        recognisedCosts: computed.result.recognisedCosts,
        paidAmount: computed.paid,
        recoveryAmount: recovery,
        releaseAmount: decision.maxAmount.minus(z).atLeastZero(),
        calculation: finalGrantDoc(computed),
        recoveryDueDate: recovery.isPositive() ? recoveryDueDate : null,
        proposedBy: scope.userId!,
        proposedAt: this.clock.now(),
        approvedBy: null,
        approvedAt: null,
        decisionDate: null,
        returnReason: null,
      });
      await em.save(Settlement, s);
      await this.audit.record(em, scope, {
        action: 'settlement.propose',
        entity: 'Settlement',
        entityId: s.id,
        after: { decisionId: decision.id, finalGrant: z.toApiString(), recovery: recovery.toApiString(), release: s.releaseAmount.toApiString() },
      });
      return s;
    });
  }

  async approve(scope: Scope, id: string): Promise<{ settlement: Settlement; recovery: Recovery | null }> {
    return this.tx.run(async (em) => {
      const s = await em.getRepository(Settlement).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw settlementNotFound();
      if (s.status !== 'PROPOSED') throw proofIllegalState('Diese Festsetzung wartet nicht auf Freigabe.');
      if (s.proposedBy === scope.userId) throw sameSettlementApprover();
      const decision = await em.getRepository(Decision).findOne({ where: { id: s.decisionId }, lock: { mode: 'pessimistic_write' } });
      if (!decision) throw decisionNotFound();
      const today = this.clock.today();
      const ref = { providerId: decision.providerId, fieldOfActionCode: decision.fieldOfActionCode, socialAreaCode: decision.socialAreaCode, bookingDate: today.toISOString() };
      if (s.releaseAmount.isPositive()) {
        await this.ledger.post(em, scope, { ...ref, budgetYearId: decision.budgetYearId, kind: LedgerKind.RELEASE, amount: s.releaseAmount, referenceType: 'Decision', referenceId: decision.id, note: `Festsetzung ${decision.reference}: nicht benötigte Mittel` });
      }
      let recovery: Recovery | null = null;
      if (s.recoveryAmount.isPositive()) {
        const entry = await this.ledger.post(em, scope, {
          ...ref,
          budgetYearId: decision.budgetYearId,
          kind: LedgerKind.RECOVERY_DUE,
          amount: s.recoveryAmount,
          referenceType: 'Decision',
          referenceId: decision.id,
          note: `Rückforderung ${decision.reference}`,
        });
        // Every approved payout counts towards "paid" (decision.disbursedAmount), booked or not.
        const payouts = await em.getRepository(Disbursement).find({ where: { decisionId: decision.id } });
        recovery = em.create(Recovery, {
          reference: `${decision.reference}/R`,
          decisionId: decision.id,
          settlementId: s.id,
          providerId: decision.providerId,
          instrument: decision.instrument,
          principal: s.recoveryAmount,
          interestParts: interestParts(
            s.recoveryAmount,
            payouts.map((p) => ({ paidOn: p.status === DisbursementStatus.PAID ? p.paidOn : null, amount: p.amount, disbursementId: p.id })),
          ),
          dueDate: s.recoveryDueDate!,
          status: 'OPEN',
          repaidPrincipal: Money.ZERO,
          repaidInterest: Money.ZERO,
          settledOn: null,
          ledgerEntryId: entry.id,
        });
        await em.save(Recovery, recovery);
      }
      // Payouts stop at Z; the case closes unless money is still to come back.
      const closed = await this.decisions.applySettlement(em, scope, decision.id, s.finalGrant, !recovery);
      decision.status = closed.status;
      await this.proofs.markSettled(em, scope, s.proofId);
      Object.assign(s, { status: 'APPROVED', approvedBy: scope.userId, approvedAt: this.clock.now(), decisionDate: today.toISOString() });
      await em.save(Settlement, s);
      await this.audit.record(em, scope, {
        action: 'settlement.approve',
        entity: 'Settlement',
        entityId: s.id,
        after: { decisionId: decision.id, finalGrant: s.finalGrant.toApiString(), recoveryId: recovery?.id ?? null, decisionStatus: decision.status },
      });
      return { settlement: s, recovery };
    });
  }

  async returnProposal(scope: Scope, id: string, reason: string): Promise<Settlement> {
    return this.tx.run(async (em) => {
      const s = await em.getRepository(Settlement).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw settlementNotFound();
      if (s.status !== 'PROPOSED') throw proofIllegalState('Diese Festsetzung wartet nicht auf Freigabe.');
      Object.assign(s, { status: 'RETURNED', returnReason: reason });
      await em.save(Settlement, s);
      await this.audit.record(em, scope, { action: 'settlement.return', entity: 'Settlement', entityId: id, after: { reason } });
      return s;
    });
  }
}
