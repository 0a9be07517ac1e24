import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { APP_CONFIG, AppConfig, CalendarDate, Clock, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { DecisionsService } from '@foerderfluss/decisions';
import { ProofKind, ProofOfUse } from '../proof-of-use.entity';
import { INCOME_KINDS, RECEIPT_COLUMNS, ReceiptContext, ReceiptField } from '../receipt-rules';
import { ProofsService } from '../proofs.service';
import { templateNotAvailable } from './import.errors';
import { PREFERRED_SHEET } from './row-sources';

/** Excel format codes (locale-independent; German Excel shows 1.234,56 € and 31.12.2026). */
export const TEMPLATE_FORMATS = {
  date: 'dd.mm.yyyy',
  money: '#,##0.00 "€"',
  percent: '0.00%',
  integer: '0',
  text: '@',
} as const;

export { INCOME_KINDS };

export const LISTS_SHEET = 'Listen';
export const NOTES_SHEET = 'Hinweise';

export interface ReceiptTemplateModel {
  reference: string;
  providerName: string;
  context: ReceiptContext;
  /** Kostenarten of the plan with their German names and the plan lines' descriptions. */
  categories: readonly { code: string; name: string; lines: readonly string[] }[];
  positions: readonly { label: string; payGrade: string; fte: string }[];
  /** Rows that get the drop-downs (the import's row limit). */
  rows: number;
  maxBytes: number;
  createdAt: Date;
}

const COLUMN_SPECS: Record<ReceiptField, { width: number; format: string; required: string; meaning: (m: ReceiptTemplateModel) => string }> = {
  position: { width: 9, format: TEMPLATE_FORMATS.integer, required: 'nein', meaning: () => 'Laufende Nummer des Belegs (ganze Zahl). Leer: die Reihenfolge der Zeilen.' },
  receiptNumber: { width: 16, format: TEMPLATE_FORMATS.text, required: 'ja', meaning: () => 'Nummer der Rechnung, Quittung, Gehaltsabrechnung o. Ä. (höchstens 100 Zeichen).' },
  receiptDate: {
    width: 13,
    format: TEMPLATE_FORMATS.date,
    required: 'ja',
    meaning: (m) => `Datum des Belegs (TT.MM.JJJJ), nicht nach dem Ende des Bewilligungszeitraums (${m.context.periodEnd.toGermanString()}).`,
  },
  paymentDate: {
    width: 14,
    format: TEMPLATE_FORMATS.date,
    required: 'ja',
    meaning: (m) => `Tag der Zahlung (TT.MM.JJJJ), vom ${m.context.eligibleFrom.toGermanString()} bis ${m.context.periodEnd.toGermanString()}.`,
  },
  counterparty: { width: 28, format: TEMPLATE_FORMATS.text, required: 'ja', meaning: () => 'Bei Ausgaben der Zahlungsempfänger, bei Einnahmen der Einzahler (höchstens 300 Zeichen).' },
  reason: { width: 32, format: TEMPLATE_FORMATS.text, required: 'ja', meaning: () => 'Grund der Zahlung, z. B. „Miete Januar“ (höchstens 500 Zeichen).' },
  direction: { width: 16, format: TEMPLATE_FORMATS.text, required: 'ja', meaning: () => '„Ausgabe“ oder „Einnahme“ (Auswahlliste).' },
  costCategory: {
    width: 18,
    format: TEMPLATE_FORMATS.text,
    required: 'ja',
    meaning: () =>
      `Ausgaben: die Kostenart einer Position des bewilligten Finanzierungsplans (Auswahlliste, siehe unten). Einnahmen: ${INCOME_KINDS.map((k) => `„${k.name}“`).join(', ')}.`,
  },
  grossAmount: { width: 15, format: TEMPLATE_FORMATS.money, required: 'ja', meaning: () => 'Betrag in Euro laut Beleg, mit höchstens zwei Nachkommastellen.' },
  vatAmount: { width: 12, format: TEMPLATE_FORMATS.money, required: 'nein', meaning: () => 'Im Bruttobetrag enthaltene Umsatzsteuer in Euro. Leer: 0,00 €.' },
  projectSharePercent: {
    width: 15,
    format: TEMPLATE_FORMATS.percent,
    required: 'nein',
    meaning: () => 'Anteil des Betrags, der auf das Projekt entfällt (mehr als 0 % und höchstens 100 %). Leer: 100 %.',
  },
  eligibleAmount: {
    width: 22,
    format: TEMPLATE_FORMATS.money,
    required: 'nein',
    meaning: (m) =>
      `Zuwendungsfähiger Betrag in Euro. Leer: wird berechnet als ${m.context.vatDeductible ? 'Nettobetrag (Bruttobetrag − USt.)' : 'Bruttobetrag'} × Projektanteil. Ein höherer Betrag wird abgelehnt.`,
  },
  personnelPosition: {
    width: 24,
    format: TEMPLATE_FORMATS.text,
    required: 'bei Personalausgaben',
    meaning: () => 'Bezeichnung der Stelle aus dem bewilligten Stellenplan (Auswahlliste).',
  },
};

const FIELDS = Object.keys(RECEIPT_COLUMNS) as ReceiptField[];
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const utcDate = (d: CalendarDate): Date => new Date(Date.UTC(d.year, d.month - 1, d.day));
const colLetter = (field: ReceiptField): string => String.fromCharCode(65 + FIELDS.indexOf(field));

/** The Belegliste template of one decision as xlsx bytes. */
export async function buildReceiptTemplate(m: ReceiptTemplateModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Förderfluss';
  wb.created = m.createdAt;
  wb.modified = m.createdAt;
  wb.title = `Belegliste ${m.reference}`;

  const sheet = wb.addWorksheet(PREFERRED_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }] });
  sheet.columns = FIELDS.map((f) => ({ header: RECEIPT_COLUMNS[f], key: f, width: COLUMN_SPECS[f].width, style: { numFmt: COLUMN_SPECS[f].format } }));
  const header = sheet.getRow(1);
  header.eachCell((cell) => {
    cell.style = { font: { bold: true }, fill: HEADER_FILL, alignment: { vertical: 'middle', wrapText: true }, numFmt: TEMPLATE_FORMATS.text };
  });
  header.height = 30;
  sheet.autoFilter = { from: 'A1', to: `${colLetter('personnelPosition')}1` };

  const notes = wb.addWorksheet(NOTES_SHEET);
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  // The drop-down offers the German names (the import reads them, and still the codes).
  const names = [...m.categories.map((c) => c.name), ...INCOME_KINDS.map((k) => k.name)];
  lists.getColumn(1).values = ['Kostenart', ...names];
  lists.getColumn(2).values = ['Schlüssel', ...m.categories.map((c) => c.code), ...INCOME_KINDS.map((k) => k.code)];
  lists.getColumn(3).values = ['Personalstelle', ...m.positions.map((p) => p.label)];
  lists.getColumn(4).values = ['Einnahme/Ausgabe', 'Ausgabe', 'Einnahme'];

  // exceljs 4.4 supports range addresses here but its typings lack `dataValidations`.
  const validations = (sheet as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const last = m.rows + 1;
  const range = (f: ReceiptField): string => `${colLetter(f)}2:${colLetter(f)}${last}`;
  const listError = (what: string) => ({ showErrorMessage: true, errorStyle: 'stop' as const, errorTitle: 'Ungültiger Wert', error: `Bitte ${what} aus der Liste wählen.` });
  validations.add(range('costCategory'), {
    type: 'list',
    allowBlank: true,
    formulae: [`${LISTS_SHEET}!$A$2:$A$${names.length + 1}`],
    ...listError('eine Kostenart'),
  });
  validations.add(range('direction'), { type: 'list', allowBlank: true, formulae: ['"Einnahme,Ausgabe"'], ...listError('„Einnahme“ oder „Ausgabe“') });
  if (m.positions.length > 0) {
    validations.add(range('personnelPosition'), {
      type: 'list',
      allowBlank: true,
      formulae: [`${LISTS_SHEET}!$C$2:$C$${m.positions.length + 1}`],
      ...listError('eine Personalstelle des bewilligten Plans'),
    });
  }
  // Dates outside the period only warn here: the import reports them with row and column.
  validations.add(range('paymentDate'), {
    type: 'date',
    operator: 'between',
    allowBlank: true,
    formulae: [utcDate(m.context.eligibleFrom), utcDate(m.context.periodEnd)],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: 'Außerhalb des Bewilligungszeitraums',
    error: `Zuwendungsfähig sind Zahlungen vom ${m.context.eligibleFrom.toGermanString()} bis ${m.context.periodEnd.toGermanString()}.`,
  });

  writeNotes(notes, m);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function writeNotes(ws: ExcelJS.Worksheet, m: ReceiptTemplateModel): void {
  ws.columns = [{ width: 28 }, { width: 22 }, { width: 90 }];
  const title = (text: string): void => {
    const row = ws.addRow([text]);
    row.font = { bold: true, size: 12 };
  };
  const line = (...cells: string[]): void => {
    const row = ws.addRow(cells);
    row.alignment = { vertical: 'top', wrapText: true };
  };
  const ctx = m.context;
  title(`Belegliste zum Verwendungsnachweis – ${m.reference}`);
  line('Aktenzeichen', m.reference);
  line('Träger', m.providerName);
  line('Bewilligungszeitraum', `${ctx.periodStart.toGermanString()} – ${ctx.periodEnd.toGermanString()}`);
  line(
    'Förderfähiger Zeitraum',
    `${ctx.eligibleFrom.toGermanString()} – ${ctx.periodEnd.toGermanString()}`,
    ctx.eligibleFrom.isAfter(ctx.periodStart)
      ? `Zahlungen vor dem ${ctx.eligibleFrom.toGermanString()} sind nicht zuwendungsfähig (Datum des Bescheids bzw. der Zustimmung zum vorzeitigen Maßnahmebeginn).`
      : `Zahlungen vor dem ${ctx.eligibleFrom.toGermanString()} und nach dem ${ctx.periodEnd.toGermanString()} sind nicht zuwendungsfähig.`,
  );
  line(
    'Vorsteuerabzug',
    ctx.vatDeductible ? 'ja' : 'nein',
    ctx.vatDeductible
      ? 'Der Träger ist zum Vorsteuerabzug berechtigt: zuwendungsfähig sind nur Nettobeträge. Bitte die enthaltene Umsatzsteuer in der Spalte „USt.“ angeben; der zuwendungsfähige Betrag wird aus dem Nettobetrag berechnet.'
      : 'Der Träger ist nicht zum Vorsteuerabzug berechtigt: zuwendungsfähig ist der Bruttobetrag einschließlich Umsatzsteuer.',
  );
  ws.addRow([]);
  title('Spalten des Tabellenblatts „Belegliste“');
  const head = ws.addRow(['Spalte', 'Pflichtangabe', 'Inhalt']);
  head.font = { bold: true };
  for (const f of FIELDS) line(RECEIPT_COLUMNS[f], COLUMN_SPECS[f].required, COLUMN_SPECS[f].meaning(m));
  ws.addRow([]);
  title('Kostenarten des bewilligten Finanzierungsplans (für Ausgaben)');
  for (const c of m.categories) line(c.name, '', c.lines.join('; '));
  title('Kostenarten für Einnahmen');
  for (const k of INCOME_KINDS) line(k.name);
  ws.addRow([]);
  title('Personalstellen des bewilligten Plans');
  if (m.positions.length === 0) line('–', '', 'Der bewilligte Plan enthält keine Personalstellen.');
  for (const p of m.positions) line(p.label, p.payGrade, `${p.fte.replace('.', ',')} VZÄ`);
  ws.addRow([]);
  title('Hochladen');
  line(
    'Format',
    '',
    `Die ausgefüllte Datei als Excel-Datei (.xlsx) oder als CSV-Datei (UTF-8, Trennzeichen Semikolon, Beträge wie 1.234,56, Datum TT.MM.JJJJ) hochladen. Die erste Zeile muss die Spaltenüberschriften enthalten. Höchstens ${new Intl.NumberFormat('de-DE').format(m.rows)} Belegzeilen und ${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(m.maxBytes / (1024 * 1024))} MB.`,
  );
  line('Alles oder nichts', '', 'Enthält auch nur eine Zeile einen Fehler, wird keine Zeile übernommen. Die Fehlerliste nennt jeden Fehler mit Zeile und Spalte, z. B. „Zeile 17, Spalte Zahlungsdatum: Datum liegt vor dem Beginn des Bewilligungszeitraums.“');
  line('Ersetzen oder ergänzen', '', 'Standardmäßig ersetzt die Datei die bisherige Belegliste des Verwendungsnachweises („Belegliste ersetzen“). Mit „an die Belegliste anhängen“ werden die Zeilen an die vorhandenen Belege angefügt.');
}

/** Builds the template for a decision the caller may see (404 otherwise, like the decision itself). */
@Injectable()
export class ReceiptTemplateService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly decisions: DecisionsService,
    private readonly proofs: ProofsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(scope: Scope, decisionId: string): Promise<{ fileName: string; content: Buffer }> {
    const { decision, current } = await this.decisions.get(scope, decisionId);
    if (decision.outcome !== 'GRANT' || !current || decision.currentVersionNo === null) throw templateNotAvailable();
    const em = this.tx.manager;
    // The frame of a final proof: the same as the import checks against.
    const context = await this.proofs.contextFor(em, { decisionId, kind: ProofKind.FINAL, coveredYear: null } as ProofOfUse);
    const plan = current.approvedPlan;
    const names = await this.proofs.categoryNames(em);
    const categories = context.planCategories.map((code) => ({
      code,
      name: names.get(code) ?? code,
      lines: plan.costLines.filter((l) => l.category === code).map((l) => l.description),
    }));
    const content = await buildReceiptTemplate({
      reference: decision.reference,
      providerName: decision.provider?.name ?? '',
      context,
      categories,
      positions: plan.personnelPositions.map((p) => ({ label: p.label, payGrade: p.payGrade, fte: p.fte })),
      rows: this.config.importMaxRows,
      maxBytes: this.config.importMaxBytes,
      createdAt: this.clock.now(),
    });
    return { fileName: `Belegliste_${decision.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.xlsx`, content };
  }
}
