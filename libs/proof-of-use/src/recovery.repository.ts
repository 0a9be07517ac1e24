import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { anyOf, caseAssigneeFilter, equals, onOrAfter, onOrBefore, RepositoryDefinition, ScopedRepository, SortKey, timestampSortKey } from '@foerderfluss/database';
import { Disbursement, Repayment } from '@foerderfluss/payments';
import { Recovery } from './recovery.entity';
import { RecoveryStatus } from './recovery-state';
import { recoveryNotFound } from './proofs.errors';

/** The filters of `GET /api/v1/recoveries`; each is declared once below. */
export interface RecoveryFilter {
  /** Only records of this Kreis (issue 20: the Land's drill-down, a Träger's lists). */
  districtId?: string;
  decisionId?: string;
  /** One status or several (any of them). */
  status?: RecoveryStatus | readonly RecoveryStatus[];
  providerId?: string;
  /** Haushaltsjahr as the year (2026), of the decision recovered from. */
  budgetYear?: number;
  /** Handlungsfeld and Sozialraum of the decision recovered from. */
  fieldOfAction?: string;
  socialArea?: string;
  /** Due = the recovery's due date (Fälligkeit), on or after / on or before. */
  dueAfter?: string;
  dueBefore?: string;
  /** The highest Mahnung sent: 0 (none), 1 or 2. */
  dunningLevel?: number;
  /** Unpaid, and the 2nd Mahnung's Zahlungsfrist lies before this day („Vollstreckung prüfen“). */
  enforcementDueOn?: string;
  /** Assigned to this user (or `me`) as assignee or stand-in (libs/cases); Kreis side only. */
  assigneeId?: string;
}

/** What `GET /api/v1/recoveries` sorts by; the API declares them as its enum. */
export const RECOVERY_SORT_KEYS = ['reference', 'dueDate', 'status', 'principal', 'repaidPrincipal', 'providerName', 'createdAt'] as const;
export type RecoverySortKey = (typeof RECOVERY_SORT_KEYS)[number];

const recoverySort: Record<RecoverySortKey, SortKey<Recovery>> = {
  reference: { sql: 'r.reference', value: (r) => r.reference },
  dueDate: { sql: 'r.due_date', value: (r) => r.dueDate },
  status: { sql: 'r.status', value: (r) => r.status },
  principal: { sql: 'r.principal', value: (r) => r.principal.toApiString() },
  repaidPrincipal: { sql: 'r.repaid_principal', value: (r) => r.repaidPrincipal.toApiString() },
  providerName: { sql: `COALESCE(provider.name, '')`, value: (r) => r.decision?.provider?.name ?? '' },
  createdAt: timestampSortKey('r.created_at', (r) => r.createdAt),
};

/**
 * Rückforderungen as the caller may see them: staff and auditors all, a Träger its own. The
 * decision and its Träger come with every row (Aktenzeichen, name, Handlungsfeld and Sozialraum
 * for lists, filters and search).
 */
@Injectable()
export class RecoveryRepository extends ScopedRepository<Recovery, RecoveryFilter> {
  protected readonly definition: RepositoryDefinition<Recovery, RecoveryFilter> = {
    entity: Recovery,
    alias: 'r',
    joins: (qb) => qb.innerJoinAndSelect('r.decision', 'd').leftJoinAndSelect('d.provider', 'provider'),
    visibility: { providerColumn: 'r.provider_id', districtColumn: 'r.district_id' },
    sort: recoverySort,
    defaultSort: ['createdAt'],
    filters: {
      districtId: (qb, v) => qb.andWhere('r.district_id = :filterDistrict', { filterDistrict: v }),
      decisionId: (qb, v) => qb.andWhere('r.decision_id = :decisionId', { decisionId: v }),
      status: anyOf('r.status'),
      providerId: equals('r.provider_id'),
      budgetYear: (qb, v) => qb.andWhere('EXISTS (SELECT 1 FROM budget_year fy WHERE fy.id = d.budget_year_id AND fy.year = :recoveryYear)', { recoveryYear: v }),
      fieldOfAction: equals('d.field_of_action_code'),
      socialArea: equals('d.social_area_code'),
      dueAfter: onOrAfter('r.due_date'),
      dueBefore: onOrBefore('r.due_date'),
      dunningLevel: (qb, v) => qb.andWhere('COALESCE((SELECT max(dn.level) FROM recovery_dunning dn WHERE dn.recovery_id = r.id), 0) = :dunningLevel', { dunningLevel: v }),
      enforcementDueOn: (qb, v) =>
        qb.andWhere(`r.status <> :settledStatus AND EXISTS (SELECT 1 FROM recovery_dunning de WHERE de.recovery_id = r.id AND de.level = 2 AND de.payment_deadline < :enforcementDueOn)`, {
          settledStatus: RecoveryStatus.SETTLED,
          enforcementDueOn: v,
        }),
      assigneeId: caseAssigneeFilter('RECOVERY', 'r.id'),
    },
    // Zeichen (the decision's Aktenzeichen with /R), the project's title or the Träger's name.
    search: { columns: ['r.reference', 'd.reference', 'application.title', 'provider.name'], extend: (qb) => qb.leftJoinAndSelect('d.application', 'application') },
    notFound: recoveryNotFound,
  };

  /** Every visible recovery matching the filter, oldest first (the unpaged API list). */
  async all(scope: Scope, filter: RecoveryFilter = {}, em?: EntityManager): Promise<Recovery[]> {
    const qb = this.scoped(scope, em);
    this.applyFilters(qb, filter, scope);
    return qb.orderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC').getMany();
  }

  /** The programme whose parameters apply to the recovery's interest (via decision and budget year). */
  async programmeId(decisionId: string, em: EntityManager = this.tx.manager): Promise<string> {
    const [row] = (await em.query(`SELECT y.programme_id AS "programmeId" FROM decision d JOIN budget_year y ON y.id = d.budget_year_id WHERE d.id = $1`, [decisionId])) as {
      programmeId: string;
    }[];
    if (!row) throw recoveryNotFound();
    return row.programmeId;
  }

  /**
   * The payouts under a decision (approved, in a file or booked), oldest first: the money a
   * recovery's interest parts are cut from and whose booking day starts their interest.
   */
  async payoutsOf(decisionId: string, em: EntityManager = this.tx.manager): Promise<Disbursement[]> {
    return em.getRepository(Disbursement).find({ where: { decisionId }, order: { createdAt: 'ASC' } });
  }

  create(em: EntityManager, data: Omit<Recovery, 'id' | 'decision' | 'settlement' | 'createdAt' | 'updatedAt' | 'version' | 'districtId'>): Recovery {
    return em.create(Recovery, data);
  }

  async save(em: EntityManager, row: Recovery): Promise<Recovery> {
    return em.save(Recovery, row);
  }
}

/** The filters of a recovery's Zahlungseingänge. */
export interface RecoveryRepaymentFilter {
  recoveryId?: string;
}

/**
 * Zahlungseingänge against Rückforderungen as the caller may see them: staff and auditors all, a
 * Träger its own. The Repayment row is written by the payments lib (StateFlowsService); this lib reads it.
 */
@Injectable()
export class RecoveryRepaymentRepository extends ScopedRepository<Repayment, RecoveryRepaymentFilter> {
  protected readonly definition: RepositoryDefinition<Repayment, RecoveryRepaymentFilter> = {
    entity: Repayment,
    alias: 'p',
    visibility: { providerColumn: 'p.provider_id', districtColumn: 'p.district_id' },
    sort: {
      receivedOn: { sql: 'p.received_on', value: (p) => p.receivedOn },
      createdAt: timestampSortKey('p.created_at', (p) => p.createdAt),
    },
    defaultSort: ['receivedOn', 'createdAt'],
    filters: {
      recoveryId: (qb, v) => qb.andWhere('p.recovery_id = :recoveryId', { recoveryId: v }),
    },
    notFound: recoveryNotFound,
  };

  /** The recovery's repayments in the order they were received. */
  async ofRecovery(scope: Scope, recoveryId: string, em?: EntityManager): Promise<Repayment[]> {
    return this.scoped(scope, em)
      .andWhere('p.recovery_id = :recoveryId', { recoveryId })
      .orderBy('p.received_on', 'ASC')
      .addOrderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }
}
