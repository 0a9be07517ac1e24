import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@foerderfluss/database';

export interface ReviewRow {
  id: string;
  reference: string;
  title: string;
  status: string;
  submitted_version: number;
  provider_name: string;
  due: string;
  since: Date;
}

export interface ProposalRow {
  id: string;
  reference: string;
  title: string;
  provider_name: string;
  kind: string;
  outcome: string;
  due: string;
  since: Date;
}

/**
 * The reads behind "Was wartet auf mich?": staff-side only (the service asks only for STAFF,
 * ADMIN and APPROVER), so no Träger filter applies; a Kreis user's Kreis (`districtId`) does (issue 20).
 */
@Injectable()
export class WorklistRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Anträge to start or finish reviewing. */
  applicationsToReview(districtId: string | null = null): Promise<ReviewRow[]> {
    return this.tx.manager.query(
      `SELECT a.id, a.reference, a.title, a.status, a.submitted_version, o.name AS provider_name,
              to_char(a.period_start, 'YYYY-MM-DD') AS due, a.last_submitted_at AS since
         FROM application a JOIN organisation o ON o.id = a.provider_id
        WHERE a.status IN ('SUBMITTED', 'IN_REVIEW') AND ($1::uuid IS NULL OR a.district_id = $1::uuid)`,
      [districtId],
    ) as Promise<ReviewRow[]>;
  }

  /** Proposed versions someone else proposed: the second pair of eyes is wanted. */
  proposalsAwaiting(userId: string | null, districtId: string | null = null): Promise<ProposalRow[]> {
    return this.tx.manager.query(
      `SELECT d.id, d.reference, a.title, o.name AS provider_name, v.kind, d.outcome,
              to_char(v.period_start, 'YYYY-MM-DD') AS due, v.proposed_at AS since
         FROM decision_version v
         JOIN decision d ON d.id = v.decision_id
         JOIN application a ON a.id = d.application_id
         JOIN organisation o ON o.id = d.provider_id
        WHERE v.status = 'PROPOSED' AND v.proposed_by <> $1 AND ($2::uuid IS NULL OR d.district_id = $2::uuid)`,
      [userId, districtId],
    ) as Promise<ProposalRow[]>;
  }
}
