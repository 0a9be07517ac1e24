import type { DataSource } from 'typeorm';
import { loadConfig } from '@foerderfluss/core';
import type { AuditVerificationService } from '@foerderfluss/audit';
import type { JobsAdminService } from '@foerderfluss/jobs';
import type { MailOutboxService } from '@foerderfluss/notifications';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

const PRODUCTION_ENV = { NODE_ENV: 'production', JWT_SECRET: 'production-secret-production-secret-0123', SEED_DEMO: 'false', DISTRICT_DEBTOR_IBAN: 'DE89370400440532013000', SMTP_HOST: 'relay.example', AUDIT_SIGNING_KEY: 'k'.repeat(44) };

function service(env: Record<string, string>, sources: { queues?: () => Promise<never>; backlog?: () => Promise<number> } = {}): MetricsService {
  const jobs = { queues: sources.queues ?? (() => Promise.resolve([])) } as unknown as JobsAdminService;
  const outbox = { backlog: sources.backlog ?? (() => Promise.resolve(3)) } as unknown as MailOutboxService;
  const verifications = { freshness: () => Promise.resolve({ finishedAt: null, ageSeconds: Infinity, valid: false }) } as unknown as AuditVerificationService;
  // A pool as node-postgres reports it (TypeORM's driver.master).
  const dataSource = { driver: { master: { totalCount: 4, idleCount: 3, waitingCount: 0 } } } as unknown as DataSource;
  return new MetricsService(loadConfig(env), jobs, outbox, verifications, dataSource);
}

/** What the controller sent through express's response. */
function fakeResponse() {
  const sent: { status?: number; type?: string; body?: string } = {};
  const res = {
    status(code: number) {
      sent.status = code;
      return res;
    },
    type(t: string) {
      sent.type = t;
      return res;
    },
    send(body: string) {
      sent.body = body;
      return res;
    },
  };
  return { res: res as never, sent };
}

describe('metrics', () => {
  it('production without METRICS_TOKEN: /metrics is absent (404), even for a caller with a token', async () => {
    const controller = new MetricsController(service(PRODUCTION_ENV));
    const { res, sent } = fakeResponse();
    await expect(controller.scrape(undefined, res)).rejects.toMatchObject({ status: 404 });
    await expect(controller.scrape('Bearer anything', res)).rejects.toMatchObject({ status: 404 });
    expect(sent.body).toBeUndefined();
  });

  it('production with METRICS_TOKEN: only the token opens it', async () => {
    const controller = new MetricsController(service({ ...PRODUCTION_ENV, METRICS_TOKEN: 'prod-scrape-token-0123456789' }));
    const { res, sent } = fakeResponse();
    await expect(controller.scrape(undefined, res)).rejects.toMatchObject({ status: 401, code: 'METRICS_UNAUTHORIZED' });
    await expect(controller.scrape('Bearer prod-scrape-token-012345678', res)).rejects.toMatchObject({ status: 401 });
    await controller.scrape('Bearer prod-scrape-token-0123456789', res);
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('ff_mail_outbox_backlog 3');
    expect(sent.body).toContain('ff_db_pool_connections{state="idle"} 3');
  });

  it('a failing source is logged and skipped; the scrape still answers', async () => {
    const metrics = service({ NODE_ENV: 'test' }, { queues: () => Promise.reject(new Error('redis down')), backlog: () => Promise.reject(new Error('db down')) });
    const warn = jest.spyOn((metrics as unknown as { logger: { warn: (m: string) => void } }).logger, 'warn').mockImplementation(() => undefined);
    const text = await metrics.render();
    expect(text).not.toMatch(/^ff_queue_jobs\{/m);
    expect(text).toContain('ff_mail_outbox_backlog Nan');
    expect(text).toContain('ff_metrics_source_up{source="queues"} 0');
    expect(text).toContain('ff_metrics_source_up{source="mail_outbox"} 0');
    expect(text).toContain('ff_metrics_source_up{source="audit_verification"} 1');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('redis down'));
  });
});
