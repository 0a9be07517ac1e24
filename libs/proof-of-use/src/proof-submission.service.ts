import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, dec, FieldError, Money, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ParametersService } from '@foerderfluss/programmes';
import { AttachmentOwnerType, FinancingPlanDoc, markAttachmentsSubmitted } from '@foerderfluss/applications';
import { DecisionsService } from '@foerderfluss/decisions';
import { ProofKind, ProofOfUse } from './proof-of-use.entity';
import { Receipt } from './receipt.entity';
import { proofTransition } from './proof-state';
import { ProofOfUseRepository } from './proof-of-use.repository';
import { ReceiptRepository } from './receipt.repository';
import { ProofAttachmentRepository } from './proof-attachment.repository';
import { ProofsService } from './proofs.service';
import { proofIncomplete, proofPeriodNotEnded } from './proofs.errors';

export interface Finding {
  code: 'DUPLICATE_RECEIPT_NUMBER' | 'LINE_SUM_MISMATCH' | 'PERSONNEL_ABOVE_COMPARISON' | 'NO_RECEIPTS' | 'INCOME_NOT_REPORTED';
  message: string;
  receiptIds: string[];
  category: string | null;
}

/**
 * Submitting a Verwendungsnachweis: the findings a Träger sees before (none of them blocks), and
 * the submission with its checks, which starts the retention period of the Belege and Anlagen.
 */
@Injectable()
export class ProofSubmissionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly decisions: DecisionsService,
    private readonly parameters: ParametersService,
    private readonly clock: Clock,
    private readonly proofs: ProofsService,
    private readonly repo: ProofOfUseRepository,
    private readonly receiptRepo: ReceiptRepository,
    private readonly attachmentRepo: ProofAttachmentRepository,
  ) {}

  /** What the Träger should look at before submitting; none of it blocks the submission. */
  async findings(scope: Scope, id: string): Promise<Finding[]> {
    const proof = await this.proofs.get(scope, id);
    return this.computeFindings(this.tx.manager, proof);
  }

  async computeFindings(em: EntityManager, proof: ProofOfUse): Promise<Finding[]> {
    const receipts = await this.receiptRepo.forProof(em, proof.id);
    const { version } = await this.decisions.currentVersion(em, proof.decisionId);
    const plan = version.approvedPlan as unknown as FinancingPlanDoc;
    const findings: Finding[] = [];
    const names = await this.proofs.categoryNames(em);
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
  /** Einreichen: complete Sachbericht and figures; the retention period of the Belege starts now. */
  async submit(scope: Scope, id: string): Promise<ProofOfUse> {
    return this.tx.run(async (em) => {
      const proof = await this.proofs.get(scope, id, em, true);
      const to = proofTransition(proof.status, 'submit', scope);
      await this.proofs.assertDecisionOpen(em, proof);
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
      await this.proofs.syncActuals(em, proof);
      const today = this.clock.today();
      const params = await this.parameters.inForce(await this.repo.programmeOf(em, proof.budgetYearId), today, proof.districtId);
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
}
