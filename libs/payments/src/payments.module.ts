import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@foerderfluss/identity';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { FundingModule } from '@foerderfluss/funding';
import { DecisionsModule } from '@foerderfluss/decisions';
import { PAYMENT_ENTITY_LIST } from './payment-entities';
import { PaymentRequestsService } from './payment-requests.service';
import { PaymentFilesService } from './payment-files.service';
import { FundUseService } from './fund-use.service';
import { StateFlowsService } from './state-flows.service';
import { PaymentRequestRepository } from './payment-request.repository';
import { DisbursementRepository } from './disbursement.repository';
import { PaymentFileRepository } from './payment-file.repository';
import { FundUseRepository } from './fund-use.repository';
import { LateUseInterestDecisionRepository } from './late-use-interest-decision.repository';
import { StateDrawdownRepository } from './state-drawdown.repository';
import { RepaymentRepository } from './repayment.repository';

export const PAYMENT_ENTITIES = PAYMENT_ENTITY_LIST;

const REPOSITORIES = [
  PaymentRequestRepository,
  DisbursementRepository,
  PaymentFileRepository,
  FundUseRepository,
  LateUseInterestDecisionRepository,
  StateDrawdownRepository,
  RepaymentRepository,
];

@Module({
  imports: [TypeOrmModule.forFeature(PAYMENT_ENTITIES), IdentityModule, OrganisationsModule, ProgrammesModule, FundingModule, DecisionsModule],
  providers: [...REPOSITORIES, PaymentRequestsService, PaymentFilesService, FundUseService, StateFlowsService],
  exports: [...REPOSITORIES, PaymentRequestsService, PaymentFilesService, FundUseService, StateFlowsService],
})
export class PaymentsModule {}
