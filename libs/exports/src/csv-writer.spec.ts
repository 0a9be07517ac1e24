import { PassThrough, Writable } from 'node:stream';
import { collector } from '../test/helpers';
import { type ReceiptRow, receiptColumns, receiptRows } from '../test/fixtures';
import { StreamingCsvWriter } from './csv-writer';
import { ExportValueError } from './exports.errors';

async function csvOf(rows: ReceiptRow[], totals = false): Promise<{ bytes: Buffer; text: string; sha256: string }> {
  const out = collector();
  const result = await new StreamingCsvWriter({ columns: receiptColumns, totals }).write({ rows }, out.stream);
  const bytes = await out.done;
  return { bytes, text: bytes.toString('utf8'), sha256: result.sha256 };
}

describe('StreamingCsvWriter', () => {
  it('writes UTF-8 with BOM, semicolons, CRLF, decimal comma, German dates, quoting and neutralisation', async () => {
    const { bytes, text } = await csvOf(receiptRows);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toEqual([
      'Aktenzeichen;Empfänger;Grund;Belegdatum;Betrag;Anzahl;VZÄ;Fördersatz;Anerkannt',
      `AZ-2026-001;"'=HYPERLINK(""http://x"",""y"")";'+SUM(1);28.02.2026;1234,56;3;0,75;90,00;ja`,
      "AZ-2026-002;'-1+2;'@A1;31.12.2026;-5,00;1;1,00;12,50;nein",
      "AZ-2026-003;'\t=1;'  =1;01.01.2026;9999999999999,99;;;;",
      'AZ-2026-004;"Verein; ""Zukunft"" e.V.";"Zeile 1\nZeile 2";;;0;0,50;100,00;ja',
      '',
    ]);
    // Umlauts as UTF-8, not Latin-1
    expect(bytes.includes(Buffer.from('Empfänger', 'utf8'))).toBe(true);
  });

  it('has no totals line by default, one with `totals: true`', async () => {
    const plain = await csvOf(receiptRows);
    const withTotals = await csvOf(receiptRows, true);
    expect(plain.text.endsWith('ja\r\n')).toBe(true);
    expect(withTotals.text.endsWith('ja\r\nSumme;;;;10000000001229,55;4;2,25;;\r\n')).toBe(true);
    expect(withTotals.sha256).toBe(plain.sha256); // the checksum covers data rows only
  });

  it('writes only the header for no rows', async () => {
    const { text } = await csvOf([]);
    expect(text).toBe('\uFEFFAktenzeichen;Empfänger;Grund;Belegdatum;Betrag;Anzahl;VZÄ;Fördersatz;Anerkannt\r\n');
  });

  it('waits for drain: never more than about one chunk queued in a slow destination', async () => {
    const chunks: Buffer[] = [];
    let maxQueued = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        setImmediate(cb);
      },
    });
    const rows = Array.from({ length: 20000 }, (_, i): ReceiptRow => ({ ...receiptRows[1], fileNumber: `AZ-${i}` }));
    async function* source() {
      for (let i = 0; i < rows.length; i += 500) {
        maxQueued = Math.max(maxQueued, slow.writableLength);
        yield rows.slice(i, i + 500);
      }
    }
    const progress: number[] = [];
    const result = await new StreamingCsvWriter<ReceiptRow>({ columns: receiptColumns, onProgress: (n) => void progress.push(n), progressEveryRows: 5000 }).write(
      { batches: source() },
      slow,
    );
    expect(result.rowCount).toBe(20000);
    expect(progress).toEqual([5000, 10000, 15000, 20000]);
    // Without waiting for drain all ~1,8 MB would queue up here.
    expect(maxQueued).toBeLessThanOrEqual(70 * 1024);
    const lines = Buffer.concat(chunks).toString('utf8').split('\r\n');
    expect(lines).toHaveLength(20002);
    expect(lines[20000].startsWith('AZ-19999;')).toBe(true);
  });

  it('fails with row and column, destroys the destination', async () => {
    const dest = new PassThrough();
    dest.on('error', () => undefined);
    await expect(
      new StreamingCsvWriter<ReceiptRow>({ columns: receiptColumns }).write({ rows: [{ ...receiptRows[0], count: 1.5 }] }, dest),
    ).rejects.toThrow(ExportValueError);
    expect(dest.destroyed).toBe(true);
  });
});
