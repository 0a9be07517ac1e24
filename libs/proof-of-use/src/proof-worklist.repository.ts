import { Injectable } from '@nestjs/common';
import { isKreisSide, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';

/** A Verwendungsnachweis that waits for the Landratsamt (to review, to finish reviewing, to settle). */
export interface ProofTaskRow {
  id: string;
  reference: string;
  status: string;
  kind: 'FINAL' | 'INTERIM';
  title: string;
  provider_name: string;
  /** The day it was submitted (Eingang), in the business time zone. */
  arrived: string;
  since: Date;
  settlement_pending: boolean;
}

/** A Festsetzung waiting for the second pair of eyes. */
export interface SettlementTaskRow {
  id: string;
  reference: string;
  title: string;
  provider_name: string;
  proposed_by: string;
  final_grant: string;
  /** The day it was proposed, in the business time zone. */
  proposed_on: string;
  since: Date;
}

/**
 * The reads behind the worklist's Verwendungsnachweis and Festsetzung tasks: every entry with its
 * Aktenzeichen, Träger and a date. Kreis side only (a Träger's worklist has none of these).
 */
@Injectable()
export class ProofWorklistRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async proofsWaiting(scope: Scope, timeZone: string): Promise<ProofTaskRow[]> {
    if (!isKreisSide(scope)) return [];
    return (await this.tx.manager.query(
      `SELECT p.id, p.reference, p.status, p.kind, a.title, o.name AS provider_name,
              to_char(COALESCE(p.submitted_at, p.created_at) AT TIME ZONE $1, 'YYYY-MM-DD') AS arrived,
              COALESCE(p.submitted_at, p.created_at) AS since,
              EXISTS (SELECT 1 FROM settlement s WHERE s.proof_id = p.id AND s.status IN ('PROPOSED', 'APPROVED')) AS settlement_pending
         FROM proof_of_use p
         JOIN decision d ON d.id = p.decision_id
         JOIN application a ON a.id = d.application_id
         JOIN organisation o ON o.id = p.provider_id
        WHERE p.status IN ('SUBMITTED', 'IN_REVIEW', 'REVIEWED') AND ($2::uuid IS NULL OR p.district_id = $2::uuid)`,
      [timeZone, scope.districtId ?? null],
    )) as ProofTaskRow[];
  }

  async settlementsProposed(scope: Scope, timeZone: string): Promise<SettlementTaskRow[]> {
    if (!isKreisSide(scope)) return [];
    return (await this.tx.manager.query(
      `SELECT s.id, d.reference, a.title, o.name AS provider_name, s.proposed_by, s.final_grant::text AS final_grant,
              to_char(s.proposed_at AT TIME ZONE $1, 'YYYY-MM-DD') AS proposed_on, s.proposed_at AS since
         FROM settlement s
         JOIN decision d ON d.id = s.decision_id
         JOIN application a ON a.id = d.application_id
         JOIN organisation o ON o.id = d.provider_id
        WHERE s.status = 'PROPOSED' AND ($2::uuid IS NULL OR s.district_id = $2::uuid)`,
      [timeZone, scope.districtId ?? null],
    )) as SettlementTaskRow[];
  }
}
