import { Injectable } from '@nestjs/common';
import { Scope } from '@foerderfluss/core';
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

  /** Every Kreis's active Sozialräume: the codes any Antrag or filter may name (validated per Kreis where it is filed). */
  socialAreas(): Promise<SocialArea[]> {
    return this.reference.activeSocialAreas(this.tx.manager, null);
  }

  /**
   * The Sozialräume the caller chooses from (issue 20: a Sozialraum belongs to one Kreis). A Kreis
   * user gets its own Kreis's, whatever `districtId` asks for; the Land and Träger, who work across
   * Kreise, get all of them or, with `districtId`, those of that Kreis.
   */
  socialAreasFor(scope: Scope, districtId: string | null): Promise<SocialArea[]> {
    return this.reference.activeSocialAreas(this.tx.manager, scope.districtId ?? districtId);
  }

  costCategories(): Promise<CostCategory[]> {
    return this.reference.costCategories(this.tx.manager);
  }
}
