import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, Page, Role, Scope, systemScope } from '@foerderfluss/core';
import { FileStorage, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ReceiptImport } from '../receipt-import.entity';
import { PROOF_LIFECYCLE, proofTransition } from '../proof-state';
import { checkReceipt, INCOME_KINDS, ReceiptContext, ReceiptField, RowProblem, ValidReceipt } from '../receipt-rules';
import { ProofsService } from '../proofs.service';
import { ProofOfUseRepository } from '../proof-of-use.repository';
import { ReceiptImportRepository } from '../receipt-import.repository';
import { ImportFormat, ImportLimits, sniffImportFile } from './file-sniffing';
import { HeaderMatch, matchHeader } from './header';
import { importAlreadyRunning, importNotFound } from './import.errors';
import { IMPORT_FILE_STORAGE, importFileKey, localCopy } from './import-storage';
import { fieldError, ImportError, importError, isEmptyRow, ReceiptRowParser } from './receipt-row';
import { cellText } from './cell-values';
import { DEFAULT_SINK, ReceiptSink, SinkStrategy } from './receipt-sink.repository';
import { csvRows, SourceRow, UnreadableFileError, xlsxRows } from './row-sources';
import { readEntryPrefix, verifyInflatedSizes, ZipDirectory, ZipEntry, ZipEntryOverflowError } from './zip-inspection';

export type ImportMode = 'REPLACE' | 'APPEND';

/** The uploaded file as the api received it (a temporary file of its own). */
export interface UploadedImportFile {
  readonly path: string;
  readonly originalName: string;
}

export interface ImportHooks {
  /** The queue's job id, recorded in the audit event. */
  readonly jobId?: string;
  /** Reports progress (0–100) to the queue; called at most every PROGRESS_INTERVAL_MS. */
  readonly progress?: (percent: number) => Promise<void>;
}

export interface ImportOutcome {
  /** MISSING: no such import (its upload was rolled back); the job has nothing to do. */
  readonly status: 'COMPLETED' | 'FAILED' | 'MISSING';
  /** False when the import had already ended before (a retried or duplicated job). */
  readonly processed: boolean;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly errors: number;
}

/** Every error is kept up to this many; beyond, one line says how many more there were. */
export const MAX_STORED_ERRORS = 1000;
const PROGRESS_INTERVAL_MS = 500;
const INCOME_LABELS: Record<string, string> = { eigenmittel: 'OWN_FUNDS', drittmittel: 'THIRD_PARTY', einnahmen: 'REVENUE', erlöse: 'REVENUE' };
const fmt = (n: number): string => new Intl.NumberFormat('de-DE').format(n);

class ErrorList {
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

/** Throttled progress: the import row (for the api) and the queue job, never more than one write in flight. */
class ProgressReporter {
  private last = 0;
  private pending: Promise<void> | null = null;

  constructor(private readonly write: (percent: number, rowsRead: number) => Promise<void>) {}

  tick(percent: number, rowsRead: number): void {
    const now = Date.now();
    if (this.pending || now - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = now;
    this.pending = this.write(Math.max(0, Math.min(99, Math.floor(percent))), rowsRead)
      .catch(() => undefined)
      .finally(() => {
        this.pending = null;
      });
  }

  async settle(): Promise<void> {
    await this.pending;
  }
}

/**
 * Belegliste import: the upload (checked by content and stored, then queued, all or nothing), the
 * job that reads, checks and stores the rows in one transaction, and the status the api shows.
 * One row rule set: every row goes through `checkReceipt`, like a receipt typed in over the API.
 */
@Injectable()
export class ReceiptImportService {
  private readonly logger = new Logger('ReceiptImport');
  /** How rows are written (see DEFAULT_SINK); the benchmark sets it to compare COPY and INSERT. */
  sink: { strategy: SinkStrategy; batchSize: number } = DEFAULT_SINK;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly proofs: ProofsService,
    private readonly audit: AuditService,
    @Inject(IMPORT_FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ReceiptImportRepository,
    private readonly proofRepo: ProofOfUseRepository,
  ) {}

  limits(): ImportLimits {
    return {
      maxBytes: this.config.importMaxBytes,
      maxUnzippedBytes: this.config.importMaxUnzippedBytes,
      maxZipRatio: this.config.importMaxZipRatio,
      maxRows: this.config.importMaxRows,
    };
  }

  // ───────────────────────────── api side ─────────────────────────────

  /**
   * Checks the file by its bytes, stores it, records the import (QUEUED) and queues the job, in one
   * transaction: if storing or queueing fails, neither the row nor the file remains. The worker
   * waits for this transaction (advisory lock on the import id) before it reads the row.
   */
  async upload(
    scope: Scope,
    proofId: string,
    file: UploadedImportFile,
    mode: ImportMode,
    enqueue: (importId: string) => Promise<string>,
  ): Promise<ReceiptImport> {
    // Whose proof and whether it can change, before the file is looked at (404 for another Träger).
    const proof = await this.proofs.get(scope, proofId);
    proofTransition(proof.status, 'update', scope);
    if (await this.repo.hasOpen(this.tx.manager, proofId)) throw importAlreadyRunning();
    const sniffed = await sniffImportFile(file.path, this.limits());

    const importId = randomUUID();
    const key = importFileKey(proofId, importId, sniffed.format);
    let stored = false;
    try {
      return await this.tx.run(async (em) => {
        await this.proofs.editable(scope, proofId, em);
        if (await this.repo.hasOpen(em, proofId)) throw importAlreadyRunning();
        await this.repo.lock(em, importId);
        await this.storage.put(key, createReadStream(file.path));
        stored = true;
        await this.repo.insert(em, {
          id: importId,
          proofId,
          status: 'QUEUED',
          format: sniffed.format,
          mode,
          fileKey: key,
          originalName: file.originalName.slice(0, 255),
          sizeBytes: sniffed.size,
          progress: 0,
          rowsRead: 0,
          rowsImported: 0,
          errors: [],
          jobId: null,
          createdBy: scope.userId,
          finishedAt: null,
        });
        const jobId = await enqueue(importId);
        await this.repo.setJobId(em, importId, jobId);
        await this.audit.record(em, scope, {
          action: 'receipt-import.request',
          entity: 'ReceiptImport',
          entityId: importId,
          after: { proofId, mode, format: sniffed.format, originalName: file.originalName, sizeBytes: sniffed.size, jobId },
        });
        return (await this.repo.byId(em, importId))!;
      });
    } catch (err) {
      if (stored) await this.storage.delete(key).catch(() => undefined);
      throw err;
    }
  }

  /** The imports of a proof, newest first. */
  async list(scope: Scope, proofId: string, q: { limit?: number; cursor?: string }): Promise<Page<ReceiptImport>> {
    await this.proofs.get(scope, proofId);
    return this.repo.list(scope, { proofId, limit: q.limit, cursor: q.cursor });
  }

  async get(scope: Scope, proofId: string, importId: string): Promise<ReceiptImport> {
    await this.proofs.get(scope, proofId);
    const row = await this.repo.get(scope, importId);
    if (row.proofId !== proofId) throw importNotFound();
    return row;
  }

  // ───────────────────────────── worker side ─────────────────────────────

  /**
   * Runs one import. Idempotent: an import that has ended is left alone, so a retried or duplicated
   * job does nothing. A RUNNING import is taken over: the advisory lock is held by the transaction
   * that processes it, so whoever gets the lock knows the previous processor is gone (a killed
   * worker's transaction is rolled back by PostgreSQL, its rows never existed).
   */
  async process(importId: string, hooks: ImportHooks = {}): Promise<ImportOutcome> {
    const qr = this.dataSource.createQueryRunner();
    const client = (await qr.connect()) as PoolClient;
    let txOpen = false;
    let release = async (): Promise<void> => undefined;
    let sink: ReceiptSink | null = null;
    try {
      await qr.startTransaction('READ COMMITTED');
      txOpen = true;
      await this.repo.lock(qr.manager, importId);
      const imp = await this.repo.byId(qr.manager, importId);
      if (!imp || imp.status === 'COMPLETED' || imp.status === 'FAILED') {
        await qr.commitTransaction();
        txOpen = false;
        return imp
          ? { status: imp.status as 'COMPLETED' | 'FAILED', processed: false, rowsRead: imp.rowsRead, rowsImported: imp.rowsImported, errors: imp.errors.length }
          : { status: 'MISSING', processed: false, rowsRead: 0, rowsImported: 0, errors: 0 };
      }
      // Visible at once (own connection): the api shows RUNNING while this transaction works.
      await this.repo.markRunning(this.dataSource.manager, importId);
      const progress = new ProgressReporter(async (percent, rowsRead) => {
        await this.repo.progress(this.dataSource.manager, importId, percent, rowsRead);
        await hooks.progress?.(percent);
      });

      // The proof stays locked until the import ends: no submission or edit in between.
      const proof = await this.proofRepo.find(systemScope(hooks.jobId ?? null), imp.proofId, { em: qr.manager, lock: true });
      const scope: Scope = { userId: imp.createdBy, email: null, roles: [Role.PROVIDER], organisationId: proof?.providerId ?? null, requestId: hooks.jobId ?? null };
      const errors = new ErrorList();
      if (!proof || !PROOF_LIFECYCLE.permits(proof.status, 'update', scope)) {
        errors.add(importError(null, null, 'Der Verwendungsnachweis ist inzwischen eingereicht und kann nicht mehr geändert werden; die Belegliste wurde nicht übernommen.'));
        await qr.rollbackTransaction();
        txOpen = false;
        return await this.finishFailed(imp, errors, 0, scope);
      }
      const ctx = await this.proofs.contextFor(qr.manager, proof);
      const codeByName = await this.categoryCodes(qr.manager, ctx);

      let replaced = 0;
      const positions = new Map<number, number | null>();
      let base = 0;
      if (imp.mode === 'REPLACE') {
        replaced = await this.repo.deleteReceipts(qr.manager, proof.id);
      } else {
        for (const position of await this.repo.receiptPositions(qr.manager, proof.id)) {
          positions.set(position, null);
          base = Math.max(base, position);
        }
      }

      let source: AsyncIterable<SourceRow[]>;
      let estimate: (rowsRead: number) => number;
      try {
        const local = await localCopy(this.storage, imp.fileKey);
        release = local.release;
        const opened = await this.openSource(imp.format, local.path);
        source = opened.rows;
        estimate = opened.estimate;
      } catch (err) {
        const detail = this.unreadable(err);
        if (detail === null) throw err;
        errors.add(importError(null, null, detail));
        await qr.rollbackTransaction();
        txOpen = false;
        return await this.finishFailed(imp, errors, 0, scope);
      }

      sink = new ReceiptSink(client, proof.id, this.sink);
      let header: HeaderMatch | null = null;
      let parser: ReceiptRowParser | null = null;
      let rowsRead = 0;
      const iterator = source[Symbol.asyncIterator]();
      let stop = false;
      while (!stop) {
        let batch: (SourceRow | undefined)[];
        try {
          const next = await iterator.next();
          if (next.done) break;
          batch = next.value;
        } catch (err) {
          const detail = this.unreadable(err);
          if (detail === null) throw err;
          errors.add(importError(null, null, detail));
          break;
        }
        for (let i = 0; i < batch.length; i++) {
          const row = batch[i]!;
          // Let go of each row once it is handled: a batch held until its end would survive
          // young-generation GCs (and teach V8 to allocate rows in the old generation).
          batch[i] = undefined;
          if (isEmptyRow(row.cells)) continue;
          if (!header) {
            header = matchHeader(Array.from(row.cells, cellText));
            for (const p of header.problems) errors.add(importError(row.number, p.column, p.message));
            if (header.problems.length > 0) {
              stop = true;
              break;
            }
            parser = new ReceiptRowParser(header.fields, codeByName);
            continue;
          }
          if (rowsRead === this.config.importMaxRows) {
            errors.add(importError(row.number, null, `Die Datei enthält mehr als ${fmt(this.config.importMaxRows)} Belegzeilen. Bitte teilen Sie die Belegliste auf.`));
            stop = true;
            break;
          }
          rowsRead++;
          const { value, problems } = this.checkRow(row, parser!, ctx, base + rowsRead, positions, imp.mode);
          if (problems.length > 0 || !value) {
            for (const p of problems) errors.add(fieldError(row.number, p.field, p.message));
            if (txOpen) {
              // All or nothing: the first error ends the writing; the rest of the file is only checked.
              await sink.abort();
              await qr.rollbackTransaction();
              txOpen = false;
            }
          } else if (txOpen) {
            // One batch in flight: the sink makes us wait only when the previous batch is still going.
            const wait = sink.add(value);
            if (wait) await wait;
          }
        }
        progress.tick(estimate(rowsRead), rowsRead);
      }
      await iterator.return?.();
      if (errors.count === 0 && header === null) errors.add(importError(null, null, 'Die Datei enthält keine Kopfzeile und keine Belege.'));
      else if (errors.count === 0 && rowsRead === 0) errors.add(importError(null, null, 'Die Datei enthält keine Belegzeilen.'));

      await progress.settle();
      if (errors.count > 0) {
        if (txOpen) {
          await sink.abort();
          await qr.rollbackTransaction();
          txOpen = false;
        }
        return await this.finishFailed(imp, errors, rowsRead, scope);
      }

      const rowsImported = await sink.finish();
      // The Ist per plan line follows the Belegliste (unless the Träger changed it with a reason).
      await this.proofs.syncActuals(qr.manager, proof);
      await this.repo.markCompleted(qr.manager, importId, rowsRead, rowsImported);
      await this.audit.record(qr.manager, scope, {
        action: 'receipt-import.complete',
        entity: 'ReceiptImport',
        entityId: importId,
        after: { proofId: proof.id, mode: imp.mode, format: imp.format, rowsImported, receiptsReplaced: replaced, eligibleExpenses: sink.eligibleExpenses.toApiString(), income: sink.income.toApiString() },
      });
      await qr.commitTransaction();
      txOpen = false;
      await hooks.progress?.(100);
      return { status: 'COMPLETED', processed: true, rowsRead, rowsImported, errors: 0 };
    } finally {
      if (txOpen) {
        // An open COPY would hold the connection (the ROLLBACK would queue behind it): cancel it first.
        await sink?.abort().catch(() => undefined);
        await qr.rollbackTransaction().catch(() => undefined);
      }
      await qr.release();
      await release().catch(() => undefined);
    }
  }

  /**
   * The last retry failed (or the job was given up): the import ends FAILED with the reason, unless
   * it has ended already or is being processed right now.
   */
  async markFailed(importId: string, reason: string): Promise<void> {
    this.logger.error(`import ${importId} given up: ${reason}`);
    await this.tx.run(async (em) => {
      if (!(await this.repo.tryLock(em, importId))) return;
      const imp = await this.repo.byId(em, importId);
      if (!imp || imp.status === 'COMPLETED' || imp.status === 'FAILED') return;
      // The technical reason goes to the audit event and the log, not to the Träger.
      const errors = [importError(null, null, 'Der Import konnte wegen eines technischen Fehlers nicht abgeschlossen werden. Es wurden keine Belege übernommen. Bitte laden Sie die Datei erneut hoch oder wenden Sie sich an das Landratsamt.')];
      await this.repo.giveUp(em, importId, errors);
      await this.audit.record(em, { userId: imp.createdBy, email: null, roles: [Role.PROVIDER], organisationId: null, requestId: null }, {
        action: 'receipt-import.fail',
        entity: 'ReceiptImport',
        entityId: importId,
        after: { proofId: imp.proofId, errors: errors.length, reason: reason.slice(0, 500) },
      });
    });
  }

  /** Imports that have not ended (for the worker's check at start that each still has a job). */
  async openImports(): Promise<{ id: string; jobId: string | null; status: string }[]> {
    return this.repo.open(this.dataSource.manager);
  }

  /** Types first (the row parser), then the shared rules (checkReceipt), then the lfd. Nr. across the file. */
  private checkRow(
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

  private async finishFailed(imp: ReceiptImport, errors: ErrorList, rowsRead: number, scope: Scope): Promise<ImportOutcome> {
    const stored = errors.stored();
    await this.tx.run(async (em) => {
      await this.repo.lock(em, imp.id);
      if (!(await this.repo.markFailed(em, imp.id, rowsRead, stored))) return;
      await this.audit.record(em, scope, {
        action: 'receipt-import.fail',
        entity: 'ReceiptImport',
        entityId: imp.id,
        after: { proofId: imp.proofId, mode: imp.mode, format: imp.format, rowsRead, errors: errors.count },
      });
    });
    return { status: 'FAILED', processed: true, rowsRead, rowsImported: 0, errors: errors.count };
  }

  /** German detail for a file that cannot be read as claimed; null for anything else (retry). */
  private unreadable(err: unknown): string | null {
    if (err instanceof UnreadableFileError) return err.germanDetail;
    if (err instanceof ZipEntryOverflowError) return 'Die Excel-Datei enthält mehr Daten, als ihr Inhaltsverzeichnis angibt, und wird aus Sicherheitsgründen nicht verarbeitet.';
    const gone = (err instanceof DomainError && err.code === 'FILE_NOT_FOUND') || (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    if (gone) return 'Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.';
    if (err instanceof DomainError && err.status < 500) return err.detail;
    return null;
  }

  private async openSource(format: ImportFormat, path: string): Promise<{ rows: AsyncIterable<SourceRow[]>; estimate: (rowsRead: number) => number }> {
    // Check again what the upload checked (limits may have changed) and that the data keeps the
    // directory's promise; sniffImportFile throws the same German problems as at upload.
    const sniffed = await sniffImportFile(path, this.limits());
    if (format === 'XLSX') {
      if (sniffed.format !== 'XLSX' || !sniffed.zip) throw new UnreadableFileError('Die Datei ist keine Excel-Datei (.xlsx).');
      const zip = sniffed.zip;
      const verify = (only: (e: ZipEntry) => boolean): Promise<void> =>
        verifyInflatedSizes(path, zip, only).catch((err: unknown) => {
          throw err instanceof ZipEntryOverflowError ? err : new UnreadableFileError('Die Excel-Datei ist beschädigt und kann nicht gelesen werden.', err);
        });
      // What exceljs keeps in memory (shared strings, styles, workbook) is checked before it is read;
      // the sheets, which it only streams, are checked alongside the read (zlib runs off the main
      // thread), and a sheet that breaks its promise stops the read.
      await verify((e) => !SHEET_ENTRY.test(e.name));
      const expected = await expectedSheetRows(path, zip);
      const input = createReadStream(path);
      const sheetsChecked = verify((e) => SHEET_ENTRY.test(e.name));
      return { rows: guarded(xlsxRows(input), sheetsChecked, () => input.destroy()), estimate: (n) => (100 * n) / Math.max(n + 1, expected) };
    }
    if (sniffed.format !== 'CSV' || !sniffed.delimiter) throw new UnreadableFileError('Die Datei ist keine CSV-Datei.');
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const file: Readable = createReadStream(path);
    file.once('error', (err) => counter.destroy(err));
    file.pipe(counter);
    return { rows: csvRows(counter, sniffed.delimiter), estimate: () => (100 * bytes) / Math.max(1, sniffed.size) };
  }

  /** Kostenart codes by their German names (reference data and the income kinds), for lenient matching. */
  private async categoryCodes(em: EntityManager, ctx: ReceiptContext): Promise<Map<string, string>> {
    const map = new Map<string, string>(Object.entries(INCOME_LABELS));
    for (const k of INCOME_KINDS) map.set(k.name.toLowerCase(), k.code);
    for (const [code, name] of await this.proofRepo.costCategoryNames(em)) map.set(name.trim().toLowerCase(), code);
    for (const code of [...ctx.planCategories, 'OWN_FUNDS', 'THIRD_PARTY', 'REVENUE']) map.set(code.toLowerCase(), code);
    return map;
  }
}

const SHEET_ENTRY = /^xl\/worksheets\/sheet\d+\.xml$/;

/** The batches of `rows`, failing with the guard's error (after `stop`) as soon as the guard fails; ends only once the guard passed. */
async function* guarded<T>(rows: AsyncIterable<T>, guard: Promise<void>, stop: () => void): AsyncGenerator<T> {
  let failure: unknown = null;
  const settled = guard.catch((err: unknown) => {
    failure = err;
    stop();
  });
  try {
    for await (const batch of rows) {
      if (failure) throw failure;
      yield batch;
    }
  } catch (err) {
    // The reader may trip over the bad data first; the guard knows why (it stops at the declared size).
    await settled;
    throw failure ?? err;
  }
  await settled;
  if (failure) throw failure;
}

/**
 * Rows the largest sheet will have, from its `<dimension ref="A1:M100001"/>` (written at the top by
 * Excel and exceljs), for the progress estimate; else a guess from its size.
 */
async function expectedSheetRows(path: string, zip: ZipDirectory): Promise<number> {
  const sheets = zip.entries.filter((e) => SHEET_ENTRY.test(e.name)).sort((a, b) => b.uncompressedSize - a.uncompressedSize);
  const sheet = sheets[0];
  if (!sheet) return 1;
  const head = (await readEntryPrefix(path, sheet, 4096)).toString('utf8');
  const m = /<dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head);
  return m ? Math.max(1, Number(m[1]) - 1) : Math.max(1, Math.round(sheet.uncompressedSize / 400));
}
