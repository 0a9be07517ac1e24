/**
 * A column list or writer option that cannot work (duplicate key, total on a text column, bad sheet
 * name). A programming error: it is thrown before the first row is read.
 */
export class ExportDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportDefinitionError';
  }
}

/**
 * A value that does not fit its column (a number for a money column, a JS Date, an amount beyond
 * numeric(15,2)). The message is German because it ends up as the visible error of the export job.
 */
export class ExportValueError extends Error {
  constructor(
    readonly columnKey: string,
    readonly rowNumber: number,
    detail: string,
  ) {
    super(`Datenzeile ${rowNumber}, Spalte "${columnKey}": ${detail}`);
    this.name = 'ExportValueError';
  }
}

/** More rows than one sheet can hold: the caller should narrow the filters or offer CSV. */
export class ExportTooManyRowsError extends Error {
  constructor(readonly maxRows: number) {
    super(
      `Der Export hat mehr als ${maxRows.toLocaleString('de-DE')} Datenzeilen und passt nicht in ein Excel-Tabellenblatt. ` +
        'Bitte die Filter einschränken oder das CSV-Format wählen.',
    );
    this.name = 'ExportTooManyRowsError';
  }
}

