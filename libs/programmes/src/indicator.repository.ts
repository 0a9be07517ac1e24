import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { FieldOfAction } from './field-of-action.entity';
import { IndicatorDefinition, IndicatorDefinitionVersion, IndicatorTarget } from './indicator.entity';

/** Kennzahlen, their history and Soll: public Kreis reference data, read by every caller, no scope. */
@Injectable()
export class IndicatorRepository {
  /** In the order of the Handlungsfelder, then the Kreis's order within one. */
  list(em: EntityManager, filter: { fieldOfAction?: string; includeInactive?: boolean }): Promise<IndicatorDefinition[]> {
    const qb = em
      .getRepository(IndicatorDefinition)
      .createQueryBuilder('d')
      .innerJoin(FieldOfAction, 'f', 'f.code = d.field_of_action_code')
      .orderBy('f.sort_order', 'ASC')
      .addOrderBy('d.sort_order', 'ASC')
      .addOrderBy('d.code', 'ASC');
    if (filter.fieldOfAction !== undefined) qb.andWhere('d.field_of_action_code = :field', { field: filter.fieldOfAction });
    if (!filter.includeInactive) qb.andWhere('d.active = true');
    return qb.getMany();
  }

  find(em: EntityManager, id: string, lock = false): Promise<IndicatorDefinition | null> {
    return em.getRepository(IndicatorDefinition).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  byIds(em: EntityManager, ids: string[]): Promise<IndicatorDefinition[]> {
    return ids.length ? em.getRepository(IndicatorDefinition).find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  codeTaken(em: EntityManager, fieldOfAction: string, code: string): Promise<boolean> {
    return em.getRepository(IndicatorDefinition).exists({ where: { fieldOfActionCode: fieldOfAction, code } });
  }

  async maxSortOrder(em: EntityManager): Promise<number> {
    return (await em.getRepository(IndicatorDefinition).maximum('sortOrder')) ?? 0;
  }

  fieldOfAction(em: EntityManager, code: string): Promise<FieldOfAction | null> {
    return em.getRepository(FieldOfAction).findOne({ where: { code } });
  }

  async fieldNames(em: EntityManager): Promise<Map<string, string>> {
    return new Map((await em.getRepository(FieldOfAction).find()).map((f) => [f.code, f.name]));
  }

  saveDefinition(em: EntityManager, row: IndicatorDefinition): Promise<IndicatorDefinition> {
    return em.getRepository(IndicatorDefinition).save(row);
  }

  async appendVersion(em: EntityManager, row: Omit<IndicatorDefinitionVersion, 'id' | 'definition' | 'validFrom'>): Promise<void> {
    await em.getRepository(IndicatorDefinitionVersion).insert(row);
  }

  versions(em: EntityManager, definitionId: string): Promise<IndicatorDefinitionVersion[]> {
    return em.getRepository(IndicatorDefinitionVersion).find({ where: { definitionId }, order: { version: 'ASC' } });
  }

  targets(em: EntityManager, year?: number): Promise<IndicatorTarget[]> {
    return em.getRepository(IndicatorTarget).find({ where: year === undefined ? {} : { year }, order: { year: 'ASC', definitionId: 'ASC' } });
  }

  lockTarget(em: EntityManager, definitionId: string, year: number): Promise<IndicatorTarget | null> {
    return em.getRepository(IndicatorTarget).findOne({ where: { definitionId, year }, lock: { mode: 'pessimistic_write' } });
  }

  saveTarget(em: EntityManager, row: Partial<IndicatorTarget>): Promise<IndicatorTarget> {
    const repo = em.getRepository(IndicatorTarget);
    return repo.save(repo.create(row));
  }

  async deleteTarget(em: EntityManager, id: string): Promise<void> {
    await em.getRepository(IndicatorTarget).delete({ id });
  }
}
