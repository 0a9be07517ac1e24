import { DistrictSettingsService } from '@foerderfluss/organisations';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, FieldError, Money, Rate, Scope } from '@foerderfluss/core';
import { nextReference, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ParametersService, ProgrammesService } from '@foerderfluss/programmes';
import { BudgetYear, BudgetYearsService } from '@foerderfluss/funding';
import { Application, ApplicationsService, CallsService, FundingCall, planSnapshot, proposalGaps, proposalIncomplete } from '@foerderfluss/applications';
import { calculateDeadlines, splitBySource } from '@foerderfluss/rules';
import { Decision, DecisionOutcome, Instrument } from './decision.entity';
import { DecisionVersion, ProposalReviewDoc, VersionKind } from './decision-version.entity';
import { DECISION_INITIAL_STATUS, decisionLifecycle, VersionStatus } from './decision-state';
import { DecisionRepository } from './decision.repository';
import { DecisionVersionRepository } from './decision-version.repository';
import { decisionInvalid, decisionNotInForce, maxBelowDisbursed, proposalPending } from './decisions.errors';
import { DecisionsService, DecisionWithVersions, FinancingType, versionSnapshot } from './decisions.service';

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

/** The staff side proposes: a first Bewilligung or Ablehnung, an Änderung, a Widerruf. Each stays pending until approved. */
@Injectable()
export class DecisionProposalsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly applications: ApplicationsService,
    private readonly calls: CallsService,
    private readonly budgetYears: BudgetYearsService,
    private readonly parameters: ParametersService,
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
    private readonly decisions: DecisionRepository,
    private readonly versions: DecisionVersionRepository,
    private readonly reading: DecisionsService,
    private readonly districtSettings: DistrictSettingsService,
  ) {}

  async proposeGrant(scope: Scope, applicationId: string, p: GrantProposal): Promise<DecisionWithVersions> {
    return this.tx.run((em) => this.proposeGrantIn(em, scope, applicationId, p));
  }

  async proposeRejection(scope: Scope, applicationId: string, p: RejectionProposal): Promise<DecisionWithVersions> {
    return this.tx.run((em) => this.proposeRejectionIn(em, scope, applicationId, p));
  }

  async proposeGrantIn(em: EntityManager, scope: Scope, applicationId: string, p: GrantProposal): Promise<DecisionWithVersions> {
    {
      const app = await this.applications.applyTransition(em, scope, applicationId, 'proposeDecision');
      const review = this.readyReview(app, 'GRANT');
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
        review,
      });
      await this.applications.comment(em, scope, app.id, 'STATUS', `Bewilligung über ${p.maxAmount.formatEur()} vorgeschlagen (${decision.reference}).`, false);
      await this.audit.record(em, scope, { action: 'decision.propose', entity: 'Decision', entityId: decision.id, after: versionSnapshot(version) });
      return this.reading.get(scope, decision.id, em);
    }
  }

  async proposeRejectionIn(em: EntityManager, scope: Scope, applicationId: string, p: RejectionProposal): Promise<DecisionWithVersions> {
    {
      const app = await this.applications.applyTransition(em, scope, applicationId, 'proposeDecision');
      const review = this.readyReview(app, 'REJECTION');
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
        review,
      });
      await this.applications.comment(em, scope, app.id, 'STATUS', `Ablehnung vorgeschlagen (${decision.reference}).`, false);
      await this.audit.record(em, scope, { action: 'decision.propose-rejection', entity: 'Decision', entityId: decision.id, after: versionSnapshot(version) });
      return this.reading.get(scope, decision.id, em);
    }
  }

  /** Änderungsbescheid: a new version with a reason; the ledger gets the difference on approval. */
  async proposeAmendment(scope: Scope, decisionId: string, p: AmendmentProposal): Promise<DecisionWithVersions> {
    return this.tx.run(async (em) => {
      const { decision, current } = await this.lockInForce(em, scope, decisionId, 'proposeAmendment');
      const year = await this.budgetYear(scope, decision.budgetYearId);
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
        review: null,
      });
      await this.audit.record(em, scope, { action: 'decision.propose-amendment', entity: 'Decision', entityId: decision.id, before: versionSnapshot(current), after: versionSnapshot(version) });
      return this.reading.get(scope, decision.id, em);
    });
  }

  /** Widerruf/Rücknahme, whole (newMaxAmount 0) or in part. */
  async proposeRevocation(scope: Scope, decisionId: string, p: RevocationProposal): Promise<DecisionWithVersions> {
    return this.tx.run(async (em) => {
      const { decision, current } = await this.lockInForce(em, scope, decisionId, 'proposeRevocation');
      if (p.newMaxAmount.greaterThanOrEqual(current.maxAmount)) {
        throw decisionInvalid([{ path: 'newMaxAmount', message: `Der verbleibende Höchstbetrag muss unter dem bisherigen von ${current.maxAmount.formatEur()} liegen.` }]);
      }
      const year = await this.budgetYear(scope, decision.budgetYearId);
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
        review: null,
      });
      await this.audit.record(em, scope, { action: 'decision.propose-revocation', entity: 'Decision', entityId: decision.id, before: versionSnapshot(current), after: versionSnapshot(version) });
      return this.reading.get(scope, decision.id, em);
    });
  }

  /**
   * Four eyes with context (issue 16): a first Bewilligung or Ablehnung goes to the approver only
   * with the checklist decided and a Votum that carries the proposal and says why; otherwise 409
   * naming each missing point. The review is frozen into the version, so the approver reads what
   * the proposer relied on.
   */
  private readyReview(app: Application, outcome: 'GRANT' | 'REJECTION'): ProposalReviewDoc {
    const gaps = proposalGaps(app.review, outcome);
    if (gaps.length > 0) throw proposalIncomplete(gaps, outcome);
    const { checklist, votum, reviewedBy } = app.review!;
    return { checklist, votum, reviewedBy };
  }

  private async context(scope: Scope, app: Application): Promise<{ call: FundingCall; year: BudgetYear }> {
    const call = app.call ?? (await this.calls.get(scope, app.callId));
    return { call, year: await this.budgetYear(scope, call.budgetYearId) };
  }

  private async budgetYear(scope: Scope, id: string): Promise<BudgetYear> {
    return (await this.budgetYears.get(scope, id)).year;
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
      reference: await nextReference(em, await this.districtSettings.referenceSeries(em, app.districtId, 'FF'), year.year),
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
      'kind' | 'reason' | 'effectiveDate' | 'purpose' | 'periodStart' | 'periodEnd' | 'financingType' | 'fundingRatePercent' | 'maxAmount' | 'approvedPlan' | 'conditions' | 'recoveryAmount' | 'review'
    >,
  ): Promise<DecisionVersion> {
    const split = splitBySource(content.maxAmount, year.stateRatePercent);
    let proofDue: string | null = null;
    let interim: { year: number; due: string }[] = [];
    if (decision.outcome === DecisionOutcome.GRANT) {
      const params = await this.parameters.inForce(year.programmeId, CalendarDate.parse(content.periodEnd), year.districtId);
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
}
