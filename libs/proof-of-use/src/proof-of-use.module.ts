import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { FundingModule } from '@foerderfluss/funding';
import { DecisionsModule } from '@foerderfluss/decisions';
import { PaymentsModule } from '@foerderfluss/payments';
import { ApplicationsModule } from '@foerderfluss/applications';
import { PROOF_ENTITY_LIST } from './proof.entity';
import { ProofsService } from './proofs.service';
import { ReviewService } from './review.service';
import { SettlementsService } from './settlements.service';
import { RecoveriesService } from './recoveries.service';
import { ReceivedRepaymentsService } from './received-repayments.service';
import { StateProofsService } from './state-proofs.service';
import { ProofAttachmentsService } from './proof-attachments.service';
import { importFileStorageProvider, IMPORT_FILE_STORAGE, ReceiptImportService, ReceiptTemplateService } from './import';

export const PROOF_ENTITIES = PROOF_ENTITY_LIST;

@Module({
  imports: [TypeOrmModule.forFeature(PROOF_ENTITIES), ProgrammesModule, FundingModule, ApplicationsModule, DecisionsModule, PaymentsModule],
  providers: [ProofsService, ReviewService, SettlementsService, RecoveriesService, StateProofsService, ReceiptImportService, ReceiptTemplateService, importFileStorageProvider, ProofAttachmentsService, ReceivedRepaymentsService],
  exports: [ProofsService, ReviewService, SettlementsService, RecoveriesService, StateProofsService, ReceiptImportService, ReceiptTemplateService, IMPORT_FILE_STORAGE, ProofAttachmentsService, ReceivedRepaymentsService],
})
export class ProofOfUseModule {}
