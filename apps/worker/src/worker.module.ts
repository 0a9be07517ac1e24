import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '@foerderfluss/core';
import { AppConfigModule, DatabaseModule } from '@foerderfluss/database';
import { AuditModule } from '@foerderfluss/audit';
import { JobRegistry } from './job-registry';
import { WorkerRunner } from './worker-runner';
import { PROCESSORS } from './processors';

@Module({})
export class WorkerModule {
  static register(config: AppConfig, options: { run?: boolean } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), DatabaseModule.forRoot(), AuditModule, DiscoveryModule],
      providers: [...PROCESSORS, JobRegistry, ...(options.run === false ? [] : [WorkerRunner])],
      exports: [JobRegistry],
    };
  }
}
