import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { Settlement } from './settlement.entity';
import { SettlementStatus } from './settlement-state';
import { settlementNotFound } from './proofs.errors';

/** The filters of `GET /api/v1/settlements`; each is declared once below. */
export interface SettlementFilter {
  decisionId?: string;
  proofId?: string;
  status?: SettlementStatus;
}

/**
 * Festsetzungen as the caller may see them: staff and auditors all; a Träger only the approved
 * Festsetzung of its own decisions (a proposal is internal until the second pair of eyes approves it).
 * The decision is always loaded with the settlement (`settlement.decision`).
 */
@Injectable()
export class SettlementRepository extends ScopedRepository<Settlement, SettlementFilter> {
  protected readonly definition: RepositoryDefinition<Settlement, SettlementFilter> = {
    entity: Settlement,
    alias: 's',
    joins: (qb) => qb.innerJoinAndSelect('s.decision', 'd'),
    visibility: { providerColumn: 'd.provider_id', providerCondition: `s.status = '${SettlementStatus.APPROVED}'`, districtColumn: 's.district_id' },
    sort: {
      proposedAt: timestampSortKey('s.proposed_at', (s) => s.proposedAt),
      status: { sql: 's.status', value: (s) => s.status },
      finalGrant: { sql: 's.final_grant', value: (s) => s.finalGrant.toApiString() },
      decisionReference: { sql: 'd.reference', value: (s) => s.decision?.reference ?? '' },
    },
    defaultSort: ['proposedAt'],
    filters: {
      decisionId: (qb, v) => qb.andWhere('s.decision_id = :decisionId', { decisionId: v }),
      proofId: (qb, v) => qb.andWhere('s.proof_id = :proofId', { proofId: v }),
      status: (qb, v) => qb.andWhere('s.status = :status', { status: v }),
    },
    // A Festsetzung has no number of its own: the decision's Aktenzeichen, the project's title or the Träger's name.
    search: {
      columns: ['d.reference', 'application.title', 'provider.name'],
      extend: (qb) => qb.leftJoinAndSelect('d.provider', 'provider').leftJoinAndSelect('d.application', 'application'),
    },
    notFound: settlementNotFound,
  };

  /** Every visible settlement matching the filter, oldest proposal first (the unpaged API list). */
  async all(scope: Scope, filter: SettlementFilter = {}, em?: EntityManager): Promise<Settlement[]> {
    const qb = this.scoped(scope, em);
    this.applyFilters(qb, filter);
    return qb.orderBy('s.proposed_at', 'ASC').addOrderBy('s.id', 'ASC').getMany();
  }

  /**
   * The settlement with its decision, both rows locked FOR UPDATE (the approval changes the
   * decision's Höchstbetrag and status); the lib's 404 when missing or not visible.
   */
  async lockWithDecision(scope: Scope, id: string, em: EntityManager): Promise<Settlement> {
    const row = await this.scoped(scope, em).andWhere('s.id = :id', { id }).setLock('pessimistic_write', undefined, ['s', 'd']).getOne();
    if (!row) throw settlementNotFound();
    return row;
  }

  /** Whether a Festsetzung of this proof is open (PROPOSED) or done (APPROVED): then no second one is proposed. */
  async hasPendingForProof(em: EntityManager, proofId: string): Promise<boolean> {
    return em
      .getRepository(Settlement)
      .createQueryBuilder('s')
      .where('s.proof_id = :proofId', { proofId })
      .andWhere('s.status IN (:...pending)', { pending: [SettlementStatus.PROPOSED, SettlementStatus.APPROVED] })
      .getExists();
  }

  create(em: EntityManager, data: Omit<Settlement, 'id' | 'decision' | 'proof' | 'districtId'>): Settlement {
    return em.create(Settlement, data);
  }

  async save(em: EntityManager, row: Settlement): Promise<Settlement> {
    return em.save(Settlement, row);
  }
}
