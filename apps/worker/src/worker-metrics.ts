import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, METRICS_ABSENT_DETAIL, METRICS_UNAUTHORIZED_DETAIL, metricsAccess } from '@foerderfluss/core';
import { registerPoolMetrics } from '@foerderfluss/database';
import { JobName, JobsAdminService } from '@foerderfluss/jobs';

export type JobOutcome = 'completed' | 'failed';

/** Queue states exported as ff_queue_jobs, as on the api (completed is retention, not backlog). */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Which rows counter a job's reported rows go to (issue 17 item 4: export/import rows per second). */
const ROWS_COUNTER: Partial<Record<JobName, 'export' | 'import'>> = {
  'exports.generate': 'export',
  'proof-of-use.import-receipts': 'import',
};

/**
 * The worker's Prometheus metrics (issue 17 item 4), served by a plain HTTP server on
 * WORKER_METRICS_PORT (0: none) at GET /metrics, under the same METRICS_TOKEN rule as the api.
 * Job durations per queue/name/outcome, rows written by exports and read by imports (rate() of the
 * counter is rows per second), BullMQ queue depth and the process's database pool.
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerMetrics');
  readonly registry = new Registry();
  private readonly jobDuration: Histogram<'queue' | 'name' | 'status'>;
  private readonly rows: Record<'export' | 'import', Counter<'name'>>;
  private readonly reconciled: Counter<'name'>;
  private server: Server | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    jobs: JobsAdminService,
    dataSource: DataSource,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ff_' });
    registerPoolMetrics(this.registry, dataSource, config.databasePoolSize);
    this.jobDuration = new Histogram({
      name: 'ff_job_duration_seconds',
      help: 'Duration of job attempts by queue, job name and outcome (completed, failed)',
      labelNames: ['queue', 'name', 'status'],
      // From a mail (50 ms) to a million-row export (minutes).
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers: [this.registry],
    });
    this.rows = {
      export: new Counter({ name: 'ff_export_rows_total', help: 'Rows written by completed exports', labelNames: ['name'], registers: [this.registry] }),
      import: new Counter({ name: 'ff_import_rows_total', help: 'Rows read by finished imports', labelNames: ['name'], registers: [this.registry] }),
    };
    this.reconciled = new Counter({
      name: 'ff_jobs_reconciled_total',
      help: 'Jobs queued again by the reconciler because their record still waited and the job was gone, done or failed',
      labelNames: ['name'],
      registers: [this.registry],
    });
    const logger = this.logger;
    new Gauge({
      name: 'ff_queue_jobs',
      help: 'BullMQ jobs per queue and state, read at scrape time (the same figures as the api\'s)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const q of await jobs.queues()) for (const state of QUEUE_STATES) this.set({ queue: q.queue, state }, q.counts[state] ?? 0);
        } catch (err) {
          // Redis away: no queue series in this scrape instead of no scrape at all.
          logger.warn(`metrics source "queues" skipped: ${(err as Error).message}`);
        }
      },
    });
  }

  observeJob(queue: string, name: string, status: JobOutcome, seconds: number): void {
    this.jobDuration.observe({ queue, name, status }, seconds);
  }

  /** Rows a job reports (exports written, imports read); other jobs' rows are not counted. */
  countRows(name: JobName, rows: number): void {
    const kind = ROWS_COUNTER[name];
    if (kind && Number.isFinite(rows) && rows > 0) this.rows[kind].inc({ name }, rows);
  }

  /** One record whose lost job the reconciler queued again (JobReconciler). */
  countReconciled(name: JobName): void {
    this.reconciled.inc({ name });
  }

  /** The port the server listens on (0 when none; the real one when WORKER_METRICS_PORT asked for any). */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerMetricsPort === 0) return;
    const server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.workerMetricsPort, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on http://localhost:${this.port}/metrics`);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const problem = (status: number, code: string, title: string, detail: string) =>
      res.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title, status, code, detail }));
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') return void problem(404, 'NOT_FOUND', 'Nicht gefunden', METRICS_ABSENT_DETAIL);
    const access = metricsAccess(this.config, req.headers.authorization);
    if (access === 'absent') return void problem(404, 'NOT_FOUND', 'Nicht gefunden', METRICS_ABSENT_DETAIL);
    if (access === 'unauthorized') return void problem(401, 'METRICS_UNAUTHORIZED', 'Nicht angemeldet', METRICS_UNAUTHORIZED_DETAIL);
    try {
      const body = await this.registry.metrics();
      res.writeHead(200, { 'content-type': this.registry.contentType }).end(body);
    } catch (err) {
      this.logger.error(`metrics: ${(err as Error).message}`);
      problem(500, 'INTERNAL_ERROR', 'Interner Fehler', 'Die Metriken konnten nicht gelesen werden.');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
