import { ApplicationRepository } from './application.repository';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@foerderfluss/identity';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { FundingModule } from '@foerderfluss/funding';
import { AllocationRound } from './allocation-round.entity';
import { AllocationRoundItem } from './allocation-round-item.entity';
import { Application } from './application.entity';
import { ApplicationComment } from './application-comment.entity';
import { ApplicationVersion } from './application-version.entity';
import { EarlyStartConsent } from './early-start-consent.entity';
import { FundingCall } from './funding-call.entity';
import { CallsService } from './calls.service';
import { ApplicationsService } from './applications.service';
import { ApplicationReviewService } from './application-review.service';
import { ApplicationSubmissionService } from './application-submission.service';
import { AllocationRoundService } from './allocation-round.service';
import { Attachment } from './attachments/attachment.entity';
import { attachmentFileStorageProvider, AttachmentsService } from './attachments/attachments.service';
import { ApplicationAttachmentsService } from './attachments/application-attachments.service';
import { AttachmentRepository } from './attachments/attachment.repository';
import { FundingCallRepository } from './funding-call.repository';
import { ApplicationCommentRepository } from './application-comment.repository';
import { AllocationRoundRepository } from './allocation-round.repository';

const REPOSITORIES = [ApplicationRepository, ApplicationCommentRepository, FundingCallRepository, AllocationRoundRepository, AttachmentRepository];

export const APPLICATION_ENTITIES = [FundingCall, Application, ApplicationVersion, ApplicationComment, EarlyStartConsent, AllocationRound, AllocationRoundItem, Attachment];

@Module({
  imports: [TypeOrmModule.forFeature(APPLICATION_ENTITIES), IdentityModule, OrganisationsModule, ProgrammesModule, FundingModule],
  providers: [...REPOSITORIES, CallsService, ApplicationsService, ApplicationSubmissionService, ApplicationReviewService, AllocationRoundService, attachmentFileStorageProvider, AttachmentsService, ApplicationAttachmentsService],
  exports: [...REPOSITORIES, CallsService, ApplicationsService, ApplicationSubmissionService, ApplicationReviewService, AllocationRoundService, AttachmentsService, ApplicationAttachmentsService],
})
export class ApplicationsModule {}
