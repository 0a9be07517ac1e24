import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CalendarDate,
  clampLimit,
  Clock,
  decodeCursor,
  FieldError,
  hasRole,
  Money,
  Page,
  Rate,
  restrictToOrganisation,
  Role,
  Scope,
  toPage,
} from '@foerderfluss/core';
import { nextReference, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ParametersService, ProgrammesService } from '@foerderfluss/programmes';
import { BudgetYear, LedgerKind, LedgerService } from '@foerderfluss/funding';
import {
  Application,
  ApplicationsService,
  EarlyStartConsent,
  FundingCall,
  planSnapshot,
} from '@foerderfluss/applications';
import { calculateDeadlines, determineEligibilityStart, splitBySource } from '@foerderfluss/rules';
import {
  Decision,
  DecisionOutcome,
  DecisionStatus,
  DecisionVersion,
  Instrument,
  VersionKind,
  VersionStatus,
} from './decision.entity';
import {
  decisionInvalid,
  decisionNotFound,
  decisionNotInForce,
  earlyStartBlocked,
  maxBelowDisbursed,
  noPendingProposal,
  proposalPending,
  sameApprover,
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

export interface DecisionQuery {
  status?: DecisionStatus;
  budgetYearId?: string;
  providerId?: string;
  instrument?: Instrument;
  fieldOfAction?: string;
  socialAreaCode?: string;
  pendingApproval?: boolean;
  proofDueFrom?: string;
  proofDueTo?: string;
  limit?: number;
  cursor?: string;
}

export interface DecisionWithVersions {
  decision: Decision;
  versions: DecisionVersion[];
  current: DecisionVersion | null;
  pending: DecisionVersion | null;
}

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
    private readonly ledger: LedgerService,
    private readonly parameters: ParametersService,
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
  ) {}

  // ───────────────────────────── reading ─────────────────────────────

  async list(scope: Scope, q: DecisionQuery): Promise<Page<Decision>> {
    const limit = clampLimit(q.limit);
    const qb = this.tx.manager.getRepository(Decision).createQueryBuilder('d').leftJoinAndSelect('d.provider', 'provider');
    const own = restrictToOrganisation(scope);
    if (own !== null) {
      // A Träger sees a decision once it has been issued, never a proposal.
      qb.andWhere('d.provider_id = :own AND d.current_version_no IS NOT NULL', { own });
    }
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    if (q.budgetYearId) qb.andWhere('d.budget_year_id = :by', { by: q.budgetYearId });
    if (q.providerId) qb.andWhere('d.provider_id = :pid', { pid: q.providerId });
    if (q.instrument) qb.andWhere('d.instrument = :ins', { ins: q.instrument });
    if (q.fieldOfAction) qb.andWhere('d.field_of_action_code = :foa', { foa: q.fieldOfAction });
    if (q.socialAreaCode) qb.andWhere('d.social_area_code = :sa', { sa: q.socialAreaCode });
    if (q.pendingApproval) {
      qb.andWhere(`EXISTS (SELECT 1 FROM decision_version v WHERE v.decision_id = d.id AND v.status = 'PROPOSED')`);
    }
    if (q.proofDueFrom || q.proofDueTo) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM decision_version v WHERE v.decision_id = d.id AND v.version_no = d.current_version_no
           AND (:pdf::date IS NULL OR v.proof_due >= :pdf::date) AND (:pdt::date IS NULL OR v.proof_due <= :pdt::date))`,
        { pdf: q.proofDueFrom ?? null, pdt: q.proofDueTo ?? null },
      );
    }
    const c = decodeCursor(q.cursor, 1);
    if (c) qb.andWhere('d.reference > :ref', { ref: String(c[0]) });
    const rows = await qb.orderBy('d.reference', 'ASC').take(limit + 1).getMany();
    return toPage(rows, limit, (d) => [d.reference]);
  }

  /** 404 for another Träger's decision and for a proposal a Träger may not see yet. */
  async get(scope: Scope, id: string, em: EntityManager = this.tx.manager): Promise<DecisionWithVersions> {
    const decision = await em.getRepository(Decision).findOne({ where: { id }, relations: { provider: true, application: true } });
    const own = restrictToOrganisation(scope);
    if (!decision || (own !== null && (decision.providerId !== own || decision.currentVersionNo === null))) throw decisionNotFound();
    let versions = await em.getRepository(DecisionVersion).find({ where: { decisionId: id }, order: { proposedAt: 'ASC' } });
    if (own !== null) versions = versions.filter((v) => v.status === VersionStatus.APPROVED);
    return {
      decision,
      versions,
      current: versions.find((v) => v.status === VersionStatus.APPROVED && v.versionNo === decision.currentVersionNo) ?? null,
      pending: versions.find((v) => v.status === VersionStatus.PROPOSED) ?? null,
    };
  }

  /** The version in force, for the modules that compute with it (payments, settlement). */
  async currentVersion(em: EntityManager, decisionId: string): Promise<{ decision: Decision; version: DecisionVersion }> {
    const decision = await em.getRepository(Decision).findOneBy({ id: decisionId });
    if (!decision || decision.currentVersionNo === null) throw decisionNotFound();
    const version = await em.getRepository(DecisionVersion).findOneByOrFail({ decisionId, versionNo: decision.currentVersionNo });
    return { decision, version };
  }

  /** Money paid out (approved payouts) under the decision so far. */
  async disbursed(em: EntityManager, decisionId: string): Promise<Money> {
    const d = await em.getRepository(Decision).findOneBy({ id: decisionId });
    if (!d) throw decisionNotFound();
    return d.disbursedAmount;
  }

  /**
   * Reserves a payout against the Höchstbetrag in one conditional UPDATE: it succeeds only while
   * disbursed + amount ≤ max and the decision is in force, so concurrent approvals serialise on the
   * row and can never pass the cap together. Returns false when the cap does not allow it.
   */
  async reserveDisbursement(em: EntityManager, decisionId: string, amount: Money): Promise<boolean> {
    const rows = (await em.query(
      `UPDATE decision SET disbursed_amount = disbursed_amount + $2, updated_at = now()
        WHERE id = $1 AND status = 'IN_FORCE' AND disbursed_amount + $2 <= max_amount
        RETURNING id`,
      [decisionId, amount.toApiString()],
    )) as unknown[];
    return (Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows).length > 0;
  }

  /**
   * For the proof-of-use lib: the Festsetzung fixes the final grant (payouts stop there) and, when
   * nothing is to be recovered, closes the case. The decisions lib owns the status; callers ask here.
   */
  async applySettlement(em: EntityManager, scope: Scope, decisionId: string, finalGrant: Money, close: boolean): Promise<Decision> {
    const decision = await em.getRepository(Decision).findOneByOrFail({ id: decisionId });
    const before = { status: decision.status, maxAmount: decision.maxAmount.toApiString() };
    decision.maxAmount = finalGrant;
    if (close) decision.status = DecisionStatus.CLOSED;
    await em.save(Decision, decision);
    if (close) {
      await this.audit.record(em, scope, { action: 'decision.close', entity: 'Decision', entityId: decisionId, before, after: { status: decision.status, maxAmount: finalGrant.toApiString() } });
    }
    return decision;
  }

  /** For the proof-of-use lib: the last Rückforderung of a case is settled, so the case closes (once). */
  async closeAfterRecovery(em: EntityManager, scope: Scope, decisionId: string): Promise<void> {
    const result = await em.update(Decision, { id: decisionId, status: DecisionStatus.IN_FORCE }, { status: DecisionStatus.CLOSED });
    if (result.affected) {
      await this.audit.record(em, scope, { action: 'decision.close', entity: 'Decision', entityId: decisionId, before: { status: DecisionStatus.IN_FORCE }, after: { status: DecisionStatus.CLOSED } });
    }
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
      const { call, year } = await this.context(em, app);
      const periodStart = p.periodStart ?? app.periodStart;
      const periodEnd = p.periodEnd ?? app.periodEnd;
      await this.checkGrant(em, year, app, { ...p, periodStart, periodEnd }, 'maxAmount');
      const decision = await this.openCase(em, app, call, year, p.instrument, DecisionOutcome.GRANT);
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
      const { call, year } = await this.context(em, app);
      const decision = await this.openCase(em, app, call, year, p.instrument, DecisionOutcome.REJECTION);
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
      const { decision, current } = await this.lockInForce(em, decisionId);
      const year = await em.getRepository(BudgetYear).findOneByOrFail({ id: decision.budgetYearId });
      const app = await em.getRepository(Application).findOneByOrFail({ id: decision.applicationId });
      const next = {
        financingType: p.financingType ?? current.financingType!,
        fundingRatePercent: p.fundingRatePercent !== undefined ? p.fundingRatePercent : current.fundingRatePercent,
        maxAmount: p.maxAmount ?? current.maxAmount,
        periodStart: p.periodStart ?? current.periodStart,
        periodEnd: p.periodEnd ?? current.periodEnd,
      };
      await this.checkGrant(em, year, app, next, 'maxAmount', true);
      const disbursed = await this.disbursed(em, decision.id);
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
      const { decision, current } = await this.lockInForce(em, decisionId);
      if (p.newMaxAmount.greaterThanOrEqual(current.maxAmount)) {
        throw decisionInvalid([{ path: 'newMaxAmount', message: `Der verbleibende Höchstbetrag muss unter dem bisherigen von ${current.maxAmount.formatEur()} liegen.` }]);
      }
      const year = await em.getRepository(BudgetYear).findOneByOrFail({ id: decision.budgetYearId });
      const disbursed = await this.disbursed(em, decision.id);
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
      const decision = await em.getRepository(Decision).findOne({ where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
      if (!decision) throw decisionNotFound();
      const pending = await em.getRepository(DecisionVersion).findOneBy({ decisionId, status: VersionStatus.PROPOSED });
      if (!pending) throw noPendingProposal();
      if (pending.proposedBy === scope.userId) throw sameApprover();
      const today = this.clock.today();
      const previous = decision.currentVersionNo === null ? null : await em.getRepository(DecisionVersion).findOneByOrFail({ decisionId, versionNo: decision.currentVersionNo });
      const ledgerRef = { referenceType: 'Decision', referenceId: decision.id, providerId: decision.providerId, fieldOfActionCode: decision.fieldOfActionCode, socialAreaCode: decision.socialAreaCode, bookingDate: today.toISOString() };

      if (pending.kind === VersionKind.ORIGINAL && decision.outcome === DecisionOutcome.GRANT) {
        const app = await em.getRepository(Application).findOneByOrFail({ id: decision.applicationId });
        const consents = await em.getRepository(EarlyStartConsent).findBy({ applicationId: app.id });
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
        decision.status = DecisionStatus.IN_FORCE;
      } else if (pending.kind === VersionKind.ORIGINAL) {
        await this.applications.applyTransition(em, scope, decision.applicationId, 'reject');
        decision.status = DecisionStatus.REJECTED;
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
          if (pending.maxAmount.isZero()) decision.status = DecisionStatus.REVOKED;
        }
        pending.eligibleFrom = previous!.eligibleFrom;
      }

      pending.status = VersionStatus.APPROVED;
      pending.versionNo = (decision.currentVersionNo ?? 0) + 1;
      pending.approvedBy = scope.userId;
      pending.approvedAt = this.clock.now();
      pending.decisionDate = today.toISOString();
      await em.save(DecisionVersion, pending);
      decision.currentVersionNo = pending.versionNo;
      decision.maxAmount = pending.maxAmount;
      await em.save(Decision, decision);
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
      const decision = await em.getRepository(Decision).findOne({ where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
      if (!decision) throw decisionNotFound();
      const pending = await em.getRepository(DecisionVersion).findOneBy({ decisionId, status: VersionStatus.PROPOSED });
      if (!pending) throw noPendingProposal();
      pending.status = VersionStatus.RETURNED;
      pending.returnedBy = scope.userId;
      pending.returnedAt = this.clock.now();
      pending.returnReason = reason;
      await em.save(DecisionVersion, pending);
      if (pending.kind === VersionKind.ORIGINAL) {
        await this.applications.applyTransition(em, scope, decision.applicationId, 'returnProposal');
        decision.status = DecisionStatus.RETURNED;
        await em.save(Decision, decision);
      }
      await this.applications.comment(em, scope, decision.applicationId, 'STATUS', `Vorschlag ${decision.reference} zurückgegeben: ${reason}`, false);
      await this.audit.record(em, scope, { action: 'decision.return', entity: 'Decision', entityId: decision.id, after: { versionId: pending.id, reason } });
      return this.get(scope, decision.id, em);
    });
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private async context(em: EntityManager, app: Application): Promise<{ call: FundingCall; year: BudgetYear }> {
    const call = await em.getRepository(FundingCall).findOneByOrFail({ id: app.callId });
    const year = await em.getRepository(BudgetYear).findOneByOrFail({ id: call.budgetYearId });
    return { call, year };
  }

  /** The decision record of an application: new, or the one whose first proposal was returned. */
  private async openCase(em: EntityManager, app: Application, call: FundingCall, year: BudgetYear, instrument: Instrument, outcome: DecisionOutcome): Promise<Decision> {
    const existing = await em.getRepository(Decision).findOne({ where: { applicationId: app.id }, lock: { mode: 'pessimistic_write' } });
    if (existing) {
      if (existing.status !== DecisionStatus.RETURNED) throw proposalPending();
      Object.assign(existing, { instrument, outcome, status: DecisionStatus.PROPOSED });
      return em.save(Decision, existing);
    }
    const decision = em.create(Decision, {
      reference: await nextReference(em, 'FF', year.year),
      applicationId: app.id,
      providerId: app.providerId,
      budgetYearId: call.budgetYearId,
      instrument,
      outcome,
      status: DecisionStatus.PROPOSED,
      currentVersionNo: null,
      fieldOfActionCode: app.fieldsOfAction[0]!,
      socialAreaCode: app.socialAreaCode,
    });
    return em.save(Decision, decision);
  }

  private async lockInForce(em: EntityManager, decisionId: string): Promise<{ decision: Decision; current: DecisionVersion }> {
    const decision = await em.getRepository(Decision).findOne({ where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
    if (!decision) throw decisionNotFound();
    if (decision.status !== DecisionStatus.IN_FORCE || decision.outcome !== DecisionOutcome.GRANT) throw decisionNotInForce();
    if (await em.getRepository(DecisionVersion).existsBy({ decisionId, status: VersionStatus.PROPOSED })) throw proposalPending();
    const current = await em.getRepository(DecisionVersion).findOneByOrFail({ decisionId, versionNo: decision.currentVersionNo! });
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
    const version = em.create(DecisionVersion, {
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
    return em.save(DecisionVersion, version);
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

