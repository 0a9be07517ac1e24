import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, MAX_PAGE_SIZE, Money, Page, Rate, Scope, validationError } from '@foerderfluss/core';
import { ListParams, pgErrorCode, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BudgetYear, BudgetYearStatus } from './budget-year.entity';
import { BudgetYearBalance } from './budget-year-balance.entity';
import { LedgerEntry } from './ledger-entry.entity';
import { BudgetFiguresService, LedgerBalances } from './budget-figures.service';
import { LedgerKind } from './ledger-kind';
import { LedgerService } from './ledger.service';
import { BudgetYearRepository } from './budget-year.repository';
import { LedgerFilter, LedgerRepository } from './ledger.repository';
import { budgetYearExists } from './funding.errors';

export interface NewBudgetYear {
  programmeId: string;
  year: number;
  stateGrantReference: string;
  stateGrantDate: string;
  stateMaxAmount: Money;
  stateRatePercent: Rate;
  periodStart: string;
  periodEnd: string;
  stateProofDue: string;
  districtShareAmount: Money;
  districtBudgetLine: string;
  applicationDeadline: string | null;
}

export type BudgetYearPatch = Partial<
  Pick<NewBudgetYear, 'stateGrantReference' | 'stateGrantDate' | 'periodStart' | 'periodEnd' | 'stateProofDue' | 'districtBudgetLine' | 'applicationDeadline'>
> & { status?: BudgetYearStatus };

export interface AllocationChange {
  source: 'STATE' | 'DISTRICT';
  /** Positive raises, negative lowers the money available. */
  amount: Money;
  reason: string;
  bookingDate?: string;
}

/** The ledger figures of the year as its own record shows them (see BudgetFiguresService for all figures). */
export type Balances = LedgerBalances;

export interface BudgetYearWithBalances {
  year: BudgetYear;
  programmeCode: string;
  balances: Balances;
}

export interface LedgerQuery extends Omit<LedgerFilter, 'budgetYearId'>, ListParams {}

@Injectable()
export class BudgetYearsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly years: BudgetYearRepository,
    private readonly ledgerRows: LedgerRepository,
    private readonly figures: BudgetFiguresService,
  ) {}

  async create(scope: Scope, input: NewBudgetYear): Promise<BudgetYearWithBalances> {
    this.checkPeriod(input.year, input.periodStart, input.periodEnd);
    return this.tx.run(async (em) => {
      if (!(await this.years.programmeExists(em, input.programmeId))) {
        throw validationError([{ path: 'programmeId', message: 'Dieses Förderprogramm gibt es nicht.' }]);
      }
      const year = em.create(BudgetYear, {
        programmeId: input.programmeId,
        year: input.year,
        stateGrantReference: input.stateGrantReference.trim(),
        stateGrantDate: input.stateGrantDate,
        stateRatePercent: input.stateRatePercent,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        stateProofDue: input.stateProofDue,
        districtBudgetLine: input.districtBudgetLine.trim(),
        applicationDeadline: input.applicationDeadline,
        status: BudgetYearStatus.OPEN,
      });
      try {
        await em.save(BudgetYear, year);
      } catch (err) {
        if (pgErrorCode(err) === '23505') throw budgetYearExists(input.year);
        throw err;
      }
      await em.insert(BudgetYearBalance, { budgetYearId: year.id });
      await this.audit.record(em, scope, {
        action: 'budget-year.create',
        entity: 'BudgetYear',
        entityId: year.id,
        after: { ...snapshot(year), stateMaxAmount: input.stateMaxAmount.toApiString(), districtShareAmount: input.districtShareAmount.toApiString() },
      });
      const bookingDate = input.stateGrantDate;
      if (input.stateMaxAmount.isPositive()) {
        await this.ledger.post(em, scope, {
          budgetYearId: year.id,
          kind: LedgerKind.ALLOCATION,
          amount: input.stateMaxAmount,
          stateShare: input.stateMaxAmount,
          referenceType: 'StateGrant',
          referenceId: year.stateGrantReference,
          note: 'Zuweisung des Landes (Höchstbetrag laut Zuwendungsbescheid)',
          bookingDate,
        });
      }
      if (input.districtShareAmount.isPositive()) {
        await this.ledger.post(em, scope, {
          budgetYearId: year.id,
          kind: LedgerKind.ALLOCATION,
          amount: input.districtShareAmount,
          stateShare: Money.ZERO,
          referenceType: 'DistrictBudget',
          referenceId: year.districtBudgetLine,
          note: 'Eigenanteil des Landkreises',
          bookingDate,
        });
      }
      return this.withBalances(em, year.id, scope);
    });
  }

  async update(scope: Scope, id: string, patch: BudgetYearPatch): Promise<BudgetYearWithBalances> {
    return this.tx.run(async (em) => {
      // Same lock as every posting, so closing a year and booking into it cannot interleave.
      await this.years.balance(em, id, true);
      const year = await this.years.get(scope, id, { em });
      const before = snapshot(year);
      Object.assign(year, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      this.checkPeriod(year.year, year.periodStart, year.periodEnd);
      await em.save(BudgetYear, year);
      await this.audit.record(em, scope, { action: 'budget-year.update', entity: 'BudgetYear', entityId: id, before, after: snapshot(year) });
      return this.withBalances(em, id, scope);
    });
  }

  /** An allocation change is a ledger entry, never an overwrite (Änderungsbescheid des Landes, Haushaltsbeschluss). */
  async changeAllocation(scope: Scope, id: string, change: AllocationChange): Promise<BudgetYearWithBalances> {
    return this.tx.run(async (em) => {
      await this.ledger.post(em, scope, {
        budgetYearId: id,
        kind: LedgerKind.ALLOCATION,
        amount: change.amount,
        stateShare: change.source === 'STATE' ? change.amount : Money.ZERO,
        note: change.reason,
        referenceType: change.source === 'STATE' ? 'StateGrant' : 'DistrictBudget',
        bookingDate: change.bookingDate ?? this.clock.today().toISOString(),
      });
      return this.withBalances(em, id, scope);
    });
  }

  /** Staff only (the repository's visibility); a caller in another lib that reached the year through its own record passes `systemScope()` itself. */
  async get(scope: Scope, id: string): Promise<BudgetYearWithBalances> {
    return this.withBalances(this.tx.manager, id, scope);
  }

  async list(scope: Scope, programmeId?: string, districtId?: string): Promise<BudgetYearWithBalances[]> {
    const years: BudgetYear[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.years.list(scope, { programmeId, districtId, limit: MAX_PAGE_SIZE, cursor });
      years.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return Promise.all(years.map((y) => this.withBalances(this.tx.manager, y.id, scope)));
  }

  async ledgerEntries(scope: Scope, id: string, q: LedgerQuery): Promise<Page<LedgerEntry>> {
    await this.years.get(scope, id);
    return this.ledgerRows.list(scope, { ...q, budgetYearId: id });
  }

  /**
   * Balances recomputed from the entries, for the invariant tests and the bench; the
   * materialised row is what the api serves.
   */
  async balancesFromLedger(id: string, em: EntityManager = this.tx.manager): Promise<Balances> {
    return this.figures.ledgerBalancesFromEntries(id, em);
  }

  private async withBalances(em: EntityManager, id: string, scope: Scope): Promise<BudgetYearWithBalances> {
    const year = await this.years.get(scope, id, { em });
    return { year, programmeCode: year.programme?.code ?? '', balances: await this.figures.ledgerBalances(scope, id, em) };
  }

  private checkPeriod(year: number, start: string, end: string): void {
    const s = CalendarDate.parse(start, 'periodStart');
    const e = CalendarDate.parse(end, 'periodEnd');
    if (e.isBefore(s)) throw validationError([{ path: 'periodEnd', message: 'Das Ende des Bewilligungszeitraums liegt vor seinem Beginn.' }]);
    if (year < s.year || year > e.year) {
      throw validationError([{ path: 'year', message: `Das Haushaltsjahr ${year} liegt nicht im Bewilligungszeitraum.` }]);
    }
  }
}

function snapshot(y: BudgetYear): Record<string, unknown> {
  return {
    programmeId: y.programmeId,
    year: y.year,
    stateGrantReference: y.stateGrantReference,
    stateGrantDate: y.stateGrantDate,
    stateRatePercent: y.stateRatePercent.toPercentString(),
    periodStart: y.periodStart,
    periodEnd: y.periodEnd,
    stateProofDue: y.stateProofDue,
    districtBudgetLine: y.districtBudgetLine,
    applicationDeadline: y.applicationDeadline,
    status: y.status,
  };
}

