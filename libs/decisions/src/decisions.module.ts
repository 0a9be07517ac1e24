import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { FundingModule } from '@foerderfluss/funding';
import { ApplicationsModule } from '@foerderfluss/applications';
import { Decision, DecisionVersion } from './decision.entity';
import { DecisionsService } from './decisions.service';
import { RoundDecisionsService } from './round-decisions.service';
import { WorklistService } from './worklist.service';

export const DECISION_ENTITIES = [Decision, DecisionVersion];

@Module({
  imports: [TypeOrmModule.forFeature(DECISION_ENTITIES), ProgrammesModule, FundingModule, ApplicationsModule],
  providers: [DecisionsService, RoundDecisionsService, WorklistService],
  exports: [DecisionsService, RoundDecisionsService, WorklistService],
})
export class DecisionsModule {}
