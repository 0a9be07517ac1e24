import type { DataSource } from 'typeorm';
import { AppConfig, FixedClock, Money, Rate, systemScope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditEventRepository, AuditService } from '@foerderfluss/audit';
import { BudgetFiguresService, BudgetYearRepository, BudgetYearsService, LedgerRepository, LedgerService } from '@foerderfluss/funding';
import type { BudgetYearSeed } from './budget-years';

/**
 * Through the real service, so the allocations are ledger entries with balances and audit events,
 * booked on the day of the Land's Zuweisung (the history years must not carry today's date). Called
 * inside `runWithTenancy` of the Kreis `districtId`, which files the budget years under it.
 */
export async function seedBudgetYears(ds: DataSource, config: AppConfig, districtId: string, seeds: readonly BudgetYearSeed[]): Promise<number> {
  const tx = new TransactionRunner(ds);
  const audit = new AuditService(new AuditEventRepository(tx));
  const clock = new FixedClock(config.timezone, new Date());
  const [yearRepo, ledgerRepo] = [new BudgetYearRepository(tx), new LedgerRepository(tx)];
  const years = new BudgetYearsService(tx, new LedgerService(audit, clock, yearRepo, ledgerRepo), audit, clock, yearRepo, ledgerRepo, new BudgetFiguresService(tx, yearRepo, ledgerRepo));
  let created = 0;
  for (const y of seeds) {
    const [programme] = (await ds.query('SELECT id FROM programme WHERE code = $1', [y.programmeCode])) as { id: string }[];
    if (!programme) throw new Error(`demo seed: programme ${y.programmeCode} missing (reference seeds first)`);
    const exists = (await ds.query('SELECT 1 FROM budget_year WHERE programme_id = $1 AND year = $2 AND district_id = $3', [programme.id, y.year, districtId])) as unknown[];
    if (exists.length > 0) continue;
    clock.set(`${y.stateGrantDate}T10:00:00+01:00`);
    await years.create(systemScope(), {
      programmeId: programme.id,
      year: y.year,
      stateGrantReference: y.stateGrantReference,
      stateGrantDate: y.stateGrantDate,
      stateMaxAmount: Money.of(y.stateMaxAmount),
      stateRatePercent: Rate.fromPercent(y.stateRatePercent),
      periodStart: y.periodStart,
      periodEnd: y.periodEnd,
      stateProofDue: y.stateProofDue,
      districtShareAmount: Money.of(y.districtShareAmount),
      districtBudgetLine: y.districtBudgetLine,
      applicationDeadline: y.applicationDeadline,
    });
    created += 1;
  }
  return created;
}
