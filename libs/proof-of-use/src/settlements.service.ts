import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, ChecklistEntry, Clock, isKreisSide, labelledChecklist, LabelledChecklistEntry, Money, Scope, validationError } from '@foerderfluss/core';
import { UsersService } from '@foerderfluss/identity';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { LedgerKind, LedgerService } from '@foerderfluss/funding';
import { Decision, DecisionsService } from '@foerderfluss/decisions';
import { DisbursementStatus } from '@foerderfluss/payments';
import { ProofKind } from './proof-of-use.entity';
import { ProofStatus } from './proof-state';
import { Recovery } from './recovery.entity';
import { Settlement } from './settlement.entity';
import { ProofsService } from './proofs.service';
import { ReviewService } from './review.service';
import { finalGrantDoc } from './final-grant-input';
import { proofIllegalState } from './proofs.errors';
import { SETTLEMENT_INITIAL_STATUS, SETTLEMENT_LIFECYCLE, SettlementAction } from './settlement-state';
import { SettlementFilter, SettlementRepository } from './settlement.repository';
import { RecoveryRepository } from './recovery.repository';
import { RECOVERY_INITIAL_STATUS } from './recovery-state';
import { ProofReviewRepository } from './proof-review.repository';
import { ReceiptRepository } from './receipt.repository';
import { SETTLEMENT_CHECKLIST, settlementChecklist, settlementProposalGaps, settlementProposalIncomplete } from './settlement-checklist';

/**
 * What the second pair of eyes reads beside a Festsetzung (issue 16): the proposer's Votum, the
 * Prüfvermerk as a checklist, who proposed it and when, and why the caller may not approve it.
 */
export interface SettlementContext {
  /** Null for a Träger (internal) and for proposals made before the Votum was asked for. */
  votum: { reasons: string } | null;
  /** Null for a Träger. */
  checklist: LabelledChecklistEntry[] | null;
  proposedBy: { id: string; displayName: string };
  proposedAt: Date;
  approvalBlockedReason: string | null;
}

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
    private readonly settlements: SettlementRepository,
    private readonly recoveries: RecoveryRepository,
    private readonly reviewRepo: ProofReviewRepository,
    private readonly receiptRepo: ReceiptRepository,
    private readonly users: UsersService,
  ) {}

  async list(scope: Scope, q: SettlementFilter): Promise<Settlement[]> {
    return this.settlements.all(scope, q);
  }

  async get(scope: Scope, id: string): Promise<Settlement> {
    return this.settlements.get(scope, id);
  }

  /** What this caller may do with the settlement now: the table, the roles and four eyes. */
  allowedActions(scope: Scope, s: Settlement): SettlementAction[] {
    return SETTLEMENT_LIFECYCLE.allowedActions(s.status, scope, { firstActorId: s.proposedBy });
  }

  /** Votum, Prüfvermerk as checklist, proposer and the four-eyes reason, for the caller. */
  async context(scope: Scope, s: Settlement): Promise<SettlementContext> {
    return (await this.contexts(scope, [s]))[0]!;
  }

  /** The same for a list, with the proposers' names read in one query. */
  async contexts(scope: Scope, list: readonly Settlement[]): Promise<SettlementContext[]> {
    const names = await this.users.displayNames(list.map((s) => s.proposedBy));
    const kreis = isKreisSide(scope);
    return Promise.all(
      list.map(async (s) => {
        const base = {
          proposedBy: { id: s.proposedBy, displayName: names.get(s.proposedBy) ?? '–' },
          proposedAt: s.proposedAt,
          approvalBlockedReason: SETTLEMENT_LIFECYCLE.fourEyesBlocks(s.status, 'approve', scope, { firstActorId: s.proposedBy })
            ? 'Sie haben diese Festsetzung selbst vorgeschlagen; die Freigabe muss eine andere Person mit Zeichnungsbefugnis erteilen.'
            : null,
        };
        if (!kreis) return { ...base, votum: null, checklist: null };
        return {
          ...base,
          votum: s.votumReasons ? { reasons: s.votumReasons } : null,
          checklist: labelledChecklist(SETTLEMENT_CHECKLIST, await this.checklistOf(this.tx.manager, s.proofId)),
        };
      }),
    );
  }

  /** The Prüfvermerk of the proof read as the Festsetzung's checklist. */
  private async checklistOf(em: EntityManager, proofId: string): Promise<ChecklistEntry[]> {
    const review = await this.reviewRepo.ofProof(em, proofId);
    return settlementChecklist(review, {
      total: await this.receiptRepo.countOf(em, proofId),
      sampled: await this.receiptRepo.countOf(em, proofId, { inSample: true }),
      openInSample: await this.receiptRepo.countOf(em, proofId, { inSample: true, reviewStatus: 'OPEN' }),
    });
  }

  async propose(scope: Scope, proofId: string, recoveryDueDate: string | null, votumReasons: string | null): Promise<Settlement> {
    return this.tx.run(async (em) => {
      const proof = await this.proofs.get(scope, proofId, em, true);
      if (proof.kind !== ProofKind.FINAL) throw proofIllegalState('Festgesetzt wird auf Grund des abschließenden Verwendungsnachweises, nicht eines Zwischennachweises.');
      if (proof.status !== ProofStatus.REVIEWED) throw proofIllegalState('Der Prüfvermerk zu diesem Verwendungsnachweis ist noch nicht abgeschlossen.');
      // Four eyes with context: the Prüfvermerk decided and a Votum saying why (409 naming what is missing).
      const gaps = settlementProposalGaps(await this.checklistOf(em, proofId), votumReasons);
      if (gaps.length > 0) throw settlementProposalIncomplete(gaps);
      const computed = await this.reviews.compute(em, proof);
      const { decision } = await this.decisions.currentVersion(em, proof.decisionId);
      const z = computed.result.finalGrant;
      const recovery = computed.result.recovery;
      if (recovery.isPositive()) {
        if (!recoveryDueDate) throw validationError([{ path: 'recoveryDueDate', message: 'Bei einer Rückforderung bitte das Fälligkeitsdatum angeben.' }]);
        if (CalendarDate.parse(recoveryDueDate, 'recoveryDueDate').isBefore(this.clock.today())) {
          throw validationError([{ path: 'recoveryDueDate', message: 'Die Fälligkeit darf nicht in der Vergangenheit liegen.' }]);
        }
      }
      const s = this.settlements.create(em, {
        decisionId: decision.id,
        proofId,
        status: SETTLEMENT_INITIAL_STATUS,
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
        votumReasons: votumReasons!.trim(),
      });
      await this.settlements.save(em, s);
      await this.audit.record(em, scope, {
        action: 'settlement.propose',
        entity: 'Settlement',
        entityId: s.id,
        after: { decisionId: decision.id, finalGrant: z.toApiString(), recovery: recovery.toApiString(), release: s.releaseAmount.toApiString(), votumReasons: s.votumReasons },
      });
      return s;
    });
  }

  /**
   * The Rückforderung approving `s` opens (not saved), or null when nothing is to be recovered:
   * the approval saves it with its ledger entry, the letter preview (issue 16) renders it as a draft.
   */
  async recoveryOf(em: EntityManager, s: Settlement, decision: Decision, ledgerEntryId: string): Promise<Recovery | null> {
    if (!s.recoveryAmount.isPositive()) return null;
    // Every approved payout counts towards "paid" (decision.disbursedAmount), booked or not.
    const payouts = await this.recoveries.payoutsOf(decision.id, em);
    return this.recoveries.create(em, {
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
      status: RECOVERY_INITIAL_STATUS,
      repaidPrincipal: Money.ZERO,
      repaidInterest: Money.ZERO,
      settledOn: null,
      ledgerEntryId,
    });
  }

  async approve(scope: Scope, id: string): Promise<{ settlement: Settlement; recovery: Recovery | null }> {
    return this.tx.run(async (em) => {
      const s = await this.settlements.lockWithDecision(scope, id, em);
      const approved = SETTLEMENT_LIFECYCLE.transition(s.status, 'approve', scope, { firstActorId: s.proposedBy });
      const decision = s.decision!;
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
        recovery = (await this.recoveryOf(em, s, decision, entry.id))!;
        await this.recoveries.save(em, recovery);
      }
      // Payouts stop at Z; the case closes unless money is still to come back.
      const closed = await this.decisions.applySettlement(em, scope, decision.id, s.finalGrant, !recovery);
      decision.status = closed.status;
      await this.proofs.markSettled(em, scope, s.proofId);
      Object.assign(s, { status: approved, approvedBy: scope.userId, approvedAt: this.clock.now(), decisionDate: today.toISOString() });
      await this.settlements.save(em, s);
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
      const s = await this.settlements.get(scope, id, { em, lock: true });
      const returned = SETTLEMENT_LIFECYCLE.transition(s.status, 'return', scope, { firstActorId: s.proposedBy });
      Object.assign(s, { status: returned, returnReason: reason });
      await this.settlements.save(em, s);
      await this.audit.record(em, scope, { action: 'settlement.return', entity: 'Settlement', entityId: id, after: { reason } });
      return s;
    });
  }
}
