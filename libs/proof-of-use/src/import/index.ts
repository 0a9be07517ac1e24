// Belegliste xlsx/csv: the template, the checked upload and the import job's logic.
export * from './import.errors';
export { IMPORT_FILE_STORAGE, importFileKey, importFileStorageProvider } from './import-storage';
export { type ImportFormat, type ImportLimits, sniffImportFile, type SniffResult } from './file-sniffing';
export { type ImportError, importError } from './receipt-row';
export { DEFAULT_SINK, type SinkStrategy } from './receipt-sink.repository';
export { ReceiptImportService, type UploadedImportFile } from './receipt-import.service';
export { type ImportHooks, type ImportOutcome, ReceiptImportJobService } from './receipt-import-job.service';
export { type ImportMode, MAX_STORED_ERRORS } from './receipt-row-checks';
export { buildReceiptTemplate, INCOME_KINDS, LISTS_SHEET, NOTES_SHEET, ReceiptTemplateService, type ReceiptTemplateModel, TEMPLATE_FORMATS } from './receipt-template.service';
export { inspectZip, type ZipDirectory, type ZipEntry, ZipInspectionError } from './zip-inspection';
