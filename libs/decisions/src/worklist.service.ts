import { Injectable } from '@nestjs/common';
import { hasRole, Role, Scope } from '@foerderfluss/core';
import { WorklistRepository } from './worklist.repository';

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

/** An entry another lib contributes (e.g. Mittelabrufe to check or approve), same shape. */
export interface WorklistEntry extends Omit<WorklistItem, 'kind' | 'entity'> {
  kind: string;
  entity: string;
}

/**
 * Another lib's part of the worklist. The decisions lib cannot depend on the libs that depend on
 * it (payments), so the api passes their services in; the merge and the order stay here.
 */
export interface WorklistSource {
  worklist(scope: Scope): Promise<WorklistEntry[]>;
}

/**
 * "Was wartet auf mich?" STAFF see applications to start or finish reviewing; APPROVERs see
 * proposals waiting for their signature, never their own. Sorted by due date, oldest first.
 */
@Injectable()
export class WorklistService {
  constructor(private readonly rows: WorklistRepository) {}

  /** Everything waiting for the caller (this lib's items and those of `sources`), by due date, oldest first. */
  async forUser(scope: Scope, sources: readonly WorklistSource[] = []): Promise<WorklistEntry[]> {
    const items: WorklistEntry[] = await this.own(scope);
    for (const source of sources) items.push(...(await source.worklist(scope)));
    return items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || new Date(a.since).getTime() - new Date(b.since).getTime());
  }

  private async own(scope: Scope): Promise<WorklistItem[]> {
    const items: WorklistItem[] = [];
    if (hasRole(scope, Role.STAFF, Role.ADMIN)) {
      const rows = await this.rows.applicationsToReview();
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
      const rows = await this.rows.proposalsAwaiting(scope.userId);
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
    return items;
  }
}
