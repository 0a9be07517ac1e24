import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Money, Scope } from '@foerderfluss/core';
import { caseAssigneeFilter, RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { Decision, Instrument } from './decision.entity';
import { DecisionStatus } from './decision-state';
import { decisionIssuedCondition } from './decision-visibility';
import { decisionNotFound } from './decisions.errors';

/** The filters of `GET /api/v1/decisions`; each is declared once below. */
export interface DecisionFilter {
  status?: DecisionStatus;
  budgetYearId?: string;
  providerId?: string;
  instrument?: Instrument;
  fieldOfAction?: string;
  socialAreaCode?: string;
  /** Only decisions with a version waiting for the second pair of eyes (false filters nothing). */
  pendingApproval?: boolean;
  /** Frist Verwendungsnachweis of the version in force, from / to (inclusive). */
  proofDueFrom?: string;
  proofDueTo?: string;
  /** Assigned to this user (or `me`) as assignee or stand-in (libs/cases); Kreis side only. */
  assigneeId?: string;
}

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
    visibility: { providerColumn: 'd.provider_id', providerCondition: decisionIssuedCondition('d') },
    sort: {
      reference: { sql: 'd.reference', value: (d) => d.reference },
      status: { sql: 'd.status', value: (d) => d.status },
      providerName: { sql: `COALESCE(provider.name, '')`, value: (d) => d.provider?.name ?? '' },
      createdAt: timestampSortKey('d.created_at', (d) => d.createdAt),
    },
    defaultSort: ['reference'],
    filters: {
      status: (qb, v) => qb.andWhere('d.status = :status', { status: v }),
      budgetYearId: (qb, v) => qb.andWhere('d.budget_year_id = :budgetYearId', { budgetYearId: v }),
      providerId: (qb, v) => qb.andWhere('d.provider_id = :providerId', { providerId: v }),
      instrument: (qb, v) => qb.andWhere('d.instrument = :instrument', { instrument: v }),
      fieldOfAction: (qb, v) => qb.andWhere('d.field_of_action_code = :fieldOfAction', { fieldOfAction: v }),
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
    },
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
