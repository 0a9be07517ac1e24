export * from './job-names';
export * from './redis';
export * from './jobs.errors';
export * from './job-producer.service';
export * from './job-handler';
export * from './payload-guard';
export * from './job-meta';
export * from './jobs-admin.service';
export { JobsModule } from './jobs.module';
