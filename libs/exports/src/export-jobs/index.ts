export * from './export-types';
export * from './export-job.entity';
export * from './export-jobs.errors';
export * from './export-jobs.service';
export * from './export-runner.service';
export * from './export-pipeline';
export * from './export-jobs.module';
export { EXPORT_DEFINITIONS, type ExportDefinition, type ExportRunContext, type ExportServices, type SummaryItem } from './definitions';
