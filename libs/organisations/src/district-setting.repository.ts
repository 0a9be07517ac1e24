import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DistrictSetting } from './district-setting.entity';

/** A Kreis as its settings need it: the organisation's master data. */
export interface DistrictRow {
  id: string;
  code: string | null;
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

/**
 * Reads and writes of `district_setting`. Not a ScopedRepository: the table holds no business
 * record of a Kreis and has no row-level security; who may read or change a Kreis's settings is
 * decided by DistrictSettingsService (ADMIN of the Kreis or of the Land).
 */
@Injectable()
export class DistrictSettingRepository {
  async district(em: EntityManager, id: string): Promise<DistrictRow | null> {
    const [row] = (await em.query(
      `SELECT id, code, name, street, postal_code AS "postalCode", city, contact_email AS "contactEmail", contact_phone AS "contactPhone"
         FROM organisation WHERE id = $1 AND kind = 'DISTRICT'`,
      [id],
    )) as DistrictRow[];
    return row ?? null;
  }

  /** The install's first Kreis (a single-Kreis install's only one): its settings fall back to the configuration. */
  async homeDistrictId(em: EntityManager): Promise<string | null> {
    const [row] = (await em.query(`SELECT id FROM organisation WHERE kind = 'DISTRICT' ORDER BY created_at, id LIMIT 1`)) as { id: string }[];
    return row?.id ?? null;
  }

  async setting(em: EntityManager, districtId: string, lock = false): Promise<DistrictSetting | null> {
    return em.getRepository(DistrictSetting).findOne({ where: { districtId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async save(em: EntityManager, row: DistrictSetting): Promise<DistrictSetting> {
    return em.getRepository(DistrictSetting).save(row);
  }
}
