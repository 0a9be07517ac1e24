import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { ApplicationsModule } from '@foerderfluss/applications';
import { DecisionsModule } from '@foerderfluss/decisions';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { PaymentsModule } from '@foerderfluss/payments';
import { PaymentOrderRepository } from '../payment-order/payment-order.repository';
import { PaymentOrdersService } from '../payment-order/payment-orders.service';
import { LETTER_ENTITIES } from './generated-document.entity';
import { GeneratedDocumentRepository } from './generated-document.repository';
import { LetterModelBuilder } from './letter-model-builder';
import { LetterModelRepository } from './letter-model.repository';
import { LetterDocumentsService, letterFileStorageProvider } from './letter-documents.service';
import { LetterTriggers } from './letter-triggers';
import { LetterPreviewService } from './letter-preview.service';
import { LandModule } from '@foerderfluss/land';
import { StateGrantLetterRepository } from './state-grant-letter.repository';
import { StateGrantLetterService } from './state-grant-letter.service';

/**
 * Letters as stored documents: model building from the database, rendering and storage, access,
 * and the letters written with the action that issues them (LetterTriggers); the Auszahlungsanordnung
 * of a payment file, made with the same PDF engine and letterhead. The render queue
 * (LETTER_RENDER_QUEUE) is provided by the app that imports this module.
 */
@Module({
  imports: [TypeOrmModule.forFeature(LETTER_ENTITIES), OrganisationsModule, ProgrammesModule, ApplicationsModule, DecisionsModule, PaymentsModule, ProofOfUseModule, LandModule],
  providers: [GeneratedDocumentRepository, LetterModelRepository, LetterModelBuilder, LetterDocumentsService, letterFileStorageProvider, LetterTriggers, PaymentOrderRepository, PaymentOrdersService, LetterPreviewService, StateGrantLetterRepository, StateGrantLetterService],
  exports: [GeneratedDocumentRepository, LetterModelBuilder, LetterDocumentsService, PaymentOrdersService, LetterPreviewService, StateGrantLetterService],
})
export class LettersModule {}
