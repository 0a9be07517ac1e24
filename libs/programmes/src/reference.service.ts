import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@foerderfluss/database';
import { CostCategory } from './cost-category.entity';
import { FieldOfAction } from './field-of-action.entity';
import { SocialArea } from './social-area.entity';
import { ReferenceDataRepository } from './reference-data.repository';

@Injectable()
export class ReferenceDataService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly reference: ReferenceDataRepository,
  ) {}

  fieldsOfAction(): Promise<FieldOfAction[]> {
    return this.reference.activeFieldsOfAction(this.tx.manager);
  }

  socialAreas(): Promise<SocialArea[]> {
    return this.reference.activeSocialAreas(this.tx.manager);
  }

  costCategories(): Promise<CostCategory[]> {
    return this.reference.costCategories(this.tx.manager);
  }
}
