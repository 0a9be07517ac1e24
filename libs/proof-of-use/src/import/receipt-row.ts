import { RECEIPT_COLUMNS, ParsedReceipt, ReceiptField, RowProblem } from '../receipt-rules';
import { amountCell, categoryCell, Converted, dateCell, directionCell, EMPTY_CELL, percentCell, positionCell, RawCell, textCell } from './cell-values';

/** One problem of an import, as stored on the import row and shown to the Träger. */
export interface ImportError {
  row: number | null;
  column: string | null;
  message: string;
}

/** "Zeile 17, Spalte Zahlungsdatum: Datum liegt vor dem Beginn des Bewilligungszeitraums." */
export function importError(row: number | null, column: string | null, message: string): ImportError {
  const where = [row === null ? null : `Zeile ${row}`, column === null ? null : `Spalte ${column}`].filter((x) => x !== null).join(', ');
  return { row, column, message: where ? `${where}: ${message}` : message };
}

export function fieldError(row: number, field: ReceiptField, message: string): ImportError {
  return importError(row, RECEIPT_COLUMNS[field], message);
}

/** Text lengths as the API takes them for a receipt typed in (apps/api ReceiptBodyDto). */
const MAX_TEXT: Partial<Record<ReceiptField, number>> = { receiptNumber: 100, counterparty: 300, reason: 500, personnelPosition: 200 };

export function isEmptyRow(cells: readonly (RawCell | undefined)[]): boolean {
  for (const c of cells) {
    if (c === undefined || c.kind === 'empty') continue;
    if (c.kind === 'text' && c.text.trim() === '') continue;
    return false;
  }
  return true;
}

/**
 * Cells → ParsedReceipt. Only the types are checked here (a date is a date, an amount has at most
 * two decimals); what a receipt may be is for `checkReceipt`, the one rule set shared with the API.
 * One parser per file: the header's columns are laid out once, and the conversions of the few
 * distinct Einnahme/Ausgabe and Kostenart texts (and their messages) are remembered.
 */
export class ReceiptRowParser {
  private readonly columns: number[] = [];
  private readonly fields: ReceiptField[] = [];
  private readonly directions = new Map<string, Converted<'EXPENSE' | 'INCOME'>>();
  private readonly categories = new Map<string, Converted<string>>();
  private readonly category = (cell: RawCell): Converted<string> => categoryCell(cell, this.categoryCodeByName);

  constructor(
    fields: ReadonlyMap<number, ReceiptField>,
    private readonly categoryCodeByName: ReadonlyMap<string, string>,
  ) {
    for (const [index, field] of fields) {
      this.columns.push(index);
      this.fields.push(field);
    }
  }

  parse(cells: readonly (RawCell | undefined)[]): { parsed: ParsedReceipt; problems: RowProblem[] } {
    const parsed: ParsedReceipt = {
      position: null,
      receiptNumber: null,
      receiptDate: null,
      paymentDate: null,
      counterparty: null,
      reason: null,
      direction: null,
      costCategory: null,
      grossAmount: null,
      vatAmount: null,
      projectSharePercent: null,
      eligibleAmount: null,
      personnelPosition: null,
    };
    const problems: RowProblem[] = [];
    for (let i = 0; i < this.columns.length; i++) {
      const field = this.fields[i]!;
      const cell: RawCell = cells[this.columns[i]!] ?? EMPTY_CELL;
      switch (field) {
        case 'position':
          parsed.position = take(problems, field, positionCell(cell));
          break;
        case 'receiptDate':
        case 'paymentDate':
          parsed[field] = take(problems, field, dateCell(cell));
          break;
        case 'grossAmount':
        case 'vatAmount':
        case 'eligibleAmount':
          parsed[field] = take(problems, field, amountCell(cell));
          break;
        case 'projectSharePercent':
          parsed.projectSharePercent = take(problems, field, percentCell(cell));
          break;
        case 'direction':
          parsed.direction = take(problems, field, remembered(this.directions, cell, directionCell));
          break;
        case 'costCategory':
          parsed.costCategory = take(problems, field, remembered(this.categories, cell, this.category));
          break;
        case 'receiptNumber':
        case 'counterparty':
        case 'reason':
        case 'personnelPosition':
          parsed[field] = take(problems, field, textCell(cell, MAX_TEXT[field] ?? 1000));
          break;
      }
    }
    return { parsed, problems };
  }
}

function take<T>(problems: RowProblem[], field: ReceiptField, result: Converted<T>): T | null {
  if (result.ok) return result.value;
  problems.push({ field, message: result.message });
  return null;
}

/** The conversion of a text cell a column repeats, remembered for up to 256 distinct texts (results are never changed). */
function remembered<T>(cache: Map<string, Converted<T>>, cell: RawCell, convert: (cell: RawCell) => Converted<T>): Converted<T> {
  if (cell.kind !== 'text') return convert(cell);
  let result = cache.get(cell.text);
  if (result === undefined) {
    result = convert(cell);
    if (cache.size < 256) cache.set(cell.text, result);
  }
  return result;
}

/** One row without a parser of its own (see ReceiptRowParser). */
export function parseReceiptRow(
  cells: readonly (RawCell | undefined)[],
  fields: ReadonlyMap<number, ReceiptField>,
  categoryCodeByName: ReadonlyMap<string, string>,
): { parsed: ParsedReceipt; problems: RowProblem[] } {
  return new ReceiptRowParser(fields, categoryCodeByName).parse(cells);
}
