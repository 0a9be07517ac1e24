import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Every state change runs inside exactly one of these transactions, together with its audit
 * event. A `run` inside a running one joins it (same connection, same commit), so a use case
 * that composes others (the demo replay, proposals from an allocation round) stays all or
 * nothing; `manager` inside a transaction is the transaction's, so reads see its own writes.
 */
@Injectable()
export class TransactionRunner {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const active = this.current.getStore();
    if (active) return work(active);
    return this.dataSource.transaction('READ COMMITTED', (em) => this.current.run(em, () => work(em)));
  }

  get manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
  }
}
