import { PassThrough } from 'node:stream';
import type { Content } from 'pdfmake/interfaces';
import { CalendarDate, Money } from '@foerderfluss/core';
import type { ExportColumn } from '../columns';
import { StreamingCsvWriter } from '../csv-writer';
import { eur, formatIban, germanDate, readDate, readMoney, readText } from '../letters/format';
import { buildDocument, dataTable, heading, keyValueBlock, letterheadBlock, paragraph, validateLetterhead } from '../letters/layout';
import type { Letterhead } from '../letters/letter-models';
import { LetterModelError } from '../letters/letters.errors';
import { renderPdf, type RenderOptions } from '../letters/pdf-engine';

/** Who made a Feststellung (display name) and on which day. */
export interface Attestation {
  name: string;
  date: string;
}

/** One payout of the Auszahlungsanordnung. */
export interface PaymentOrderLine {
  position: number;
  /** Haushaltsstelle of the budget year the money comes from. */
  budgetLine: string;
  budgetYear: number;
  payee: string;
  iban: string;
  bic: string | null;
  amount: string;
  /** The day the payout is due (the value date the Mittelabruf asked for). */
  dueDate: string;
  /** Aktenzeichen of the Bescheid or Vertrag. */
  reference: string;
  paymentRequestReference: string;
  /** Verwendungszweck, as in the SEPA file. */
  remittance: string;
  /** sachlich richtig: who checked the Mittelabruf; rechnerisch richtig: who approved the payout. */
  factuallyCorrect: Attestation | null;
  arithmeticallyCorrect: Attestation | null;
}

/**
 * Auszahlungsanordnung for the Kreiskasse: one per SEPA payment file, listing each payout with its
 * Haushaltsstelle, payee, IBAN, amount, due date, Aktenzeichen, Verwendungszweck and who attested it
 * sachlich and rechnerisch richtig. Every date is one of the records, so the document is the same
 * whenever it is made.
 */
export interface PaymentOrderModel {
  /** Message id of the payment file, e.g. "PF-2026-0001". */
  messageId: string;
  /** The day the file was made (the order's date). */
  orderDate: string;
  executionDate: string;
  createdBy: string | null;
  bookedOn: string | null;
  /** SHA-256 of the SEPA file, so the Kasse can match the two. */
  sha256: string;
  /** The file's control sum; must equal the sum of the lines. */
  controlSum: string;
  lines: PaymentOrderLine[];
}

function readAttestation(a: Attestation | null, path: string): string {
  if (!a) return '–';
  return `${readText(a.name, `${path}.name`)}, ${germanDate(readDate(a.date, `${path}.date`))}`;
}

/** Checks the model: one line at least, amounts positive, Σ lines = control sum. */
function readModel(model: PaymentOrderModel): { total: Money; lines: (PaymentOrderLine & { money: Money })[] } {
  if (!Array.isArray(model.lines) || model.lines.length === 0) throw new LetterModelError('lines', 'eine Auszahlungsanordnung braucht mindestens eine Auszahlung');
  const lines = model.lines.map((l, i) => ({ ...l, money: readMoney(l.amount, `lines[${i}].amount`) }));
  const total = Money.sum(lines.map((l) => l.money));
  const control = readMoney(model.controlSum, 'controlSum');
  if (!total.equals(control)) throw new LetterModelError('controlSum', `die Summe der Auszahlungen (${total.formatEur()}) muss der Kontrollsumme der Zahlungsdatei (${control.formatEur()}) entsprechen`);
  return { total, lines };
}

/** The Auszahlungsanordnung as a PDF document (A4, the letters' frame; internal, no contact footer). */
export function paymentOrderDocument(model: PaymentOrderModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const { total, lines } = readModel(model);
  const orderDate = readDate(model.orderDate, 'orderDate');
  const execution = readDate(model.executionDate, 'executionDate');
  const account = letterhead.bankAccounts[0]!;
  const years = [...new Set(lines.map((l) => l.budgetYear))].sort().join(', ');
  const perBudgetLine = new Map<string, Money>();
  for (const l of lines) perBudgetLine.set(l.budgetLine, (perBudgetLine.get(l.budgetLine) ?? Money.ZERO).plus(l.money));

  const content: Content[] = [
    letterheadBlock(letterhead),
    { text: 'Auszahlungsanordnung', fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 2] },
    { text: `zur SEPA-Zahlungsdatei ${model.messageId}`, alignment: 'center', margin: [0, 0, 0, 10] },
    keyValueBlock([
      ['An', `Kreiskasse, ${letterhead.districtName}`],
      ['Anordnende Stelle', `${letterhead.authorityName}, ${letterhead.department}`],
      ['Zahlungsdatei', `${model.messageId} (SHA-256 ${model.sha256.slice(0, 16)}…)`],
      ['Erstellt am', `${germanDate(orderDate)}${model.createdBy ? ` von ${model.createdBy}` : ''}`],
      ['Ausführung am', { text: germanDate(execution), bold: true }],
      ...(model.bookedOn ? ([['Ausführung gebucht am', germanDate(readDate(model.bookedOn, 'bookedOn'))]] as [string, string][]) : []),
      ['Auszahlungskonto', `${account.accountHolder ?? letterhead.districtName}, ${account.bankName}, IBAN ${formatIban(account.iban)}`],
      ['Haushaltsjahr', years],
      ['Anzahl der Zahlungen', String(lines.length)],
      ['Gesamtbetrag', { text: eur(total), bold: true }],
    ]),
    paragraph(
      `Die Kreiskasse wird angewiesen, die folgenden Beträge zu Lasten der angegebenen Haushaltsstellen an die genannten Empfänger auszuzahlen. ` +
        `Die Zahlungsdatei ${model.messageId} enthält dieselben ${lines.length} Zahlungen über insgesamt ${eur(total)}.`,
    ),
    heading('Zahlungen'),
    dataTable(
      [
        { header: 'Nr.', width: 18, align: 'right' },
        { header: 'Haushaltsstelle', width: 72 },
        { header: 'Zahlungsempfänger, IBAN', width: 125 },
        { header: 'Aktenzeichen, Verwendungszweck', width: '*' },
        { header: 'Fällig am', width: 50 },
        { header: 'Betrag', width: 62, align: 'right' },
      ],
      [
        ...lines.map((l, i) => [
          String(l.position),
          readText(l.budgetLine, `lines[${i}].budgetLine`),
          `${readText(l.payee, `lines[${i}].payee`)}\n${formatIban(readText(l.iban, `lines[${i}].iban`))}${l.bic ? `\nBIC ${l.bic}` : ''}`,
          `${readText(l.reference, `lines[${i}].reference`)} (${l.paymentRequestReference})\n${readText(l.remittance, `lines[${i}].remittance`)}`,
          germanDate(readDate(l.dueDate, `lines[${i}].dueDate`)),
          eur(l.money),
        ]),
        [{ text: 'Summe', colSpan: 5 }, eur(total)],
      ],
      { totalRows: new Set([lines.length]), fontSize: 8 },
    ),
    ...(perBudgetLine.size > 1
      ? [
          dataTable(
            [
              { header: 'Haushaltsstelle', width: '*' },
              { header: 'Betrag', width: 80, align: 'right' },
            ],
            [...perBudgetLine.entries()].map(([line, amount]) => [line, eur(amount)]),
          ),
        ]
      : []),
    heading('Feststellung der sachlichen und rechnerischen Richtigkeit'),
    paragraph(
      'Sachlich richtig: geprüft beim Mittelabruf (Sachbearbeitung). Rechnerisch richtig: die Auszahlung freigegeben im Vier-Augen-Prinzip ' +
        '(Zeichnungsbefugnis). Die Feststellungen sind im Verfahren Förderfluss mit Person und Zeitpunkt im Audit-Protokoll festgehalten.',
      { fontSize: 9 },
    ),
    dataTable(
      [
        { header: 'Nr.', width: 18, align: 'right' },
        { header: 'Mittelabruf', width: 90 },
        { header: 'sachlich richtig', width: '*' },
        { header: 'rechnerisch richtig', width: '*' },
      ],
      lines.map((l, i) => [
        String(l.position),
        l.paymentRequestReference,
        readAttestation(l.factuallyCorrect, `lines[${i}].factuallyCorrect`),
        readAttestation(l.arithmeticallyCorrect, `lines[${i}].arithmeticallyCorrect`),
      ]),
    ),
  ];

  return buildDocument(
    {
      letterhead,
      reference: model.messageId,
      footerTitle: `Auszahlungsanordnung vom ${germanDate(orderDate)}`,
      title: `Auszahlungsanordnung ${model.messageId}`,
      subject: `Auszahlungsanordnung zur Zahlungsdatei ${model.messageId}`,
      date: orderDate,
      contactFooter: false,
    },
    content,
  );
}

export async function renderAuszahlungsanordnung(model: PaymentOrderModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(paymentOrderDocument(model, letterhead), options);
}

type CsvRow = PaymentOrderLine;

/** The CSV columns (German headers); the amount carries the total („Summe“ line). */
export const PAYMENT_ORDER_COLUMNS: readonly ExportColumn<CsvRow>[] = [
  { header: 'Nr.', key: 'position', type: 'integer' },
  { header: 'Haushaltsstelle', key: 'budgetLine', type: 'text' },
  { header: 'Haushaltsjahr', key: 'budgetYear', type: 'integer' },
  { header: 'Zahlungsempfänger', key: 'payee', type: 'text' },
  { header: 'IBAN', key: 'iban', type: 'text' },
  { header: 'BIC', key: 'bic', type: 'text' },
  { header: 'Betrag', key: 'amount', type: 'money', total: true },
  { header: 'Fälligkeitsdatum', key: 'dueDate', type: 'date' },
  { header: 'Aktenzeichen', key: 'reference', type: 'text' },
  { header: 'Mittelabruf', key: 'paymentRequestReference', type: 'text' },
  { header: 'Verwendungszweck', key: 'remittance', type: 'text' },
  { header: 'Sachlich richtig', key: 'factuallyCorrectBy', type: 'text', value: (r) => r.factuallyCorrect?.name ?? '' },
  { header: 'Sachlich richtig am', key: 'factuallyCorrectOn', type: 'date', value: (r) => r.factuallyCorrect?.date ?? null },
  { header: 'Rechnerisch richtig', key: 'arithmeticallyCorrectBy', type: 'text', value: (r) => r.arithmeticallyCorrect?.name ?? '' },
  { header: 'Rechnerisch richtig am', key: 'arithmeticallyCorrectOn', type: 'date', value: (r) => r.arithmeticallyCorrect?.date ?? null },
];

/**
 * The Auszahlungsanordnung as CSV for the Kasse's procedure: UTF-8 with BOM, `;`, decimal comma,
 * dates TT.MM.JJJJ, text neutralised against formula injection (the export writer), a last line
 * „Summe“ with the total.
 */
export async function paymentOrderCsv(model: PaymentOrderModel): Promise<Buffer> {
  readModel(model);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await new StreamingCsvWriter<CsvRow>({ columns: PAYMENT_ORDER_COLUMNS, totals: true }).write({ rows: model.lines }, sink);
  return Buffer.concat(chunks);
}

/** `Auszahlungsanordnung_PF-2026-0001.pdf` */
export function paymentOrderFileName(messageId: string, format: 'pdf' | 'csv'): string {
  return `Auszahlungsanordnung_${messageId.replace(/[^A-Za-z0-9._-]/g, '-')}.${format}`;
}

/** The day of an instant in the business time zone (for the Feststellungen). */
export function dayOf(at: Date, timezone: string): string {
  return CalendarDate.todayIn(timezone, at).toISOString();
}
