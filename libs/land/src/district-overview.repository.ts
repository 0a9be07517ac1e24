import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@foerderfluss/database';

/** One Kreis's money for one budget year, as the database sums it (amounts as numeric text, 2 decimals). */
export interface DistrictFiguresRow {
  id: string;
  code: string | null;
  name: string;
  allocated: string;
  drawn: string;
  paid_to_providers: string;
  proven: string;
  refunded: string;
}

export interface DistrictBudgetYearRow {
  id: string;
  year: number;
  status: string;
  programme_code: string;
  state_grant_reference: string;
  state_grant_id: string | null;
  allocated_state: string;
  received_from_state: string;
  paid: string;
  refunded_to_state: string;
  /** The Kreis's Verwendungsnachweis to the Land: DRAFT, SUBMITTED, or null while none was started. */
  state_proof_status: string | null;
  state_proof_review_id: string | null;
  state_proof_review_status: string | null;
}

/** Which Kreise a caller may list: all, one, or those a Träger works in. */
export type DistrictSelection = { kind: 'ALL' } | { kind: 'ONE'; districtId: string } | { kind: 'PROVIDER'; providerId: string };

/**
 * The Land's overview of the Kreise in SQL (issue 20 item 5): one statement over the Kreise, their
 * budget years' balance rows (kept by the ledger in the posting transaction, so no ledger scan), the
 * issued Zuweisungen, the Land's Festsetzungen and the Kreise's submitted Verwendungsnachweise. Its
 * cost grows with the number of Kreise and budget years, not with the rows of the ledger.
 */
@Injectable()
export class DistrictOverviewRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async figures(year: number, selection: DistrictSelection, onlyId: string | null = null, em: EntityManager = this.tx.manager): Promise<DistrictFiguresRow[]> {
    const params: unknown[] = [year];
    let where = `o.kind = 'DISTRICT'`;
    if (selection.kind === 'ONE') {
      params.push(selection.districtId);
      where += ` AND o.id = $${params.length}`;
    } else if (selection.kind === 'PROVIDER') {
      // The Kreise the Träger works in: those it is registered in (district_provider, the Kreis
      // isolation's table, where the install has it) and those it applied in.
      params.push(selection.providerId);
      const n = params.length;
      const registered = (await this.hasRegistrations(em)) ? `SELECT dp.district_id FROM district_provider dp WHERE dp.provider_id = $${n} UNION ` : '';
      where += ` AND o.id IN (${registered}SELECT a.district_id FROM application a WHERE a.provider_id = $${n})`;
    }
    if (onlyId) {
      params.push(onlyId);
      where += ` AND o.id = $${params.length}`;
    }
    return (await em.query(
      `WITH d AS (SELECT o.id, o.code, o.name FROM organisation o WHERE ${where}),
       y AS (
         SELECT by.district_id,
                SUM(b.allocated_state) AS allocated_state,
                SUM(b.received_from_state) AS drawn,
                SUM(b.paid_state + b.paid_district) AS paid,
                SUM(b.refunded_to_state) AS refunded
           FROM budget_year by JOIN budget_year_balance b ON b.budget_year_id = by.id
          WHERE by.year = $1 AND by.district_id IN (SELECT id FROM d)
          GROUP BY by.district_id),
       g AS (
         SELECT district_id, SUM(amount) AS amount FROM state_grant
          WHERE year = $1 AND status = 'ISSUED' AND district_id IN (SELECT id FROM d)
          GROUP BY district_id),
       r AS (
         SELECT r.district_id, SUM(r.final_state_grant) AS z
           FROM state_proof_review r JOIN budget_year by ON by.id = r.budget_year_id
          WHERE by.year = $1 AND r.status IN ('SETTLED', 'CLOSED') AND r.district_id IN (SELECT id FROM d)
          GROUP BY r.district_id),
       p AS (
         SELECT sp.district_id, SUM((sp.figures ->> 'stateFinalGrant')::numeric) AS z
           FROM state_proof sp JOIN budget_year by ON by.id = sp.budget_year_id
          WHERE by.year = $1 AND sp.status = 'SUBMITTED' AND sp.district_id IN (SELECT id FROM d)
          GROUP BY sp.district_id)
       SELECT d.id, d.code, d.name,
              COALESCE(g.amount, y.allocated_state, 0)::numeric(15,2)::text AS allocated,
              COALESCE(y.drawn, 0)::numeric(15,2)::text AS drawn,
              COALESCE(y.paid, 0)::numeric(15,2)::text AS paid_to_providers,
              COALESCE(r.z, p.z, 0)::numeric(15,2)::text AS proven,
              COALESCE(y.refunded, 0)::numeric(15,2)::text AS refunded
         FROM d LEFT JOIN y ON y.district_id = d.id LEFT JOIN g ON g.district_id = d.id
              LEFT JOIN r ON r.district_id = d.id LEFT JOIN p ON p.district_id = d.id
        ORDER BY d.name, d.id`,
      params,
    )) as DistrictFiguresRow[];
  }

  /** Whether the Träger registration per Kreis (district_provider) exists in this database. */
  private async hasRegistrations(em: EntityManager): Promise<boolean> {
    const [row] = (await em.query(`SELECT to_regclass('district_provider') IS NOT NULL AS present`)) as { present: boolean }[];
    return !!row?.present;
  }

  /** Every budget year of one Kreis with its Land money, newest first (the drill-down). */
  async budgetYears(districtId: string, em: EntityManager = this.tx.manager): Promise<DistrictBudgetYearRow[]> {
    return (await em.query(
      `SELECT by.id, by.year, by.status, pr.code AS programme_code, by.state_grant_reference,
              (SELECT g.id FROM state_grant g WHERE g.budget_year_id = by.id LIMIT 1) AS state_grant_id,
              b.allocated_state::text AS allocated_state, b.received_from_state::text AS received_from_state,
              (b.paid_state + b.paid_district)::numeric(15,2)::text AS paid, b.refunded_to_state::text AS refunded_to_state,
              sp.status AS state_proof_status, r.id AS state_proof_review_id, r.status AS state_proof_review_status
         FROM budget_year by JOIN budget_year_balance b ON b.budget_year_id = by.id JOIN programme pr ON pr.id = by.programme_id
              LEFT JOIN state_proof sp ON sp.budget_year_id = by.id LEFT JOIN state_proof_review r ON r.state_proof_id = sp.id
        WHERE by.district_id = $1
        ORDER BY by.year DESC, pr.code`,
      [districtId],
    )) as DistrictBudgetYearRow[];
  }
}
