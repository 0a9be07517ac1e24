import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CostCategory } from './cost-category.entity';
import { FieldOfAction } from './field-of-action.entity';
import { SocialArea } from './social-area.entity';

/** Handlungsfelder, Sozialräume and Kostenarten: public reference data, read by every caller, no scope. */
@Injectable()
export class ReferenceDataRepository {
  activeFieldsOfAction(em: EntityManager): Promise<FieldOfAction[]> {
    return em.getRepository(FieldOfAction).find({ where: { active: true }, order: { sortOrder: 'ASC' } });
  }

  activeSocialAreas(em: EntityManager): Promise<SocialArea[]> {
    return em.getRepository(SocialArea).find({ where: { active: true }, order: { sortOrder: 'ASC' } });
  }

  costCategories(em: EntityManager): Promise<CostCategory[]> {
    return em.getRepository(CostCategory).find({ order: { sortOrder: 'ASC' } });
  }
}
