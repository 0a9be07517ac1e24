import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '@foerderfluss/core';
import { AuditVerificationService } from '@foerderfluss/audit';
import { JobsAdminService, type QueueOverview } from '@foerderfluss/jobs';
import { MailOutboxService } from '@foerderfluss/notifications';
import { registerPoolMetrics } from '@foerderfluss/database';
import { DataSource } from 'typeorm';

/** Queue states exported as ff_queue_jobs (completed is a retention artefact, not a backlog). */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

interface ScrapeSources {
  queues: QueueOverview[] | null;
  backlog: number | null;
  verification: { ageSeconds: number; valid: number } | null;
}

/** Requests that matched no route share one label, so a scan of random paths cannot blow up the series. */
const UNMATCHED = 'unmatched';

/**
 * Prometheus metrics of one api process (issue 17 item 4). Each instance has its own registry, so
 * several apps in one process (the e2e tests) do not collide. Queue depth, mail backlog and the
 * audit verification are read at scrape time; a source that fails is logged and left out of that
 * scrape instead of failing the whole answer.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(
    @Inject(APP_CONFIG) readonly config: AppConfig,
    private readonly jobs: JobsAdminService,
    private readonly outbox: MailOutboxService,
    private readonly verifications: AuditVerificationService,
    dataSource: DataSource,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ff_' });
    registerPoolMetrics(this.registry, dataSource, config.databasePoolSize);
    this.httpDuration = new Histogram({
      name: 'ff_http_request_duration_seconds',
      help: 'Duration of HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    // collect() runs with the gauge as `this`, so sources are reached through closures. prom-client
    // collects all metrics of a scrape concurrently; they share one read of the sources per scrape.
    const guard = async <T>(source: string, read: () => Promise<T>): Promise<T | null> => {
      try {
        return await read();
      } catch (err) {
        this.logger.warn(`metrics source "${source}" skipped: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      }
    };
    let current: Promise<ScrapeSources> | null = null;
    const sources = (): Promise<ScrapeSources> => {
      current ??= Promise.all([
        guard('queues', () => jobs.queues()),
        guard('mail_outbox', () => outbox.backlog()),
        guard('audit_verification', async () => {
          const { ageSeconds, valid } = await verifications.freshness();
          return { ageSeconds, valid: valid ? 1 : 0 };
        }),
      ])
        .then(([queues, backlog, verification]) => ({ queues, backlog, verification }))
        .finally(() => setImmediate(() => (current = null)));
      return current;
    };
    new Gauge({
      name: 'ff_metrics_source_up',
      help: 'Whether a scrape-time source answered in this scrape (1) or failed and was skipped (0)',
      labelNames: ['source'],
      registers: [this.registry],
      async collect() {
        const s = await sources();
        this.set({ source: 'queues' }, s.queues ? 1 : 0);
        this.set({ source: 'mail_outbox' }, s.backlog !== null ? 1 : 0);
        this.set({ source: 'audit_verification' }, s.verification ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ff_queue_jobs',
      help: 'BullMQ jobs per queue and state, read at scrape time',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const { queues } = await sources();
        // No stale series: a queue read that fails leaves the gauge empty for this scrape.
        this.reset();
        for (const q of queues ?? []) for (const state of QUEUE_STATES) this.set({ queue: q.queue, state }, q.counts[state] ?? 0);
      },
    });
    // A gauge without labels always has a sample; NaN says "unknown" when its source failed
    // (ff_metrics_source_up tells which), instead of repeating the last scrape's value.
    new Gauge({
      name: 'ff_mail_outbox_backlog',
      help: 'Mails in the outbox not yet sent (PENDING or SENDING)',
      registers: [this.registry],
      async collect() {
        this.set((await sources()).backlog ?? NaN);
      },
    });
    new Gauge({
      name: 'ff_audit_verification_age_seconds',
      help: 'Seconds since the last finished audit-chain verification (+Inf before the first)',
      registers: [this.registry],
      async collect() {
        this.set((await sources()).verification?.ageSeconds ?? NaN);
      },
    });
    new Gauge({
      name: 'ff_audit_verification_valid',
      help: 'Result of the last finished audit-chain verification: 1 chain intact, 0 broken, run failed or none yet',
      registers: [this.registry],
      async collect() {
        this.set((await sources()).verification?.valid ?? NaN);
      },
    });
  }

  /** The token scrapers must send; null when /metrics is open (outside production, none set). */
  get token(): string | null {
    return this.config.metricsToken;
  }

  /**
   * Express middleware timing every request. The route label is Express's matched pattern
   * (`/api/v1/organisations/:id`), known only once routing is done, so it is read on finish.
   * Cheap on purpose: one hrtime at the start, one observe at the end.
   */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      // Nest's own catch-all (`*path`, its 404 under the prefix) is no route of ours.
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      this.httpDuration.observe({ method: req.method, route: typeof route === 'string' && !route.startsWith('*') ? route : UNMATCHED, status: String(res.statusCode) }, seconds);
    });
    next();
  };

  get production(): boolean {
    return this.config.nodeEnv === 'production';
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
