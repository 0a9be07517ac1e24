// Generic export infrastructure: column model, cell encoding, formula neutralisation, streaming
// xlsx and CSV writers with one checksum, a PostgreSQL cursor source and the file storage.
// The business workbooks, the API and the jobs build on this.
export {
  type CellInput,
  type ColumnType,
  COLUMN_TYPES,
  columnLetter,
  DATE_NUM_FMT,
  decimalNumFmt,
  type ExportColumn,
  INTEGER_NUM_FMT,
  MONEY_NUM_FMT,
  percentNumFmt,
  positionalColumns,
  TOTAL_COLUMN_TYPES,
  validateColumns,
} from './columns';
export {
  calendarDateToSheetValue,
  type Canonical,
  csvFieldOf,
  MAX_CELL_TEXT_LENGTH,
  MAX_SIGNIFICANT_DIGITS,
  moneyToSheetNumber,
  sheetText,
} from './cell-encoding';
export { isFormulaLike, neutraliseFormula } from './formula-injection';
export { canonicalRowsSha256, ROW_HASH_DESCRIPTION, ROW_HASH_VERSION, RowHasher } from './row-hash';
export { type ExportResult, type RowInput, type RowWriterOptions } from './row-pipeline';
export {
  DEFAULT_MAX_BUFFERED_BYTES,
  type ExportFilter,
  type InfoLine,
  formatTimestamp,
  INFO_SHEET_NAME,
  MAX_XLSX_DATA_ROWS,
  StreamingWorkbookWriter,
  type StreamingWorkbookWriterOptions,
  type WorkbookInfo,
  type XlsxExportResult,
} from './xlsx-writer';
export { CSV_BOM, StreamingCsvWriter, type StreamingCsvWriterOptions } from './csv-writer';
export { EXPORT_PG_TYPES, pgCursorBatches, type PgCursorOptions } from './pg-row-source.repository';
export { ExceljsInternalsChangedError } from './exceljs-internals';
export { ExportDefinitionError, ExportTooManyRowsError, ExportValueError } from './exports.errors';
export * from './letters';
export * from './export-jobs';
export * from './payment-order';
export * from './open-data';
export * from './annual-report';
