import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isKreisSide, Money, Page, Scope, systemScope } from '@foerderfluss/core';
import { ListParams, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { Decision, DecisionOutcome } from './decision.entity';
import { DecisionVersion, VersionKind } from './decision-version.entity';
import { DECISION_API_ACTIONS, DECISION_ROUTE_OF, DecisionAction, DecisionApiAction, decisionLifecycle, VersionStatus } from './decision-state';
import { DecisionFilter, DecisionRepository } from './decision.repository';
import { DecisionVersionRepository } from './decision-version.repository';
import { decisionNotFound } from './decisions.errors';

export type FinancingType = 'SHARE' | 'DEFICIT' | 'FULL' | 'FIXED';

export type DecisionQuery = DecisionFilter & ListParams;

export interface DecisionWithVersions {
  decision: Decision;
  versions: DecisionVersion[];
  current: DecisionVersion | null;
  pending: DecisionVersion | null;
  /** What the caller may do now (by route), from the lifecycle table, the roles and four eyes. */
  allowedActions: DecisionApiAction[];
}

export interface DecisionListItem {
  decision: Decision;
  allowedActions: DecisionApiAction[];
}

/**
 * The step that approving `pending` takes: Bewilligung or Ablehnung of the first proposal, an
 * Änderung, a Widerruf in part or in full.
 */
export function approvalAction(decision: Decision, pending: DecisionVersion): DecisionAction {
  if (pending.kind === VersionKind.ORIGINAL) return decision.outcome === DecisionOutcome.GRANT ? 'approve' : 'reject';
  if (pending.kind === VersionKind.AMENDMENT) return 'approveAmendment';
  return pending.maxAmount.isZero() ? 'revoke' : 'approveRevocation';
}

/**
 * Reads on behalf of another lib's computation (payments, proof of use) that has already checked
 * the caller's access to its own record and passes no scope.
 */
const INTERNAL = systemScope();

export function versionSnapshot(v: DecisionVersion): Record<string, unknown> {
  const { decision: _d, ...rest } = v;
  return rest;
}

/**
 * The decision as a record: reading (with allowedActions) and the owner methods other libs call
 * (payments reserve against the Höchstbetrag, proof of use settles and closes). Proposing is in
 * DecisionProposalsService, the second pair of eyes in DecisionApprovalsService.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly decisions: DecisionRepository,
    private readonly versions: DecisionVersionRepository,
  ) {}

  // ───────────────────────────── reading ─────────────────────────────

  async list(scope: Scope, q: DecisionQuery): Promise<Page<DecisionListItem>> {
    const page = await this.decisions.list(scope, q);
    const pending = await this.versions.pendingOf(scope, page.items.map((d) => d.id));
    return {
      items: page.items.map((decision) => ({ decision, allowedActions: this.allowedActions(scope, decision, pending.get(decision.id) ?? null) })),
      nextCursor: page.nextCursor,
    };
  }

  /** 404 for another Träger's decision and for a proposal a Träger may not see yet. */
  async get(scope: Scope, id: string, em: EntityManager = this.tx.manager): Promise<DecisionWithVersions> {
    const decision = await this.decisions.get(scope, id, { em });
    const versions = await this.versions.ofDecision(scope, id, em);
    const pending = versions.find((v) => v.status === VersionStatus.PROPOSED) ?? null;
    return {
      decision,
      versions,
      current: versions.find((v) => v.status === VersionStatus.APPROVED && v.versionNo === decision.currentVersionNo) ?? null,
      pending,
      allowedActions: this.allowedActions(scope, decision, pending),
    };
  }

  /**
   * The actions (by route) this caller may take on the decision now: the steps the lifecycle
   * table permits for the caller's roles and four eyes against the proposer, narrowed to what
   * applies (a pending version is approved or returned; without one, a change may be proposed).
   */
  allowedActions(scope: Scope, decision: Decision, pending: DecisionVersion | null): DecisionApiAction[] {
    const applicable: DecisionAction[] = pending ? [approvalAction(decision, pending), 'return'] : ['propose', 'proposeAmendment', 'proposeRevocation'];
    const permitted = decisionLifecycle.allowedActions(decision.status, scope, { firstActorId: pending?.proposedBy ?? null });
    const routes = new Set(permitted.filter((a) => applicable.includes(a)).map((a) => DECISION_ROUTE_OF[a]));
    return DECISION_API_ACTIONS.filter((r) => routes.has(r));
  }

  /** The version in force, for the modules that compute with it (payments, settlement). */
  async currentVersion(em: EntityManager, decisionId: string): Promise<{ decision: Decision; version: DecisionVersion }> {
    const decision = await this.decisions.get(INTERNAL, decisionId, { em });
    if (decision.currentVersionNo === null) throw decisionNotFound();
    const version = await this.versions.approved(INTERNAL, decisionId, decision.currentVersionNo, em);
    return { decision, version };
  }

  /** Money paid out (approved payouts) under the decision so far. */
  async disbursed(em: EntityManager, decisionId: string): Promise<Money> {
    return (await this.decisions.get(INTERNAL, decisionId, { em })).disbursedAmount;
  }

  /**
   * Reserves a payout against the Höchstbetrag in one conditional UPDATE (see the repository): it
   * succeeds only while disbursed + amount ≤ max and the decision is in force. False when the cap does not allow it.
   */
  reserveDisbursement(em: EntityManager, decisionId: string, amount: Money): Promise<boolean> {
    return this.decisions.reserveDisbursement(em, decisionId, amount);
  }

  /**
   * For the proof-of-use lib: the Festsetzung fixes the final grant (payouts stop there) and, when
   * nothing is to be recovered, closes the case. The decisions lib owns the status; callers ask here.
   */
  async applySettlement(em: EntityManager, scope: Scope, decisionId: string, finalGrant: Money, close: boolean): Promise<Decision> {
    const decision = await this.decisions.get(scope, decisionId, { em, lock: true });
    const before = { status: decision.status, maxAmount: decision.maxAmount.toApiString() };
    decision.status = decisionLifecycle.transition(decision.status, close ? 'close' : 'settle', scope);
    decision.maxAmount = finalGrant;
    await this.decisions.save(em, decision);
    if (close) {
      await this.audit.record(em, scope, { action: 'decision.close', entity: 'Decision', entityId: decisionId, before, after: { status: decision.status, maxAmount: finalGrant.toApiString() } });
    }
    return decision;
  }

  /** For the proof-of-use lib: the last Rückforderung of a case is settled, so a case in force closes (once). */
  async closeAfterRecovery(em: EntityManager, scope: Scope, decisionId: string): Promise<void> {
    const decision = await this.decisions.get(scope, decisionId, { em, lock: true });
    if (!decisionLifecycle.step(decision.status, 'closeRecovered')) return;
    const before = { status: decision.status };
    decision.status = decisionLifecycle.transition(decision.status, 'closeRecovered', scope);
    await this.decisions.save(em, decision);
    await this.audit.record(em, scope, { action: 'decision.close', entity: 'Decision', entityId: decisionId, before, after: { status: decision.status } });
  }

  isStaffSide(scope: Scope): boolean {
    return isKreisSide(scope);
  }
}
