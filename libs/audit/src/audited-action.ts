import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { type AuditChange, AuditService } from './audit.service';

/**
 * An action and its audit event as one use case in one transaction (job administration: retry a
 * job, run a schedule now, send a mail again). The action runs first, inside the transaction, so its
 * database writes join it; the event is then written with the action's result. If the action fails,
 * nothing is recorded; if the event cannot be written, the action's database writes roll back and
 * the caller sees the error (a queue command already sent stays sent: jobs are idempotent by id).
 */
@Injectable()
export class AuditedActions {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  run<T>(scope: Scope, action: (em: EntityManager) => Promise<T>, event: (result: T) => AuditChange): Promise<T> {
    return this.tx.run(async (em) => {
      const result = await action(em);
      await this.audit.record(em, scope, event(result));
      return result;
    });
  }
}
