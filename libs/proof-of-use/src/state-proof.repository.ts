import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { Settlement } from './settlement.entity';
import { StateProof } from './state-proof.entity';
import { stateProofNotFound } from './proofs.errors';

export interface StateProofFilter {
  budgetYearId?: string;
}

/** The Kreis's VN to the Land, one per budget year: staff and auditors only. */
@Injectable()
export class StateProofRepository extends ScopedRepository<StateProof, StateProofFilter> {
  protected readonly definition: RepositoryDefinition<StateProof, StateProofFilter> = {
    entity: StateProof,
    alias: 'sp',
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'sp.district_id', landWrites: true },
    sort: {
      createdAt: timestampSortKey('sp.created_at', (p) => p.createdAt),
    },
    defaultSort: ['createdAt'],
    filters: {
      budgetYearId: (qb, v) => qb.andWhere('sp.budget_year_id = :budgetYearId', { budgetYearId: v }),
    },
    notFound: stateProofNotFound,
  };

  /** The year's row, or null while nothing was recorded for it. */
  forYear(em: EntityManager, budgetYearId: string): Promise<StateProof | null> {
    return em.getRepository(StateProof).findOneBy({ budgetYearId });
  }

  /** The year's row, created as DRAFT when missing, and locked for the change. */
  async lockForYear(em: EntityManager, budgetYearId: string): Promise<StateProof> {
    await em.query(`INSERT INTO state_proof (budget_year_id, status) VALUES ($1, 'DRAFT') ON CONFLICT (budget_year_id) DO NOTHING`, [budgetYearId]);
    return em.getRepository(StateProof).findOneOrFail({ where: { budgetYearId }, lock: { mode: 'pessimistic_write' } });
  }

  async save(em: EntityManager, proof: StateProof): Promise<StateProof> {
    return em.save(StateProof, proof);
  }

  /** The approved Festsetzungen of the year's decisions (their Z make up A_kreis). */
  approvedSettlements(em: EntityManager, budgetYearId: string): Promise<Settlement[]> {
    return em
      .getRepository(Settlement)
      .createQueryBuilder('s')
      .innerJoin('s.decision', 'd')
      .where(`s.status = 'APPROVED' AND d.budget_year_id = :y`, { y: budgetYearId })
      .getMany();
  }

  /**
   * Träger projects of the year still waiting for their Festsetzung: grants in force, and revoked
   * grants with money paid out (what was paid must be settled and, where due, recovered), without
   * an approved settlement.
   */
  async unsettledDecisions(em: EntityManager, budgetYearId: string): Promise<number> {
    const [row] = (await em.query(
      `SELECT count(*)::int AS open FROM decision d WHERE d.budget_year_id = $1 AND d.outcome = 'GRANT'
         AND (d.status = 'IN_FORCE' OR (d.status = 'REVOKED' AND d.disbursed_amount > 0))
         AND NOT EXISTS (SELECT 1 FROM settlement s WHERE s.decision_id = d.id AND s.status = 'APPROVED')`,
      [budgetYearId],
    )) as { open: number }[];
    return row!.open;
  }
}
