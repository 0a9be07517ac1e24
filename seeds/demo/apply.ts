import type { DataSource } from 'typeorm';
import { AppConfig, FixedClock, Money, Rate, systemScope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { appendAuditEvent, AuditEventRepository, AuditService } from '@foerderfluss/audit';
import { hashPassword } from '@foerderfluss/identity';
import { BudgetFiguresService, BudgetYearRepository, BudgetYearsService, LedgerRepository, LedgerService } from '@foerderfluss/funding';
import { DEMO_ORGANISATIONS } from './organisations';
import { DEMO_PASSWORD, DEMO_USERS } from './users';
import { BudgetYearSeed, DEMO_BUDGET_YEARS } from './budget-years';
import { applyDemoRound } from './round';
import { applyOpenCall } from './call-2027';
import { applyDemoOpenData } from './open-data';
import { applyDemoHistory } from './history';
import { DEMO_HISTORY } from './history-data';
import { seedIndicatorTargets } from './indicator-targets';

/**
 * The Altenburger Land 2026 demo: Land, Kreis, Träger and one user per role. Idempotent:
 * existing rows (by organisation code, by user e-mail) are left exactly as they are, so a
 * demo that people have worked in is never reset by a restart.
 */
export async function applyDemoSeeds(
  ds: DataSource,
  config: AppConfig,
  options: { openCall?: boolean; history?: boolean } = {},
): Promise<{ organisations: number; users: number; budgetYears: number; applications: number; historyProjects: number; indicatorTargets: number; openCalls: number }> {
  if (config.nodeEnv === 'production') {
    throw new Error('Demo-Daten werden in Produktion nicht eingespielt (NODE_ENV=production).');
  }
  const hashes = new Map<string, string>();
  for (const u of DEMO_USERS) hashes.set(u.email, await hashPassword(DEMO_PASSWORD));

  const base = await ds.transaction(async (em) => {
    const scope = systemScope();
    let organisations = 0;
    for (const o of DEMO_ORGANISATIONS) {
      const rows = (await em.query(
        `INSERT INTO organisation (code, kind, name, legal_form, street, postal_code, city, contact_name, contact_email,
                                   contact_phone, non_profit, non_profit_notice_date, vat_deductible, iban, bic,
                                   account_holder, bank_account_status, bank_account_changed_at, bank_account_confirmed_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,'CONFIRMED', now(), now())
         ON CONFLICT (code) WHERE code IS NOT NULL DO UPDATE SET
           contact_name = EXCLUDED.contact_name, contact_email = EXCLUDED.contact_email, contact_phone = EXCLUDED.contact_phone,
           iban = EXCLUDED.iban, bic = EXCLUDED.bic, account_holder = EXCLUDED.account_holder,
           bank_account_status = 'CONFIRMED', bank_account_changed_at = now(), bank_account_confirmed_at = now()
         -- The reference seed creates the home Kreis with its public address only; the demo completes
         -- that skeleton once (no bank account yet) and otherwise leaves existing rows as they are.
         WHERE organisation.bank_account_status = 'MISSING' AND organisation.contact_email IS NULL AND organisation.kind = 'DISTRICT'
         RETURNING id`,
        [
          o.code, o.kind, o.name, o.legalForm, o.street, o.postalCode, o.city, o.contactName, o.contactEmail,
          o.contactPhone, o.nonProfit, o.nonProfitNoticeDate, o.vatDeductible, o.iban, o.bic, o.accountHolder,
        ],
      )) as { id: string }[];
      if (rows[0]) {
        organisations += 1;
        await appendAuditEvent(em, scope, {
          action: 'seed.demo.organisation.create',
          entity: 'Organisation',
          entityId: rows[0].id,
          after: { ...o },
        });
      }
    }
    let users = 0;
    for (const u of DEMO_USERS) {
      const rows = (await em.query(
        `INSERT INTO app_user (email, display_name, password_hash, active, roles, organisation_id)
         VALUES ($1, $2, $3, true, $4, (SELECT id FROM organisation WHERE code = $5))
         ON CONFLICT (email) DO NOTHING
         RETURNING id, organisation_id`,
        [u.email, u.displayName, hashes.get(u.email), [...u.roles], u.organisationCode],
      )) as { id: string; organisation_id: string | null }[];
      if (rows[0]) {
        users += 1;
        await appendAuditEvent(em, scope, {
          action: 'seed.demo.user.create',
          entity: 'User',
          entityId: rows[0].id,
          after: { email: u.email, displayName: u.displayName, roles: u.roles, organisationId: rows[0].organisation_id },
        });
      }
    }
    return { organisations, users };
  });
  await applyDemoOpenData(ds);
  const historyYears = new Set(DEMO_HISTORY.map((h) => h.year));
  const budgetYears = await seedBudgetYears(ds, config, DEMO_BUDGET_YEARS.filter((y) => options.history !== false || !historyYears.has(y.year)));
  const applications = await applyDemoRound(ds, config);
  // The two settled years before 2026 and the Soll (issue 19), after the 2026 round so its numbers
  // stay. The e2e template leaves them out: its specs build their own 2025 budget year.
  const historyProjects = options.history === false ? 0 : await applyDemoHistory(ds, config);
  const indicatorTargets = options.history === false ? 0 : await seedIndicatorTargets(ds);
  // After the history: the open call of the year after today, so a new Träger can start an Antrag.
  const openCalls = options.openCall === false ? 0 : await applyOpenCall(ds, config);
  return { ...base, budgetYears, applications, historyProjects, indicatorTargets, openCalls };
}

/**
 * Through the real service, so the allocations are ledger entries with balances and audit events,
 * booked on the day of the Land's Zuweisung (the history years must not carry today's date).
 */
async function seedBudgetYears(ds: DataSource, config: AppConfig, seeds: readonly BudgetYearSeed[]): Promise<number> {
  const tx = new TransactionRunner(ds);
  const audit = new AuditService(new AuditEventRepository(tx));
  const clock = new FixedClock(config.timezone, new Date());
  const [yearRepo, ledgerRepo] = [new BudgetYearRepository(tx), new LedgerRepository(tx)];
  const years = new BudgetYearsService(tx, new LedgerService(audit, clock, yearRepo, ledgerRepo), audit, clock, yearRepo, ledgerRepo, new BudgetFiguresService(tx, yearRepo, ledgerRepo));
  let created = 0;
  for (const y of seeds) {
    const [programme] = (await ds.query('SELECT id FROM programme WHERE code = $1', [y.programmeCode])) as { id: string }[];
    if (!programme) throw new Error(`demo seed: programme ${y.programmeCode} missing (reference seeds first)`);
    const exists = (await ds.query('SELECT 1 FROM budget_year WHERE programme_id = $1 AND year = $2', [programme.id, y.year])) as unknown[];
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
