import { Injectable } from '@nestjs/common';
import { hasRole, Role, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';

export type WorklistKind = 'START_REVIEW' | 'COMPLETE_REVIEW' | 'RESUBMITTED' | 'APPROVE_DECISION';

export interface WorklistItem {
  kind: WorklistKind;
  /** What to open: the application or the decision. */
  entity: 'Application' | 'Decision';
  id: string;
  reference: string;
  title: string;
  providerName: string;
  /** The date by which it should be done: the decision is needed before the measure starts. */
  dueDate: string;
  since: Date;
  /** German hint what is to be done. */
  action: string;
}

/**
 * "Was wartet auf mich?" STAFF see applications to start or finish reviewing; APPROVERs see
 * proposals waiting for their signature, never their own. Sorted by due date, oldest first.
 */
@Injectable()
export class WorklistService {
  constructor(private readonly tx: TransactionRunner) {}

  async forUser(scope: Scope): Promise<WorklistItem[]> {
    const items: WorklistItem[] = [];
    if (hasRole(scope, Role.STAFF, Role.ADMIN)) {
      const rows = (await this.tx.manager.query(
        `SELECT a.id, a.reference, a.title, a.status, a.submitted_version, o.name AS provider_name,
                to_char(a.period_start, 'YYYY-MM-DD') AS due, a.last_submitted_at AS since
           FROM application a JOIN organisation o ON o.id = a.provider_id
          WHERE a.status IN ('SUBMITTED', 'IN_REVIEW')`,
      )) as { id: string; reference: string; title: string; status: string; submitted_version: number; provider_name: string; due: string; since: Date }[];
      for (const r of rows) {
        const resubmitted = r.status === 'SUBMITTED' && r.submitted_version > 1;
        items.push({
          kind: r.status === 'IN_REVIEW' ? 'COMPLETE_REVIEW' : resubmitted ? 'RESUBMITTED' : 'START_REVIEW',
          entity: 'Application',
          id: r.id,
          reference: r.reference,
          title: r.title,
          providerName: r.provider_name,
          dueDate: r.due,
          since: r.since,
          action: r.status === 'IN_REVIEW' ? 'Prüfung abschließen und Entscheidung vorschlagen' : resubmitted ? 'Nachgebesserten Antrag prüfen' : 'Prüfung beginnen',
        });
      }
    }
    if (hasRole(scope, Role.APPROVER)) {
      const rows = (await this.tx.manager.query(
        `SELECT d.id, d.reference, a.title, o.name AS provider_name, v.kind, d.outcome,
                to_char(v.period_start, 'YYYY-MM-DD') AS due, v.proposed_at AS since
           FROM decision_version v
           JOIN decision d ON d.id = v.decision_id
           JOIN application a ON a.id = d.application_id
           JOIN organisation o ON o.id = d.provider_id
          WHERE v.status = 'PROPOSED' AND v.proposed_by <> $1`,
        [scope.userId],
      )) as { id: string; reference: string; title: string; provider_name: string; kind: string; outcome: string; due: string; since: Date }[];
      for (const r of rows) {
        const what = r.outcome === 'REJECTION' ? 'Ablehnung' : r.kind === 'ORIGINAL' ? 'Bewilligung' : r.kind === 'AMENDMENT' ? 'Änderung' : 'Widerruf';
        items.push({
          kind: 'APPROVE_DECISION',
          entity: 'Decision',
          id: r.id,
          reference: r.reference,
          title: r.title,
          providerName: r.provider_name,
          dueDate: r.due,
          since: r.since,
          action: `${what} prüfen und freigeben (Vier-Augen-Prinzip)`,
        });
      }
    }
    return items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.since.getTime() - b.since.getTime());
  }
}
