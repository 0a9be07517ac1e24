import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@foerderfluss/identity';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { FundingModule } from '@foerderfluss/funding';
import { DecisionsModule } from '@foerderfluss/decisions';
import { PaymentsModule } from '@foerderfluss/payments';
import { ApplicationsModule } from '@foerderfluss/applications';
import { ProofOfUse } from './proof-of-use.entity';
import { Receipt } from './receipt.entity';
import { ReceiptImport } from './receipt-import.entity';
import { ProofReview } from './proof-review.entity';
import { Settlement } from './settlement.entity';
import { Recovery } from './recovery.entity';
import { RecoveryDunning } from './recovery-dunning.entity';
import { StateProof } from './state-proof.entity';
import { ProofsService } from './proofs.service';
import { ProofDraftsService } from './proof-drafts.service';
import { ProofSubmissionService } from './proof-submission.service';
import { ReceiptsService } from './receipts.service';
import { ProofOfUseRepository } from './proof-of-use.repository';
import { ReceiptRepository } from './receipt.repository';
import { ReceiptImportRepository } from './receipt-import.repository';
import { ProofReviewRepository } from './proof-review.repository';
import { StateProofRepository } from './state-proof.repository';
import { ProofAttachmentRepository } from './proof-attachment.repository';
import { ProofDecisionRepository } from './proof-decision.repository';
import { ReviewService } from './review.service';
import { SettlementsService } from './settlements.service';
import { RecoveriesService } from './recoveries.service';
import { StateProofsService } from './state-proofs.service';
import { ProofAttachmentsService } from './proof-attachments.service';
import { SettlementRepository } from './settlement.repository';
import { RecoveryRepaymentRepository, RecoveryRepository } from './recovery.repository';
import { RecoveryDunningRepository } from './recovery-dunning.repository';
import { DunningService } from './dunning.service';
import { ProofWorklistRepository } from './proof-worklist.repository';
import { ProofWorklistService } from './proof-worklist.service';
import { importFileStorageProvider, IMPORT_FILE_STORAGE, ReceiptImportJobService, ReceiptImportService, ReceiptTemplateService } from './import';

const REPOSITORIES = [
  ProofOfUseRepository,
  ReceiptRepository,
  ReceiptImportRepository,
  ProofReviewRepository,
  StateProofRepository,
  ProofAttachmentRepository,
  ProofDecisionRepository,
  SettlementRepository,
  RecoveryRepository,
  RecoveryRepaymentRepository,
  RecoveryDunningRepository,
  ProofWorklistRepository,
];

export const PROOF_ENTITIES = [ProofOfUse, Receipt, ReceiptImport, ProofReview, Settlement, Recovery, StateProof, RecoveryDunning];

@Module({
  imports: [TypeOrmModule.forFeature(PROOF_ENTITIES), IdentityModule, ProgrammesModule, FundingModule, ApplicationsModule, DecisionsModule, PaymentsModule],
  providers: [...REPOSITORIES, ProofsService, ProofDraftsService, ProofSubmissionService, ReceiptsService, ReviewService, SettlementsService, RecoveriesService, StateProofsService, ReceiptImportService, ReceiptImportJobService, ReceiptTemplateService, importFileStorageProvider, ProofAttachmentsService, DunningService, ProofWorklistService],
  exports: [...REPOSITORIES, ProofsService, ProofDraftsService, ProofSubmissionService, ReceiptsService, ReviewService, SettlementsService, RecoveriesService, StateProofsService, ReceiptImportService, ReceiptImportJobService, ReceiptTemplateService, IMPORT_FILE_STORAGE, ProofAttachmentsService, DunningService, ProofWorklistService],
})
export class ProofOfUseModule {}
