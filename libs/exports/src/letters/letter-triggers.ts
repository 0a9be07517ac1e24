import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditChange, AuditService } from '@foerderfluss/audit';
import type { Scope } from '@foerderfluss/core';
import { LetterDocumentsService, type LetterSourceFilter } from './letter-documents.service';

/** Which letters an audited action issues: the sources to look at, or null for none. */
type Trigger = (change: AuditChange) => LetterSourceFilter | null;

const after = (change: AuditChange): Record<string, unknown> => (change.after && typeof change.after === 'object' ? (change.after as Record<string, unknown>) : {});
const id = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The actions that issue a letter, and which: the action's audit event names the record.
 * - `application.submit`: the Eingangsbestätigung of the submitted version;
 * - `decision.approve`: the Bescheid/Vertrag, Ablehnung, Änderungsbescheid/-vertrag or
 *   Widerrufsbescheid/Kündigung of the version just approved;
 * - `proof.review.complete`: the Prüfvermerk;
 * - `settlement.approve`: the Rückforderungsbescheid (or Zahlungsaufforderung) of the recovery it
 *   opened, or the Festsetzungsbescheid when nothing is to be recovered;
 * - `recovery.dunning`: the Mahnung just written by the dunning scan.
 */
export const LETTER_TRIGGERS: Readonly<Record<string, Trigger>> = {
  'application.submit': (c) => ({ applicationId: c.entityId }),
  'decision.approve': (c) => ({ decisionId: c.entityId }),
  'proof.review.complete': (c) => ({ proofId: c.entityId }),
  'settlement.approve': (c) => {
    const recoveryId = id(after(c).recoveryId);
    const decisionId = id(after(c).decisionId);
    return recoveryId ? { recoveryId } : decisionId ? { decisionId } : null;
  },
  'recovery.dunning': (c) => {
    const dunningId = id(after(c).dunningId);
    return dunningId ? { dunningId } : null;
  },
};

/**
 * Letters at once (issue 16 item 3): the action that issues a letter writes the letter's row in its
 * own transaction, and the render job is queued right after the commit.
 *
 * Why an audit listener: every issuing action already records its audit event inside its
 * transaction, and the letters lib sits above applications, decisions and proof-of-use, which must
 * not import it (the same way notifications reach the Träger). A rolled-back action leaves no
 * letter; a committed one always has its row, PENDING until the worker renders it. If the queue is
 * away after the commit, the row waits and the sweep `letters.scan` queues it.
 */
@Injectable()
export class LetterTriggers implements OnModuleInit, OnModuleDestroy {
  private unregister: (() => void) | null = null;

  constructor(
    private readonly audit: AuditService,
    private readonly letters: LetterDocumentsService,
  ) {}

  onModuleInit(): void {
    this.unregister = this.audit.addListener((em, scope, change) => this.onEvent(em, scope, change).then(() => undefined));
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }

  /** The letters an audited change issues, written in its transaction; their ids. */
  async onEvent(em: EntityManager, scope: Scope, change: AuditChange): Promise<string[]> {
    const trigger = LETTER_TRIGGERS[change.action];
    const only = trigger ? trigger(change) : null;
    if (!only) return [];
    const created = await this.letters.scheduleDue(em, only, scope.userId);
    return created.map((c) => c.id);
  }
}
