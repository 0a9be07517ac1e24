import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { csvFieldOf, csvQuote, sheetText } from './cell-encoding';
import type { ExportColumn } from './columns';
import { batchesOf, DestinationGuard, type ExportResult, ProgressReporter, RowEncoder, type RowInput, type RowWriterOptions } from './row-pipeline';

export interface StreamingCsvWriterOptions<R> extends RowWriterOptions {
  readonly columns: readonly ExportColumn<R>[];
  /**
   * A last line „Summe;…“ with the totals of the `total` columns. Default false: CSV is read by
   * tools that take every line for a record, and the totals are in the result (and the xlsx).
   */
  readonly totals?: boolean;
}

/** UTF-8 byte order mark: without it Excel reads the file as Windows-1252 and breaks the umlauts. */
export const CSV_BOM = '\uFEFF';
const SEPARATOR = ';';
const EOL = '\r\n';
/** Text collected before one `write`: fewer, larger chunks are much cheaper than one per row. */
const CHUNK = 64 * 1024;

/**
 * Writes the CSV form of an export as German Excel opens it directly: UTF-8 with BOM, `;`, CRLF,
 * decimal comma without thousands separators (`1234,56`), dates `TT.MM.JJJJ`, fields quoted only
 * when they contain `;`, `"` or a line break. Text goes through the same cleaning and formula
 * neutralisation as the xlsx, so the checksum is the same. `write` honours backpressure (awaits
 * `drain`), ends `destination`, and destroys it with the error on failure.
 */
export class StreamingCsvWriter<R = Record<string, unknown>> {
  constructor(private readonly options: StreamingCsvWriterOptions<R>) {
    new RowEncoder(options.columns); // validates the columns now, not at the first row
  }

  async write(input: RowInput<R>, destination: Writable): Promise<ExportResult> {
    const { options } = this;
    const encoder = new RowEncoder(options.columns);
    const columns = encoder.columns;
    const progress = new ProgressReporter(options);
    const guard = new DestinationGuard(destination);
    const batches = batchesOf(input);

    let pending = CSV_BOM + columns.map((c) => csvQuote(sheetText(c.def.header))).join(SEPARATOR) + EOL;
    const flush = async (): Promise<void> => {
      guard.throwIfFailed();
      if (pending === '') return;
      const ok = destination.write(pending, 'utf8');
      pending = '';
      if (!ok) await guard.waitFor(destination, 'drain');
    };

    try {
      for (let next = await batches.next(); !next.done; next = await batches.next()) {
        options.signal?.throwIfAborted();
        for (const row of next.value) {
          encoder.encode(row);
          const cells = encoder.cells;
          let line = csvFieldOf(columns[0].type, cells[0]);
          for (let i = 1; i < columns.length; i++) line += SEPARATOR + csvFieldOf(columns[i].type, cells[i]);
          pending += line + EOL;
          if (pending.length >= CHUNK) await flush();
        }
        await progress.maybe(encoder.rowCount);
      }
      if (options.totals) {
        const fields = columns.map(() => '');
        const labelColumn = columns.find((c) => c.def.total !== true);
        if (labelColumn) fields[labelColumn.index] = 'Summe';
        for (const c of encoder.totalsColumns) fields[c.index] = csvFieldOf(c.type, encoder.totalText(c));
        pending += fields.join(SEPARATOR) + EOL;
      }
      await flush();
      destination.end();
      // finished() also resolves for a destination that finished before we got here.
      await finished(destination, { readable: false });
      guard.release();
      await progress.final(encoder.rowCount);
      return encoder.result();
    } catch (err) {
      guard.destroyWith(err);
      await batches.return(undefined);
      throw err;
    }
  }
}
