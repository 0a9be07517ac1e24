import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, CalendarDate, Clock, DomainError, type FieldError, type Page, type Scope } from '@foerderfluss/core';
import { type FileStorage, type ListParams, storedFileNotFound, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { OrganisationKind, organisationNotFound, OrganisationsService } from '@foerderfluss/organisations';
import { budgetYearNotFound } from '@foerderfluss/funding';
import { DecisionsService } from '@foerderfluss/decisions';
import { ProofsService } from '@foerderfluss/proof-of-use';
import { ReferenceDataService } from '@foerderfluss/programmes';
import { MONITORING_GROUP_BY, type MonitoringGroupBy, MonitoringService } from '@foerderfluss/monitoring';
import { ExportJob } from './export-job.entity';
import { ExportJobRepository, type ExportJobFilter } from './export-job.repository';
import { assertDownloadable, exportJobAllowedActions, type ExportJobUserAction } from './export-job-state';
import { exportFiltersInvalid, exportTypeForbidden } from './export-jobs.errors';
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
  formatsOf,
  REPORT_YEAR_MAX,
  REPORT_YEAR_MIN,
} from './export-types';

/** The file storage exports are written to (FILE_STORAGE: a local directory api and workers share, or S3). */
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
    private readonly jobs: ExportJobRepository,
    private readonly decisions: DecisionsService,
    private readonly proofs: ProofsService,
    private readonly organisations: OrganisationsService,
    private readonly reference: ReferenceDataService,
    private readonly monitoring: MonitoringService,
  ) {}

  /**
   * Stores the request and hands it to `enqueue` (which returns the job id). If enqueueing fails
   * (Redis away: 503), nothing is stored. A Träger's export is restricted to its own organisation
   * (as the repository base decides it), stored with the job, and the worker applies that in SQL
   * whatever the filters say.
   */
  async request(scope: Scope, input: ExportRequest, enqueue: (exportId: string) => Promise<string>): Promise<ExportJob> {
    if (!EXPORT_TYPES.includes(input.type)) throw exportFiltersInvalid([{ path: 'type', message: `Unbekannter Exporttyp. Erlaubt: ${EXPORT_TYPES.join(', ')}.` }]);
    if (!EXPORT_FORMATS.includes(input.format)) throw exportFiltersInvalid([{ path: 'format', message: 'Das Format muss xlsx, csv oder pdf sein.' }]);
    const info = EXPORT_TYPE_INFO[input.type];
    const formats = formatsOf(input.type);
    if (!formats.includes(input.format)) {
      throw exportFiltersInvalid([{ path: 'format', message: `„${info.label}“ gibt es nur als ${formats.join(' oder ')}.` }]);
    }
    const own = this.jobs.restrictionOf(scope);
    if (own !== null && !info.forProviders) throw exportTypeForbidden(info.label);
    const filters = this.checkFilters(input.type, input.filters ?? {});

    return this.tx.run(async (em) => {
      if (filters.year !== undefined && !(await this.jobs.hasBudgetYear(em, filters.year))) {
        throw exportFiltersInvalid([{ path: 'filters.year', message: `Für ${filters.year} ist kein Haushaltsjahr angelegt.` }]);
      }
      const year = filters.year ?? (await this.checkReferences(em, scope, filters));
      const id = randomUUID();
      const createdAt = this.clock.now();
      const requestedOn = CalendarDate.todayIn(this.config.timezone, createdAt).toISOString();
      const job = em.create(ExportJob, {
        id,
        type: input.type,
        format: input.format,
        filters,
        organisationId: own,
        districtId: scope.districtId ?? null,
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
      await this.jobs.insert(em, job);
      job.jobId = await enqueue(id);
      await this.jobs.setQueueJobId(em, id, job.jobId);
      await this.audit.record(em, scope, {
        action: 'export.request',
        entity: 'ExportJob',
        entityId: id,
        after: { type: input.type, format: input.format, filters, organisationId: own, fileName: job.fileName, jobId: job.jobId },
      });
      return job;
    });
  }

  /** The caller's exports (ADMIN: all), newest first unless `sort` says otherwise. */
  async list(scope: Scope, q: ListParams & ExportJobFilter): Promise<Page<ExportJob>> {
    return this.jobs.list(scope, q);
  }

  async count(scope: Scope, filter: ExportJobFilter = {}): Promise<number> {
    return this.jobs.count(scope, filter);
  }

  /** The caller's own export (ADMIN: any); someone else's answers 404 like a missing one. */
  async get(scope: Scope, id: string): Promise<ExportJob> {
    return this.jobs.get(scope, id);
  }

  /** What the caller may do with the export now (from the lifecycle table). */
  allowedActions(scope: Scope, job: ExportJob): ExportJobUserAction[] {
    return exportJobAllowedActions(job, scope);
  }

  /** The finished file as a stream, with the row (for name, type and size); audited before the first byte leaves. */
  async openFile(scope: Scope, id: string): Promise<{ job: ExportJob; stream: Readable }> {
    const job = await this.get(scope, id);
    assertDownloadable(job.status, scope);
    if (!job.fileKey || job.fileDeletedAt) throw storedFileNotFound();
    const stream = await this.storage.openRead(job.fileKey);
    try {
      await this.tx.run((em) =>
        this.audit.record(em, scope, {
          action: 'export.downloaded',
          entity: 'ExportJob',
          entityId: job.id,
          after: { type: job.type, format: job.format, fileName: job.fileName, sha256: job.sha256, organisationId: job.organisationId },
        }),
      );
    } catch (err) {
      stream.destroy();
      throw err;
    }
    return { job, stream };
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
      if (key === 'year') {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < REPORT_YEAR_MIN || value > REPORT_YEAR_MAX) {
          errors.push({ path, message: `Bitte ein Jahr zwischen ${REPORT_YEAR_MIN} und ${REPORT_YEAR_MAX} angeben (z. B. 2026).` });
        } else filters.year = value;
      } else if (key === 'fromYear' || key === 'toYear') {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 2000 || value > 2100) errors.push({ path, message: 'Bitte ein Jahr zwischen 2000 und 2100 angeben.' });
        else filters[key] = value;
      } else if (key === 'groupBy') {
        if (!MONITORING_GROUP_BY.includes(value as MonitoringGroupBy)) errors.push({ path, message: `Erlaubt sind nur diese Werte: ${MONITORING_GROUP_BY.join(', ')}.` });
        else filters.groupBy = value as MonitoringGroupBy;
      } else if (key === 'fieldOfAction' || key === 'socialArea') {
        // Whether the code exists is checked against the reference data in checkReferences.
        if (typeof value !== 'string') errors.push({ path, message: 'Bitte einen Code angeben.' });
        else filters[key] = value;
      } else if (key === 'from' || key === 'to') {
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
    if (type === 'MONITORING' && errors.length === 0) {
      // The monitoring API's own rules (from ≤ to, at most 10 years), reported under the export's filter names.
      try {
        this.monitoring.normalise({ from: filters.fromYear, to: filters.toYear, groupBy: filters.groupBy });
      } catch (err) {
        if (!(err instanceof DomainError) || err.errors.length === 0) throw err;
        const fieldErrors: FieldError[] = err.errors;
        const renamed: Record<string, string> = { from: 'fromYear', to: 'toYear', groupBy: 'groupBy' };
        errors.push(...fieldErrors.map((e) => ({ path: `filters.${renamed[e.path] ?? e.path}`, message: e.message.replace('„von“', '„Jahr von“').replace('„bis“', '„Jahr bis“') })));
      }
    }
    if (errors.length > 0) throw exportFiltersInvalid(errors);
    return filters;
  }

  /**
   * Every referenced record must exist and be visible to the caller: its owner's service decides
   * (a Träger naming another Träger's decision, proof or organisation gets the same 404 as for a
   * missing one). Returns the budget year's number for the file name (of the year filter, else of
   * the decision or proof).
   */
  private async checkReferences(em: EntityManager, scope: Scope, f: ExportFilters): Promise<number | null> {
    let year: number | null = null;
    if (f.budgetYearId) {
      year = await this.jobs.budgetYearNumber(em, f.budgetYearId);
      if (year === null) throw budgetYearNotFound();
    }
    if (f.providerId) {
      const org = await this.organisations.get(scope, f.providerId, em);
      if (org.kind !== OrganisationKind.PROVIDER) throw organisationNotFound();
    }
    if (f.fieldOfAction !== undefined) {
      const codes = (await this.reference.fieldsOfAction()).map((c) => c.code);
      if (!codes.includes(f.fieldOfAction)) throw exportFiltersInvalid([{ path: 'filters.fieldOfAction', message: `Ein Handlungsfeld „${f.fieldOfAction}“ gibt es nicht. Möglich: ${codes.join(', ')}.` }]);
    }
    if (f.socialArea !== undefined) {
      const codes = (await this.reference.socialAreas()).map((c) => c.code);
      if (!codes.includes(f.socialArea)) throw exportFiltersInvalid([{ path: 'filters.socialArea', message: `Einen Sozialraum „${f.socialArea}“ gibt es nicht. Möglich: ${codes.join(', ')}.` }]);
    }
    if (f.decisionId) {
      const { decision } = await this.decisions.get(scope, f.decisionId, em);
      year ??= await this.jobs.budgetYearNumber(em, decision.budgetYearId);
    }
    if (f.proofId) {
      const proof = await this.proofs.get(scope, f.proofId, em);
      year ??= await this.jobs.budgetYearNumber(em, proof.budgetYearId);
    }
    return year;
  }
}
