import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, type AppConfig, CalendarDate, Clock, systemScope } from '@foerderfluss/core';
import { type FileStorage, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BudgetFiguresService } from '@foerderfluss/funding';
import { FundUseService } from '@foerderfluss/payments';
import { RecoveriesService, StateProofsService } from '@foerderfluss/proof-of-use';
import { ExportTooManyRowsError } from '../exports.errors';
import { MAX_XLSX_DATA_ROWS, type WorkbookInfo } from '../xlsx-writer';
import { EXPORT_DEFINITIONS, type ExportRunContext, type ExportServices } from './definitions';
import type { ExportJob } from './export-job.entity';
import { ExportJobRepository } from './export-job.repository';
import { ExportSnapshot } from './export-rows.repository';
import { exportFailure, exportTypeForbidden } from './export-jobs.errors';
import { EXPORT_FILE_STORAGE } from './export-jobs.service';
import { writeExportFile } from './export-pipeline';
import { EXPORT_TYPE_INFO, exportFileKey, type ExportFilters, FILTER_LABELS } from './export-types';

export interface ExportJobHandle {
  /** Reports progress (0–100) to the queue, besides the export row. */
  updateProgress(percent: number): Promise<void>;
}

export type ExportRunOutcome = { readonly status: 'COMPLETED'; readonly rows: number; readonly sha256: string } | { readonly status: 'SKIPPED'; readonly reason: string };

const ROW_WAIT_STEPS = 25;
const ROW_WAIT_MS = 200;

/** A `.part` file not written to for this long belongs to a dead worker (a live export writes continuously). */
const INCOMPLETE_GRACE_MS = 60 * 60 * 1000;

const ROLE_LABELS: Record<string, string> = {
  ADMIN: 'Administration',
  STAFF: 'Sachbearbeitung',
  APPROVER: 'Zeichnungsbefugnis',
  AUDITOR: 'Rechnungsprüfung',
  PROVIDER: 'Träger',
};

/**
 * The worker's side of exports: runs one export from its row (idempotent: a finished or failed
 * export is not run again, a crashed one starts over), records progress and the result, and
 * removes expired files. The rows come from one REPEATABLE READ snapshot on a connection of its
 * own, so count, rows and Info sheet agree; the file appears under its key only when complete.
 */
@Injectable()
export class ExportRunner {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EXPORT_FILE_STORAGE) private readonly storage: FileStorage,
    private readonly recoveries: RecoveriesService,
    private readonly fundUse: FundUseService,
    private readonly stateProofs: StateProofsService,
    private readonly figures: BudgetFiguresService,
    private readonly jobs: ExportJobRepository,
  ) {}

  async run(exportId: string, handle: ExportJobHandle): Promise<ExportRunOutcome> {
    let job = await this.claim(exportId);
    // The api enqueues inside the transaction that stores the row, so a fast worker can be here
    // before the commit: wait a moment for the row before leaving it to a retry.
    for (let i = 0; !job && i < ROW_WAIT_STEPS; i++) {
      if (await this.jobs.findForWorker(exportId)) {
        job = await this.claim(exportId);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, ROW_WAIT_MS));
      job = await this.claim(exportId);
    }
    if (!job) {
      const existing = await this.jobs.findForWorker(exportId);
      if (!existing) throw new Error(`export ${exportId} not found`);
      return { status: 'SKIPPED', reason: `export is ${existing.status}` };
    }
    try {
      return await this.generate(job, handle);
    } catch (err) {
      const failure = exportFailure(err);
      if (!failure.permanent) this.logger.error(`export ${exportId} attempt ${job.attempts} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      await this.jobs.requeue(exportId, failure.permanent ? failure.message : `${failure.message} (Versuch ${job.attempts}; ein weiterer Versuch folgt.)`);
      throw err;
    }
  }

  /** After the last attempt: the export is FAILED with a German message, and that is audited. */
  async markFailed(exportId: string, message: string): Promise<void> {
    await this.tx.run(async (em) => {
      if (!(await this.jobs.fail(em, exportId, message, this.clock.now()))) return;
      await this.audit.record(em, systemScope(), { action: 'export.fail', entity: 'ExportJob', entityId: exportId, after: { error: message } });
    });
  }

  /**
   * Retention: deletes the files of exports past `expires_at`, files under `exports/` that no export
   * names any more and that are older than the retention, and what killed workers left half-written.
   */
  async cleanup(now: Date = this.clock.now()): Promise<{ expired: number; orphans: number; incomplete: number }> {
    const due = await this.jobs.expiredFiles(now);
    const expired: string[] = [];
    for (const row of due) {
      await this.storage.delete(row.file_key);
      await this.jobs.markFileDeleted(row.id, now);
      expired.push(row.id);
    }
    const cutoff = new Date(now.getTime() - this.config.exportRetentionDays * 24 * 3600 * 1000);
    const candidates = (await this.storage.listOlderThan(cutoff)).filter((k) => k.startsWith('exports/'));
    let orphans = 0;
    if (candidates.length > 0) {
      const live = await this.jobs.liveFileKeys(candidates);
      for (const key of candidates) if (!live.has(key) && (await this.storage.delete(key))) orphans++;
    }
    const incomplete = await this.storage.purgeIncomplete(new Date(now.getTime() - INCOMPLETE_GRACE_MS));
    if (expired.length > 0 || orphans > 0) {
      await this.tx.run((em) =>
        this.audit.record(em, systemScope(), {
          action: 'export.cleanup',
          entity: 'ExportJob',
          entityId: 'retention',
          after: { expired, orphans, retentionDays: this.config.exportRetentionDays },
        }),
      );
    }
    return { expired: expired.length, orphans, incomplete };
  }

  /** QUEUED (or RUNNING after a crash) → RUNNING, as the lifecycle table says; null when finished, failed or not there. */
  private async claim(exportId: string): Promise<ExportJob | null> {
    return this.jobs.claim(exportId, this.clock.now());
  }

  private async generate(job: ExportJob, handle: ExportJobHandle): Promise<ExportRunOutcome> {
    const definition = EXPORT_DEFINITIONS[job.type];
    const typeInfo = EXPORT_TYPE_INFO[job.type];
    // The api refuses these for Träger; a row that says otherwise is not run (defence in depth).
    if (job.organisationId !== null && !typeInfo.forProviders) throw exportTypeForbidden(typeInfo.label);
    const startedAt = this.clock.now();
    const today = CalendarDate.todayIn(this.config.timezone, startedAt);
    const ctx: ExportRunContext = {
      filters: job.filters,
      organisationId: job.organisationId,
      timeZone: this.config.timezone,
      today: today.toISOString(),
      asOf: job.filters.to ?? today.toISOString(),
    };
    const services: ExportServices = { tx: this.tx, recoveries: this.recoveries, fundUse: this.fundUse, stateProofs: this.stateProofs, figures: this.figures };

    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'foerderfluss-export' });
    await client.connect();
    client.on('error', () => undefined); // a broken connection surfaces on the next query
    const snapshot = new ExportSnapshot(client);
    try {
      await snapshot.begin();
      const total = await snapshot.count(definition, ctx);
      if (job.format === 'xlsx' && total > MAX_XLSX_DATA_ROWS) throw new ExportTooManyRowsError(MAX_XLSX_DATA_ROWS);
      await this.jobs.setRowsTotal(job.id, total);
      const info: WorkbookInfo = {
        exportType: typeInfo.label,
        creator: await this.creator(snapshot, job.createdBy),
        createdAt: startedAt,
        timeZone: this.config.timezone,
        filters: await this.filterLabels(snapshot, job, ctx),
      };
      const key = exportFileKey(job.id, job.format);
      const every = Math.min(20000, Math.max(1000, Math.ceil(total / 50)));
      const { result, file } = await writeExportFile({
        client,
        definition,
        ctx,
        services,
        format: job.format,
        storage: this.storage,
        key,
        info,
        progressEveryRows: every,
        onProgress: async (written) => {
          const percent = total === 0 ? 100 : Math.min(100, Math.floor((written * 100) / total));
          await this.jobs.progress(job.id, written, percent);
          await handle.updateProgress(percent);
        },
      });
      await snapshot.commit();
      await this.tx.run(async (em) => {
        const completed = await this.jobs.complete(em, job.id, { rows: result.rowCount, key: file.key, size: file.size, sha256: result.sha256, finishedAt: this.clock.now() });
        if (!completed) return; // a duplicate run finished first; the file under the key is the same export
        await this.audit.record(em, systemScope(), {
          action: 'export.complete',
          entity: 'ExportJob',
          entityId: job.id,
          after: { rows: result.rowCount, sha256: result.sha256, hashVersion: result.hashVersion, fileKey: file.key, fileSize: file.size, totals: result.totals },
        });
      });
      return { status: 'COMPLETED', rows: result.rowCount, sha256: result.sha256 };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async creator(snapshot: ExportSnapshot, userId: string | null): Promise<string> {
    if (!userId) return 'System';
    const u = await snapshot.user(userId);
    if (!u) return `Benutzer ${userId}`;
    const roles = u.roles.map((r) => (r === 'PROVIDER' && u.org ? `Träger: ${u.org}` : (ROLE_LABELS[r] ?? r))).join(', ');
    return `${u.display_name} <${u.email}> (${roles})`;
  }

  /** The filters as a reader understands them: names and references instead of ids, German dates. */
  private async filterLabels(snapshot: ExportSnapshot, job: ExportJob, ctx: ExportRunContext): Promise<{ label: string; value: string }[]> {
    const f: ExportFilters = job.filters;
    const german = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
    const info = EXPORT_TYPE_INFO[job.type];
    const out: { label: string; value: string }[] = [];
    if (f.budgetYearId) out.push({ label: FILTER_LABELS.budgetYearId, value: await snapshot.label('budgetYear', f.budgetYearId) });
    if (f.providerId) out.push({ label: FILTER_LABELS.providerId, value: await snapshot.label('organisation', f.providerId) });
    if (f.decisionId) out.push({ label: FILTER_LABELS.decisionId, value: await snapshot.label('decision', f.decisionId) });
    if (f.proofId) out.push({ label: FILTER_LABELS.proofId, value: await snapshot.label('proof', f.proofId) });
    const period = info.periodMeaning ? ` (${info.periodMeaning})` : '';
    if (f.from) out.push({ label: `${FILTER_LABELS.from}${period}`, value: german(f.from) });
    if (f.to) out.push({ label: `${FILTER_LABELS.to}${period}`, value: german(f.to) });
    if (job.type === 'APPROVALS' || job.type === 'PAYMENTS' || job.type === 'RECOVERIES') out.push({ label: 'Zinsen berechnet bis', value: german(ctx.asOf) });
    if (job.organisationId !== null) {
      out.push({ label: 'Datenumfang', value: `nur Datensätze des Trägers ${await snapshot.label('organisation', job.organisationId)}` });
    }
    return out;
  }
}
