import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { currentTenancy, type Tenancy } from '@foerderfluss/core';

/**
 * Row-level security (issue 20): the policies read these settings, which end with the transaction
 * (set_config(..., true) is SET LOCAL), so a pooled connection never carries one caller's Kreis into
 * the next caller's work. For code that runs its own transaction outside TransactionRunner (the
 * Belegliste import's COPY); `run` calls it for every transaction of a request or job with a tenancy.
 */
export async function applyTenancy(em: EntityManager, tenancy: Tenancy | undefined | null): Promise<void> {
  if (tenancy && (tenancy.districtId || tenancy.state)) {
    await em.query(`SELECT set_config('ff.district_id', $1, true), set_config('ff.tier', $2, true)`, [tenancy.districtId ?? '', tenancy.state ? 'STATE' : 'DISTRICT']);
  }
}

/** The running transaction and what is to happen once it has committed. */
interface RunningTransaction {
  em: EntityManager;
  afterCommit: (() => Promise<void>)[];
}

/**
 * Every state change runs inside exactly one of these transactions, together with its audit
 * event. A `run` inside a running one joins it (same connection, same commit), so a use case
 * that composes others (the demo replay, proposals from an allocation round) stays all or
 * nothing; `manager` inside a transaction is the transaction's, so reads see its own writes.
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger('TransactionRunner');
  private readonly current = new AsyncLocalStorage<RunningTransaction>();

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const active = this.current.getStore();
    if (active) return work(active.em);
    const running: RunningTransaction = { em: null as unknown as EntityManager, afterCommit: [] };
    const tenancy = currentTenancy();
    const result = await this.dataSource.transaction('READ COMMITTED', async (em) => {
      running.em = em;
      await applyTenancy(em, tenancy);
      return this.current.run(running, () => work(em));
    });
    // Committed: hand on what must not happen before the rows are visible to others (e.g. the job
    // that renders a letter written in this transaction). A failure here is logged, never thrown:
    // the change stands, and whoever registered the step has a sweep that catches up.
    for (const step of running.afterCommit) {
      try {
        await step();
      } catch (err) {
        this.logger.warn(`after-commit step failed: ${(err as Error).message}`);
      }
    }
    return result;
  }

  /**
   * Runs `step` once the outermost running transaction has committed (in the order registered),
   * and not at all when it rolls back. Answers false, registering nothing, when no transaction of
   * this runner is running (e.g. a seed's own transaction, whose commit it cannot see). Steps must
   * be idempotent and backed by a sweep: they are best effort (a crash right after the commit loses them).
   */
  afterCommit(step: () => Promise<void>): boolean {
    const active = this.current.getStore();
    if (!active) return false;
    active.afterCommit.push(step);
    return true;
  }

  get manager(): EntityManager {
    return this.current.getStore()?.em ?? this.dataSource.manager;
  }
}
