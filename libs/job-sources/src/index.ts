export * from './job-record-sources';
