import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BaseRate } from './base-rate.entity';

/** The Basiszinssatz table (§ 247 BGB): public, read by every caller, no scope. */
@Injectable()
export class BaseRateRepository {
  all(em: EntityManager): Promise<BaseRate[]> {
    return em.getRepository(BaseRate).find({ order: { validFrom: 'ASC' } });
  }

  lock(em: EntityManager, id: string): Promise<BaseRate | null> {
    return em.getRepository(BaseRate).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
