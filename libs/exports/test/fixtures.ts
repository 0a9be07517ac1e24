// A Beleg-like export used by the xlsx and CSV specs: every column type, injection attempts, empties.
import { CalendarDate, Money, Rate } from '@foerderfluss/core';
import type { ExportColumn } from '../src/columns';

export interface ReceiptRow {
  fileNumber: string;
  recipient: string | null;
  reason: string | null;
  receiptDate: CalendarDate | string | null;
  amount: Money | string | null;
  count: number | null;
  fte: string | null;
  rate: Rate | string | null;
  approved: boolean | null;
}

export const receiptColumns: ExportColumn<ReceiptRow>[] = [
  { header: 'Aktenzeichen', key: 'fileNumber', type: 'text' },
  { header: 'Empfänger', key: 'recipient', type: 'text' },
  { header: 'Grund', key: 'reason', type: 'text', width: 30 },
  { header: 'Belegdatum', key: 'receiptDate', type: 'date' },
  { header: 'Betrag', key: 'amount', type: 'money', total: true },
  { header: 'Anzahl', key: 'count', type: 'integer', total: true },
  { header: 'VZÄ', key: 'fte', type: 'decimal', total: true },
  { header: 'Fördersatz', key: 'rate', type: 'percent' },
  { header: 'Anerkannt', key: 'approved', type: 'boolean' },
];

export const injectionTexts = ['=HYPERLINK("http://x","y")', '+SUM(1)', '-1+2', '@A1', '\t=1', '  =1'];

export const receiptRows: ReceiptRow[] = [
  {
    fileNumber: 'AZ-2026-001',
    recipient: '=HYPERLINK("http://x","y")',
    reason: '+SUM(1)',
    receiptDate: CalendarDate.of(2026, 2, 28),
    amount: Money.of('1234.56'),
    count: 3,
    fte: '0.75',
    rate: Rate.fromPercent('90'),
    approved: true,
  },
  { fileNumber: 'AZ-2026-002', recipient: '-1+2', reason: '@A1', receiptDate: '2026-12-31', amount: '-5.00', count: 1, fte: '1.00', rate: '12.5', approved: false },
  { fileNumber: 'AZ-2026-003', recipient: '\t=1', reason: '  =1', receiptDate: '2026-01-01', amount: '9999999999999.99', count: null, fte: null, rate: null, approved: null },
  { fileNumber: 'AZ-2026-004', recipient: 'Verein; "Zukunft" e.V.', reason: 'Zeile 1\r\nZeile 2', receiptDate: null, amount: null, count: 0, fte: '0.50', rate: '100', approved: true },
];
