import type { ClientBase } from 'pg';
import { type FileStorage, type StoredFile, writeToStorage } from '@foerderfluss/database';
import { StreamingCsvWriter } from '../csv-writer';
import type { ExportResult } from '../row-pipeline';
import { StreamingWorkbookWriter, type WorkbookInfo } from '../xlsx-writer';
import { type ExportDefinition, type ExportRow, type ExportRunContext, type ExportServices } from './definitions';
import { EXPORT_TYPE_INFO, type ExportFormat } from './export-types';

import { exportRowBatches } from './export-rows.repository';

export { countExportRows } from './export-rows.repository';

export interface ExportPipelineInput {
  /**
   * A dedicated connection in the snapshot the caller opened (`BEGIN ISOLATION LEVEL REPEATABLE
   * READ READ ONLY`), so the row count and the rows agree.
   */
  readonly client: ClientBase;
  readonly definition: ExportDefinition;
  readonly ctx: ExportRunContext;
  /** For definitions with computed figures (interest, the Kreis's settlement). */
  readonly services: ExportServices | null;
  readonly format: ExportFormat;
  readonly storage: FileStorage;
  readonly key: string;
  /** The Info sheet (xlsx only); the summary of the definition is added here. */
  readonly info: WorkbookInfo;
  readonly onProgress?: (rowsWritten: number) => Promise<void>;
  readonly progressEveryRows?: number;
  readonly signal?: AbortSignal;
  /** Cursor batch; default the library's (2.000, see pg-row-source.repository.ts). */
  readonly batchSize?: number;
}

/**
 * The streaming export itself, shared by the worker and the benchmark: the definition's SQL through
 * a pg cursor (one batch in memory), computed figures added per batch, into the xlsx or CSV writer
 * (with backpressure) and from there straight into the file storage, which writes to a temporary
 * file and renames it to `key` only when everything succeeded. A crash leaves no file under `key`.
 */
export async function writeExportFile(input: ExportPipelineInput): Promise<{ result: ExportResult; file: StoredFile }> {
  const { definition, ctx, services } = input;
  const summary = definition.summary && services ? await definition.summary(ctx, services) : undefined;
  const extraSheets = input.format === 'xlsx' && definition.extraSheets && services ? await definition.extraSheets(ctx, services) : undefined;
  const rows = exportRowBatches(input.client, definition, ctx, input.batchSize);
  const batches = definition.enrich && services ? enriched(rows, (batch) => definition.enrich!(batch, ctx, services)) : rows;
  const common = { onProgress: input.onProgress, progressEveryRows: input.progressEveryRows, signal: input.signal };
  return writeToStorage(input.storage, input.key, (out) =>
    input.format === 'xlsx'
      ? new StreamingWorkbookWriter<ExportRow>({
          ...common,
          columns: definition.columns,
          sheetName: EXPORT_TYPE_INFO[definition.type].sheetName,
          extraSheets,
          info: { ...input.info, summary: [...(input.info.summary ?? []), ...(summary ?? [])] },
        }).write({ batches }, out)
      : new StreamingCsvWriter<ExportRow>({ ...common, columns: definition.columns }).write({ batches }, out),
  );
}

/** Runs `enrich` on each batch before handing it on; closing the result closes the source (the cursor). */
async function* enriched(source: AsyncGenerator<ExportRow[], void, undefined>, enrich: (batch: ExportRow[]) => Promise<void>): AsyncGenerator<ExportRow[], void, undefined> {
  try {
    for await (const batch of source) {
      await enrich(batch);
      yield batch;
    }
  } finally {
    await source.return(undefined);
  }
}
