import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, FieldError, hasRole, Money, Page, Rate, Role, Scope, systemScope } from '@foerderfluss/core';
import { ListParams, nextReference, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ParametersService, ProgrammesService } from '@foerderfluss/programmes';
import { BudgetYear, BudgetYearsService, LedgerKind, LedgerService } from '@foerderfluss/funding';
import { Application, ApplicationsService, CallsService, FundingCall, planSnapshot } from '@foerderfluss/applications';
import { calculateDeadlines, determineEligibilityStart, splitBySource } from '@foerderfluss/rules';
import { Decision, DecisionOutcome, Instrument } from './decision.entity';
import { DecisionVersion, VersionKind } from './decision-version.entity';
import {
  DECISION_API_ACTIONS,
  DECISION_INITIAL_STATUS,
  DECISION_ROUTE_OF,
  DecisionAction,
  DecisionApiAction,
  decisionLifecycle,
  VersionStatus,
  versionLifecycle,
} from './decision-state';
import { DecisionFilter, DecisionRepository } from './decision.repository';
import { DecisionVersionRepository } from './decision-version.repository';
import {
  decisionInvalid,
  decisionNotFound,
  decisionNotInForce,
  earlyStartBlocked,
  maxBelowDisbursed,
  noPendingProposal,
  proposalPending,
} from './decisions.errors';

export type FinancingType = 'SHARE' | 'DEFICIT' | 'FULL' | 'FIXED';

/** ANBest-P always applies to Träger (DOMAIN §2.3); special conditions come on top. */
export const GENERAL_CONDITIONS = ['ANBest-P'];

export interface GrantProposal {
  instrument: Instrument;
  financingType: FinancingType;
  fundingRatePercent: Rate | null;
  maxAmount: Money;
  purpose?: string;
  periodStart?: string;
  periodEnd?: string;
  specialConditions: string[];
}

export interface RejectionProposal {
  instrument: Instrument;
  reasons: string;
}

export interface AmendmentProposal {
  reason: string;
  maxAmount?: Money;
  purpose?: string;
  periodStart?: string;
  periodEnd?: string;
  financingType?: FinancingType;
  fundingRatePercent?: Rate | null;
  specialConditions?: string[];
}

export interface RevocationProposal {
  reason: string;
  /** Remaining Höchstbetrag after the revocation; 0 revokes the decision in full. */
  newMaxAmount: Money;
  effectiveDate: string;
}

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

@Injectable()
export class DecisionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly applications: ApplicationsService,
    private readonly calls: CallsService,
    private readonly budgetYears: BudgetYearsService,
    private readonly ledger: LedgerService,
    private readonly parameters: ParametersService,
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
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

  // ───────────────────────────── proposals (STAFF) ─────────────────────────────

  async proposeGrant(scope: Scope, applicationId: string, p: GrantProposal): Promise<DecisionWithVersions> {
    return this.tx.run((em) => this.proposeGrantIn(em, scope, applicationId, p));
  }

  async proposeRejection(scope: Scope, applicationId: string, p: RejectionProposal): Promise<DecisionWithVersions> {
    return this.tx.run((em) => this.proposeRejectionIn(em, scope, applicationId, p));
  }

  async proposeGrantIn(em: EntityManager, scope: Scope, applicationId: string, p: GrantProposal): Promise<DecisionWithVersions> {
    {
      const app = await this.applications.applyTransition(em, scope, applicationId, 'proposeDecision');
      const { call, year } = await this.context(scope, app);
      const periodStart = p.periodStart ?? app.periodStart;
      const periodEnd = p.periodEnd ?? app.periodEnd;
      await this.checkGrant(em, year, app, { ...p, periodStart, periodEnd }, 'maxAmount');
      const decision = await this.openCase(em, scope, app, call, year, p.instrument, DecisionOutcome.GRANT);
      const version = await this.saveVersion(em, scope, decision, year, {
        kind: VersionKind.ORIGINAL,
        reason: null,
        effectiveDate: null,
        purpose: p.purpose ?? app.purpose,
        periodStart,
        periodEnd,
        financingType: p.financingType,
        fundingRatePercent: p.financingType === 'SHARE' ? p.fundingRatePercent : null,
        maxAmount: p.maxAmount,
        approvedPlan: { ...planSnapshot(app.financingPlan) },
        conditions: { general: GENERAL_CONDITIONS, special: p.specialConditions },
        recoveryAmount: null,
      });
      await this.applications.comment(em, scope, app.id, 'STATUS', `Bewilligung über ${p.maxAmount.formatEur()} vorgeschlagen (${decision.reference}).`, false);
      await this.audit.record(em, scope, { action: 'decision.propose', entity: 'Decision', entityId: decision.id, after: versionSnapshot(version) });
      return this.get(scope, decision.id, em);
    }
  }

  async proposeRejectionIn(em: EntityManager, scope: Scope, applicationId: string, p: RejectionProposal): Promise<DecisionWithVersions> {
    {
      const app = await this.applications.applyTransition(em, scope, applicationId, 'proposeDecision');
      const { call, year } = await this.context(scope, app);
      const decision = await this.openCase(em, scope, app, call, year, p.instrument, DecisionOutcome.REJECTION);
      const version = await this.saveVersion(em, scope, decision, year, {
        kind: VersionKind.ORIGINAL,
        reason: p.reasons,
        effectiveDate: null,
        purpose: app.purpose,
        periodStart: app.periodStart,
        periodEnd: app.periodEnd,
        financingType: null,
        fundingRatePercent: null,
        maxAmount: Money.ZERO,
        approvedPlan: { ...planSnapshot(app.financingPlan) },
        conditions: { general: [], special: [] },
        recoveryAmount: null,
      });
      await this.applications.comment(em, scope, app.id, 'STATUS', `Ablehnung vorgeschlagen (${decision.reference}).`, false);
      await this.audit.record(em, scope, { action: 'decision.propose-rejection', entity: 'Decision', entityId: decision.id, after: versionSnapshot(version) });
      return this.get(scope, decision.id, em);
    }
  }

  /** Änderungsbescheid: a new version with a reason; the ledger gets the difference on approval. */
  async proposeAmendment(scope: Scope, decisionId: string, p: AmendmentProposal): Promise<DecisionWithVersions> {
    return this.tx.run(async (em) => {
      const { decision, current } = await this.lockInForce(em, scope, decisionId, 'proposeAmendment');
      const year = await this.budgetYear(decision.budgetYearId);
      const app = await this.applications.get(scope, decision.applicationId, em);
      const next = {
        financingType: p.financingType ?? current.financingType!,
        fundingRatePercent: p.fundingRatePercent !== undefined ? p.fundingRatePercent : current.fundingRatePercent,
        maxAmount: p.maxAmount ?? current.maxAmount,
        periodStart: p.periodStart ?? current.periodStart,
        periodEnd: p.periodEnd ?? current.periodEnd,
      };
      await this.checkGrant(em, year, app, next, 'maxAmount', true);
      const disbursed = decision.disbursedAmount;
      if (next.maxAmount.lessThan(disbursed)) throw maxBelowDisbursed(disbursed);
      const version = await this.saveVersion(em, scope, decision, year, {
        kind: VersionKind.AMENDMENT,
        reason: p.reason,
        effectiveDate: null,
        purpose: p.purpose ?? current.purpose,
        ...next,
        fundingRatePercent: next.financingType === 'SHARE' ? next.fundingRatePercent : null,
        approvedPlan: current.approvedPlan,
        conditions: { general: current.conditions.general, special: p.specialConditions ?? current.conditions.special },
        recoveryAmount: null,
      });
      await this.audit.record(em, scope, { action: 'decision.propose-amendment', entity: 'Decision', entityId: decision.id, before: versionSnapshot(current), after: versionSnapshot(version) });
      return this.get(scope, decision.id, em);
    });
  }

  /** Widerruf/Rücknahme, whole (newMaxAmount 0) or in part. */
  async proposeRevocation(scope: Scope, decisionId: string, p: RevocationProposal): Promise<DecisionWithVersions> {
    return this.tx.run(async (em) => {
      const { decision, current } = await this.lockInForce(em, scope, decisionId, 'proposeRevocation');
      if (p.newMaxAmount.greaterThanOrEqual(current.maxAmount)) {
        throw decisionInvalid([{ path: 'newMaxAmount', message: `Der verbleibende Höchstbetrag muss unter dem bisherigen von ${current.maxAmount.formatEur()} liegen.` }]);
      }
      const year = await this.budgetYear(decision.budgetYearId);
      const disbursed = decision.disbursedAmount;
      const recovery = Money.max(Money.ZERO, disbursed.minus(p.newMaxAmount));
      const version = await this.saveVersion(em, scope, decision, year, {
        kind: VersionKind.REVOCATION,
        reason: p.reason,
        effectiveDate: p.effectiveDate,
        purpose: current.purpose,
        periodStart: current.periodStart,
        periodEnd: current.periodEnd,
        financingType: current.financingType,
        fundingRatePercent: current.fundingRatePercent,
        maxAmount: p.newMaxAmount,
        approvedPlan: current.approvedPlan,
        conditions: current.conditions,
        recoveryAmount: recovery,
      });
      await this.audit.record(em, scope, { action: 'decision.propose-revocation', entity: 'Decision', entityId: decision.id, before: versionSnapshot(current), after: versionSnapshot(version) });
      return this.get(scope, decision.id, em);
    });
  }

  // ───────────────────────────── the second pair of eyes (APPROVER) ─────────────────────────────

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
      return this.get(scope, decision.id, em);
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
      return this.get(scope, decision.id, em);
    });
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private async context(scope: Scope, app: Application): Promise<{ call: FundingCall; year: BudgetYear }> {
    const call = app.call ?? (await this.calls.get(scope, app.callId));
    return { call, year: await this.budgetYear(call.budgetYearId) };
  }

  private async budgetYear(id: string): Promise<BudgetYear> {
    return (await this.budgetYears.get(INTERNAL, id)).year;
  }

  /** The decision record of an application: new, or the one whose first proposal was returned. */
  private async openCase(em: EntityManager, scope: Scope, app: Application, call: FundingCall, year: BudgetYear, instrument: Instrument, outcome: DecisionOutcome): Promise<Decision> {
    const existing = await this.decisions.findByApplication(scope, em, app.id);
    if (existing) {
      if (!decisionLifecycle.step(existing.status, 'propose')) throw proposalPending();
      Object.assign(existing, { instrument, outcome, status: decisionLifecycle.transition(existing.status, 'propose', scope) });
      return this.decisions.save(em, existing);
    }
    const decision = this.decisions.create(em, {
      reference: await nextReference(em, 'FF', year.year),
      applicationId: app.id,
      providerId: app.providerId,
      budgetYearId: call.budgetYearId,
      instrument,
      outcome,
      status: DECISION_INITIAL_STATUS,
      currentVersionNo: null,
      fieldOfActionCode: app.fieldsOfAction[0]!,
      socialAreaCode: app.socialAreaCode,
    });
    return this.decisions.save(em, decision);
  }

  /** A change (Änderung, Widerruf) starts from a decision in force with no other proposal pending. */
  private async lockInForce(em: EntityManager, scope: Scope, decisionId: string, action: 'proposeAmendment' | 'proposeRevocation'): Promise<{ decision: Decision; current: DecisionVersion }> {
    const decision = await this.decisions.get(scope, decisionId, { em, lock: true });
    if (!decisionLifecycle.step(decision.status, action) || decision.outcome !== DecisionOutcome.GRANT) throw decisionNotInForce();
    if (await this.versions.pending(scope, decisionId, em)) throw proposalPending();
    decision.status = decisionLifecycle.transition(decision.status, action, scope);
    const current = await this.versions.approved(scope, decisionId, decision.currentVersionNo!, em);
    return { decision, current };
  }

  private async saveVersion(
    em: EntityManager,
    scope: Scope,
    decision: Decision,
    year: BudgetYear,
    content: Pick<
      DecisionVersion,
      'kind' | 'reason' | 'effectiveDate' | 'purpose' | 'periodStart' | 'periodEnd' | 'financingType' | 'fundingRatePercent' | 'maxAmount' | 'approvedPlan' | 'conditions' | 'recoveryAmount'
    >,
  ): Promise<DecisionVersion> {
    const split = splitBySource(content.maxAmount, year.stateRatePercent);
    let proofDue: string | null = null;
    let interim: { year: number; due: string }[] = [];
    if (decision.outcome === DecisionOutcome.GRANT) {
      const params = await this.parameters.inForce(year.programmeId, CalendarDate.parse(content.periodEnd));
      const d = calculateDeadlines({
        periodStart: CalendarDate.parse(content.periodStart),
        periodEnd: CalendarDate.parse(content.periodEnd),
        finalProofDueMonths: params.finalProofDueMonths,
        interimProofDue: params.interimProofDue,
        receiptRetentionYears: params.receiptRetentionYears,
      });
      proofDue = d.finalProofDue.toISOString();
      interim = d.interimProofsDue.map((i) => ({ year: i.year, due: i.due.toISOString() }));
    }
    const version = this.versions.create(em, {
      ...content,
      decisionId: decision.id,
      status: VersionStatus.PROPOSED,
      versionNo: null,
      proposedBy: scope.userId!,
      proposedAt: this.clock.now(),
      approvedBy: null,
      approvedAt: null,
      returnedBy: null,
      returnedAt: null,
      returnReason: null,
      decisionDate: null,
      stateShare: split.state,
      districtShare: split.district,
      proofDue,
      interimProofsDue: interim,
      eligibleFrom: null,
    });
    return this.versions.save(em, version);
  }

  /** What a grant (or its amendment) must satisfy: programme's financing type, rate, amount, period. */
  private async checkGrant(
    em: EntityManager,
    year: BudgetYear,
    app: Application,
    p: Pick<GrantProposal, 'financingType' | 'fundingRatePercent' | 'maxAmount'> & { periodStart: string; periodEnd: string },
    amountPath: string,
    amendment = false,
  ): Promise<void> {
    const errors: FieldError[] = [];
    const programme = await this.programmes.getProgramme(year.programmeId, em);
    if (!programme.eligibleFinancingTypes.includes(p.financingType)) {
      errors.push({ path: 'financingType', message: `Die Finanzierungsart ${p.financingType} ist in diesem Förderprogramm nicht vorgesehen.` });
    }
    if (p.financingType === 'SHARE' && !p.fundingRatePercent) {
      errors.push({ path: 'fundingRatePercent', message: 'Für eine Anteilfinanzierung bitte den Fördersatz angeben.' });
    }
    if (!p.maxAmount.isPositive()) errors.push({ path: amountPath, message: 'Der Höchstbetrag muss größer als 0,00 € sein.' });
    if (!amendment && p.maxAmount.greaterThan(app.requestedAmount)) {
      errors.push({ path: amountPath, message: `Der Höchstbetrag darf die beantragte Zuwendung von ${app.requestedAmount.formatEur()} nicht übersteigen.` });
    }
    if (p.financingType === 'SHARE' && p.fundingRatePercent && p.maxAmount.greaterThan(app.totalCosts.times(p.fundingRatePercent).round())) {
      errors.push({ path: amountPath, message: `Bei einem Fördersatz von ${p.fundingRatePercent.toGermanString()} sind höchstens ${app.totalCosts.times(p.fundingRatePercent).round().formatEur()} möglich.` });
    }
    const s = CalendarDate.parse(p.periodStart, 'periodStart');
    const e = CalendarDate.parse(p.periodEnd, 'periodEnd');
    if (e.isBefore(s)) errors.push({ path: 'periodEnd', message: 'Das Ende des Bewilligungszeitraums liegt vor seinem Beginn.' });
    if (s.isBefore(CalendarDate.parse(year.periodStart)) || e.isAfter(CalendarDate.parse(year.periodEnd))) {
      errors.push({ path: 'periodStart', message: 'Der Bewilligungszeitraum muss im Haushaltsjahr liegen.' });
    }
    if (errors.length > 0) throw decisionInvalid(errors);
  }

  isStaffSide(scope: Scope): boolean {
    return hasRole(scope, Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR);
  }
}

