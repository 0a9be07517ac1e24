import type { DataSource } from 'typeorm';
import { NestFactory } from '@nestjs/core';
import { AppConfig, CalendarDate, FixedClock, Money, Rate } from '@foerderfluss/core';
import { BudgetYearsService } from '@foerderfluss/funding';
import { CallsService, CallStatus } from '@foerderfluss/applications';
import { DEMO_REQUIRED_ATTACHMENTS_2026 } from './attachments';
import { DemoSeedModule } from './round';
import { demoScopes } from './scopes';
import { DEMO_CALL_COST_CATEGORIES, DEMO_CALL_FIELDS_OF_ACTION } from './application-input';

/** How long the demo's open call stays open after the day it is seeded. */
export const OPEN_CALL_WEEKS = 6;

export const openCallTitle = (year: number): string => `Projektaufruf ${year}: Soziale Beratung und Betreuung anerkannter Flüchtlinge im Altenburger Land`;

/**
 * An open Projektaufruf relative to the real today, so a new user can start an Antrag right
 * after `npm start` (the 2026 call closed on 12.10.2025). For the year after today: its budget
 * year (Land and Kreis amounts as in 2026, through the real service, so the allocations are ledger
 * entries) and the call, opened today, Ausschlussfrist six weeks ahead, published. Runs once per
 * year: an existing call of that title is left as it is.
 */
export async function applyOpenCall(ds: DataSource, config: AppConfig): Promise<number> {
  const now = new Date();
  const today = CalendarDate.todayIn(config.timezone, now);
  const year = Number(today.toString().slice(0, 4)) + 1;
  const title = openCallTitle(year);
  const existing = (await ds.query('SELECT 1 FROM funding_call WHERE title = $1', [title])) as unknown[];
  if (existing.length > 0) return 0;
  const [programme] = (await ds.query(`SELECT id FROM programme WHERE code = 'SOZIALBERATUNG_FLUECHTLINGE'`)) as { id: string }[];
  if (!programme) return 0;
  const staff = (await demoScopes(ds)).byEmail('sachbearbeitung@demo.foerderfluss.de');
  const deadline = today.addDays(OPEN_CALL_WEEKS * 7).toString();

  const app = await NestFactory.createApplicationContext(DemoSeedModule.register(config, new FixedClock(config.timezone, now)), { logger: false });
  try {
    // The Altenburger Land's (issue 20: the other demo Kreise have budget years of their own).
    const [budgetYear] = (await ds.query(
      `SELECT id FROM budget_year WHERE programme_id = $1 AND year = $2 AND district_id = (SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND')`,
      [programme.id, year],
    )) as { id: string }[];
    const budgetYearId =
      budgetYear?.id ??
      (
        await app.get(BudgetYearsService).create(staff, {
          programmeId: programme.id,
          year,
          stateGrantReference: `TLVwA 250-4.1-${year}/009 (Demo)`,
          stateGrantDate: today.toString(),
          stateMaxAmount: Money.of('419250.00'),
          stateRatePercent: Rate.fromPercent('80'),
          periodStart: `${year}-01-01`,
          periodEnd: `${year}-12-31`,
          stateProofDue: `${year + 1}-06-30`,
          districtShareAmount: Money.of('104812.50'),
          districtBudgetLine: 'Produktkonto 31.5.01.7180 Integrationsarbeit (Demo)',
          applicationDeadline: deadline,
        })
      ).year.id;
    const calls = app.get(CallsService);
    const call = await calls.create(staff, {
      budgetYearId,
      title,
      text:
        `Der Landkreis Altenburger Land ruft freie Träger auf, Anträge für Projekte der sozialen Beratung und Betreuung ` +
        `anerkannter Flüchtlinge im Jahr ${year} zu stellen. Gefördert werden Personal-, Sach- und Verwaltungsausgaben, ` +
        `Honorare und Dolmetschleistungen; Investitionen sind nicht förderfähig. Anträge sind bis zum ` +
        `${deadline.slice(8, 10)}.${deadline.slice(5, 7)}.${deadline.slice(0, 4)} (Ausschlussfrist) einzureichen.`,
      openingDate: today.toString(),
      deadline,
      // The eligible choices of the 2026 call (the same Richtlinie).
      eligibleFieldsOfAction: DEMO_CALL_FIELDS_OF_ACTION,
      eligibleCostCategories: DEMO_CALL_COST_CATEGORIES,
      targetSocialAreas: [],
      // The same Pflichtanlagen as 2026: a new Träger meets them on its first Antrag.
      requiredAttachments: DEMO_REQUIRED_ATTACHMENTS_2026,
      // Richtwert: what the year holds (the same Land and Kreis amounts as 2026).
      budgetIndication: Money.of('524062.50'),
    });
    await calls.setStatus(staff, call.id, CallStatus.PUBLISHED);
    return 1;
  } finally {
    await app.close();
  }
}
