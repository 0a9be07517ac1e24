import { RECEIPT_COLUMNS, ParsedReceipt, ReceiptField, RowProblem } from '../receipt-rules';
import { amountCell, categoryCell, Converted, dateCell, directionCell, percentCell, positionCell, RawCell, textCell } from './cell-values';

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
 */
export function parseReceiptRow(
  cells: readonly (RawCell | undefined)[],
  fields: ReadonlyMap<number, ReceiptField>,
  categoryCodeByName: ReadonlyMap<string, string>,
): { parsed: ParsedReceipt; problems: RowProblem[] } {
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
  const take = <T>(field: ReceiptField, result: Converted<T>): T | null => {
    if (result.ok) return result.value;
    problems.push({ field, message: result.message });
    return null;
  };
  for (const [index, field] of fields) {
    const cell: RawCell = cells[index] ?? { kind: 'empty' };
    switch (field) {
      case 'position':
        parsed.position = take(field, positionCell(cell));
        break;
      case 'receiptDate':
      case 'paymentDate':
        parsed[field] = take(field, dateCell(cell));
        break;
      case 'grossAmount':
      case 'vatAmount':
      case 'eligibleAmount':
        parsed[field] = take(field, amountCell(cell));
        break;
      case 'projectSharePercent':
        parsed.projectSharePercent = take(field, percentCell(cell));
        break;
      case 'direction':
        parsed.direction = take(field, directionCell(cell));
        break;
      case 'costCategory':
        parsed.costCategory = take(field, categoryCell(cell, categoryCodeByName));
        break;
      case 'receiptNumber':
      case 'counterparty':
      case 'reason':
      case 'personnelPosition':
        parsed[field] = take(field, textCell(cell, MAX_TEXT[field] ?? 1000));
        break;
    }
  }
  return { parsed, problems };
}
