import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, DomainError, FieldError, Money, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { amounts, BudgetFiguresService, SourceAmounts } from '@foerderfluss/funding';
import { splitBySource } from '@foerderfluss/rules';
import { AllocationRound, AllocationRoundStatus } from './allocation-round.entity';
import { AllocationRoundItem } from './allocation-round-item.entity';
import { Application, VotumRecommendation } from './application.entity';
import { FundingCall } from './funding-call.entity';
import { ApplicationStatus } from './application-state';
import { roundConfirmed, roundWithoutResolution } from './applications.errors';
import { ROUND_LIFECYCLE, RoundAction } from './allocation-round-state';
import { AllocationRoundRepository } from './allocation-round.repository';
import { ApplicationRepository } from './application.repository';
import { FundingCallRepository } from './funding-call.repository';

/** Applications that take part in the distribution: submitted and not yet decided or withdrawn. */
export const ROUND_STATUSES = [
  ApplicationStatus.SUBMITTED,
  ApplicationStatus.IN_REVIEW,
  ApplicationStatus.CHANGES_REQUESTED,
  ApplicationStatus.DECISION_PROPOSED,
];

export interface RoundItemView {
  application: Application;
  votum: VotumRecommendation | null;
  votumAmount: Money | null;
  /** The application's proposal: its proposed decision's amount if there is one, else the round's working amount. */
  proposedAmount: Money | null;
  /** Where the proposal comes from: a Bescheid/Vertrag/Ablehnung waiting for approval, or the round's working paper. */
  proposalSource: 'DECISION' | 'ROUND' | null;
  /** Aktenzeichen of the proposed decision, if any. */
  decisionReference: string | null;
  note: string | null;
  runningTotal: Money;
  withinBudget: boolean;
}

export interface GroupSum {
  code: string;
  name: string;
  requested: Money;
  proposed: Money;
}

export interface RoundOverview {
  call: FundingCall;
  round: AllocationRound;
  /** What the caller may do with the round now (from its lifecycle table). */
  allowedActions: RoundAction[];
  freeBudget: SourceAmounts;
  items: RoundItemView[];
  totals: { requested: Money; proposed: SourceAmounts; remaining: SourceAmounts };
  byFieldOfAction: GroupSum[];
  bySocialArea: GroupSum[];
}

export interface RoundItemInput {
  applicationId: string;
  proposedAmount: Money;
  note: string | null;
}

/**
 * Mittelverteilung: for one call, staff weigh all applications side by side against the free
 * budget, set proposed amounts and record the committee resolution that confirms them.
 */
@Injectable()
export class AllocationRoundService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly figures: BudgetFiguresService,
    private readonly clock: Clock,
    private readonly rounds: AllocationRoundRepository,
    private readonly calls: FundingCallRepository,
    private readonly applications: ApplicationRepository,
  ) {}

  async overview(scope: Scope, callId: string): Promise<RoundOverview> {
    return this.build(this.tx.manager, scope, callId);
  }

  async setItems(scope: Scope, callId: string, items: RoundItemInput[]): Promise<RoundOverview> {
    return this.tx.run(async (em) => {
      const round = await this.lockRound(em, scope, callId);
      this.step(scope, round, 'setItems');
      const apps = await this.applications.ofCall(scope, callId, { ids: items.map((i) => i.applicationId) }, em);
      const errors: FieldError[] = [];
      items.forEach((item, i) => {
        const app = apps.find((a) => a.id === item.applicationId);
        if (!app) return errors.push({ path: `items[${i}].applicationId`, message: 'Dieser Antrag gehört nicht zu dem Projektaufruf.' });
        if (!ROUND_STATUSES.includes(app.status)) {
          return errors.push({ path: `items[${i}].applicationId`, message: `Der Antrag ${app.reference} nimmt nicht an der Mittelverteilung teil.` });
        }
        if (item.proposedAmount.greaterThan(app.requestedAmount)) {
          errors.push({ path: `items[${i}].proposedAmount`, message: `Der Vorschlag liegt über der beantragten Zuwendung von ${app.requestedAmount.formatEur()}.` });
        } else if (item.proposedAmount.lessThan(app.requestedAmount) && !item.note?.trim()) {
          errors.push({ path: `items[${i}].note`, message: 'Bei Teilförderung oder Ablehnung bitte eine Begründung angeben.' });
        }
        return undefined;
      });
      if (errors.length > 0) throw validationError(errors);
      for (const item of items) {
        await em.upsert(
          AllocationRoundItem,
          { roundId: round.id, applicationId: item.applicationId, proposedAmount: item.proposedAmount, note: item.note },
          ['roundId', 'applicationId'],
        );
      }
      await this.audit.record(em, scope, {
        action: 'allocation-round.items',
        entity: 'AllocationRound',
        entityId: round.id,
        after: items.map((i) => ({ applicationId: i.applicationId, proposedAmount: i.proposedAmount.toApiString(), note: i.note })),
      });
      return this.build(em, scope, callId);
    });
  }

  async recordResolution(scope: Scope, callId: string, r: { body: string; date: string; number: string }): Promise<RoundOverview> {
    return this.tx.run(async (em) => {
      const round = await this.lockRound(em, scope, callId);
      this.step(scope, round, 'recordResolution');
      const before = { body: round.resolutionBody, date: round.resolutionDate, number: round.resolutionNumber };
      Object.assign(round, { resolutionBody: r.body, resolutionDate: r.date, resolutionNumber: r.number });
      await em.save(AllocationRound, round);
      await this.audit.record(em, scope, { action: 'allocation-round.resolution', entity: 'AllocationRound', entityId: round.id, before, after: r });
      return this.build(em, scope, callId);
    });
  }

  /** Confirms the distribution as resolved. Refused when it needs more than the year has free, per source. */
  async confirm(scope: Scope, callId: string): Promise<RoundOverview> {
    return this.tx.run(async (em) => {
      const round = await this.lockRound(em, scope, callId);
      const confirmed = this.step(scope, round, 'confirm');
      if (!round.resolutionBody || !round.resolutionDate || !round.resolutionNumber) throw roundWithoutResolution();
      const overview = await this.build(em, scope, callId);
      const { proposed } = overview.totals;
      const free = overview.freeBudget;
      if (proposed.total.greaterThan(free.total) || proposed.state.greaterThan(free.state) || proposed.district.greaterThan(free.district)) {
        throw new DomainError(
          'ALLOCATION_ROUND_EXCEEDS_BUDGET',
          409,
          `Die vorgeschlagene Verteilung von ${proposed.total.formatEur()} übersteigt die freien Mittel von ${free.total.formatEur()} ` +
            `(Land: ${proposed.state.formatEur()} von ${free.state.formatEur()}, Kreis: ${proposed.district.formatEur()} von ${free.district.formatEur()}).`,
          [],
          { proposed: proposed.total.toApiString(), free: free.total.toApiString() },
        );
      }
      round.status = confirmed;
      round.confirmedAt = this.clock.now();
      round.confirmedBy = scope.userId;
      await em.save(AllocationRound, round);
      await this.audit.record(em, scope, {
        action: 'allocation-round.confirm',
        entity: 'AllocationRound',
        entityId: round.id,
        after: { proposed: proposed.total.toApiString(), free: free.total.toApiString(), resolutionNumber: round.resolutionNumber },
      });
      return this.build(em, scope, callId);
    });
  }

  /**
   * For the decisions lib, inside its transaction: the locked round of a call and its items.
   * `scope` is the caller's (a Träger never reaches a round).
   */
  async items(em: EntityManager, scope: Scope, callId: string): Promise<{ round: AllocationRound; items: AllocationRoundItem[] }> {
    const round = await this.lockRound(em, scope, callId);
    return { round, items: await this.rounds.items(round.id, em) };
  }

  /** The table decides; a step it does not have keeps the established 409 (ALLOCATION_ROUND_CONFIRMED). */
  private step(scope: Scope, round: AllocationRound, action: RoundAction): AllocationRoundStatus {
    if (!ROUND_LIFECYCLE.step(round.status, action)) throw roundConfirmed();
    return ROUND_LIFECYCLE.transition(round.status, action, scope);
  }

  /** The round of a call, created on first use; locked, so round edits never interleave. */
  private async lockRound(em: EntityManager, scope: Scope, callId: string): Promise<AllocationRound> {
    await this.calls.get(scope, callId, { em });
    return this.rounds.lockOfCall(scope, callId, em);
  }

  private async build(em: EntityManager, scope: Scope, callId: string): Promise<RoundOverview> {
    const call = await this.calls.get(scope, callId, { em });
    const round =
      (await this.rounds.ofCall(scope, callId, em)) ??
      Object.assign(new AllocationRound(), { callId, status: AllocationRoundStatus.OPEN, resolutionBody: null, resolutionDate: null, resolutionNumber: null });
    const stored = round.id ? await this.rounds.items(round.id, em) : [];
    const apps = await this.applications.ofCall(scope, callId, { statuses: ROUND_STATUSES }, em);
    // Free money and what is proposed come from the one budget figures service: a Bescheid proposed
    // outside the round (from the Antrag) counts here too. It did not before, and the round showed
    // "Vorgeschlagen 0,00 €" next to a pending Bescheid, because only the round's own working
    // amounts were summed.
    const free = await this.figures.freeMoney(scope, call.budgetYearId, em);
    const pending = new Map((await this.figures.pendingCommitments(scope, call.budgetYearId, em)).map((p) => [p.applicationId, p]));
    const rate = call.budgetYear!.stateRatePercent;

    let running = Money.ZERO;
    let proposedState = Money.ZERO;
    let proposedDistrict = Money.ZERO;
    const items: RoundItemView[] = apps.map((app) => {
      const item = stored.find((s) => s.applicationId === app.id);
      const decision = pending.get(app.id);
      // A proposed decision is the proposal of record; the round's working amount counts only until one is proposed.
      const proposed = decision ? decision.amount : (item?.proposedAmount ?? null);
      if (proposed) {
        running = running.plus(proposed);
        const split = decision ? decision.split : splitBySource(proposed, rate);
        proposedState = proposedState.plus(split.state);
        proposedDistrict = proposedDistrict.plus(split.district);
      }
      return {
        application: app,
        votum: app.review?.votum?.recommendation ?? null,
        votumAmount: app.review?.votum?.proposedAmount ? Money.of(app.review.votum.proposedAmount) : null,
        proposedAmount: proposed,
        proposalSource: decision ? 'DECISION' : item ? 'ROUND' : null,
        decisionReference: decision?.reference ?? null,
        note: item?.note ?? null,
        runningTotal: running,
        withinBudget: running.lessThanOrEqual(free.total),
      };
    });

    const fieldNames = new Map((await this.calls.fieldsOfAction(undefined, em)).map((f) => [f.code, f.name]));
    const areaNames = new Map((await this.calls.socialAreas(undefined, em)).map((a) => [a.code, a.name]));
    const group = (keysOf: (a: Application) => string[], names: Map<string, string>): GroupSum[] => {
      const sums = new Map<string, GroupSum>();
      for (const it of items) {
        // An application in several fields counts once, under its first (main) field.
        const key = keysOf(it.application)[0] ?? '—';
        const g = sums.get(key) ?? { code: key, name: names.get(key) ?? key, requested: Money.ZERO, proposed: Money.ZERO };
        g.requested = g.requested.plus(it.application.requestedAmount);
        g.proposed = g.proposed.plus(it.proposedAmount ?? Money.ZERO);
        sums.set(key, g);
      }
      return [...sums.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'));
    };
    const proposedTotal = amounts(proposedState, proposedDistrict);
    return {
      call,
      round,
      allowedActions: ROUND_LIFECYCLE.allowedActions(round.status, scope),
      freeBudget: free,
      items,
      totals: {
        requested: Money.sum(apps.map((a) => a.requestedAmount)),
        proposed: proposedTotal,
        remaining: amounts(free.state.minus(proposedState), free.district.minus(proposedDistrict)),
      },
      byFieldOfAction: group((a) => a.fieldsOfAction, fieldNames),
      bySocialArea: group((a) => [a.socialAreaCode], areaNames),
    };
  }
}
