import { RECEIPT_COLUMNS, ReceiptField } from '../receipt-rules';

/** Case, Unicode form, runs of whitespace and a trailing ":" or "*" do not matter in a header cell. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/\s*[:*]+$/, '')
    .toLowerCase();
}

const FIELD_BY_HEADER = new Map<string, ReceiptField>(
  (Object.entries(RECEIPT_COLUMNS) as [ReceiptField, string][]).map(([field, header]) => [normalizeHeader(header), field]),
);

/** Columns a row cannot do without; the others have defaults (lfd. Nr., USt. 0, Projektanteil 100 %, …). */
export const REQUIRED_FIELDS: readonly ReceiptField[] = [
  'receiptNumber',
  'receiptDate',
  'paymentDate',
  'counterparty',
  'reason',
  'direction',
  'costCategory',
  'grossAmount',
];

export interface HeaderMatch {
  /** Column index (0-based) → field; unknown columns are left out (and ignored). */
  readonly fields: ReadonlyMap<number, ReceiptField>;
  /** Header problems, by the German column name. */
  readonly problems: readonly { column: string; message: string }[];
  /** How many cells named a Belegliste column. */
  readonly known: number;
}

export function matchHeader(cells: readonly (string | null)[]): HeaderMatch {
  const fields = new Map<number, ReceiptField>();
  const seen = new Set<ReceiptField>();
  const problems: { column: string; message: string }[] = [];
  cells.forEach((cell, index) => {
    if (cell === null) return;
    const field = FIELD_BY_HEADER.get(normalizeHeader(cell));
    if (!field) return;
    if (seen.has(field)) {
      problems.push({ column: RECEIPT_COLUMNS[field], message: 'Die Spalte kommt in der Kopfzeile mehrfach vor.' });
      return;
    }
    seen.add(field);
    fields.set(index, field);
  });
  for (const field of REQUIRED_FIELDS) {
    if (!seen.has(field)) problems.push({ column: RECEIPT_COLUMNS[field], message: 'Die Spalte fehlt in der Kopfzeile.' });
  }
  return { fields, problems, known: seen.size };
}

/** The separator of a CSV header line: the one of ; , TAB that occurs most often outside quotes. */
export function detectDelimiter(firstLine: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

/** Splits one CSV line (no line breaks inside) at `delimiter`, honouring "quoted ""fields""". */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
