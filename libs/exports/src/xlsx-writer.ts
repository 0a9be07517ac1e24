import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { moneyToSheetNumber, sheetText, type SheetValue, sheetValueOf } from './cell-encoding';
import {
  DATE_NUM_FMT,
  decimalNumFmt,
  type ColumnType,
  type ExportColumn,
  INTEGER_NUM_FMT,
  MONEY_NUM_FMT,
  percentNumFmt,
} from './columns';
import { bufferedBytes, declareFilterDatabase, pinEntryDates, type SheetArchiveInput, sheetArchiveInput, type WorkbookArchive, workbookArchive } from './exceljs-internals';
import { ExportDefinitionError, ExportTooManyRowsError } from './exports.errors';
import { ROW_HASH_DESCRIPTION } from './row-hash';
import {
  batchesOf,
  type CompiledColumn,
  columnWidths,
  DestinationGuard,
  type ExportResult,
  ProgressReporter,
  RowEncoder,
  type RowInput,
  type RowWriterOptions,
} from './row-pipeline';

export interface ExportFilter {
  /** German label, e.g. „Haushaltsjahr“. */
  readonly label: string;
  /** As the user should read it, e.g. „2026“ or „Evangelisches Sozialwerk Pleißenland e.V.“. */
  readonly value: string;
}

/** What the Info sheet says about the export (besides row count and checksum, which the writer knows). */
export interface WorkbookInfo {
  /** German name of the export type, e.g. „Belegliste“. */
  readonly exportType: string;
  readonly filters?: readonly ExportFilter[];
  /** Who asked for it, e.g. „Erika Muster (Rechnungsprüfung)“. */
  readonly creator: string;
  readonly createdAt: Date;
  /** Zone of the human-readable creation time; default Europe/Berlin. */
  readonly timeZone?: string;
  /**
   * Further lines under the heading „Ergebnis“ (e.g. the Kreis's settlement with the Land). A
   * `money` value is a decimal string and becomes a number with the money format.
   */
  readonly summary?: readonly InfoLine[];
}

export interface InfoLine {
  readonly label: string;
  readonly value: string | null;
  readonly kind?: 'text' | 'money';
}

export interface StreamingWorkbookWriterOptions<R> extends RowWriterOptions {
  readonly columns: readonly ExportColumn<R>[];
  readonly info: WorkbookInfo;
  /** Name of the data sheet (≤ 31 characters, not „Info“); default „Daten“. */
  readonly sheetName?: string;
  /** Totals row under the data; default: when a column has `total`. */
  readonly totals?: boolean;
  /** Deflate level; exceljs's default 1 (level 6 costs ~43 % more time for ~22 % less size). */
  readonly zipLevel?: number;
  /** Backpressure mark: wait for `drain` once this much sheet XML is queued for the zip. Default 1 MiB. */
  readonly maxBufferedBytes?: number;
  /** Fail beyond this many data rows; default and upper bound: what fits into a sheet beside header and totals. */
  readonly maxRows?: number;
  /**
   * Small further tables after the data sheet, each laid out like it (header, frozen row,
   * autofilter, totals); held in memory, so for a few hundred rows (the MONITORING export's
   * Kennzahlen). The checksum on the Info sheet covers the data sheet only.
   */
  readonly extraSheets?: readonly ExtraSheet[];
}

/** A further table of a workbook (see `extraSheets`). */
export interface ExtraSheet {
  readonly name: string;
  readonly columns: readonly ExportColumn<Record<string, unknown>>[];
  readonly rows: readonly Record<string, unknown>[];
}

export interface XlsxExportResult extends ExportResult {
  /** How often the writer waited for the zip to catch up. */
  readonly drainWaits: number;
  /** Most sheet XML ever queued for the zip, in bytes (≈ mark + one 64 KiB StreamBuf chunk). */
  readonly peakBufferedBytes: number;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;
/** Excel's 1.048.576 rows per sheet, less the header and the totals row. */
export const MAX_XLSX_DATA_ROWS = 1048576 - 2;
export const INFO_SHEET_NAME = 'Info';
const TOTALS_LABEL = 'Summe';

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) deepFreeze(v as object);
  return Object.freeze(value);
}

/**
 * One style object per column and role. exceljs caches styles by object identity (a WeakMap in
 * StylesXform), so sharing one frozen object per column is what makes styled cells cheap
 * (STACK-NOTES: 23 s instead of 45 s per 1M rows); a fresh or mutated object would cost a lookup
 * and serialisation per cell, or silently restyle cells already written.
 */
function numFmtOf(type: ColumnType, decimals: number): string | undefined {
  switch (type) {
    case 'money':
      return MONEY_NUM_FMT;
    case 'date':
      return DATE_NUM_FMT;
    case 'integer':
      return INTEGER_NUM_FMT;
    case 'decimal':
      return decimalNumFmt(decimals);
    case 'percent':
      return percentNumFmt(decimals);
    default:
      return undefined;
  }
}

const BOLD = deepFreeze({ font: { bold: true } });
/**
 * Given to every cell without a format, too: exceljs creates a fresh `{}` style per cell, and each
 * fresh object misses its style cache (measured: ~8 % of the time for 7 text columns).
 */
const PLAIN = deepFreeze({});
const HEADER_STYLE = deepFreeze({ font: { bold: true }, alignment: { vertical: 'top' as const } });
const INTEGER_STYLE = deepFreeze({ numFmt: INTEGER_NUM_FMT });
const MONEY_STYLE = deepFreeze({ numFmt: MONEY_NUM_FMT });

interface ColumnStyles {
  readonly cell: Partial<ExcelJS.Style>;
  readonly total: Partial<ExcelJS.Style>;
}

function stylesOf<R>(column: CompiledColumn<R>): ColumnStyles {
  const numFmt = numFmtOf(column.type, column.decimals);
  return {
    cell: numFmt === undefined ? PLAIN : deepFreeze({ numFmt }),
    total: deepFreeze(numFmt === undefined ? { font: { bold: true } } : { numFmt, font: { bold: true } }),
  };
}

const FORBIDDEN_SHEET_CHARS = /[[\]:*?/\\]/;

function validateSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || FORBIDDEN_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new ExportDefinitionError(`Ungültiger Blattname "${name}" (1–31 Zeichen, ohne [ ] : * ? / \\).`);
  }
  if (name.toLowerCase() === INFO_SHEET_NAME.toLowerCase() || name.toLowerCase() === 'verlauf' || name.toLowerCase() === 'history') {
    throw new ExportDefinitionError(`Der Blattname "${name}" ist reserviert.`);
  }
}

/**
 * Writes one xlsx per `write` call with exceljs's streaming WorkbookWriter:
 * - data sheet: German headers (bold), frozen header row, autofilter over header + data, column
 *   widths from the header and the first rows, typed cells (cell-encoding.ts) with one shared style
 *   per column, and a totals row right under the data with `SUM` formulas whose exact result is
 *   also stored as the cached value (viewers that do not recalculate show it);
 * - `Info` sheet: export type, creator, creation time, data sheet, row count, checksum (row-hash.ts)
 *   and the filters as label/value pairs.
 *
 * Memory stays flat: the next batch is pulled only after the previous one is written, and writing
 * pauses whenever more than `maxBufferedBytes` of sheet XML wait for the zip (exceljs-internals.ts).
 * The writer ends `destination`; on failure it destroys it with the error, so a storage or HTTP
 * consumer never takes a partial file for a complete one.
 */
export class StreamingWorkbookWriter<R = Record<string, unknown>> {
  private readonly sheetName: string;
  private readonly mark: number;
  private readonly yieldAt: number;
  private readonly maxRows: number;

  constructor(private readonly options: StreamingWorkbookWriterOptions<R>) {
    this.sheetName = options.sheetName ?? 'Daten';
    validateSheetName(this.sheetName);
    this.mark = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    if (!(this.mark > 0)) throw new ExportDefinitionError('maxBufferedBytes muss positiv sein.');
    this.yieldAt = this.mark / 4;
    this.maxRows = Math.min(options.maxRows ?? MAX_XLSX_DATA_ROWS, MAX_XLSX_DATA_ROWS);
    new RowEncoder(options.columns); // validates the columns now, not at the first row
    if (Number.isNaN(options.info.createdAt.getTime())) throw new ExportDefinitionError('info.createdAt ist kein gültiger Zeitpunkt.');
  }

  async write(input: RowInput<R>, destination: Writable): Promise<XlsxExportResult> {
    const { options } = this;
    const encoder = new RowEncoder(options.columns);
    const columns = encoder.columns;
    const styles = columns.map(stylesOf);
    const progress = new ProgressReporter(options);
    const guard = new DestinationGuard(destination);
    const batches = batchesOf(input);
    let archive: WorkbookArchive | undefined;
    let drainWaits = 0;
    let peakBufferedBytes = 0;
    try {
      options.signal?.throwIfAborted();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: destination,
        useStyles: true,
        // Shared strings would keep every distinct text in memory until the end.
        useSharedStrings: false,
        zip: { zlib: { level: options.zipLevel ?? 1 } },
      });
      workbook.creator = options.info.creator;
      workbook.lastModifiedBy = options.info.creator;
      workbook.created = options.info.createdAt;
      workbook.modified = options.info.createdAt;
      pinEntryDates(workbook, options.info.createdAt);
      archive = workbookArchive(workbook);
      archive.on('error', (err) => guard.fail(err));
      const sheet = workbook.addWorksheet(this.sheetName, {
        views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
        // Printed: A4 landscape, all columns on one page width, the header row on every page.
        pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
      });
      const zipInput: SheetArchiveInput = sheetArchiveInput(sheet);

      const first = await batches.next();
      const firstBatch = first.done ? [] : first.value;
      // exceljs omits a column whose width is exactly 9 (its idea of the default; Excel's is 8.43).
      sheet.columns = columnWidths(columns, encoder.measure(firstBatch)).map((width) => ({ width: width === 9 ? 9.01 : width }));
      const header = sheet.addRow(columns.map((c) => sheetText(c.def.header)));
      for (const c of columns) header.getCell(c.number).style = HEADER_STYLE;
      header.commit();

      const values: SheetValue[] = new Array<SheetValue>(columns.length).fill(undefined);
      const writeBatch = async (batch: readonly R[]): Promise<void> => {
        if (encoder.rowCount + batch.length > this.maxRows) throw new ExportTooManyRowsError(this.maxRows);
        for (const row of batch) {
          encoder.encode(row);
          const cells = encoder.cells;
          for (let i = 0; i < columns.length; i++) {
            const text = cells[i];
            values[i] = text === null ? undefined : sheetValueOf(columns[i].type, text);
          }
          const sheetRow = sheet.addRow(values);
          for (let i = 0; i < columns.length; i++) {
            if (cells[i] === null) continue;
            // A date before 1900-03-01 is written as text and gets no date format.
            sheetRow.findCell(i + 1)!.style = typeof values[i] === 'string' ? PLAIN : styles[i].cell;
          }
          sheetRow.commit();
          const buffered = bufferedBytes(zipInput);
          if (buffered > peakBufferedBytes) peakBufferedBytes = buffered;
          if (buffered > this.mark) {
            drainWaits++;
            await guard.waitFor(zipInput, 'drain');
          } else if (buffered > this.yieldAt) {
            // Let archiver hand the queued XML to zlib (which deflates on another thread) while the
            // next rows are built; without this, rows and deflate take turns (~10–15 % slower).
            await new Promise(setImmediate);
            guard.throwIfFailed();
          }
        }
        guard.throwIfFailed();
        await progress.maybe(encoder.rowCount);
      };

      if (!first.done) {
        options.signal?.throwIfAborted();
        await writeBatch(firstBatch);
        for (let next = await batches.next(); !next.done; next = await batches.next()) {
          options.signal?.throwIfAborted();
          await writeBatch(next.value);
        }
      }

      const rowCount = encoder.rowCount;
      const lastColumn = columns[columns.length - 1].letter;
      if (options.totals ?? encoder.hasTotals) this.writeTotals(sheet, encoder, styles);
      const filterRef = `A1:${lastColumn}${rowCount + 1}`;
      sheet.autoFilter = filterRef;
      declareFilterDatabase(workbook, 0, this.sheetName, filterRef);
      sheet.commit();

      (options.extraSheets ?? []).forEach((extra, i) => this.writeExtraSheet(workbook, i + 1, extra));
      const result = encoder.result();
      this.writeInfo(workbook, result);
      await workbook.commit();
      guard.throwIfFailed();
      guard.release();
      await progress.final(rowCount);
      return { ...result, drainWaits, peakBufferedBytes };
    } catch (err) {
      // Destroy first: archive.abort() ends its output, which a consumer would take for a whole file.
      guard.destroyWith(err);
      archive?.abort();
      await batches.return(undefined); // closes a cursor behind the source
      throw err;
    }
  }

  private writeExtraSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, index: number, extra: ExtraSheet): void {
    validateSheetName(extra.name);
    if (extra.name === this.sheetName) throw new ExportDefinitionError(`Der Blattname "${extra.name}" ist doppelt vergeben.`);
    const encoder = new RowEncoder(extra.columns);
    const columns = encoder.columns;
    const styles = columns.map(stylesOf);
    const sheet = workbook.addWorksheet(extra.name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    });
    sheet.columns = columnWidths(columns, encoder.measure(extra.rows)).map((width) => ({ width: width === 9 ? 9.01 : width }));
    const header = sheet.addRow(columns.map((c) => sheetText(c.def.header)));
    for (const c of columns) header.getCell(c.number).style = HEADER_STYLE;
    header.commit();
    for (const row of extra.rows) {
      encoder.encode(row);
      const cells = encoder.cells;
      const values = cells.map((text, i) => (text === null ? undefined : sheetValueOf(columns[i].type, text)));
      const sheetRow = sheet.addRow(values);
      cells.forEach((text, i) => {
        if (text !== null) sheetRow.findCell(i + 1)!.style = typeof values[i] === 'string' ? PLAIN : styles[i].cell;
      });
      sheetRow.commit();
    }
    if (encoder.hasTotals) this.writeTotals(sheet, encoder, styles);
    const filterRef = `A1:${columns[columns.length - 1].letter}${encoder.rowCount + 1}`;
    sheet.autoFilter = filterRef;
    declareFilterDatabase(workbook, index, extra.name, filterRef);
    sheet.commit();
  }

  private writeTotals<T>(sheet: ExcelJS.Worksheet, encoder: RowEncoder<T>, styles: readonly ColumnStyles[]): void {
    const rowCount = encoder.rowCount;
    const columns = encoder.columns;
    const values: unknown[] = new Array<unknown>(columns.length).fill(undefined);
    const labelColumn = columns.find((c) => c.def.total !== true);
    if (labelColumn) values[labelColumn.index] = TOTALS_LABEL;
    for (const c of encoder.totalsColumns) {
      // Exact decimal total → number only here; beyond 15 significant digits the cached value is
      // as rounded as Excel's own SUM would be.
      const result = Number(encoder.totalText(c));
      // No data rows: a SUM over rows 2..1 would wrap to include the totals row itself (circular).
      values[c.index] = rowCount === 0 ? result : { formula: `SUM(${c.letter}2:${c.letter}${rowCount + 1})`, result };
    }
    const row = sheet.addRow(values);
    if (labelColumn) row.getCell(labelColumn.number).style = BOLD;
    for (const c of encoder.totalsColumns) row.getCell(c.number).style = styles[c.index].total;
    row.commit();
  }

  private writeInfo(workbook: ExcelJS.stream.xlsx.WorkbookWriter, result: ExportResult): void {
    const { info } = this.options;
    const sheet = workbook.addWorksheet(INFO_SHEET_NAME);
    sheet.columns = [{ width: 34 }, { width: 90 }];
    const timeZone = info.timeZone ?? 'Europe/Berlin';
    const rows: [string, string | number][] = [
      ['Export', info.exportType],
      ['Erstellt von', info.creator],
      ['Erstellt am', formatTimestamp(info.createdAt, timeZone)],
      ['Erstellt am (UTC, ISO 8601)', info.createdAt.toISOString()],
      ['Datenblatt', this.sheetName],
      ['Datenzeilen', result.rowCount],
      ['SHA-256 der Datenzeilen', result.sha256],
      ['Prüfsummenverfahren', `${result.hashVersion}: ${ROW_HASH_DESCRIPTION}`],
    ];
    const add = (label: string, value: string | number | undefined, labelStyle = BOLD, valueStyle = INTEGER_STYLE): void => {
      const row = sheet.addRow([sheetText(label), typeof value === 'string' ? sheetText(value) : value]);
      row.getCell(1).style = labelStyle;
      if (typeof value === 'number') row.getCell(2).style = valueStyle;
      row.commit();
    };
    for (const [label, value] of rows) add(label, value);
    sheet.addRow([]).commit();
    const filters = info.filters ?? [];
    add('Filter', filters.length === 0 ? 'keine' : undefined, HEADER_STYLE);
    for (const f of filters) add(f.label, f.value);
    if (info.summary && info.summary.length > 0) {
      sheet.addRow([]).commit();
      add('Ergebnis', undefined, HEADER_STYLE);
      for (const line of info.summary) {
        if (line.kind === 'money' && line.value !== null) add(line.label, moneyToSheetNumber(line.value), BOLD, MONEY_STYLE);
        else add(line.label, line.value ?? undefined);
      }
    }
    sheet.commit();
  }
}

/** „25.11.2026, 14:03:12 MEZ“ in the business time zone. */
export function formatTimestamp(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}
