import type { DataSource, EntityManager } from 'typeorm';
import { systemScope } from '@foerderfluss/core';
import { appendAuditEvent } from '@foerderfluss/audit';
import { isProgrammeParameterCode, parameterDefinition, parseParameterValue } from '@foerderfluss/programmes';
import { FIELDS_OF_ACTION } from './fields-of-action';
import { HOME_DISTRICT, SOCIAL_AREAS } from './social-areas';
import { COST_CATEGORIES } from './cost-categories';
import { PROGRAMME, PROGRAMME_PARAMETERS, PROGRAMMES } from './programme';
import { BASE_RATES } from './base-rates';
import { INDICATORS } from './indicators';

export interface SeedReport {
  changed: Record<string, number>;
}

/**
 * Reference data every installation needs. Idempotent: upserts by code and reports only rows
 * that actually changed, so a second run writes nothing and adds no audit event.
 *
 * Two kinds of rows:
 *  - master data owned by the seed files (Handlungsfelder, Sozialräume, Kostenarten, programme,
 *    its eligible Kostenarten, parameter definitions): updated to match the files;
 *  - dated values that ADMIN edits in the app (Basiszinssatz, parameter values): each seed row is
 *    inserted once, ever (remembered in reference_seed_row), so an admin's correction, changed
 *    date or deletion is never undone by a restart, while rows added to the files still arrive.
 */
export async function applyReferenceSeeds(ds: DataSource): Promise<SeedReport> {
  return ds.transaction(async (em) => {
    const changed: Record<string, number> = {};
    const count = (table: string, rows: unknown[]): void => {
      if (rows.length > 0) changed[table] = (changed[table] ?? 0) + rows.length;
    };
    for (const f of FIELDS_OF_ACTION) {
      count(
        'field_of_action',
        (await em.query(
          `INSERT INTO field_of_action (code, name, description, sort_order) VALUES ($1, $2, $3, $4)
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, sort_order = EXCLUDED.sort_order
           WHERE (field_of_action.name, field_of_action.description, field_of_action.sort_order)
                 IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.sort_order)
           RETURNING code`,
          [f.code, f.name, f.description, f.sortOrder],
        )) as unknown[],
      );
    }
    const home = HOME_DISTRICT;
    count(
      'organisation',
      (await em.query(
        `INSERT INTO organisation (code, kind, name, legal_form, street, postal_code, city) VALUES ($1, 'DISTRICT', $2, $3, $4, $5, $6)
         ON CONFLICT (code) WHERE code IS NOT NULL DO NOTHING RETURNING id`,
        [home.code, home.name, home.legalForm, home.street, home.postalCode, home.city],
      )) as unknown[],
    );
    for (const s of SOCIAL_AREAS) {
      count(
        'social_area',
        (await em.query(
          `INSERT INTO social_area (code, name, municipalities, sort_order, district_id)
           VALUES ($1, $2, $3, $4, (SELECT id FROM organisation WHERE code = '${home.code}'))
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, municipalities = EXCLUDED.municipalities, sort_order = EXCLUDED.sort_order
           WHERE (social_area.name, social_area.municipalities, social_area.sort_order)
                 IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.municipalities, EXCLUDED.sort_order)
           RETURNING code`,
          [s.code, s.name, [...s.municipalities], s.sortOrder],
        )) as unknown[],
      );
    }
    for (const c of COST_CATEGORIES) {
      count(
        'cost_category',
        (await em.query(
          `INSERT INTO cost_category (code, name, description, sort_order) VALUES ($1, $2, $3, $4)
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, sort_order = EXCLUDED.sort_order
           WHERE (cost_category.name, cost_category.description, cost_category.sort_order)
                 IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.sort_order)
           RETURNING code`,
          [c.code, c.name, c.description, c.sortOrder],
        )) as unknown[],
      );
    }
    for (const [index, p] of PROGRAMME_PARAMETERS.entries()) {
      checkParameterSeed(p.code, p.unit, p.value);
      count(
        'programme_parameter_definition',
        (await em.query(
          `INSERT INTO programme_parameter_definition (code, unit, description, sort_order, district_choice) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (code) DO UPDATE SET unit = EXCLUDED.unit, description = EXCLUDED.description, sort_order = EXCLUDED.sort_order,
             district_choice = EXCLUDED.district_choice
           WHERE (programme_parameter_definition.unit, programme_parameter_definition.description, programme_parameter_definition.sort_order,
                  programme_parameter_definition.district_choice)
                 IS DISTINCT FROM (EXCLUDED.unit, EXCLUDED.description, EXCLUDED.sort_order, EXCLUDED.district_choice)
           RETURNING code`,
          [p.code, p.unit, p.description, index + 1, 'districtChoice' in p && p.districtChoice === true],
        )) as unknown[],
      );
    }
    for (const p of PROGRAMMES) {
      count(
        'programme',
        (await em.query(
          `INSERT INTO programme (code, title, short_title, publication, legal_basis, ministry_code, ministry_name,
                                  granting_authority_code, granting_authority_name, state_financing_type,
                                  eligible_financing_types, valid_from)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, short_title = EXCLUDED.short_title,
             publication = EXCLUDED.publication, legal_basis = EXCLUDED.legal_basis, ministry_code = EXCLUDED.ministry_code,
             ministry_name = EXCLUDED.ministry_name, granting_authority_code = EXCLUDED.granting_authority_code,
             granting_authority_name = EXCLUDED.granting_authority_name, state_financing_type = EXCLUDED.state_financing_type,
             eligible_financing_types = EXCLUDED.eligible_financing_types, valid_from = EXCLUDED.valid_from,
             updated_at = now(), version = programme.version + 1
           WHERE (programme.title, programme.short_title, programme.publication, programme.legal_basis, programme.ministry_code,
                  programme.ministry_name, programme.granting_authority_code, programme.granting_authority_name,
                  programme.state_financing_type, programme.eligible_financing_types, programme.valid_from)
                 IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.short_title, EXCLUDED.publication, EXCLUDED.legal_basis,
                  EXCLUDED.ministry_code, EXCLUDED.ministry_name, EXCLUDED.granting_authority_code,
                  EXCLUDED.granting_authority_name, EXCLUDED.state_financing_type, EXCLUDED.eligible_financing_types,
                  EXCLUDED.valid_from)
           RETURNING id`,
          [
            p.code, p.title, p.shortTitle, p.publication, p.legalBasis, p.ministryCode, p.ministryName,
            p.grantingAuthorityCode, p.grantingAuthorityName, p.stateFinancingType, [...p.eligibleFinancingTypes], p.validFrom,
          ],
        )) as unknown[],
      );
      // The eligible Kostenarten are programme master data: exactly the list in the file.
      const codes = [...p.eligibleCostCategoryCodes];
      count(
        'programme_cost_category',
        (await em.query(
          `INSERT INTO programme_cost_category (programme_id, cost_category_code)
           SELECT pr.id, c FROM programme pr, unnest($2::text[]) AS c WHERE pr.code = $1
           ON CONFLICT DO NOTHING
           RETURNING cost_category_code`,
          [p.code, codes],
        )) as unknown[],
      );
      // For DELETE … RETURNING the pg driver of TypeORM answers [rows, affected count].
      const [removed] = (await em.query(
        `DELETE FROM programme_cost_category pc USING programme pr
         WHERE pc.programme_id = pr.id AND pr.code = $1 AND NOT (pc.cost_category_code = ANY($2::text[]))
         RETURNING pc.cost_category_code`,
        [p.code, codes],
      )) as [unknown[], number];
      count('programme_cost_category', removed);
    }
    // The parameter file holds the defaults of the one seeded programme.
    for (const p of PROGRAMME_PARAMETERS) {
      if (await firstApplication(em, 'programme_parameter', `${PROGRAMME.code}/${p.code}/${p.validFrom}`)) {
        count(
          'programme_parameter',
          (await em.query(
            `INSERT INTO programme_parameter (programme_id, code, value, valid_from)
             SELECT id, $2, $3, $4 FROM programme WHERE code = $1
             ON CONFLICT (programme_id, code, valid_from) DO NOTHING
             RETURNING id`,
            [PROGRAMME.code, p.code, p.value, p.validFrom],
          )) as unknown[],
        );
        count('reference_seed_row', [p.code]);
      }
    }
    for (const r of BASE_RATES) {
      if (await firstApplication(em, 'base_rate', r.validFrom)) {
        count(
          'base_rate',
          (await em.query(
            `INSERT INTO base_rate (valid_from, rate_percent) VALUES ($1, $2)
             ON CONFLICT (valid_from) DO NOTHING
             RETURNING id`,
            [r.validFrom, r.ratePercent],
          )) as unknown[],
        );
        count('reference_seed_row', [r.validFrom]);
      }
    }
    // Kennzahlen belong to the Kreis once seeded: inserted once, ever, with their first version.
    for (const [index, i] of INDICATORS.entries()) {
      if (await firstApplication(em, 'indicator_definition', `${i.fieldOfAction}/${i.code}`)) {
        const rows = (await em.query(
          `INSERT INTO indicator_definition (field_of_action_code, code, name, unit, aggregation, sort_order)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (field_of_action_code, code) DO NOTHING
           RETURNING id`,
          [i.fieldOfAction, i.code, i.name, i.unit, i.aggregation, index + 1],
        )) as { id: string }[];
        if (rows[0]) {
          await em.query(
            `INSERT INTO indicator_definition_version (definition_id, version, name, unit, aggregation, active) VALUES ($1, 1, $2, $3, $4, true)`,
            [rows[0].id, i.name, i.unit, i.aggregation],
          );
        }
        count('indicator_definition', rows);
        count('reference_seed_row', [i.code]);
      }
    }
    if (Object.keys(changed).length > 0) {
      await appendAuditEvent(em, systemScope(), {
        action: 'seed.reference.apply',
        entity: 'ReferenceData',
        entityId: 'reference',
        after: changed,
      });
    }
    return { changed };
  });
}

/** Records a dated seed row as applied; true only the first time (then the caller inserts it). */
async function firstApplication(em: EntityManager, dataset: string, key: string): Promise<boolean> {
  const rows = (await em.query(
    `INSERT INTO reference_seed_row (dataset, key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key`,
    [dataset, key],
  )) as unknown[];
  return rows.length > 0;
}

/** A seed value the app would refuse is a defect in the seed file: stop before writing it. */
function checkParameterSeed(code: string, unit: string, value: string): void {
  if (!isProgrammeParameterCode(code)) throw new Error(`Seed parameter ${code} is not in PROGRAMME_PARAMETER_DEFINITIONS`);
  const definition = parameterDefinition(code);
  if (definition.unit !== unit) throw new Error(`Seed parameter ${code}: unit ${unit}, expected ${definition.unit}`);
  const parsed = parseParameterValue(definition.unit, value);
  if (!parsed.ok) throw new Error(`Seed parameter ${code}: ${parsed.message}`);
  if (parsed.canonical !== value) throw new Error(`Seed parameter ${code}: write "${parsed.canonical}" instead of "${value}"`);
}
