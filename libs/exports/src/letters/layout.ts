import { CalendarDate, Dec, dec, decimalText, Money } from '@foerderfluss/core';
import type {
  Column,
  Content,
  ContentTable,
  ContentText,
  CustomTableLayout,
  Margins,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import { eur, formatIban, germanDate, keepTogether, NBSP } from './format';
import type { LetterBankAccount, CaseOfficer, Letterhead, LetterBase, LetterRecipient, LetterSignatory } from './letter-models';
import { LetterModelError } from './letters.errors';
import { LETTER_FONT } from './pdf-engine';

/**
 * Shared page frame and building blocks of all letters: A4 after DIN 5008 (left margin 25 mm),
 * the letterhead and information block on page 1, the Kreis's contact and bank details in the
 * first page's footer, and on every page a footer line with the Aktenzeichen and "Seite x von y".
 */

const MM = 72 / 25.4;
const LEFT = 25 * MM;
const RIGHT = 20 * MM;
const TOP = 22 * MM;
/** Room for the first page's contact footer; later pages use the same frame. */
const BOTTOM = 37 * MM;
export const CONTENT_WIDTH = 595.28 - LEFT - RIGHT;

/**
 * Style name carried by every node of the header and footer, so the orphan check below can tell
 * them from body text (pdfmake lists them among the "following nodes on the page").
 */
const FRAME_STYLE = 'pageFrame';

/** Marks a header/footer tree with FRAME_STYLE, turning bare strings into text nodes. */
function markFrame(node: Content): Content {
  if (typeof node === 'string') return { text: node, style: FRAME_STYLE };
  if (Array.isArray(node)) return node.map(markFrame);
  const out: Record<string, unknown> = { ...(node as object), style: FRAME_STYLE };
  const rec = node as { stack?: Content[]; columns?: Content[] };
  if (rec.stack) out.stack = rec.stack.map(markFrame);
  if (rec.columns) out.columns = rec.columns.map(markFrame);
  return out as unknown as Content;
}

export const COLOR = {
  text: '#1a1a1a',
  muted: '#5a5a5a',
  rule: '#9a9a9a',
  headerFill: '#e6ebf0',
  totalFill: '#f3f3f3',
} as const;

// ───────────────────────────────────────── document frame ─────────────────────────────────────────

export interface DocumentFrame {
  letterhead: Letterhead;
  /** Aktenzeichen, printed on every page. */
  reference: string;
  /** Short name of the document for the footer line: "Zuwendungsbescheid vom 25.11.2026". */
  footerTitle: string;
  /** PDF metadata. */
  title: string;
  subject?: string;
  /** The document's date: becomes the PDF creation date (00:00 UTC), so bytes are reproducible. */
  date: CalendarDate;
  /** Contact and bank details in the first page's footer (letters to Träger); not for internal records. */
  contactFooter: boolean;
}

export function buildDocument(frame: DocumentFrame, content: Content[]): TDocumentDefinitions {
  const created = new Date(Date.UTC(frame.date.year, frame.date.month - 1, frame.date.day));
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [LEFT, TOP, RIGHT, BOTTOM],
    info: {
      title: frame.title,
      subject: frame.subject ?? frame.title,
      author: frame.letterhead.name,
      creator: 'Förderfluss',
      producer: 'Förderfluss (pdfmake)',
      creationDate: created,
      modDate: created,
    },
    defaultStyle: { font: LETTER_FONT, fontSize: 10, lineHeight: 1.2, color: COLOR.text },
    styles: {
      h1: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      h2: { fontSize: 10, bold: true, margin: [0, 6, 0, 3] },
      small: { fontSize: 8 },
      muted: { color: COLOR.muted },
      tableHeader: { bold: true, fontSize: 8.5 },
      tableBody: { fontSize: 8.5 },
      [FRAME_STYLE]: {},
    },
    header: (currentPage) =>
      currentPage === 1
        ? null
        : markFrame({
            columns: [
              { text: frame.letterhead.name, bold: true },
              { text: frame.letterhead.department, alignment: 'right' },
            ],
            fontSize: 8,
            color: COLOR.muted,
            margin: [LEFT, 10 * MM, RIGHT, 0],
          }),
    footer: (currentPage, pageCount) => {
      const stack: Content[] = [
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: COLOR.rule }] },
        {
          columns: [
            { text: `Aktenzeichen: ${frame.reference}${NBSP}·${NBSP}${frame.footerTitle}`, width: '*' },
            { text: `Seite ${currentPage} von ${pageCount}`, width: 'auto', alignment: 'right' },
          ],
          fontSize: 8,
          margin: [0, 3, 0, 0],
        },
      ];
      if (currentPage === 1 && frame.contactFooter) stack.push(contactFooter(frame.letterhead));
      return markFrame({ stack, margin: [LEFT, 4 * MM, RIGHT, 0] });
    },
    // A heading never stands alone at the bottom of a page: if no body text follows it on its page
    // (header and footer nodes do not count), it moves to the next page.
    pageBreakBefore: (node, queries) =>
      node.headlineLevel === 1 && !queries.getFollowingNodesOnPage().some((n) => n.style !== FRAME_STYLE),
    content,
  };
}

function contactFooter(letterhead: Letterhead): Content {
  const account = letterhead.bankAccounts[0];
  const columns: Column[] = [
    {
      width: '*',
      stack: [
        { text: 'Hausanschrift', bold: true },
        letterhead.authorityName,
        letterhead.address.street,
        `${letterhead.address.postalCode} ${letterhead.address.city}`,
        ...(letterhead.officeHours && letterhead.officeHours.length > 0
          ? [{ text: 'Sprechzeiten', bold: true, margin: [0, 2, 0, 0] as Margins }, ...letterhead.officeHours]
          : []),
      ],
    },
    {
      width: 'auto',
      stack: [
        { text: 'Kontakt', bold: true },
        `Telefon: ${letterhead.phone}`,
        ...(letterhead.fax ? [`Fax: ${letterhead.fax}`] : []),
        `E-Mail: ${letterhead.email}`,
        // A Kreis onboarded without a web address (issue 20) writes none rather than an empty line.
        ...(letterhead.website.trim() ? [letterhead.website] : []),
      ],
    },
  ];
  if (account) {
    columns.push({
      width: 'auto',
      stack: [
        { text: 'Bankverbindung', bold: true },
        account.bankName,
        `IBAN: ${formatIban(account.iban)}`,
        `BIC: ${account.bic}`,
      ],
    });
  }
  return { columns, columnGap: 10, fontSize: 7, lineHeight: 1.1, color: COLOR.muted, margin: [0, 6, 0, 0] };
}

// ───────────────────────────────────────── page 1 blocks ─────────────────────────────────────────

export function letterheadBlock(letterhead: Letterhead): Content {
  return {
    stack: [
      { text: letterhead.name, fontSize: 15, bold: true },
      { text: letterhead.department, fontSize: 11, color: COLOR.muted, margin: [0, 2, 0, 0] },
      {
        canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.8, lineColor: COLOR.rule }],
        margin: [0, 6, 0, 0],
      },
    ],
    margin: [0, 0, 0, 14],
  };
}

export function validateLetterhead(letterhead: Letterhead): void {
  const required: [keyof Letterhead, unknown][] = [
    ['name', letterhead.name],
    ['department', letterhead.department],
    ['districtName', letterhead.districtName],
    ['authorityName', letterhead.authorityName],
    ['phone', letterhead.phone],
    ['email', letterhead.email],
  ];
  for (const [key, value] of required) {
    if (typeof value !== 'string' || value.trim() === '') throw new LetterModelError(`letterhead.${key}`, 'darf nicht leer sein');
  }
  if (!letterhead.address?.street || !letterhead.address.postalCode || !letterhead.address.city) {
    throw new LetterModelError('letterhead.address', 'Straße, Postleitzahl und Ort sind erforderlich');
  }
  if (!Array.isArray(letterhead.bankAccounts) || letterhead.bankAccounts.length === 0) {
    throw new LetterModelError('letterhead.bankAccounts', 'mindestens eine Bankverbindung des Kreises ist erforderlich');
  }
}

export function placeOf(letterhead: Letterhead): string {
  return letterhead.place ?? letterhead.address.city;
}

/** "Landratsamt Altenburger Land, Lindenaustraße 9, 04600 Altenburg" */
export function authorityWithAddress(letterhead: Letterhead): string {
  const a = letterhead.address;
  return `${letterhead.authorityName}, ${a.street}, ${a.postalCode} ${a.city}`;
}

export function recipientLines(recipient: LetterRecipient): string[] {
  return [
    recipient.name,
    ...(recipient.additionalLines ?? []),
    recipient.address.street,
    `${recipient.address.postalCode} ${recipient.address.city}`,
  ];
}

export interface InfoRow {
  label: string;
  value: string;
}

/** Standard information block rows of a letter to a Träger. */
export function letterInfoRows(
  letterhead: Letterhead,
  base: Pick<LetterBase, 'reference' | 'recipientReference'> & { officer: CaseOfficer },
  date: CalendarDate,
  extra: InfoRow[] = [],
): InfoRow[] {
  return [
    ...(base.recipientReference ? [{ label: 'Ihr Zeichen', value: base.recipientReference }] : []),
    ...extra,
    { label: 'Aktenzeichen', value: base.reference },
    { label: 'Bearbeitet von', value: base.officer.name },
    ...(base.officer.room ? [{ label: 'Zimmer', value: base.officer.room }] : []),
    { label: 'Telefon', value: base.officer.phone },
    { label: 'E-Mail', value: base.officer.email ?? letterhead.email },
    { label: 'Datum', value: germanDate(date) },
  ];
}

/** Wide enough for the longest label ("Ihr Nachweis vom:", "Bearbeitet von:") at 8 pt on one line. */
const INFO_LABEL_WIDTH = 74;

/** Return address, Zustellvermerk and addressee on the left; the information block on the right. */
export function addressAndInfoBlock(letterhead: Letterhead, address: string[], info: InfoRow[], deliveryNote?: string): Content {
  const a = letterhead.address;
  const returnLine = `${letterhead.authorityName}${NBSP}·${NBSP}${a.street}${NBSP}·${NBSP}${a.postalCode} ${a.city}`;
  const left: Content[] = [
    { text: returnLine, fontSize: 7, color: COLOR.muted, decoration: 'underline', margin: [0, 0, 0, 6] },
  ];
  if (deliveryNote) left.push({ text: deliveryNote, fontSize: 9, bold: true, margin: [0, 0, 0, 4] });
  left.push({ stack: address, fontSize: 10.5, lineHeight: 1.15 });
  return {
    columns: [
      { width: 78 * MM, stack: left },
      {
        width: '*',
        stack: [
          { text: letterhead.department, bold: true, fontSize: 8, margin: [0, 0, 0, 3] },
          {
            table: {
              widths: [INFO_LABEL_WIDTH, '*'],
              body: info.map((row) => [
                { text: `${row.label}:`, color: COLOR.muted },
                { text: row.value },
              ]),
            },
            layout: COMPACT_LAYOUT,
            fontSize: 8,
          },
        ],
      },
    ],
    columnGap: 6 * MM,
    margin: [0, 0, 0, 12 * MM],
  };
}

export function subjectBlock(lines: string[]): Content {
  return { stack: lines.map((l) => keepTogether(l)), bold: true, fontSize: 10.5, margin: [0, 0, 0, 10] };
}

export function salutation(text: string | undefined): Content {
  return { text: text ?? 'Sehr geehrte Damen und Herren,', margin: [0, 0, 0, 8] };
}

// ───────────────────────────────────────── running text ─────────────────────────────────────────

/** A bit of formatted running text: plain, or bold. */
export type Inline = string | { text: string; bold?: boolean; italics?: boolean };

type PdfInline = string | { text: string; bold?: boolean; italics?: boolean; noWrap?: boolean };

/** Terms with a hyphen that must not break at it ("ANBest-/P" looks wrong in a Bescheid). */
const UNBREAKABLE = /(ANBest-[A-Za-z]+|TV-L)/;

/** Running text for pdfmake: no-break spaces, and hyphenated terms as unbreakable pieces. */
function inlines(part: Inline): PdfInline[] {
  const spec = typeof part === 'string' ? { text: part } : part;
  const style = { ...spec, text: undefined };
  const plain = typeof part === 'string';
  return keepTogether(spec.text)
    .split(UNBREAKABLE)
    .filter((piece) => piece !== '')
    .map((piece) => {
      const noWrap = UNBREAKABLE.test(piece);
      if (plain && !noWrap) return piece;
      return { ...style, text: piece, ...(noWrap ? { noWrap: true } : {}) };
    });
}

function inline(part: Inline | Inline[]): PdfInline[] {
  return (Array.isArray(part) ? part : [part]).flatMap(inlines);
}

export function paragraph(content: Inline | Inline[], extra: Partial<ContentText> = {}): Content {
  const parts = Array.isArray(content) ? content : [content];
  return { text: inline(parts), margin: [0, 0, 0, 6], ...extra } as Content;
}

export function heading(text: string, level: 1 | 2 = 1): Content {
  return { text: keepTogether(text), style: level === 1 ? 'h1' : 'h2', headlineLevel: 1 };
}

/** Centered, bold line such as "Bescheid:" before the Tenor. */
export function centeredTitle(text: string): Content {
  return { text, bold: true, fontSize: 11, alignment: 'center', margin: [0, 4, 0, 8] };
}

/**
 * A list as marker and text columns (rather than pdfmake's ol/ul, which draws the marker after the
 * first line): reads in the right order when the text is extracted, looks the same.
 */
function markedList(items: (Inline | Inline[])[], marker: (index: number) => string, markerWidth: number): Content {
  return {
    stack: items.map((item, i) => ({
      columns: [
        { text: marker(i), width: markerWidth },
        { text: inline(item), width: '*' },
      ],
      columnGap: 4,
      margin: [0, 0, 0, 3],
    })),
    margin: [0, 0, 0, 6],
  } as Content;
}

export function numberedList(items: (Inline | Inline[])[], start = 1): Content {
  return markedList(items, (i) => `${start + i}.`, 14);
}

export function bulletList(items: (Inline | Inline[])[]): Content {
  return markedList(items, () => '•', 8);
}

/** A highlighted amount on its own line, e.g. "90.000,00 € (Höchstbetrag)" under the Tenor. */
export function amountLine(amount: Money, note: string): Content {
  return {
    text: [{ text: eur(amount), bold: true }, { text: ` (${note})` }],
    fontSize: 11,
    alignment: 'center',
    margin: [0, 2, 0, 8],
  };
}

/** Two columns of label and value without borders. */
export function keyValueBlock(rows: [string, Inline | Inline[]][], labelWidth = 68 * MM): Content {
  return {
    table: {
      widths: [labelWidth, '*'],
      body: rows.map(([label, value]) => [
        { text: keepTogether(label), color: COLOR.muted },
        { text: inline(value) },
      ]),
    },
    layout: COMPACT_LAYOUT,
    margin: [0, 0, 0, 8],
  } as Content;
}

// ───────────────────────────────────────── tables ─────────────────────────────────────────

export const COMPACT_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i) => (i === 0 ? 0 : 4),
  paddingRight: () => 4,
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

const GRID_LAYOUT: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: () => COLOR.rule,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
  fillColor: (rowIndex) => (rowIndex === 0 ? COLOR.headerFill : null),
};

export type Align = 'left' | 'right' | 'center';

export interface TableColumn {
  header: string;
  width: number | '*' | 'auto';
  align?: Align;
}

export type CellInput = string | { text: string; bold?: boolean; colSpan?: number; align?: Align; italics?: boolean };

export interface DataTableOptions {
  /** Rows printed bold on a grey background (totals). Indices into `rows`. */
  totalRows?: ReadonlySet<number>;
  fontSize?: number;
  margin?: [number, number, number, number];
}

/**
 * A table with a header row that pdfmake repeats on every page the table spans; a row never
 * splits across pages and the header never stands alone.
 */
export function dataTable(columns: TableColumn[], rows: CellInput[][], options: DataTableOptions = {}): ContentTable {
  const fontSize = options.fontSize ?? 8.5;
  const header: TableCell[] = columns.map((c) => ({ text: c.header, bold: true, alignment: c.align ?? 'left' }));
  const body: TableCell[][] = rows.map((row, r) => {
    const total = options.totalRows?.has(r) ?? false;
    const cells: TableCell[] = [];
    row.forEach((cell) => {
      const spec = typeof cell === 'string' ? { text: cell } : cell;
      const column = columns[cells.length];
      const out: TableCell = {
        text: keepTogether(spec.text),
        alignment: spec.align ?? column?.align ?? 'left',
        bold: spec.bold ?? total,
        italics: spec.italics ?? false,
        ...(total ? { fillColor: COLOR.totalFill } : {}),
        ...(spec.colSpan && spec.colSpan > 1 ? { colSpan: spec.colSpan } : {}),
      };
      cells.push(out);
      for (let k = 1; k < (spec.colSpan ?? 1); k++) cells.push({});
    });
    if (cells.length !== columns.length) {
      throw new Error(`Tabellenzeile ${r + 1} hat ${cells.length} statt ${columns.length} Spalten.`);
    }
    return cells;
  });
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: columns.map((c) => c.width),
      body: [header, ...body],
    },
    layout: GRID_LAYOUT,
    fontSize,
    lineHeight: 1.1,
    margin: options.margin ?? [0, 2, 0, 8],
  };
}

/** A percentage with two decimals, e.g. share of a total: "85,00 %". */
export function shareText(part: Money, whole: Money): string {
  if (whole.isZero()) return '–';
  return ratioText(part.ratioTo(whole));
}

/** A count's share of a total count: "10,17 %". */
export function countShareText(part: number, whole: number): string {
  if (whole === 0) return '–';
  return ratioText(dec(part).dividedBy(whole));
}

function ratioText(fraction: Dec): string {
  return `${decimalText(dec(fraction.times(100)), 2).replace('.', ',')}${NBSP}%`;
}

// ───────────────────────────────────────── closing blocks ─────────────────────────────────────────

/** "Mit freundlichen Grüßen / Im Auftrag / (space) / Name / Funktion". Kept on one page. */
export function signatureBlock(signatory: LetterSignatory, options: { greeting?: boolean } = {}): Content {
  if (!signatory?.name?.trim()) throw new LetterModelError('signatory.name', 'darf nicht leer sein');
  return {
    stack: [
      ...(options.greeting === false ? [] : [{ text: 'Mit freundlichen Grüßen', margin: [0, 0, 0, 10] }]),
      { text: 'Im Auftrag' },
      { text: ' ', margin: [0, 0, 0, 22] },
      { text: signatory.name },
      ...(signatory.title ? [{ text: signatory.title, color: COLOR.muted }] : []),
    ],
    unbreakable: true,
    margin: [0, 10, 0, 8],
  } as Content;
}

/**
 * The end of a letter: the Rechtsbehelfsbelehrung (for a Bescheid) and the signature kept together
 * on one page, so the signature never stands alone; then the Anlagen.
 */
export function closingBlocks(options: { remedy: Letterhead | null; signatory: LetterSignatory; enclosures?: string[] }): Content[] {
  const together: Content[] = [];
  if (options.remedy) together.push(legalRemedyBlock(options.remedy));
  together.push(signatureBlock(options.signatory));
  return [{ stack: together, unbreakable: true }, ...enclosuresBlock(options.enclosures)];
}

export function enclosuresBlock(enclosures: string[] | undefined): Content[] {
  if (!enclosures || enclosures.length === 0) return [];
  return [
    {
      stack: [{ text: enclosures.length === 1 ? 'Anlage' : 'Anlagen', bold: true }, ...enclosures.map((e) => keepTogether(e))],
      fontSize: 9,
      margin: [0, 4, 0, 8],
      unbreakable: true,
    },
  ];
}

/**
 * Rechtsbehelfsbelehrung for a Bescheid of the Landratsamt (§ 58, § 70 VwGO; Widerspruch before the
 * Verwaltungsgericht, the Vorverfahren applies in Thüringen). Kept on one page.
 */
export function legalRemedyBlock(letterhead: Letterhead): Content {
  return {
    stack: [
      { text: 'Rechtsbehelfsbelehrung', style: 'h1' },
      {
        text: keepTogether(
          'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. ' +
            'Der Widerspruch ist schriftlich, in elektronischer Form nach § 3a Abs. 2 des Thüringer ' +
            'Verwaltungsverfahrensgesetzes (ThürVwVfG) oder zur Niederschrift beim ' +
            `${authorityWithAddress(letterhead)}, einzulegen.`,
        ),
      },
    ],
    unbreakable: true,
    margin: [0, 4, 0, 6],
  };
}

/** The payment instruction: the Kreis's account, the amount and the Aktenzeichen as Verwendungszweck. */
export function paymentDetailsBlock(letterhead: Letterhead, account: LetterBankAccount, amount: Money, reference: string, dueDate: CalendarDate): Content {
  return {
    stack: [
      keyValueBlock([
        ['Zahlungsempfänger', account.accountHolder ?? letterhead.districtName],
        ['Kreditinstitut', account.bankName],
        ['IBAN', formatIban(account.iban)],
        ['BIC', account.bic],
        ['Betrag', { text: eur(amount), bold: true }],
        ['Verwendungszweck', { text: reference, bold: true }],
        ['Zahlungsfrist', `bis zum ${germanDate(dueDate)} (Eingang auf dem Konto)`],
      ]),
    ],
    unbreakable: true,
  };
}
