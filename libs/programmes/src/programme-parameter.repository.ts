import { Injectable } from '@nestjs/common';
import { EntityManager, LessThanOrEqual } from 'typeorm';
import { ProgrammeParameter } from './programme-parameter.entity';
import { DistrictProgrammeParameter } from './district-programme-parameter.entity';
import { ProgrammeParameterDefinition } from './programme-parameter-definition.entity';

/**
 * Dated programme parameter values, a Kreis's own values and the definitions: master data. The
 * programme's values every caller may read; which Kreis's own values a caller gets is decided by
 * ParametersService (the caller's Kreis, or the Kreis of the record a calculation concerns).
 */
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

  /**
   * A Kreis's own values valid from `day` or earlier, only for parameters the Richtlinie still leaves
   * to the Kreis: a value written while it did is ignored once the Land takes the choice back.
   */
  districtValidOnOrBefore(em: EntityManager, districtId: string, programmeId: string, day: string): Promise<DistrictProgrammeParameter[]> {
    return em
      .getRepository(DistrictProgrammeParameter)
      .createQueryBuilder('v')
      .innerJoin(ProgrammeParameterDefinition, 'd', 'd.code = v.code AND d.district_choice')
      .where('v.district_id = :districtId AND v.programme_id = :programmeId AND v.valid_from <= :day', { districtId, programmeId, day })
      .getMany();
  }

  /** A Kreis's own values, newest first. */
  districtValues(em: EntityManager, districtId: string, programmeId: string): Promise<DistrictProgrammeParameter[]> {
    return em.getRepository(DistrictProgrammeParameter).find({ where: { districtId, programmeId }, order: { validFrom: 'DESC' } });
  }

  lockDistrictValue(em: EntityManager, districtId: string, programmeId: string, code: string, id: string): Promise<DistrictProgrammeParameter | null> {
    return em
      .getRepository(DistrictProgrammeParameter)
      .findOne({ where: { id, districtId, programmeId, code }, lock: { mode: 'pessimistic_write' } });
  }

  /** Whether the install has the Land level (an organisation of kind STATE): then the programme's values are the Land's. */
  async hasStateLevel(em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM organisation WHERE kind = 'STATE' LIMIT 1`);
    return rows.length > 0;
  }
}
