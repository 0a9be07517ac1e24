import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, currentTenancy, Role, runWithTenancy, Scope, systemScope } from '@foerderfluss/core';
import { applyTenancy, FileStorage, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { decisionNotOpenFor, decisionPermits } from '@foerderfluss/decisions';
import { ReceiptImport } from '../receipt-import.entity';
import { PROOF_LIFECYCLE } from '../proof-state';
import { INCOME_KINDS, ReceiptContext } from '../receipt-rules';
import { ProofsService } from '../proofs.service';
import { ProofOfUseRepository } from '../proof-of-use.repository';
import { ReceiptImportRepository } from '../receipt-import.repository';
import { HeaderMatch, matchHeader } from './header';
import { IMPORT_FILE_STORAGE, localCopy } from './import-storage';
import { fieldError, importError, isEmptyRow, ReceiptRowParser } from './receipt-row';
import { cellText } from './cell-values';
import { DEFAULT_SINK, ReceiptSink, SinkStrategy } from './receipt-sink.repository';
import { SourceRow } from './row-sources';
import { checkRow, ErrorList, fmt } from './receipt-row-checks';
import { importLimits, openSource, unreadable } from './workbook-source';

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

const PROGRESS_INTERVAL_MS = 500;
const INCOME_LABELS: Record<string, string> = { eigenmittel: 'OWN_FUNDS', drittmittel: 'THIRD_PARTY', einnahmen: 'REVENUE', erlöse: 'REVENUE' };

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
 * The Belegliste import job: reads the stored file (workbook-source), checks every row
 * (receipt-row-checks) and writes the rows with COPY, all in one transaction that holds the proof.
 */
@Injectable()
export class ReceiptImportJobService {
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

  /**
   * Runs one import. Idempotent: an import that has ended is left alone, so a retried or duplicated
   * job does nothing. A RUNNING import is taken over: the advisory lock is held by the transaction
   * that processes it, so whoever gets the lock knows the previous processor is gone (a killed
   * worker's transaction is rolled back by PostgreSQL, its rows never existed).
   */
  async process(importId: string, hooks: ImportHooks = {}): Promise<ImportOutcome> {
    // Run as the import's Kreis (issue 20): row-level security of that Kreis guards the COPY and the
    // moves besides the repositories, and the audit event carries the Kreis, so its staff see it.
    const imp = await this.repo.byId(this.dataSource.manager, importId);
    if (!imp) return this.processInKreis(importId, hooks);
    return runWithTenancy({ districtId: imp.districtId, state: false }, () => this.processInKreis(importId, hooks));
  }

  private async processInKreis(importId: string, hooks: ImportHooks): Promise<ImportOutcome> {
    const qr = this.dataSource.createQueryRunner();
    const client = (await qr.connect()) as PoolClient;
    let txOpen = false;
    let release = async (): Promise<void> => undefined;
    let sink: ReceiptSink | null = null;
    try {
      await qr.startTransaction('READ COMMITTED');
      txOpen = true;
      await applyTenancy(qr.manager, currentTenancy());
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
      // The decision may have been revoked or closed since the upload: then nothing is taken over.
      const decisionStatus = await this.proofs.decisionStatus(qr.manager, proof);
      if (!decisionPermits(decisionStatus, 'proofChange')) {
        errors.add(importError(null, null, `${decisionNotOpenFor(decisionStatus, 'proofChange').errors[0]!.message} Die Belegliste wurde nicht übernommen.`));
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
        const opened = await openSource(imp.format, local.path, importLimits(this.config));
        source = opened.rows;
        estimate = opened.estimate;
      } catch (err) {
        const detail = unreadable(err);
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
          const detail = unreadable(err);
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
          const { value, problems } = checkRow(row, parser!, ctx, base + rowsRead, positions, imp.mode);
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

  /** Kostenart codes by their German names (reference data and the income kinds), for lenient matching. */
  private async categoryCodes(em: EntityManager, ctx: ReceiptContext): Promise<Map<string, string>> {
    const map = new Map<string, string>(Object.entries(INCOME_LABELS));
    for (const k of INCOME_KINDS) map.set(k.name.toLowerCase(), k.code);
    for (const [code, name] of await this.proofRepo.costCategoryNames(em)) map.set(name.trim().toLowerCase(), code);
    for (const code of [...ctx.planCategories, 'OWN_FUNDS', 'THIRD_PARTY', 'REVENUE']) map.set(code.toLowerCase(), code);
    return map;
  }
}
