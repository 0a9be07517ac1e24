import { Injectable } from '@nestjs/common';
import { CalendarDate, Clock, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { LedgerKind, LedgerService } from '@foerderfluss/funding';
import { ApplicationsService } from '@foerderfluss/applications';
import { determineEligibilityStart } from '@foerderfluss/rules';
import { DecisionOutcome } from './decision.entity';
import { VersionKind } from './decision-version.entity';
import { decisionLifecycle, versionLifecycle } from './decision-state';
import { DecisionRepository } from './decision.repository';
import { DecisionVersionRepository } from './decision-version.repository';
import { earlyStartBlocked, noPendingProposal } from './decisions.errors';
import { approvalAction, DecisionsService, DecisionWithVersions, versionSnapshot } from './decisions.service';

/** The second pair of eyes: Freigabe or return of a pending proposal (APPROVER). */
@Injectable()
export class DecisionApprovalsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly applications: ApplicationsService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    private readonly decisions: DecisionRepository,
    private readonly versions: DecisionVersionRepository,
    private readonly reading: DecisionsService,
  ) {}

  /**
   * Freigabe: another person than the proposer signs. A grant commits the budget in the same
   * transaction; if the year cannot cover it, nothing is approved (409 from the ledger).
   */
  async approve(scope: Scope, decisionId: string): Promise<DecisionWithVersions> {
    return this.tx.run(async (em) => {
      const decision = await this.decisions.get(scope, decisionId, { em, lock: true });
      const pending = await this.versions.pending(scope, decisionId, em);
      if (!pending) throw noPendingProposal();
      // Table, role and the second pair of eyes (DECISION_SAME_APPROVER) in one step.
      const to = decisionLifecycle.transition(decision.status, approvalAction(decision, pending), scope, { firstActorId: pending.proposedBy });
      const today = this.clock.today();
      const previous = decision.currentVersionNo === null ? null : await this.versions.approved(scope, decisionId, decision.currentVersionNo, em);
      const ledgerRef = { referenceType: 'Decision', referenceId: decision.id, providerId: decision.providerId, fieldOfActionCode: decision.fieldOfActionCode, socialAreaCode: decision.socialAreaCode, bookingDate: today.toISOString() };

      if (pending.kind === VersionKind.ORIGINAL && decision.outcome === DecisionOutcome.GRANT) {
        const app = await this.applications.get(scope, decision.applicationId, em);
        const consents = await this.applications.earlyStartConsents(scope, app.id);
        const consent = consents.map((c) => CalendarDate.parse(c.consentDate)).sort((a, b) => a.compareTo(b))[0];
        const start = determineEligibilityStart({
          periodStart: CalendarDate.parse(pending.periodStart),
          decisionDate: today,
          ...(consent ? { earlyStartConsentDate: consent } : {}),
          ...(app.projectBegun && app.projectBegunOn ? { projectBegunOn: CalendarDate.parse(app.projectBegunOn) } : {}),
        });
        if (start.approvalBlocked) throw earlyStartBlocked(start.flags.map((f) => f.message).join(' '));
        pending.eligibleFrom = start.eligibleFrom.toISOString();
        await this.ledger.post(em, scope, { ...ledgerRef, budgetYearId: decision.budgetYearId, kind: LedgerKind.COMMITMENT, amount: pending.maxAmount, note: `${decision.reference} v1` });
        await this.applications.applyTransition(em, scope, decision.applicationId, 'approve');
      } else if (pending.kind === VersionKind.ORIGINAL) {
        await this.applications.applyTransition(em, scope, decision.applicationId, 'reject');
      } else {
        const delta = pending.maxAmount.minus(previous!.maxAmount);
        const versionLabel = `${decision.reference} v${(decision.currentVersionNo ?? 0) + 1}`;
        if (pending.kind === VersionKind.AMENDMENT && !delta.isZero()) {
          await this.ledger.post(em, scope, { ...ledgerRef, budgetYearId: decision.budgetYearId, kind: LedgerKind.COMMITMENT_CHANGE, amount: delta, note: `Änderung ${versionLabel}` });
        }
        if (pending.kind === VersionKind.REVOCATION) {
          if (delta.isNegative()) {
            await this.ledger.post(em, scope, { ...ledgerRef, budgetYearId: decision.budgetYearId, kind: LedgerKind.RELEASE, amount: delta.negated(), note: `Widerruf ${versionLabel}` });
          }
        }
        pending.eligibleFrom = previous!.eligibleFrom;
      }

      decision.status = to;
      pending.status = versionLifecycle.transition(pending.status, 'approve', scope, { firstActorId: pending.proposedBy });
      pending.versionNo = (decision.currentVersionNo ?? 0) + 1;
      pending.approvedBy = scope.userId;
      pending.approvedAt = this.clock.now();
      pending.decisionDate = today.toISOString();
      await this.versions.save(em, pending);
      decision.currentVersionNo = pending.versionNo;
      decision.maxAmount = pending.maxAmount;
      await this.decisions.save(em, decision);
      await this.applications.comment(
        em,
        scope,
        decision.applicationId,
        'STATUS',
        `${decision.outcome === DecisionOutcome.REJECTION ? 'Ablehnung' : pending.kind === VersionKind.ORIGINAL ? 'Bewilligung' : pending.kind === VersionKind.AMENDMENT ? 'Änderung' : 'Widerruf'} ${decision.reference} (Version ${pending.versionNo}) vom ${today.toGermanString()} erlassen.`,
        true,
      );
      await this.audit.record(em, scope, { action: 'decision.approve', entity: 'Decision', entityId: decision.id, before: previous ? versionSnapshot(previous) : null, after: versionSnapshot(pending) });
      return this.reading.get(scope, decision.id, em);
    });
  }

  /** The approver sends a proposal back with a reason; nothing is committed. */
  async returnProposal(scope: Scope, decisionId: string, reason: string): Promise<DecisionWithVersions> {
    return this.tx.run(async (em) => {
      const decision = await this.decisions.get(scope, decisionId, { em, lock: true });
      const pending = await this.versions.pending(scope, decisionId, em);
      if (!pending) throw noPendingProposal();
      const to = decisionLifecycle.transition(decision.status, 'return', scope);
      pending.status = versionLifecycle.transition(pending.status, 'return', scope);
      pending.returnedBy = scope.userId;
      pending.returnedAt = this.clock.now();
      pending.returnReason = reason;
      await this.versions.save(em, pending);
      if (pending.kind === VersionKind.ORIGINAL) {
        await this.applications.applyTransition(em, scope, decision.applicationId, 'returnProposal');
      }
      // First proposal: RETURNED; an Änderung or Widerruf: the decision stays in force.
      decision.status = to;
      await this.decisions.save(em, decision);
      await this.applications.comment(em, scope, decision.applicationId, 'STATUS', `Vorschlag ${decision.reference} zurückgegeben: ${reason}`, false);
      await this.audit.record(em, scope, { action: 'decision.return', entity: 'Decision', entityId: decision.id, after: { versionId: pending.id, reason } });
      return this.reading.get(scope, decision.id, em);
    });
  }
}
