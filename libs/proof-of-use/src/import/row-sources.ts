import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { CalendarDate } from '@foerderfluss/core';
import { EMPTY_CELL, RawCell } from './cell-values';
import { normalizeHeader } from './header';

/** One row of the file: its number as the user sees it (Excel row, CSV record) and its cells by column index. */
export interface SourceRow {
  readonly number: number;
  /** Sparse: a missing index is an empty cell. */
  readonly cells: readonly (RawCell | undefined)[];
}

/** The file cannot be read as what it claimed to be (damaged archive, broken XML, no sheet). */
export class UnreadableFileError extends Error {
  constructor(
    readonly germanDetail: string,
    cause?: unknown,
  ) {
    super(germanDetail, { cause });
    this.name = 'UnreadableFileError';
  }
}

export const PREFERRED_SHEET = 'Belegliste';

type ExcelValue = ExcelJS.CellValue | { result?: unknown; error?: string } | undefined;

const DAY_MS = 86400000;
/**
 * Date cells by UTC day. A Belegliste has a few hundred distinct days in 100.000 rows; the cells are
 * immutable, so one is shared per day instead of a CalendarDate (and its freeze) per cell.
 */
class DateCells {
  private readonly byDay = new Map<number, RawCell>();

  of(d: Date): RawCell {
    const ms = d.getTime();
    if (Number.isNaN(ms)) return { kind: 'error', code: '#WERT!' };
    const day = Math.floor(ms / DAY_MS);
    let cell = this.byDay.get(day);
    if (cell === undefined) {
      // exceljs builds the Date from the serial day in UTC, so the UTC fields are the calendar day.
      cell = { kind: 'date', date: CalendarDate.of(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) };
      if (this.byDay.size >= 10000) this.byDay.clear();
      this.byDay.set(day, cell);
    }
    return cell;
  }
}

function rawOfCell(cell: ExcelJS.Cell, dates: DateCells): RawCell {
  let v = cell.value as ExcelValue;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string; formula?: string; sharedFormula?: string };
    if ('error' in o && typeof o.error === 'string') return { kind: 'error', code: o.error };
    if ('formula' in o || 'sharedFormula' in o) {
      if (o.result === undefined) return { kind: 'error', code: 'Formel ohne berechnetes Ergebnis' };
      if (typeof o.result === 'object' && o.result !== null && 'error' in o.result) return { kind: 'error', code: String((o.result as { error: unknown }).error) };
      v = o.result as ExcelValue;
    } else if (Array.isArray(o.richText)) v = o.richText.map((r) => r.text).join('');
    else if (typeof o.text === 'string') v = o.text;
    else return { kind: 'error', code: '#WERT!' };
  }
  if (v === null || v === undefined || v === '') return EMPTY_CELL;
  if (v instanceof Date) return dates.of(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'error', code: '#WERT!' };
    return { kind: 'number', value: v, percentFormat: isPercentFormat(cell.numFmt) };
  }
  if (typeof v === 'string') return { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  return { kind: 'text', text: String(v) };
}

const percentFormats = new Map<string, boolean>();

/** A number format that shows a percentage: a % outside quoted text. */
function isPercentFormat(fmt: unknown): boolean {
  if (typeof fmt !== 'string') return false;
  let percent = percentFormats.get(fmt);
  if (percent === undefined) {
    percent = fmt.replace(/"[^"]*"/g, '').includes('%');
    if (percentFormats.size < 1000) percentFormats.set(fmt, percent);
  }
  return percent;
}

interface SheetReader {
  name?: string;
  iterator?: { destroy?: () => void };
  /** exceljs's own parse loop: one array of events per chunk of sheet XML ('row' events carry a Row). */
  parse(): AsyncIterable<{ eventType: string; value: unknown }[]>;
}

/**
 * Rows of the sheet „Belegliste“ (or, when there is none, the first sheet) of an xlsx stream, read
 * with exceljs's streaming WorkbookReader, with the options of a plain exceljs read: `styles:
 * 'cache'` makes exceljs apply the number formats, so date cells arrive as dates and percent cells
 * can be told apart; the other sheets are skipped. Rows come in batches, one per chunk exceljs
 * parsed: one await per chunk instead of several per row.
 *
 * Memory: exceljs builds a Row with Cell objects for every row of a chunk and keeps them (and the
 * chunk's SAX events) referenced while its generator waits at `yield`. Were the batch handled while
 * exceljs waits there, a whole chunk of its objects would stay alive across the caller's work, and
 * V8, seeing nearly all of them survive a scavenge, starts allocating them directly in the old
 * generation (allocation-site pretenuring): the heap then grows by about 1 KB a row until a full GC.
 * So each chunk is copied into small RawCells, exceljs's array is emptied, and exceljs is already
 * asked for the next chunk (it lets go of the previous one and waits for file data) before the
 * batch is handed out. (A GC that lands inside exceljs's own work on the first chunk can still
 * cause it, which is why the worker runs without pretenuring; see scripts/start.js.)
 */
export async function* xlsxRows(input: Readable): AsyncGenerator<SourceRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const dates = new DateCells();
  let found = false;
  let open: AsyncIterator<{ eventType: string; value: unknown }[]> | null = null;
  try {
    for await (const ws of reader as unknown as AsyncIterable<SheetReader>) {
      const sheets = ((reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? []).map((s) => s.name);
      const target = sheets.find((n) => normalizeHeader(n) === normalizeHeader(PREFERRED_SHEET)) ?? sheets[0];
      if (found || (target !== undefined && ws.name !== target)) {
        // Not read: close a sheet exceljs parked in a temp file (a sheet in the zip is drained by exceljs).
        ws.iterator?.destroy?.();
        continue;
      }
      found = true;
      const chunks = ws.parse()[Symbol.asyncIterator]();
      open = chunks;
      let next = chunks.next();
      for (;;) {
        const chunk = await next;
        if (chunk.done) break;
        const events = chunk.value;
        const batch: SourceRow[] = [];
        for (let i = 0; i < events.length; i++) {
          const event = events[i]!;
          if (event.eventType !== 'row') continue;
          const row = event.value as ExcelJS.Row;
          const cells: RawCell[] = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            cells[col - 1] = rawOfCell(cell, dates);
          });
          batch.push({ number: row.number, cells });
        }
        events.length = 0;
        next = chunks.next();
        // Settled (and its error thrown) at the next await above; until then nobody may see it as unhandled.
        next.catch(() => undefined);
        if (batch.length > 0) yield batch;
      }
      open = null;
    }
  } catch (err) {
    throw new UnreadableFileError('Die Excel-Datei ist beschädigt und kann nicht gelesen werden.', err);
  } finally {
    // Stopped early: exceljs closes the sheet's temp file once its pending read has settled.
    if (open) void open.return?.().catch(() => undefined);
    input.destroy();
  }
  if (!found) throw new UnreadableFileError('Die Excel-Datei enthält kein Tabellenblatt.');
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'ein Anführungszeichen wird nicht geschlossen',
  CSV_INVALID_CLOSING_QUOTE: 'nach einem schließenden Anführungszeichen folgt kein Trennzeichen',
  CSV_MAX_RECORD_SIZE: 'eine Zeile ist länger als 1 MB',
};

const CSV_BATCH = 500;

/** Records of a CSV stream (UTF-8, BOM allowed) as rows, in batches; the record number is the row number. */
export async function* csvRows(input: Readable, delimiter: string): AsyncGenerator<SourceRow[]> {
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: 1024 * 1024,
  });
  input.once('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let number = 0;
  let batch: SourceRow[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      number++;
      batch.push({ number, cells: record.map((text) => (text === '' ? EMPTY_CELL : ({ kind: 'text', text } as RawCell))) });
      if (batch.length >= CSV_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = CSV_PROBLEMS[code ?? ''] ?? 'ungültiges CSV-Format';
    throw new UnreadableFileError(`Die CSV-Datei kann ab Zeile ${number + 1} nicht gelesen werden: ${why}.`, err);
  } finally {
    input.unpipe(parser);
    parser.destroy();
  }
}
