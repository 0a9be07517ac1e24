import { Injectable } from '@nestjs/common';
import { TransactionRunner } from './transaction';

/** What the readiness check asks of the database, so the api's health controller holds no SQL. */
@Injectable()
export class DatabaseHealth {
  constructor(private readonly tx: TransactionRunner) {}

  /** Names of the migrations this database carries (throws when the table cannot be read). */
  async appliedMigrations(): Promise<Set<string>> {
    const rows = (await this.tx.manager.query('SELECT name FROM schema_migration')) as { name: string }[];
    return new Set(rows.map((r) => r.name));
  }

  /** Of the migrations a build knows, those the database does not carry yet. */
  async pendingMigrations(known: readonly string[]): Promise<{ applied: number; pending: string[] }> {
    const applied = await this.appliedMigrations();
    return { applied: applied.size, pending: known.filter((n) => !applied.has(n)) };
  }
}
