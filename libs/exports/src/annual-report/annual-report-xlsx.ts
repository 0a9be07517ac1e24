import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Money } from '@foerderfluss/core';
import { moneyToSheetNumber, sheetText } from '../cell-encoding';
import { columnLetter, decimalNumFmt, INTEGER_NUM_FMT, MONEY_NUM_FMT } from '../columns';
import { declareFilterDatabase, pinEntryDates, workbookArchive } from '../exceljs-internals';
import { germanDate } from '../letters/format';
import { formatTimestamp } from '../xlsx-writer';
import { type AnnualReportModel, type GroupMoneyLine, PROOF_STATE_LABELS, type Split } from './annual-report-model';

/**
 * The Jahresbericht as a workbook: one sheet per section of the PDF, each with German headers, a
 * frozen header row, an autofilter and (where a sum means something) a totals row of SUM formulas
 * that also carry their exact result as cached value. Texts pass through `sheetText` (formula
 * injection neutralised, like every export); amounts are numbers in the money format.
 */

type Kind = 'text' | 'money' | 'integer' | 'decimal';
type Cell = string | number | Money | null;

interface Column {
  readonly header: string;
  readonly kind: Kind;
  readonly width: number;
  /** Summed in the totals row. */
  readonly total?: boolean;
}

interface TableSheet {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Cell[][];
  /** Lines above the table (title, explanations); the header row follows them. */
  readonly intro?: readonly string[];
}

const BOLD = { font: { bold: true } };
const HEADER = { font: { bold: true }, alignment: { vertical: 'top' as const, wrapText: true } };

function numFmt(kind: Kind): string | undefined {
  return kind === 'money' ? MONEY_NUM_FMT : kind === 'integer' ? INTEGER_NUM_FMT : kind === 'decimal' ? decimalNumFmt(2) : undefined;
}

function value(cell: Cell, kind: Kind): string | number | undefined {
  if (cell === null) return undefined;
  if (cell instanceof Money) return moneyToSheetNumber(cell);
  if (typeof cell === 'number') return cell;
  return kind === 'money' ? moneyToSheetNumber(cell) : sheetText(cell);
}

function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, index: number, t: TableSheet): void {
  const intro = t.intro ?? [];
  const headerRow = intro.length > 0 ? intro.length + 2 : 1;
  const sheet = workbook.addWorksheet(t.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` },
  });
  sheet.columns = t.columns.map((c) => ({ width: c.width === 9 ? 9.01 : c.width }));
  intro.forEach((line, i) => {
    const row = sheet.addRow([sheetText(line)]);
    if (i === 0) row.getCell(1).style = { font: { bold: true, size: 12 } };
    row.commit();
  });
  if (intro.length > 0) sheet.addRow([]).commit();
  const header = sheet.addRow(t.columns.map((c) => sheetText(c.header)));
  t.columns.forEach((_, i) => (header.getCell(i + 1).style = HEADER));
  header.commit();
  const styles = t.columns.map((c) => {
    const fmt = numFmt(c.kind);
    return fmt ? { numFmt: fmt } : {};
  });
  for (const r of t.rows) {
    const row = sheet.addRow(t.columns.map((c, i) => value(r[i] ?? null, c.kind)));
    t.columns.forEach((_, i) => (row.getCell(i + 1).style = styles[i]!));
    row.commit();
  }
  const first = headerRow + 1;
  const last = headerRow + t.rows.length;
  if (t.columns.some((c) => c.total)) {
    const values: unknown[] = t.columns.map((c, i) => {
      if (i === 0) return 'Summe';
      if (!c.total) return undefined;
      const cached =
        c.kind === 'money'
          ? moneyToSheetNumber(Money.sum(t.rows.map((r) => (r[i] instanceof Money ? r[i] : typeof r[i] === 'string' ? Money.of(r[i]) : Money.ZERO))))
          : t.rows.reduce((n, r) => n + (typeof r[i] === 'number' ? r[i] : 0), 0);
      const letter = columnLetter(i + 1);
      // No data rows: SUM over an empty range would point at the totals row itself.
      return t.rows.length === 0 ? cached : { formula: `SUM(${letter}${first}:${letter}${last})`, result: cached };
    });
    const row = sheet.addRow(values);
    t.columns.forEach((c, i) => (row.getCell(i + 1).style = { ...styles[i], ...BOLD }));
    row.commit();
  }
  const ref = `A${headerRow}:${columnLetter(t.columns.length)}${Math.max(headerRow, last)}`;
  sheet.autoFilter = ref;
  declareFilterDatabase(workbook, index, t.name, ref);
  sheet.commit();
}

function groupSheet(name: string, first: string, lines: readonly GroupMoneyLine[], year: number): TableSheet {
  return {
    name,
    intro: [`Geförderte Projekte je ${first} ${year}`, 'Beträge: gebundene Mittel (Bescheide und Verträge des Haushaltsjahres)'],
    columns: [
      { header: first, kind: 'text', width: 42 },
      { header: 'Projekte', kind: 'integer', width: 11, total: true },
      { header: 'Betrag Land', kind: 'money', width: 18, total: true },
      { header: 'Betrag Kreis', kind: 'money', width: 18, total: true },
      { header: 'gesamt', kind: 'money', width: 18, total: true },
    ],
    rows: lines.map((l) => [l.label, l.projects, l.committed.state, l.committed.district, l.committed.total]),
  };
}

function splitRows(lines: readonly { label: string; split: Split }[]): Cell[][] {
  return lines.map((l) => [l.label, l.split.state, l.split.district, l.split.total]);
}

const SPLIT_COLUMNS = (first: string): Column[] => [
  { header: first, kind: 'text', width: 60 },
  { header: 'Land', kind: 'money', width: 18 },
  { header: 'Kreis', kind: 'money', width: 18 },
  { header: 'gesamt', kind: 'money', width: 18 },
];

/** The sheets in order; exported for the tests, which read the same structure back from the file. */
export function annualReportSheets(m: AnnualReportModel): TableSheet[] {
  const stand = `Stand ${germanDate(m.asOf)}`;
  const indicatorRows: Cell[][] = [];
  for (const s of m.indicators) {
    for (const l of s.lines) indicatorRows.push([s.fieldLabel, l.name, l.unit, l.aggregation === 'SUM' ? 'Summe' : 'Durchschnitt', l.actual, l.target, l.deviation, l.previous, l.reports]);
  }
  return [
    {
      name: 'Überblick',
      intro: [`${m.districtName} – Jahresbericht ${m.year}`, `Richtlinie: ${m.guidelines.join('; ') || '–'}`, `Haushaltsjahr ${m.year}, ${stand}`],
      columns: SPLIT_COLUMNS('Mittel'),
      rows: splitRows(m.overview),
    },
    groupSheet('Handlungsfelder', 'Handlungsfeld', m.byFieldOfAction, m.year),
    groupSheet('Sozialräume', 'Sozialraum', m.bySocialArea, m.year),
    {
      name: 'Kennzahlen',
      intro: [`Kennzahlen je Handlungsfeld ${m.year}`, `Ist aus den Sachberichten, Soll vom Landkreis, Vorjahr = Ist ${m.year - 1}, Abweichung = Ist − Soll`],
      columns: [
        { header: 'Handlungsfeld', kind: 'text', width: 36 },
        { header: 'Kennzahl', kind: 'text', width: 40 },
        { header: 'Einheit', kind: 'text', width: 14 },
        { header: 'Aggregation', kind: 'text', width: 13 },
        { header: 'Ist', kind: 'decimal', width: 12 },
        { header: 'Soll', kind: 'decimal', width: 12 },
        { header: 'Abweichung', kind: 'decimal', width: 12 },
        { header: `Vorjahr (${m.year - 1})`, kind: 'decimal', width: 14 },
        { header: 'Berichte', kind: 'integer', width: 10 },
      ],
      rows: indicatorRows,
    },
    {
      name: 'Abdeckung',
      intro: [`Abdeckung der Sozialräume ${m.year}`, `Ohne Förderung: ${m.uncovered.length === 0 ? 'keine' : m.uncovered.join(', ')}`],
      columns: [
        { header: 'Sozialraum', kind: 'text', width: 42 },
        { header: 'Projekte', kind: 'integer', width: 11 },
        { header: 'gefördert', kind: 'text', width: 18 },
      ],
      rows: m.bySocialArea.map((l) => [l.label, l.projects, l.projects > 0 ? 'ja' : 'ohne Förderung']),
    },
    {
      name: 'Verwendungsnachweise',
      intro: [`Verwendungsnachweise der Projekte ${m.year}`, 'Abgerechnet: festgesetzte Zuwendung; offen: gebundene Mittel'],
      columns: [
        { header: 'Stand der Abrechnung', kind: 'text', width: 40 },
        { header: 'Projekte', kind: 'integer', width: 11, total: true },
        { header: 'Betrag', kind: 'money', width: 18 },
      ],
      rows: m.proofs.map((p) => [p.label, p.count, p.amount]),
    },
    {
      name: 'Rückforderungen',
      intro: [`Rückforderungen ${m.year}`],
      columns: SPLIT_COLUMNS('Rückforderungen'),
      rows: splitRows(m.recoveries),
    },
    {
      name: 'Projekte',
      intro: [`Geförderte Projekte ${m.year}`],
      columns: [
        { header: 'Aktenzeichen', kind: 'text', width: 16 },
        { header: 'Träger', kind: 'text', width: 34 },
        { header: 'Titel', kind: 'text', width: 40 },
        { header: 'Handlungsfeld', kind: 'text', width: 30 },
        { header: 'Sozialraum', kind: 'text', width: 22 },
        { header: 'Betrag Land', kind: 'money', width: 16, total: true },
        { header: 'Betrag Kreis', kind: 'money', width: 16, total: true },
        { header: 'Betrag', kind: 'money', width: 16, total: true },
        { header: 'Verwendungsnachweis', kind: 'text', width: 30 },
        { header: 'festgesetzte Zuwendung', kind: 'money', width: 18, total: true },
      ],
      rows: m.projects.map((p) => [p.reference, p.provider, p.title, p.fieldOfAction, p.socialArea, p.state, p.district, p.total, PROOF_STATE_LABELS[p.proofState], p.finalGrant]),
    },
  ];
}

export interface AnnualReportWorkbookInfo {
  readonly creator: string;
  readonly createdAt: Date;
  readonly timeZone: string;
}

/** Writes the workbook into `out` (ended when done); same bytes for the same model and info. */
export async function writeAnnualReportXlsx(m: AnnualReportModel, info: AnnualReportWorkbookInfo, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 6 } } });
  workbook.creator = info.creator;
  workbook.lastModifiedBy = info.creator;
  workbook.created = info.createdAt;
  workbook.modified = info.createdAt;
  pinEntryDates(workbook, info.createdAt);
  const archive = workbookArchive(workbook);
  const failed = new Promise<never>((_, reject) => archive.on('error', reject));
  const sheets = annualReportSheets(m);
  sheets.forEach((s, i) => writeSheet(workbook, i, s));
  const infoSheet = workbook.addWorksheet('Info');
  infoSheet.columns = [{ width: 30 }, { width: 80 }];
  for (const [label, text] of [
    ['Export', 'Jahresbericht für den Kreistag'],
    ['Haushaltsjahr', String(m.year)],
    ['Erstellt von', info.creator],
    ['Erstellt am', formatTimestamp(info.createdAt, info.timeZone)],
    ['Erstellt am (UTC, ISO 8601)', info.createdAt.toISOString()],
  ] as const) {
    const row = infoSheet.addRow([sheetText(label), sheetText(text)]);
    row.getCell(1).style = BOLD;
    row.commit();
  }
  infoSheet.commit();
  await Promise.race([workbook.commit(), failed]);
}
