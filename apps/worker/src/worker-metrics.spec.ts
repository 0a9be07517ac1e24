import type { DataSource } from 'typeorm';
import { loadConfig } from '@foerderfluss/core';
import type { JobsAdminService } from '@foerderfluss/jobs';
import { WorkerMetrics } from './worker-metrics';

function metrics(queues: () => Promise<unknown[]> = () => Promise.resolve([])): WorkerMetrics {
  const jobs = { queues } as unknown as JobsAdminService;
  const dataSource = { driver: { master: { totalCount: 2, idleCount: 1, waitingCount: 0 } } } as unknown as DataSource;
  return new WorkerMetrics(loadConfig({ NODE_ENV: 'test' }), jobs, dataSource);
}

describe('worker metrics', () => {
  it('counts export and import rows apart, and no rows of other jobs', async () => {
    const m = metrics();
    m.countRows('proof-of-use.import-receipts', 1200);
    m.countRows('proof-of-use.import-receipts', 300);
    m.countRows('exports.generate', 50);
    m.countRows('mail.send', 7);
    m.countRows('exports.generate', Number.NaN);
    const text = await m.registry.metrics();
    expect(text).toMatch(/^ff_import_rows_total\{name="proof-of-use.import-receipts"\} 1500$/m);
    expect(text).toMatch(/^ff_export_rows_total\{name="exports.generate"\} 50$/m);
    expect(text).not.toContain('mail.send');
  });

  it('a queue read that fails leaves the queue series out of the scrape, not the scrape itself', async () => {
    const m = metrics(() => Promise.reject(new Error('redis down')));
    const warn = jest.spyOn((m as unknown as { logger: { warn: (s: string) => void } }).logger, 'warn').mockImplementation(() => undefined);
    m.observeJob('exports', 'exports.generate', 'completed', 1.5);
    const text = await m.registry.metrics();
    expect(text).not.toMatch(/^ff_queue_jobs\{/m);
    expect(text).toMatch(/^ff_job_duration_seconds_count\{queue="exports",name="exports.generate",status="completed"\} 1$/m);
    expect(text).toMatch(/^ff_db_pool_connections\{state="total"\} 2$/m);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('redis down'));
  });

  it('WORKER_METRICS_PORT=0 serves nothing', async () => {
    const m = metrics();
    await m.onApplicationBootstrap();
    expect(m.port).toBe(0);
    await m.onApplicationShutdown();
  });
});
