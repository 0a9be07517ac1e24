export * from './job-names';
export * from './redis';
export * from './jobs.errors';
export * from './job-producer.service';
export * from './job-handler';
export { JobsModule } from './jobs.module';
