// Guards what the xlsx writer relies on inside exceljs/archiver (exceljs-internals.ts). When one of
// these fails after an upgrade, re-measure memory (bench/export) before touching the expectations.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { readWorkbook } from '../test/helpers';
import type { ExportColumn } from './columns';
import { ExceljsInternalsChangedError, sheetArchiveInput, workbookArchive } from './exceljs-internals';

import { DestinationGuard } from './row-pipeline';
import { StreamingWorkbookWriter } from './xlsx-writer';

/* eslint-disable @typescript-eslint/no-require-imports */
const versionOf = (pkg: string, from?: string): string =>
  (require(require.resolve(`${pkg}/package.json`, from ? { paths: [from] } : undefined)) as { version: string }).version;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A destination that takes nothing until `open()` (a stalled disk or client), then keeps up;
 * consumed bytes are kept for reading back.
 */
function stalledSink(): { stream: Writable; bytes: () => Buffer; open: () => void } {
  const chunks: Buffer[] = [];
  const held: (() => void)[] = [];
  let opened = false;
  const stream = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      if (opened) cb();
      else held.push(cb);
    },
  });
  const open = (): void => {
    opened = true;
    for (const cb of held.splice(0)) cb();
  };
  return { stream, bytes: () => Buffer.concat(chunks), open };
}

const columns: ExportColumn<{ n: number; text: string; amount: string; day: string }>[] = [
  { header: 'Nr.', key: 'n', type: 'integer' },
  { header: 'Text', key: 'text', type: 'text' },
  { header: 'Betrag', key: 'amount', type: 'money', total: true },
  { header: 'Datum', key: 'day', type: 'date' },
];
// 11.000 rows (≈ 11 MB of XML) before the sink opens: far more than every buffer between the writer
// and the sink can hold, so the queue must reach the writer's mark first. With 5.000 rows the
// writer never saw the mark in CI's long-running in-band jest process (drainWaits 0, twice).
const rows = Array.from({ length: 12000 }, (_, i) => ({
  n: i,
  // Hardly compressible, so that the deflated output outgrows archiver's own buffers (1 MiB each
  // side) before the sink opens; only then does the XML queue where the writer watches it.
  text: `Beleg ${i} ${randomBytes(750).toString('base64')}`,
  amount: `${i}.${String(i % 100).padStart(2, '0')}`,
  day: '2026-06-30',
}));
const info = { exportType: 'Test', creator: 'Test', createdAt: new Date('2026-01-01T00:00:00Z') };

describe('exceljs internals the xlsx backpressure relies on', () => {
  it('runs on the pinned versions', () => {
    const exceljsDir = path.dirname(require.resolve('exceljs/package.json'));
    expect(versionOf('exceljs')).toBe('4.4.0');
    expect(versionOf('archiver', exceljsDir)).toMatch(/^5\./);
    const archiverUtilsDir = path.dirname(require.resolve('archiver-utils/package.json', { paths: [path.dirname(require.resolve('archiver/package.json', { paths: [exceljsDir] }))] }));
    expect(versionOf('readable-stream', archiverUtilsDir)).toMatch(/^2\./);
  });

  it('finds the archiver input of a worksheet and the archive of a workbook', async () => {
    const sink = stalledSink();
    sink.open();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink.stream });
    const sheet = workbook.addWorksheet('Daten');
    const input = sheetArchiveInput(sheet);
    expect(input._writableState.length).toBe(0);
    expect(typeof workbookArchive(workbook).abort).toBe('function');
    sheet.commit();
    await workbook.commit();
    expect(() => sheetArchiveInput({})).toThrow(ExceljsInternalsChangedError);
    expect(() => sheetArchiveInput({ stream: { pipes: [{}] } })).toThrow(ExceljsInternalsChangedError);
    expect(() => workbookArchive({})).toThrow(ExceljsInternalsChangedError);
  });

  /** Rows that open the sink when the 11.000th is pulled (a fallback: the writer should wait long before). */
  function* rowsOpeningLate(sink: { open: () => void }) {
    for (const [i, row] of rows.entries()) {
      if (i === 11000) sink.open();
      yield row;
    }
  }

  /**
   * Opens the sink when the writer itself starts waiting for the zip (DestinationGuard.waitFor on
   * `drain`), and at no other moment: until then the sink takes nothing, so the queue in front of
   * the zip only grows and the writer must see it above the mark at one of its checks. Watching the
   * queue instead (a poll, or any `drain` listener on the archiver input) raced in CI: exceljs
   * flushes sheet XML into the input while the writer yields between rows and listens for `drain`
   * itself, so the sink opened before the writer had waited.
   */
  function openWhenBlocked(sink: { open: () => void }): () => void {
    const waitFor = DestinationGuard.prototype.waitFor;
    const spy = jest.spyOn(DestinationGuard.prototype, 'waitFor').mockImplementation(function (this: DestinationGuard, emitter, event) {
      const waiting = waitFor.call(this, emitter, event);
      if (event === 'drain') setImmediate(sink.open);
      return waiting;
    });
    return () => spy.mockRestore();
  }

  it('exceljs still has no backpressure of its own: without the mark, XML piles up in front of the zip', async () => {
    const sink = stalledSink();
    const writer = new StreamingWorkbookWriter({ columns, info, maxBufferedBytes: Number.POSITIVE_INFINITY });
    const result = await writer.write({ rows: rowsOpeningLate(sink) }, sink.stream);
    expect(result.drainWaits).toBe(0);
    // If this fails, exceljs/archiver may have gained backpressure: re-measure, maybe drop the workaround.
    expect(result.peakBufferedBytes).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('with the mark, the writer waits for the zip: the queued XML stays bounded and the file is complete', async () => {
    const sink = stalledSink();
    const mark = 128 * 1024;
    const writer = new StreamingWorkbookWriter({ columns, info, maxBufferedBytes: mark });
    const stopWatching = openWhenBlocked(sink);
    const result = await writer.write({ rows: rowsOpeningLate(sink) }, sink.stream).finally(stopWatching);
    // It blocked before the 11.000th row: nothing left the process until the writer waited. The
    // peak is in the message, so a failure says whether the queue ever reached the mark.
    expect({ waited: result.drainWaits > 0, peakBufferedBytes: result.peakBufferedBytes }).toEqual({ waited: true, peakBufferedBytes: expect.any(Number) });
    // mark + at most one StreamBuf chunk (64 KiB) + one row
    expect(result.peakBufferedBytes).toBeLessThanOrEqual(128 * 1024 + 64 * 1024 + 1024);
    const sheet = (await readWorkbook(sink.bytes())).getWorksheet('Daten')!;
    expect(sheet.rowCount).toBe(rows.length + 2);
    expect(sheet.getRow(rows.length + 1).getCell(2).value).toBe(rows[rows.length - 1].text);
    expect(sheet.getRow(rows.length + 2).getCell(3).value).toEqual({ formula: `SUM(C2:C${rows.length + 1})`, result: Number(result.totals.amount) });
  });
});
