import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Programme } from './programme.entity';
import { ProgrammeCostCategory } from './programme-cost-category.entity';
import { CostCategory } from './cost-category.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Förderprogramme and their eligible Kostenarten. Published master data every caller may read (the
 * Richtlinie is public), so there is no scope; writes go through the services with their audit.
 */
@Injectable()
export class ProgrammeRepository {
  all(em: EntityManager, limit?: number): Promise<Programme[]> {
    return em.getRepository(Programme).find({ order: { code: 'ASC' }, ...(limit ? { take: limit } : {}) });
  }

  /** By id or code. */
  find(em: EntityManager, ref: string): Promise<Programme | null> {
    const repo = em.getRepository(Programme);
    return UUID.test(ref) ? repo.findOneBy({ id: ref }) : repo.findOneBy({ code: ref });
  }

  async eligibleCostCategories(em: EntityManager, programmeId: string): Promise<CostCategory[]> {
    const links = await em.getRepository(ProgrammeCostCategory).find({ where: { programmeId } });
    if (links.length === 0) return [];
    return em.getRepository(CostCategory).find({ where: { code: In(links.map((l) => l.costCategoryCode)) }, order: { sortOrder: 'ASC' } });
  }
}
