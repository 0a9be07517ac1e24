import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, conflict, hasRole, Money, Rate, Role, Scope, validationError } from '@foerderfluss/core';
import { pgErrorCode, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ParametersService } from '@foerderfluss/programmes';
import { BudgetYearRepository, BudgetYearsService, BudgetYearWithBalances, LedgerKind, LedgerService } from '@foerderfluss/funding';
import { StateGrant } from './state-grant.entity';
import { STATE_GRANT_LIFECYCLE, StateGrantAction } from './state-grant-state';
import { StateGrantFilter, StateGrantRepository } from './state-grant.repository';
import { DistributionService } from './distribution.service';
import { assertDistrict, assertLand } from './land-access';
import { stateGrantExists } from './land.errors';

export interface NewStateGrant {
  districtId: string;
  year: number;
  programmeId?: string;
  reference: string;
  /** Default: the Kreis's share in the Verteilungsschlüssel of the year. */
  amount?: Money;
  /** Default: the programme's STATE_RATE_PERCENT in force on 1 January of the year. */
  stateRatePercent?: Rate;
  periodStart?: string;
  periodEnd?: string;
  proofDue?: string;
  note?: string | null;
}

export type StateGrantPatch = Partial<Pick<NewStateGrant, 'reference' | 'amount' | 'stateRatePercent' | 'periodStart' | 'periodEnd' | 'proofDue' | 'note'>>;

export interface BudgetYearFromGrant {
  districtShareAmount: Money;
  districtBudgetLine: string;
  applicationDeadline: string | null;
}

/**
 * Zuweisungsbescheide des Landes an die Kreise (issue 20 item 2): drafted and proposed by Land staff,
 * issued by a second Land user; the Kreis reads its own once issued and builds its budget year on it.
 */
@Injectable()
export class StateGrantsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly repo: StateGrantRepository,
    private readonly distribution: DistributionService,
    private readonly parameters: ParametersService,
    private readonly budgetYears: BudgetYearsService,
    private readonly years: BudgetYearRepository,
    private readonly ledger: LedgerService,
  ) {}

  list(scope: Scope, filter: StateGrantFilter): Promise<StateGrant[]> {
    return this.repo.all(scope, filter);
  }

  get(scope: Scope, id: string): Promise<StateGrant> {
    return this.repo.get(scope, id);
  }

  allowedActions(scope: Scope, g: StateGrant): (StateGrantAction | 'createBudgetYear')[] {
    const actions: (StateGrantAction | 'createBudgetYear')[] = STATE_GRANT_LIFECYCLE.allowedActions(g.status, scope, { firstActorId: g.proposedBy });
    if (g.status === 'ISSUED' && g.budgetYearId === null && scope.districtId === g.districtId && hasRole(scope, Role.ADMIN)) actions.push('createBudgetYear');
    return actions;
  }

  async create(scope: Scope, input: NewStateGrant): Promise<StateGrant> {
    assertLand(scope);
    STATE_GRANT_LIFECYCLE.transition('DRAFT', 'edit', scope);
    const id = await this.tx.run(async (em) => {
      const programmeId = input.programmeId ?? (await this.repo.defaultProgrammeId(em));
      if (!programmeId) throw validationError([{ path: 'programmeId', message: 'Bitte das Förderprogramm angeben.' }]);
      if (!(await this.repo.isDistrict(em, input.districtId))) throw validationError([{ path: 'districtId', message: 'Diesen Kreis gibt es nicht.' }]);
      const amount = input.amount ?? (await this.distribution.shareOf(programmeId, input.year, input.districtId));
      if (!amount) {
        throw validationError([{ path: 'amount', message: 'Bitte den Betrag angeben: Für dieses Jahr ist kein Verteilungsschlüssel erfasst.' }]);
      }
      const rate = input.stateRatePercent ?? (await this.parameters.inForce(programmeId, CalendarDate.of(input.year, 1, 1), null)).stateFundingRate;
      const g = em.create(StateGrant, {
        districtId: input.districtId,
        programmeId,
        year: input.year,
        reference: input.reference.trim(),
        status: 'DRAFT',
        amount,
        stateRatePercent: rate,
        periodStart: input.periodStart ?? `${input.year}-01-01`,
        periodEnd: input.periodEnd ?? `${input.year}-12-31`,
        proofDue: input.proofDue ?? `${input.year + 1}-06-30`,
        note: input.note ?? null,
        createdBy: scope.userId,
        proposedBy: null,
        proposedAt: null,
        issuedBy: null,
        issuedAt: null,
        issuedOn: null,
        budgetYearId: null,
      });
      check(g);
      try {
        await this.repo.save(em, g);
      } catch (err) {
        if (pgErrorCode(err) === '23505') throw stateGrantExists(input.year);
        throw err;
      }
      await this.audit.record(em, scope, { action: 'state-grant.create', entity: 'StateGrant', entityId: g.id, after: snapshot(g) });
      return g.id;
    });
    return this.repo.get(scope, id);
  }

  async update(scope: Scope, id: string, patch: StateGrantPatch): Promise<StateGrant> {
    return this.step(scope, id, 'edit', async (_em, g) => {
      if (patch.reference !== undefined) g.reference = patch.reference.trim();
      if (patch.amount !== undefined) g.amount = patch.amount;
      if (patch.stateRatePercent !== undefined) g.stateRatePercent = patch.stateRatePercent;
      if (patch.periodStart !== undefined) g.periodStart = patch.periodStart;
      if (patch.periodEnd !== undefined) g.periodEnd = patch.periodEnd;
      if (patch.proofDue !== undefined) g.proofDue = patch.proofDue;
      if (patch.note !== undefined) g.note = patch.note;
      check(g);
    });
  }

  propose(scope: Scope, id: string): Promise<StateGrant> {
    return this.step(scope, id, 'propose', async (_em, g) => {
      g.proposedBy = scope.userId;
      g.proposedAt = this.clock.now();
    });
  }

  return(scope: Scope, id: string): Promise<StateGrant> {
    return this.step(scope, id, 'return', async (_em, g) => {
      g.proposedBy = null;
      g.proposedAt = null;
    });
  }

  /**
   * Erlass: four eyes. When the Kreis already has its budget year of that programme and year, the
   * Zuweisung is linked to it and its Land money (H_land) follows the Zuweisung: the difference is one
   * ALLOCATION entry (Land source) in the same transaction, which the ledger refuses (and with it the
   * issue) when it would take away money the Kreis has already committed.
   */
  issue(scope: Scope, id: string): Promise<StateGrant> {
    return this.step(scope, id, 'issue', async (em, g) => {
      g.issuedBy = scope.userId;
      g.issuedAt = this.clock.now();
      g.issuedOn = this.clock.today().toISOString();
      g.budgetYearId = await this.repo.budgetYearOf(em, g.districtId, g.programmeId, g.year);
      if (g.budgetYearId) {
        const balance = await this.years.balance(em, g.budgetYearId);
        const difference = g.amount.minus(balance?.allocatedState ?? g.amount);
        if (!difference.isZero()) {
          await this.ledger.post(em, scope, {
            budgetYearId: g.budgetYearId,
            kind: LedgerKind.ALLOCATION,
            amount: difference,
            stateShare: difference,
            referenceType: 'StateGrant',
            referenceId: g.id,
            note: `Anpassung an die Zuweisung des Landes ${g.reference}`,
            bookingDate: g.issuedOn,
          });
        }
      }
    });
  }

  /**
   * The Kreis creates its budget year of the Zuweisung's year from it (Kreis ADMIN): reference, date,
   * H_land, Fördersatz, Bewilligungszeitraum and VN deadline come from the Zuweisung; the Kreis adds
   * its own share and budget line. One transaction with the link.
   */
  async createBudgetYear(scope: Scope, id: string, input: BudgetYearFromGrant): Promise<{ grant: StateGrant; budgetYear: BudgetYearWithBalances }> {
    assertDistrict(scope);
    return this.tx.run(async (em) => {
      const g = await this.repo.get(scope, id, { em, lock: true });
      if (g.status !== 'ISSUED') throw conflict('STATE_GRANT_NOT_ISSUED', 'Ein Haushaltsjahr lässt sich nur aus einer erlassenen Zuweisung anlegen.');
      if (g.budgetYearId) throw conflict('STATE_GRANT_HAS_BUDGET_YEAR', 'Zu dieser Zuweisung gibt es bereits ein Haushaltsjahr.', { budgetYearId: g.budgetYearId });
      const budgetYear = await this.budgetYears.create(scope, {
        programmeId: g.programmeId,
        year: g.year,
        stateGrantReference: g.reference,
        stateGrantDate: g.issuedOn!,
        stateMaxAmount: g.amount,
        stateRatePercent: g.stateRatePercent,
        periodStart: g.periodStart,
        periodEnd: g.periodEnd,
        stateProofDue: g.proofDue,
        districtShareAmount: input.districtShareAmount,
        districtBudgetLine: input.districtBudgetLine,
        applicationDeadline: input.applicationDeadline,
      });
      g.budgetYearId = budgetYear.year.id;
      await this.repo.save(em, g);
      await this.audit.record(em, scope, { action: 'state-grant.budget-year', entity: 'StateGrant', entityId: g.id, after: { budgetYearId: g.budgetYearId } });
      return { grant: g, budgetYear };
    });
  }

  private async step(scope: Scope, id: string, action: StateGrantAction, change: (em: EntityManager, g: StateGrant) => Promise<void>): Promise<StateGrant> {
    await this.tx.run(async (em) => {
      const g = await this.repo.get(scope, id, { em, lock: true });
      const before = snapshot(g);
      const to = STATE_GRANT_LIFECYCLE.transition(g.status, action, scope, { firstActorId: g.proposedBy });
      await change(em, g);
      g.status = to;
      await this.repo.save(em, g);
      await this.audit.record(em, scope, { action: `state-grant.${action}`, entity: 'StateGrant', entityId: g.id, before, after: snapshot(g) });
    });
    return this.repo.get(scope, id);
  }
}

function check(g: StateGrant): void {
  const errors: { path: string; message: string }[] = [];
  if (!g.reference) errors.push({ path: 'reference', message: 'Bitte das Aktenzeichen angeben.' });
  if (g.amount.isNegative()) errors.push({ path: 'amount', message: 'Der Betrag darf nicht negativ sein.' });
  if (!g.stateRatePercent.isWithinZeroToHundredPercent()) errors.push({ path: 'stateRatePercent', message: 'Der Fördersatz liegt zwischen 0 und 100 %.' });
  if (g.periodStart > g.periodEnd) errors.push({ path: 'periodEnd', message: 'Das Ende des Bewilligungszeitraums liegt vor seinem Beginn.' });
  if (g.proofDue < g.periodEnd) errors.push({ path: 'proofDue', message: 'Der Verwendungsnachweis ist nach dem Bewilligungszeitraum fällig.' });
  if (errors.length) throw validationError(errors);
}

function snapshot(g: StateGrant): Record<string, unknown> {
  return {
    districtId: g.districtId,
    year: g.year,
    reference: g.reference,
    status: g.status,
    amount: g.amount.toApiString(),
    stateRatePercent: g.stateRatePercent.toPercentString(),
    periodStart: g.periodStart,
    periodEnd: g.periodEnd,
    proofDue: g.proofDue,
    issuedOn: g.issuedOn,
    budgetYearId: g.budgetYearId,
  };
}
