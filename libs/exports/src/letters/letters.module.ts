import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { ApplicationsModule } from '@foerderfluss/applications';
import { DecisionsModule } from '@foerderfluss/decisions';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { LETTER_ENTITIES } from './generated-document.entity';
import { GeneratedDocumentRepository } from './generated-document.repository';
import { LetterModelBuilder } from './letter-model-builder';
import { LetterModelRepository } from './letter-model.repository';
import { LetterDocumentsService, letterFileStorageProvider } from './letter-documents.service';
import { LetterPreviewService } from './letter-preview.service';

/** Letters as stored documents: model building from the database, rendering and storage, access. */
@Module({
  imports: [TypeOrmModule.forFeature(LETTER_ENTITIES), OrganisationsModule, ProgrammesModule, ApplicationsModule, DecisionsModule, ProofOfUseModule],
  providers: [GeneratedDocumentRepository, LetterModelRepository, LetterModelBuilder, LetterDocumentsService, letterFileStorageProvider, LetterPreviewService],
  exports: [GeneratedDocumentRepository, LetterModelBuilder, LetterDocumentsService, LetterPreviewService],
})
export class LettersModule {}
