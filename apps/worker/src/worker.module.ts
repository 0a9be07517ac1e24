import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Logger as PinoInstance } from 'pino';
import { type AppConfig, createPinoLogger, type LogDestination } from '@foerderfluss/core';
import { AppConfigModule, DatabaseModule } from '@foerderfluss/database';
import { AuditModule } from '@foerderfluss/audit';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { IdentityModule } from '@foerderfluss/identity';
import { ApplicationsModule } from '@foerderfluss/applications';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { ExportJobsModule, LettersModule } from '@foerderfluss/exports';
import { NotificationsModule } from '@foerderfluss/notifications';
import { JobsModule } from '@foerderfluss/jobs';
import { JobRegistry } from './job-registry';
import { LetterRenderQueueModule } from './letter-render-queue.module';
import { WORKER_PINO, WorkerRunner } from './worker-runner';
import { WorkerMetrics } from './worker-metrics';
import { PROCESSORS } from './processors';
import { JobReconciler } from './job-reconciler';
import { jobRecordSourcesProvider } from '@foerderfluss/job-sources';

@Module({})
export class WorkerModule {
  /**
   * `pino`: the process's logger (main.ts); tests pass `logDestination` to read the job lines back
   * (silent when neither is given, so a module built only for its registry writes nothing).
   */
  static register(config: AppConfig, options: { run?: boolean; pino?: PinoInstance; logDestination?: LogDestination } = {}): DynamicModule {
    const pino = options.pino ?? createPinoLogger(config, options.logDestination ?? 'silent', 'foerderfluss-worker');
    return {
      module: WorkerModule,
      // OrganisationsModule registers the entities the proof-of-use entities refer to.
      imports: [AppConfigModule.forRoot(config), DatabaseModule.forRoot(), AuditModule, IdentityModule, OrganisationsModule, ApplicationsModule, ProofOfUseModule, LettersModule, ExportJobsModule, NotificationsModule, JobsModule, LetterRenderQueueModule, DiscoveryModule],
      providers: [...PROCESSORS, JobRegistry, JobReconciler, jobRecordSourcesProvider, { provide: WORKER_PINO, useValue: pino }, ...(options.run === false ? [] : [WorkerMetrics, WorkerRunner])],
      exports: [JobRegistry],
    };
  }
}
