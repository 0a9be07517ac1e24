import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CalendarDate, Money } from '@foerderfluss/core';
import { RECEIPT_COLUMNS } from '../receipt-rules';
import { buildReceiptTemplate, ReceiptTemplateModel } from './receipt-template.service';
import { csvRows, SourceRow, xlsxRows } from './row-sources';

const MODEL: ReceiptTemplateModel = {
  reference: 'FF-2026-0001',
  providerName: 'Evangelisches Sozialwerk Pleißenland e.V.',
  context: {
    eligibleFrom: CalendarDate.of(2026, 2, 15),
    periodStart: CalendarDate.of(2026, 1, 1),
    periodEnd: CalendarDate.of(2026, 12, 31),
    planCategories: ['PERSONNEL', 'FEES'],
    personnelPositions: ['Sozialberater/in'],
    vatDeductible: true,
    maxAmount: Money.of('90000.00'),
    today: CalendarDate.of(2026, 12, 7),
    categoryNames: new Map([
      ['PERSONNEL', 'Personalausgaben'],
      ['FEES', 'Honorare'],
    ]),
  },
  categories: [
    { code: 'PERSONNEL', name: 'Personalausgaben', lines: ['Sozialberatung 1,0 VZÄ'] },
    { code: 'FEES', name: 'Honorare', lines: ['Sprachmittlung'] },
  ],
  positions: [{ label: 'Sozialberater/in', payGrade: 'TV-L E 9b', fte: '1' }],
  rows: 500,
  maxBytes: 20 * 1024 * 1024,
  createdAt: new Date('2026-11-25T10:00:00Z'),
};

async function rows(source: AsyncIterable<SourceRow[]>): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const batch of source) out.push(...batch);
  return out;
}

describe('Belegliste template', () => {
  it('has the headers, formats, drop-downs and the decision’s frame; filled in, it reads back with dates and percents', async () => {
    const bytes = await buildReceiptTemplate(MODEL);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Belegliste')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(Object.values(RECEIPT_COLUMNS));
    const dv = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(dv.H501).toMatchObject({ type: 'list', formulae: ['Listen!$A$2:$A$6'] });
    expect(dv.H502).toBeUndefined();
    expect(dv.D2).toMatchObject({ type: 'date', errorStyle: 'warning' });
    const notes = (wb.getWorksheet('Hinweise')!.getSheetValues() as unknown[][]).flat().filter((v) => typeof v === 'string').join('\n');
    expect(notes).toContain('15.02.2026 – 31.12.2026');
    expect(notes).toContain('zuwendungsfähig sind nur Nettobeträge');
    expect(notes).toContain('Sozialberater/in');

    // a Träger fills in two rows: typed cells take the column formats
    sheet.getCell('A2').value = 1;
    sheet.getCell('C2').value = new Date(Date.UTC(2026, 2, 1));
    sheet.getCell('K2').value = 0.5;
    sheet.getCell('I2').value = 119;
    sheet.getCell('B3').value = 'B-2';
    const filled = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const read = await rows(xlsxRows(Readable.from([filled])));
    expect(read.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(read[1]!.cells[2]).toEqual({ kind: 'date', date: CalendarDate.of(2026, 3, 1) });
    expect(read[1]!.cells[10]).toEqual({ kind: 'number', value: 0.5, percentFormat: true });
    expect(read[1]!.cells[8]).toEqual({ kind: 'number', value: 119, percentFormat: false });
    expect(read[2]!.cells[1]).toEqual({ kind: 'text', text: 'B-2' });
  });

  it('reads the sheet „Belegliste“ even when it is not the first one', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Deckblatt').addRow(['Verwendungsnachweis']);
    wb.addWorksheet('belegliste').addRow(['Belegnummer']);
    const read = await rows(xlsxRows(Readable.from([Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)])));
    expect(read).toEqual([{ number: 1, cells: [{ kind: 'text', text: 'Belegnummer' }] }]);
  });

  it('reads CSV records with quotes, separators and line breaks inside fields', async () => {
    const csv = '\uFEFFBelegnummer;Grund\r\n"B-1";"Miete; Januar"\r\n\r\nB-2;"zwei\nZeilen"\r\n';
    const read = await rows(csvRows(Readable.from([Buffer.from(csv)]), ';'));
    expect(read.map((r) => [r.number, r.cells.map((c) => (c && c.kind === 'text' ? c.text : null))])).toEqual([
      [1, ['Belegnummer', 'Grund']],
      [2, ['B-1', 'Miete; Januar']],
      [3, [null]],
      [4, ['B-2', 'zwei\nZeilen']],
    ]);
  });
});
