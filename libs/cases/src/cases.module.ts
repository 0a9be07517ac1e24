import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@foerderfluss/identity';
import { ApplicationsModule } from '@foerderfluss/applications';
import { DecisionsModule } from '@foerderfluss/decisions';
import { PaymentsModule } from '@foerderfluss/payments';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { CaseAssignment } from './case-assignment.entity';
import { CaseFollowUp } from './case-follow-up.entity';
import { CaseAssignmentRepository, CaseFollowUpRepository, CaseReadRepository } from './case-assignment.repository';
import { CasesService } from './cases.service';
import { HistoryService } from './history.service';

export const CASE_ENTITIES = [CaseAssignment, CaseFollowUp];

@Module({
  imports: [TypeOrmModule.forFeature(CASE_ENTITIES), IdentityModule, ApplicationsModule, DecisionsModule, PaymentsModule, ProofOfUseModule],
  providers: [CaseAssignmentRepository, CaseFollowUpRepository, CaseReadRepository, CasesService, HistoryService],
  exports: [CaseAssignmentRepository, CaseFollowUpRepository, CaseReadRepository, CasesService, HistoryService],
})
export class CasesModule {}
