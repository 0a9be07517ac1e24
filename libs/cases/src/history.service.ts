import { Injectable } from '@nestjs/common';
import { Clock, DomainError, isKreisSide, Page, Scope } from '@foerderfluss/core';
import { AuditService, AuditSubject } from '@foerderfluss/audit';
import { UserRepository } from '@foerderfluss/identity';
import { applicationNotFound, ApplicationRepository } from '@foerderfluss/applications';
import { decisionNotFound, DecisionRepository } from '@foerderfluss/decisions';
import { paymentRequestNotFound, PaymentRequestRepository } from '@foerderfluss/payments';
import { proofNotFound, ProofOfUseRepository, ReceiptRepository, recoveryNotFound, RecoveryRepository, settlementNotFound, SettlementRepository } from '@foerderfluss/proof-of-use';
import { TransactionRunner } from '@foerderfluss/database';
import type { PersonRef } from './cases.service';
import { FormattedAuditEvent, formatAuditEvent, userIdsIn } from './history-format';

/** The records whose history the Landratsamt and the Prüfung can open on the record itself. */
export const HISTORY_RECORD_TYPES = ['APPLICATION', 'DECISION', 'PAYMENT_REQUEST', 'PROOF_OF_USE', 'SETTLEMENT', 'RECOVERY'] as const;
export type HistoryRecordType = (typeof HISTORY_RECORD_TYPES)[number];

/** One event of a record's history, in German. */
export interface HistoryEntry extends FormattedAuditEvent {
  id: string;
  occurredAt: Date;
  /** Who did it, by display name; null for the system (jobs, the demo replay). */
  actor: PersonRef | null;
  action: string;
  entity: string;
  entityId: string;
}

const NOT_FOUND: Readonly<Record<HistoryRecordType, () => DomainError>> = {
  APPLICATION: applicationNotFound,
  DECISION: decisionNotFound,
  PAYMENT_REQUEST: paymentRequestNotFound,
  PROOF_OF_USE: proofNotFound,
  SETTLEMENT: settlementNotFound,
  RECOVERY: recoveryNotFound,
};

/**
 * History on the record (issue 16 item 8): the audit events of the record the caller is looking
 * at and of its parts, not the whole log. What belongs to a record:
 *
 * | record | events |
 * |---|---|
 * | Antrag | the Antrag's own (lifecycle, review, messages, Zustimmungen, assignment, Wiedervorlagen), its Anlagen, its Eingangsbestätigungen |
 * | Bescheid/Vertrag | the decision's own (every version proposed, approved, returned; closing; assignment, Wiedervorlagen), its letters |
 * | Mittelabruf | its own |
 * | Verwendungsnachweis | its own (with every step of the Prüfung), its Belege (also deleted ones), Belegliste imports, Anlagen |
 * | Festsetzung | its own |
 * | Rückforderung | its own (payments booked on it, assignment, Wiedervorlagen) and the approval of the Festsetzung that created it |
 *
 * Who may read it: the Landratsamt (ADMIN, STAFF, APPROVER) and the Prüfung (AUDITOR), for a record
 * their scope shows (read through the record's own repository). A Träger gets 404 in this issue,
 * as for a record it may not see. Newest first, paged like the log.
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly users: UserRepository,
    private readonly applications: ApplicationRepository,
    private readonly decisions: DecisionRepository,
    private readonly paymentRequests: PaymentRequestRepository,
    private readonly proofs: ProofOfUseRepository,
    private readonly settlements: SettlementRepository,
    private readonly recoveries: RecoveryRepository,
    private readonly receipts: ReceiptRepository,
  ) {}

  async history(scope: Scope, type: HistoryRecordType, id: string, params: { limit?: number; cursor?: string } = {}): Promise<Page<HistoryEntry>> {
    if (!isKreisSide(scope)) throw NOT_FOUND[type]();
    const subjects = await this.subjectsOf(scope, type, id);
    const page = await this.audit.list(scope, { subjects, limit: params.limit, cursor: params.cursor });
    const ids = new Set<string>();
    for (const e of page.items) {
      if (e.actorId) ids.add(e.actorId);
      for (const u of userIdsIn(e)) ids.add(u);
    }
    const names = new Map((await this.users.displayNames(this.tx.manager, [...ids])).map((u) => [u.id, u.displayName]));
    const receiptNumbers = type === 'PROOF_OF_USE' ? await this.reviewedReceipts(id, page.items) : new Map<string, string>();
    return {
      items: page.items.map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt,
        actor: e.actorId ? { id: e.actorId, displayName: names.get(e.actorId) ?? e.actorEmail ?? 'unbekannte Person' } : null,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        ...formatAuditEvent(e, names, this.clock.timeZone),
        ...(receiptNumbers.has(e.id) ? { subject: `Beleg ${receiptNumbers.get(e.id)}` } : {}),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The Belegnummer each Beleg decision of this page is about (the event names the Beleg by id only), by event id. */
  private async reviewedReceipts(proofId: string, events: readonly { id: string; action: string; after: unknown }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const e of events) {
      const receiptId = e.action === 'proof.review.receipt' ? (e.after as { receiptId?: unknown } | null)?.receiptId : undefined;
      if (typeof receiptId !== 'string') continue;
      const receipt = await this.receipts.findOne(this.tx.manager, proofId, receiptId);
      if (receipt) out.set(e.id, receipt.receiptNumber);
    }
    return out;
  }

  /** The record (through its own repository, so the caller's scope applies) and the events that belong to it. */
  private async subjectsOf(scope: Scope, type: HistoryRecordType, id: string): Promise<AuditSubject[]> {
    switch (type) {
      case 'APPLICATION':
        await this.applications.get(scope, id);
        return [
          { entity: 'Application', ids: [id] },
          { entity: 'Attachment', parent: { key: 'ownerId', id } },
          { entity: 'GeneratedDocument', parent: { key: 'applicationId', id } },
        ];
      case 'DECISION':
        await this.decisions.get(scope, id);
        return [
          { entity: 'Decision', ids: [id] },
          { entity: 'GeneratedDocument', parent: { key: 'decisionId', id } },
        ];
      case 'PAYMENT_REQUEST':
        await this.paymentRequests.get(scope, id);
        return [{ entity: 'PaymentRequest', ids: [id] }];
      case 'PROOF_OF_USE':
        await this.proofs.get(scope, id);
        return [
          { entity: 'ProofOfUse', ids: [id] },
          { entity: 'Receipt', parent: { key: 'proofId', id } },
          { entity: 'ReceiptImport', parent: { key: 'proofId', id } },
          { entity: 'Attachment', parent: { key: 'ownerId', id } },
        ];
      case 'SETTLEMENT':
        await this.settlements.get(scope, id);
        return [{ entity: 'Settlement', ids: [id] }];
      case 'RECOVERY':
        await this.recoveries.get(scope, id);
        // The Festsetzung that created it comes first (its approval names the recovery).
        return [
          { entity: 'Recovery', ids: [id] },
          { entity: 'Settlement', parent: { key: 'recoveryId', id } },
        ];
    }
  }
}
