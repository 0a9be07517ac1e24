import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@foerderfluss/database';
import { CostCategory, FieldOfAction, SocialArea } from './reference.entity';

@Injectable()
export class ReferenceDataService {
  constructor(private readonly tx: TransactionRunner) {}

  fieldsOfAction(): Promise<FieldOfAction[]> {
    return this.tx.manager.getRepository(FieldOfAction).find({ where: { active: true }, order: { sortOrder: 'ASC' } });
  }

  socialAreas(): Promise<SocialArea[]> {
    return this.tx.manager.getRepository(SocialArea).find({ where: { active: true }, order: { sortOrder: 'ASC' } });
  }

  costCategories(): Promise<CostCategory[]> {
    return this.tx.manager.getRepository(CostCategory).find({ order: { sortOrder: 'ASC' } });
  }
}
