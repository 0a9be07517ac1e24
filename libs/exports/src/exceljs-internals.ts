/**
 * The two places where the xlsx writer reaches inside exceljs 4.4 and archiver 5 (both pinned in
 * package.json; exceljs-internals.spec.ts fails when either changes shape).
 *
 * Why: exceljs's streaming WorkbookWriter has no backpressure. Each worksheet writes its XML into
 * a `StreamBuf` that ignores the return value of `write`, and archiver pipes that into a
 * `PassThrough` (archiver-utils' `normalizeInputSource`) whose buffer then grows without bound
 * whenever rows arrive faster than deflate and the file can take them: about 65 MB per 100.000
 * rows (STACK-NOTES "Spreadsheets at scale"). Waiting for `drain` on that PassThrough once its
 * buffered length passes a mark keeps memory flat without costing time. Behind it everything is
 * piped with backpressure (deflate, zip-stream, archiver with 1 MiB buffers on both sides, the
 * destination), so a slow destination (disk, network store, client) stops the rows too: what an
 * export holds in buffers is at most mark + one 64 KiB StreamBuf chunk + ~2 MiB in archiver.
 */

/** The archiver input of one worksheet: a readable-stream 2 PassThrough (no `writableLength` there). */
export interface SheetArchiveInput {
  readonly _writableState: { readonly length: number };
  once(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
}

export class ExceljsInternalsChangedError extends Error {
  constructor(detail: string) {
    super(
      `exceljs/archiver internals changed (${detail}): the xlsx backpressure in libs/exports would no longer work. ` +
        'Check exceljs-internals.ts against the installed versions before upgrading.',
    );
    this.name = 'ExceljsInternalsChangedError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The PassThrough archiver reads a worksheet's XML from. Throws (rather than silently writing
 * without backpressure) when exceljs or archiver no longer look like 4.4 / 5.x.
 */
export function sheetArchiveInput(worksheet: unknown): SheetArchiveInput {
  // WorksheetWriter#stream: the StreamBuf, created (and appended to the zip) on first access.
  const stream = isObject(worksheet) ? worksheet.stream : undefined;
  if (!isObject(stream) || !Array.isArray(stream.pipes)) throw new ExceljsInternalsChangedError('WorksheetWriter.stream.pipes');
  if (stream.pipes.length !== 1) throw new ExceljsInternalsChangedError(`StreamBuf has ${stream.pipes.length} pipes, expected 1`);
  const input: unknown = stream.pipes[0];
  if (
    !isObject(input) ||
    !isObject(input._writableState) ||
    typeof input._writableState.length !== 'number' ||
    typeof input.once !== 'function' ||
    typeof input.removeListener !== 'function'
  ) {
    throw new ExceljsInternalsChangedError('archiver input of the sheet is not a Writable with _writableState.length');
  }
  return input as unknown as SheetArchiveInput;
}

export function bufferedBytes(input: SheetArchiveInput): number {
  return input._writableState.length;
}

/** The archiver behind a WorkbookWriter (`workbook.zip`), to abort it after a failure. */
export interface WorkbookArchive {
  abort(): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export function workbookArchive(workbook: unknown): WorkbookArchive {
  const zip = isObject(workbook) ? workbook.zip : undefined;
  if (!isObject(zip) || typeof zip.abort !== 'function' || typeof zip.on !== 'function') {
    throw new ExceljsInternalsChangedError('WorkbookWriter.zip is not an archiver instance');
  }
  return zip as unknown as WorkbookArchive;
}

/**
 * Declares the autofilter range as the hidden-by-convention defined name `_xlnm._FilterDatabase`,
 * which Excel writes itself and without which LibreOffice shows no filter buttons (exceljs issue
 * #2778). exceljs's own `definedNames.add` would expand the range into one entry per cell (13M
 * for 1M rows × 13 columns), so the model the WorkbookWriter serialises (`definedNames.model`,
 * read once in `addWorkbook`) is replaced by a fixed list instead.
 */
export function declareFilterDatabase(workbook: unknown, sheetIndex: number, sheetName: string, ref: string): void {
  const names = isObject(workbook) ? workbook.definedNames : undefined;
  if (!isObject(names) || !('model' in names)) throw new ExceljsInternalsChangedError('WorkbookWriter.definedNames.model');
  const [from, to] = ref.split(':');
  const absolute = (cell: string): string => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  const entry = {
    name: '_xlnm._FilterDatabase',
    localSheetId: sheetIndex,
    ranges: [`'${sheetName.replace(/'/g, "''")}'!${absolute(from)}:${absolute(to)}`],
  };
  Object.defineProperty(names, 'model', { configurable: true, get: () => [entry] });
}

/**
 * Gives every zip entry of the workbook the date `at` instead of the moment it was appended
 * (archiver's default). Without it the same export written twice differs in the entries' DOS
 * timestamps although every sheet is the same; with it a workbook is a function of its data and
 * its creation time (the export's), so an export regenerated from a restored backup, or by an
 * auditor, is byte-identical to the original.
 *
 * The WorkbookWriter's constructor already appends theme and rels, and archiver stamps an entry's
 * date when it is appended, so the date is replaced one step later, where archiver hands each
 * queued entry to its zip module (`zip._module.append`, zip-stream's `entry`). archiver runs its
 * queue in a later tick, so installing this right after the constructor catches every entry.
 */
export function pinEntryDates(workbook: unknown, at: Date): void {
  const zip = isObject(workbook) ? workbook.zip : undefined;
  const module_ = isObject(zip) ? zip._module : undefined;
  if (!isObject(module_) || typeof module_.append !== 'function') throw new ExceljsInternalsChangedError('WorkbookWriter.zip._module.append');
  const append = module_.append as (source: unknown, data: Record<string, unknown>, callback: unknown) => unknown;
  module_.append = function (this: unknown, source: unknown, data: Record<string, unknown>, callback: unknown): unknown {
    return append.call(this, source, { ...data, date: at }, callback);
  };
}
