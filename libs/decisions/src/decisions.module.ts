import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@foerderfluss/identity';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { FundingModule } from '@foerderfluss/funding';
import { ApplicationsModule } from '@foerderfluss/applications';
import { Decision } from './decision.entity';
import { DecisionVersion } from './decision-version.entity';
import { DecisionRepository } from './decision.repository';
import { DecisionVersionRepository } from './decision-version.repository';
import { DecisionsService } from './decisions.service';
import { DecisionProposalsService } from './decision-proposals.service';
import { DecisionApprovalsService } from './decision-approvals.service';
import { RoundDecisionsService } from './round-decisions.service';
import { WorklistRepository } from './worklist.repository';
import { WorklistService } from './worklist.service';
import { PendingCommitmentsSource } from './pending-commitments.source';
import { DecisionContextService } from './decision-context.service';

export const DECISION_ENTITIES = [Decision, DecisionVersion];

@Module({
  imports: [TypeOrmModule.forFeature(DECISION_ENTITIES), IdentityModule, OrganisationsModule, ProgrammesModule, FundingModule, ApplicationsModule],
  providers: [DecisionRepository, DecisionVersionRepository, WorklistRepository, DecisionsService, DecisionProposalsService, DecisionApprovalsService, RoundDecisionsService, WorklistService, PendingCommitmentsSource, DecisionContextService],
  exports: [DecisionRepository, DecisionVersionRepository, DecisionsService, DecisionProposalsService, DecisionApprovalsService, RoundDecisionsService, WorklistService, DecisionContextService],
})
export class DecisionsModule {}
