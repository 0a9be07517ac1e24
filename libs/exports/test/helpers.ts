// Test support for libs/exports specs (outside src/, so it never ships in the build).
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/** A Writable that keeps everything; `done` resolves with the bytes on finish. */
export function collector(): { stream: Writable; done: Promise<Buffer> } {
  const chunks: Buffer[] = [];
  let resolve!: (b: Buffer) => void;
  let reject!: (e: Error) => void;
  const done = new Promise<Buffer>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  stream.on('finish', () => resolve(Buffer.concat(chunks)));
  stream.on('error', reject);
  done.catch(() => undefined);
  return { stream, done };
}

/** Reads an xlsx as exceljs sees it (the Buffer cast: exceljs 4.4 typings vs @types/node 20). */
export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}
