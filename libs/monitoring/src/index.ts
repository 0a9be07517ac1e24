export * from './monitoring.module';
export * from './monitoring.service';
export * from './monitoring.types';
export { fundingQuery } from './monitoring.repository';
