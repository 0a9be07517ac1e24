import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ExistingDistrict {
  id: string;
  code: string | null;
  name: string;
  kind: string;
}

/** The few reads and writes of the onboarding of a Kreis (organisation, Sozialräume). */
@Injectable()
export class DistrictOnboardingRepository {
  async organisationByCode(em: EntityManager, code: string): Promise<ExistingDistrict | null> {
    const [row] = (await em.query(`SELECT id, code, name, kind FROM organisation WHERE code = $1`, [code])) as ExistingDistrict[];
    return row ?? null;
  }

  /** Which of these Sozialraum codes exist already (in any Kreis the caller may read: the Land and the system read all). */
  async takenSocialAreaCodes(em: EntityManager, codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = (await em.query(`SELECT code FROM social_area WHERE code = ANY($1::text[])`, [codes])) as { code: string }[];
    return new Set(rows.map((r) => r.code));
  }

  async insertDistrict(em: EntityManager, d: { id: string; code: string; name: string; street: string | null; postalCode: string | null; city: string | null }): Promise<void> {
    await em.query(
      `INSERT INTO organisation (id, code, kind, name, legal_form, street, postal_code, city)
       VALUES ($1, $2, 'DISTRICT', $3, 'Gebietskörperschaft des öffentlichen Rechts', $4, $5, $6)`,
      [d.id, d.code, d.name, d.street, d.postalCode, d.city],
    );
  }

  async insertSocialArea(em: EntityManager, districtId: string, a: { code: string; name: string; municipalities: string[]; sortOrder: number }): Promise<void> {
    await em.query(`INSERT INTO social_area (code, name, municipalities, sort_order, district_id) VALUES ($1, $2, $3, $4, $5)`, [
      a.code,
      a.name,
      a.municipalities,
      a.sortOrder,
      districtId,
    ]);
  }
}
