import { Injectable } from '@nestjs/common';
import { CalendarDate, Clock, DomainError, isKreisSide, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { decisionNotFound, DecisionsService, DecisionVersion, VersionKind, VersionStatus } from '@foerderfluss/decisions';
import { determineEligibilityStart } from '@foerderfluss/rules';
import { settlementNotFound, SettlementsService } from '@foerderfluss/proof-of-use';
import { LetterKind } from './generated-document.entity';
import { letterKindForVersion, LetterModelBuilder } from './letter-model-builder';
import { LetterModelRepository } from './letter-model.repository';
import { letterFileName } from './letter-documents.service';

export interface LetterPreview {
  pdf: Buffer;
  fileName: string;
}

const previewUnavailable = (detail: string): DomainError => new DomainError('LETTER_PREVIEW_UNAVAILABLE', 409, detail);

const KIND_DE: Record<VersionKind, string> = { ORIGINAL: 'diesen Vorschlag', AMENDMENT: 'ein Änderungsschreiben zu einem Vertrag', REVOCATION: 'einen Widerruf' };

/**
 * The letter that approving a proposal would issue, rendered on the fly for the second pair of
 * eyes and marked "Entwurf" (issue 16). The same model builder and renderers as the real letter,
 * so the approver reads what the Träger will get; nothing is stored, no audit event (a read).
 * Kreis side only: a Träger never sees a proposal's draft, so its request answers 404 like any
 * record outside its scope.
 */
@Injectable()
export class LetterPreviewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly builder: LetterModelBuilder,
    private readonly read: LetterModelRepository,
    private readonly decisions: DecisionsService,
    private readonly settlements: SettlementsService,
  ) {}

  /** The Bescheid, Vertrag, Ablehnung or Änderungsbescheid of the decision's pending proposal, dated today. */
  async decision(scope: Scope, decisionId: string): Promise<LetterPreview> {
    if (!isKreisSide(scope)) throw decisionNotFound();
    const { decision, pending, current } = await this.decisions.get(scope, decisionId);
    if (!pending) throw previewUnavailable('Zu dieser Entscheidung liegt kein Vorschlag zur Freigabe vor. Erlassene Schreiben stehen unter „Schreiben“.');
    const kind = letterKindForVersion(decision, { kind: pending.kind, status: VersionStatus.APPROVED });
    if (!kind) throw previewUnavailable(`Für ${KIND_DE[pending.kind]} gibt es noch keine Briefvorlage; eine Vorschau ist daher nicht möglich.`);
    const today = this.clock.today();
    const em = this.tx.manager;
    const draft: DecisionVersion = {
      ...pending,
      status: VersionStatus.APPROVED,
      versionNo: (decision.currentVersionNo ?? 0) + 1,
      decisionDate: today.toISOString(),
      approvedBy: null,
      approvedAt: null,
      eligibleFrom: pending.kind === VersionKind.ORIGINAL ? await this.eligibleFrom(decision.applicationId, pending, today) : (current?.eligibleFrom ?? null),
    };
    const built = await this.builder.build(em, {
      kind,
      decisionId: decision.id,
      decisionVersionId: null,
      recoveryId: null,
      proofId: null,
      draft: { version: draft },
    });
    return { pdf: await built.render(built.letterhead, { draft: true }), fileName: `Entwurf_${letterFileName(kind, decision.reference, draft.versionNo)}` };
  }

  /**
   * The Festsetzung's letter: the Rückforderungsbescheid (or, under a Vertrag, the
   * Zahlungsaufforderung) its approval opens when more was paid than Z, dated today with the
   * interest known to today; with nothing to recover, the Prüfvermerk it rests on.
   */
  async settlement(scope: Scope, settlementId: string): Promise<LetterPreview> {
    if (!isKreisSide(scope)) throw settlementNotFound();
    const s = await this.settlements.get(scope, settlementId);
    if (s.status !== 'PROPOSED') throw previewUnavailable('Diese Festsetzung wartet nicht auf die Freigabe. Erlassene Schreiben stehen beim Bescheid unter „Schreiben“.');
    const em = this.tx.manager;
    const decision = await this.read.decision(em, s.decisionId);
    const reference = decision.reference;
    const draftSettlement = { ...s, decisionDate: this.clock.today().toISOString(), approvedBy: null, approvedAt: null };
    const recovery = await this.settlements.recoveryOf(em, draftSettlement, decision, '0');
    if (recovery) {
      const built = await this.builder.build(em, {
        kind: LetterKind.RECOVERY,
        decisionId: decision.id,
        decisionVersionId: null,
        recoveryId: null,
        proofId: s.proofId,
        draft: { recovery: { recovery, settlement: draftSettlement } },
      });
      return { pdf: await built.render(built.letterhead, { draft: true }), fileName: `Entwurf_${letterFileName(LetterKind.RECOVERY, recovery.reference, null, decision.instrument)}` };
    }
    const built = await this.builder.build(em, { kind: LetterKind.PROOF_REVIEW, decisionId: decision.id, decisionVersionId: null, recoveryId: null, proofId: s.proofId });
    return { pdf: await built.render(built.letterhead, { draft: true }), fileName: `Entwurf_${letterFileName(LetterKind.PROOF_REVIEW, reference, null)}` };
  }

  /** From when costs would be eligible if approved today (as the approval fixes it, DOMAIN §2.4). */
  private async eligibleFrom(applicationId: string, pending: DecisionVersion, today: CalendarDate): Promise<string> {
    const em = this.tx.manager;
    const app = await this.read.application(em, applicationId);
    const consent = (await this.read.earlyStartConsents(em, applicationId)).map((c) => CalendarDate.parse(c.consentDate))[0];
    return determineEligibilityStart({
      periodStart: CalendarDate.parse(pending.periodStart),
      decisionDate: today,
      ...(consent ? { earlyStartConsentDate: consent } : {}),
      ...(app.projectBegun && app.projectBegunOn ? { projectBegunOn: CalendarDate.parse(app.projectBegunOn) } : {}),
    }).eligibleFrom.toISOString();
  }
}
