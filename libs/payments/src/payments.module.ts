import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { FundingModule } from '@foerderfluss/funding';
import { DecisionsModule } from '@foerderfluss/decisions';
import { PAYMENT_ENTITY_LIST } from './payment.entity';
import { PaymentRequestsService } from './payment-requests.service';
import { PaymentFilesService } from './payment-files.service';
import { FundUseService } from './fund-use.service';
import { StateFlowsService } from './state-flows.service';

export const PAYMENT_ENTITIES = PAYMENT_ENTITY_LIST;

@Module({
  imports: [TypeOrmModule.forFeature(PAYMENT_ENTITIES), ProgrammesModule, FundingModule, DecisionsModule],
  providers: [PaymentRequestsService, PaymentFilesService, FundUseService, StateFlowsService],
  exports: [PaymentRequestsService, PaymentFilesService, FundUseService, StateFlowsService],
})
export class PaymentsModule {}
