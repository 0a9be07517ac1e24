import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Money } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { OpenDataSetting } from './open-data-setting.entity';
import type { PublishedGrantRecord } from './three-sixty-giving';

export interface DistrictRecord {
  id: string;
  code: string | null;
  name: string;
}

/**
 * The decisions a Kreis publishes for a budget year: issued grants (in force, or closed after the
 * Festsetzung) with a Höchstbetrag above zero. Not proposals, returns or Ablehnungen (no grant was
 * made), and not a full Widerruf (REVOKED, or CLOSED with Höchstbetrag 0 after it): the grant no
 * longer stands, and publishing the original figure would state a grant that does not exist.
 */
const PUBLISHED = `d.outcome = 'GRANT' AND d.status IN ('IN_FORCE', 'CLOSED') AND d.max_amount > 0 AND b.year = $1`;

interface GrantRow {
  reference: string;
  title: string;
  purpose: string;
  period_start: string;
  period_end: string;
  award_date: string;
  max_amount: string;
  recipient_id: string;
  recipient_code: string | null;
  recipient_name: string;
  social_area_name: string;
  social_area_municipalities: string[];
  municipality: string | null;
  programme_code: string;
  programme_title: string;
}

/**
 * Reads for the 360Giving publication. Unscoped on purpose: what it reads is public by the Kreis's
 * decision (and the same for every caller, with or without a token), and the columns are named one
 * by one so nothing else of the records is ever loaded.
 */
@Injectable()
export class OpenDataRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get em(): EntityManager {
    return this.tx.manager;
  }

  /**
   * The Kreis of this installation: its (first) active organisation of kind DISTRICT. A single-Kreis
   * install has exactly one; the records carry no Kreis of their own yet (issue 20 would add it).
   */
  async district(em: EntityManager = this.em, which: { id?: string | null; code?: string | null } = {}): Promise<DistrictRecord | null> {
    // Issue 20: a Kreis user's own Kreis, or the Kreis a public request names by code; else the first.
    const rows = (await em.query(
      `SELECT id, code, name FROM organisation WHERE kind = 'DISTRICT' AND active
          AND ($1::uuid IS NULL OR id = $1::uuid) AND ($2::text IS NULL OR code = $2::text)
        ORDER BY created_at, id LIMIT 1`,
      [which.id ?? null, which.code ?? null],
    )) as DistrictRecord[];
    return rows[0] ?? null;
  }

  async setting(districtId: string, em: EntityManager = this.em, lock = false): Promise<OpenDataSetting | null> {
    const qb = em.getRepository(OpenDataSetting).createQueryBuilder('s').where('s.district_id = :districtId', { districtId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async save(setting: OpenDataSetting, em: EntityManager): Promise<OpenDataSetting> {
    return em.getRepository(OpenDataSetting).save(setting);
  }

  async countGrants(year: number, districtId: string): Promise<number> {
    const [row] = (await this.em.query(
      `SELECT count(*)::int AS n FROM decision d JOIN budget_year b ON b.id = d.budget_year_id WHERE ${PUBLISHED} AND d.district_id = $2`,
      [year, districtId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  async grants(year: number, districtId: string): Promise<PublishedGrantRecord[]> {
    // award_date: the day of the first Bescheid (version 1), the day the grant was made; amount
    // and dates: the version in force (an Änderung moves them, and the grant now reads so).
    const rows = (await this.em.query(
      `SELECT d.reference, a.title, v.purpose, v.period_start::text AS period_start, v.period_end::text AS period_end,
              first.decision_date::text AS award_date, d.max_amount::text AS max_amount,
              o.id AS recipient_id, o.code AS recipient_code, o.name AS recipient_name,
              sa.name AS social_area_name, sa.municipalities AS social_area_municipalities, a.municipality,
              p.code AS programme_code, p.title AS programme_title
         FROM decision d
         JOIN budget_year b ON b.id = d.budget_year_id
         JOIN programme p ON p.id = b.programme_id
         JOIN application a ON a.id = d.application_id
         JOIN organisation o ON o.id = d.provider_id
         JOIN social_area sa ON sa.code = d.social_area_code
         JOIN decision_version v ON v.decision_id = d.id AND v.version_no = d.current_version_no
         JOIN decision_version first ON first.decision_id = d.id AND first.version_no = 1
        WHERE ${PUBLISHED} AND d.district_id = $2
        ORDER BY d.reference`,
      [year, districtId],
    )) as GrantRow[];
    return rows.map((r) => ({
      reference: r.reference,
      title: r.title,
      purpose: r.purpose,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      awardDate: r.award_date,
      maxAmount: Money.of(r.max_amount),
      recipientId: r.recipient_id,
      recipientCode: r.recipient_code,
      recipientName: r.recipient_name,
      socialAreaName: r.social_area_name,
      socialAreaMunicipalities: r.social_area_municipalities,
      municipality: r.municipality,
      programmeCode: r.programme_code,
      programmeTitle: r.programme_title,
    }));
  }
}
