import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { CalendarDate, Money } from '@foerderfluss/core';
import type { SourceAmounts } from '@foerderfluss/funding';
import type { FundingRow, IndicatorRow } from '@foerderfluss/monitoring';
import { extractPdfText } from '../letters/pdf-text';
import { type AnnualReportInputs, buildAnnualReportModel } from './annual-report-model';
import { renderAnnualReportPdf } from './annual-report-pdf';
import { writeAnnualReportXlsx } from './annual-report-xlsx';
import { barChartSvg, niceStep } from './bar-chart';

const amounts = (state: string, district: string): SourceAmounts => ({ state: Money.of(state), district: Money.of(district), total: Money.of(state).plus(Money.of(district)) });
const zero = amounts('0.00', '0.00');

function funding(group: string, label: string, state: string, district: string, projects: number, proven = '0.00'): FundingRow {
  const committed = Money.of(state).plus(Money.of(district)).toApiString();
  return {
    group,
    groupLabel: label,
    committed,
    paid: '0.00',
    proven,
    recovered: '0.00',
    recoveriesDue: '0.00',
    projects,
    shares: { committed: { state, district }, paid: { state: '0.00', district: '0.00' }, proven: { state: proven, district: '0.00' }, recovered: { state: '0.00', district: '0.00' } },
  };
}

function indicator(year: string, id: string, actual: number, target: number | null, aggregation: 'SUM' | 'AVERAGE' = 'SUM'): IndicatorRow {
  return { group: year, groupLabel: year, indicator: id.toUpperCase(), indicatorId: id, indicatorName: `Kennzahl ${id}`, fieldOfAction: 'LANGUAGE_EDUCATION', unit: 'Anzahl', aggregation, actual, target, deviation: target === null ? null : actual - target, reports: 2 };
}

const inputs: AnnualReportInputs = {
  year: 2026,
  districtName: 'Landkreis Altenburger Land',
  authorityName: 'Landratsamt Altenburger Land',
  guidelines: ['Richtlinie Integration'],
  asOf: CalendarDate.parse('2026-11-25'),
  figures: { allocated: amounts('400000.00', '100000.00'), committed: amounts('96000.00', '24000.00'), paid: amounts('8000.00', '2000.00'), recoveriesDue: zero, recoveriesReceived: zero, recoveriesOpen: zero },
  fundingByField: [funding('LANGUAGE_EDUCATION', 'Sprache und Bildung', '72000.00', '18000.00', 1, '1000.00'), funding('LABOUR_MARKET', 'Arbeitsmarkt', '24000.00', '6000.00', 1)],
  fundingBySocialArea: [funding('NORD', 'Altenburg Nord', '96000.00', '24000.00', 2), funding('SUED', 'Schmölln & <Umland>', '0.00', '0.00', 0)],
  indicatorsByYear: [indicator('2025', 'a', 40, null), indicator('2026', 'a', 55, 50), indicator('2026', 'b', 3.5, null, 'AVERAGE')],
  projects: [
    { reference: 'FF-2026-0001', provider: '=HYPERLINK("x")', title: 'Sprachcafé', fieldOfAction: 'Sprache und Bildung', socialArea: 'Altenburg Nord', state: Money.of('72000.00'), district: Money.of('18000.00'), total: Money.of('90000.00'), proofState: 'SETTLED', finalGrant: Money.of('85000.00') },
    { reference: 'FF-2026-0002', provider: 'Verein B', title: 'Jobcoaching', fieldOfAction: 'Arbeitsmarkt', socialArea: 'Altenburg Nord', state: Money.of('24000.00'), district: Money.of('6000.00'), total: Money.of('30000.00'), proofState: 'NOT_SUBMITTED', finalGrant: null },
  ],
};

describe('Jahresbericht model, PDF and workbook', () => {
  const model = buildAnnualReportModel(inputs);

  it('arranges the sources: Vorjahr by indicator, Sozialräume without funding, proofs by state', () => {
    expect(model.indicators).toHaveLength(1);
    expect(model.indicators[0]!.lines.map((l) => [l.code, l.actual, l.target, l.deviation, l.previous])).toEqual([
      ['A', 55, 50, 5, 40],
      ['B', 3.5, null, null, null],
    ]);
    expect(model.uncovered).toEqual(['Schmölln & <Umland>']);
    expect(model.proofs.map((p) => [p.count, p.amount.toApiString()])).toEqual([
      [1, '85000.00'],
      [0, '0.00'],
      [1, '30000.00'],
    ]);
    expect(model.overview.find((l) => l.label.startsWith('Mittel nachgewiesen'))!.split.total.toApiString()).toBe('1000.00');
  });

  it('PDF: German amounts, sections, the chart\'s German axis and the list „ohne Förderung“; same model, same bytes', async () => {
    const pdf = await renderAnnualReportPdf(model);
    const text = extractPdfText(pdf).pages.join('\n').replace(/\u00a0/g, ' ');
    for (const s of ['Jahresbericht 2026', 'Richtlinie Integration', '25.11.2026', '500.000,00 €', '120.000,00 €', '90.000,00 €', '85.000,00 €', 'Gebundene Mittel in € (Land und Kreis)', 'Schmölln & <Umland>', '3,50', '+5']) {
      expect([s, text.includes(s)]).toEqual([s, true]);
    }
    expect((await renderAnnualReportPdf(model)).equals(pdf)).toBe(true);
  });

  it('workbook: one sheet per section, totals as SUM formulas with exact cached results, formulas in text neutralised', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeAnnualReportXlsx(model, { creator: 'Test', createdAt: new Date('2026-11-25T09:00:00Z'), timeZone: 'Europe/Berlin' }, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Überblick', 'Handlungsfelder', 'Sozialräume', 'Kennzahlen', 'Abdeckung', 'Verwendungsnachweise', 'Rückforderungen', 'Projekte', 'Info']);
    const projects = wb.getWorksheet('Projekte')!;
    // intro line, blank line, header in row 3, data in 4–5, totals in 6
    expect(projects.getRow(3).getCell(1).value).toBe('Aktenzeichen');
    expect(projects.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(projects.autoFilter).toBe('A3:J5');
    expect(projects.getRow(4).getCell(2).value).toBe('\'=HYPERLINK("x")');
    expect(projects.getRow(6).getCell(8).value).toEqual({ formula: 'SUM(H4:H5)', result: 120000 });
    const fields = wb.getWorksheet('Handlungsfelder')!;
    expect(fields.getRow(7).getCell(5).value).toEqual({ formula: 'SUM(E5:E6)', result: 120000 });
  });

  it('bar chart: round steps, German ticks, escaped labels', () => {
    expect([niceStep(0), niceStep(9), niceStep(120000), niceStep(730)]).toEqual([1, 2, 50000, 200]);
    const { svg } = barChartSvg([{ label: 'A & B', state: Money.of('72000.00'), district: Money.of('18000.00') }], { axisLabel: 'Betrag in €', categoryLabel: 'Handlungsfeld' });
    expect(svg).toContain('A &amp; B');
    expect(svg).toContain('100.000');
    expect(svg).toContain('90.000,00\u00a0€');
  });
});
