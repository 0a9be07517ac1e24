import type { DataSource, EntityManager } from 'typeorm';
import { NestFactory } from '@nestjs/core';
import { AppConfig, FixedClock, Money, runWithTenancy, systemScope } from '@foerderfluss/core';
import { appendAuditEvent } from '@foerderfluss/audit';
import { TransactionRunner } from '@foerderfluss/database';
import { ApplicationsService, ApplicationSubmissionService, CallsService, CallStatus } from '@foerderfluss/applications';
import { DEMO_REQUIRED_ATTACHMENTS_2026, uploadDemoAttachments } from './attachments';
import { seedBudgetYears } from './budget-years-seed';
import { applyDemoHistory } from './history';
import { LAND_DISTRICT_PROVIDERS, LAND_SOCIAL_AREAS } from './land';
import { LAND_KREISE, LandKreis } from './land-data';
import { DemoSeedModule } from './round';
import { applicationInput, DEMO_CALL_COST_CATEGORIES, DEMO_CALL_FIELDS_OF_ACTION } from './application-input';
import { demoScopes } from './scopes';

/** The id of the organisation with this code; the demo seed stops when it is missing. */
export async function districtIdOf(ds: DataSource | EntityManager, code: string): Promise<string> {
  const [row] = (await ds.query(`SELECT id FROM organisation WHERE code = $1`, [code])) as { id: string }[];
  if (!row) throw new Error(`demo seed: organisation ${code} missing`);
  return row.id;
}

/** Whether a table exists yet (tables of other issue-20 branches are used only once they are there). */
async function tableExists(em: EntityManager, table: string): Promise<boolean> {
  const [row] = (await em.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table])) as { present: boolean }[];
  return !!row?.present;
}

/**
 * Inside the demo's base transaction, after the organisations: the further Kreise's Sozialräume
 * (filed under their Kreis explicitly), every demo Träger registered in the Kreise it works in, and
 * the Kreise's settings. Idempotent; answers the number of rows written.
 */
export async function applyDemoLandBase(em: EntityManager): Promise<number> {
  let written = 0;
  for (const [districtCode, areas] of Object.entries(LAND_SOCIAL_AREAS)) {
    const districtId = await districtIdOf(em, districtCode);
    for (const s of areas) {
      const rows = (await em.query(
        `INSERT INTO social_area (code, name, municipalities, sort_order, district_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO NOTHING RETURNING code`,
        [s.code, s.name, [...s.municipalities], s.sortOrder, districtId],
      )) as unknown[];
      written += rows.length;
    }
  }
  written += await registerDemoProviders(em);
  written += await applyDemoDistrictSettings(em);
  if (written > 0) {
    await appendAuditEvent(em, systemScope(), { action: 'seed.demo.land.apply', entity: 'Organisation', entityId: 'demo-land', after: { written } });
  }
  return written;
}

/**
 * The Träger registered in their Kreise (table `district_provider` of the Kreis-isolation work,
 * issue 20): the Altenburger Land's demo Träger there, Greiz's and Saale-Orla's in theirs, and the
 * Träger of traeger@ also in Greiz. Skipped while the table does not exist.
 */
async function registerDemoProviders(em: EntityManager): Promise<number> {
  if (!(await tableExists(em, 'district_provider'))) return 0;
  const pairs: [string, string][] = [];
  for (const k of LAND_KREISE) {
    for (const p of LAND_DISTRICT_PROVIDERS[k.code] ?? []) pairs.push([k.code, p]);
    for (const p of k.alsoRegistered) pairs.push([k.code, p]);
  }
  let written = 0;
  // The home Kreis's demo Träger: every PROVIDER of the demo that is not one of the further Kreise's.
  const others = Object.values(LAND_DISTRICT_PROVIDERS).flat();
  const rows = (await em.query(
    `INSERT INTO district_provider (district_id, provider_id)
     SELECT d.id, p.id FROM organisation d, organisation p
      WHERE d.code = 'DISTRICT_ALTENBURGER_LAND' AND p.kind = 'PROVIDER' AND p.code LIKE 'PROVIDER\\_%' AND NOT (p.code = ANY($1::text[]))
     ON CONFLICT DO NOTHING RETURNING provider_id`,
    [others],
  )) as unknown[];
  written += rows.length;
  for (const [district, provider] of pairs) {
    const r = (await em.query(
      `INSERT INTO district_provider (district_id, provider_id)
       SELECT d.id, p.id FROM organisation d, organisation p WHERE d.code = $1 AND p.code = $2
       ON CONFLICT DO NOTHING RETURNING provider_id`,
      [district, provider],
    )) as unknown[];
    written += r.length;
  }
  return written;
}

/**
 * The Kreise's own settings (table `district_setting` of the Kreis-admin work, issue 20): the
 * Aktenzeichen prefixes GRZ and SOK (CONTRACT.md; the Altenburger Land keeps none and its
 * configuration), letterhead names, the signature place and the SEPA debtor account, which a Kreis
 * other than the home Kreis needs for its payment files (the 2025 replay writes six of them). From
 * the Kreis's organisation row, so name, address and account are said once. Once per Kreis: a
 * setting the Kreis has changed is left as it is. Skipped while the table does not exist; only the
 * columns the table has are written (the settings' schema was still settling when this was written).
 */
async function applyDemoDistrictSettings(em: EntityManager): Promise<number> {
  if (!(await tableExists(em, 'district_setting'))) return 0;
  const columns = new Set(
    ((await em.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'district_setting'`)) as { column_name: string }[]).map(
      (c) => c.column_name,
    ),
  );
  let written = 0;
  for (const k of LAND_KREISE) {
    const [org] = (await em.query(`SELECT id, name, street, postal_code, city, iban, bic, account_holder FROM organisation WHERE code = $1`, [k.code])) as {
      id: string;
      name: string;
      street: string;
      postal_code: string;
      city: string;
      iban: string;
      bic: string;
      account_holder: string;
    }[];
    if (!org) continue;
    const values: Record<string, string> = {
      reference_prefix: k.referencePrefix,
      letterhead_name: org.name,
      letterhead_department: 'Integrationsmanagement (Demo)',
      letterhead_district_name: k.shortName,
      letterhead_authority_name: k.authorityName,
      letterhead_street: org.street,
      letterhead_postal_code: org.postal_code,
      letterhead_city: org.city,
      signature_place: org.city,
      debtor_name: org.account_holder,
      debtor_iban: org.iban,
      debtor_bic: org.bic,
    };
    const present = Object.entries(values).filter(([column]) => columns.has(column));
    const rows = (await em.query(
      `INSERT INTO district_setting (district_id, ${present.map(([c]) => c).join(', ')})
       VALUES ($1, ${present.map((_, i) => `$${i + 2}`).join(', ')})
       ON CONFLICT (district_id) DO NOTHING RETURNING district_id`,
      [org.id, ...present.map(([, v]) => v)],
    )) as unknown[];
    written += rows.length;
  }
  return written;
}

/**
 * Greiz and the Saale-Orla-Kreis after the Altenburger Land, each in its own tenancy (the trigger
 * files every root record under the Kreis): budget years, the 2026 Projektaufruf with its Anträge
 * and, with `history`, the settled year 2025 replayed like the Altenburger Land's.
 */
export async function applyDemoLand(
  ds: DataSource,
  config: AppConfig,
  options: { history: boolean },
): Promise<{ budgetYears: number; calls: number; applications: number; historyProjects: number }> {
  const totals = { budgetYears: 0, calls: 0, applications: 0, historyProjects: 0 };
  for (const k of LAND_KREISE) {
    const districtId = await districtIdOf(ds, k.code);
    await runWithTenancy({ districtId, state: false }, async () => {
      const historyYears = new Set(k.history.map((h) => h.year));
      totals.budgetYears += await seedBudgetYears(ds, config, districtId, k.budgetYears.filter((y) => options.history || !historyYears.has(y.year)));
      // The settled year first, so the 2026 records come after it (as in the Altenburger Land).
      if (options.history) {
        totals.historyProjects += await applyDemoHistory(ds, config, {
          districtCode: k.code,
          staffEmail: k.staffEmail,
          approverEmail: k.approverEmail,
          grantSource: `Zuwendung ${k.shortName}`,
          years: k.history,
        });
      }
      const round = await applyCall2026(ds, config, districtId, k);
      totals.calls += round.calls;
      totals.applications += round.applications;
    });
  }
  return totals;
}

const at = (day: string, time = '09:00:00'): string => `${day}T${time}+02:00`;

/**
 * The Kreis's Projektaufruf 2026 (published; the Ausschlussfrist passed in autumn 2025 like the
 * Altenburger Land's) and its submitted Anträge, through the real services with the clock on the
 * days. Once: skipped when the call exists in the Kreis.
 */
async function applyCall2026(ds: DataSource, config: AppConfig, districtId: string, k: LandKreis): Promise<{ calls: number; applications: number }> {
  const existing = (await ds.query('SELECT 1 FROM funding_call WHERE title = $1 AND district_id = $2', [k.call2026.title, districtId])) as unknown[];
  if (existing.length > 0) return { calls: 0, applications: 0 };
  const [year] = (await ds.query(
    `SELECT b.id FROM budget_year b JOIN programme p ON p.id = b.programme_id WHERE p.code = 'SOZIALBERATUNG_FLUECHTLINGE' AND b.year = 2026 AND b.district_id = $1`,
    [districtId],
  )) as { id: string }[];
  if (!year) return { calls: 0, applications: 0 };
  const people = await demoScopes(ds);
  const staff = people.byEmail(k.staffEmail);
  const clock = new FixedClock(config.timezone, new Date(at(k.call2026.openingDate)));
  const app = await NestFactory.createApplicationContext(DemoSeedModule.register(config, clock), { logger: false });
  try {
    return await app.get(TransactionRunner).run(async () => {
      const calls = app.get(CallsService);
      const applications = app.get(ApplicationsService);
      const submission = app.get(ApplicationSubmissionService);
      clock.set(at(k.call2026.openingDate));
      const call = await calls.create(staff, {
        budgetYearId: year.id,
        title: k.call2026.title,
        text: k.call2026.text,
        openingDate: k.call2026.openingDate,
        deadline: k.call2026.deadline,
        eligibleFieldsOfAction: DEMO_CALL_FIELDS_OF_ACTION,
        eligibleCostCategories: DEMO_CALL_COST_CATEGORIES,
        targetSocialAreas: [],
        requiredAttachments: DEMO_REQUIRED_ATTACHMENTS_2026,
        budgetIndication: Money.of(k.call2026.budgetIndication),
      });
      await calls.setStatus(staff, call.id, CallStatus.PUBLISHED);
      let filed = 0;
      for (const spec of [...k.applications2026].sort((a, b) => a.submittedOn.localeCompare(b.submittedOn))) {
        const scope = people.provider(spec.providerCode);
        clock.set(at(spec.submittedOn, '08:30:00'));
        const a = await applications.create(scope, call.id, applicationInput(spec, { grantSource: `Zuwendung ${k.shortName}` }));
        await uploadDemoAttachments(app, scope, a.id, spec.title, DEMO_REQUIRED_ATTACHMENTS_2026);
        clock.set(at(spec.submittedOn, '16:00:00'));
        await submission.submit(scope, a.id);
        filed += 1;
      }
      return { calls: 1, applications: filed };
    });
  } finally {
    await app.close();
  }
}
