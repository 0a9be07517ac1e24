import { Injectable } from '@nestjs/common';
import { EntityManager, LessThanOrEqual } from 'typeorm';
import { ProgrammeParameter } from './programme-parameter.entity';
import { ProgrammeParameterDefinition } from './programme-parameter-definition.entity';

/** Dated programme parameter values and their definitions: master data every caller may read, no scope. */
@Injectable()
export class ProgrammeParameterRepository {
  /** Every value valid from `day` or earlier (the caller picks the latest per code). */
  validOnOrBefore(em: EntityManager, programmeId: string, day: string): Promise<ProgrammeParameter[]> {
    return em.getRepository(ProgrammeParameter).find({ where: { programmeId, validFrom: LessThanOrEqual(day) } });
  }

  /** Newest first. */
  values(em: EntityManager, programmeId: string): Promise<ProgrammeParameter[]> {
    return em.getRepository(ProgrammeParameter).find({ where: { programmeId }, order: { validFrom: 'DESC' } });
  }

  definitions(em: EntityManager): Promise<ProgrammeParameterDefinition[]> {
    return em.getRepository(ProgrammeParameterDefinition).find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  lockValue(em: EntityManager, programmeId: string, code: string, id: string): Promise<ProgrammeParameter | null> {
    return em.getRepository(ProgrammeParameter).findOne({ where: { id, programmeId, code }, lock: { mode: 'pessimistic_write' } });
  }
}
