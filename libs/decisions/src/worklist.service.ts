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

/**
 * The parts of the worklist: what waits for the caller's step (TASKS, the default), the cases the
 * caller is assignee or stand-in of (MY_CASES, "Meine Fälle") and the open Wiedervorlagen due today
 * or earlier (FOLLOW_UPS, "Fällige Wiedervorlagen"; the caller's own first).
 */
export const WORKLIST_SECTIONS = ['TASKS', 'MY_CASES', 'FOLLOW_UPS'] as const;
export type WorklistSection = (typeof WORKLIST_SECTIONS)[number];

/** An entry another lib contributes (e.g. Mittelabrufe to check or approve), same shape. */
export interface WorklistEntry extends Omit<WorklistItem, 'kind' | 'entity'> {
  kind: string;
  entity: string;
  /** The Wiedervorlage an entry of FOLLOW_UPS is about. */
  followUpId?: string | null;
  /** Whether the caller is assignee or stand-in of the case the entry is about (libs/cases). */
  mine?: boolean;
  /** Who is assignee of that case (display name), where someone is. */
  assigneeName?: string | null;
}

/**
 * Another lib's part of the worklist. The decisions lib cannot depend on the libs that depend on
 * it (payments, proof-of-use, cases), so the api passes their services in; the merge and the order
 * stay here. `worklist` gives the source's tasks; `section` its entries of the other sections.
 */
export interface WorklistSource {
  worklist(scope: Scope): Promise<WorklistEntry[]>;
  section?(scope: Scope, section: Exclude<WorklistSection, 'TASKS'>): Promise<WorklistEntry[]>;
}

/**
 * "Was wartet auf mich?" STAFF see applications to start or finish reviewing; APPROVERs see
 * proposals waiting for their signature, never their own. Sorted by due date, oldest first.
 */
@Injectable()
export class WorklistService {
  constructor(private readonly rows: WorklistRepository) {}

  /**
   * One section of the caller's worklist (this lib's items and those of `sources`), by date, oldest
   * first; due Wiedervorlagen of the caller's own cases before the others.
   */
  async forUser(scope: Scope, sources: readonly WorklistSource[] = [], section: WorklistSection = 'TASKS'): Promise<WorklistEntry[]> {
    const items: WorklistEntry[] = [];
    if (section === 'TASKS') {
      items.push(...(await this.own(scope)));
      for (const source of sources) items.push(...(await source.worklist(scope)));
    } else {
      for (const source of sources) if (source.section) items.push(...(await source.section(scope, section)));
    }
    const mineFirst = section === 'FOLLOW_UPS';
    return items.sort(
      (a, b) =>
        (mineFirst ? Number(b.mine ?? false) - Number(a.mine ?? false) : 0) ||
        a.dueDate.localeCompare(b.dueDate) ||
        new Date(a.since).getTime() - new Date(b.since).getTime(),
    );
  }

  private async own(scope: Scope): Promise<WorklistItem[]> {
    const items: WorklistItem[] = [];
    if (hasRole(scope, Role.STAFF, Role.ADMIN)) {
      const rows = await this.rows.applicationsToReview(scope.districtId ?? null);
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
      const rows = await this.rows.proposalsAwaiting(scope.userId, scope.districtId ?? null);
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
