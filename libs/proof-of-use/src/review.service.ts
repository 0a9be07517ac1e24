import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, Money, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ParametersService } from '@foerderfluss/programmes';
import { LedgerKind } from '@foerderfluss/funding';
import { DecisionsService } from '@foerderfluss/decisions';
import { ProofOfUse } from './proof-of-use.entity';
import { ProofReview } from './proof-review.entity';
import { Receipt, ReceiptReview } from './receipt.entity';
import { proofReviewTransition, proofTransition } from './proof-state';
import { ProofsService } from './proofs.service';
import { ProofSubmissionService } from './proof-submission.service';
import { ProofOfUseRepository } from './proof-of-use.repository';
import { ProofReviewRepository } from './proof-review.repository';
import { ReceiptRepository } from './receipt.repository';
import { computeFinalGrant, ComputedFinalGrant, finalGrantDoc } from './final-grant-input';
import { drawSample } from './sample';
import { proofIllegalState, receiptNotFound } from './proofs.errors';

export interface CursoryCheck {
  complete: boolean | null;
  plausible: boolean | null;
  purposeAchieved: boolean | null;
  notes: string | null;
}

/**
 * Prüfung des Verwendungsnachweises by the Landratsamt (DOMAIN §2 step 7): cursory check, a
 * reproducible risk-based sample with a decision per Beleg, Zustimmungen to line overruns, and the
 * final grant line by line; the Prüfvermerk records it all.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly proofs: ProofsService,
    private readonly submission: ProofSubmissionService,
    private readonly decisions: DecisionsService,
    private readonly parameters: ParametersService,
    private readonly clock: Clock,
    private readonly proofRepo: ProofOfUseRepository,
    private readonly reviewRepo: ProofReviewRepository,
    private readonly receiptRepo: ReceiptRepository,
  ) {}

  async get(scope: Scope, proofId: string): Promise<ProofReview | null> {
    await this.proofs.get(scope, proofId);
    return this.reviewRepo.findForProof(scope, proofId);
  }

  async start(scope: Scope, proofId: string): Promise<ProofReview> {
    return this.tx.run(async (em) => {
      const proof = await this.proofs.get(scope, proofId, em, true);
      proof.status = proofTransition(proof.status, 'startReview', scope);
      await this.proofRepo.save(em, proof);
      const review = await this.reviewRepo.insert(em, {
        proofId,
        status: 'IN_PROGRESS',
        cursory: { complete: null, plausible: null, purposeAchieved: null, notes: null },
        lineConsents: [],
        sampleSharePercent: null,
        sampleSeed: null,
        sampleSize: 0,
        result: null,
        conclusion: null,
        reviewerId: scope.userId,
        completedAt: null,
      });
      await this.audit.record(em, scope, { action: 'proof.review.start', entity: 'ProofOfUse', entityId: proofId, after: { status: proof.status } });
      return review;
    });
  }

  async saveCursory(scope: Scope, proofId: string, cursory: CursoryCheck): Promise<ProofReview> {
    return this.mutate(scope, proofId, 'proof.review.cursory', async (review) => {
      review.cursory = cursory;
    });
  }

  async saveLineConsents(scope: Scope, proofId: string, consents: { category: string; amount: Money; note: string | null }[]): Promise<ProofReview> {
    return this.mutate(scope, proofId, 'proof.review.line-consents', async (review) => {
      review.lineConsents = consents.map((c) => ({ category: c.category, amount: c.amount.toApiString(), note: c.note }));
    });
  }

  /**
   * Draws the sample (again, while no Beleg has been decided): share from the programme, seed given
   * or generated and stored, so the same sample can be drawn again by anyone.
   */
  async drawSample(scope: Scope, proofId: string, seedInput: string | null): Promise<ProofReview> {
    return this.mutate(scope, proofId, 'proof.review.sample', async (review, proof, em) => {
      const receipts = await this.receiptRepo.forProof(em, proofId);
      if (receipts.some((r) => r.reviewStatus !== 'OPEN')) {
        throw proofIllegalState('Es wurden bereits Belege geprüft; die Stichprobe kann nicht mehr neu gezogen werden.');
      }
      const params = await this.parameters.inForce(await this.proofRepo.programmeOf(em, proof.budgetYearId), this.clock.today(), proof.districtId);
      const findings = await this.submission.computeFindings(em, proof);
      const flagged = new Set(findings.filter((f) => f.code !== 'LINE_SUM_MISMATCH').flatMap((f) => f.receiptIds));
      const seed = seedInput?.trim() || randomBytes(8).toString('hex');
      const sample = drawSample(
        receipts.filter((r) => r.direction === 'EXPENSE').map((r) => ({ id: r.id, position: r.position, eligibleAmount: r.eligibleAmount, flagged: flagged.has(r.id) })),
        params.inDepthSampleRate,
        seed,
      );
      await this.receiptRepo.setSample(em, proofId, sample);
      review.sampleSeed = seed;
      review.sampleSharePercent = params.inDepthSampleRate.toPercentString();
      review.sampleSize = sample.size;
    });
  }

  async decideReceipt(scope: Scope, proofId: string, receiptId: string, outcome: Exclude<ReceiptReview, 'OPEN'>, amount: Money | null, note: string | null): Promise<Receipt> {
    let updated: Receipt | null = null;
    await this.mutate(scope, proofId, 'proof.review.receipt', async (_review, _proof, em) => {
      const r = await this.receiptRepo.lockOne(em, proofId, receiptId);
      if (!r) throw receiptNotFound();
      const recognised = outcome === 'RECOGNISED' ? r.eligibleAmount : outcome === 'REFUSED' ? Money.ZERO : amount;
      if (outcome === 'REDUCED' && (!recognised || !recognised.lessThan(r.eligibleAmount) || recognised.isNegative())) {
        throw validationError([{ path: 'amount', message: `Bei einer Kürzung ist ein Betrag unter ${r.eligibleAmount.formatEur()} anzugeben.` }]);
      }
      if (outcome !== 'RECOGNISED' && !note?.trim()) throw validationError([{ path: 'note', message: 'Bitte die Kürzung oder Ablehnung begründen.' }]);
      Object.assign(r, { reviewStatus: outcome, recognisedAmount: recognised, reviewNote: note });
      updated = await this.receiptRepo.save(em, r);
    }, { receiptId, outcome, amount: amount?.toApiString() ?? null, note });
    return updated!;
  }

  /**
   * Accepts every Beleg of the sample still open in one step: each RECOGNISED at its eligible
   * amount, in one transaction, with one audit event per Beleg shaped like the single decision
   * (`proof.review.receipt`), so the trail reads the same whichever way a Beleg was accepted.
   * Refused (409) unless the review is open and its sample drawn. Returns how many were accepted.
   */
  async acceptRemaining(scope: Scope, proofId: string): Promise<number> {
    return this.tx.run(async (em) => {
      const proof = await this.proofs.get(scope, proofId, em, true);
      const review = await this.reviewRepo.ofProof(em, proofId, true);
      if (!review) throw proofIllegalState('Der Verwendungsnachweis ist nicht (mehr) in Prüfung.');
      proofTransition(proof.status, 'editReview', scope);
      proofReviewTransition(review.status, 'edit', scope);
      if (review.sampleSeed === null) {
        throw proofIllegalState('Es ist noch keine Stichprobe gezogen. Erst die Stichprobe ziehen, dann ihre Belege anerkennen.');
      }
      const before = reviewSnapshot(review);
      const open = await this.receiptRepo.lockOpenInSample(em, proofId);
      for (const r of open) {
        Object.assign(r, { reviewStatus: 'RECOGNISED', recognisedAmount: r.eligibleAmount, reviewNote: null });
        await this.receiptRepo.save(em, r);
        await this.audit.record(em, scope, {
          action: 'proof.review.receipt',
          entity: 'ProofOfUse',
          entityId: proofId,
          before,
          after: { receiptId: r.id, outcome: 'RECOGNISED', amount: null, note: null },
        });
      }
      return open.length;
    });
  }

  /** How many Belege of the proof's sample are still undecided (read for a review already read through the scope). */
  openSampleCount(proofId: string, em: EntityManager = this.tx.manager): Promise<number> {
    return this.receiptRepo.countOf(em, proofId, { inSample: true, reviewStatus: 'OPEN' });
  }

  /** The final grant as it stands with the check so far (also while the review is open). */
  async calculation(scope: Scope, proofId: string, em: EntityManager = this.tx.manager): Promise<ComputedFinalGrant> {
    const proof = await this.proofs.get(scope, proofId, em);
    return this.compute(em, proof);
  }

  async compute(em: EntityManager, proof: ProofOfUse): Promise<ComputedFinalGrant> {
    const { version } = await this.decisions.currentVersion(em, proof.decisionId);
    const receipts = await this.receiptRepo.forProof(em, proof.id);
    const review = await this.reviewRepo.ofProof(em, proof.id);
    const params = await this.parameters.inForce(await this.proofRepo.programmeOf(em, proof.budgetYearId), CalendarDate.parse(version.periodEnd), proof.districtId);
    // Paid = approved payouts less voluntary repayments already received.
    const paid = await this.proofRepo.paidOnDecision(em, proof.decisionId, LedgerKind.RECOVERY_RECEIVED);
    return computeFinalGrant({
      version,
      proof,
      receipts,
      review,
      paid,
      overrunTolerance: params.overrunTolerance,
      deMinimisAmount: params.deMinimisAmount,
    });
  }

  /** Prüfvermerk abschließen: cursory check done, every sampled Beleg decided; the result is frozen. */
  async complete(scope: Scope, proofId: string, conclusion: string): Promise<ProofReview> {
    return this.mutate(scope, proofId, 'proof.review.complete', async (review, proof, em) => {
      const missing: string[] = [];
      if (review.cursory.complete === null || review.cursory.plausible === null || review.cursory.purposeAchieved === null) missing.push('kursorische Prüfung');
      const open = await this.receiptRepo.countOf(em, proofId, { inSample: true, reviewStatus: 'OPEN' });
      if (open > 0) missing.push(open === 1 ? '1 Beleg der Stichprobe' : `${open} Belege der Stichprobe`);
      if (review.sampleSeed === null && (await this.receiptRepo.countOf(em, proofId)) > 0) missing.push('Stichprobe');
      if (missing.length) throw proofIllegalState(`Der Prüfvermerk kann noch nicht abgeschlossen werden. Es fehlt: ${missing.join(', ')}.`);
      review.result = finalGrantDoc(await this.compute(em, proof));
      review.conclusion = conclusion;
      review.completedAt = this.clock.now();
      review.reviewerId = scope.userId;
    }, undefined, 'completeReview');
  }

  private async mutate(
    scope: Scope,
    proofId: string,
    action: string,
    change: (review: ProofReview, proof: ProofOfUse, em: EntityManager) => Promise<void>,
    auditAfter?: Record<string, unknown>,
    step: 'editReview' | 'completeReview' = 'editReview',
  ): Promise<ProofReview> {
    return this.tx.run(async (em) => {
      const proof = await this.proofs.get(scope, proofId, em, true);
      const review = await this.reviewRepo.ofProof(em, proofId, true);
      if (!review) throw proofIllegalState('Der Verwendungsnachweis ist nicht (mehr) in Prüfung.');
      const proofTo = proofTransition(proof.status, step, scope);
      const reviewTo = proofReviewTransition(review.status, step === 'completeReview' ? 'complete' : 'edit', scope);
      const before = reviewSnapshot(review);
      await change(review, proof, em);
      review.status = reviewTo;
      await this.reviewRepo.save(em, review);
      if (proofTo !== proof.status) {
        proof.status = proofTo;
        await this.proofRepo.save(em, proof);
      }
      await this.audit.record(em, scope, {
        action,
        entity: 'ProofOfUse',
        entityId: proofId,
        before,
        after: auditAfter ?? { cursory: review.cursory, lineConsents: review.lineConsents, sampleSeed: review.sampleSeed, sampleSize: review.sampleSize, status: review.status },
      });
      return review;
    });
  }
}

/** The review as its audit events record it before a change. */
function reviewSnapshot(review: ProofReview): Record<string, unknown> {
  return { cursory: review.cursory, lineConsents: review.lineConsents, sampleSeed: review.sampleSeed, status: review.status };
}
