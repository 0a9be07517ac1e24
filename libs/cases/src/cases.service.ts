import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, FieldError, forbidden, hasRole, isKreisSide, Lifecycle, Role, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { User, UserRepository } from '@foerderfluss/identity';
import { APPLICATION_LIFECYCLE, ApplicationRepository } from '@foerderfluss/applications';
import { decisionLifecycle, DecisionRepository, WorklistEntry, WorklistSection, WorklistSource } from '@foerderfluss/decisions';
import { PROOF_LIFECYCLE, ProofOfUseRepository, RECOVERY_LIFECYCLE, RecoveryRepository } from '@foerderfluss/proof-of-use';
import { CaseAssignment } from './case-assignment.entity';
import { CaseAssignmentRepository, CaseFollowUpRepository, CaseReadRepository, DueFollowUpRow, MyCaseRow } from './case-assignment.repository';
import { CaseFollowUp, FOLLOW_UP_NOTE_MAX } from './case-follow-up.entity';
import { CASE_ENTITY, CaseType, caseTypeOfEntity } from './case-type';
import { assignmentInvalid, caseNotFound, followUpInvalid } from './cases.errors';
import { CASE_WORKERS, CaseAction, FOLLOW_UP_LIFECYCLE, FollowUpAction, FollowUpStatus } from './follow-up-state';

/** A person as the web names them: by display name, never by e-mail address. */
export interface PersonRef {
  id: string;
  displayName: string;
}

export interface FollowUpView {
  id: string;
  dueDate: string;
  note: string | null;
  status: FollowUpStatus;
  createdAt: Date;
  createdBy: PersonRef | null;
  doneAt: Date | null;
  doneBy: PersonRef | null;
  allowedActions: FollowUpAction[];
}

/** The next open Wiedervorlage of a case. */
export interface NextFollowUp {
  dueDate: string;
  note: string | null;
}

/** What the case lists and details carry of a case for the Landratsamt. */
export interface CaseSummary {
  assignee: PersonRef | null;
  standIn: PersonRef | null;
  nextFollowUp: NextFollowUp | null;
}

export interface CaseView extends CaseSummary {
  type: CaseType;
  id: string;
  reference: string;
  assignedAt: Date | null;
  assignedBy: PersonRef | null;
  followUps: FollowUpView[];
  allowedActions: CaseAction[];
}

export interface AssignmentInput {
  assigneeId: string | null;
  standInId: string | null;
}

export interface FollowUpInput {
  dueDate: string;
  note: string | null;
}

/** Someone who can be assignee or stand-in: an active ADMIN, STAFF or APPROVER of the Kreis. */
export interface AssignableUser extends PersonRef {
  roles: Role[];
}

/** The summary of a case without one: nobody assigned, no Wiedervorlage. */
export const NO_CASE_SUMMARY: CaseSummary = Object.freeze({ assignee: null, standIn: null, nextFollowUp: null });

/** The lifecycle of each case type, for its status label and whether the case is finished. */
const LIFECYCLE_OF: Readonly<Record<CaseType, Lifecycle<string, string>>> = {
  APPLICATION: APPLICATION_LIFECYCLE as unknown as Lifecycle<string, string>,
  DECISION: decisionLifecycle as unknown as Lifecycle<string, string>,
  PROOF_OF_USE: PROOF_LIFECYCLE as unknown as Lifecycle<string, string>,
  RECOVERY: RECOVERY_LIFECYCLE as unknown as Lifecycle<string, string>,
};

/** A case is finished when its lifecycle table has no step out of its status (bewilligt, abgeschlossen, festgesetzt, beglichen …). */
function finished(type: CaseType, status: string): boolean {
  return !LIFECYCLE_OF[type].transitions.some((t) => (typeof t.from === 'string' ? t.from === status : t.from.includes(status)));
}

function statusLabel(type: CaseType, status: string): string {
  return LIFECYCLE_OF[type].statuses.includes(status) ? LIFECYCLE_OF[type].statusLabel(status) : status;
}

function person(id: string | null, user: User | null | undefined): PersonRef | null {
  return id && user ? { id, displayName: user.displayName } : null;
}

/**
 * Assignment and Wiedervorlage of cases (issue 16 item 7): who at the Landratsamt works on an
 * Antrag, Bescheid, VN or Rückforderung (assignee and stand-in), and the days it comes up again.
 * Träger never see any of it: every read and write answers them 404, as for a record not theirs.
 * Each change is one transaction with its audit event, recorded on the case's own record (entity
 * `Application`, `Decision` …), so it shows in the record's history; the notifications lib tells
 * the people named (it listens to those events).
 */
@Injectable()
export class CasesService implements WorklistSource {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly users: UserRepository,
    private readonly assignments: CaseAssignmentRepository,
    private readonly followUps: CaseFollowUpRepository,
    private readonly reads: CaseReadRepository,
    private readonly applications: ApplicationRepository,
    private readonly decisions: DecisionRepository,
    private readonly proofs: ProofOfUseRepository,
    private readonly recoveries: RecoveryRepository,
  ) {}

  // ───────────────────────────── reading ─────────────────────────────

  async view(scope: Scope, type: CaseType, id: string): Promise<CaseView> {
    const { reference } = await this.record(scope, type, id);
    return this.viewOf(scope, type, id, reference);
  }

  /** The people and next Wiedervorlage of each case of one type, for lists and details; empty for a Träger. */
  async summaries(scope: Scope, type: CaseType, ids: readonly string[]): Promise<Map<string, CaseSummary>> {
    const rows = await this.reads.summaries(scope, type, ids);
    return new Map(
      rows.map((r) => [
        r.case_id,
        {
          assignee: r.assignee_id ? { id: r.assignee_id, displayName: r.assignee_name ?? '' } : null,
          standIn: r.stand_in_id ? { id: r.stand_in_id, displayName: r.stand_in_name ?? '' } : null,
          nextFollowUp: r.next_due ? { dueDate: r.next_due, note: r.next_note } : null,
        },
      ]),
    );
  }

  /** Who can be assignee or stand-in: active ADMIN, STAFF and APPROVER users of the caller's Kreis, by name. */
  async assignableUsers(scope: Scope): Promise<AssignableUser[]> {
    if (!isKreisSide(scope)) throw caseNotFound();
    const candidates: User[] = [];
    for (const role of CASE_WORKERS) {
      let cursor: string | undefined;
      do {
        const page = await this.users.list(scope, { role, active: true, sort: 'displayName', limit: 200, cursor });
        candidates.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    const byId = new Map<string, User>();
    for (const u of candidates) if (this.assignable(scope, u) === null) byId.set(u.id, u);
    return [...byId.values()]
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'de'))
      .map((u) => ({ id: u.id, displayName: u.displayName, roles: u.roles }));
  }

  // ───────────────────────────── changing ─────────────────────────────

  /** Sets assignee and stand-in (null: nobody); an unchanged pair writes nothing. */
  async assign(scope: Scope, type: CaseType, id: string, input: AssignmentInput): Promise<CaseView> {
    this.assertWorker(scope);
    return this.tx.run(async (em) => {
      const { reference } = await this.record(scope, type, id, em);
      await this.checkPeople(em, scope, input);
      const row = await this.assignments.lockOrCreate(em, type, id, this.clock.now());
      if (row.assigneeId === input.assigneeId && row.standInId === input.standInId) return this.viewOf(scope, type, id, reference, em);
      const before = { caseReference: reference, assigneeId: row.assigneeId, standInId: row.standInId };
      row.assigneeId = input.assigneeId;
      row.standInId = input.standInId;
      row.assignedBy = scope.userId;
      row.assignedAt = this.clock.now();
      await this.assignments.save(em, row);
      await this.audit.record(em, scope, {
        action: 'case.assign',
        entity: CASE_ENTITY[type],
        entityId: id,
        before,
        after: { caseReference: reference, assigneeId: row.assigneeId, standInId: row.standInId },
      });
      return this.viewOf(scope, type, id, reference, em);
    });
  }

  /** A new Wiedervorlage: a day not in the past and an optional note of at most 2.000 characters. */
  async addFollowUp(scope: Scope, type: CaseType, id: string, input: FollowUpInput): Promise<CaseView> {
    this.assertWorker(scope);
    const note = input.note?.trim() ? input.note.trim() : null;
    const errors: FieldError[] = [];
    const due = CalendarDate.tryParse(input.dueDate);
    const today = this.clock.today();
    if (!due) errors.push({ path: 'dueDate', message: 'Bitte ein gültiges Datum angeben.' });
    else if (due.isBefore(today)) errors.push({ path: 'dueDate', message: `Die Wiedervorlage darf nicht in der Vergangenheit liegen (frühestens heute, ${today.toGermanString()}).` });
    if (note !== null && note.length > FOLLOW_UP_NOTE_MAX) errors.push({ path: 'note', message: `Die Notiz darf höchstens ${FOLLOW_UP_NOTE_MAX.toLocaleString('de-DE')} Zeichen lang sein (jetzt ${note.length.toLocaleString('de-DE')}).` });
    if (errors.length > 0) throw followUpInvalid(errors);
    return this.tx.run(async (em) => {
      const { reference } = await this.record(scope, type, id, em);
      const row = await this.followUps.insert(em, { caseType: type, caseId: id, dueDate: due!.toISOString(), note, createdBy: scope.userId, doneAt: null, doneBy: null });
      await this.audit.record(em, scope, {
        action: 'case.follow-up.add',
        entity: CASE_ENTITY[type],
        entityId: id,
        after: { caseReference: reference, followUpId: row.id, dueDate: row.dueDate, note: row.note },
      });
      return this.viewOf(scope, type, id, reference, em);
    });
  }

  /** Marks a Wiedervorlage done (once: a second time answers 409). */
  async completeFollowUp(scope: Scope, followUpId: string): Promise<CaseView> {
    this.assertWorker(scope);
    return this.tx.run(async (em) => {
      const row = await this.followUps.get(scope, followUpId, { em, lock: true });
      FOLLOW_UP_LIFECYCLE.transition(row.doneAt ? FollowUpStatus.DONE : FollowUpStatus.OPEN, 'complete', scope);
      const { reference } = await this.record(scope, row.caseType, row.caseId, em);
      row.doneAt = this.clock.now();
      row.doneBy = scope.userId;
      await this.followUps.save(em, row);
      await this.audit.record(em, scope, {
        action: 'case.follow-up.done',
        entity: CASE_ENTITY[row.caseType],
        entityId: row.caseId,
        before: { caseReference: reference, followUpId: row.id, dueDate: row.dueDate, note: row.note, followUpStatus: FollowUpStatus.OPEN },
        after: { caseReference: reference, followUpId: row.id, dueDate: row.dueDate, note: row.note, followUpStatus: FollowUpStatus.DONE },
      });
      return this.viewOf(scope, row.caseType, row.caseId, reference, em);
    });
  }

  // ───────────────────────────── worklist ─────────────────────────────

  /** Cases bring no tasks of their own; their sections are "Meine Fälle" and the due Wiedervorlagen. */
  async worklist(): Promise<WorklistEntry[]> {
    return [];
  }

  async section(scope: Scope, section: Exclude<WorklistSection, 'TASKS'>): Promise<WorklistEntry[]> {
    if (!hasRole(scope, ...CASE_WORKERS) || !scope.userId) return [];
    return section === 'MY_CASES' ? this.myCases(scope, scope.userId) : this.dueFollowUps(scope, scope.userId);
  }

  /** Sets `mine` on entries about cases the caller is assignee or stand-in of (others: false). */
  async markMine<T extends { entity: string; id: string; mine?: boolean }>(scope: Scope, entries: T[]): Promise<T[]> {
    const cases = entries.flatMap((e) => {
      const type = caseTypeOfEntity(e.entity);
      return type ? [{ type, id: e.id }] : [];
    });
    const mine = scope.userId ? await this.reads.assignedTo(scope, scope.userId, cases) : new Set<string>();
    return entries.map((e) => ({ ...e, mine: e.mine ?? mine.has(`${caseTypeOfEntity(e.entity)}:${e.id}`) }));
  }

  /**
   * "Meine Fälle": cases where the caller is assignee or stand-in, unless finished (no step left in
   * its lifecycle) without an open Wiedervorlage. The date is the next Wiedervorlage, else the day
   * of the assignment.
   */
  private async myCases(scope: Scope, userId: string): Promise<WorklistEntry[]> {
    const rows = await this.reads.myCases(scope, userId);
    return rows.filter((r) => r.next_due !== null || !finished(r.case_type, r.status)).map((r) => this.myCaseEntry(r, userId));
  }

  private myCaseEntry(r: MyCaseRow, userId: string): WorklistEntry {
    const standingIn = r.assignee_id !== userId;
    const status = `Status: ${statusLabel(r.case_type, r.status)}`;
    const next = r.next_due ? ` · Wiedervorlage ${CalendarDate.parse(r.next_due).toGermanString()}${r.next_note ? `: ${r.next_note}` : ''}` : '';
    return {
      kind: standingIn ? 'STAND_IN_CASE' : 'MY_CASE',
      entity: CASE_ENTITY[r.case_type],
      id: r.case_id,
      reference: r.reference,
      title: r.title,
      providerName: r.provider_name,
      dueDate: r.next_due ?? CalendarDate.todayIn(this.clock.timeZone, new Date(r.assigned_at)).toISOString(),
      since: new Date(r.assigned_at),
      action: `${standingIn ? 'Sie vertreten · ' : ''}${status}${next}`,
      mine: true,
      assigneeName: r.assignee_name,
    };
  }

  /**
   * Open Wiedervorlagen due today or earlier, of every case (the office's, so nothing waits unseen
   * while someone is away); the caller's own first: cases the caller is assignee or stand-in of, and
   * Wiedervorlagen the caller set on a case nobody is assigned to.
   */
  private async dueFollowUps(scope: Scope, userId: string): Promise<WorklistEntry[]> {
    const rows = await this.reads.dueFollowUps(scope, this.clock.today().toISOString());
    return rows.map((r) => this.followUpEntry(r, userId));
  }

  private followUpEntry(r: DueFollowUpRow, userId: string): WorklistEntry {
    const mine = r.assignee_id === userId || r.stand_in_id === userId || (r.assignee_id === null && r.created_by === userId);
    return {
      kind: 'FOLLOW_UP',
      entity: CASE_ENTITY[r.case_type],
      id: r.case_id,
      followUpId: r.follow_up_id,
      reference: r.reference,
      title: r.title,
      providerName: r.provider_name,
      dueDate: r.due,
      since: new Date(r.since),
      action: r.note ? `Wiedervorlage: ${r.note}` : 'Wiedervorlage',
      mine,
      assigneeName: r.assignee_name,
    };
  }

  // ───────────────────────────── helpers ─────────────────────────────

  /** Träger: 404 (they never learn of assignments); auditors: 403 (they read, change nothing). */
  private assertWorker(scope: Scope): void {
    if (!isKreisSide(scope)) throw caseNotFound();
    if (!hasRole(scope, ...CASE_WORKERS)) throw forbidden('FORBIDDEN', 'Für diese Aktion fehlt Ihnen die Berechtigung.');
  }

  /**
   * The case's record through its own lib's repository, so the caller's scope applies as everywhere
   * (a missing record answers that lib's 404). A Träger gets 404 for every case: assignments are
   * the Landratsamt's alone.
   */
  private async record(scope: Scope, type: CaseType, id: string, em?: EntityManager): Promise<{ reference: string }> {
    if (!isKreisSide(scope)) throw caseNotFound();
    switch (type) {
      case CaseType.APPLICATION:
        return this.applications.get(scope, id, { em });
      case CaseType.DECISION:
        return this.decisions.get(scope, id, { em });
      case CaseType.PROOF_OF_USE:
        return this.proofs.get(scope, id, { em });
      case CaseType.RECOVERY:
        return this.recoveries.get(scope, id, { em });
    }
  }

  private async viewOf(scope: Scope, type: CaseType, id: string, reference: string, em?: EntityManager): Promise<CaseView> {
    const [assignment, followUps] = await Promise.all([this.assignments.ofCase(scope, type, id, em), this.followUps.ofCase(scope, type, id, em)]);
    const worker = hasRole(scope, ...CASE_WORKERS);
    const views = followUps.map((f) => this.followUpView(scope, f));
    const next = views.find((f) => f.status === FollowUpStatus.OPEN) ?? null;
    return {
      type,
      id,
      reference,
      ...this.people(assignment),
      assignedAt: assignment?.assigneeId ? assignment.assignedAt : null,
      assignedBy: assignment?.assignedBy ? await this.personById(assignment.assignedBy, em) : null,
      nextFollowUp: next ? { dueDate: next.dueDate, note: next.note } : null,
      followUps: views,
      allowedActions: worker ? ['assign', 'addFollowUp'] : [],
    };
  }

  private people(a: CaseAssignment | null): Pick<CaseSummary, 'assignee' | 'standIn'> {
    return { assignee: person(a?.assigneeId ?? null, a?.assignee), standIn: person(a?.standInId ?? null, a?.standIn) };
  }

  private followUpView(scope: Scope, f: CaseFollowUp): FollowUpView {
    const status = f.doneAt ? FollowUpStatus.DONE : FollowUpStatus.OPEN;
    return {
      id: f.id,
      dueDate: f.dueDate,
      note: f.note,
      status,
      createdAt: f.createdAt,
      createdBy: person(f.createdBy, f.creator),
      doneAt: f.doneAt,
      doneBy: person(f.doneBy, f.finisher),
      allowedActions: FOLLOW_UP_LIFECYCLE.allowedActions(status, scope),
    };
  }

  private async personById(id: string, em?: EntityManager): Promise<PersonRef | null> {
    const [u] = await this.users.displayNames(em ?? this.tx.manager, [id]);
    return u ? { id: u.id, displayName: u.displayName } : null;
  }

  /** Assignee and stand-in must be active people of the Kreis who work on cases; the stand-in needs an assignee and is someone else. */
  private async checkPeople(em: EntityManager, scope: Scope, input: AssignmentInput): Promise<void> {
    const errors: FieldError[] = [];
    for (const [path, id] of [['assigneeId', input.assigneeId], ['standInId', input.standInId]] as const) {
      if (id === null) continue;
      const user = await this.users.find(scope, id, { em });
      const problem = user ? this.assignable(scope, user) : 'Diese Person gibt es nicht.';
      if (problem) errors.push({ path, message: problem });
    }
    if (input.standInId !== null && input.assigneeId === null) errors.push({ path: 'standInId', message: 'Eine Vertretung setzt eine zuständige Person voraus.' });
    if (input.standInId !== null && input.standInId === input.assigneeId) errors.push({ path: 'standInId', message: 'Die Vertretung muss eine andere Person sein als die zuständige.' });
    if (errors.length > 0) throw assignmentInvalid(errors);
  }

  /** Why this user cannot take a case (German), or null when they can. */
  private assignable(scope: Scope, u: User): string | null {
    if (!u.active) return `${u.displayName} ist deaktiviert und kann keine Vorgänge übernehmen.`;
    if (u.roles.includes(Role.PROVIDER) || !u.roles.some((r) => CASE_WORKERS.includes(r))) {
      return `${u.displayName} gehört nicht zur Sachbearbeitung, Zeichnungsbefugnis oder Administration des Landratsamts.`;
    }
    // A Land-wide install keeps each Kreis's people apart: only someone of the caller's own office.
    if (scope.organisationId && u.organisationId && u.organisationId !== scope.organisationId) return `${u.displayName} gehört nicht zu Ihrem Landratsamt.`;
    return null;
  }
}
