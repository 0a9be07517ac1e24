import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { dataSourceOptions } from './data-source-options';
import { TransactionRunner } from './transaction';
import { DatabaseHealth } from './database-health';
import { ReferenceCounter } from './reference-numbers';

@Global()
@Module({})
export class DatabaseModule {
  /** Entities register themselves through TypeOrmModule.forFeature in their own lib's module. */
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forFeature([ReferenceCounter]),
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config, []),
            autoLoadEntities: true,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [TransactionRunner, DatabaseHealth],
      exports: [TransactionRunner, DatabaseHealth],
    };
  }
}
