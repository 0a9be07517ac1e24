import type { DataSource } from 'typeorm';
import { systemScope } from '@foerderfluss/core';
import { appendAuditEvent } from '@foerderfluss/audit';

/**
 * DEMO ONLY: not a prefix 360Giving has registered. A real Kreis applies to 360Giving for its own
 * and enters it at /verwaltung/offene-daten; "demo" in it marks every identifier built from it.
 */
export const DEMO_OPEN_DATA_PREFIX = '360G-demo-altenburgerland';

/**
 * The demo publishes its grants as 360Giving open data, so the public package and the ADMIN's page
 * show something. Once only: a setting the demo's ADMIN has changed is left as it is.
 */
export async function applyDemoOpenData(ds: DataSource): Promise<number> {
  return ds.transaction(async (em) => {
    const rows = (await em.query(
      `INSERT INTO open_data_setting (district_id, enabled, prefix, licence)
       SELECT id, true, $1, 'CC_BY_4_0' FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND'
       ON CONFLICT (district_id) DO NOTHING
       RETURNING district_id`,
      [DEMO_OPEN_DATA_PREFIX],
    )) as { district_id: string }[];
    const created = rows[0];
    if (!created) return 0;
    await appendAuditEvent(em, systemScope(), {
      action: 'seed.demo.open-data.settings',
      entity: 'OpenDataSetting',
      entityId: created.district_id,
      after: { enabled: true, prefix: DEMO_OPEN_DATA_PREFIX, licence: 'CC_BY_4_0' },
    });
    return 1;
  });
}
