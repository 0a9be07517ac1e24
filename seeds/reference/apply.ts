import type { DataSource } from 'typeorm';
import { systemScope } from '@foerderfluss/core';
import { appendAuditEvent } from '@foerderfluss/audit';
import { FIELDS_OF_ACTION } from './fields-of-action';
import { SOCIAL_AREAS } from './social-areas';
import { COST_CATEGORIES } from './cost-categories';

export interface SeedReport {
  changed: Record<string, number>;
}

/**
 * Reference data every installation needs. Idempotent: upserts by code and reports only rows
 * that actually changed, so a second run writes nothing and adds no audit event.
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
    for (const s of SOCIAL_AREAS) {
      count(
        'social_area',
        (await em.query(
          `INSERT INTO social_area (code, name, municipalities, sort_order) VALUES ($1, $2, $3, $4)
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
