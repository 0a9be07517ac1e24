import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { DeniedRecord, deniedRecords } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import type { AuthenticatedUser } from '@foerderfluss/identity';

export type ApiRequest = Request & { id?: string; user?: AuthenticatedUser };

/**
 * Records refused access as `access.denied` (issue 18 item 7): every 403, and every other refusal
 * of a signed-in caller for which ScopedRepository noted a record that exists outside the caller's
 * scope (the 404 a Träger gets for another Träger's Antrag). Decided here, once, from what the error
 * filter sees, not per controller.
 *
 * Every refusal is one event, also when one user hammers: the audit log is where such probing must
 * show. Writing it must never change the answer: a failed write is logged and the caller still gets
 * its 403/404, not a 500.
 */
@Injectable()
export class AccessDeniedAudit {
  private readonly logger = new Logger('AccessDeniedAudit');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /** Whether this refusal is recorded: a signed-in caller, a client error, refused or scoped out. */
  applies(req: ApiRequest, status: number): boolean {
    if (!req.user || status < 400 || status >= 500) return false;
    return status === 403 || deniedRecords().length > 0;
  }

  async record(req: ApiRequest, status: number, code: string): Promise<void> {
    const user = req.user!;
    const records: readonly DeniedRecord[] = deniedRecords();
    const first = records[0];
    const params = { ...(req.params ?? {}) } as Record<string, string>;
    const route = (req.route as { path?: string } | undefined)?.path ?? null;
    const path = req.originalUrl?.split('?')[0] ?? req.path;
    try {
      await this.tx.run((em) =>
        this.audit.record(em, { ...user, requestId: req.id ? String(req.id) : user.requestId }, {
          action: 'access.denied',
          entity: first?.entity ?? 'Route',
          entityId: first?.id ?? params.id ?? `${req.method} ${route ?? path}`,
          // No headers, query or body: the token, a password or an IBAN must not reach the log.
          after: { method: req.method, route, path, params, status, code, records: [...records] },
        }),
      );
    } catch (err) {
      this.logger.warn(`access.denied for ${req.method} ${path} [${req.id ?? '-'}] not recorded: ${(err as Error).message}`);
    }
  }
}
