import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isKreisSide, Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey, TransactionRunner } from '@foerderfluss/database';
import { CaseAssignment } from './case-assignment.entity';
import { CaseFollowUp } from './case-follow-up.entity';
import { CaseType } from './case-type';
import { caseNotFound, followUpNotFound } from './cases.errors';

/** Assignments as the caller may see them: the Landratsamt and the auditors all, a Träger none. */
@Injectable()
export class CaseAssignmentRepository extends ScopedRepository<CaseAssignment> {
  protected readonly definition: RepositoryDefinition<CaseAssignment, Record<string, never>> = {
    entity: CaseAssignment,
    alias: 'ca',
    joins: (qb) => qb.leftJoinAndSelect('ca.assignee', 'assignee').leftJoinAndSelect('ca.standIn', 'standIn'),
    visibility: { providerColumn: null, staffOnly: true },
    sort: { assignedAt: timestampSortKey('ca.assigned_at', (a) => a.assignedAt) },
    defaultSort: ['-assignedAt'],
    filters: {},
    notFound: caseNotFound,
  };

  /** The assignment of one case with its people, or null when nobody was ever assigned. */
  ofCase(scope: Scope, type: CaseType, caseId: string, em?: EntityManager): Promise<CaseAssignment | null> {
    return this.scoped(scope, em).andWhere('ca.case_type = :type AND ca.case_id = :caseId', { type, caseId }).getOne();
  }

  /**
   * The assignment row of a case, locked FOR UPDATE; created empty first if the case has none, so
   * two people assigning at once serialise on one row instead of racing to insert it.
   */
  async lockOrCreate(em: EntityManager, type: CaseType, caseId: string, now: Date): Promise<CaseAssignment> {
    await em.query(
      `INSERT INTO case_assignment (case_type, case_id, assignee_id, stand_in_id, assigned_by, assigned_at)
       VALUES ($1, $2, NULL, NULL, NULL, $3)
       ON CONFLICT (case_type, case_id) DO NOTHING`,
      [type, caseId, now],
    );
    return em
      .getRepository(CaseAssignment)
      .createQueryBuilder('ca')
      .where('ca.case_type = :type AND ca.case_id = :caseId', { type, caseId })
      .setLock('pessimistic_write')
      .getOneOrFail();
  }

  async save(em: EntityManager, row: CaseAssignment): Promise<CaseAssignment> {
    return em.save(CaseAssignment, row);
  }
}

/** Wiedervorlagen as the caller may see them: the Landratsamt and the auditors all, a Träger none. */
@Injectable()
export class CaseFollowUpRepository extends ScopedRepository<CaseFollowUp> {
  protected readonly definition: RepositoryDefinition<CaseFollowUp, Record<string, never>> = {
    entity: CaseFollowUp,
    alias: 'f',
    joins: (qb) => qb.leftJoinAndSelect('f.creator', 'creator').leftJoinAndSelect('f.finisher', 'finisher'),
    visibility: { providerColumn: null, staffOnly: true },
    sort: { dueDate: { sql: 'f.due_date', value: (f) => f.dueDate }, createdAt: timestampSortKey('f.created_at', (f) => f.createdAt) },
    defaultSort: ['dueDate', 'createdAt'],
    filters: {},
    notFound: followUpNotFound,
  };

  /** Every Wiedervorlage of a case: the open ones by due date, then the done ones, last done first. */
  ofCase(scope: Scope, type: CaseType, caseId: string, em?: EntityManager): Promise<CaseFollowUp[]> {
    return this.scoped(scope, em)
      .andWhere('f.case_type = :type AND f.case_id = :caseId', { type, caseId })
      .orderBy('f.done_at IS NOT NULL', 'ASC')
      .addOrderBy('f.due_date', 'ASC')
      .addOrderBy('f.done_at', 'DESC')
      .addOrderBy('f.created_at', 'ASC')
      .getMany();
  }

  async insert(em: EntityManager, row: Partial<CaseFollowUp>): Promise<CaseFollowUp> {
    return em.save(CaseFollowUp, em.create(CaseFollowUp, row));
  }

  async save(em: EntityManager, row: CaseFollowUp): Promise<CaseFollowUp> {
    return em.save(CaseFollowUp, row);
  }
}

/** A case as lists and the worklist name it: Aktenzeichen, project title, Träger, status. */
export interface CaseFactsRow {
  case_type: CaseType;
  case_id: string;
  reference: string;
  title: string;
  provider_name: string;
  status: string;
}

/** One case in "Meine Fälle". */
export interface MyCaseRow extends CaseFactsRow {
  assignee_id: string | null;
  assignee_name: string | null;
  stand_in_id: string | null;
  assigned_at: Date;
  next_due: string | null;
  next_note: string | null;
}

/** One open Wiedervorlage due by a day, with its case. */
export interface DueFollowUpRow extends CaseFactsRow {
  follow_up_id: string;
  due: string;
  note: string | null;
  since: Date;
  created_by: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  stand_in_id: string | null;
}

/** What the case lists and details show of a case's people and next Wiedervorlage. */
export interface CaseSummaryRow {
  case_id: string;
  assignee_id: string | null;
  assignee_name: string | null;
  stand_in_id: string | null;
  stand_in_name: string | null;
  next_due: string | null;
  next_note: string | null;
}

/**
 * Each case type's Aktenzeichen, project title, Träger and status, as one relation. The cases live in
 * the tables of the libs below this one (applications, decisions, proof-of-use), read here by name the
 * way the worklist reads them.
 */
const CASE_FACTS = `
  SELECT 'APPLICATION'::text AS case_type, a.id AS case_id, a.reference, a.title, o.name AS provider_name, a.status, a.district_id
    FROM application a JOIN organisation o ON o.id = a.provider_id
  UNION ALL
  SELECT 'DECISION', d.id, d.reference, a.title, o.name, d.status, d.district_id
    FROM decision d JOIN application a ON a.id = d.application_id JOIN organisation o ON o.id = d.provider_id
  UNION ALL
  SELECT 'PROOF_OF_USE', p.id, p.reference, a.title, o.name, p.status, p.district_id
    FROM proof_of_use p JOIN decision d ON d.id = p.decision_id JOIN application a ON a.id = d.application_id JOIN organisation o ON o.id = p.provider_id
  UNION ALL
  SELECT 'RECOVERY', r.id, r.reference, a.title, o.name, r.status, r.district_id
    FROM recovery r JOIN decision d ON d.id = r.decision_id JOIN application a ON a.id = d.application_id JOIN organisation o ON o.id = r.provider_id`;

/** The next open Wiedervorlage (earliest due first) of the case whose type and id the relation `alias` holds, as `nf`. */
function nextFollowUp(alias: string): string {
  return `
  LEFT JOIN LATERAL (
    SELECT to_char(n.due_date, 'YYYY-MM-DD') AS due, n.note
      FROM case_follow_up n
     WHERE n.case_type = ${alias}.case_type AND n.case_id = ${alias}.case_id AND n.done_at IS NULL
     ORDER BY n.due_date, n.created_at
     LIMIT 1) nf ON TRUE`;
}

/**
 * The read models of assignments across case types: "Meine Fälle", due Wiedervorlagen and the
 * people of the cases a list shows. Kreis side only; every method answers nothing for a Träger.
 */
@Injectable()
export class CaseReadRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Cases where the user is assignee or stand-in. */
  async myCases(scope: Scope, userId: string, em: EntityManager = this.manager()): Promise<MyCaseRow[]> {
    if (!isKreisSide(scope)) return [];
    return (await em.query(
      `SELECT f.*, ca.assignee_id, ua.display_name AS assignee_name, ca.stand_in_id, ca.assigned_at,
              nf.due AS next_due, nf.note AS next_note
         FROM case_assignment ca
         JOIN (${CASE_FACTS}) f ON f.case_type = ca.case_type AND f.case_id = ca.case_id
         ${nextFollowUp('ca')}
         LEFT JOIN app_user ua ON ua.id = ca.assignee_id
        WHERE (ca.assignee_id = $1 OR ca.stand_in_id = $1)
          AND ($2::uuid IS NULL OR f.district_id = $2::uuid)`,
      [userId, scope.districtId ?? null],
    )) as MyCaseRow[];
  }

  /** Open Wiedervorlagen due on or before `day`, with their case and its people. */
  async dueFollowUps(scope: Scope, day: string, em: EntityManager = this.manager()): Promise<DueFollowUpRow[]> {
    if (!isKreisSide(scope)) return [];
    return (await em.query(
      `SELECT f.*, fu.id AS follow_up_id, to_char(fu.due_date, 'YYYY-MM-DD') AS due, fu.note, fu.created_at AS since, fu.created_by,
              ca.assignee_id, ua.display_name AS assignee_name, ca.stand_in_id
         FROM case_follow_up fu
         JOIN (${CASE_FACTS}) f ON f.case_type = fu.case_type AND f.case_id = fu.case_id
         LEFT JOIN case_assignment ca ON ca.case_type = fu.case_type AND ca.case_id = fu.case_id
         LEFT JOIN app_user ua ON ua.id = ca.assignee_id
        WHERE fu.done_at IS NULL AND fu.due_date <= $1::date
          AND ($2::uuid IS NULL OR f.district_id = $2::uuid)`,
      [day, scope.districtId ?? null],
    )) as DueFollowUpRow[];
  }

  /** Assignee, stand-in and next open Wiedervorlage of each of these cases of one type (cases with neither are left out). */
  async summaries(scope: Scope, type: CaseType, caseIds: readonly string[], em: EntityManager = this.manager()): Promise<CaseSummaryRow[]> {
    if (!isKreisSide(scope) || caseIds.length === 0) return [];
    return (await em.query(
      `SELECT c.case_id, ca.assignee_id, ua.display_name AS assignee_name, ca.stand_in_id, us.display_name AS stand_in_name,
              nf.due AS next_due, nf.note AS next_note
         FROM (SELECT $1::text AS case_type, x AS case_id FROM unnest($2::uuid[]) AS x) c
         LEFT JOIN case_assignment ca ON ca.case_type = c.case_type AND ca.case_id = c.case_id
         LEFT JOIN app_user ua ON ua.id = ca.assignee_id
         LEFT JOIN app_user us ON us.id = ca.stand_in_id
         ${nextFollowUp('c')}
        WHERE ca.assignee_id IS NOT NULL OR nf.due IS NOT NULL`,
      [type, [...new Set(caseIds)]],
    )) as CaseSummaryRow[];
  }

  /** The cases among these (type, id) pairs the user is assignee or stand-in of, as `TYPE:id` keys. */
  async assignedTo(scope: Scope, userId: string, cases: readonly { type: CaseType; id: string }[], em: EntityManager = this.manager()): Promise<Set<string>> {
    if (!isKreisSide(scope) || cases.length === 0) return new Set();
    const rows = (await em.query(
      `SELECT ca.case_type, ca.case_id
         FROM case_assignment ca
        WHERE (ca.case_type, ca.case_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))
          AND (ca.assignee_id = $3 OR ca.stand_in_id = $3)`,
      [cases.map((c) => c.type), cases.map((c) => c.id), userId],
    )) as { case_type: string; case_id: string }[];
    return new Set(rows.map((r) => `${r.case_type}:${r.case_id}`));
  }

  private manager(): EntityManager {
    return this.tx.manager;
  }
}
