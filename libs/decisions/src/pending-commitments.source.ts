import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BudgetFiguresService, PendingCommitment, PendingCommitmentSource } from '@foerderfluss/funding';
import { DecisionVersionRepository } from './decision-version.repository';

/**
 * Tells the budget figures (funding, below this lib) what is proposed and not yet issued, so
 * "vorgeschlagen" counts every pending Bescheid, Vertrag, Änderung and Widerruf wherever it is
 * shown (Haushalt, Vergaberunde). Registered once when the module starts.
 */
@Injectable()
export class PendingCommitmentsSource implements PendingCommitmentSource, OnModuleInit {
  constructor(
    private readonly figures: BudgetFiguresService,
    private readonly versions: DecisionVersionRepository,
  ) {}

  onModuleInit(): void {
    this.figures.usePendingCommitments(this);
  }

  pendingCommitments(em: EntityManager, budgetYearId: string): Promise<PendingCommitment[]> {
    return this.versions.pendingCommitments(em, budgetYearId);
  }
}
