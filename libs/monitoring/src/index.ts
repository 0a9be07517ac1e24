export * from './monitoring.module';
export * from './monitoring.service';
export * from './monitoring.types';
