import type { EntityManager } from 'typeorm';
import { systemScope } from '@foerderfluss/core';
import type { TransactionRunner } from '@foerderfluss/database';
import { AuditedActions } from './audited-action';
import type { AuditService } from './audit.service';

/** A transaction runner that records what ran in it and rolls back (drops the writes) on an error. */
function fakes(auditFails = false) {
  const committed: string[] = [];
  const em = {} as EntityManager;
  const tx = {
    run: async <T>(work: (em: EntityManager) => Promise<T>): Promise<T> => {
      const writes: string[] = [];
      (em as unknown as { writes: string[] }).writes = writes;
      const result = await work(em);
      committed.push(...writes);
      return result;
    },
  } as unknown as TransactionRunner;
  const audit = {
    record: async (m: EntityManager, _scope: unknown, change: { action: string }) => {
      if (auditFails) throw new Error('audit down');
      (m as unknown as { writes: string[] }).writes.push(`audit:${change.action}`);
    },
  } as unknown as AuditService;
  return { actions: new AuditedActions(tx, audit), committed };
}

describe('AuditedActions: an action and its audit event in one transaction', () => {
  it('records the event with the action’s result, in the same transaction as the action’s writes', async () => {
    const { actions, committed } = fakes();
    const result = await actions.run(
      systemScope(),
      async (em) => {
        (em as unknown as { writes: string[] }).writes.push('mail:PENDING');
        return { id: 'job-1' };
      },
      (r) => ({ action: 'job.run', entity: 'Job', entityId: r.id }),
    );
    expect(result).toEqual({ id: 'job-1' });
    expect(committed).toEqual(['mail:PENDING', 'audit:job.run']);
  });

  it('an action that fails records nothing; an event that cannot be written takes the action’s writes with it', async () => {
    const ok = fakes();
    await expect(ok.actions.run(systemScope(), async () => Promise.reject(new Error('not failed')), () => ({ action: 'job.retry', entity: 'Job', entityId: 'x' }))).rejects.toThrow('not failed');
    expect(ok.committed).toEqual([]);
    const broken = fakes(true);
    await expect(
      broken.actions.run(
        systemScope(),
        async (em) => {
          (em as unknown as { writes: string[] }).writes.push('mail:PENDING');
        },
        () => ({ action: 'mail.retry', entity: 'MailOutbox', entityId: 'm' }),
      ),
    ).rejects.toThrow('audit down');
    expect(broken.committed).toEqual([]);
  });
});
