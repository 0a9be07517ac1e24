import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
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

  create(em: EntityManager, fields: Partial<DecisionVersion>): DecisionVersion {
    return em.create(DecisionVersion, fields);
  }

  save(em: EntityManager, version: DecisionVersion): Promise<DecisionVersion> {
    return em.save(DecisionVersion, version);
  }
}
