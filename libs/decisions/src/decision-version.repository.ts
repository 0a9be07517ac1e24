import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Money, Scope } from '@foerderfluss/core';
import type { PendingCommitment } from '@foerderfluss/funding';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { DecisionVersion } from './decision-version.entity';
import { VersionStatus } from './decision-state';
import { decisionIssuedCondition } from './decision-visibility';
import { decisionNotFound } from './decisions.errors';

export interface DecisionVersionFilter {
  decisionId?: string;
  status?: VersionStatus;
}

/**
 * Fassungen of a decision as the caller may see them: staff all, a Träger only the approved
 * versions of its own issued decisions (a proposal, pending or returned, is internal).
 */
@Injectable()
export class DecisionVersionRepository extends ScopedRepository<DecisionVersion, DecisionVersionFilter> {
  protected readonly definition: RepositoryDefinition<DecisionVersion, DecisionVersionFilter> = {
    entity: DecisionVersion,
    alias: 'v',
    joins: (qb) => qb.innerJoin('v.decision', 'd'),
    visibility: {
      providerColumn: 'd.provider_id',
      providerCondition: `${decisionIssuedCondition('d')} AND v.status = '${VersionStatus.APPROVED}'`,
      districtColumn: 'v.district_id',
    },
    sort: {
      proposedAt: timestampSortKey('v.proposed_at', (v) => v.proposedAt),
      versionNo: { sql: 'COALESCE(v.version_no, 0)', value: (v) => v.versionNo ?? 0 },
    },
    defaultSort: ['proposedAt'],
    filters: {
      decisionId: (qb, v) => qb.andWhere('v.decision_id = :decisionId', { decisionId: v }),
      status: (qb, v) => qb.andWhere('v.status = :versionStatus', { versionStatus: v }),
    },
    notFound: decisionNotFound,
  };

  /** All versions of a decision the caller may see, in the order they were proposed. */
  ofDecision(scope: Scope, decisionId: string, em?: EntityManager): Promise<DecisionVersion[]> {
    return this.scoped(scope, em)
      .andWhere('v.decision_id = :decisionId', { decisionId })
      .orderBy('v.proposed_at', 'ASC')
      .addOrderBy('v.version_no', 'ASC', 'NULLS LAST')
      .addOrderBy('v.id', 'ASC')
      .getMany();
  }

  /** The version waiting for the second pair of eyes (at most one, a unique index says so). */
  pending(scope: Scope, decisionId: string, em?: EntityManager): Promise<DecisionVersion | null> {
    return this.scoped(scope, em)
      .andWhere('v.decision_id = :decisionId AND v.status = :pending', { decisionId, pending: VersionStatus.PROPOSED })
      .getOne();
  }

  /** The pending versions of several decisions at once (for `allowedActions` on a list page). */
  async pendingOf(scope: Scope, decisionIds: readonly string[], em?: EntityManager): Promise<Map<string, DecisionVersion>> {
    if (decisionIds.length === 0) return new Map();
    const rows = await this.scoped(scope, em)
      .andWhere('v.decision_id IN (:...decisionIds) AND v.status = :pending', { decisionIds, pending: VersionStatus.PROPOSED })
      .getMany();
    return new Map(rows.map((v) => [v.decisionId, v]));
  }

  /** Approved version number `versionNo` of a decision (the one in force is `decision.currentVersionNo`). */
  async approved(scope: Scope, decisionId: string, versionNo: number, em?: EntityManager): Promise<DecisionVersion> {
    const v = await this.scoped(scope, em)
      .andWhere('v.decision_id = :decisionId AND v.version_no = :versionNo', { decisionId, versionNo })
      .getOne();
    if (!v) throw decisionNotFound();
    return v;
  }

  /**
   * The proposals of a budget year waiting for the second pair of eyes, each with the change to the
   * money bound that its approval will book (DecisionApprovalsService): a first grant its
   * Höchstbetrag, an Änderung or Widerruf the difference to the version in force, an Ablehnung 0.
   * For the budget figures (BudgetFiguresService), which read it as the system.
   */
  async pendingCommitments(em: EntityManager, budgetYearId: string): Promise<PendingCommitment[]> {
    const rows = (await em.query(
      `SELECT d.id AS "decisionId", d.application_id AS "applicationId", d.reference, d.provider_id AS "providerId", o.name AS "providerName",
              d.field_of_action_code AS "fieldOfActionCode", d.social_area_code AS "socialAreaCode",
              CASE WHEN d.outcome = 'GRANT' THEN (v.max_amount - coalesce(cur.max_amount, 0))::text ELSE '0' END AS amount
         FROM decision d
         JOIN decision_version v ON v.decision_id = d.id AND v.status = $2
         JOIN organisation o ON o.id = d.provider_id
         LEFT JOIN decision_version cur ON cur.decision_id = d.id AND cur.version_no = d.current_version_no
        WHERE d.budget_year_id = $1
        ORDER BY d.reference`,
      [budgetYearId, VersionStatus.PROPOSED],
    )) as (Omit<PendingCommitment, 'amount'> & { amount: string })[];
    return rows.map((r) => ({ ...r, amount: Money.of(r.amount) }));
  }

  create(em: EntityManager, fields: Partial<DecisionVersion>): DecisionVersion {
    return em.create(DecisionVersion, fields);
  }

  save(em: EntityManager, version: DecisionVersion): Promise<DecisionVersion> {
    return em.save(DecisionVersion, version);
  }
}
