import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CostCategory } from './cost-category.entity';
import { FieldOfAction } from './field-of-action.entity';
import { SocialArea } from './social-area.entity';

/**
 * Handlungsfelder, Sozialräume and Kostenarten: reference data every caller reads. Sozialräume
 * belong to a Kreis; which Kreis's are read is decided by the service from the caller's Scope.
 */
@Injectable()
export class ReferenceDataRepository {
  activeFieldsOfAction(em: EntityManager): Promise<FieldOfAction[]> {
    return em.getRepository(FieldOfAction).find({ where: { active: true }, order: { sortOrder: 'ASC' } });
  }

  /** The active Sozialräume of one Kreis, or of every Kreis with `districtId` null. */
  activeSocialAreas(em: EntityManager, districtId: string | null): Promise<SocialArea[]> {
    return em.getRepository(SocialArea).find({ where: { active: true, ...(districtId ? { districtId } : {}) }, order: { sortOrder: 'ASC' } });
  }

  costCategories(em: EntityManager): Promise<CostCategory[]> {
    return em.getRepository(CostCategory).find({ order: { sortOrder: 'ASC' } });
  }
}
