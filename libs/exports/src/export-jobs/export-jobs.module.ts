import { Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { fileStorageProvider } from '@foerderfluss/database';
import { DecisionsModule } from '@foerderfluss/decisions';
import { FundingModule } from '@foerderfluss/funding';
import { MonitoringModule } from '@foerderfluss/monitoring';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { PaymentsModule } from '@foerderfluss/payments';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { EXPORT_JOB_ENTITIES } from './export-job.entity';
import { ExportJobRepository } from './export-job.repository';
import { EXPORT_FILE_STORAGE, ExportJobsService } from './export-jobs.service';
import { ExportRunner } from './export-runner.service';

const exportFileStorageProvider: Provider = fileStorageProvider(EXPORT_FILE_STORAGE);

/** Export jobs: requests and files for the api (ExportJobsService), generation for the worker (ExportRunner). */
@Module({
  imports: [TypeOrmModule.forFeature(EXPORT_JOB_ENTITIES), PaymentsModule, ProofOfUseModule, DecisionsModule, OrganisationsModule, FundingModule, ProgrammesModule, MonitoringModule],
  providers: [ExportJobRepository, ExportJobsService, ExportRunner, exportFileStorageProvider],
  exports: [ExportJobRepository, ExportJobsService, ExportRunner, EXPORT_FILE_STORAGE],
})
export class ExportJobsModule {}
