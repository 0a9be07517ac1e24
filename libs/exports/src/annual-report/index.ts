export * from './annual-report-model';
export * from './annual-report-pdf';
export * from './annual-report-xlsx';
export * from './annual-report-source';
export * from './bar-chart';
