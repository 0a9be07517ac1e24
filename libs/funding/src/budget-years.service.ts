import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CalendarDate,
  Clock,
  clampLimit,
  decodeCursor,
  Money,
  Page,
  Rate,
  Scope,
  toPage,
  validationError,
} from '@foerderfluss/core';
import { pgErrorCode, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { Programme } from '@foerderfluss/programmes';
import { BudgetYear, BudgetYearBalance, BudgetYearStatus, LedgerEntry } from './budget-year.entity';
import { LedgerKind } from './ledger-kind';
import { LedgerService } from './ledger.service';
import { budgetYearExists, budgetYearNotFound } from './funding.errors';

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

export interface SourceAmounts {
  total: Money;
  state: Money;
  district: Money;
}

export interface Balances {
  allocated: SourceAmounts;
  committed: SourceAmounts;
  freeToCommit: SourceAmounts;
  disbursed: SourceAmounts;
  outstanding: SourceAmounts;
  recoveriesDue: SourceAmounts;
  recoveriesReceived: SourceAmounts;
  receivedFromState: Money;
  refundedToState: Money;
  entryCount: number;
}

export interface BudgetYearWithBalances {
  year: BudgetYear;
  programmeCode: string;
  balances: Balances;
}

export interface LedgerQuery {
  kind?: LedgerKind;
  providerId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface BreakdownRow {
  key: string | null;
  name: string | null;
  committed: SourceAmounts;
  disbursed: SourceAmounts;
}

export interface Breakdown {
  byFieldOfAction: BreakdownRow[];
  bySocialArea: BreakdownRow[];
  byProvider: BreakdownRow[];
}

const amounts = (state: Money, district: Money): SourceAmounts => ({ total: state.plus(district), state, district });

export function balancesOf(b: BudgetYearBalance): Balances {
  const allocated = amounts(b.allocatedState, b.allocatedDistrict);
  const committed = amounts(b.committedState, b.committedDistrict);
  const disbursed = amounts(b.disbursedState, b.disbursedDistrict);
  return {
    allocated,
    committed,
    freeToCommit: amounts(b.allocatedState.minus(b.committedState), b.allocatedDistrict.minus(b.committedDistrict)),
    disbursed,
    outstanding: amounts(b.committedState.minus(b.disbursedState), b.committedDistrict.minus(b.disbursedDistrict)),
    recoveriesDue: amounts(b.recoveriesDueState, b.recoveriesDueDistrict),
    recoveriesReceived: amounts(b.recoveriesReceivedState, b.recoveriesReceivedDistrict),
    receivedFromState: b.receivedFromState,
    refundedToState: b.refundedToState,
    entryCount: Number(b.entryCount),
  };
}

/** The signed effect on the committed balance, in SQL, for the monitoring sums. */
const COMMITTED_SIGN = `CASE e.kind WHEN 'COMMITMENT' THEN 1 WHEN 'COMMITMENT_CHANGE' THEN 1 WHEN 'RELEASE' THEN -1 ELSE 0 END`;
const DISBURSED_SIGN = `CASE e.kind WHEN 'DISBURSEMENT' THEN 1 ELSE 0 END`;

@Injectable()
export class BudgetYearsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(scope: Scope, input: NewBudgetYear): Promise<BudgetYearWithBalances> {
    this.checkPeriod(input.year, input.periodStart, input.periodEnd);
    return this.tx.run(async (em) => {
      const programme = await em.getRepository(Programme).findOneBy({ id: input.programmeId });
      if (!programme) {
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
      return this.withBalances(em, year.id);
    });
  }

  async update(scope: Scope, id: string, patch: BudgetYearPatch): Promise<BudgetYearWithBalances> {
    return this.tx.run(async (em) => {
      // Same lock as every posting, so closing a year and booking into it cannot interleave.
      await em.getRepository(BudgetYearBalance).findOne({ where: { budgetYearId: id }, lock: { mode: 'pessimistic_write' } });
      const year = await em.getRepository(BudgetYear).findOneBy({ id });
      if (!year) throw budgetYearNotFound();
      const before = snapshot(year);
      Object.assign(year, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      this.checkPeriod(year.year, year.periodStart, year.periodEnd);
      await em.save(BudgetYear, year);
      await this.audit.record(em, scope, { action: 'budget-year.update', entity: 'BudgetYear', entityId: id, before, after: snapshot(year) });
      return this.withBalances(em, id);
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
      return this.withBalances(em, id);
    });
  }

  async get(id: string): Promise<BudgetYearWithBalances> {
    return this.withBalances(this.tx.manager, id);
  }

  async list(programmeId?: string): Promise<BudgetYearWithBalances[]> {
    const years = await this.tx.manager.getRepository(BudgetYear).find({
      where: programmeId ? { programmeId } : {},
      order: { year: 'DESC' },
    });
    return Promise.all(years.map((y) => this.withBalances(this.tx.manager, y.id)));
  }

  async ledgerEntries(id: string, q: LedgerQuery): Promise<Page<LedgerEntry>> {
    await this.mustExist(id);
    const limit = clampLimit(q.limit);
    const qb = this.tx.manager.getRepository(LedgerEntry).createQueryBuilder('e').where('e.budget_year_id = :id', { id });
    if (q.kind) qb.andWhere('e.kind = :kind', { kind: q.kind });
    if (q.providerId) qb.andWhere('e.provider_id = :provider', { provider: q.providerId });
    if (q.from) qb.andWhere('e.booking_date >= :from', { from: q.from });
    if (q.to) qb.andWhere('e.booking_date <= :to', { to: q.to });
    const c = decodeCursor(q.cursor, 1);
    if (c) qb.andWhere('e.id > :after', { after: String(c[0]) });
    const rows = await qb.orderBy('e.id', 'ASC').take(limit + 1).getMany();
    return toPage(rows, limit, (e) => [e.id]);
  }

  /** The Kreis's monitoring view: money promised and paid by Handlungsfeld, Sozialraum and Träger. */
  async breakdown(id: string): Promise<Breakdown> {
    await this.mustExist(id);
    const group = async (column: string, join: string, nameExpr: string): Promise<BreakdownRow[]> => {
      const rows = (await this.tx.manager.query(
        `SELECT e.${column} AS key, ${nameExpr} AS name,
                sum(e.state_share * ${COMMITTED_SIGN})::text AS cs, sum(e.district_share * ${COMMITTED_SIGN})::text AS cd,
                sum(e.state_share * ${DISBURSED_SIGN})::text AS ds, sum(e.district_share * ${DISBURSED_SIGN})::text AS dd
           FROM budget_ledger_entry e ${join}
          WHERE e.budget_year_id = $1 AND e.kind IN ('COMMITMENT','COMMITMENT_CHANGE','RELEASE','DISBURSEMENT')
          GROUP BY e.${column}, ${nameExpr}
          ORDER BY ${nameExpr} NULLS LAST`,
        [id],
      )) as { key: string | null; name: string | null; cs: string; cd: string; ds: string; dd: string }[];
      return rows.map((r) => ({
        key: r.key,
        name: r.name,
        committed: amounts(Money.of(r.cs), Money.of(r.cd)),
        disbursed: amounts(Money.of(r.ds), Money.of(r.dd)),
      }));
    };
    return {
      byFieldOfAction: await group('field_of_action_code', 'LEFT JOIN field_of_action f ON f.code = e.field_of_action_code', 'f.name'),
      bySocialArea: await group('social_area_code', 'LEFT JOIN social_area s ON s.code = e.social_area_code', 's.name'),
      byProvider: await group('provider_id', 'LEFT JOIN organisation o ON o.id = e.provider_id', 'o.name'),
    };
  }

  /**
   * Balances recomputed from the entries, for the invariant tests and the bench; the
   * materialised row is what the api serves.
   */
  async balancesFromLedger(id: string, em: EntityManager = this.tx.manager): Promise<Balances> {
    const [r] = (await em.query(
      `SELECT
         coalesce(sum(state_share) FILTER (WHERE kind = 'ALLOCATION'), 0)::text AS as_,
         coalesce(sum(district_share) FILTER (WHERE kind = 'ALLOCATION'), 0)::text AS ad,
         coalesce(sum(CASE kind WHEN 'RELEASE' THEN -state_share ELSE state_share END) FILTER (WHERE kind IN ('COMMITMENT','COMMITMENT_CHANGE','RELEASE')), 0)::text AS cs,
         coalesce(sum(CASE kind WHEN 'RELEASE' THEN -district_share ELSE district_share END) FILTER (WHERE kind IN ('COMMITMENT','COMMITMENT_CHANGE','RELEASE')), 0)::text AS cd,
         coalesce(sum(state_share) FILTER (WHERE kind = 'DISBURSEMENT'), 0)::text AS ds,
         coalesce(sum(district_share) FILTER (WHERE kind = 'DISBURSEMENT'), 0)::text AS dd,
         coalesce(sum(state_share) FILTER (WHERE kind = 'RECOVERY_DUE'), 0)::text AS rds,
         coalesce(sum(district_share) FILTER (WHERE kind = 'RECOVERY_DUE'), 0)::text AS rdd,
         coalesce(sum(state_share) FILTER (WHERE kind = 'RECOVERY_RECEIVED'), 0)::text AS rrs,
         coalesce(sum(district_share) FILTER (WHERE kind = 'RECOVERY_RECEIVED'), 0)::text AS rrd,
         coalesce(sum(state_share) FILTER (WHERE kind = 'STATE_DRAWDOWN'), 0)::text AS sd,
         coalesce(sum(state_share) FILTER (WHERE kind = 'STATE_REFUND'), 0)::text AS sr,
         count(*)::text AS n
       FROM budget_ledger_entry WHERE budget_year_id = $1`,
      [id],
    )) as Record<string, string>[];
    const m = (k: string) => Money.of(r![k]!);
    const balance = Object.assign(new BudgetYearBalance(), {
      budgetYearId: id,
      allocatedState: m('as_'),
      allocatedDistrict: m('ad'),
      committedState: m('cs'),
      committedDistrict: m('cd'),
      disbursedState: m('ds'),
      disbursedDistrict: m('dd'),
      recoveriesDueState: m('rds'),
      recoveriesDueDistrict: m('rdd'),
      recoveriesReceivedState: m('rrs'),
      recoveriesReceivedDistrict: m('rrd'),
      receivedFromState: m('sd'),
      refundedToState: m('sr'),
      entryCount: r!.n!,
      lastEntryId: null,
    });
    return balancesOf(balance);
  }

  private async withBalances(em: EntityManager, id: string): Promise<BudgetYearWithBalances> {
    const year = await em.getRepository(BudgetYear).findOne({ where: { id }, relations: { programme: true } });
    if (!year) throw budgetYearNotFound();
    const balance = await em.getRepository(BudgetYearBalance).findOneByOrFail({ budgetYearId: id });
    return { year, programmeCode: year.programme?.code ?? '', balances: balancesOf(balance) };
  }

  private async mustExist(id: string): Promise<void> {
    if (!(await this.tx.manager.getRepository(BudgetYear).existsBy({ id }))) throw budgetYearNotFound();
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

