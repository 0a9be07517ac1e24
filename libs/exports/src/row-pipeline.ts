import type { Writable } from 'node:stream';
import { type Canonical, type CanonicalEncoder, CellValueError, canonicalEncoder } from './cell-encoding';
import { columnLetter, type ColumnType, type ExportColumn, validateColumns } from './columns';
import { ExportDefinitionError, ExportValueError } from './exports.errors';
import { ROW_HASH_VERSION, RowHasher } from './row-hash';

/**
 * Rows for an export: single rows or batches (e.g. one pg-cursor read each). The writers pull the
 * next item only after the previous one is written and the output has room again, so a lazy
 * source (an async generator) never reads ahead of the file.
 */
export type RowInput<R> =
  | { readonly rows: AsyncIterable<R> | Iterable<R> }
  | { readonly batches: AsyncIterable<readonly R[]> | Iterable<readonly R[]> };

export interface ExportResult {
  /** Data rows written (without header and totals). */
  readonly rowCount: number;
  /** Hex SHA-256 of the canonical data rows (row-hash.ts); the same for xlsx and CSV. */
  readonly sha256: string;
  readonly hashVersion: string;
  /** Exact totals of the columns with `total`, as decimal text (`"1234.56"`), by key. */
  readonly totals: Readonly<Record<string, string>>;
}

export interface RowWriterOptions {
  /**
   * Called with the number of data rows written, every `progressEveryRows` rows and once at the
   * end. Awaited (e.g. `job.updateProgress`); a rejection fails the export.
   */
  readonly onProgress?: (rowsWritten: number) => void | Promise<void>;
  /** Default 10.000. */
  readonly progressEveryRows?: number;
  /** Stops the export between rows; the destination is destroyed with the abort reason. */
  readonly signal?: AbortSignal;
}

/** How many single rows are grouped into one batch (also the sample for column widths). */
const ROW_GROUP = 1000;

export interface CompiledColumn<R> {
  readonly def: ExportColumn<R>;
  readonly index: number;
  /** 1-based, as in the sheet. */
  readonly number: number;
  readonly letter: string;
  readonly type: ColumnType;
  readonly decimals: number;
  /** Places of the canonical text (money 2, decimal `decimals`, integer 0); for sums. */
  readonly scale: number;
  readonly get: (row: R) => unknown;
  readonly encode: CanonicalEncoder;
}

function compile<R>(columns: readonly ExportColumn<R>[]): CompiledColumn<R>[] {
  validateColumns(columns);
  return columns.map((def, index) => {
    const decimals = def.decimals ?? 2;
    const key = def.key;
    return {
      def,
      index,
      number: index + 1,
      letter: columnLetter(index + 1),
      type: def.type,
      decimals,
      scale: def.type === 'money' ? 2 : def.type === 'decimal' ? decimals : 0,
      get: def.value ?? ((row: R) => (row as Record<string, unknown>)[key]),
      encode: canonicalEncoder(def.type, decimals),
    };
  });
}

/**
 * Turns each row into its canonical cells (cell-encoding.ts), keeps the checksum and the exact
 * totals. One per export run.
 */
export class RowEncoder<R> {
  readonly columns: readonly CompiledColumn<R>[];
  /** The canonical cells of the row last encoded; overwritten by the next `encode`. */
  readonly cells: Canonical[];
  private readonly totalColumns: readonly CompiledColumn<R>[];
  private readonly sums: bigint[];
  private readonly hasher = new RowHasher();
  private count = 0;

  constructor(columns: readonly ExportColumn<R>[]) {
    this.columns = compile(columns);
    this.cells = new Array<Canonical>(this.columns.length).fill(null);
    this.totalColumns = this.columns.filter((c) => c.def.total === true);
    this.sums = this.columns.map(() => 0n);
  }

  get rowCount(): number {
    return this.count;
  }

  get hasTotals(): boolean {
    return this.totalColumns.length > 0;
  }

  encode(row: R): void {
    const rowNumber = this.count + 1;
    const { columns, cells } = this;
    for (let i = 0; i < columns.length; i++) cells[i] = encodeCell(columns[i], row, rowNumber);
    for (const c of this.totalColumns) {
      const text = cells[c.index];
      if (text !== null) this.sums[c.index] += BigInt(c.scale === 0 ? text : text.replace('.', ''));
    }
    this.hasher.update(cells);
    this.count = rowNumber;
  }

  /** Display widths of a sample, for column widths; no side effects on count, sums or hash. */
  measure(rows: readonly R[]): number[] {
    const widths = this.columns.map(() => 0);
    rows.forEach((row, r) => {
      for (const c of this.columns) {
        const text = encodeCell(c, row, r + 1);
        if (text !== null) widths[c.index] = Math.max(widths[c.index], displayLength(c, text));
      }
    });
    return widths;
  }

  /** Exact total of a total column as decimal text with the column's places. */
  totalText(column: CompiledColumn<R>): string {
    return scaledText(this.sums[column.index], column.scale);
  }

  totals(): Record<string, string> {
    return Object.fromEntries(this.totalColumns.map((c) => [c.def.key, this.totalText(c)]));
  }

  get totalsColumns(): readonly CompiledColumn<R>[] {
    return this.totalColumns;
  }

  result(): ExportResult {
    return { rowCount: this.count, sha256: this.hasher.digest(), hashVersion: ROW_HASH_VERSION, totals: this.totals() };
  }
}

function encodeCell<R>(column: CompiledColumn<R>, row: R, rowNumber: number): Canonical {
  try {
    return column.encode(column.get(row));
  } catch (err) {
    if (err instanceof CellValueError) throw new ExportValueError(column.def.key, rowNumber, err.message);
    throw err;
  }
}

function scaledText(value: bigint, scale: number): string {
  if (scale === 0) return value.toString();
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Roughly the characters Excel shows for a canonical value (thousands dots, " €", " %"). */
function displayLength<R>(column: CompiledColumn<R>, text: string): number {
  const grouped = (t: string): number => {
    const dot = t.indexOf('.');
    const intDigits = (dot < 0 ? t.length : dot) - (t.startsWith('-') ? 1 : 0);
    return t.length + Math.floor((intDigits - 1) / 3);
  };
  switch (column.type) {
    case 'text': {
      let longest = 0;
      for (const line of text.split('\n')) longest = Math.max(longest, line.length);
      return longest;
    }
    case 'money':
      return grouped(text) + 2;
    case 'decimal':
    case 'integer':
      return grouped(text);
    case 'percent':
      return text.length + 1;
    case 'date':
      return 10;
    case 'boolean':
      return 4;
  }
}

/** Column widths: explicit ones win; else the header (plus the filter button) or the sample, within 8–60. */
export function columnWidths<R>(columns: readonly CompiledColumn<R>[], sampleWidths: readonly number[]): number[] {
  return columns.map((c) => {
    if (c.def.width !== undefined) return c.def.width;
    const header = Math.min(c.def.header.length + 4, 40);
    return Math.min(60, Math.max(8, header, sampleWidths[c.index] + 2));
  });
}

/** The input as batches: batches pass through, single rows are grouped (for fewer awaits and a width sample). */
export async function* batchesOf<R>(input: RowInput<R>): AsyncGenerator<readonly R[], void, undefined> {
  if ('batches' in input) {
    for await (const batch of input.batches) if (batch.length > 0) yield batch;
    return;
  }
  let group: R[] = [];
  for await (const row of input.rows) {
    group.push(row);
    if (group.length >= ROW_GROUP) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}

export class ProgressReporter {
  private lastReported = -1;
  private readonly every: number;

  constructor(private readonly options: RowWriterOptions) {
    this.every = options.progressEveryRows ?? 10000;
    if (!(Number.isInteger(this.every) && this.every > 0)) throw new ExportDefinitionError('progressEveryRows muss eine positive ganze Zahl sein.');
  }

  async maybe(rows: number): Promise<void> {
    if (this.options.onProgress && rows - Math.max(0, this.lastReported) >= this.every) await this.report(rows);
  }

  async final(rows: number): Promise<void> {
    if (this.options.onProgress && rows !== this.lastReported) await this.report(rows);
  }

  private async report(rows: number): Promise<void> {
    this.lastReported = rows;
    await this.options.onProgress?.(rows);
  }
}

export interface OnceEmitter {
  once(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
}

/**
 * Watches a destination for an error or an early close while the writer is busy elsewhere, so
 * that a wait for `drain` cannot hang on a stream that is gone.
 */
export class DestinationGuard {
  private failure: Error | null = null;
  private rejectWaiter: ((err: Error) => void) | null = null;
  private readonly onError = (err: Error): void => this.fail(err);
  private readonly onClose = (): void => {
    if (!this.destination.writableFinished) this.fail(new Error('Das Ausgabeziel wurde vorzeitig geschlossen.'));
  };

  constructor(private readonly destination: Writable) {
    destination.on('error', this.onError);
    destination.on('close', this.onClose);
  }

  fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.rejectWaiter?.(err);
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** Resolves on `event` of `emitter`, rejects when the destination fails first. */
  async waitFor(emitter: OnceEmitter, event: string): Promise<void> {
    this.throwIfFailed();
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        this.rejectWaiter = null;
        resolve();
      };
      emitter.once(event, done);
      this.rejectWaiter = (err) => {
        emitter.removeListener(event, done);
        this.rejectWaiter = null;
        reject(err);
      };
    });
  }

  /** Destroys the destination with `err` (so no consumer mistakes a partial file for a whole one). */
  destroyWith(err: unknown): void {
    const error = err instanceof Error ? err : new Error(String(err));
    this.fail(error);
    if (!this.destination.destroyed) this.destination.destroy(error);
  }

  release(): void {
    this.destination.removeListener('error', this.onError);
    this.destination.removeListener('close', this.onClose);
  }
}
