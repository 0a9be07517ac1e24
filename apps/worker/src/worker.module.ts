import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '@foerderfluss/core';
import { AppConfigModule, DatabaseModule } from '@foerderfluss/database';
import { AuditModule } from '@foerderfluss/audit';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { ExportJobsModule, LettersModule } from '@foerderfluss/exports';
import { NotificationsModule } from '@foerderfluss/notifications';
import { JobsModule } from '@foerderfluss/jobs';
import { JobRegistry } from './job-registry';
import { LetterRenderQueueModule } from './letter-render-queue.module';
import { WorkerRunner } from './worker-runner';
import { PROCESSORS } from './processors';

@Module({})
export class WorkerModule {
  static register(config: AppConfig, options: { run?: boolean } = {}): DynamicModule {
    return {
      module: WorkerModule,
      // OrganisationsModule registers the entities the proof-of-use entities refer to.
      imports: [AppConfigModule.forRoot(config), DatabaseModule.forRoot(), AuditModule, OrganisationsModule, ProofOfUseModule, LettersModule, ExportJobsModule, NotificationsModule, JobsModule, LetterRenderQueueModule, DiscoveryModule],
      providers: [...PROCESSORS, JobRegistry, ...(options.run === false ? [] : [WorkerRunner])],
      exports: [JobRegistry],
    };
  }
}
