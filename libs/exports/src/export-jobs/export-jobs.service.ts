import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  CalendarDate,
  clampLimit,
  Clock,
  decodeCursor,
  type FieldError,
  hasRole,
  type Page,
  restrictToOrganisation,
  Role,
  type Scope,
  toPage,
} from '@foerderfluss/core';
import { type FileStorage, storedFileNotFound, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { organisationNotFound } from '@foerderfluss/organisations';
import { budgetYearNotFound } from '@foerderfluss/funding';
import { decisionNotFound } from '@foerderfluss/decisions';
import { proofNotFound } from '@foerderfluss/proof-of-use';
import { ExportJob } from './export-job.entity';
import { exportFiltersInvalid, exportNotFound, exportNotReady, exportFailedNoFile, exportTypeForbidden } from './export-jobs.errors';
import {
  EXPORT_FILTER_KEYS,
  EXPORT_FORMATS,
  EXPORT_TYPE_INFO,
  EXPORT_TYPES,
  exportFileName,
  type ExportFilters,
  type ExportFormat,
  type ExportType,
  FILTER_LABELS,
} from './export-types';

/** The file storage exports are written to (FILE_STORAGE_DIR; shared by api and workers). */
export const EXPORT_FILE_STORAGE = Symbol('EXPORT_FILE_STORAGE');

export interface ExportRequest {
  type: ExportType;
  format: ExportFormat;
  filters?: ExportFilters;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Export requests as the api sees them: checks what may be exported with which filters by whom,
 * stores the request with its audit event and enqueues the job in the same transaction; lists,
 * status and the finished file. Each user sees their own exports; ADMIN sees all. The worker side
 * is ExportRunner.
 */
@Injectable()
export class ExportJobsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EXPORT_FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /**
   * Stores the request and hands it to `enqueue` (which returns the job id). If enqueueing fails
   * (Redis away: 503), nothing is stored. A Träger's export is restricted to its own organisation
   * here, once, and the worker applies that in SQL whatever the filters say.
   */
  async request(scope: Scope, input: ExportRequest, enqueue: (exportId: string) => Promise<string>): Promise<ExportJob> {
    if (!EXPORT_TYPES.includes(input.type)) throw exportFiltersInvalid([{ path: 'type', message: `Unbekannter Exporttyp. Erlaubt: ${EXPORT_TYPES.join(', ')}.` }]);
    if (!EXPORT_FORMATS.includes(input.format)) throw exportFiltersInvalid([{ path: 'format', message: 'Das Format muss xlsx oder csv sein.' }]);
    const info = EXPORT_TYPE_INFO[input.type];
    const own = restrictToOrganisation(scope);
    if (own !== null && !info.forProviders) throw exportTypeForbidden(info.label);
    const filters = this.checkFilters(input.type, input.filters ?? {});

    return this.tx.run(async (em) => {
      const year = await this.checkReferences(em, filters, own);
      const id = randomUUID();
      const createdAt = this.clock.now();
      const requestedOn = CalendarDate.todayIn(this.config.timezone, createdAt).toISOString();
      const job = em.create(ExportJob, {
        id,
        type: input.type,
        format: input.format,
        filters,
        organisationId: own,
        status: 'QUEUED',
        progress: 0,
        rowsTotal: null,
        rowsWritten: 0,
        error: null,
        attempts: 0,
        jobId: null,
        createdBy: scope.userId,
        createdAt,
        startedAt: null,
        finishedAt: null,
        expiresAt: new Date(createdAt.getTime() + this.config.exportRetentionDays * 24 * 3600 * 1000),
        fileName: exportFileName(input.type, input.format, requestedOn, year),
        fileKey: null,
        fileSize: null,
        sha256: null,
        fileDeletedAt: null,
      });
      await em.insert(ExportJob, job);
      job.jobId = await enqueue(id);
      await em.update(ExportJob, { id }, { jobId: job.jobId });
      await this.audit.record(em, scope, {
        action: 'export.request',
        entity: 'ExportJob',
        entityId: id,
        after: { type: input.type, format: input.format, filters, organisationId: own, fileName: job.fileName, jobId: job.jobId },
      });
      return job;
    });
  }

  async list(scope: Scope, q: { limit?: number; cursor?: string }): Promise<Page<ExportJob>> {
    const take = clampLimit(q.limit);
    const qb = this.tx.manager.getRepository(ExportJob).createQueryBuilder('e');
    if (!hasRole(scope, Role.ADMIN)) qb.where('e.created_by = :user', { user: scope.userId ?? '00000000-0000-0000-0000-000000000000' });
    const c = decodeCursor(q.cursor, 2);
    if (c) qb.andWhere('(e.created_at, e.id) < (:at, :id)', { at: new Date(String(c[0])), id: String(c[1]) });
    const rows = await qb.orderBy('e.created_at', 'DESC').addOrderBy('e.id', 'DESC').take(take + 1).getMany();
    return toPage(rows, take, (r) => [r.createdAt.toISOString(), r.id]);
  }

  /** The caller's own export (ADMIN: any); someone else's answers 404 like a missing one. */
  async get(scope: Scope, id: string): Promise<ExportJob> {
    const job = await this.tx.manager.getRepository(ExportJob).findOneBy({ id });
    if (!job || (!hasRole(scope, Role.ADMIN) && (scope.userId === null || job.createdBy !== scope.userId))) throw exportNotFound();
    return job;
  }

  /** The finished file as a stream, with the row (for name, type and size). */
  async openFile(scope: Scope, id: string): Promise<{ job: ExportJob; stream: Readable }> {
    const job = await this.get(scope, id);
    if (job.status === 'FAILED') throw exportFailedNoFile();
    if (job.status !== 'COMPLETED' || !job.fileKey) throw exportNotReady(job.status);
    if (job.fileDeletedAt) throw storedFileNotFound();
    return { job, stream: await this.storage.openRead(job.fileKey) };
  }

  /** Which filters the type takes and needs; values well-formed; German messages by field. */
  private checkFilters(type: ExportType, raw: ExportFilters): ExportFilters {
    const info = EXPORT_TYPE_INFO[type];
    const errors: FieldError[] = [];
    const filters: ExportFilters = {};
    for (const [key, value] of Object.entries(raw) as [keyof ExportFilters, unknown][]) {
      if (value === undefined || value === null || value === '') continue;
      const path = `filters.${key}`;
      if (!EXPORT_FILTER_KEYS.includes(key)) {
        errors.push({ path, message: 'Unbekannter Filter.' });
        continue;
      }
      if (!info.filters.includes(key)) {
        errors.push({ path, message: `Der Filter „${FILTER_LABELS[key]}“ ist für „${info.label}“ nicht vorgesehen.` });
        continue;
      }
      if (key === 'from' || key === 'to') {
        if (typeof value !== 'string' || CalendarDate.tryParse(value) === null) errors.push({ path, message: 'Bitte ein Datum im Format JJJJ-MM-TT angeben.' });
        else filters[key] = value;
      } else if (typeof value !== 'string' || !UUID.test(value)) {
        errors.push({ path, message: 'Bitte eine gültige ID angeben.' });
      } else {
        filters[key] = value.toLowerCase();
      }
    }
    for (const key of info.required) {
      if (!filters[key] && !errors.some((e) => e.path === `filters.${key}`)) {
        errors.push({ path: `filters.${key}`, message: `Für „${info.label}“ ist der Filter „${FILTER_LABELS[key]}“ erforderlich.` });
      }
    }
    if (filters.from && filters.to && CalendarDate.parse(filters.from).isAfter(CalendarDate.parse(filters.to))) {
      errors.push({ path: 'filters.to', message: 'Das Ende des Zeitraums darf nicht vor seinem Anfang liegen.' });
    }
    if (errors.length > 0) throw exportFiltersInvalid(errors);
    return filters;
  }

  /**
   * Every referenced record must exist and be visible to the caller: a Träger naming another
   * Träger's decision, proof or organisation gets the same 404 as for a missing one.
   * Returns the budget year's number for the file name (of the year filter, else of the decision or proof).
   */
  private async checkReferences(em: EntityManager, f: ExportFilters, own: string | null): Promise<number | null> {
    let year: number | null = null;
    if (f.budgetYearId) {
      const [row] = (await em.query('SELECT year FROM budget_year WHERE id = $1', [f.budgetYearId])) as { year: number }[];
      if (!row) throw budgetYearNotFound();
      year = row.year;
    }
    if (f.providerId) {
      const [row] = (await em.query(`SELECT id FROM organisation WHERE id = $1 AND kind = 'PROVIDER'`, [f.providerId])) as { id: string }[];
      if (!row || (own !== null && row.id !== own)) throw organisationNotFound();
    }
    if (f.decisionId) {
      const [row] = (await em.query('SELECT d.provider_id, d.current_version_no, y.year FROM decision d JOIN budget_year y ON y.id = d.budget_year_id WHERE d.id = $1', [
        f.decisionId,
      ])) as { provider_id: string; current_version_no: number | null; year: number }[];
      if (!row || (own !== null && (row.provider_id !== own || row.current_version_no === null))) throw decisionNotFound();
      year ??= row.year;
    }
    if (f.proofId) {
      const [row] = (await em.query('SELECT p.provider_id, y.year FROM proof_of_use p JOIN budget_year y ON y.id = p.budget_year_id WHERE p.id = $1', [f.proofId])) as {
        provider_id: string;
        year: number;
      }[];
      if (!row || (own !== null && row.provider_id !== own)) throw proofNotFound();
      year ??= row.year;
    }
    return year;
  }
}
