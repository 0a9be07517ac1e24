import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, cleanUploadName, Page, Role, Scope, systemScope } from '@foerderfluss/core';
import { FileStorage, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { UploadQuotaService } from '@foerderfluss/identity';
import { ReceiptImport } from '../receipt-import.entity';
import { proofTransition } from '../proof-state';
import { ProofsService } from '../proofs.service';
import { type OpenImportRecord, ReceiptImportRepository } from '../receipt-import.repository';
import { ImportLimits, sniffImportFile } from './file-sniffing';
import { importAlreadyRunning, importNotFound } from './import.errors';
import { IMPORT_FILE_STORAGE, importFileKey } from './import-storage';
import { importError } from './receipt-row';
import { ImportMode } from './receipt-row-checks';
import { importLimits } from './workbook-source';

/** The uploaded file as the api received it (a temporary file of its own). */
export interface UploadedImportFile {
  readonly path: string;
  readonly originalName: string;
}

/**
 * Belegliste import, the api and queue side: the upload (checked by content and stored, then
 * queued, all or nothing), the status the api shows, and the end of an import whose job was given
 * up. The job itself (read, check, write the rows) is ReceiptImportJobService.
 */
@Injectable()
export class ReceiptImportService {
  private readonly logger = new Logger('ReceiptImport');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly proofs: ProofsService,
    private readonly audit: AuditService,
    @Inject(IMPORT_FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ReceiptImportRepository,
    private readonly quota: UploadQuotaService,
  ) {}

  limits(): ImportLimits {
    return importLimits(this.config);
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
    await this.quota.check(scope.userId, sniffed.size);
    // Stored and shown without CR/LF, control or direction characters (U+202E), bounded; umlauts stay.
    const originalName = cleanUploadName(file.originalName, `Belegliste.${sniffed.format === 'XLSX' ? 'xlsx' : 'csv'}`);

    const importId = randomUUID();
    const key = importFileKey(proofId, importId, sniffed.format);
    let stored = false;
    try {
      return await this.tx.run(async (em) => {
        await this.proofs.editable(scope, proofId, em);
        if (await this.repo.hasOpen(em, proofId)) throw importAlreadyRunning();
        // Per user: imports waiting or running at once, and bytes within the hour (429 beyond either).
        await this.quota.reserve(em, scope.userId, 'IMPORT', sniffed.size, () => this.repo.countOpenBy(em, scope.userId!));
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
          originalName,
          sizeBytes: sniffed.size,
          progress: 0,
          rowsRead: 0,
          rowsImported: 0,
          errors: [],
          jobId: null,
          createdBy: scope.userId,
          finishedAt: null,
          fileDeletedAt: null,
        });
        const jobId = await enqueue(importId);
        await this.repo.setJobId(em, importId, jobId);
        await this.audit.record(em, scope, {
          action: 'receipt-import.request',
          entity: 'ReceiptImport',
          entityId: importId,
          after: { proofId, mode, format: sniffed.format, originalName, sizeBytes: sniffed.size, jobId },
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

  // ───────────────────────────── queue side ─────────────────────────────

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

  /**
   * Nightly (uploads.cleanup): deletes the uploaded files of imports that FAILED before `cutoff`
   * (the row stays, with `file_deleted_at`: its errors are what the Träger reads, the audit events
   * name it) and files under `imports/` older than `cutoff` that no import names (an upload whose
   * process died between storing the file and committing the row). Files of completed imports stay
   * with them: they are the Belegliste the receipts came from. Audited when anything went.
   */
  async cleanupFiles(cutoff: Date): Promise<{ failed: number; orphans: number }> {
    const em = this.dataSource.manager;
    const failed: string[] = [];
    for (const imp of await this.repo.failedWithFile(em, cutoff, 10000)) {
      await this.storage.delete(imp.fileKey);
      await this.repo.markFileDeleted(em, imp.id);
      failed.push(imp.id);
    }
    const candidates = (await this.storage.listOlderThan(cutoff)).filter((k) => k.startsWith('imports/'));
    let orphans = 0;
    if (candidates.length > 0) {
      const live = await this.repo.liveFileKeys(em, candidates);
      for (const key of candidates) if (!live.has(key) && (await this.storage.delete(key))) orphans++;
    }
    if (failed.length > 0 || orphans > 0) {
      await this.tx.run((tx) =>
        this.audit.record(tx, systemScope(), {
          action: 'receipt-import.cleanup',
          entity: 'ReceiptImport',
          entityId: 'retention',
          after: { failedImportFiles: failed, orphanFiles: orphans, retentionDays: this.config.uploadRetentionDays },
        }),
      );
    }
    return { failed: failed.length, orphans };
  }

  /** Imports still waiting for their job (see ReceiptImportRepository.openRecords), for the reconciler. */
  openRecords(filter: { olderThanSeconds?: number; id?: string }, limit = 1000): Promise<OpenImportRecord[]> {
    return this.repo.openRecords(this.dataSource.manager, filter, limit);
  }
}
