import { Money } from '@foerderfluss/core';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { germanDate } from '../letters/format';
import { LETTER_FONT, renderPdf } from '../letters/pdf-engine';
import { type AnnualReportModel, type GroupMoneyLine, indicatorNumber, type Split } from './annual-report-model';
import { barChartSvg, euro } from './bar-chart';

/**
 * The Jahresbericht as PDF through the letters' pdfmake engine (same private instance, embedded
 * Roboto, deterministic bytes: the creation date is the Stand day). A4 portrait, numbered sections
 * as the Kreistag reads them, every chart followed by its table so the figures are also text.
 */

const MM = 72 / 25.4;
const MARGIN_X = 20 * MM;
const WIDTH = 595.28 - 2 * MARGIN_X;
const HEADER_FILL = '#e6ebf0';
const TOTAL_FILL = '#f3f3f3';

const tableLayout = {
  fillColor: (row: number) => (row === 0 ? HEADER_FILL : null),
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#9a9a9a',
  vLineColor: () => '#9a9a9a',
};

function head(texts: string[]): TableCell[] {
  return texts.map((t, i) => ({ text: t, bold: true, alignment: i === 0 ? 'left' : 'right' }));
}

function num(text: string, bold = false): TableCell {
  return { text, alignment: 'right', bold, noWrap: true };
}

function total(cells: TableCell[]): TableCell[] {
  return cells.map((c) => ({ ...(typeof c === 'object' ? c : { text: String(c) }), bold: true, fillColor: TOTAL_FILL }) as TableCell);
}

function h1(text: string): Content {
  return { text, fontSize: 13, bold: true, margin: [0, 14, 0, 6], headlineLevel: 1 };
}

function para(text: string): Content {
  return { text, margin: [0, 0, 0, 6] };
}

function sumOf(lines: readonly GroupMoneyLine[], pick: (s: Split) => Money): Money {
  return Money.sum(lines.map((l) => pick(l.committed)));
}

function groupTable(title: string, lines: readonly GroupMoneyLine[]): Content {
  const body: TableCell[][] = [head([title, 'Projekte', 'Betrag Land', 'Betrag Kreis', 'gesamt'])];
  for (const l of lines) body.push([l.label, num(String(l.projects)), num(euro(l.committed.state)), num(euro(l.committed.district)), num(euro(l.committed.total))]);
  if (lines.length > 0) {
    body.push(
      total([
        'Summe',
        num(String(lines.reduce((n, l) => n + l.projects, 0))),
        num(euro(sumOf(lines, (s) => s.state))),
        num(euro(sumOf(lines, (s) => s.district))),
        num(euro(sumOf(lines, (s) => s.total))),
      ]),
    );
  }
  return { table: { headerRows: 1, widths: ['*', 45, 80, 80, 80], body }, layout: tableLayout, fontSize: 8.5, margin: [0, 4, 0, 8] };
}

function chart(lines: readonly GroupMoneyLine[], category: string): Content {
  const { svg, width } = barChartSvg(
    lines.map((l) => ({ label: l.label, state: l.committed.state, district: l.committed.district })),
    { axisLabel: 'Gebundene Mittel in € (Land und Kreis)', categoryLabel: category, width: WIDTH },
  );
  return { svg, width, margin: [0, 4, 0, 4] };
}

function splitTable(first: string, lines: readonly { label: string; split: Split }[]): Content {
  const body: TableCell[][] = [head([first, 'Land', 'Kreis', 'gesamt'])];
  for (const l of lines) body.push([l.label, num(euro(l.split.state)), num(euro(l.split.district)), num(euro(l.split.total))]);
  return { table: { headerRows: 1, widths: ['*', 85, 85, 85], body }, layout: tableLayout, fontSize: 9, margin: [0, 4, 0, 8] };
}

export function annualReportDocument(m: AnnualReportModel): TDocumentDefinitions {
  const created = new Date(Date.UTC(m.asOf.year, m.asOf.month - 1, m.asOf.day));
  const title = `Jahresbericht ${m.year} – Förderung nach der Integrationsrichtlinie`;
  const content: Content[] = [];

  // Title page block
  content.push(
    { text: m.districtName, fontSize: 12, bold: true },
    { text: m.authorityName, color: '#5a5a5a', margin: [0, 0, 0, 30] },
    { text: `Jahresbericht ${m.year}`, fontSize: 22, bold: true },
    { text: 'Bericht an den Kreistag über die Förderung von Integrationsprojekten', fontSize: 12, margin: [0, 4, 0, 16] },
    {
      table: {
        widths: [120, '*'],
        body: [
          [{ text: 'Landkreis', bold: true }, m.districtName],
          [{ text: m.guidelines.length > 1 ? 'Richtlinien' : 'Richtlinie', bold: true }, m.guidelines.length > 0 ? m.guidelines.join('\n') : '–'],
          [{ text: 'Haushaltsjahr', bold: true }, String(m.year)],
          [{ text: 'Stand', bold: true }, germanDate(m.asOf)],
        ],
      },
      layout: 'noBorders',
      margin: [0, 0, 0, 12],
    },
    para(
      'Alle Beträge in Euro. „Land“ und „Kreis“ bezeichnen den Anteil der Landeszuweisung und des Eigenanteils des Landkreises. ' +
        'Gebunden sind die Mittel erlassener Bescheide und Verträge des Haushaltsjahres; nachgewiesen sind die in Festsetzungen anerkannten Zuwendungen.',
    ),
  );

  // 1. Überblick
  content.push(h1('1. Überblick'), splitTable('Mittel', m.overview));

  // 2. Projekte je Handlungsfeld und Sozialraum
  content.push(
    h1('2. Geförderte Projekte je Handlungsfeld und je Sozialraum'),
    { text: '2.1 Je Handlungsfeld', bold: true, margin: [0, 4, 0, 2] },
    chart(m.byFieldOfAction, 'Handlungsfeld'),
    groupTable('Handlungsfeld', m.byFieldOfAction),
    { text: '2.2 Je Sozialraum', bold: true, margin: [0, 4, 0, 2] },
    chart(m.bySocialArea, 'Sozialraum'),
    groupTable('Sozialraum', m.bySocialArea),
  );

  // 3. Kennzahlen
  content.push(h1('3. Kennzahlen je Handlungsfeld'));
  content.push(para(`Ist aus den eingereichten Sachberichten ${m.year}, Soll wie vom Landkreis festgelegt, Vorjahr = Ist ${m.year - 1}. Abweichung = Ist − Soll.`));
  if (m.indicators.length === 0) content.push(para('Für dieses Jahr sind keine Kennzahlen festgelegt.'));
  for (const section of m.indicators) {
    const body: TableCell[][] = [head(['Kennzahl', 'Einheit', 'Ist', 'Soll', 'Abweichung', `Vorjahr (${m.year - 1})`, 'Berichte'])];
    for (const l of section.lines) {
      body.push([
        l.name,
        { text: l.unit },
        num(indicatorNumber(l.actual, l.aggregation)),
        num(indicatorNumber(l.target, l.aggregation)),
        num(l.deviation === null ? '–' : `${l.deviation > 0 ? '+' : ''}${indicatorNumber(l.deviation, l.aggregation)}`),
        num(indicatorNumber(l.previous, l.aggregation)),
        num(String(l.reports)),
      ]);
    }
    content.push(
      { text: section.fieldLabel, bold: true, margin: [0, 6, 0, 2], headlineLevel: 1 },
      { table: { headerRows: 1, widths: ['*', 72, 42, 42, 52, 55, 38], body }, layout: tableLayout, fontSize: 8.5, margin: [0, 0, 0, 6] },
    );
  }

  // 4. Abdeckung
  content.push(h1('4. Abdeckung der Sozialräume'));
  const covered = m.bySocialArea.filter((l) => l.projects > 0).length;
  content.push(para(`${covered} von ${m.bySocialArea.length} Sozialräumen hatten im Haushaltsjahr ${m.year} mindestens ein gefördertes Projekt.`));
  content.push({ text: 'Ohne Förderung:', bold: true });
  content.push(m.uncovered.length === 0 ? para('keine – jeder Sozialraum hatte mindestens ein gefördertes Projekt.') : { ul: [...m.uncovered], margin: [0, 2, 0, 6] });

  // 5. Verwendungsnachweise
  content.push(h1('5. Verwendungsnachweise'));
  content.push(para('Abgerechnet: Festsetzung erlassen (Betrag = festgesetzte Zuwendung). Offen: noch nicht abgerechnet (Betrag = gebundene Mittel).'));
  const proofBody: TableCell[][] = [head(['Stand der Abrechnung', 'Projekte', 'Betrag'])];
  for (const p of m.proofs) proofBody.push([p.label, num(String(p.count)), num(euro(p.amount))]);
  content.push({ table: { headerRows: 1, widths: ['*', 60, 100], body: proofBody }, layout: tableLayout, fontSize: 9, margin: [0, 4, 0, 8] });

  // 6. Rückforderungen
  content.push(h1('6. Rückforderungen'), splitTable('Rückforderungen', m.recoveries));

  // 7. Projektliste
  content.push(h1('7. Geförderte Projekte'));
  const projectBody: TableCell[][] = [
    [
      { text: 'Aktenzeichen', bold: true },
      { text: 'Träger', bold: true },
      { text: 'Titel', bold: true },
      { text: 'Handlungsfeld', bold: true },
      { text: 'Sozialraum', bold: true },
      { text: 'Betrag', bold: true, alignment: 'right' },
    ],
  ];
  for (const p of m.projects) projectBody.push([p.reference, p.provider, p.title, p.fieldOfAction, p.socialArea, num(euro(p.total))]);
  if (m.projects.length === 0) projectBody.push([{ text: 'Keine geförderten Projekte in diesem Haushaltsjahr.', colSpan: 6 }, '', '', '', '', '']);
  content.push({ table: { headerRows: 1, widths: [62, 80, '*', 70, 60, 62], body: projectBody, dontBreakRows: true }, layout: tableLayout, fontSize: 7.5, margin: [0, 4, 0, 8] });

  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN_X, 18 * MM, MARGIN_X, 18 * MM],
    info: { title, subject: title, author: m.authorityName, creator: 'Förderfluss', producer: 'Förderfluss (pdfmake)', creationDate: created, modDate: created },
    defaultStyle: { font: LETTER_FONT, fontSize: 9.5, lineHeight: 1.15, color: '#1a1a1a' },
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: `${m.districtName} · Jahresbericht ${m.year} · Stand ${germanDate(m.asOf)}`, width: '*' },
        { text: `Seite ${currentPage} von ${pageCount}`, width: 'auto', alignment: 'right' },
      ],
      fontSize: 7.5,
      color: '#5a5a5a',
      margin: [MARGIN_X, 6 * MM, MARGIN_X, 0],
    }),
    // A heading never ends a page: it moves to the next if nothing of its section follows it there.
    pageBreakBefore: (node, queries) => node.headlineLevel === 1 && queries.getFollowingNodesOnPage().length === 0,
    content,
  };
}

export function renderAnnualReportPdf(m: AnnualReportModel): Promise<Buffer> {
  return renderPdf(annualReportDocument(m));
}
