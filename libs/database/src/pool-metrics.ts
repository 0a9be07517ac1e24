import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** What node-postgres' Pool tells about itself (the fields prom-client reads). */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Connections of the process's pool: open (total), idle, and queries waiting for one. Null before the pool exists. */
export function poolCounts(dataSource: DataSource): { total: number; idle: number; waiting: number } | null {
  // TypeORM's Postgres driver keeps node-postgres' Pool as `master` (no replicas configured).
  const pool = (dataSource.driver as unknown as { master?: Partial<PgPoolCounts> }).master;
  if (!pool || typeof pool.totalCount !== 'number') return null;
  return { total: pool.totalCount, idle: pool.idleCount ?? 0, waiting: pool.waitingCount ?? 0 };
}

/**
 * ff_db_pool_connections{state} and ff_db_pool_max on `registry`, read at scrape time (issue 17
 * item 4, "DB pool use"; api and worker alike). `waiting` above 0 for a while means the pool
 * (DATABASE_POOL_SIZE) is too small for the load, or connections are held too long.
 */
export function registerPoolMetrics(registry: Registry, dataSource: DataSource, max: number): void {
  new Gauge({
    name: 'ff_db_pool_connections',
    help: 'PostgreSQL pool of this process: connections open (total), idle, and requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const counts = poolCounts(dataSource);
      this.reset();
      if (!counts) return;
      for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, counts[state]);
    },
  });
  new Gauge({ name: 'ff_db_pool_max', help: 'Size limit of the PostgreSQL pool (DATABASE_POOL_SIZE)', registers: [registry] }).set(max);
}
