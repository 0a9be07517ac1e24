import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@foerderfluss/database';
import { StateDistributionVersion } from './distribution-version.entity';

/** The versions of the Verteilungsschlüssel (Land data, no Kreis filter: the Land reads and writes it). */
@Injectable()
export class DistributionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Newest first. */
  history(programmeId: string, year: number, em: EntityManager = this.tx.manager): Promise<StateDistributionVersion[]> {
    return em.getRepository(StateDistributionVersion).find({ where: { programmeId, year }, order: { version: 'DESC' } });
  }

  /**
   * The newest version, under a transaction advisory lock on (programme, year) so two concurrent
   * changes get consecutive numbers (the unique index would refuse the second anyway).
   */
  async lockLatest(em: EntityManager, programmeId: string, year: number): Promise<StateDistributionVersion | null> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('state_distribution'), hashtext($1))`, [`${programmeId}/${year}`]);
    return em.getRepository(StateDistributionVersion).findOne({ where: { programmeId, year }, order: { version: 'DESC' } });
  }

  /** Display names of the users who recorded versions (id → name), so the history says who, not a UUID. */
  async userNames(ids: readonly string[], em: EntityManager = this.tx.manager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await em.query(`SELECT id, display_name AS name FROM app_user WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Every Kreis of the install, id → name. */
  async districtNames(em: EntityManager = this.tx.manager): Promise<Map<string, string>> {
    const rows = (await em.query(`SELECT id, name FROM organisation WHERE kind = 'DISTRICT' ORDER BY name`)) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
