import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '@foerderfluss/core';
import { beleglisteXlsx, expenseRow, xlsxBomb, zipArchive } from '../../../../test/fixtures/belegliste';
import { ImportLimits, sniffImportFile } from './file-sniffing';
import { inspectZip, verifyInflatedSizes, ZipEntryOverflowError } from './zip-inspection';

const LIMITS: ImportLimits = { maxBytes: 5 * 1024 * 1024, maxUnzippedBytes: 50 * 1024 * 1024, maxZipRatio: 100, maxRows: 1000 };
let dir: string;
const file = (name: string, content: Buffer | string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const refusal = async (p: string, limits = LIMITS): Promise<{ code: string; status: number; detail: string }> => {
  try {
    await sniffImportFile(p, limits);
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, status: err.status, detail: err.detail };
    throw err;
  }
  throw new Error('accepted');
};
const HEADER = 'lfd. Nr.;Belegnummer;Belegdatum;Zahlungsdatum;Empfänger/Einzahler;Grund;Einnahme/Ausgabe;Kostenart;Bruttobetrag\n';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ff-sniff-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('content sniffing', () => {
  it('recognises an xlsx written by exceljs (data descriptors, shared strings) whatever its name', async () => {
    const p = path.join(dir, 'belege.csv');
    await beleglisteXlsx([expenseRow(1), expenseRow(2)], p);
    const r = await sniffImportFile(p, LIMITS);
    expect(r.format).toBe('XLSX');
    expect(r.zip!.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
    await expect(verifyInflatedSizes(p, r.zip!)).resolves.toBeUndefined();
  });

  it('recognises a CSV Belegliste by its header line (UTF-8, BOM, ; or ,)', async () => {
    expect(await sniffImportFile(file('a.xlsx', `\uFEFF${HEADER}1;B-1;01.03.2027;01.03.2027;A;B;Ausgabe;FEES;1,00\n`), LIMITS)).toMatchObject({ format: 'CSV', delimiter: ';' });
    expect(await sniffImportFile(file('b.txt', HEADER.replace(/;/g, ',')), LIMITS)).toMatchObject({ format: 'CSV', delimiter: ',' });
  });

  it('refuses text that is not a Belegliste, Windows-1252, binary, legacy .xls, other ZIPs and empty files', async () => {
    expect(await refusal(file('brief.xlsx', 'Sehr geehrte Damen und Herren,\nanbei die Belege.'))).toMatchObject({ code: 'IMPORT_UNSUPPORTED_FORMAT', status: 415 });
    expect((await refusal(file('ansi.csv', Buffer.from(`${HEADER}1;B-1;;;M\xfcller`, 'latin1')))).detail).toMatch(/nicht UTF-8-kodiert/);
    expect((await refusal(file('nul.csv', Buffer.from(`${HEADER}\u0000`)))).detail).toMatch(/weder eine Excel-Datei/);
    expect((await refusal(file('alt.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2])))).detail).toMatch(/alten Excel-Format/);
    const docx = zipArchive([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    expect((await refusal(file('brief.docx', docx))).detail).toMatch(/ZIP-Archiv, aber keine Excel-Arbeitsmappe/);
    expect((await refusal(file('kaputt.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)])))).detail).toMatch(/kein gültiges ZIP-Archiv/);
    expect(await refusal(file('leer.csv', ''))).toMatchObject({ code: 'IMPORT_FILE_EMPTY', status: 400 });
  });

  it('refuses a file above the size limit', async () => {
    expect(await refusal(file('gross.csv', HEADER.repeat(10)), { ...LIMITS, maxBytes: 100 })).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', status: 413 });
  });
});

describe('zip bombs', () => {
  it('refuses more unpacked bytes than allowed (413) and a suspicious ratio (400), from the central directory alone', async () => {
    expect(await refusal(file('bomb.xlsx', xlsxBomb(60 * 1024 * 1024)))).toMatchObject({ code: 'IMPORT_UNPACKED_TOO_LARGE', status: 413 });
    expect(await refusal(file('dense.xlsx', xlsxBomb(3 * 1024 * 1024)))).toMatchObject({ code: 'IMPORT_SUSPICIOUS_COMPRESSION', status: 400 });
    expect(await sniffImportFile(file('dense-ok.xlsx', xlsxBomb(3 * 1024 * 1024)), { ...LIMITS, maxZipRatio: 5000 })).toMatchObject({ format: 'XLSX' });
  });

  it('refuses data hidden between entries, where a streaming reader would find it', async () => {
    const good = zipArchive([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    ]);
    // shift everything by a stray local entry the directory does not list
    const stray = zipArchive([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(1000, 0x20) }]);
    const strayLocal = stray.subarray(0, stray.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    const eocdAt = good.length - 22;
    const cdOffset = good.readUInt32LE(eocdAt + 16);
    const shifted = Buffer.concat([good.subarray(0, cdOffset), strayLocal, good.subarray(cdOffset)]);
    shifted.writeUInt32LE(cdOffset + strayLocal.length, shifted.length - 22 + 16);
    expect((await refusal(file('versteckt.xlsx', shifted))).detail).toMatch(/kein gültiges ZIP-Archiv/);
  });

  it('catches an entry that inflates to more than its directory declares', async () => {
    const honest = zipArchive([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.alloc(200000, 0x41) },
    ]);
    // declare 2.000 bytes for the workbook in both headers; its data still inflates to 200.000
    const lying = Buffer.from(honest);
    const localAt = lying.indexOf(Buffer.from('xl/workbook.xml')) - 30;
    const centralAt = lying.lastIndexOf(Buffer.from('xl/workbook.xml')) - 46;
    lying.writeUInt32LE(2000, localAt + 22);
    lying.writeUInt32LE(2000, centralAt + 24);
    const p = file('luegt.xlsx', lying);
    const dirInfo = await inspectZip(p);
    await expect(verifyInflatedSizes(p, dirInfo)).rejects.toBeInstanceOf(ZipEntryOverflowError);
  });
});
