import { checkReceipt, ReceiptContext, ReceiptField, RowProblem, ValidReceipt } from '../receipt-rules';
import { ImportError, importError, ReceiptRowParser } from './receipt-row';
import { SourceRow } from './row-sources';

/** The checks of each row of a Belegliste (one rule set with receipts typed in) and the errors kept. */

export type ImportMode = 'REPLACE' | 'APPEND';

/** Every error is kept up to this many; beyond, one line says how many more there were. */
export const MAX_STORED_ERRORS = 1000;
export const fmt = (n: number): string => new Intl.NumberFormat('de-DE').format(n);

export class ErrorList {
  readonly items: ImportError[] = [];
  count = 0;

  add(e: ImportError): void {
    this.count++;
    if (this.items.length < MAX_STORED_ERRORS) this.items.push(e);
  }

  stored(): ImportError[] {
    const more = this.count - this.items.length;
    return more > 0 ? [...this.items, importError(null, null, `… und ${fmt(more)} weitere Fehler. Bitte beheben Sie die angezeigten und laden Sie die Datei erneut hoch.`)] : this.items;
  }
}

/** Types first (the row parser), then the shared rules (checkReceipt), then the lfd. Nr. across the file. */
export function checkRow(
  row: SourceRow,
  parser: ReceiptRowParser,
  ctx: ReceiptContext,
  defaultPosition: number,
  positions: Map<number, number | null>,
  mode: ImportMode,
): { value: ValidReceipt | null; problems: RowProblem[] } {
  const { parsed, problems: typeProblems } = parser.parse(row.cells);
  const { value, problems: ruleProblems } = checkReceipt(parsed, ctx, defaultPosition);
  let problems = ruleProblems;
  let positionUnreadable = false;
  if (typeProblems.length > 0) {
    // A cell that could not be read has its message already; the rules would only add "Angabe fehlt".
    const unreadable = new Set<ReceiptField>(typeProblems.map((p) => p.field));
    problems = [...typeProblems, ...ruleProblems.filter((p) => !unreadable.has(p.field))];
    positionUnreadable = unreadable.has('position');
  }
  if (!positionUnreadable) {
    const position = parsed.position ?? defaultPosition;
    const other = positions.get(position);
    if (other === undefined) positions.set(position, row.number);
    else {
      problems.push({
        field: 'position',
        message:
          other === null
            ? `Die lfd. Nr. ${position} ist in der Belegliste bereits vergeben${mode === 'APPEND' ? ' (der Import ergänzt die vorhandenen Belege)' : ''}.`
            : `Die lfd. Nr. ${position} kommt bereits in Zeile ${other} vor.`,
      });
    }
  }
  return { value: problems.length === 0 ? value : null, problems };
}
