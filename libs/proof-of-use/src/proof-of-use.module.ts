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
import { StateProofsService } from './state-proofs.service';
import { ProofAttachmentsService } from './proof-attachments.service';
import { SettlementRepository } from './settlement.repository';
import { RecoveryRepaymentRepository, RecoveryRepository } from './recovery.repository';
import { importFileStorageProvider, IMPORT_FILE_STORAGE, ReceiptImportService, ReceiptTemplateService } from './import';

export const PROOF_ENTITIES = PROOF_ENTITY_LIST;

@Module({
  imports: [TypeOrmModule.forFeature(PROOF_ENTITIES), ProgrammesModule, FundingModule, ApplicationsModule, DecisionsModule, PaymentsModule],
  providers: [ProofsService, ReviewService, SettlementsService, RecoveriesService, StateProofsService, ReceiptImportService, ReceiptTemplateService, importFileStorageProvider, ProofAttachmentsService, SettlementRepository, RecoveryRepository, RecoveryRepaymentRepository],
  exports: [ProofsService, ReviewService, SettlementsService, RecoveriesService, StateProofsService, ReceiptImportService, ReceiptTemplateService, IMPORT_FILE_STORAGE, ProofAttachmentsService, SettlementRepository, RecoveryRepository, RecoveryRepaymentRepository],
})
export class ProofOfUseModule {}
