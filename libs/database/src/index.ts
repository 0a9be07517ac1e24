export * from './data-source-options';
export * from './ensure-database';
export * from './transaction';
export * from './errors';
export * from './columns';
export * from './migrate';
export * from './config.module';
export * from './database.module';
