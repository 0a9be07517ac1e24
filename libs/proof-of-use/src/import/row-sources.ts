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

function dateOf(d: Date): RawCell {
  if (Number.isNaN(d.getTime())) return { kind: 'error', code: '#WERT!' };
  // exceljs builds the Date from the serial day in UTC, so the UTC fields are the calendar day.
  return { kind: 'date', date: CalendarDate.of(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) };
}

function rawOfCell(cell: ExcelJS.Cell): RawCell {
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
  if (v instanceof Date) return dateOf(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'error', code: '#WERT!' };
    const fmt = cell.numFmt;
    return { kind: 'number', value: v, percentFormat: typeof fmt === 'string' && fmt.replace(/"[^"]*"/g, '').includes('%') };
  }
  if (typeof v === 'string') return { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  return { kind: 'text', text: String(v) };
}

interface SheetReader {
  name?: string;
  iterator?: { destroy?: () => void };
  /** exceljs's own parse loop: one array of events per chunk of sheet XML ('row' events carry a Row). */
  parse(): AsyncIterable<{ eventType: string; value: unknown }[]>;
}

/**
 * Rows of the sheet „Belegliste“ (or, when there is none, the first sheet) of an xlsx stream, read
 * with exceljs's streaming WorkbookReader. `styles: 'cache'` makes exceljs apply the number formats,
 * so date cells arrive as dates and percent cells can be told apart; the other sheets are skipped.
 * Rows come in batches, one per chunk exceljs parsed: one await per chunk instead of several per row.
 */
export async function* xlsxRows(input: Readable): AsyncGenerator<SourceRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let found = false;
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
      for await (const events of ws.parse()) {
        const batch: SourceRow[] = [];
        for (const { eventType, value } of events) {
          if (eventType !== 'row') continue;
          const row = value as ExcelJS.Row;
          const cells: RawCell[] = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            cells[col - 1] = rawOfCell(cell);
          });
          batch.push({ number: row.number, cells });
        }
        if (batch.length > 0) yield batch;
      }
    }
  } catch (err) {
    throw new UnreadableFileError('Die Excel-Datei ist beschädigt und kann nicht gelesen werden.', err);
  } finally {
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
