import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Money, Scope } from '@foerderfluss/core';
import { anyOf, caseAssigneeFilter, computedSortKey, equals, onOrAfter, onOrBefore, RepositoryDefinition, ScopedRepository, SortKey, timestampSortKey } from '@foerderfluss/database';
import { Decision, Instrument } from './decision.entity';
import { DecisionStatus } from './decision-state';
import { decisionIssuedCondition } from './decision-visibility';
import { decisionNotFound } from './decisions.errors';

/** The filters of `GET /api/v1/decisions`; each is declared once below. */
export interface DecisionFilter {
  /** Only records of this Kreis (issue 20: the Land's drill-down, a Träger's lists). */
  districtId?: string;
  /** One status or several (any of them). */
  status?: DecisionStatus | readonly DecisionStatus[];
  budgetYearId?: string;
  /** Haushaltsjahr as the year (2026). */
  budgetYear?: number;
  providerId?: string;
  instrument?: Instrument;
  fieldOfAction?: string;
  /** Sozialraum code (reference data); `socialAreaCode` is the older name of the same filter. */
  socialArea?: string;
  socialAreaCode?: string;
  /** Only decisions with a version waiting for the second pair of eyes (false filters nothing). */
  pendingApproval?: boolean;
  /** Frist Verwendungsnachweis of the version in force, from / to (inclusive). */
  proofDueFrom?: string;
  proofDueTo?: string;
  /** Assigned to this user (or `me`) as assignee or stand-in (libs/cases); Kreis side only. */
  assigneeId?: string;
  /** Due (the Frist Verwendungsnachweis of the version in force) on or after / on or before; the names every list shares. */
  dueAfter?: string;
  dueBefore?: string;
}

/** Frist Verwendungsnachweis of the version in force (NULL before the first approval and for an Ablehnung). */
const PROOF_DUE_SQL = `(SELECT dv.proof_due FROM decision_version dv WHERE dv.decision_id = d.id AND dv.version_no = d.current_version_no)`;

/** What `GET /api/v1/decisions` sorts by; the API declares them as its enum. */
export const DECISION_SORT_KEYS = ['reference', 'status', 'providerName', 'createdAt', 'maxAmount', 'disbursedAmount', 'proofDue'] as const;
export type DecisionSortKey = (typeof DECISION_SORT_KEYS)[number];

const decisionSort: Record<DecisionSortKey, SortKey<Decision>> = {
  reference: { sql: 'd.reference', value: (d) => d.reference },
  status: { sql: 'd.status', value: (d) => d.status },
  providerName: { sql: `COALESCE(provider.name, '')`, value: (d) => d.provider?.name ?? '' },
  createdAt: timestampSortKey('d.created_at', (d) => d.createdAt),
  maxAmount: { sql: 'd.max_amount', value: (d) => d.maxAmount.toApiString() },
  disbursedAmount: { sql: 'd.disbursed_amount', value: (d) => d.disbursedAmount.toApiString() },
  // Without a deadline (proposal, Ablehnung): last.
  proofDue: computedSortKey(PROOF_DUE_SQL, `'infinity'::date`),
};

/**
 * Entscheidungen as the caller may see them: staff and auditors all (of their Kreis), a Träger
 * its own once issued (`decisionIssuedCondition`), never a proposal.
 */
@Injectable()
export class DecisionRepository extends ScopedRepository<Decision, DecisionFilter> {
  protected readonly definition: RepositoryDefinition<Decision, DecisionFilter> = {
    entity: Decision,
    alias: 'd',
    joins: (qb) => qb.leftJoinAndSelect('d.provider', 'provider').leftJoinAndSelect('d.application', 'application'),
    visibility: { providerColumn: 'd.provider_id', providerCondition: decisionIssuedCondition('d'), districtColumn: 'd.district_id' },
    sort: decisionSort,
    defaultSort: ['reference'],
    filters: {
      districtId: (qb, v) => qb.andWhere('d.district_id = :filterDistrict', { filterDistrict: v }),
      status: anyOf('d.status'),
      budgetYearId: (qb, v) => qb.andWhere('d.budget_year_id = :budgetYearId', { budgetYearId: v }),
      budgetYear: (qb, v) => qb.andWhere('EXISTS (SELECT 1 FROM budget_year fy WHERE fy.id = d.budget_year_id AND fy.year = :decisionYear)', { decisionYear: v }),
      providerId: (qb, v) => qb.andWhere('d.provider_id = :providerId', { providerId: v }),
      instrument: (qb, v) => qb.andWhere('d.instrument = :instrument', { instrument: v }),
      fieldOfAction: (qb, v) => qb.andWhere('d.field_of_action_code = :fieldOfAction', { fieldOfAction: v }),
      socialArea: equals('d.social_area_code'),
      socialAreaCode: (qb, v) => qb.andWhere('d.social_area_code = :socialAreaCode', { socialAreaCode: v }),
      pendingApproval: (qb, v) => {
        if (v) qb.andWhere(`EXISTS (SELECT 1 FROM decision_version pv WHERE pv.decision_id = d.id AND pv.status = 'PROPOSED')`);
      },
      proofDueFrom: (qb, v) =>
        qb.andWhere(
          `EXISTS (SELECT 1 FROM decision_version cv WHERE cv.decision_id = d.id AND cv.version_no = d.current_version_no AND cv.proof_due >= :proofDueFrom::date)`,
          { proofDueFrom: v },
        ),
      proofDueTo: (qb, v) =>
        qb.andWhere(
          `EXISTS (SELECT 1 FROM decision_version cv2 WHERE cv2.decision_id = d.id AND cv2.version_no = d.current_version_no AND cv2.proof_due <= :proofDueTo::date)`,
          { proofDueTo: v },
        ),
      assigneeId: caseAssigneeFilter('DECISION', 'd.id'),
      dueAfter: onOrAfter(PROOF_DUE_SQL),
      dueBefore: onOrBefore(PROOF_DUE_SQL),
    },
    // Aktenzeichen, the Antrag's title and number, or the Träger's name.
    search: { columns: ['d.reference', 'application.title', 'application.reference', 'provider.name'] },
    notFound: decisionNotFound,
  };

  /** The case of an Antrag (at most one per Antrag), locked for a new proposal. */
  findByApplication(scope: Scope, em: EntityManager, applicationId: string): Promise<Decision | null> {
    return this.scoped(scope, em)
      .andWhere('d.application_id = :applicationId', { applicationId })
      .setLock('pessimistic_write', undefined, ['d'])
      .getOne();
  }

  create(em: EntityManager, fields: Partial<Decision>): Decision {
    return em.create(Decision, fields);
  }

  save(em: EntityManager, decision: Decision): Promise<Decision> {
    return em.save(Decision, decision);
  }

  /**
   * Reserves a payout against the Höchstbetrag in one conditional UPDATE: it succeeds only while
   * disbursed + amount ≤ max and the decision is in force, so concurrent approvals serialise on the
   * row and can never pass the cap together. Returns false when the cap does not allow it.
   */
  async reserveDisbursement(em: EntityManager, decisionId: string, amount: Money): Promise<boolean> {
    const rows = (await em.query(
      `UPDATE decision SET disbursed_amount = disbursed_amount + $2, updated_at = now()
        WHERE id = $1 AND status = $3 AND disbursed_amount + $2 <= max_amount
        RETURNING id`,
      [decisionId, amount.toApiString(), DecisionStatus.IN_FORCE],
    )) as unknown[];
    return (Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows).length > 0;
  }
}
