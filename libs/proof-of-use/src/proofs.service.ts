import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, dec, FieldError, Money, Page, Scope } from '@foerderfluss/core';
import { ListParams, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ParametersService } from '@foerderfluss/programmes';
import { AttachmentOwnerType, FinancingPlanDoc, markAttachmentsSubmitted } from '@foerderfluss/applications';
import { decisionNotFound, DecisionsService, DecisionStatus } from '@foerderfluss/decisions';
import { NarrativeReport, ProofKind, ProofOfUse } from './proof-of-use.entity';
import { ProofStatus } from './proof-state';
import { Receipt } from './receipt.entity';
import { ProofAction, proofAllowedActions, proofTransition } from './proof-state';
import { checkReceipt, INCOME_KINDS, ParsedReceipt, ReceiptContext, ValidReceipt } from './receipt-rules';
import { ProofFilter, ProofOfUseRepository } from './proof-of-use.repository';
import { ReceiptRepository } from './receipt.repository';
import { ProofDecisionRepository } from './proof-decision.repository';
import { ProofAttachmentRepository } from './proof-attachment.repository';
import { SettlementRepository } from './settlement.repository';
import { proofExists, proofPeriodNotEnded, proofIncomplete, proofInvalid, receiptNotFound } from './proofs.errors';

export interface Finding {
  code: 'DUPLICATE_RECEIPT_NUMBER' | 'LINE_SUM_MISMATCH' | 'PERSONNEL_ABOVE_COMPARISON' | 'NO_RECEIPTS' | 'INCOME_NOT_REPORTED';
  message: string;
  receiptIds: string[];
  category: string | null;
}

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

/** What the Träger sends for the zahlenmäßiger Nachweis: per line the Ist only with a reason. */
export interface FiguresInput {
  costLines: { category: string; description: string; actual?: string | null; overrideReason?: string | null }[];
  ownFunds: string;
  thirdPartyFunds: string;
}

export const EMPTY_NARRATIVE: NarrativeReport = { measure: '', goalsAchieved: '', targetGroupReached: '', deviations: '', indicators: [] };

export function receiptToRow(v: ValidReceipt, proofId: string): Partial<Receipt> {
  return {
    proofId,
    position: v.position,
    receiptNumber: v.receiptNumber,
    receiptDate: v.receiptDate.toISOString(),
    paymentDate: v.paymentDate.toISOString(),
    counterparty: v.counterparty,
    reason: v.reason,
    direction: v.direction,
    costCategory: v.costCategory,
    grossAmount: v.grossAmount,
    vatAmount: v.vatAmount,
    projectSharePercent: v.projectSharePercent.toString(),
    eligibleAmount: v.eligibleAmount,
    personnelPosition: v.personnelPosition,
    inSample: false,
    sampleReason: null,
    reviewStatus: 'OPEN',
    recognisedAmount: null,
    reviewNote: null,
    retainUntil: null,
  };
}

/**
 * Verwendungsnachweise of the Träger: Sachbericht, zahlenmäßiger Nachweis and Belegliste, the
 * checks a Träger sees before submitting, the deadlines, and the submission that starts the
 * retention period of the Belege.
 */
@Injectable()
export class ProofsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly decisions: DecisionsService,
    private readonly parameters: ParametersService,
    private readonly clock: Clock,
    private readonly repo: ProofOfUseRepository,
    private readonly receiptRepo: ReceiptRepository,
    private readonly decisionRepo: ProofDecisionRepository,
    private readonly attachmentRepo: ProofAttachmentRepository,
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

  /** What the Träger should look at before submitting; none of it blocks the submission. */
  async findings(scope: Scope, id: string): Promise<Finding[]> {
    const proof = await this.get(scope, id);
    return this.computeFindings(this.tx.manager, proof);
  }

  async computeFindings(em: EntityManager, proof: ProofOfUse): Promise<Finding[]> {
    const receipts = await this.receiptRepo.forProof(em, proof.id);
    const { version } = await this.decisions.currentVersion(em, proof.decisionId);
    const plan = version.approvedPlan as unknown as FinancingPlanDoc;
    const findings: Finding[] = [];
    const names = await this.categoryNames(em);
    const nameOf = (code: string): string => names.get(code) ?? code;
    if (receipts.length === 0) findings.push({ code: 'NO_RECEIPTS', message: 'Die Belegliste ist leer.', receiptIds: [], category: null });
    const byNumber = new Map<string, Receipt[]>();
    for (const r of receipts) byNumber.set(r.receiptNumber, [...(byNumber.get(r.receiptNumber) ?? []), r]);
    for (const [number, rs] of byNumber) {
      if (rs.length > 1) {
        findings.push({
          code: 'DUPLICATE_RECEIPT_NUMBER',
          message: `Die Belegnummer ${number} kommt ${rs.length}-mal vor (lfd. Nr. ${rs.map((r) => r.position).join(', ')}).`,
          receiptIds: rs.map((r) => r.id),
          category: null,
        });
      }
    }
    const categories = [...new Set(proof.figures.costLines.map((l) => l.category))];
    for (const category of categories) {
      const reported = Money.sum(proof.figures.costLines.filter((l) => l.category === category).map((l) => Money.of(l.actual)));
      const rs = receipts.filter((r) => r.direction === 'EXPENSE' && r.costCategory === category);
      const listed = Money.sum(rs.map((r) => r.eligibleAmount));
      if (!listed.equals(reported)) {
        const reasons = proof.figures.costLines.filter((l) => l.category === category && l.overrideReason).map((l) => l.overrideReason!);
        findings.push({
          code: 'LINE_SUM_MISMATCH',
          message:
            `${nameOf(category)}: Die Belege ergeben ${listed.formatEur()}, im zahlenmäßigen Nachweis stehen ${reported.formatEur()} (Differenz ${reported.minus(listed).abs().formatEur()}).` +
            (reasons.length ? ` Begründung: ${reasons.join('; ')}` : ''),
          receiptIds: rs.map((r) => r.id),
          category,
        });
      }
    }
    const thirdParty = Money.of(proof.figures.thirdPartyFunds);
    const income = Money.sum(receipts.filter((r) => r.direction === 'INCOME' && r.costCategory === 'THIRD_PARTY').map((r) => r.eligibleAmount));
    if (income.greaterThan(thirdParty)) {
      findings.push({
        code: 'INCOME_NOT_REPORTED',
        message: `Die Belegliste weist Drittmittel von ${income.formatEur()} aus, der zahlenmäßige Nachweis nur ${thirdParty.formatEur()}.`,
        receiptIds: [],
        category: 'THIRD_PARTY',
      });
    }
    for (const p of plan.personnelPositions) {
      const rs = receipts.filter((r) => r.personnelPosition === p.label && r.direction === 'EXPENSE');
      const paid = Money.sum(rs.map((r) => r.eligibleAmount));
      // Besserstellungsverbot: at most the TV-L comparison amount × VZÄ × months (DOMAIN §4).
      const cap = Money.min(Money.of(p.monthlyEmployerGross), Money.of(p.comparisonAmount)).times(dec(p.fte)).times(dec(p.months)).round();
      if (paid.greaterThan(cap) && Money.of(p.monthlyEmployerGross).greaterThan(Money.of(p.comparisonAmount))) {
        findings.push({
          code: 'PERSONNEL_ABOVE_COMPARISON',
          message: `Stelle „${p.label}“: Gezahlt wurden ${paid.formatEur()}, nach dem Besserstellungsverbot zuwendungsfähig sind höchstens ${cap.formatEur()}.`,
          receiptIds: rs.map((r) => r.id),
          category: 'PERSONNEL',
        });
      }
    }
    return findings;
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

  // ───────────────────────────── the Träger's side ─────────────────────────────

  async create(scope: Scope, decisionId: string, kind: ProofKind, coveredYear: number | null): Promise<ProofOfUse> {
    return this.tx.run(async (em) => {
      const decision = await this.decisionRepo.get(scope, decisionId, { em, lock: true });
      if (decision.currentVersionNo === null) throw decisionNotFound();
      if (![DecisionStatus.IN_FORCE, DecisionStatus.REVOKED].includes(decision.status)) {
        throw proofInvalid([{ path: 'decisionId', message: 'Für diese Entscheidung ist kein Verwendungsnachweis zu führen.' }]);
      }
      const { version } = await this.decisions.currentVersion(em, decisionId);
      if (kind === ProofKind.INTERIM) {
        const due = version.interimProofsDue.map((i) => i.year);
        if (coveredYear === null || !due.includes(coveredYear)) {
          throw proofInvalid([{ path: 'coveredYear', message: due.length ? `Zwischennachweise sind für die Jahre ${due.join(', ')} zu führen.` : 'Für diese Entscheidung sind keine Zwischennachweise vorgesehen.' }]);
        }
      } else if (coveredYear !== null) {
        throw proofInvalid([{ path: 'coveredYear', message: 'Nur Zwischennachweise beziehen sich auf ein Kalenderjahr.' }]);
      }
      if (await this.repo.exists(em, decisionId, kind, coveredYear)) throw proofExists();
      const plan = version.approvedPlan as unknown as FinancingPlanDoc;
      const proof = await this.repo.insert(em, {
        reference: kind === ProofKind.FINAL ? `${decision.reference}/VN` : `${decision.reference}/ZN-${coveredYear}`,
        decisionId,
        providerId: decision.providerId,
        budgetYearId: decision.budgetYearId,
        kind,
        coveredYear,
        status: ProofStatus.DRAFT,
        narrative: EMPTY_NARRATIVE,
        figures: {
          costLines: plan.costLines.map((l) => ({ category: l.category, description: l.description, planned: l.amount, actual: '0.00' })),
          ownFunds: '0.00',
          thirdPartyFunds: '0.00',
        },
        actualCosts: Money.ZERO,
        submittedAt: null,
        submittedBy: null,
        retainUntil: null,
      });
      await this.audit.record(em, scope, { action: 'proof.create', entity: 'ProofOfUse', entityId: proof.id, after: { reference: proof.reference, kind, coveredYear } });
      return proof;
    });
  }

  async update(scope: Scope, id: string, patch: { narrative?: NarrativeReport; figures?: FiguresInput }): Promise<ProofOfUse> {
    return this.tx.run(async (em) => {
      const proof = await this.editable(scope, id, em);
      const before = { narrative: proof.narrative, figures: proof.figures };
      if (patch.narrative) proof.narrative = patch.narrative;
      if (patch.figures) {
        const errors: FieldError[] = [];
        if (patch.figures.costLines.length !== proof.figures.costLines.length) {
          errors.push({ path: 'figures.costLines', message: `Der zahlenmäßige Nachweis muss die ${proof.figures.costLines.length} Positionen des bewilligten Plans enthalten.` });
        } else {
          patch.figures.costLines.forEach((l, i) => {
            const planned = proof.figures.costLines[i]!;
            if (l.category !== planned.category) errors.push({ path: `figures.costLines[${i}].category`, message: `Position ${i + 1} ist im Plan ${planned.category}.` });
          });
        }
        // The Ist of a line is what its Belege give; a different amount needs a stated reason.
        const computed = await this.fromReceipts(proof, em);
        const names = await this.categoryNames(em);
        patch.figures.costLines.forEach((l, i) => {
          const reason = l.overrideReason?.trim() || null;
          const given = l.actual === undefined || l.actual === null ? null : Money.of(l.actual);
          if (reason && given === null) {
            errors.push({ path: `figures.costLines[${i}].actual`, message: 'Bitte den abweichenden Ist-Betrag angeben.' });
          } else if (!reason && given !== null && computed[i] && !given.equals(computed[i]!)) {
            errors.push({
              path: `figures.costLines[${i}].overrideReason`,
              message: `Die Belege dieser Kostenart ergeben ${computed[i]!.formatEur()} (${names.get(l.category) ?? l.category}). Wenn Sie davon abweichen, begründen Sie dies bitte.`,
            });
          }
        });
        if (errors.length) throw proofInvalid(errors);
        // The planned column is the approved plan, not the Träger's to change.
        proof.figures = {
          costLines: patch.figures.costLines.map((l, i) => {
            const reason = l.overrideReason?.trim() || null;
            return { ...proof.figures.costLines[i]!, description: l.description, actual: reason ? Money.of(l.actual!).toApiString() : computed[i]!.toApiString(), overrideReason: reason };
          }),
          ownFunds: patch.figures.ownFunds,
          thirdPartyFunds: patch.figures.thirdPartyFunds,
        };
        proof.actualCosts = Money.sum(proof.figures.costLines.map((l) => Money.of(l.actual)));
      }
      await this.repo.save(em, proof);
      await this.audit.record(em, scope, { action: 'proof.update', entity: 'ProofOfUse', entityId: id, before, after: { narrative: proof.narrative, figures: proof.figures } });
      return proof;
    });
  }

  async addReceipt(scope: Scope, id: string, parsed: ParsedReceipt): Promise<Receipt> {
    return this.tx.run(async (em) => {
      const proof = await this.editable(scope, id, em);
      const ctx = await this.contextFor(em, proof);
      const { value, problems } = checkReceipt(parsed, ctx, await this.receiptRepo.nextPosition(em, id));
      if (!value) throw proofInvalid(problems.map((p) => ({ path: p.field, message: p.message })));
      if (await this.receiptRepo.positionTaken(em, id, value.position)) {
        throw proofInvalid([{ path: 'position', message: `Die lfd. Nr. ${value.position} ist bereits vergeben.` }]);
      }
      const receipt = await this.receiptRepo.insert(em, receiptToRow(value, id));
      await this.syncActuals(em, proof);
      await this.audit.record(em, scope, { action: 'receipt.create', entity: 'Receipt', entityId: receipt.id, after: { proofId: id, position: receipt.position, receiptNumber: receipt.receiptNumber, eligibleAmount: receipt.eligibleAmount.toApiString() } });
      return receipt;
    });
  }

  async deleteReceipt(scope: Scope, id: string, receiptId: string): Promise<void> {
    await this.tx.run(async (em) => {
      const proof = await this.editable(scope, id, em);
      const r = await this.receiptRepo.findOne(em, id, receiptId);
      if (!r) throw receiptNotFound();
      await this.receiptRepo.delete(em, receiptId);
      await this.syncActuals(em, proof);
      await this.audit.record(em, scope, { action: 'receipt.delete', entity: 'Receipt', entityId: receiptId, before: { proofId: id, position: r.position, receiptNumber: r.receiptNumber } });
    });
  }

  /** Einreichen: complete Sachbericht and figures; the retention period of the Belege starts now. */
  async submit(scope: Scope, id: string): Promise<ProofOfUse> {
    return this.tx.run(async (em) => {
      const proof = await this.get(scope, id, em, true);
      const to = proofTransition(proof.status, 'submit', scope);
      if (proof.kind === ProofKind.FINAL) {
        // The final VN reports the whole period: it can only be complete once the period is over.
        const { version } = await this.decisions.currentVersion(em, proof.decisionId);
        const periodEnd = CalendarDate.parse(version.periodEnd);
        if (!this.clock.today().isAfter(periodEnd)) throw proofPeriodNotEnded(periodEnd);
      }
      const errors: FieldError[] = [];
      for (const key of ['measure', 'goalsAchieved', 'targetGroupReached'] as const) {
        if (!proof.narrative[key]?.trim()) errors.push({ path: `narrative.${key}`, message: 'Bitte im Sachbericht ausfüllen.' });
      }
      const receipts = await this.receiptRepo.countOf(em, id);
      if (proof.kind === ProofKind.FINAL && receipts === 0) errors.push({ path: 'receipts', message: 'Zum Verwendungsnachweis gehört eine Belegliste.' });
      if (errors.length) throw proofIncomplete(errors);
      // What is submitted is the Belegliste's Ist (a draft from before the Ist followed the Belege
      // may still hold typed amounts without a reason).
      await this.syncActuals(em, proof);
      const today = this.clock.today();
      const params = await this.parameters.inForce(await this.repo.programmeOf(em, proof.budgetYearId), today);
      const retainUntil = today.addYears(params.receiptRetentionYears).toISOString();
      const before = { status: proof.status };
      Object.assign(proof, { status: to, submittedAt: this.clock.now(), submittedBy: scope.userId, retainUntil });
      await this.repo.save(em, proof);
      await this.receiptRepo.retainUntil(em, id, retainUntil);
      // Anlagen keep the retention of their record.
      await this.attachmentRepo.retainUntil(em, id, retainUntil);
      await markAttachmentsSubmitted(em, AttachmentOwnerType.PROOF_OF_USE, id, proof.submittedAt!);
      await this.audit.record(em, scope, { action: 'proof.submit', entity: 'ProofOfUse', entityId: id, before, after: { status: proof.status, retainUntil, receipts } });
      return proof;
    });
  }

  async editable(scope: Scope, id: string, em: EntityManager): Promise<ProofOfUse> {
    const proof = await this.get(scope, id, em, true);
    // Only the Träger itself fills in its draft; the Landratsamt reviews it.
    proofTransition(proof.status, 'update', scope);
    return proof;
  }

}

