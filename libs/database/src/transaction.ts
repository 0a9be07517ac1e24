import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Every state change runs inside exactly one of these transactions, together with its audit
 * event. Services receive the EntityManager and pass it down; nothing opens a second one.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  /** For the rare use case that needs a consistent snapshot across several reads. */
  runSerializable<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('SERIALIZABLE', work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
