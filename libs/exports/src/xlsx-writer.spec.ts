import { createHash } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { dec, decimalText } from '@foerderfluss/core';
import { collector, readWorkbook } from '../test/helpers';
import { injectionTexts, type ReceiptRow, receiptColumns, receiptRows } from '../test/fixtures';
import { type ExportColumn, MONEY_NUM_FMT } from './columns';
import { StreamingCsvWriter } from './csv-writer';
import { ExportTooManyRowsError, ExportValueError } from './exports.errors';
import { MAX_XLSX_DATA_ROWS, StreamingWorkbookWriter, type WorkbookInfo } from './xlsx-writer';

const info: WorkbookInfo = {
  exportType: 'Belegliste',
  creator: 'Erika Muster (Rechnungsprüfung)',
  createdAt: new Date('2026-11-25T13:03:12Z'),
  filters: [
    { label: 'Haushaltsjahr', value: '2026' },
    { label: 'Träger', value: '=Evil e.V.' },
  ],
};

async function writeXlsx<R>(columns: ExportColumn<R>[], rows: R[], extra: Partial<ConstructorParameters<typeof StreamingWorkbookWriter<R>>[0]> = {}) {
  const writer = new StreamingWorkbookWriter<R>({ columns, info, sheetName: 'Belegliste', ...extra });
  const out = collector();
  const result = await writer.write({ rows }, out.stream);
  const workbook = await readWorkbook(await out.done);
  return { result, workbook, sheet: workbook.getWorksheet('Belegliste')!, infoSheet: workbook.getWorksheet('Info')! };
}

/** The checksum recomputed from the sheet cells alone, as documented in row-hash.ts. */
function recomputeSha256(sheet: ExcelJS.Worksheet, columns: ExportColumn<never>[], rowCount: number): string {
  const hash = createHash('sha256');
  for (let r = 2; r <= rowCount + 1; r++) {
    const fields = columns.map((c, i) => {
      const v = sheet.getRow(r).getCell(i + 1).value;
      if (v === null || v === undefined) return null;
      switch (c.type) {
        case 'money':
          return decimalText(dec(String(v)), 2);
        case 'decimal':
          return decimalText(dec(String(v)), c.decimals ?? 2);
        case 'percent':
          return decimalText(dec(String(v)), (c.decimals ?? 2) + 2);
        case 'date':
          return (v as Date).toISOString().slice(0, 10);
        default:
          return String(v);
      }
    });
    hash.update(`${JSON.stringify(fields)}\n`, 'utf8');
  }
  return hash.digest('hex');
}

function infoMap(sheet: ExcelJS.Worksheet): Map<string, unknown> {
  const map = new Map<string, unknown>();
  sheet.eachRow((row) => map.set(String(row.getCell(1).value), row.getCell(2).value));
  return map;
}

describe('StreamingWorkbookWriter', () => {
  it('writes German headers, a frozen header row and an autofilter over the data', async () => {
    const { workbook, sheet } = await writeXlsx(receiptColumns, receiptRows);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Belegliste', 'Info']);
    expect(sheet.getRow(1).values).toEqual([undefined, ...receiptColumns.map((c) => c.header)]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' });
    expect(sheet.autoFilter).toBe('A1:I5');
    // LibreOffice shows filter buttons only with this defined name (the reader drops the quotes).
    expect(workbook.definedNames.model).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '_xlnm._FilterDatabase', ranges: ['Belegliste!$A$1:$I$5'] })]),
    );
    const widths = sheet.columns.map((c) => c.width);
    expect(widths[2]).toBe(30); // explicit
    expect(widths.every((w) => w !== undefined && w >= 8 && w <= 60)).toBe(true);
    expect(widths[1]).toBeGreaterThanOrEqual('Verein; "Zukunft" e.V.'.length); // from the sample rows
  });

  it('writes numbers as numbers and dates as dates, each with its format', async () => {
    const { sheet } = await writeXlsx(receiptColumns, receiptRows);
    const row2 = sheet.getRow(2);
    expect(row2.getCell(5).value).toBe(1234.56);
    expect(row2.getCell(5).numFmt).toBe('#,##0.00 "€"');
    expect(row2.getCell(6).value).toBe(3);
    expect(row2.getCell(6).numFmt).toBe('#,##0');
    expect(row2.getCell(7).value).toBe(0.75);
    expect(row2.getCell(7).numFmt).toBe('#,##0.00');
    expect(row2.getCell(8).value).toBe(0.9);
    expect(row2.getCell(8).numFmt).toBe('0.00 %');
    expect(row2.getCell(9).value).toBe('ja');
    const date = row2.getCell(4);
    expect(date.value).toBeInstanceOf(Date);
    expect((date.value as Date).toISOString()).toBe('2026-02-28T00:00:00.000Z'); // the same calendar day
    expect(date.numFmt).toBe('dd.mm.yyyy');
    // the money value −5,00 stays a number, next to neutralised text
    expect(sheet.getRow(3).getCell(5).value).toBe(-5);
    expect(sheet.getRow(3).getCell(5).type).toBe(2 /* ValueType.Number */);
    expect(sheet.getRow(4).getCell(5).value).toBe(9999999999999.99);
    // empty cells stay empty
    expect(sheet.getRow(5).getCell(4).value).toBeNull();
    expect(sheet.getRow(5).getCell(5).value).toBeNull();
  });

  it.each(['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
    'writes the same calendar day whatever the process time zone (%s)',
    async (zone) => {
      const saved = process.env.TZ;
      process.env.TZ = zone;
      try {
        const days = ['2026-01-01', '2026-03-29', '2026-10-25', '2026-12-31'];
        const { sheet } = await writeXlsx(receiptColumns, days.map((d) => ({ ...receiptRows[0], receiptDate: d })));
        days.forEach((d, i) => {
          const value = sheet.getRow(i + 2).getCell(4).value as Date;
          expect(value).toBeInstanceOf(Date); // a number with a date format reads back as a date
          expect(value.toISOString()).toBe(`${d}T00:00:00.000Z`);
        });
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    },
  );

  it('never lets user text become a formula', async () => {
    const { sheet } = await writeXlsx(receiptColumns, receiptRows);
    const texts: unknown[] = [];
    for (let r = 2; r <= 4; r++) texts.push(sheet.getRow(r).getCell(2).value, sheet.getRow(r).getCell(3).value);
    expect(texts).toEqual(injectionTexts.map((t) => `'${t}`));
    for (let r = 2; r <= 5; r++) {
      for (let c = 1; c <= receiptColumns.length; c++) {
        const cell = sheet.getRow(r).getCell(c);
        expect(cell.formula).toBeUndefined();
        expect(cell.type).not.toBe(6 /* ValueType.Formula */);
      }
    }
    expect(sheet.getRow(5).getCell(3).value).toBe('Zeile 1\nZeile 2');
  });

  it('puts SUM formulas with the exact cached totals right under the data', async () => {
    const { sheet, result } = await writeXlsx(receiptColumns, receiptRows);
    const totals = sheet.getRow(6);
    expect(totals.getCell(1).value).toBe('Summe');
    expect(totals.getCell(5).value).toEqual({ formula: 'SUM(E2:E5)', result: 10000000001229.55 });
    expect(totals.getCell(5).numFmt).toBe('#,##0.00 "€"');
    expect(totals.getCell(5).font?.bold).toBe(true);
    expect(totals.getCell(6).value).toEqual({ formula: 'SUM(F2:F5)', result: 4 });
    expect(totals.getCell(7).value).toEqual({ formula: 'SUM(G2:G5)', result: 2.25 });
    expect(totals.getCell(8).value).toBeNull();
    expect(result.totals).toEqual({ amount: '10000000001229.55', count: '4', fte: '2.25' });
    expect(sheet.rowCount).toBe(6);
  });

  it('fills the Info sheet, with a checksum anyone can recompute from the cells', async () => {
    const progress: number[] = [];
    const { sheet, infoSheet, result } = await writeXlsx(receiptColumns, receiptRows, { onProgress: (n) => void progress.push(n) });
    const map = infoMap(infoSheet);
    expect(map.get('Export')).toBe('Belegliste');
    expect(map.get('Erstellt von')).toBe('Erika Muster (Rechnungsprüfung)');
    expect(map.get('Erstellt am')).toBe('25.11.2026, 14:03:12 MEZ');
    expect(map.get('Erstellt am (UTC, ISO 8601)')).toBe('2026-11-25T13:03:12.000Z');
    expect(map.get('Datenblatt')).toBe('Belegliste');
    expect(map.get('Datenzeilen')).toBe(4);
    expect(map.get('Haushaltsjahr')).toBe('2026');
    expect(map.get('Träger')).toBe("'=Evil e.V."); // filters are user text too
    expect(String(map.get('Prüfsummenverfahren'))).toMatch(/^ff-rows-v1: SHA-256/);
    expect(result.rowCount).toBe(4);
    expect(map.get('SHA-256 der Datenzeilen')).toBe(result.sha256);
    expect(recomputeSha256(sheet, receiptColumns as ExportColumn<never>[], 4)).toBe(result.sha256);
    expect(progress).toEqual([4]);
  });

  it('adds result lines under „Ergebnis“ on the Info sheet: amounts as numbers with the money format, text neutralised', async () => {
    const summary = [
      { label: 'Zuwendung des Landes (Z_land)', value: '280000.00', kind: 'money' as const },
      { label: 'Stand des Nachweises', value: '=Entwurf' },
      { label: 'leer', value: null },
    ];
    const { infoSheet } = await writeXlsx(receiptColumns, receiptRows, { info: { ...info, summary } });
    const map = infoMap(infoSheet);
    expect(map.has('Ergebnis')).toBe(true);
    const row = infoSheet.getRows(1, infoSheet.rowCount)!.find((r) => r.getCell(1).value === 'Zuwendung des Landes (Z_land)')!;
    expect([row.getCell(2).value, row.getCell(2).numFmt]).toEqual([280000, MONEY_NUM_FMT]);
    expect(map.get('Stand des Nachweises')).toBe("'=Entwurf");
    expect(map.get('leer')).toBeNull();
  });

  it('gives the CSV of the same rows the same checksum', async () => {
    const { result } = await writeXlsx(receiptColumns, receiptRows);
    const out = collector();
    const csv = await new StreamingCsvWriter({ columns: receiptColumns }).write({ rows: receiptRows }, out.stream);
    await out.done;
    expect(csv.sha256).toBe(result.sha256);
    expect(csv.totals).toEqual(result.totals);
  });

  it('writes the same bytes for the same rows and creation time, whenever it runs (reproducible for auditors and restore drills)', async () => {
    const bytesAt = async (wallClock: string): Promise<Buffer> => {
      // Only Date moves: streams and zlib keep their real timers.
      jest.useFakeTimers({ now: new Date(wallClock), doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
      try {
        const out = collector();
        await new StreamingWorkbookWriter({ columns: receiptColumns, info, sheetName: 'Belegliste' }).write({ rows: receiptRows }, out.stream);
        return await out.done;
      } finally {
        jest.useRealTimers();
      }
    };
    const first = await bytesAt('2026-12-01T08:00:00Z');
    const later = await bytesAt('2027-03-15T17:45:33Z');
    expect(later.equals(first)).toBe(true);
    // Each zip entry carries the export's creation time (DOS time, UTC, 2 s steps) in its local header.
    const dosTime = first.readUInt32LE(10);
    const t = info.createdAt;
    expect(dosTime).toBe((((t.getUTCFullYear() - 1980) << 25) | ((t.getUTCMonth() + 1) << 21) | (t.getUTCDate() << 16) | (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1)) >>> 0);
  });

  it('handles an export without rows: header, filter on the header, a plain 0 total (no circular SUM)', async () => {
    const { sheet, infoSheet, result } = await writeXlsx(receiptColumns, []);
    expect(result.rowCount).toBe(0);
    expect(result.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sheet.autoFilter).toBe('A1:I1');
    expect(sheet.getRow(2).getCell(1).value).toBe('Summe');
    expect(sheet.getRow(2).getCell(5).value).toBe(0);
    expect(infoMap(infoSheet).get('Filter')).toBeNull(); // a section heading …
    expect(infoMap(infoSheet).get('Haushaltsjahr')).toBe('2026');
  });

  it('reads rows from batches and from async sources, reporting progress', async () => {
    const many = Array.from({ length: 2500 }, (_, i): ReceiptRow => ({ ...receiptRows[1], fileNumber: `AZ-${i}` }));
    async function* source() {
      for (let i = 0; i < many.length; i += 1000) yield many.slice(i, i + 1000);
    }
    const progress: number[] = [];
    const writer = new StreamingWorkbookWriter<ReceiptRow>({ columns: receiptColumns, info, totals: false, progressEveryRows: 1000, onProgress: (n) => void progress.push(n) });
    const out = collector();
    const result = await writer.write({ batches: source() }, out.stream);
    const sheet = (await readWorkbook(await out.done)).getWorksheet('Daten')!;
    expect(result.rowCount).toBe(2500);
    expect(progress).toEqual([1000, 2000, 2500]);
    expect(sheet.getRow(2501).getCell(1).value).toBe('AZ-2499');
    expect(sheet.getRow(2502).hasValues).toBe(false); // totals: false
  });

  it('fails with the row and column of a bad value, destroys the destination and closes the source', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<ReceiptRow> {
      try {
        yield receiptRows[0];
        yield { ...receiptRows[1], amount: 12.5 as unknown as string };
        yield receiptRows[2];
      } finally {
        closed = true;
      }
    }
    const dest = new PassThrough();
    dest.resume();
    const errors: Error[] = [];
    dest.on('error', (e) => errors.push(e));
    const writer = new StreamingWorkbookWriter<ReceiptRow>({ columns: receiptColumns, info });
    await expect(writer.write({ rows: source() }, dest)).rejects.toThrow(ExportValueError);
    await expect(writer.write({ rows: [receiptRows[0], { ...receiptRows[1], receiptDate: new Date() as unknown as string }] }, new PassThrough())).rejects.toThrow(
      /Datenzeile 2, Spalte "receiptDate": JS-Date/,
    );
    expect(closed).toBe(true);
    expect(dest.destroyed).toBe(true);
    await new Promise(setImmediate); // 'error' is emitted on the next tick
    expect(errors[0]).toBeInstanceOf(ExportValueError);
  });

  it('fails when the destination fails, instead of waiting for it forever', async () => {
    const broken = new Writable({
      write(_chunk, _enc, cb) {
        cb(new Error('Datenträger voll'));
      },
    });
    broken.on('error', () => undefined);
    const many = Array.from({ length: 20000 }, () => receiptRows[0]);
    const writer = new StreamingWorkbookWriter<ReceiptRow>({ columns: receiptColumns, info });
    await expect(writer.write({ rows: many }, broken)).rejects.toThrow('Datenträger voll');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('Worker fährt herunter'));
    const writer = new StreamingWorkbookWriter<ReceiptRow>({ columns: receiptColumns, info, signal: controller.signal });
    const dest = new PassThrough();
    dest.on('error', () => undefined);
    await expect(writer.write({ rows: receiptRows }, dest)).rejects.toThrow('Worker fährt herunter');
    expect(dest.destroyed).toBe(true);
  });

  it('refuses more rows than a sheet holds instead of writing a file Excel must repair', async () => {
    const writer = new StreamingWorkbookWriter<ReceiptRow>({ columns: receiptColumns, info, maxRows: 3 });
    const dest = new PassThrough();
    dest.on('error', () => undefined);
    await expect(writer.write({ rows: receiptRows }, dest)).rejects.toThrow(ExportTooManyRowsError);
    await expect(new StreamingWorkbookWriter<ReceiptRow>({ columns: receiptColumns, info, maxRows: 3 }).write({ rows: receiptRows }, new PassThrough())).rejects.toThrow(
      /mehr als 3 Datenzeilen .* CSV-Format/,
    );
    expect(dest.destroyed).toBe(true);
    const out = collector();
    await new StreamingWorkbookWriter<ReceiptRow>({ columns: receiptColumns, info, maxRows: 4 }).write({ rows: receiptRows }, out.stream);
    await out.done;
    expect(MAX_XLSX_DATA_ROWS).toBe(1048574);
  });

  it('refuses bad definitions before reading a row', () => {
    const make = (columns: ExportColumn[], sheetName?: string) => () => new StreamingWorkbookWriter({ columns, info, sheetName });
    expect(make([])).toThrow(/mindestens eine Spalte/);
    expect(make([{ header: 'A', key: 'a', type: 'text', total: true }])).toThrow(/keine Summe/);
    expect(make([{ header: 'A', key: 'a', type: 'text' }, { header: 'B', key: 'a', type: 'money' }])).toThrow(/doppelt/);
    expect(make([{ header: 'A', key: 'a', type: 'text' }], 'Info')).toThrow(/reserviert/);
    expect(make([{ header: 'A', key: 'a', type: 'text' }], 'a/b')).toThrow(/Blattname/);
    expect(make([{ header: 'A', key: 'a', type: 'text' }], 'x'.repeat(32))).toThrow(/Blattname/);
  });
});
