import { Injectable } from '@nestjs/common';
import { FieldError, Money, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { FinancingPlanDoc } from '@foerderfluss/applications';
import { assertDecisionPermits, decisionNotFound, DecisionsService, DecisionStatus } from '@foerderfluss/decisions';
import { IndicatorsService } from '@foerderfluss/programmes';
import { NarrativeInput, NarrativeReport, ProofKind, ProofOfUse } from './proof-of-use.entity';
import { ProofStatus } from './proof-state';
import { ProofOfUseRepository } from './proof-of-use.repository';
import { ProofDecisionRepository } from './proof-decision.repository';
import { ProofsService } from './proofs.service';
import { proofExists, proofInvalid } from './proofs.errors';

/** What the Träger sends for the zahlenmäßiger Nachweis: per line the Ist only with a reason. */
export interface FiguresInput {
  costLines: { category: string; description: string; actual?: string | null; overrideReason?: string | null }[];
  ownFunds: string;
  thirdPartyFunds: string;
}

export const EMPTY_NARRATIVE: NarrativeReport = { measure: '', goalsAchieved: '', targetGroupReached: '', deviations: '', indicators: [] };

/** Drafting a Verwendungsnachweis: opening it for a Bescheid, then the Sachbericht and the figures. */
@Injectable()
export class ProofDraftsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly decisions: DecisionsService,
    private readonly proofs: ProofsService,
    private readonly repo: ProofOfUseRepository,
    private readonly decisionRepo: ProofDecisionRepository,
    private readonly indicators: IndicatorsService,
  ) {}

  async create(scope: Scope, decisionId: string, kind: ProofKind, coveredYear: number | null): Promise<ProofOfUse> {
    return this.tx.run(async (em) => {
      const decision = await this.decisionRepo.get(scope, decisionId, { em, lock: true });
      if (decision.currentVersionNo === null) throw decisionNotFound();
      if (decision.status === DecisionStatus.REJECTED) {
        throw proofInvalid([{ path: 'decisionId', message: 'Für diese Entscheidung ist kein Verwendungsnachweis zu führen.' }]);
      }
      // Revoked or closed: the Träger opens no new VN (the decisions lib's rule, issue 18).
      assertDecisionPermits(decision.status, 'proofChange');
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

  async update(scope: Scope, id: string, patch: { narrative?: NarrativeInput; figures?: FiguresInput }): Promise<ProofOfUse> {
    return this.tx.run(async (em) => {
      const proof = await this.proofs.editable(scope, id, em);
      const before = { narrative: proof.narrative, figures: proof.figures };
      if (patch.narrative) {
        // Kennzahlen of the project's Handlungsfeld only: the money of the Bescheid is booked
        // there too, so the monitoring puts Soll/Ist and money of one project side by side.
        const decision = await this.decisionRepo.get(scope, proof.decisionId, { em });
        const indicators = await this.indicators.snapshots(em, patch.narrative.indicators, [decision.fieldOfActionCode], 'narrative.indicators');
        proof.narrative = { ...patch.narrative, indicators };
      }
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
        const computed = await this.proofs.fromReceipts(proof, em);
        const names = await this.proofs.categoryNames(em);
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
}
