import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, Money, Page, Scope } from '@foerderfluss/core';
import { ListParams, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { FinancingPlanDoc } from '@foerderfluss/applications';
import { assertDecisionPermits, DecisionsService, DecisionStatus } from '@foerderfluss/decisions';
import { ProofKind, ProofOfUse } from './proof-of-use.entity';
import { ProofStatus } from './proof-state';
import { Receipt } from './receipt.entity';
import { ProofAction, proofAllowedActions, proofTransition } from './proof-state';
import { INCOME_KINDS, ReceiptContext } from './receipt-rules';
import { ProofFilter, ProofOfUseRepository } from './proof-of-use.repository';
import { ReceiptRepository } from './receipt.repository';
import { ProofDecisionRepository } from './proof-decision.repository';
import { SettlementRepository } from './settlement.repository';

export interface DeadlineItem {
  decisionId: string;
  decisionReference: string;
  providerId: string;
  providerName: string;
  kind: ProofKind;
  coveredYear: number | null;
  due: string;
  proofId: string | null;
  proofStatus: ProofStatus | null;
  overdue: boolean;
}

/**
 * Verwendungsnachweise, the reading side every other part builds on: a proof and its Belegliste,
 * the deadlines, the receipt frame and the Ist from the Belege, the edit check, and the settlement
 * (the only status change from outside). Drafting is ProofDraftsService, the Belege typed in
 * ReceiptsService, the submission ProofSubmissionService.
 */
@Injectable()
export class ProofsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly decisions: DecisionsService,
    private readonly clock: Clock,
    private readonly repo: ProofOfUseRepository,
    private readonly receiptRepo: ReceiptRepository,
    private readonly decisionRepo: ProofDecisionRepository,
    private readonly settlementRepo: SettlementRepository,
  ) {}

  /** For the Festsetzung: the proof it settles moves REVIEWED → SETTLED; only this lib writes a proof's status. */
  async markSettled(em: EntityManager, scope: Scope, proofId: string): Promise<void> {
    const proof = await this.get(scope, proofId, em, true);
    const before = proof.status;
    proof.status = proofTransition(proof.status, 'settle', scope);
    await this.repo.save(em, proof);
    await this.audit.record(em, scope, { action: 'proof.settle', entity: 'ProofOfUse', entityId: proofId, before: { status: before }, after: { status: proof.status } });
  }

  /** The actions the caller may take on this proof now (the lifecycle table, the roles, and no second Festsetzung while one is proposed or approved). */
  async allowedActions(scope: Scope, proof: ProofOfUse, em: EntityManager = this.tx.manager): Promise<ProofAction[]> {
    const actions = proofAllowedActions(proof.status, proof.kind, scope);
    if (!actions.includes('proposeSettlement') || !(await this.settlementRepo.hasPendingForProof(em, proof.id))) return actions;
    return actions.filter((a) => a !== 'proposeSettlement');
  }

  // ───────────────────────────── reading ─────────────────────────────

  async list(scope: Scope, q: ListParams & ProofFilter): Promise<Page<ProofOfUse>> {
    return this.repo.list(scope, q);
  }

  async get(scope: Scope, id: string, em: EntityManager = this.tx.manager, lock = false): Promise<ProofOfUse> {
    return this.repo.get(scope, id, { em, lock });
  }

  /**
   * The Belegliste of a proof; `reviewVisible` says whether the caller sees the check of the Belege
   * (a Träger only once the proof is settled, and until then it cannot filter by the sample either).
   */
  async receipts(scope: Scope, id: string, q: { limit?: number; cursor?: string; inSample?: boolean }): Promise<Page<Receipt> & { reviewVisible: boolean }> {
    const proof = await this.get(scope, id);
    const reviewVisible = this.receiptRepo.reviewVisible(scope, proof);
    const page = await this.receiptRepo.list(scope, { proofId: id, limit: q.limit, cursor: q.cursor, ...(reviewVisible ? { inSample: q.inSample } : {}) });
    return { ...page, reviewVisible };
  }

  /** The frame every receipt of this proof is checked against (also used by the import worker). */
  async contextFor(em: EntityManager, proof: ProofOfUse): Promise<ReceiptContext> {
    const { version } = await this.decisions.currentVersion(em, proof.decisionId);
    const frame = await this.repo.applicationFrame(em, proof.decisionId);
    const plan = version.approvedPlan as unknown as FinancingPlanDoc;
    let periodStart = CalendarDate.parse(version.periodStart);
    let periodEnd = CalendarDate.parse(version.periodEnd);
    if (proof.kind === ProofKind.INTERIM && proof.coveredYear) {
      periodStart = CalendarDate.max(periodStart, CalendarDate.of(proof.coveredYear, 1, 1));
      periodEnd = CalendarDate.min(periodEnd, CalendarDate.of(proof.coveredYear, 12, 31));
    }
    const eligibleFrom = CalendarDate.max(periodStart, CalendarDate.parse(version.eligibleFrom ?? version.periodStart));
    return {
      eligibleFrom,
      periodStart,
      periodEnd,
      planCategories: [...new Set(plan.costLines.map((l) => l.category))],
      personnelPositions: plan.personnelPositions.map((p) => p.label),
      vatDeductible: frame.vatDeductible,
      maxAmount: version.maxAmount,
      today: this.clock.today(),
      categoryNames: await this.categoryNames(em),
    };
  }

  /** German names of every Kostenart and income kind, by code (reference data; one place). */
  async categoryNames(em: EntityManager = this.tx.manager): Promise<Map<string, string>> {
    const names = new Map<string, string>(INCOME_KINDS.map((k) => [k.code, k.name]));
    for (const [code, name] of await this.repo.costCategoryNames(em)) names.set(code, name);
    return names;
  }

  /** Σ eligible amounts of the expense Belege per Kostenart. */
  async receiptSums(em: EntityManager, proofId: string): Promise<Map<string, Money>> {
    return this.receiptRepo.expenseSums(em, proofId);
  }

  /**
   * The Ist per plan line is the Σ of the Belege of its Kostenart; a line the Träger changed with a
   * reason keeps its amount. Where a Kostenart has several plan lines, the Belege go to the first
   * (a Beleg names the Kostenart, not the line); the others can be set with a reason.
   */
  async syncActuals(em: EntityManager, proof: ProofOfUse): Promise<void> {
    const sums = await this.receiptSums(em, proof.id);
    const seen = new Set<string>();
    proof.figures = {
      ...proof.figures,
      costLines: proof.figures.costLines.map((l) => {
        const first = !seen.has(l.category);
        seen.add(l.category);
        if (l.overrideReason) return l;
        return { ...l, actual: (first ? (sums.get(l.category) ?? Money.ZERO) : Money.ZERO).toApiString(), overrideReason: null };
      }),
    };
    proof.actualCosts = Money.sum(proof.figures.costLines.map((l) => Money.of(l.actual)));
    await this.repo.saveFigures(em, proof);
  }

  /** What the Belege give per plan line (for the view next to the Ist). */
  async fromReceipts(proof: ProofOfUse, em: EntityManager = this.tx.manager): Promise<Money[]> {
    const sums = await this.receiptSums(em, proof.id);
    const seen = new Set<string>();
    return proof.figures.costLines.map((l) => {
      const first = !seen.has(l.category);
      seen.add(l.category);
      return first ? (sums.get(l.category) ?? Money.ZERO) : Money.ZERO;
    });
  }
  async deadlines(scope: Scope, q: { onlyOpen?: boolean; overdueOnly?: boolean; dueBefore?: string }): Promise<DeadlineItem[]> {
    const rows = await this.decisionRepo.deadlineRows(scope);
    const proofs = await this.repo.ofDecisions(this.tx.manager, rows.map((d) => d.id));
    const today = this.clock.today();
    const items: DeadlineItem[] = [];
    for (const d of rows) {
      const dues: { kind: ProofKind; year: number | null; due: string }[] = [
        ...d.interimProofsDue.map((i) => ({ kind: ProofKind.INTERIM, year: i.year, due: i.due })),
        ...(d.proofDue ? [{ kind: ProofKind.FINAL, year: null, due: d.proofDue }] : []),
      ];
      for (const x of dues) {
        const proof = proofs.find((p) => p.decisionId === d.id && p.kind === x.kind && (p.coveredYear ?? null) === x.year);
        const open = !proof || proof.status === ProofStatus.DRAFT;
        items.push({
          decisionId: d.id,
          decisionReference: d.reference,
          providerId: d.providerId,
          providerName: d.providerName,
          kind: x.kind,
          coveredYear: x.year,
          due: x.due,
          proofId: proof?.id ?? null,
          proofStatus: proof?.status ?? null,
          overdue: open && today.isAfter(CalendarDate.parse(x.due)),
        });
      }
    }
    return items
      .filter((i) => !q.onlyOpen || i.proofStatus === null || i.proofStatus === ProofStatus.DRAFT)
      .filter((i) => !q.overdueOnly || i.overdue)
      .filter((i) => !q.dueBefore || i.due <= q.dueBefore)
      .sort((a, b) => a.due.localeCompare(b.due) || a.decisionReference.localeCompare(b.decisionReference));
  }

  async editable(scope: Scope, id: string, em: EntityManager): Promise<ProofOfUse> {
    const proof = await this.get(scope, id, em, true);
    // Only the Träger itself fills in its draft; the Landratsamt reviews it.
    proofTransition(proof.status, 'update', scope);
    await this.assertDecisionOpen(em, proof);
    return proof;
  }

  /** The Träger's work on a VN stops once its decision is revoked or closed (the decisions lib's rule, issue 18). */
  async assertDecisionOpen(em: EntityManager, proof: Pick<ProofOfUse, 'decisionId'>): Promise<void> {
    assertDecisionPermits(await this.decisionStatus(em, proof), 'proofChange');
  }

  async decisionStatus(em: EntityManager, proof: Pick<ProofOfUse, 'decisionId'>): Promise<DecisionStatus> {
    return (await this.decisions.currentVersion(em, proof.decisionId)).decision.status;
  }
}
